"""The deterministic check every user message passes before any skill or model sees it.

It refuses what the assistant must never act on (code, SQL, links, markup, prompt injection,
requests for its instructions, jailbreaks, encoded payloads) and notes what the reply should
take into account (a site named in passing, a medical question). Off-topic questions are not
its business: a scope reminder answers those downstream.

It runs on every message, so it is built for speed (well over 100,000 short messages a second
on one core): the message is screened once for cue words and rare characters, and a detailed
check runs only when its cue is present. Ordinary goal chat runs none.
"""

from __future__ import annotations

from dataclasses import dataclass

from guardrails import code_syntax, encoding, extraction, injection, jailbreak, links, medical
from guardrails.normalize import Folded, fold, unleet, unspace
from guardrails.screen import (
    LONG_RUN,
    LONG_WORD,
    NOT_SPECIAL,
    SCREEN_TABLE,
    WORD_CHARS_TABLE,
    special_chars,
)
from guardrails.signal import Signal, View


@dataclass(frozen=True, slots=True)
class PrefilterResult:
    blocked: bool
    flags: tuple[str, ...]
    """Stable snake_case codes, sorted and unique; stored in audits instead of the text."""
    category: str | None
    """The main reason when blocked (see :data:`CATEGORIES`); ``None`` when not blocked."""


SIGNALS: tuple[Signal, ...] = (
    *extraction.SIGNALS,
    *jailbreak.SIGNALS,
    *injection.SIGNALS,
    *code_syntax.SIGNALS,
    *links.SIGNALS,
    *encoding.SIGNALS,
    *medical.SIGNALS,
)

CATEGORIES: dict[str, str] = {
    "prompt_extraction": "prompt_extraction",
    "jailbreak": "jailbreak",
    "injection": "injection",
    "sql": "sql",
    "markup": "markup",
    "code": "code",
    "code_fence": "code",
    "backtick": "code",
    "url": "url",
    "encoded": "encoded",
}
"""Blocking flags and the refusal category each maps to, most telling first: a message that
both injects and asks for the system prompt is about the prompt."""

NOTES = frozenset({"domain_mention", "medical_question"})
"""Flags that never block; they only tell the reply what to take into account."""

CUE_WORDS: frozenset[bytes] = frozenset(w for s in SIGNALS for w in s.cue_words)
"""Every word that can send a message past the quick path (screen forms)."""
_BY_WORD: dict[bytes, tuple[int, ...]] = {
    word: tuple(i for i, s in enumerate(SIGNALS) if word in s.cue_words) for word in CUE_WORDS
}
_BY_CHAR: dict[int, tuple[int, ...]] = {
    char: tuple(i for i, s in enumerate(SIGNALS) if char in s.cue_chars)
    for char in {c for s in SIGNALS for c in s.cue_chars}
}
_CLEAN = PrefilterResult(blocked=False, flags=(), category=None)


def scan_input(text: str) -> PrefilterResult:
    """Check one user message. Pure and fast; never raises on any ``str``."""
    if text.isascii():
        folded: Folded | None = None
        raw = text.encode("ascii")
    else:
        folded = fold(text)
        raw = folded.text.encode("ascii")
    words = raw.translate(SCREEN_TABLE).split()
    if CUE_WORDS.isdisjoint(words) and (
        not raw.translate(None, NOT_SPECIAL) or not special_chars(raw)
    ):
        long_word = LONG_RUN in raw.translate(WORD_CHARS_TABLE)
        # Many one-letter words ("i g n o r e") may hide a spaced-out cue.
        spaced = len(words) > 3 and len(words) * 3 > len(raw)
        if not long_word and not spaced:
            return _CLEAN
    return _inspect(folded or fold(text), raw, words)


def _inspect(folded: Folded, raw: bytes, words: list[bytes]) -> PrefilterResult:
    """The detailed checks, for the few messages the quick look could not clear."""
    specials = special_chars(raw)
    spaced = len(words) > 3 and len(words) * 3 > len(raw)
    seen = frozenset(words)
    if LONG_RUN in raw.translate(WORD_CHARS_TABLE):
        seen |= {LONG_WORD}
    flags: set[str] = set()
    _run(View(folded.text, folded.cased, seen, specials), flags)
    deleeted = unleet(folded.text)
    if deleeted != folded.text:
        # The screen already read leet digits as letters, so the words still apply.
        _run(View(deleeted, folded.cased, seen, specials), flags)
    if spaced:
        joined = unspace(folded.text)
        if joined != folded.text:
            raw = joined.encode("ascii")
            joined_words = seen | frozenset(raw.translate(SCREEN_TABLE).split())
            _run(View(joined, folded.cased, joined_words, special_chars(raw)), flags)
    if not flags:
        return _CLEAN
    category = next((CATEGORIES[f] for f in CATEGORIES if f in flags), None)
    return PrefilterResult(
        blocked=category is not None, flags=tuple(sorted(flags)), category=category
    )


def _run(view: View, flags: set[str]) -> None:
    picked: set[int] = set()
    for word in CUE_WORDS.intersection(view.words):
        picked.update(_BY_WORD[word])
    for char in set(view.specials):
        picked.update(_BY_CHAR.get(char, ()))
    for index in sorted(picked):
        signal = SIGNALS[index]
        if signal.flag not in flags and signal.check(view):
            flags.add(signal.flag)
