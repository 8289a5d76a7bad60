"""Routing order: explicit command → open flow → intent → fallback."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.messages import Reply, Turn
from bot.router import parse_command, route
from bot.skill import Skill, SkillContext


class Runs(Skill):
    name = "runs"
    summary = "Logs runs."
    commands = ("/run",)

    def intent(self, turn: Turn) -> float:
        return 0.9 if "run" in turn.text else 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        return Reply(text="ok")


class Rucks(Skill):
    name = "rucks"
    summary = "Logs rucks."

    def intent(self, turn: Turn) -> float:
        return 0.9 if "ruck" in turn.text else 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        return Reply(text="ok")


class Fallback(Skill):
    name = "help"
    summary = "Help."
    commands = ("/help",)

    def intent(self, turn: Turn) -> float:
        return 1.0 if turn.text == "help" else 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        return Reply(text="help")


SKILLS = sorted([Runs(), Rucks(), Fallback()], key=lambda s: s.name)


def turn(text: str) -> Turn:
    command = parse_command(text)
    return Turn(
        turn_id="t",
        user_id="u",
        conversation_id="c",
        channel="test",
        text=text,
        received_at=datetime(2026, 1, 1, tzinfo=UTC),
        command=command[0] if command else None,
        args=command[1] if command else "",
    )


def test_parse_command() -> None:
    assert parse_command("/Goal 50 km this month") == ("/goal", "50 km this month")
    assert parse_command("  /help ") == ("/help", "")
    assert parse_command("50/50 split") is None
    assert parse_command("/ not a command") is None


def test_command_beats_flow_and_intent() -> None:
    r = route(turn("/run ruck day"), SKILLS, flow_skill="rucks", fallback="help")
    assert (r.skill, r.reason) == ("runs", "command")


def test_open_flow_beats_intent() -> None:
    r = route(turn("a run tomorrow"), SKILLS, flow_skill="rucks", fallback="help")
    assert (r.skill, r.reason) == ("rucks", "flow")


def test_intent_then_fallback() -> None:
    assert route(turn("ruck 5 km"), SKILLS, flow_skill=None, fallback="help").skill == "rucks"
    r = route(turn("what's the weather"), SKILLS, flow_skill=None, fallback="help")
    assert (r.skill, r.reason) == ("help", "fallback")
    r = route(turn("help"), SKILLS, flow_skill=None, fallback="help")
    assert (r.skill, r.reason) == ("help", "intent")


def test_ties_go_to_the_first_skill_by_name_every_time() -> None:
    routes = {
        route(turn("run or ruck"), SKILLS, flow_skill=None, fallback="help").skill for _ in range(5)
    }
    assert routes == {"rucks"}


def test_unknown_command_and_cancel() -> None:
    assert (
        route(turn("/dance"), SKILLS, flow_skill=None, fallback="help").reason == "unknown_command"
    )
    r = route(turn("/cancel"), SKILLS, flow_skill="rucks", fallback="help")
    assert (r.skill, r.reason) == (None, "cancel")
    said = route(turn("Never mind!"), SKILLS, flow_skill=None, fallback="help")
    assert (said.skill, said.reason) == (None, "cancel")
    in_flow = route(turn("cancel"), SKILLS, flow_skill="rucks", fallback="help")
    assert (in_flow.skill, in_flow.reason) == ("rucks", "flow")  # the flow's skill reads it


def test_a_flow_of_an_uninstalled_skill_is_ignored() -> None:
    r = route(turn("hello"), SKILLS, flow_skill="gone", fallback="help")
    assert r.reason == "fallback"
