"""Takes one turn from any channel through the pipeline and back out.

    size check → lock the conversation → load state → turn limits → prefilter
    → route (command, flow, intent, fallback) → skill → output checks on everything sent
    → save state + messages + audit

Nothing here knows a skill by name; the fallback skill is a setting.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pymongo.asynchronous.database import AsyncDatabase

from bot.llm.client import LLM
from bot.llm.provider import LLMError
from bot.locks import ConversationLocks, LocalLocks, LockTimeout
from bot.messages import Chip, Reply, Turn
from bot.router import Route, best_intent, parse_command, route
from bot.settings import Settings
from bot.skill import Clock, Skill, SkillContext, UserProfile
from guardrails import (
    StreamGuard,
    TurnLimits,
    compose_refusal,
    flow_exhausted,
    offtopic_cap_reached,
    scan_input,
    scan_output,
    seconds_until_next_turn,
)
from storage.audit import AuditLog
from storage.conversations import ConversationRecord, ConversationStore
from storage.counters import DailyCounters
from storage.specs import CollectionSpec, merge_specs

log = logging.getLogger(__name__)

OnChunk = Callable[[str], Awaitable[None]]


class DailyCounter(Protocol):
    """Counts per user and day (refusals); the service swaps in a Redis-backed one."""

    async def increment(self, user_id: str, name: str, now: datetime) -> int: ...


OFFTOPIC_COUNTER = "offtopic_refusals"
MAX_SUGGESTIONS = 4


@dataclass
class TurnResult:
    turn_id: str
    outcome: str
    """The skill that served the turn, ``refused`` (a guardrail or the skill declined), or
    ``limited`` (too fast, conversation busy, flow too long, invalid input)."""
    reply: Reply
    flags: tuple[str, ...]
    route: str | None = None


class Engine:
    def __init__(
        self,
        *,
        skills: Sequence[Skill],
        db: AsyncDatabase[dict[str, Any]],
        llm: LLM,
        clock: Clock,
        settings: Settings,
        locks: ConversationLocks | None = None,
    ) -> None:
        names = [s.name for s in skills]
        if len(set(names)) != len(names):
            raise ValueError(f"skill names must be unique: {names}")
        self.skills = sorted(skills, key=lambda s: s.name)
        self.catalog = tuple(s.info() for s in self.skills)
        self.db = db
        self.llm = llm
        self.clock = clock
        self.settings = settings
        self.locks: ConversationLocks = locks or LocalLocks()
        self.conversations = ConversationStore(db)
        self.audit = AuditLog(db)
        self.counters: DailyCounter = DailyCounters(db)
        self.limits = TurnLimits(
            min_seconds_between_turns=settings.min_seconds_between_turns,
            daily_offtopic_refusals=settings.daily_offtopic_refusals,
        )
        self._by_name = {s.name: s for s in self.skills}
        if settings.fallback_skill not in self._by_name:
            raise ValueError(
                f"the fallback skill {settings.fallback_skill!r} is not installed "
                f"(installed: {', '.join(names) or 'none'})"
            )

    @property
    def specs(self) -> list[CollectionSpec]:
        """Every collection the core and the installed skills need, for start-up."""
        core = [ConversationStore.specs, AuditLog.specs, DailyCounters.specs]
        return merge_specs([*core, *(s.collections for s in self.skills)])

    def context_for(
        self,
        skill: Skill,
        user: UserProfile,
        *,
        llm: LLM | None = None,
        flow: dict[str, Any] | None = None,
    ) -> SkillContext:
        """What ``skill`` gets to serve ``user``: on a chat turn, and on its REST routes."""
        return SkillContext(
            db=self.db,
            llm=llm or self.llm,
            clock=self.clock,
            settings=skill.settings,
            user=user,
            catalog=self.catalog,
            flow=flow,
        )

    def suggestions(self) -> list[str]:
        """In-scope things to say, one per skill first, then more, for refusals and help."""
        fallback = self.settings.fallback_skill
        infos = [i for i in self.catalog if i.name != fallback] or list(self.catalog)
        picked: list[str] = []
        depth = max((len(i.examples) for i in infos), default=0)
        for level in range(depth):
            for info in infos:
                if level < len(info.examples) and len(picked) < MAX_SUGGESTIONS:
                    picked.append(info.examples[level])
        return picked

    async def handle(
        self,
        user: UserProfile,
        text: str,
        *,
        conversation_id: str = "default",
        channel: str = "api",
        on_chunk: OnChunk | None = None,
        turn_id: str | None = None,
    ) -> TurnResult:
        """Runs one turn. ``turn_id`` lets a channel name the turn before it starts (to tag
        streamed chunks); by default one is made up."""
        turn_id = turn_id or uuid.uuid4().hex
        started = time.perf_counter()
        text = text.strip()
        if not text:
            return TurnResult(
                turn_id,
                "limited",
                _say("Type a message, or /help to see what I can do."),
                ("empty",),
            )
        if len(text) > self.settings.max_message_chars:
            reply = Reply.refusal(
                f"That message is too long for me — please keep it under "
                f"{self.settings.max_message_chars} characters.",
                flags=("too_long",),
            )
            await self.audit.record(
                _audit_event(
                    user,
                    conversation_id,
                    turn_id,
                    channel,
                    "refused",
                    None,
                    "size",
                    reply.flags,
                    [],
                    self.clock(),
                )
            )
            return TurnResult(turn_id, "refused", reply, reply.flags, "size")
        key = f"{user.user_id}:{conversation_id}"
        try:
            async with self.locks.hold(key, self.settings.turn_lock_timeout_seconds):
                result = await self._locked_turn(
                    user, text, conversation_id, channel, turn_id, on_chunk
                )
        except LockTimeout:
            result = TurnResult(
                turn_id,
                "limited",
                _say("I'm still working on your last message — one moment."),
                ("busy",),
            )
        log.info(
            "turn",
            extra={
                "turn_id": turn_id,
                "outcome": result.outcome,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return result

    async def _locked_turn(
        self,
        user: UserProfile,
        text: str,
        conversation_id: str,
        channel: str,
        turn_id: str,
        on_chunk: OnChunk | None,
    ) -> TurnResult:
        now = self.clock()
        conversation = await self.conversations.load(user.user_id, conversation_id, channel)
        wait = seconds_until_next_turn(conversation.last_turn_at, now, self.limits)
        if wait > 0:
            reply = _say("You're going a little fast for me — give me a second and try again.")
            return TurnResult(turn_id, "limited", reply, ("too_fast",))

        command = parse_command(text)
        prefilter = scan_input(text)
        turn = Turn(
            turn_id=turn_id,
            user_id=user.user_id,
            conversation_id=conversation_id,
            channel=channel,
            text=text,
            received_at=now,
            locale=user.locale,
            tz=user.tz,
            flags=() if prefilter.blocked else prefilter.flags,
            command=command[0] if command else None,
            args=command[1] if command else "",
        )
        flow = conversation.state.get("flow")
        llm = self.llm.for_turn()
        chosen: Route | None = None
        if prefilter.blocked:
            reply = Reply.refusal(
                compose_refusal(prefilter.category, self.suggestions()),
                chips=self._suggestion_chips(),
                flags=prefilter.flags,
            )
            skill_name = None
            if flow:
                flow["turns"] = int(flow.get("turns", 0)) + 1
        else:
            chosen = route(
                turn,
                self.skills,
                flow_skill=flow.get("skill") if flow else None,
                fallback=self.settings.fallback_skill,
            )
            reply, chosen = await self._run_skill(chosen, turn, user, flow, llm, conversation)
            skill_name = chosen.skill

        if reply.refused:
            refusals = await self.counters.increment(user.user_id, OFFTOPIC_COUNTER, now)
            if offtopic_cap_reached(refusals, self.limits):
                reply = Reply.refusal(
                    "I can only help with your training here. Let's pick this up tomorrow.",
                    flags=(*reply.flags, "offtopic_cap"),
                )

        reply = await self._send(reply, on_chunk)
        outcome = "refused" if reply.refused else (skill_name or "limited")
        flags = tuple(sorted(set(prefilter.flags) | set(reply.flags)))
        # Only text a skill claimed is kept verbatim; blocked, refused or unclaimed text is
        # reduced to its flags (seed 000: no raw off-topic content at rest).
        keep_text = (
            not reply.refused
            and chosen is not None
            and chosen.reason
            in (
                "command",
                "flow",
                "aside",
                "intent",
            )
        )
        user_message: dict[str, Any] = {
            "role": "user",
            "turn_id": turn_id,
            "text": text if keep_text else None,
            "redacted": not keep_text,
            "flags": list(flags),
        }
        bot_message = {
            "role": "bot",
            "turn_id": turn_id,
            "flags": list(reply.flags),
            **reply.to_message(),
        }
        audit = _audit_event(
            user,
            conversation_id,
            turn_id,
            channel,
            outcome,
            skill_name,
            chosen.reason if chosen else "prefilter",
            flags,
            [call.to_audit() for call in llm.calls],
            now,
        )
        await asyncio.gather(
            self.conversations.save_turn(conversation, [user_message, bot_message], now),
            self.audit.record(audit),
        )
        return TurnResult(turn_id, outcome, reply, flags, chosen.reason if chosen else "prefilter")

    async def _run_skill(
        self,
        chosen: Route,
        turn: Turn,
        user: UserProfile,
        flow: dict[str, Any] | None,
        llm: LLM,
        conversation: ConversationRecord,
    ) -> tuple[Reply, Route]:
        """The reply and the route that gave it: ``chosen``, or an ``aside`` when the open flow
        did not understand the turn and another skill did."""
        if chosen.reason == "cancel":
            dropped = conversation.state.pop("flow", None) is not None
            said = "Okay, I've dropped that." if dropped else "There's nothing open to cancel."
            return _say(f"{said} What would you like to do next?", self._suggestion_chips()), chosen
        assert chosen.skill is not None
        skill = self._by_name[chosen.skill]
        own_flow = flow if flow and flow.get("skill") == skill.name else None
        if (
            own_flow
            and chosen.reason == "flow"
            and flow_exhausted(int(own_flow.get("turns", 0)), _limits_for(skill, self.limits))
        ):
            conversation.state.pop("flow", None)
            return Reply(
                text=(
                    "We've gone back and forth a lot on this one — let's start fresh. "
                    "Try one of these:"
                ),
                chips=self._suggestion_chips(),
                flags=("flow_exhausted",),
            ), chosen
        reply = await self._handle(skill, turn, user, llm, own_flow)
        if own_flow is not None and reply.unclaimed and reply.flow is not None:
            aside = best_intent(turn, self.skills, excluding=skill.name)
            if aside is not None:
                aside_reply = await self._handle(self._by_name[aside], turn, user, llm, None)
                if aside_reply.flow is None:  # the open flow waits for the user's next turn
                    own_flow["data"] = reply.flow
                    # the next turn goes to the flow, so its choices are the ones to offer
                    aside_reply.chips = reply.chips or aside_reply.chips
                    return aside_reply, Route(aside, "aside")
                skill, reply, own_flow = self._by_name[aside], aside_reply, None
                chosen = Route(aside, "aside")
        # Whatever answered, the user has moved on from any other open flow.
        if reply.flow is not None:
            turns = int(own_flow.get("turns", 0)) + 1 if own_flow else 1
            conversation.state["flow"] = {"skill": skill.name, "turns": turns, "data": reply.flow}
        else:
            conversation.state.pop("flow", None)
        return reply, chosen

    async def _handle(
        self,
        skill: Skill,
        turn: Turn,
        user: UserProfile,
        llm: LLM,
        own_flow: dict[str, Any] | None,
    ) -> Reply:
        """The skill's reply; a skill that fails gets an apology and keeps its flow."""
        ctx = self.context_for(
            skill, user, llm=llm, flow=own_flow.get("data") if own_flow else None
        )
        try:
            return await skill.handle(turn, ctx)
        except Exception:
            log.exception("skill %s failed on turn %s", skill.name, turn.turn_id)
            reply = _say("Sorry — something went wrong on my side. Please try again in a moment.")
            reply.flags = ("skill_error",)
            if own_flow is not None:
                reply.flow = own_flow.get("data")
            return reply

    async def _send(self, reply: Reply, on_chunk: OnChunk | None) -> Reply:
        """The output guardrail at the send boundary: streamed chunks, text, cards and chips."""
        if reply.stream is not None:
            reply = await self._forward_stream(reply, on_chunk)
        flags = _scan_reply(reply)
        if flags:
            log.warning("reply withheld by output checks: %s", flags)
            return Reply(
                text=(
                    "Sorry, I couldn't put that answer together safely. "
                    "Here's what I can help with:"
                ),
                chips=self._suggestion_chips(),
                flags=(*reply.flags, *flags, "output_blocked"),
                flow=reply.flow,
            )
        return reply

    async def _forward_stream(self, reply: Reply, on_chunk: OnChunk | None) -> Reply:
        assert reply.stream is not None
        stream, reply.stream = reply.stream, None
        guard = StreamGuard()
        sent: list[str] = []
        failure: str | None = None
        try:
            async for chunk in stream:
                safe = guard.feed(chunk)
                if safe:
                    sent.append(safe)
                    if on_chunk:
                        await on_chunk(safe)
                if guard.blocked:
                    break
            rest = guard.finish()
            if rest:
                sent.append(rest)
                if on_chunk:
                    await on_chunk(rest)
        except LLMError as exc:
            failure = f"provider_{exc.kind}"
        finally:
            close = getattr(stream, "aclose", None)
            if close is not None:
                await close()
        if guard.blocked or failure or not "".join(sent).strip():
            # reply.text holds the skill's fallback for exactly this case.
            fallback = reply.text or "Sorry, I couldn't finish that answer. Please try again."
            extra = (
                (*guard.flags, "output_blocked")
                if guard.blocked
                else ((failure,) if failure else ("empty_stream",))
            )
            reply.text, reply.flags = fallback, (*reply.flags, *extra, "fallback")
            return reply
        reply.text = "".join(sent)
        return reply

    def _suggestion_chips(self) -> list[Chip]:
        return [Chip(label=_chip_label(s), value=s) for s in self.suggestions()]


