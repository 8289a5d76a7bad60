"""Refusal copy: short, fitting the reason, with things the user can do instead."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails import compose_refusal, scan_input, scan_output

SUGGESTIONS = [
    "Run 50 km this month",
    "3 rucks a week with 20 lb",
    "A 14-day walking streak",
    "Plan me a half marathon",
    "10,000 steps a day",
]


@pytest.mark.parametrize(
    ("category", "opening"),
    [
        ("code", "I can't help with code or databases here."),
        ("sql", "I can't help with code or databases here."),
        ("url", "I can't open links."),
        ("injection", "I can't change how I work or share my setup."),
        ("prompt_extraction", "I can't change how I work or share my setup."),
        ("jailbreak", "I can't change how I work or share my setup."),
        (
            "medical",
            "I can't give medical advice — a doctor or physio is the right person for that.",
        ),
        (None, "That's outside what I can help with."),
        ("something_new", "That's outside what I can help with."),
    ],
)
def test_the_opening_fits_the_reason(category: str | None, opening: str) -> None:
    assert compose_refusal(category, SUGGESTIONS).startswith(opening)


def test_up_to_four_suggestions_follow_as_a_list() -> None:
    text = compose_refusal("code", SUGGESTIONS)
    lines = text.splitlines()
    assert lines[1] == "Here's what I can do:"
    assert lines[2:] == [f"• {s}" for s in SUGGESTIONS[:4]]


def test_without_suggestions_only_the_reason_is_given() -> None:
    assert compose_refusal("url", []) == "I can't open links."


def test_refusals_pass_the_output_checks() -> None:
    for category in ("code", "url", "injection", "encoded", "medical", None):
        assert scan_output(compose_refusal(category, SUGGESTIONS)) == ()


@given(st.text(min_size=8, max_size=200))
@settings(max_examples=200, deadline=None)
def test_the_users_text_is_never_echoed(text: str) -> None:
    message = "zq" + text
    refusal = compose_refusal(scan_input(message).category, SUGGESTIONS)
    assert message not in refusal and "zq" not in refusal
