"""Retry once with stricter guidance, then fall back (seed 000, "On reject").

A model answer that fails validation gets one more chance, with the problems spelled out;
if that fails too, the caller falls back to its deterministic logic or a refusal. A provider
error ends the attempt at once: the SDK has already retried transport errors, and hammering a
failing provider only makes the user wait longer for the fallback.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from guardrails.structured import Validation

MAX_LISTED_PROBLEMS = 8


@dataclass(frozen=True, slots=True)
class GuardedOutcome:
    ok: bool
    data: dict[str, Any] | None
    """The validated object when ``ok``."""
    flags: tuple[str, ...]
    """Sorted, unique: every attempt's validation flags, ``provider_<kind>`` after a provider
    error, ``fallback`` when not ``ok``. Never the model's text."""
    attempts: int


def stricter_guidance(problems: Sequence[str]) -> str:
    """The extra instruction for the retry: what was wrong, and what exactly to send instead.

    Problems never quote the model's text (see :class:`~guardrails.structured.Validation`),
    so nothing the model wrote is fed back to it.
    """
    listed = [f"- {p}" for p in problems[:MAX_LISTED_PROBLEMS]]
    if len(problems) > MAX_LISTED_PROBLEMS:
        listed.append(f"- and {len(problems) - MAX_LISTED_PROBLEMS} more")
    reasons = "\n".join(listed) or "- it did not follow the output contract"
    return (
        "Your previous answer was rejected:\n"
        f"{reasons}\n"
        "Answer again with one JSON object only, exactly as the schema describes, with nothing "
        "before or after it. No code fences or code, no links, no e-mail addresses or phone "
        "numbers, no medical claims, and only the allowed values."
    )


async def run_guarded(
    call: Callable[[str | None], Awaitable[str]],
    validate: Callable[[str], Validation],
    *,
    retries: int = 1,
) -> GuardedOutcome:
    """Call the model (``call(None)``), validate, and retry with guidance up to ``retries``
    times. Any ``Exception`` from ``call`` stops at once; the outcome is then not ``ok``."""
    flags: set[str] = set()
    guidance: str | None = None
    attempts = 0
    for _ in range(max(retries, 0) + 1):
        attempts += 1
        try:
            raw = await call(guidance)
        except Exception as exc:
            flags.add(f"provider_{getattr(exc, 'kind', 'error')}")
            break
        result = validate(raw)
        flags.update(result.flags)
        if result.ok:
            return GuardedOutcome(
                ok=True, data=result.data, flags=tuple(sorted(flags)), attempts=attempts
            )
        guidance = stricter_guidance(result.problems)
    flags.add("fallback")
    return GuardedOutcome(ok=False, data=None, flags=tuple(sorted(flags)), attempts=attempts)
