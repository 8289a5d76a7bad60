"""Emails from template files: ``templates/<name>.txt`` and ``templates/<name>.html``.

The plain-text template also sets the subject (``{% set subject = ... %}``), so one file holds
the words and the HTML file only the presentation. HTML is autoescaped; the text part and the
subject are not (they are never read as markup). A variable the caller forgot is an error, not
an empty gap in a sentence.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.email.message import Email

TEMPLATES = Path(__file__).with_name("templates")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_email(template: str, to: str, **context: Any) -> Email:
    """``render_email("welcome", "ana@example.com", name="Ana", public_url=...)``."""
    if not _NAME.fullmatch(template):
        raise ValueError(f"not an email template name: {template!r}")
    environment = _environment()
    text = environment.get_template(f"{template}.txt").make_module(context)
    subject = getattr(text, "subject", None)
    if not isinstance(subject, str) or not subject.strip():
        raise ValueError(f"templates/{template}.txt does not set a subject")
    subject = " ".join(subject.split())  # a name with a line break stays on one line
    html = environment.get_template(f"{template}.html").render({**context, "subject": subject})
    return Email(to=to, subject=subject, text=str(text).strip() + "\n", html=html)


def template_names() -> list[str]:
    """The emails there are templates for (a name needs both files)."""
    texts = {p.stem for p in TEMPLATES.glob("*.txt")}
    return sorted(p.stem for p in TEMPLATES.glob("*.html") if p.stem in texts)
