"""What the goals skill says in chat, in one place so tone stays consistent."""

from __future__ import annotations

from bot.skill import Chip

DISCLOSURE = (
    "This assistant only creates fitness goals. It can't write code or answer general questions."
)

TEMPLATES: tuple[tuple[str, str], ...] = (
    ("Distance per month", "Ruck 50 km this month"),
    ("Sessions per week", "3 rucks a week"),
    ("Streak", "A 14-day walking streak"),
    ("Elevation", "1,000 m of climbing this month"),
    ("Time on feet", "5 hours a week"),
    ("Load", "2 sessions a week with at least 20 lb"),
    ("Steps", "10,000 steps a day"),
    ("Power points", "2,000 power points this month"),
)


def template_chips(limit: int = 4) -> list[Chip]:
    return [Chip(label=label, value=value) for label, value in TEMPLATES[:limit]]


def not_a_goal() -> str:
    kinds = ", ".join(label.lower() for label, _ in TEMPLATES)
    return (
        f"I can only help you set fitness goals that your workouts can measure: {kinds}. "
        "Want to try one of these?"
    )


def vague_goal() -> str:
    return (
        "A good goal is specific and fits your week. Most people start with a number of "
        "sessions per week or a distance for the month — pick one, or tell me your own:"
    )


def off_topic_in_flow(question: str) -> str:
    return f"I can only help with your goal here. {question}"


def created(title: str) -> str:
    return f"Done — “{title}” is set. I'll track it from your workouts."


def ask_which(action: str) -> str:
    return f"Which goal should I {action}?"


def no_goals_yet() -> str:
    return "You have no goals yet. Tell me one in your own words, or start from one of these:"


def limit_reached(limit: int) -> str:
    return (
        f"You already have {limit} active goals. Pause, finish or delete one first — "
        "type /goal to see them."
    )


def no_goal_counts_it() -> str:
    return "None of your active goals counts it yet — want to set one?"


def back_to_the_draft() -> str:
    return "Your new goal is still waiting — carry on where we left it, or say cancel."


def implausible_workout() -> str:
    return (
        "That's more than one workout can hold (up to 1,000 km, a week of time, 200 kg of "
        "load). Could you check the numbers?"
    )
