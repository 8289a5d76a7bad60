"""Guardrails for a coaching chatbot, as a library: pure checks on what goes in and comes out.

- :func:`scan_input` — the deterministic prefilter on every user message.
- :func:`scan_output` — forbidden content (links, contact details, medical claims, code) in
  anything sent.
- :func:`validate_output` / :func:`check_schema_is_strict` — the JSON output contract.
- :func:`run_guarded` — retry once with stricter guidance, then fall back.
- :class:`StreamGuard` — checks on streamed text before it is sent.
- :class:`TurnLimits` and friends — turn pacing, flow length and the off-topic cap.
- :func:`compose_refusal` — refusal copy with in-scope suggestions.

It knows nothing about skills, bots or model providers, does no I/O and reads no clock.
"""

from guardrails.content import scan_output
from guardrails.limits import (
    TurnLimits,
    flow_exhausted,
    offtopic_cap_reached,
    seconds_until_next_turn,
)
from guardrails.prefilter import PrefilterResult, scan_input
from guardrails.refusal import compose_refusal
from guardrails.retry import GuardedOutcome, run_guarded, stricter_guidance
from guardrails.streaming import StreamGuard
from guardrails.structured import Validation, check_schema_is_strict, validate_output

__all__ = [
    "GuardedOutcome",
    "PrefilterResult",
    "StreamGuard",
    "TurnLimits",
    "Validation",
    "check_schema_is_strict",
    "compose_refusal",
    "flow_exhausted",
    "offtopic_cap_reached",
    "run_guarded",
    "scan_input",
    "scan_output",
    "seconds_until_next_turn",
    "stricter_guidance",
    "validate_output",
]
