"""Links and contact details: URLs, bare domains, e-mail addresses and phone numbers.

The assistant never opens links and never hands out contact details, so user messages with a
URL are refused and model output with any of these is rejected. A bare site name in a user's
message ("a challenge on strava.com") is only noted: people name sites in passing.

Phone numbers are recognised by their usual layouts (``(555) 123-4567``, ``+44 20 7946 0958``,
``555.123.4567``) or by a calling word next to a long digit run, so coaching numbers such as
"10,000 steps", "5:30", "2026-04-20" and "1:45:00" never look like one.
"""

from __future__ import annotations

import re

from guardrails.screen import LEET_LETTERS
from guardrails.signal import Rule, Signal, anywhere, at

# Top-level domains recognised without a scheme. Two-letter ones that are also English words
# ("in", "it", "to", "be", "at", "me", "us", "so", "do", "go", "no", "is", "am", "as") are left
# out: "well done.it was" is a missing space, not a site.
TLDS = (
    "com", "org", "net", "edu", "gov", "mil", "int", "io", "ai", "app", "dev", "co", "info",
    "biz", "xyz", "ly", "gg", "tv", "fm", "uk", "ca", "au", "de", "fr", "es", "nl", "ru", "cn",
    "jp", "br", "pl", "se", "ch", "eu", "ie", "nz", "za", "mx", "kr", "online", "site", "shop",
    "store", "blog", "link", "club", "top", "page", "news", "tech", "cloud", "live", "pro",
    "ws", "cc",
)  # fmt: skip
# In user messages, only domains whose ending the prefilter's word screen can cue on: "io",
# "ai", "es", "se" and "ie" also screen as numbers ("10", "41", ...).
INPUT_TLDS = tuple(t for t in TLDS if not set(t) <= LEET_LETTERS)


def _url_rules(tlds: tuple[str, ...]) -> tuple[Rule, ...]:
    ending = f"(?:{'|'.join(tlds)})"
    tld_words = " ".join(tlds)
    return (
        at("http https ftp sftp file ws wss ipfs hxxp hxxps",
           r"(?:https?|ftp|sftp|file|wss?|ipfs|hxxps?)\s*:\s*/\s*/"),
        at("www www1 www2 www3", r"www\d?\s*\.\s*[a-z0-9-]+"),
        # A domain followed by a port or a path ("strava.com/athletes/1").
        anywhere(rf"\.(?<=[a-z0-9]\.){ending}[:/]\S", words=tld_words),
        # Spelled-out dots: "example[.]com", "example dot com".
        anywhere(rf"(?:\[\.\]|\(\.\)|\{{\.\}}|\[dot\]|\(dot\)|\bdot\b)\s*{ending}\b",
                 words=tld_words),
        at("bit tinyurl goo ow", r"(?:bit\.ly|tinyurl\.com|goo\.gl|ow\.ly)\b"),
        at("mailto", r"mailto:"),
    )  # fmt: skip


def _domain_rule(tlds: tuple[str, ...]) -> Rule:
    return anywhere(
        rf"\.(?<=[a-z0-9]\.)(?:{'|'.join(tlds)})\b(?![.-]?[a-z0-9])", words=" ".join(tlds)
    )


URL_RULES = (
    *_url_rules(TLDS),
    anywhere(r"\b(?:\d{1,3}\.){3}\d{1,3}\b", chars="0123456789"),
)
"""A link in any form: scheme, www., a domain with a path, "example[.]com", short links, an
IP address. For model output."""
DOMAIN_RULE = _domain_rule(TLDS)
"""A bare site name ("strava.com"). For model output."""
INPUT_URL_RULES = _url_rules(INPUT_TLDS)
INPUT_DOMAIN_RULE = _domain_rule(INPUT_TLDS)

_TLD_PATTERN = f"(?:{'|'.join(TLDS)})"

EMAIL_RULES = (
    anywhere(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", chars="@"),
    anywhere(
        rf"""\b[a-z0-9._-]+\s*(?:\[at\]|\(at\)|\{{at\}}|\s+at\s+)\s*[a-z0-9-]+\s*
       (?:\[dot\]|\(dot\)|\{{dot\}}|\s+dot\s+)\s*{_TLD_PATTERN}\b""",
        words="dot",
    ),
)
"""E-mail addresses, including "name [at] example [dot] com". For model output."""

_PHONE_SHAPES = re.compile(
    r"""
    (?<![\w.,:/+-])
    (?:
      \+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}
    | (?:1[\s.-]?)?\(\d{3}\)\s*\d{3}[\s.-]?\d{4}
    | (?:1[\s.-])?\d{3}[.-]\d{3}[.-]\d{4}
    | \d{3}\s\d{3}\s\d{4}
    | 0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}
    )
    (?![\w.,:/-]*\d)
    | \b(?:call|text|phone|tel|telephone|mobile|cell|whatsapp|sms|dial|ring|fax|contact)\b
      [^\n\d]{0,20}(\+?\(?\d(?:[\s().-]{1,2}\d|\d){6,14})
    """,
    re.X,
)


_DATE_OR_TIME = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?"
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Where phone numbers are in folded ``text`` (7 to 15 digits in a phone layout, and not
    a date or a time next to a word like "call")."""
    spans = []
    for match in _PHONE_SHAPES.finditer(text):
        start, end = match.span(1) if match.group(1) else match.span()
        number = text[start:end].strip()
        digits = sum(c.isdigit() for c in number)
        if 7 <= digits <= 15 and not _DATE_OR_TIME.fullmatch(number.rstrip(".")):
            spans.append((start, end))
    return spans


SIGNALS = (
    Signal("url", INPUT_URL_RULES),
    Signal("domain_mention", (INPUT_DOMAIN_RULE,)),
)