def _audit_event(
    user: UserProfile,
    conversation_id: str,
    turn_id: str,
    channel: str,
    outcome: str,
    skill: str | None,
    route: str,
    flags: Sequence[str],
    llm_calls: list[dict[str, Any]],
    now: datetime,
) -> dict[str, Any]:
    """Metadata only: the audit never holds the user's text."""
    return {
        "kind": "turn",
        "user_id": user.user_id,
        "conversation_id": conversation_id,
        "turn_id": turn_id,
        "channel": channel,
        "outcome": outcome,
        "skill": skill,
        "route": route,
        "flags": list(flags),
        "llm": llm_calls,
        "created_at": now,
    }


def _limits_for(skill: Skill, limits: TurnLimits) -> TurnLimits:
    return TurnLimits(
        max_turns_per_flow=skill.max_flow_turns,
        min_seconds_between_turns=limits.min_seconds_between_turns,
        daily_offtopic_refusals=limits.daily_offtopic_refusals,
    )


def _scan_reply(reply: Reply) -> tuple[str, ...]:
    texts = [reply.text]
    for card in reply.cards:
        texts += [card.title, card.subtitle, *(f"{f.label} {f.value}" for f in card.fields)]
        texts += [a.label for a in card.actions]
    texts += [chip.label for chip in reply.chips]
    flags: set[str] = set()
    for text in texts:
        if text:
            flags.update(_scan_text(text))
    return tuple(sorted(flags))


@functools.lru_cache(maxsize=2048)
def _scan_text(text: str) -> tuple[str, ...]:
    """Deterministic skills repeat their words (the help overview, refusals): check each
    distinct text once."""
    return scan_output(text)


def _chip_label(text: str) -> str:
    return text if len(text) <= 40 else text[:39].rstrip() + "…"


def _say(text: str, chips: list[Chip] | None = None) -> Reply:
    return Reply(text=text, chips=chips or [])
