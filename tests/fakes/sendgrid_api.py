"""A fake SendGrid v3 Mail Send API (``POST /v3/mail/send``) for the real ``sendgrid`` SDK.

It answers as SendGrid does: ``202 Accepted`` with an empty body and an ``X-Message-Id`` header,
``401`` without ``Authorization: Bearer <key>`` (or with another key), ``400`` with SendGrid's
``{"errors": [{"message", "field", "help"}]}`` body for a request the real API would refuse.
Script failures as for the LLM fakes::

    async with FakeSendGrid(api_key="SG.test") as fake:
        fake.script(Status(500), Reply("ok"))   # the first send fails, the next one is accepted
        SendGridSender("SG.test", "coachbot <noreply@example.com>", host=fake.url)

Any ``Reply`` means "accepted"; its text is not used.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from aiohttp import web

from tests.fakes import Behaviour, FakeServer, RecordedRequest, Reply, Status

__all__ = ["FakeSendGrid"]

_ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")

STATUS_MESSAGES = {
    400: "Bad Request",
    401: "The provided authorization grant is invalid, expired, or revoked",
    403: "access forbidden",
    413: "The JSON payload you have submitted is too large.",
    429: "too many requests",
    500: "internal server error",
    503: "service unavailable",
}

NEEDS_PERSONALIZATION = (
    "The personalizations field is required and must have at least one personalization."
)
NEEDS_TO = (
    "The to array is required for all personalization objects, and must have at least one "
    "email object with a valid email address."
)
NEEDS_SUBJECT = (
    "The subject is required. You can get around this requirement if you use a template with "
    "a subject defined or if every personalization has a subject defined."
)
NEEDS_CONTENT = (
    "Unless a valid template_id is provided, the content parameter is required. There must be "
    "at least one defined content block."
)
PLAIN_FIRST = "If present, text/plain content must be first, followed by any other content."

Problem = tuple[str, str]
"""(field, message), as SendGrid reports a refused request."""


def _email_problem(value: Any, field: str) -> Problem | None:
    if not isinstance(value, dict) or not isinstance(value.get("email"), str):
        return field, f"The {field} email parameter is required."
    if not _ADDRESS.fullmatch(value["email"]):
        return f"{field}.email", "Does not contain a valid address."
    name = value.get("name")
    if name is not None and not isinstance(name, str):
        return f"{field}.name", "The name must be a string."
    return None


def _content_problem(content: Any) -> Problem | None:
    if not isinstance(content, list) or not content:
        return "content", NEEDS_CONTENT
    types = []
    for i, block in enumerate(content):
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            return f"content.{i}.type", "The content type is required."
        if not isinstance(block.get("value"), str) or not block["value"]:
            return f"content.{i}.value", "The content value must be at least one character."
        types.append(block["type"])
    if "text/plain" in types and types[0] != "text/plain":
        return "content", PLAIN_FIRST
    return None


def mail_send_problem(body: dict[str, Any]) -> Problem | None:
    """Why SendGrid would refuse this Mail Send body with a 400, or None."""
    personalizations = body.get("personalizations")
    if not isinstance(personalizations, list) or not personalizations:
        return "personalizations", NEEDS_PERSONALIZATION
    if problem := _email_problem(body.get("from"), "from"):
        return problem
    for i, personalization in enumerate(personalizations):
        recipients = personalization.get("to") if isinstance(personalization, dict) else None
        if not isinstance(recipients, list) or not recipients:
            return f"personalizations.{i}.to", NEEDS_TO
        for j, recipient in enumerate(recipients):
            if problem := _email_problem(recipient, f"personalizations.{i}.to.{j}"):
                return problem
        subject = personalization.get("subject", body.get("subject"))
        if not isinstance(subject, str) or not subject:
            return "subject", NEEDS_SUBJECT
    if problem := _content_problem(body.get("content")):
        return problem
    if "reply_to" in body and (problem := _email_problem(body["reply_to"], "reply_to")):
        return problem
    return None


class FakeSendGrid(FakeServer):
    """``async with FakeSendGrid(api_key=...) as fake: SendGridAPIClient(key, host=fake.url)``."""

    endpoint = "/v3/mail/send"

    def __init__(self, *, default: Behaviour | None = None, api_key: str | None = None) -> None:
        super().__init__(default=default, api_key=api_key)
        self.message_ids: list[str] = []
        """The ``X-Message-Id`` of every accepted request, in order."""

    def validate(self, body: dict[str, Any]) -> str | None:
        problem = mail_send_problem(body)
        return None if problem is None else f"{problem[0]}: {problem[1]}"

    def error_body(self, status: Status) -> dict[str, Any]:
        message = status.message or STATUS_MESSAGES.get(status.status, "error")
        if status.status == 401:  # SendGrid says the same whatever is wrong with the key
            message = STATUS_MESSAGES[401]
        field: str | None = None
        if status.status == 400 and ": " in message:  # from validate(): "field: message"
            field, message = message.split(": ", 1)
        help_url = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html"
        return {
            "errors": [
                {
                    "message": message,
                    "field": field,
                    "help": help_url if status.status == 400 else None,
                }
            ]
        }

    async def _perform(
        self, behaviour: Behaviour, request: web.Request, recorded: RecordedRequest
    ) -> web.StreamResponse:
        if isinstance(behaviour, Reply):
            message_id = secrets.token_urlsafe(16)
            self.message_ids.append(message_id)
            return web.Response(status=202, headers={"X-Message-Id": message_id})
        return await super()._perform(behaviour, request, recorded)
