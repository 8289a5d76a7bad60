"""Payloads wrapped in an encoding so the words cannot be read: base64, hex escapes, rot13.

Goal chat has no reason to carry an encoded blob, and a model asked to decode one may follow
what it finds inside. A long run of base64 characters counts only when it looks random
(plenty of capitals, some digits), so a CamelCase hashtag such as #RuckEveryDayThisMonth is
not mistaken for one.
"""

from __future__ import annotations

import re

from guardrails.screen import LONG_WORD
from guardrails.signal import Signal, View, anywhere, at, present

RULES = (
    at("b64 base64 base", r"(?:b64|base-?64|base\s+64)\s*[:=]\s*[a-z0-9+/]{8,}"),
    anywhere(r"(?:\\x[0-9a-f]{2}){4,}|(?:\\u[0-9a-f]{4}){3,}", chars="\\"),
    at(
        "decode decrypt decipher deobfuscate",
        r"""(?:decode|decrypt|decipher|deobfuscate)\b
       [^.\n]{0,40}\b(?:base\s*-?64|b64|rot-?13|hex|binary|morse|cipher|caesar|this|these|that
       |the\s+following)\b""",
    ),
    present("rot13 rot"),
)

_LONG_HEX = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{32,}\b")
# At least 20 base64 characters, 16 of them in a row without "+" or "/" (so the screen sees a
# long word).
_BASE64_RUN = re.compile(
    r"(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[A-Za-z0-9]{16})[A-Za-z0-9+/]{20,}={0,2}"
)


def _looks_random(run: str) -> bool:
    """Base64 of text: many capitals mixed in and some digits or symbols; prose has neither."""
    letters = sum(c.isalpha() for c in run)
    upper = sum(c.isupper() for c in run)
    others = len(run) - letters
    padded = run.endswith("=")
    return upper * 4 >= letters and (others >= 2 or padded) and upper >= 4


def has_encoded_payload(signal: Signal, view: View) -> bool:
    if any(rule.fires(view) for rule in signal.cued_rules(view)):
        return True
    if LONG_WORD not in view.words and b"=" not in view.specials:
        return False
    if _LONG_HEX.search(view.text):
        return True
    return any(_looks_random(m.group()) for m in _BASE64_RUN.finditer(view.cased))


SIGNALS = (
    Signal(
        "encoded",
        RULES,
        decide=has_encoded_payload,
        cue_words=frozenset().union(*(r.cue_words for r in RULES)) | {LONG_WORD},
        cue_chars=b"\\=",
    ),
)
