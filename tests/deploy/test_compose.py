"""docker-compose.yml as Docker Compose reads it, and the promises operators rely on: MongoDB as a
replica set, services that wait for healthy dependencies, secrets passed through, never baked in.

``docker-compose config`` needs no Docker engine, only the client (Debian package
``docker-compose``); the checks that read the YAML directly run without it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML reads the compose file")

ROOT = Path(__file__).resolve().parents[2]
# In a container the api listens on all interfaces; the published port decides who reaches it.
SERVE = ["coachbot", "serve", "--host", "0.0.0.0"]  # noqa: S104
COMPOSE_FILE = ROOT / "docker-compose.yml"
APP_SERVICES = {"api", "worker", "beat"}
BACKING_SERVICES = {"mongo", "redis"}
PASSED_THROUGH = [
    "COACHBOT_ANTHROPIC_API_KEY",
    "COACHBOT_OPENAI_API_KEY",
    "COACHBOT_SENDGRID_API_KEY",
    "COACHBOT_SMTP_HOST",
    "COACHBOT_SMTP_USERNAME",
    "COACHBOT_SMTP_PASSWORD",
]


def run_config(**env: str) -> subprocess.CompletedProcess[str]:
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.skip("docker-compose is not installed (Debian: apt-get install docker-compose)")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COACHBOT_")}
    return subprocess.run(
        [compose, "-f", str(COMPOSE_FILE), "config"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    result = run_config(COACHBOT_JWT_SECRET="test-secret", COACHBOT_SMTP_HOST="smtp.example.org")
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = yaml.safe_load(result.stdout)
    return parsed


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    parsed: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return parsed


def test_compose_accepts_the_file_and_declares_the_services(config: dict[str, Any]) -> None:
    assert set(config["services"]) == APP_SERVICES | BACKING_SERVICES
    assert {"mongo-data", "redis-data"} <= set(config["volumes"])


def test_mongo_runs_as_a_replica_set_of_one(config: dict[str, Any]) -> None:
    mongo = config["services"]["mongo"]
    assert mongo["image"] == "mongo:7"
    assert mongo["command"][:2] == ["--replSet", "rs0"]
    probe = " ".join(mongo["healthcheck"]["test"])
    assert "rs.initiate" in probe and "NotYetInitialized" in probe  # only when not yet set up
    assert "isWritablePrimary" in probe  # healthy means: transactions can run
    assert any(v.endswith(":/data/db:rw") or v.endswith(":/data/db") for v in mongo["volumes"])


def test_redis_has_a_healthcheck_and_keeps_its_data(config: dict[str, Any]) -> None:
    redis = config["services"]["redis"]
    assert redis["image"] == "redis:7-alpine"
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert any(":/data" in v for v in redis["volumes"])


def test_app_services_run_the_right_commands(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["api"]["command"] == SERVE
    assert services["worker"]["command"] == ["coachbot", "worker"]
    assert services["beat"]["command"] == ["coachbot", "beat"]
    assert {"published": 8080, "target": 8080} in services["api"]["ports"]
    assert services["api"]["healthcheck"]["test"][-1] == "/ready"
    for name in ("worker", "beat"):  # no HTTP server there: the image's probe is switched off
        assert services[name]["healthcheck"]["test"] == ["NONE"]
    assert all(services[name]["build"]["context"] == str(ROOT) for name in APP_SERVICES)


def test_app_services_reach_mongo_and_redis_and_log_json(config: dict[str, Any]) -> None:
    for name in APP_SERVICES:
        env = config["services"][name]["environment"]
        assert env["COACHBOT_MONGODB_URL"] == "mongodb://mongo:27017/?replicaSet=rs0"
        assert env["COACHBOT_REDIS_URL"] == "redis://redis:6379/0"
        assert env["COACHBOT_LOG_FORMAT"] == "json"
        assert env["COACHBOT_JWT_SECRET"] == "test-secret"


def test_credentials_come_from_the_host_and_stay_unset_when_it_has_none(
    config: dict[str, Any],
) -> None:
    for name in APP_SERVICES:
        env = config["services"][name]["environment"]
        assert env["COACHBOT_SMTP_HOST"] == "smtp.example.org"
        for key in PASSED_THROUGH:
            assert key in env
            if key != "COACHBOT_SMTP_HOST":
                # None, not "": an empty string would read as a configured (empty) key.
                assert env[key] is None, key


def test_compose_refuses_to_run_without_a_token_signing_secret() -> None:
    result = run_config()
    assert result.returncode != 0
    assert "COACHBOT_JWT_SECRET" in result.stderr


def test_services_wait_for_healthy_mongo_and_redis(raw: dict[str, Any]) -> None:
    """Read straight from the file, so it holds without docker-compose too."""
    services = raw["services"]
    for backing in BACKING_SERVICES:
        assert services[backing].get("healthcheck", {}).get("test"), f"{backing}: no healthcheck"
    for name, service in services.items():
        env = service.get("environment") or {}
        needs = {
            backing
            for backing in BACKING_SERVICES
            if any(f"//{backing}:" in str(value) for value in env.values())
        }
        depends = service.get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: depends_on without conditions"
        for backing in needs | (set(depends) & BACKING_SERVICES):
            assert backing in depends, f"{name} uses {backing} but does not wait for it"
            assert depends[backing] == {"condition": "service_healthy"}, name


def test_every_app_service_uses_the_shared_definition(raw: dict[str, Any]) -> None:
    for name in APP_SERVICES:
        service = raw["services"][name]
        assert service["build"] == "."
        assert service["restart"] == "unless-stopped"
        assert set(service["depends_on"]) == BACKING_SERVICES
