"""Streamed model text: what reaches the user is the same however the answer was chunked, and
no character of a link, address or phone number ever goes out."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails import StreamGuard, scan_output

WORDS = (
    "Run", "5 km", "at", "an", "easy", "pace,", "then", "rest", "on", "Sunday.", "You're", "8%",
    "behind", "pace.", "A", "3.2 km", "ruck", "today", "puts", "you", "back", "on", "track.",
    "Great", "job", "—", "that's", "4/5", "sessions!", "Keep", "going", "💪", "10,000", "steps",
    "5:30/km", "2026-04-20", "1:45:00", "20 lb", "3x4 km", "Take", "a", "rest", "day.", "Start",
    "slow,", "increase", "10%", "weekly.", "e.g.", "hills.", "(easy)", "Ｗｅｌｌ", "done…",
)  # fmt: skip
LINKS = (
    "https://example.com/plan",
    "www.strava.com",
    "strava.com",
    "coach@example.com",
    "(coach@example.org)",
    "http://bit.ly/x1",
)
# (words before the violation, the violation and what follows it)
PHRASES = (
    ("", "cures cancer."),
    ("This", "treats arthritis."),
    ("Take", "200 mg of ibuprofen."),
    ("", "Stop taking your medication."),
    ("Call", "(555) 123-4567 today."),
    ("Call", "+44 20 7946 0958."),
    ("", "SELECT * FROM users"),
)

clean_texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)


@st.composite
def splits(draw: st.DrawFn, text: str) -> list[str]:
    """``text`` cut into chunks at arbitrary places (including empty chunks)."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


def stream(chunks: list[str], *, max_chars: int = 4000) -> tuple[str, StreamGuard]:
    guard = StreamGuard(max_chars=max_chars)
    sent = [guard.feed(chunk) for chunk in chunks]
    sent.append(guard.finish())
    return "".join(sent), guard


def cut_anywhere(text: str) -> st.SearchStrategy[list[str]]:
    return splits(text)


@given(st.data(), clean_texts)
@settings(max_examples=300, deadline=None)
def test_clean_text_arrives_whole_however_it_is_chunked(data: st.DataObject, text: str) -> None:
    chunks = data.draw(cut_anywhere(text))
    sent, guard = stream(chunks)
    assert sent == text
    assert not guard.blocked and guard.flags == ()


@given(st.data(), clean_texts, st.sampled_from(LINKS), clean_texts)
@settings(max_examples=400, deadline=None)
def test_no_character_of_a_link_is_ever_sent(
    data: st.DataObject, before: str, link: str, after: str
) -> None:
    text = f"{before} {link} {after}"
    chunks = data.draw(cut_anywhere(text))
    sent, guard = stream(chunks)
    assert text.startswith(sent)
    assert len(sent) <= len(before) + 1  # nothing past the space before the link
    assert guard.blocked and set(guard.flags) & {"url", "email"}
    assert (sent, guard.flags) == (stream([text])[0], stream([text])[1].flags)


@given(st.data(), clean_texts, st.sampled_from(PHRASES), clean_texts)
@settings(max_examples=400, deadline=None)
def test_claims_numbers_and_code_are_held_back_across_chunks(
    data: st.DataObject, before: str, phrase: tuple[str, str], after: str
) -> None:
    lead, violation = phrase
    safe = f"{before} {lead} ".replace("  ", " ")
    text = f"{safe}{violation} {after}"
    chunks = data.draw(cut_anywhere(text))
    sent, guard = stream(chunks)
    whole, whole_guard = stream([text])
    assert (sent, guard.flags) == (whole, whole_guard.flags)
    assert guard.blocked and len(sent) <= len(safe)


@given(st.data(), st.text(max_size=300))
@settings(max_examples=400, deadline=None)
def test_whatever_is_sent_is_a_clean_start_of_the_answer(data: st.DataObject, text: str) -> None:
    sent, guard = stream(data.draw(cut_anywhere(text)))
    assert text.startswith(sent)
    assert scan_output(sent) == ()
    if not guard.blocked:
        assert sent == text


@given(st.data(), st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_the_flags_do_not_depend_on_chunking(data: st.DataObject, text: str) -> None:
    _, guard = stream(data.draw(cut_anywhere(text)))
    _, whole = stream([text])
    assert (guard.blocked, guard.flags) == (whole.blocked, whole.flags)


@given(st.data(), clean_texts)
@settings(max_examples=200, deadline=None)
def test_an_over_long_answer_stops_at_the_limit(data: st.DataObject, text: str) -> None:
    long_text = (text + " ") * 10
    limit = max(1, len(long_text) // 3)
    sent, guard = stream(data.draw(cut_anywhere(long_text)), max_chars=limit)
    assert len(sent) <= limit and long_text.startswith(sent)
    assert guard.blocked and "too_long" in guard.flags


def test_a_phrase_split_across_chunks_is_seen() -> None:
    guard = StreamGuard()
    assert guard.feed("Rucking ") == "Rucking "
    assert guard.feed("cures") == ""
    assert guard.feed(" cancer, they say.") == ""
    assert guard.finish() == ""
    assert guard.blocked and guard.flags == ("medical_claim",)


def test_after_a_violation_everything_is_withheld() -> None:
    guard = StreamGuard()
    sent = [
        guard.feed(c) for c in ["Easy ", "run. ", "See ", "http", "s://x.co/y ", "and ", "rest."]
    ]
    assert "".join(sent) == "Easy run. See "
    assert guard.blocked and guard.finish() == ""


def test_words_are_released_as_soon_as_they_are_complete() -> None:
    guard = StreamGuard()
    assert guard.feed("Easy ru") == "Easy "
    assert guard.feed("n today, then ") == "run today, then "
    assert guard.feed("rest.") == ""
    assert guard.finish() == "rest."


def test_feeding_after_finish_is_a_mistake() -> None:
    guard = StreamGuard()
    guard.finish()
    with pytest.raises(RuntimeError):
        guard.feed("more")
