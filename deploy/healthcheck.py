"""Container health probe: exit 0 when the local coachbot service answers 2xx on a path.

Usage: ``python healthcheck.py [/health|/ready]``. The slim Python image has no curl, and the
standard library is enough; this file is copied into the image next to the installed package.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def probe(path: str, *, port: str, timeout: float) -> str | None:
    """Returns ``None`` when healthy, otherwise why not (Docker keeps it in the health log)."""
    url = f"http://127.0.0.1:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code}"
    except OSError as error:
        return f"{url} unreachable: {error}"
    return None if 200 <= status < 300 else f"{url} answered {status}"


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "/health"
    # Docker's own timeout for the check is 5 s; answer before it gives up on us.
    problem = probe(path, port=os.environ.get("COACHBOT_PORT", "8080"), timeout=4.0)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
