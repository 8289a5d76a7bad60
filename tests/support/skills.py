"""Small real skills that exercise the engine's contract in tests (not mocks: plugins)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import ClassVar

from bot.skill import Card, CardField, Chip, Reply, Skill, SkillContext, Turn


class TallySkill(Skill):
    """A multi-turn flow: /tally opens it, every message adds one, "done" closes it."""

    name = "tally"
    summary = "Counts with you."
    commands = ("/tally",)
    examples = ("/tally",)
    max_flow_turns = 4

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        count = (ctx.flow or {}).get("count", 0) + 1
        if turn.text == "done":
            return Reply(text=f"Final count {count - 1}.")
        return Reply(text=f"Count {count}.", flow={"count": count})


class SlowSkill(Skill):
    """Takes a while and records when it ran, to show turns of a conversation never overlap."""

    name = "slow"
    summary = "Thinks slowly."
    commands = ("/slow",)
    spans: ClassVar[list[tuple[str, str]]] = []

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        seen = (ctx.flow or {}).get("seen", 0)
        self.spans.append(("start", turn.args))
        await asyncio.sleep(_seconds(turn.args, default=0.15))
        self.spans.append(("end", turn.args))
        return Reply(text=f"{turn.args} saw {seen} before", flow={"seen": seen + 1})


def _seconds(text: str, default: float) -> float:
    try:
        return float(text)
    except ValueError:
        return default


class StreamSkill(Skill):
    """Streams its answer word by word; "/stream leak" slips a link into the middle."""

    name = "stream"
    summary = "Streams."
    commands = ("/stream",)

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        words = ["Easy ", "run ", "today, ", "then ", "rest."]
        if turn.args == "leak":
            words[2:2] = ["see ", "http", "s://exa", "mple.com/x ", "for more "]

        async def chunks() -> AsyncIterator[str]:
            for word in words:
                await asyncio.sleep(0)
                yield word

        return Reply(stream=chunks(), text="Take an easy day today.")


class BrokenSkill(Skill):
    name = "broken"
    summary = "Fails."
    commands = ("/broken",)

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        raise RuntimeError("database password is hunter2")


class LeakySkill(Skill):
    """Puts contact details in its answer, which the output checks must stop."""

    name = "leaky"
    summary = "Overshares."
    commands = ("/leaky",)

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        return Reply(text="Email coach.dan@example.com or visit www.example.com for a plan.")


class PickySkill(Skill):
    """Declines anything that is not about its topic, like a real skill does."""

    name = "picky"
    summary = "Only talks about kettlebells."
    commands = ("/picky",)
    examples = ("/picky kettlebell swings",)

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        if "kettlebell" in turn.args:
            return Reply(text="Swing away.")
        return Reply.refusal("I only do kettlebells.")


class KettlebellSkill(Skill):
    """Recognises kettlebell talk by intent alone, to take turns an open flow lets go of."""

    name = "kettlebell"
    summary = "Logs kettlebell swings."

    def intent(self, turn: Turn) -> float:
        return 0.9 if "kettlebell" in turn.text.lower() else 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        return Reply(text="Logged your swings.")


class QuizSkill(Skill):
    """A one-question flow: "/quiz" asks, "a" or "b" answers, anything else is not understood
    and leaves the question open for another skill to answer aside."""

    name = "quiz"
    summary = "Asks one question."
    commands = ("/quiz",)

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        asked = (ctx.flow or {}).get("asked", 0) + 1
        if ctx.flow and turn.text in ("a", "b"):
            return Reply(text=f"You picked {turn.text} after {asked - 1} questions.")
        return Reply(
            text="Pick a or b.",
            chips=[Chip(label="A", value="a"), Chip(label="B", value="b")],
            flow={"asked": asked},
            unclaimed=ctx.flow is not None,
        )


class CoachNoteSkill(Skill):
    """Streams a free-text LLM answer through ``ctx.llm.stream_text``, with its own prompt."""

    name = "coachnote"
    summary = "Answers a training question in two sentences."
    commands = ("/ask",)
    examples = ("/ask how fast should easy runs be?",)
    prompts_dir = Path(__file__).parent / "prompts"

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        fallback = "I can't answer that right now — try again in a moment."
        if not ctx.llm.available:
            return Reply(text=fallback)
        return Reply(
            stream=ctx.llm.stream_text("coach_note", {"question": turn.args}), text=fallback
        )


class WeekSkill(Skill):
    """Streams a short intro, then a plan-week card with fields and an action. "/week hold"
    pauses after the first chunk until ``release`` is set, so a test can see a reply mid-stream;
    "/week confirm" is what the card's action sends."""

    name = "week"
    summary = "Shows a plan week."
    commands = ("/week",)
    release: ClassVar[asyncio.Event] = asyncio.Event()

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        if turn.args == "confirm":
            return Reply(text="Plan confirmed.")
        hold = turn.args == "hold"

        async def chunks() -> AsyncIterator[str]:
            for i, word in enumerate(["Here's ", "your first ", "week."]):
                await asyncio.sleep(0)
                yield word
                if hold and i == 0:
                    await WeekSkill.release.wait()

        card = Card(
            kind="plan_week",
            title="Week 1 — base building",
            subtitle="3 runs, 1 strength session",
            fields=(
                CardField(label="Mon", value="Easy run · 30 min"),
                CardField(label="Wed", value="Strength · 40 min"),
                CardField(label="Sat", value="Long run · 60 min"),
            ),
            data={"week": 1},
            actions=(Chip(label="Looks good", value="/week confirm"),),
        )
        return Reply(stream=chunks(), text="Here's your first week.", cards=[card])
