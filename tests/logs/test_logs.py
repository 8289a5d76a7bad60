"""The log pipeline as an operator reads it: one JSON object per line carrying the request's
context, library (stdlib) records in the same shape, secrets masked, readable text in a terminal."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from bot.logs import (
    bind_context,
    bound_context,
    clear_context,
    configure_logging,
    get_logger,
)
from bot.settings import Settings


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    clear_context()
    structlog.reset_defaults()
    logging.captureWarnings(False)
    root.handlers[:] = handlers
    root.setLevel(level)


def configured(log_format: str = "json", level: str = "INFO") -> io.StringIO:
    out = io.StringIO()
    configure_logging(Settings(log_format=log_format, log_level=level), stream=out)
    return out


def lines(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_json_lines_carry_the_bound_request_id() -> None:
    out = configured("json")
    bind_context(request_id="req-42")
    get_logger("bot.service").info("request started", path="/chat")
    get_logger("bot.service").warning("slow", elapsed_ms=812)

    first, second = lines(out)
    assert first["event"] == "request started"
    assert first["request_id"] == second["request_id"] == "req-42"
    assert first["level"] == "info" and second["level"] == "warning"
    assert first["logger"] == "bot.service"
    assert first["path"] == "/chat"
    assert first["timestamp"].endswith("Z")  # ISO 8601 in UTC
    assert list(first)[:4] == ["timestamp", "level", "logger", "event"]


def test_stdlib_records_show_their_extra_fields_and_the_context() -> None:
    out = configured("json")
    bind_context(request_id="req-7", turn_id="turn-3")
    logging.getLogger("bot.engine").info("turn %s done", "turn-3", extra={"skill": "goals"})

    (line,) = lines(out)
    assert line["event"] == "turn turn-3 done"
    assert line["logger"] == "bot.engine"
    assert line["skill"] == "goals"
    assert line["request_id"] == "req-7" and line["turn_id"] == "turn-3"


def test_library_loggers_go_through_the_same_pipeline() -> None:
    out = configured("json")
    logging.getLogger("aiohttp.access").info("GET /health 200")
    (line,) = lines(out)
    assert line["logger"] == "aiohttp.access" and line["level"] == "info"


def test_level_filters_structlog_and_stdlib_alike() -> None:
    out = configured("json", level="warning")
    get_logger("bot.x").info("hidden")
    logging.getLogger("pymongo").info("hidden too")
    get_logger("bot.x").error("shown")
    assert [line["event"] for line in lines(out)] == ["shown"]


def test_secrets_are_masked_wherever_they_appear() -> None:
    out = configured("json")
    get_logger("bot.llm").info(
        "provider call",
        api_key="sk-live-123",
        headers={"Authorization": "Bearer abc", "Accept": "application/json"},
        attempts=[{"refresh_token": "r-1"}],
        input_tokens=812,
        broker="redis://:hunter2@redis:6379/0",
    )
    logging.getLogger("bot.email").info(
        "smtp login", extra={"smtp_password": "pw", "JWT-Secret": "s", "user": "ops"}
    )

    text = out.getvalue()
    for secret in ("sk-live-123", "Bearer abc", "r-1", "hunter2", '"pw"', '"s"'):
        assert secret not in text
    call, login = lines(out)
    assert call["api_key"] == "***"
    assert call["headers"] == {"Authorization": "***", "Accept": "application/json"}
    assert call["attempts"] == [{"refresh_token": "***"}]
    assert call["input_tokens"] == 812  # a count under a "token" key is not a secret
    assert call["broker"] == "redis://***@redis:6379/0"
    assert login["smtp_password"] == login["JWT-Secret"] == "***"
    assert login["user"] == "ops"


def test_exceptions_are_one_field_without_secrets() -> None:
    out = configured("json")
    try:
        raise ConnectionError("cannot reach mongodb://app:s3cret@mongo:27017")
    except ConnectionError:
        get_logger("storage").exception("store down")
    (line,) = lines(out)
    assert "ConnectionError" in line["exception"]
    assert "s3cret" not in out.getvalue()


def test_console_mode_is_readable_text() -> None:
    out = configured("console")
    bind_context(request_id="req-9")
    get_logger("bot.cli").info("service started", port=8080, api_key="sk-1")
    logging.getLogger("celery").info("worker ready")

    text = out.getvalue()
    first, second = text.splitlines()
    with pytest.raises(json.JSONDecodeError):
        json.loads(first)
    assert "service started" in first and "[info" in first
    assert "port=8080" in first and "request_id=req-9" in first
    assert "api_key=***" in first and "sk-1" not in text
    assert "worker ready" in second and "\x1b[" not in text  # no colour codes off a terminal


def test_auto_picks_json_off_a_terminal_and_text_on_one() -> None:
    out = configured("auto")
    get_logger("bot").info("piped")
    assert lines(out)[0]["event"] == "piped"

    terminal = Terminal()
    configure_logging(Settings(log_format="auto"), stream=terminal)
    get_logger("bot").info("interactive")
    assert "interactive" in terminal.getvalue()
    with pytest.raises(json.JSONDecodeError):
        json.loads(terminal.getvalue())


def test_configuring_twice_replaces_the_first_configuration() -> None:
    before = len(logging.getLogger().handlers)
    first = configured("console")
    out = configured("json")
    get_logger("bot").info("once")
    logging.getLogger("celery").info("once too")
    assert len(logging.getLogger().handlers) == before + 1
    assert first.getvalue() == ""
    assert [line["event"] for line in lines(out)] == ["once", "once too"]


def test_context_clears_and_scopes() -> None:
    out = configured("json")
    bind_context(request_id="a")
    clear_context()
    with bound_context(job="nudge"):
        get_logger("bot").info("inside")
    get_logger("bot").info("outside")
    inside, outside = lines(out)
    assert "request_id" not in inside and inside["job"] == "nudge"
    assert "job" not in outside


async def test_concurrent_requests_keep_their_own_ids() -> None:
    out = configured("json")

    async def handle(request_id: str) -> None:
        clear_context()
        bind_context(request_id=request_id)
        await asyncio.sleep(0)
        logging.getLogger("bot.service").info("handled", extra={"for": request_id})

    await asyncio.gather(*(asyncio.create_task(handle(f"r{i}")) for i in range(5)))
    assert all(line["request_id"] == line["for"] for line in lines(out))
    assert len(lines(out)) == 5


def test_unknown_level_or_format_is_refused() -> None:
    with pytest.raises(ValueError, match="log_level"):
        configured("json", level="LOUD")
    with pytest.raises(ValueError, match="log_format"):
        configure_logging(Settings.model_construct(log_format="xml", log_level="INFO"))
