"""One log pipeline for the whole process: our structlog calls and every library's stdlib
``logging`` records (aiohttp, celery, pymongo, …) leave through the same processors and renderer.

Operators get one JSON object per line in production and readable lines in a terminal; both carry
the context bound at the edge (request id, turn id, user id) through ``structlog.contextvars``, so
every line written while handling a request can be found by that id. Context variables follow
asyncio tasks, so a value bound in one request handler never leaks into another.

Secrets are masked before rendering, by key name, because a log line is the easiest place for a
token to escape: values under keys such as ``password`` or ``api_key`` become ``***``, and
credentials inside URLs (``redis://:pw@host``) are blanked in every string value.

Celery installs its own root handler in the worker unless told otherwise; the worker should call
:func:`configure_logging` from Celery's ``setup_logging`` signal so Celery keeps its hands off.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from bot.settings import Settings

MASK = "***"
SENSITIVE_KEY_PARTS = ("password", "token", "secret", "api_key", "apikey", "authorization")
FIRST_KEYS = ("timestamp", "level", "logger", "event")

_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<userinfo>[^\s/@]+)@", re.I)


class _PipelineHandler(logging.StreamHandler[TextIO]):
    """The root handler this module installs; its own type lets a second call find and replace
    it without touching handlers that others (pytest, an embedding application) attached."""


def configure_logging(settings: Settings, *, stream: TextIO | None = None) -> None:
    """Routes structlog and stdlib logging to ``stream`` (stderr by default) in the configured
    format and level. Calling it again replaces the previous configuration."""
    out = stream if stream is not None else sys.stderr
    level = _parse_level(settings.log_level)
    renderer = _renderer(settings.log_format, out)

    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        mask_secrets,
    ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    final: list[Processor] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if isinstance(renderer, structlog.processors.JSONRenderer):
        # Tracebacks as one plain string field: greppable, and never the frames' local variables.
        # Masked again because exception messages may quote a connection URL.
        final += [structlog.processors.format_exc_info, mask_secrets, _order_keys]
    final.append(renderer)

    handler = _PipelineHandler(out)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(foreign_pre_chain=shared, processors=final)
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _PipelineHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)


def get_logger(name: str | None = None) -> structlog.stdlib.BoundLogger:
    """A structlog logger named like a stdlib one (``get_logger(__name__)``); safe to create at
    import time, before :func:`configure_logging` runs."""
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger


def bind_context(**values: Any) -> None:
    """Adds values to every line logged from now on in this task or thread."""
    structlog.contextvars.bind_contextvars(**values)


def clear_context() -> None:
    """Forgets all bound values; call it where a request, turn or job starts."""
    structlog.contextvars.clear_contextvars()


@contextmanager
def bound_context(**values: Any) -> Iterator[None]:
    """Binds values for the ``with`` block only, restoring what was bound before."""
    with structlog.contextvars.bound_contextvars(**values):
        yield


def mask_secrets(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """Structlog processor: masks values under sensitive keys and credentials inside URLs, in
    nested mappings and lists too.

    Numbers, booleans and ``None`` are kept even under a sensitive key: no secret is a count,
    and ``input_tokens=812`` or ``token_ttl=3600`` are what operators look for."""
    return {key: _clean(key, value) for key, value in event_dict.items()}


def is_sensitive(key: str) -> bool:
    normalized = key.lower().replace("-", "_")
    return any(part in normalized for part in SENSITIVE_KEY_PARTS)


def _clean(key: object, value: Any) -> Any:
    if isinstance(key, str) and is_sensitive(key) and not _harmless(value):
        return MASK
    if isinstance(value, str):
        return _URL_CREDENTIALS.sub(r"\g<scheme>" + MASK + "@", value)
    if isinstance(value, Mapping):
        return {k: _clean(k, v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(None, item) for item in value]
    return value


def _harmless(value: object) -> bool:
    return value is None or isinstance(value, bool | int | float)


def _order_keys(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """Puts time, level, logger and message first so JSON lines read well in a terminal too."""
    ordered = {k: event_dict[k] for k in FIRST_KEYS if k in event_dict}
    ordered.update((k, v) for k, v in event_dict.items() if k not in ordered)
    return ordered


def _renderer(log_format: str, out: TextIO) -> Processor:
    interactive = _is_tty(out)
    if log_format == "auto":
        log_format = "console" if interactive else "json"
    if log_format == "json":
        return structlog.processors.JSONRenderer()
    if log_format == "console":
        return structlog.dev.ConsoleRenderer(
            colors=interactive,
            # Rich tracebacks, but without local variables: they may hold secrets.
            exception_formatter=structlog.dev.RichTracebackFormatter(show_locals=False),
        )
    raise ValueError(f"log_format must be auto, json or console, not {log_format!r}")


def _parse_level(name: str) -> int:
    levels = logging.getLevelNamesMapping()
    level = levels.get(name.strip().upper())
    if level is None:
        raise ValueError(f"log_level must be one of DEBUG, INFO, WARNING, ERROR; got {name!r}")
    return level


def _is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # closed or stream-like objects without a terminal
        return False
