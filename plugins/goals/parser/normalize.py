"""Folding a chat message into one plain spelling before any rule looks at it.

Every later rule is written against lower-case, accent-free text with single spaces, so that
"Kilómetros", "KILOMETROS" and "kilometros" need one spelling each, and emoji or fancy quotes
never split a phrase the rules would otherwise see.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 600
"""Longer messages are cut: a goal fits in a sentence or two, and the cut bounds the work."""

_SPECIAL_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "đ": "d",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": " - ",
        "—": " - ",
        "×": "x",
        "\u2009": "",
        "\u202f": "",
    }
)
_KEPT_MARKS = frozenset(".,/:;+-'#@%?!()&\"")
_SPACES = re.compile(r"\s+")
_ASCII_BLANKS = str.maketrans(
    {chr(i): " " for i in range(128) if not chr(i).isalnum() and chr(i) not in _KEPT_MARKS}
)


def fold(text: str) -> str:
    """Lower-case, accent-free text in which anything that is not a letter, a digit or a mark
    the rules use has become a space."""
    lowered = text[:MAX_CHARS].lower().translate(_SPECIAL_LETTERS)
    if lowered.isascii():
        return _SPACES.sub(" ", lowered.translate(_ASCII_BLANKS)).strip()
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", lowered):
        if unicodedata.combining(char):
            continue
        if char.isalnum() or char in _KEPT_MARKS:
            out.append(char)
        elif unicodedata.category(char) == "So":
            out.append(" , ")  # an emoji ends a thought: "I broke my streak 😩 can we…"
        else:
            out.append(" ")
    return _SPACES.sub(" ", "".join(out)).strip(" ,")
