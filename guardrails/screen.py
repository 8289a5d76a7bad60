"""The cheap first look at a message: its words and its rare characters, in microseconds.

Working on bytes keeps this in C: one ``bytes.translate`` lowercases, reads leet digits as
letters and turns every other character into a space; ``split`` then gives the words. A
second translate keeps only the few characters that code, markup and fake delimiters need.
"""

from __future__ import annotations

SPECIAL_CHARS = b'`<>{}[]\\=#%~"'
"""Characters rare in chat and common in code, markup and fake role delimiters (``%``, ``~``
and ``"`` only count in the runs described in :func:`special_chars`)."""


def _screen_table() -> bytes:
    table = bytearray(b" " * 256)
    for c in range(ord("a"), ord("z") + 1):
        table[c] = c
        table[c - 32] = c
    for d in b"2689":
        table[d] = d
    # Leet digits read as letters, so "1gn0re" screens as "ignore". A plain number may turn
    # into letters too ("10" → "io"); cue words are chosen so that this cannot wake a check
    # (a test guards it).
    for src, dst in zip(b"013457@$", b"oieasta" + b"s", strict=True):
        table[src] = dst
    return bytes(table)


SCREEN_TABLE = _screen_table()
NOT_SPECIAL = bytes(b for b in range(256) if b not in SPECIAL_CHARS)

LEET_LETTERS = frozenset("oieast")
"""Letters a digit can turn into on the screen; no cue word may consist of these alone."""


def screen_word(word: str) -> bytes:
    """How ``word`` looks on the screen (lowercase, leet digits as letters)."""
    return word.encode("ascii").translate(SCREEN_TABLE).strip()


def screen_words(text: bytes) -> list[bytes]:
    """The words of an ASCII message as the screen sees them."""
    return text.translate(SCREEN_TABLE).split()


def special_chars(text: bytes) -> bytes:
    """The rare characters present in an ASCII message (possibly repeated).

    A few characters count only in runs that chat does not use: ``%%`` (a "%%% END %%%"
    delimiter, unlike "10%") or ``%3c`` (an encoded ``<``), ``~~~`` (a fence, unlike
    "~5 km") and ``",`` (letters spelled out one by one in quotes, unlike a quote at the end
    of a sentence).
    """
    found = text.translate(None, NOT_SPECIAL)
    if found and (b"%" in found or b"~" in found or b'"' in found):
        runs = found.translate(None, b'%~"')
        if b"%" in found and (
            text.find(b"%%") >= 0 or text.find(b"%3c") >= 0 or text.find(b"%3C") >= 0
        ):
            runs += b"%"
        if b"~" in found and text.find(b"~~~") >= 0:
            runs += b"~"
        if b'"' in found and (text.find(b'",') >= 0 or text.find(b"',") >= 0):
            runs += b'"'
        return runs
    return found


LONG_WORD = b"<long>"
"""Stands in for "a word of at least :data:`LONG_WORD_LENGTH` letters and digits" among the cue
words (it can never be a real word: the screen has no ``<``). Goal chat has hardly any such
words; encoded payloads do."""
LONG_WORD_LENGTH = 16
WORD_CHARS_TABLE = bytes(
    ord("a") if (chr(b).isalnum() and b < 128) or b in b"@$" else ord(" ") for b in range(256)
)
"""Every character the screen keeps in words becomes ``a``, any other a space: a message has a
long word when it contains :data:`LONG_RUN`."""
LONG_RUN = b"a" * LONG_WORD_LENGTH
