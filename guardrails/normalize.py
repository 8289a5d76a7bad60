"""One matching form for user text, so that disguises do not hide a phrase from the checks.

Attackers dress trigger words up: full-width letters ("ＳＥＬＥＣＴ"), zero-width characters
("ig\u200bnore"), invisible Unicode tag characters that smuggle ASCII, Cyrillic look-alikes
("sеlect" with a Cyrillic е), accents, light leetspeak ("1gn0re") and spaced-out letters
("i g n o r e"). Every check reads the folded form, so each pattern is written once, in plain
lowercase ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that render as nothing (or nearly) and only serve to split a word.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufeff\uffa0\U000e0001\U000e007f" + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)

# Letters from other scripts that look like Latin ones; enough to undo the usual swaps.
_LOOKALIKES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "к": "k", "м": "m", "т": "t",
    "в": "b", "н": "h", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u",
    "ε": "e", "Α": "A", "Β": "B", "Ε": "E", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z", "ɡ": "g",
}  # fmt: skip

# Typographic punctuation that NFKC keeps but that patterns write in ASCII.
_PUNCTUATION = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "…": "...", "\u00a0": " ", "\u3000": " ",
}  # fmt: skip

_TABLE: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
# Unicode "tag" characters mirror ASCII invisibly; decode them so their text is checked too.
_TABLE.update({cp: chr(cp - 0xE0000) for cp in range(0xE0020, 0xE007F)})
_TABLE.update({ord(k): v for k, v in _LOOKALIKES.items()})
_TABLE.update({ord(k): v for k, v in _PUNCTUATION.items()})

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

_LEET_DIGITS = str.maketrans("013457@$", "oieasta" + "s")
# A leet digit inside a word, or leading a word of at least two letters ("1gn0re", "s3lect");
# quantities with their units ("20km", "10 mi", "5k", "3x", "45min") are left alone.
_UNITS = (
    r"(?:k|km|kms|m|mi|mile|miles|min|mins|h|hr|hrs|hour|hours|lb|lbs|kg|kgs|g|x|s|sec|secs"
    r"|d|day|days|wk|wks|week|weeks|ft|am|pm|st|nd|rd|th|rep|reps|set|sets|step|steps|cal|kcal)"
)
_LEET = re.compile(rf"(?<=[a-z])[013457@$]+|(?<![0-9])[013457@$]+(?=[a-z]{{2}})(?!{_UNITS}\b)")

# Three or more single characters joined by one separator each: "i g n o r e", "d.r.o.p".
_SPACED = re.compile(r"\b[a-z0-9](?:[ .\-_*+/|][a-z0-9]\b){2,}")
_SEPARATORS = re.compile(r"[ .\-_*+/|]")


@dataclass(frozen=True, slots=True)
class Folded:
    """User text in the two forms the checks read."""

    text: str
    """Lowercase ASCII: NFKC, case-folded, invisible characters removed, accents stripped and
    look-alike letters mapped; any other non-ASCII character becomes ``?``."""
    cased: str
    """NFKC with invisible characters removed, case kept: for payloads whose case matters
    (base64)."""


def fold(text: str) -> Folded:
    """The matching forms of ``text``; plain ASCII (most traffic) takes a quick path."""
    if text.isascii():
        return Folded(text.lower(), text)
    cased = unicodedata.normalize("NFKC", text).translate(_TABLE)
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", cased.casefold()))
    return Folded(bare.encode("ascii", "replace").decode("ascii"), cased)


# Starts with the rare character, so the search skips quickly through ordinary text.
_LEET_HINT = re.compile(r"[013457@$](?:[a-z][a-z]|(?<=[a-z].))")


def unleet(folded: str) -> str:
    """``folded`` with leet digits inside words read as letters ("1gn0re" → "ignore")."""
    if _LEET_HINT.search(folded) is None:
        return folded
    return _LEET.sub(lambda m: m.group().translate(_LEET_DIGITS), folded)


def unspace(folded: str) -> str:
    """``folded`` with spaced-out letters joined up ("i g n o r e" → "ignore")."""
    return _SPACED.sub(lambda m: _SEPARATORS.sub("", m.group()), folded)


_CHAR_FOLDS: dict[str, str] = {}
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


def fold_each(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded character by character, with where each folded character came from.

    Unlike :func:`fold` this keeps positions: ``origin[i]`` is the index in ``text`` of the
    character that produced folded character ``i`` (``None`` for plain ASCII, where they are
    the same). Characters are folded one at a time, so it can also be extended chunk by chunk
    as a stream arrives.
    """
    if text.isascii():
        return text.lower(), None
    pieces: list[str] = []
    origin: list[int] = []
    for run in _ASCII_RUNS.finditer(text):
        start, end = run.span()
        chunk = run.group()
        if chunk.isascii():
            pieces.append(chunk.lower())
            origin.extend(range(start, end))
            continue
        piece = _CHAR_FOLDS.get(chunk)
        if piece is None:
            piece = fold(chunk).text
            if len(_CHAR_FOLDS) < 65536:
                _CHAR_FOLDS[chunk] = piece
        pieces.append(piece)
        origin.extend([start] * len(piece))
    return "".join(pieces), origin
