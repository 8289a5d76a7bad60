"""Email: compose from templates, then deliver through SendGrid, SMTP or the outbox directory.

Compose with ``render_email("welcome", to, name=..., public_url=settings.public_url)``; deliver
with ``await build_sender(settings).send(email)`` in a worker, or from the api process with
``await bot.jobs.enqueue_email(email)`` so retries happen in the background.
"""

from bot.email.errors import EmailError
from bot.email.factory import build_sender
from bot.email.message import Email, mime_message
from bot.email.outbox_sender import OutboxSender
from bot.email.render import render_email, template_names
from bot.email.sender import EmailSender
from bot.email.smtp_sender import SmtpSender

__all__ = [
    "Email",
    "EmailError",
    "EmailSender",
    "OutboxSender",
    "SmtpSender",
    "build_sender",
    "mime_message",
    "render_email",
    "template_names",
]
