"""Refusal copy: one friendly sentence that fits the reason, then what the assistant can do.

Seed 000: "Return a short refusal plus in-scope templates". The user's text is never echoed
(it may be an attack, and repeating it would store and display it); the reason is told by
category only, and the suggestions come from the installed skills.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_SUGGESTIONS = 4

_REASONS = {
    "code": "I can't help with code or databases here.",
    "sql": "I can't help with code or databases here.",
    "markup": "I can't help with code or databases here.",
    "url": "I can't open links.",
    "injection": "I can't change how I work or share my setup.",
    "prompt_extraction": "I can't change how I work or share my setup.",
    "jailbreak": "I can't change how I work or share my setup.",
    "encoded": "I can't read encoded messages — please write it out plainly.",
    "medical": "I can't give medical advice — a doctor or physio is the right person for that.",
    "medical_question": (
        "I can't give medical advice — a doctor or physio is the right person for that."
    ),
}
_OTHER = "That's outside what I can help with."


def compose_refusal(category: str | None, suggestions: Sequence[str]) -> str:
    """A short refusal for ``category`` followed by up to four in-scope suggestions."""
    lines = [_REASONS.get(category or "", _OTHER)]
    picked = [" ".join(s.split()) for s in suggestions if s and s.strip()][:MAX_SUGGESTIONS]
    if picked:
        lines.append("Here's what I can do:")
        lines += [f"• {s}" for s in picked]
    return "\n".join(lines)
