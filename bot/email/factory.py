"""Choose how email leaves the service, from settings.

SendGrid when a key is set, else SMTP when a host is set, else the outbox directory: a fresh
install with no mail setup still "delivers" every email somewhere a developer can open it. The
SendGrid SDK is imported only when it is the one chosen.
"""

from __future__ import annotations

from bot.email.outbox_sender import OutboxSender
from bot.email.sender import EmailSender
from bot.email.smtp_sender import SmtpSender
from bot.settings import Settings


def build_sender(settings: Settings) -> EmailSender:
    key = settings.sendgrid_api_key.get_secret_value().strip() if settings.sendgrid_api_key else ""
    if key:
        from bot.email.sendgrid_sender import SendGridSender

        return SendGridSender(key, settings.email_from, host=settings.sendgrid_base_url)
    if settings.smtp_host:
        return SmtpSender(
            settings.smtp_host,
            settings.smtp_port,
            settings.email_from,
            username=settings.smtp_username,
            password=(
                settings.smtp_password.get_secret_value() if settings.smtp_password else None
            ),
            starttls=settings.smtp_starttls,
        )
    return OutboxSender(settings.data_dir / "outbox", settings.email_from)
