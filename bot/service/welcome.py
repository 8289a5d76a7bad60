"""The welcome email, queued for the Celery worker when someone registers."""

from __future__ import annotations

from bot.email import render_email
from bot.jobs import enqueue_email
from bot.service.state import SendWelcome
from bot.service.users import User
from bot.settings import Settings


def welcome_sender(settings: Settings) -> SendWelcome:
    async def send(user: User) -> None:
        email = render_email(
            "welcome", to=user.email, name=user.name, public_url=settings.public_url
        )
        await enqueue_email(email)

    return send
