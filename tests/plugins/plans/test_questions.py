"""Questions about the plan one already has, as people ask them — and what is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.plans.questions import plan_question


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("show my plan", "week"),
        ("Show me my training plan", "week"),
        ("what's on this week?", "week"),
        ("what’s next in my plan", "week"),
        ("what should I do today", "today"),
        ("what's my workout today?", "today"),
        ("today's run", "today"),
        ("what is my plan for today", "today"),
        ("tomorrow's workout", "tomorrow"),
        ("what's on tomorrow", "tomorrow"),
        ("what's next week", "next_week"),
        ("next week's sessions", "next_week"),
        ("what are my paces", "paces"),
        ("how fast should I run my easy runs", "paces"),
        ("plan me a half marathon on 18 April", None),
        ("my training plan for a 10k", None),  # asks for a plan, does not ask about one
        ("I ran 8 km today", None),
        ("run 5 km this week", None),
    ],
)
def test_the_question_asked(text: str, question: str | None) -> None:
    assert plan_question(text) == question


@given(st.text(max_size=200))
def test_any_text_reads_without_error(text: str) -> None:
    assert plan_question(text) in (None, "today", "tomorrow", "week", "next_week", "paces")
