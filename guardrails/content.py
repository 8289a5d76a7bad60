"""Forbidden content in anything the assistant sends: links, contact details, medical claims,
code.

Model output is checked before any of it reaches a user (seed 000, "Post-Model Output
Guards"). The checks are deliberately stricter than the input prefilter, since a false alarm
here only costs a retry or a template, while a slip puts a link or a cure claim in front of a
user. Ordinary coaching copy ("Run 5 km at an easy pace, then rest on Sunday.", "75% milestone
hit! 12 km remain") passes.
"""

from __future__ import annotations

from dataclasses import dataclass

from guardrails.code_syntax import (
    CODE_SYNTAX_RULES,
    FENCE_RULE,
    MARKUP_RULES,
    SQL_STATEMENT_RULES,
)
from guardrails.links import DOMAIN_RULE, EMAIL_RULES, URL_RULES, phone_spans
from guardrails.medical import CLAIM_RULES
from guardrails.normalize import fold_each
from guardrails.screen import SCREEN_TABLE
from guardrails.signal import Rule, View, anywhere


@dataclass(frozen=True, slots=True)
class Finding:
    """One forbidden thing and where it sits in the checked text."""

    flag: str
    start: int
    end: int


_RULES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("email", EMAIL_RULES),
    ("url", (*URL_RULES, DOMAIN_RULE)),
    ("medical_claim", CLAIM_RULES),
    (
        "code",
        (
            FENCE_RULE,
            anywhere("`", chars="`"),
            *SQL_STATEMENT_RULES,
            *CODE_SYNTAX_RULES,
            *MARKUP_RULES,
        ),
    ),
)

# Rules by the word or character that cues them, so a text only visits the few rules it can
# possibly match (long streamed answers are scanned over and over).
_BY_WORD: dict[bytes, list[tuple[str, Rule]]] = {}
_BY_CHAR: dict[int, list[tuple[str, Rule]]] = {}
for _flag, _rules in _RULES:
    for _rule in _rules:
        if _rule.always:
            raise ValueError(f"every {_flag} rule needs a cue")
        for _word in _rule.cue_words:
            _BY_WORD.setdefault(_word, []).append((_flag, _rule))
        for _char in _rule.cue_chars:
            _BY_CHAR.setdefault(_char, []).append((_flag, _rule))
_INDEXED_WORDS = frozenset(_BY_WORD)
_INDEXED_CHARS = frozenset(_BY_CHAR)
_DIGITS = frozenset(b"0123456789")


def find_forbidden(text: str) -> tuple[Finding, ...]:
    """Every forbidden span in ``text`` (positions in ``text``), in order of position."""
    folded, origin = fold_each(text)
    findings = find_forbidden_folded(folded)
    if origin is None:
        return findings
    return tuple(
        Finding(
            f.flag, origin[f.start], origin[f.end - 1] + 1 if f.end > f.start else origin[f.start]
        )
        for f in findings
    )


def find_forbidden_folded(folded: str) -> tuple[Finding, ...]:
    """Every forbidden span in already folded text (see :func:`guardrails.normalize.fold_each`)."""
    raw = folded.encode("ascii")
    words = frozenset(raw.translate(SCREEN_TABLE).split())
    # In model output every character counts, not only the prefilter's rare ones.
    view = View(folded, folded, words, raw)
    candidates: dict[int, tuple[str, Rule]] = {}
    for word in _INDEXED_WORDS.intersection(words):
        for flag, rule in _BY_WORD[word]:
            candidates[id(rule)] = (flag, rule)
    for char in _INDEXED_CHARS.intersection(raw):
        for flag, rule in _BY_CHAR[char]:
            candidates[id(rule)] = (flag, rule)
    findings = [
        Finding(flag, start, end)
        for flag, rule in candidates.values()
        for start, end in rule.spans(view)
    ]
    if not _DIGITS.isdisjoint(raw):
        findings += [Finding("phone", start, end) for start, end in phone_spans(folded)]
    findings = [_whole_token(f, folded) if f.flag in _TOKENS else f for f in findings]
    findings = [f for f in findings if not _inside_email(f, findings)]
    return _merged(findings)


def scan_output(text: str) -> tuple[str, ...]:
    """The sorted, unique flags for ``text``; an empty tuple means it is clean."""
    return tuple(sorted({f.flag for f in find_forbidden_folded(fold_each(text)[0])}))


_TOKENS = frozenset({"url", "email"})
_TRAILING = ".,;:!?)]}'\""


def _whole_token(finding: Finding, text: str) -> Finding:
    """A link or address is reported whole: from the start of its word to its end."""
    start, end = finding.start, finding.end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while end > finding.end and text[end - 1] in _TRAILING:
        end -= 1
    return Finding(finding.flag, start, end)


def _merged(findings: list[Finding]) -> tuple[Finding, ...]:
    """Overlapping findings of one kind reported once, in order of position."""
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.flag, f.start, f.end)):
        last = merged[-1] if merged else None
        if last is not None and last.flag == finding.flag and finding.start <= last.end:
            merged[-1] = Finding(last.flag, last.start, max(last.end, finding.end))
        else:
            merged.append(finding)
    return tuple(sorted(merged, key=lambda f: (f.start, f.end, f.flag)))


def _inside_email(finding: Finding, findings: list[Finding]) -> bool:
    """The domain of an e-mail address is reported as the address, not also as a link."""
    return finding.flag == "url" and any(
        other.flag == "email" and other.start <= finding.start and finding.end <= other.end
        for other in findings
    )
