"""Things the prefilter looks for, each tied to the cue word or character it cannot do without.

The prefilter runs on every message and has a budget of a few microseconds, so detection is
organised around cues:

- a message is first split into words (see :mod:`guardrails.screen`); only when a cue word or
  a rare character is present does any pattern run at all, and ordinary goal chat runs none;
- most rules are *anchored*: they describe a phrase that begins with one of a few words
  ("ignore …", "select … from …") and are tried only where such a word stands, with
  ``pattern.match(text, position)``, which is far cheaper than searching the whole text for a
  large alternation;
- the rest search the text, but only when their own cue is present.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from guardrails.screen import screen_word


@dataclass(frozen=True, slots=True)
class View:
    """A message as the rules read it."""

    text: str
    """Folded text: lowercase ASCII (see :mod:`guardrails.normalize`)."""
    cased: str
    """Case kept, for payloads whose case matters."""
    words: frozenset[bytes]
    """Its words as the screen sees them."""
    specials: bytes
    """Its rare characters (see :func:`guardrails.screen.special_chars`)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase shape; fires when ``pattern`` matches where the rule applies."""

    pattern: re.Pattern[str]
    starts: tuple[tuple[bytes, str], ...]
    """For an anchored rule: the words a match begins with (screen form, as written)."""
    cue_words: frozenset[bytes]
    """Words of which one must be present for the rule to be tried (screen forms)."""
    cue_chars: frozenset[int]
    """Characters that cue the rule instead of words (rarer than any word)."""
    also_needs: frozenset[bytes] = frozenset()
    """Further words of which one must be present too (not used by the screen)."""
    weight: int = 1

    @property
    def always(self) -> bool:
        """A rule with no cue at all runs on every text (model output only, never input)."""
        return not self.cue_words and not self.cue_chars

    def cued(self, view: View) -> bool:
        if self.also_needs and self.also_needs.isdisjoint(view.words):
            return False
        if self.cue_chars:
            return not self.cue_chars.isdisjoint(view.specials)
        return self.always or not self.cue_words.isdisjoint(view.words)

    def fires(self, view: View) -> bool:
        """Whether the rule matches anywhere in ``view.text`` (the hot path of the prefilter)."""
        if not self.cued(view):
            return False
        text = view.text
        if not self.starts:
            return self.pattern.search(text) is not None
        match_at = self.pattern.match
        words = view.words
        end_of_text = len(text)
        for screen, word in self.starts:
            if screen not in words:
                continue
            size = len(word)
            position = text.find(word)
            while position >= 0:
                end = position + size
                if (
                    (position == 0 or not text[position - 1].isalnum())
                    and (end == end_of_text or not text[end].isalnum())
                    and match_at(text, position)
                ):
                    return True
                position = text.find(word, end)
        return False

    def spans(self, view: View) -> Iterator[tuple[int, int]]:
        """Where the rule matches in ``view.text`` (nowhere unless it is cued)."""
        if not self.cued(view):
            return
        text = view.text
        if not self.starts:
            for match in self.pattern.finditer(text):
                yield match.span()
            return
        match_at = self.pattern.match
        for screen, word in self.starts:
            if screen in view.words:
                for position in word_positions(text, word):
                    found = match_at(text, position)
                    if found:
                        yield found.span()


def at(
    words: str,
    pattern: str,
    *,
    needs: str = "",
    chars: str = "",
    cue: str = "needs",
    weight: int = 1,
) -> Rule:
    """An anchored rule: ``pattern`` (verbose syntax) begins with one of ``words``.

    With ``needs`` (or ``chars``), the rule is only tried when one of those is present too.
    ``cue`` says which of the two word sets the screen watches for: the rarer one in chat
    ("needs" by default, "starts" when the starting words are the rarer ones).
    """
    starts = tuple((screen_word(w), w) for w in dict.fromkeys(words.split()))
    start_words = frozenset(s for s, _ in starts)
    needed = frozenset(screen_word(w) for w in needs.split())
    cue_words: frozenset[bytes]
    also_needs: frozenset[bytes]
    if chars:
        cue_words, also_needs = frozenset(), needed
    elif needed and cue == "needs":
        cue_words, also_needs = needed, frozenset()
    else:
        cue_words, also_needs = start_words, needed
    return Rule(
        pattern=re.compile(pattern, re.X | re.M),
        starts=starts,
        cue_words=cue_words,
        cue_chars=frozenset(chars.encode("ascii")),
        also_needs=also_needs,
        weight=weight,
    )


def present(words: str, *, needs: str = "", weight: int = 1) -> Rule:
    """Fires wherever one of ``words`` stands."""
    return at(words, r"[a-z0-9]", needs=needs, weight=weight)


def anywhere(pattern: str, *, words: str = "", chars: str = "", weight: int = 1) -> Rule:
    """A searching rule, cued by any of ``words`` or by any of ``chars``; with neither, it
    always runs (only for checks off the hot path, such as model output)."""
    return Rule(
        pattern=re.compile(pattern, re.X | re.M),
        starts=(),
        cue_words=frozenset() if chars else frozenset(screen_word(w) for w in words.split()),
        cue_chars=frozenset(chars.encode("ascii")),
        weight=weight,
    )


class Signal:
    """A flag and the rules that raise it: any one of them, unless ``decide`` weighs them."""

    __slots__ = (
        "_by_word",
        "_char_rules",
        "_indexed",
        "cue_chars",
        "cue_words",
        "decide",
        "flag",
        "rules",
    )

    def __init__(
        self,
        flag: str,
        rules: Iterable[Rule],
        *,
        decide: Callable[[Signal, View], bool] | None = None,
        cue_words: Iterable[bytes] | None = None,
        cue_chars: Iterable[int] | None = None,
    ) -> None:
        self.flag = flag
        self.rules = tuple(rules)
        if any(rule.always for rule in self.rules):
            raise ValueError(f"{flag}: every rule of a signal needs a cue")
        self.decide = decide
        self.cue_words: frozenset[bytes] = frozenset(
            cue_words if cue_words is not None else (w for r in self.rules for w in r.cue_words)
        )
        """Words that send a message to this signal (see :mod:`guardrails.screen`)."""
        self.cue_chars: frozenset[int] = frozenset(
            cue_chars if cue_chars is not None else (c for r in self.rules for c in r.cue_chars)
        )
        """Characters that send a message to this signal."""
        by_word: dict[bytes, list[Rule]] = {}
        for rule in self.rules:
            for word in rule.cue_words:
                by_word.setdefault(word, []).append(rule)
        self._by_word = {word: tuple(rules) for word, rules in by_word.items()}
        self._indexed = frozenset(self._by_word)
        self._char_rules = tuple(r for r in self.rules if r.cue_chars)

    def cued_rules(self, view: View) -> list[Rule]:
        """The rules worth trying on ``view``, each once."""
        picked: dict[int, Rule] = {}
        for word in self._indexed.intersection(view.words):
            for rule in self._by_word[word]:
                picked[id(rule)] = rule
        if view.specials:
            for rule in self._char_rules:
                if not rule.cue_chars.isdisjoint(view.specials):
                    picked[id(rule)] = rule
        return list(picked.values())

    def check(self, view: View) -> bool:
        if self.decide is not None:
            return self.decide(self, view)
        return any(rule.fires(view) for rule in self.cued_rules(view))


def word_positions(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands as a whole word in ``text``."""
    size = len(word)
    end_of_text = len(text)
    position = text.find(word)
    while position >= 0:
        end = position + size
        if (position == 0 or not text[position - 1].isalnum()) and (
            end == end_of_text or not text[end].isalnum()
        ):
            yield position
        position = text.find(word, position + 1)
