"""What goes into the engine (a Turn) and what comes out (a Reply), whatever the channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Chip(BaseModel):
    """A quick-reply button; tapping it sends ``value`` as the user's next message."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(max_length=40)
    value: str = Field(max_length=200)


class CardField(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str = Field(max_length=60)
    value: str = Field(max_length=200)


class Card(BaseModel):
    """Structured content a channel renders natively (a goal preview, a plan week, …).

    ``kind`` tells a client which renderer to use; ``fields`` are the plain-text fallback every
    channel can show; ``data`` is the machine-readable payload for rich clients.
    """

    model_config = ConfigDict(frozen=True)

    kind: str = Field(max_length=40)
    title: str = Field(max_length=120)
    subtitle: str = Field(default="", max_length=200)
    fields: tuple[CardField, ...] = ()
    data: dict[str, Any] = Field(default_factory=dict)
    actions: tuple[Chip, ...] = ()


class Turn(BaseModel):
    """One user message as the skills see it: already size-checked and prefiltered."""

    model_config = ConfigDict(frozen=True)

    turn_id: str
    user_id: str
    conversation_id: str
    channel: str
    text: str
    received_at: datetime
    locale: str = "en"
    tz: str = "UTC"
    flags: tuple[str, ...] = ()
    """Non-blocking prefilter flags, e.g. ``medical_question``, for skills to tailor answers."""
    command: str | None = None
    """``/goal`` when the user typed ``/goal 50 km``; then ``args`` holds ``50 km``."""
    args: str = ""


@dataclass
class Reply:
    """A skill's answer. Plain text, cards and chips, or a stream of text chunks."""

    text: str = ""
    cards: list[Card] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    stream: AsyncIterator[str] | None = None
    """Free text produced incrementally (LLM chat); the engine checks and forwards each chunk
    and sets ``text`` to the whole once the stream ends."""
    refused: bool = False
    """The skill declined the request as out of scope; counts as a refusal for the limits."""
    flags: tuple[str, ...] = ()
    flow: dict[str, Any] | None = None
    """Keep this skill's flow open with this state for the next turn; None closes it."""
    unclaimed: bool = False
    """Set by a skill whose open flow did not understand the turn. If another skill's intent
    clearly claims the turn (a workout logged in the middle of a plan preview), that skill
    answers instead and this flow, with this reply's ``flow`` state, stays open; otherwise this
    reply is sent as it is."""

    @classmethod
    def refusal(
        cls, text: str, *, chips: list[Chip] | None = None, flags: tuple[str, ...] = ()
    ) -> Reply:
        return cls(text=text, chips=chips or [], refused=True, flags=flags)

    def to_message(self) -> dict[str, Any]:
        """The stored and transmitted form (the stream, by now joined into ``text``)."""
        return {
            "text": self.text,
            "cards": [card.model_dump(mode="json") for card in self.cards],
            "chips": [chip.model_dump(mode="json") for chip in self.chips],
            "refused": self.refused,
        }
