"""Prometheus metrics, on a registry of our own so tests can build several apps."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

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
    "coachbot_turns_total", "Chat turns by channel and outcome.", ["channel", "outcome"], registry=REGISTRY
)
TURN_SECONDS = Histogram(
    "coachbot_turn_seconds",
    "Chat turn latency, from receipt to the final reply.",
    ["channel"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
SOCKETS = Counter(
    "coachbot_socket_connections_total", "socket.io connection attempts by result.", ["result"], registry=REGISTRY
)
