"""Retry once with stricter guidance, then fall back — as seen from the caller."""

from __future__ import annotations

import json
from typing import Any

from guardrails import run_guarded, stricter_guidance, validate_output
from guardrails.structured import Validation

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["body"],
    "properties": {"body": {"type": "string", "maxLength": 40}},
}
GOOD = json.dumps({"body": "Two easy runs keep you on track."})
LINKED = json.dumps({"body": "See https://example.com/plan"})


class Model:
    """A model stand-in that answers from a script and remembers what it was told."""

    def __init__(self, *answers: str | Exception) -> None:
        self.answers = list(answers)
        self.guidance: list[str | None] = []

    async def __call__(self, guidance: str | None) -> str:
        self.guidance.append(guidance)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def validate(raw: str) -> Validation:
    return validate_output(raw, SCHEMA)


class ProviderDown(Exception):
    kind = "unavailable"


async def test_a_good_first_answer_is_used_at_once() -> None:
    model = Model(GOOD)
    outcome = await run_guarded(model, validate)
    assert outcome.ok and outcome.data == json.loads(GOOD)
    assert outcome.attempts == 1 and outcome.flags == ()
    assert model.guidance == [None]


async def test_a_rejected_answer_is_retried_with_its_problems_spelled_out() -> None:
    model = Model(LINKED, GOOD)
    outcome = await run_guarded(model, validate)
    assert outcome.ok and outcome.attempts == 2
    assert outcome.flags == ("url",)
    first, retry = model.guidance
    assert first is None and retry is not None
    assert "field 'body' contains a link" in retry
    assert "JSON object only" in retry
    assert "example.com" not in retry


async def test_two_rejections_fall_back() -> None:
    model = Model("not json at all", LINKED)
    outcome = await run_guarded(model, validate)
    assert not outcome.ok and outcome.data is None and outcome.attempts == 2
    assert outcome.flags == ("fallback", "invalid_json", "url")


async def test_a_provider_error_stops_at_once() -> None:
    model = Model(ProviderDown("503"), GOOD)
    outcome = await run_guarded(model, validate)
    assert not outcome.ok and outcome.attempts == 1
    assert outcome.flags == ("fallback", "provider_unavailable")
    assert model.answers == [GOOD]  # never asked again


async def test_an_error_without_a_kind_is_reported_as_error() -> None:
    outcome = await run_guarded(Model(LINKED, RuntimeError("boom")), validate)
    assert outcome.flags == ("fallback", "provider_error", "url")
    assert outcome.attempts == 2


async def test_more_retries_when_asked() -> None:
    model = Model("x", "y", GOOD)
    outcome = await run_guarded(model, validate, retries=2)
    assert outcome.ok and outcome.attempts == 3


async def test_no_retry_when_none_allowed() -> None:
    outcome = await run_guarded(Model(LINKED, GOOD), validate, retries=0)
    assert not outcome.ok and outcome.attempts == 1


async def test_the_model_text_never_escapes() -> None:
    secret = json.dumps({"body": "call 555-123-4567 now"})
    outcome = await run_guarded(Model(secret, secret), validate)
    assert "555" not in repr(outcome)


def test_guidance_lists_each_problem_and_the_rules() -> None:
    text = stricter_guidance(
        ["field 'title' is longer than 30 characters", "the answer is not valid JSON"]
    )
    assert "- field 'title' is longer than 30 characters" in text
    assert "- the answer is not valid JSON" in text
    for rule in ("code fences", "links", "phone numbers", "medical claims"):
        assert rule in text
