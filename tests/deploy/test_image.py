"""The Dockerfile's promises, checked without a Docker engine: what it copies and runs, that it
runs unprivileged, that its health probe works, and that the installed (non-editable) package
carries every file the service reads at run time."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# In a container the api listens on all interfaces; the published port decides who reaches it.
SERVE = ["coachbot", "serve", "--host", "0.0.0.0"]  # noqa: S104
PROBE_IN_IMAGE = "/usr/local/lib/coachbot/healthcheck.py"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    pairs = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, args = line.strip().partition(" ")
            pairs.append((keyword.upper(), args.strip()))
    return pairs


def arguments(keyword: str) -> list[str]:
    return [args for kw, args in instructions() if kw == keyword]


def package_dirs() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({p.split(".")[0].rstrip("*") for p in patterns})


def test_runs_coachbot_serve_from_python_311_slim_as_an_unprivileged_user() -> None:
    assert arguments("FROM") == ["python:3.11-slim"]
    assert json.loads(arguments("CMD")[-1]) == SERVE
    assert arguments("EXPOSE") == ["8080"]
    users = arguments("USER")
    assert users and users[-1] not in {"root", "0"}
    keywords = [kw for kw, _ in instructions()]
    assert keywords.index("USER") < keywords.index("CMD")


def test_installs_the_project_from_a_copy_of_every_package() -> None:
    copied = {source.rstrip("/") for args in arguments("COPY") for source in args.split()[:-1]}
    for needed in ["pyproject.toml", "README.md", *package_dirs()]:
        assert needed in copied, f"the image build does not copy {needed}"
    assert any(re.search(r"\bpip install \.(\s|$)", args) for args in arguments("RUN"))


def test_health_probes_point_at_the_copied_script() -> None:
    assert f"deploy/healthcheck.py {PROBE_IN_IMAGE}" in arguments("COPY")
    (healthcheck,) = arguments("HEALTHCHECK")
    assert PROBE_IN_IMAGE in healthcheck and "/health" in healthcheck
    assert f"{PROBE_IN_IMAGE}, /ready" in (ROOT / "docker-compose.yml").read_text().replace('"', "")


def test_secrets_and_local_state_stay_out_of_the_build_context() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", "var", ".git"} <= ignored


class Service(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response({"/health": 200, "/ready": 503}.get(self.path, 404))
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def service_port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def probe(path: str, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py"), path],
        env={**os.environ, "COACHBOT_PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_probe_passes_on_2xx_and_fails_otherwise(service_port: int) -> None:
    assert probe("/health", service_port).returncode == 0
    not_ready = probe("/ready", service_port)
    assert not_ready.returncode == 1 and "503" in not_ready.stderr


def test_probe_fails_when_nothing_listens(service_port: int) -> None:
    # A port that was just free: bind, remember, release.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    port = server.server_address[1]
    server.server_close()
    down = probe("/health", port)
    assert down.returncode == 1 and "unreachable" in down.stderr


def test_the_installed_package_carries_every_file_of_the_source_tree(tmp_path: Path) -> None:
    """The image installs a wheel, not the checkout: data files (prompts, schemas, web assets)
    exist there only when pyproject's package-data names them."""
    context = tmp_path / "context"
    context.mkdir()
    for name in ["pyproject.toml", "README.md"]:
        shutil.copy(ROOT / name, context / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in package_dirs():
        shutil.copytree(ROOT / package, context / package, ignore=ignore)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), "."],
        cwd=context,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("coachbot-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        path.relative_to(context).as_posix()
        for package in package_dirs()
        for path in (context / package).rglob("*")
        if path.is_file()
    }
    missing = sorted(sources - shipped)
    assert not missing, f"not in the wheel (add them to package-data in pyproject.toml): {missing}"
