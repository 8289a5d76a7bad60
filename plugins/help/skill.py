from __future__ import annotations

import re

from bot.skill import Chip, Reply, Skill, SkillContext, SkillInfo, Turn
from plugins.help.copy import (
    medical_decline,
    off_topic_decline,
    overview,
    pointer_to,
    scope_reminder,
    unknown_command,
)

# Messages that ask for help or just say hello. Matching is on the whole, normalised message so
# "help me run 5 km" is left to the skills that can actually do that.
_HELP_REQUEST = re.compile(
    r"^(?:hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening)|thanks?|thank you|"
    r"help|help me|menu|commands|start|options|"
    r"what can (?:you|u) do|what do you do|who are you|how does this work|how do i use this|"
    r"what are my options)(?: there)?(?: coachbot)?[\s!?.]*$",
    re.IGNORECASE,
)

MAX_CHIPS = 4


class HelpSkill(Skill):
    name = "help"
    summary = "Explains what coachbot can do and how to ask for it."
    commands = ("/help", "/start")
    examples = ("What can you do?", "/help")

    def intent(self, turn: Turn) -> float:
        return 1.0 if _HELP_REQUEST.match(turn.text.strip()) else 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        others = [info for info in ctx.catalog if info.name != self.name]
        if turn.command is not None and turn.command not in self.commands:
            return Reply(text=unknown_command(turn.command, ctx.catalog), chips=_chips(others))
        if turn.command is not None or self.intent(turn) > 0:
            return Reply(text=overview(others, ctx.catalog), chips=_chips(others))
        if "medical_question" in turn.flags:
            return Reply.refusal(medical_decline(others), chips=_chips(others))
        if ctx.llm.available:
            return await self._classify_with_llm(turn, ctx, others)
        return Reply(text=scope_reminder(others), chips=_chips(others))

    async def _classify_with_llm(
        self, turn: Turn, ctx: SkillContext, others: list[SkillInfo]
    ) -> Reply:
        skills_text = "\n".join(f"- {i.name}: {i.summary}" for i in others) or "- (none yet)"
        result = await ctx.llm.structured(
            "scope_check",
            {"skills": skills_text, "message": turn.text},
            allow_lists={"skill": [*(i.name for i in others), "none"]},
        )
        if not result.ok or result.data is None:
            return Reply(text=scope_reminder(others), chips=_chips(others), flags=result.flags)
        topic = result.data["topic"]
        if topic in ("greeting", "help"):
            return Reply(text=overview(others, ctx.catalog), chips=_chips(others))
        if topic == "medical":
            return Reply.refusal(medical_decline(others), chips=_chips(others))
        if topic in ("off_topic", "harmful"):
            return Reply.refusal(off_topic_decline(others), chips=_chips(others), flags=(topic,))
        target = next((i for i in others if i.name == result.data["skill"]), None)
        if target is None:
            return Reply(text=scope_reminder(others), chips=_chips(others))
        suggestion = result.data["suggestion"].strip()
        chips = [Chip(label=_label(suggestion), value=suggestion)] if suggestion else []
        return Reply(
            text=pointer_to(target), chips=chips + _chips([target])[: MAX_CHIPS - len(chips)]
        )


def _chips(infos: list[SkillInfo]) -> list[Chip]:
    chips: list[Chip] = []
    for info in infos:
        for example in info.examples[:2]:
            if len(chips) < MAX_CHIPS:
                chips.append(Chip(label=_label(example), value=example))
    return chips


def _label(text: str) -> str:
    return text if len(text) <= 40 else text[:39].rstrip() + "…"
