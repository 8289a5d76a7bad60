"""The help skill's words, kept apart from its logic so they can be read and edited in one place."""

from __future__ import annotations

from collections.abc import Sequence

from bot.skill import SkillInfo

DISCLOSURE = (
    "I'm coachbot, your training assistant. I only help with your fitness goals, training "
    "plans and coaching sessions — I can't write code or answer general questions."
)


def _capability_lines(skills: Sequence[SkillInfo]) -> str:
    lines = []
    for info in skills:
        example = f" — try “{info.examples[0]}”" if info.examples else ""
        lines.append(f"• {info.summary}{example}")
    return "\n".join(lines)


def _commands(catalog: Sequence[SkillInfo]) -> str:
    commands = sorted({c for info in catalog for c in info.commands} | {"/cancel"})
    return "Commands: " + ", ".join(commands)


def overview(others: Sequence[SkillInfo], catalog: Sequence[SkillInfo]) -> str:
    if not others:
        return (
            f"{DISCLOSURE}\n\nNo coaching skills are switched on yet, so for now I can only "
            f"show you this overview.\n{_commands(catalog)}"
        )
    capabilities = _capability_lines(others)
    return f"{DISCLOSURE}\n\nHere's what I can do:\n{capabilities}\n\n{_commands(catalog)}"


def scope_reminder(others: Sequence[SkillInfo]) -> str:
    if not others:
        return f"{DISCLOSURE} Type /help to see what's available."
    return (
        "I'm not sure how to help with that — I'm here for your training.\n"
        f"Here's what I can do:\n{_capability_lines(others)}"
    )


def off_topic_decline(others: Sequence[SkillInfo]) -> str:
    text = "That's outside what I can help with — I only help with your training."
    if others:
        text += f"\nHere's what I can do:\n{_capability_lines(others)}"
    return text


def medical_decline(others: Sequence[SkillInfo]) -> str:
    text = (
        "I can't give medical advice — a doctor or physio is the right person for that. "
        "Once you're cleared to train, I'm happy to help you plan it."
    )
    if others:
        text += f"\nHere's what I can do:\n{_capability_lines(others)}"
    return text


def pointer_to(target: SkillInfo) -> str:
    what = target.summary[0].lower() + target.summary[1:]
    return f"I can help with that: {what} Tap a suggestion or say it your way."


def unknown_command(command: str, catalog: Sequence[SkillInfo]) -> str:
    return f"I don't know the command {command}. {_commands(catalog)}"
