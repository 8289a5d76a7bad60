"""A thing the prefilter looks for, paired with the cheap cue that must be present first.

The prefilter runs on every message and has a budget of a few microseconds, so each detailed
check declares the words (or characters) without which it cannot fire. The message is split
into words once; only the checks whose cues appear run at all, and ordinary goal chat usually
runs none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from guardrails.normalize import Folded
from guardrails.screen import screen_word


@dataclass(frozen=True, slots=True)
class Signal:
    flag: str
    """The stable code recorded when the check fires."""
    words: frozenset[bytes]
    """Screen forms (see :func:`guardrails.screen.screen_word`) of words the check needs."""
    chars: bytes
    """Characters that can start a match without any of the words."""
    check: Callable[[Folded], bool]


def pattern_signal(flag: str, words: Iterable[str], chars: str, pattern: re.Pattern[str]) -> Signal:
    """A signal that fires when ``pattern`` is found in the folded text."""
    search = pattern.search
    return Signal(
        flag=flag,
        words=frozenset(screen_word(w) for w in words),
        chars=chars.encode("ascii"),
        check=lambda folded: search(folded.text) is not None,
    )
