"""schemathesis generates requests from our OpenAPI spec: no request may make the service fail."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import aiohttp
import pytest

from storage.embedded import free_port
from tests.service.helpers import register
from tests.service.processes import coachbot_env, start, stop, wait_ready

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is not installed")
async def test_generated_requests_never_get_a_server_error(
    mongo, redis_url, tmp_path: Path
) -> None:
    port = free_port()
    env = coachbot_env(
        mongodb_url=mongo.url,
        mongodb_database=f"fuzz_{uuid.uuid4().hex[:8]}",
        redis_url=redis_url,
        data_dir=str(tmp_path),
        jwt_secret=secrets.token_urlsafe(40),
        port=str(port),
        min_seconds_between_turns="0",
        chat_turns_per_minute="100000",
        auth_attempts_per_minute="100000",
        log_level="WARNING",
    )
    log = tmp_path / "api.log"
    process = start("serve", "--no-worker", env=env, cwd=tmp_path, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(base, process, log)
        async with aiohttp.ClientSession() as http:
            account = await register(http, base)
        run = subprocess.run(
            [
                str(SCHEMATHESIS),
                "run",
                f"{base}/api/v1/openapi.json",
                "--checks",
                "not_a_server_error,content_type_conformance,response_schema_conformance",
                "--header",
                f"Authorization: Bearer {account.token}",
                "--max-examples",
                "40",
                "--generation-deterministic",
                "--request-timeout",
                "20",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
            check=False,
        )
    finally:
        stop(process)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:] + log.read_text()[-3000:]
    selected = re.search(r"Selected: (\d+)/(\d+)", run.stdout)
    tested = re.search(r"Tested: (\d+)", run.stdout)
    assert selected and tested, run.stdout[-3000:]
    assert int(tested.group(1)) == int(selected.group(2)) >= 8  # every operation was exercised
