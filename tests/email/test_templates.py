"""Emails rendered from the template files, as a user would read them."""

from __future__ import annotations

import pytest
from jinja2 import TemplateNotFound, UndefinedError

from bot.email import render_email, template_names

PUBLIC_URL = "https://coach.example.com"


def test_welcome_has_a_subject_a_text_part_and_an_html_part() -> None:
    email = render_email("welcome", "ana@example.com", name="Ana", public_url=PUBLIC_URL)

    assert email.to == "ana@example.com"
    assert email.subject == "Welcome to coachbot"
    assert email.text.startswith("Hi Ana,\n")
    assert PUBLIC_URL in email.text
    assert "{%" not in email.text and "{{" not in email.text
    assert email.html.lstrip().startswith("<!doctype html>")
    assert "<title>Welcome to coachbot</title>" in email.html
    assert "Hi Ana," in email.html
    assert f'href="{PUBLIC_URL}"' in email.html


def test_html_escapes_the_name_and_the_text_part_keeps_it_as_written() -> None:
    name = '<script>alert("hi")</script> & Bo'
    email = render_email("welcome", "ana@example.com", name=name, public_url=PUBLIC_URL)

    assert "<script>" not in email.html
    assert "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt; &amp; Bo" in email.html
    assert f"Hi {name}," in email.text


def test_the_name_stays_out_of_the_headers() -> None:
    email = render_email(
        "welcome", "ana@example.com", name="Ana\r\nBcc: all@example.com", public_url=PUBLIC_URL
    )
    assert email.subject == "Welcome to coachbot"


@pytest.mark.parametrize("name", [None, ""])
def test_without_a_name_it_says_hi_there(name: str | None) -> None:
    email = render_email("welcome", "ana@example.com", name=name, public_url=PUBLIC_URL)
    assert email.text.startswith("Hi there,\n")
    assert "Hi there," in email.html


def test_a_forgotten_variable_is_an_error_not_a_gap() -> None:
    with pytest.raises(UndefinedError, match="public_url"):
        render_email("welcome", "ana@example.com", name="Ana")


def test_unknown_or_odd_template_names_are_refused() -> None:
    with pytest.raises(TemplateNotFound):
        render_email("no_such_email", "ana@example.com")
    for name in ("../settings", "_layout", "Welcome"):
        with pytest.raises(ValueError, match="not an email template name"):
            render_email(name, "ana@example.com")


def test_every_template_renders_with_the_usual_variables() -> None:
    assert "welcome" in template_names()
    for name in template_names():
        email = render_email(name, "ana@example.com", name="Ana", public_url=PUBLIC_URL)
        assert email.subject and email.text.strip() and email.html.strip()
