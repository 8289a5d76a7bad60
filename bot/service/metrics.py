"""Prometheus metrics, on a registry of our own so tests can build several apps."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram
from pymongo import monitoring

REGISTRY = CollectorRegistry()

HTTP_REQUESTS = Counter(
    "coachbot_http_requests_total",
    "HTTP requests by route and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "coachbot_http_request_seconds", "HTTP request latency.", ["route"], registry=REGISTRY
)
TURNS = Counter(
    "coachbot_turns_total",
    "Chat turns by channel and outcome.",
    ["channel", "outcome"],
    registry=REGISTRY,
)
TURN_SECONDS = Histogram(
    "coachbot_turn_seconds",
    "Chat turn latency, from receipt to the final reply.",
    ["channel"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
SOCKETS = Counter(
    "coachbot_socket_connections_total",
    "socket.io connection attempts by result.",
    ["result"],
    registry=REGISTRY,
)

STORE_COMMANDS = Counter(
    "coachbot_store_commands_total",
    "MongoDB commands sent, by command name (round trips to the store).",
    ["command"],
    registry=REGISTRY,
)


class _StoreCommandCounter(monitoring.CommandListener):
    def started(self, event: monitoring.CommandStartedEvent) -> None:
        STORE_COMMANDS.labels(event.command_name).inc()

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


_watching = False


def watch_store() -> None:
    """Counts every MongoDB command of clients created from now on (call before connecting)."""
    global _watching
    if not _watching:
        monitoring.register(_StoreCommandCounter())
        _watching = True


def record_turn(channel: str, outcome: str, seconds: float) -> None:
    TURNS.labels(channel, outcome).inc()
    TURN_SECONDS.labels(channel).observe(seconds)
