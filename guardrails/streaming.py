"""Checks on streamed model text before any of it is sent.

Streaming free text means sending it before the whole answer is known, so each chunk is held
back until it can no longer turn into something forbidden: the trailing partial word (so
``htt`` + ``ps://…`` or ``coach@`` + ``example.com`` are caught before a character of them
goes out), a trailing run of digits (a phone number in the making) and, up to the end of the
sentence, anything that starts like a medical claim or a code statement ("cures" +
" cancer", "take your" + " medication"). The checks read everything received so far, so
phrases that span chunks are seen.

Once a violation is seen (or the text grows past ``max_chars``), the text before it has been
or is released, and everything after it is withheld. For clean text, links, addresses, phone
numbers and the claims and statements above, how the answer was cut into chunks makes no
difference to what is released; whatever is released is always clean, and the flags at the
end are those of the whole answer.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from guardrails.content import find_forbidden_folded
from guardrails.normalize import fold_each

# Words that begin a multi-word medical claim or code statement.
_STARTERS = (
    r"treat|treats|treated|treating|heal|heals|healed|healing|prevent|prevents|prevented"
    r"|preventing|guarantee|guaranteed|guarantees|lower|lowers|reduce|reduces|reverse|reverses"
    r"|regulate|regulates|control|controls|balance|balances|fix|fixes|clinically|medically"
    r"|scientifically|take|taking|stop|start|increase|skip|double|boost|boosts|strengthen"
    r"|strengthens|dose|doses|mg|select|insert|delete|update|drop|truncate|alter|create|union"
    r"|exec|execute|def|function|import|print|echo|require|var|const|void|lambda|rm|sudo"
    r"|chmod|curl|wget|bash|eval"
)
_LOOKBACK = 256
"""How far before the released text a new scan starts: longer than any phrase checked."""
_TAIL_REACH = 160
"""How far back from the end a held-back tail can begin."""
_DIGIT_TAIL = re.compile(r"[+(]?\d[\d\s().,:/+-]*+\Z")
_STARTER = re.compile(rf"\b(?:{_STARTERS})\b", re.IGNORECASE)


class StreamGuard:
    """Decides, chunk by chunk, how much of a streamed answer is safe to send."""

    def __init__(self, *, max_chars: int = 4000) -> None:
        if max_chars < 1:
            raise ValueError("max_chars must be at least 1")
        self._max = max_chars
        self._text = ""
        self._folded = ""
        self._origin: list[int] | None = None
        self._released = 0
        self._blocked = False
        self._finished = False
        self._flags: tuple[str, ...] = ()

    @property
    def blocked(self) -> bool:
        """True once a violation was seen; nothing more is released after that."""
        return self._blocked

    @property
    def flags(self) -> tuple[str, ...]:
        """Why the stream was blocked (``scan_output`` flags, ``too_long``); empty if clean."""
        return self._flags

    def feed(self, chunk: str) -> str:
        """Take the next chunk; return the text now safe to send (possibly ``""``)."""
        if self._finished:
            raise RuntimeError("the stream was already finished")
        self._append(chunk)
        if self._blocked:
            return ""
        return self._release(final=False)

    def finish(self) -> str:
        """The stream has ended: check what was held back and return what may still be sent."""
        if self._finished:
            return ""
        self._finished = True
        if self._blocked:
            # Flags from the whole answer, however it was chunked.
            self._flags = self._violations(final=True)[0]
            return ""
        return self._release(final=True)

    def _append(self, chunk: str) -> None:
        room = self._max + 1 - len(self._text)
        if room <= 0 or not chunk:
            return  # past the limit: only the fact that it is too long matters
        piece = chunk[:room]
        folded, origin = fold_each(piece)
        offset = len(self._text)
        if origin is not None and self._origin is None:
            self._origin = list(range(len(self._folded)))
        if self._origin is not None:
            positions = origin if origin is not None else range(len(piece))
            self._origin += [offset + i for i in positions]
        self._text += piece
        self._folded += folded

    def _release(self, *, final: bool) -> str:
        text = self._text
        stop = len(text) if final else _hold_point(text)
        flags, cut = self._violations(final=final, hold=stop)
        if flags:
            self._blocked = True
            self._flags = flags
            stop = min(stop, cut)
        if stop <= self._released:
            return ""
        safe = text[self._released : stop]
        self._released = stop
        return safe

    def _violations(self, *, final: bool, hold: int | None = None) -> tuple[tuple[str, ...], int]:
        """Flags of the violations that count now, and where the text must be cut for them.

        Before the end, a violation counts once it starts before the held-back tail; one inside
        the tail may still turn into something harmless ("example.co" + "ol"). Only the text
        from a little before the released part is scanned again; the end scans everything.
        """
        text = self._text
        limit = len(text) if final or hold is None else hold
        begin = 0 if final else _word_start(text, max(0, self._released - _LOOKBACK))
        folded_begin = self._folded_index(begin)
        # A stand-in for the text before the window, so "^" only matches at a real line start.
        before = "\n" if begin and text[begin - 1] == "\n" else ("\x0b" if begin else "")
        shift = folded_begin - len(before)
        flags: set[str] = set()
        cut = len(text)
        for finding in find_forbidden_folded(before + self._folded[folded_begin:]):
            start = self._original(finding.start + shift)
            if start < limit:
                flags.add(finding.flag)
                cut = min(cut, _word_start(text, start))
        if len(text) > self._max:
            flags.add("too_long")
            cut = min(cut, _word_start(text, self._max))
        return tuple(sorted(flags)), cut

    def _original(self, folded_index: int) -> int:
        if self._origin is None:
            return folded_index
        if folded_index < len(self._origin):
            return self._origin[max(folded_index, 0)]
        return len(self._text)

    def _folded_index(self, original_index: int) -> int:
        if self._origin is None:
            return original_index
        return bisect_left(self._origin, original_index)


def _word_start(text: str, index: int) -> int:
    """The start of the word that ``index`` falls in (``index`` itself after whitespace)."""
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def _hold_point(text: str) -> int:
    """Where the tail that could still become a violation begins."""
    end = len(text)
    hold = _word_start(text, end)
    digits = _DIGIT_TAIL.search(text, max(0, end - 40))
    if digits is not None:
        hold = min(hold, _word_start(text, digits.start()))
    reach = max(0, end - _TAIL_REACH)
    sentence = max(reach, *(text.rfind(mark, reach) + 1 for mark in ".!?\n"))
    starter = _STARTER.search(text, sentence)
    if starter is not None:
        hold = min(hold, _word_start(text, starter.start()))
    return hold
