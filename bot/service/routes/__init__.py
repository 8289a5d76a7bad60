"""The REST API's routes, declared on one :class:`~bot.service.api.Api`."""

from bot.service.api import Api

api = Api()

# Importing the modules registers their routes on ``api``.
from bot.service.routes import auth, chat, users  # noqa: E402, F401

__all__ = ["api"]
