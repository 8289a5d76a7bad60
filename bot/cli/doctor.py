"""``coachbot doctor``: what is configured, and is it reachable?"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import asdict, dataclass
from typing import Any

import typer
from pydantic import SecretStr
from rich.console import Console
from rich.table import Table

from bot.discovery import SkillLoadError, load_skills
from bot.llm.factory import build_provider
from bot.runtime import build_prompts
from bot.settings import Settings
from storage.client import open_database


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def doctor(
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Say what is configured and whether it is reachable. Exits 1 when something is broken."""
    report = asyncio.run(_run_checks(Settings()))
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
    else:
        _print(report)
    raise typer.Exit(0 if all(c["ok"] for c in report["checks"]) else 1)


def _settings_view(settings: Settings) -> dict[str, Any]:
    view: dict[str, Any] = {}
    for name, value in settings:
        if isinstance(value, SecretStr):
            view[name] = "set" if value.get_secret_value() else "empty"
        else:
            view[name] = value
    return view


async def _run_checks(settings: Settings) -> dict[str, Any]:
    checks: list[Check] = []
    skills = []
    try:
        skills = load_skills(settings.skills_disabled)
        checks.append(Check("skills", True, ", ".join(s.name for s in skills) or "none installed"))
    except SkillLoadError as exc:
        checks.append(Check("skills", False, str(exc)))
    try:
        prompts = build_prompts(skills)
        checks.append(Check("prompts", True, f"{len(prompts)} prompt versions loaded"))
    except Exception as exc:
        checks.append(Check("prompts", False, str(exc)))
    try:
        provider = build_provider(settings)
        if provider is None:
            detail = "offline: skills answer with their deterministic logic"
        else:
            detail = f"{provider.name}, model {provider.model}"
            await provider.aclose()
        checks.append(Check("llm", True, detail))
    except ValueError as exc:
        checks.append(Check("llm", False, str(exc)))
    checks.append(await _check_database(settings))
    return {"settings": _settings_view(settings), "checks": [asdict(c) for c in checks]}


async def _check_database(settings: Settings) -> Check:
    started = time.perf_counter()
    where = (settings.mongodb_url and "configured MongoDB") or "embedded server"
    try:
        async with open_database(
            settings.mongodb_url, database=settings.mongodb_database, data_dir=settings.data_dir
        ) as database:
            info = await database.client.admin.command("buildInfo")
            ms = (time.perf_counter() - started) * 1000
            return Check("mongodb", True, f"{where}, version {info.get('version')}, {ms:.0f} ms")
    except Exception as exc:
        return Check("mongodb", False, f"{where} unreachable: {exc}")


def _print(report: dict[str, Any]) -> None:
    console = Console()
    checks = Table(title="coachbot doctor", show_lines=False)
    checks.add_column("check")
    checks.add_column("status")
    checks.add_column("detail", overflow="fold")
    for check in report["checks"]:
        status = "[green]ok[/]" if check["ok"] else "[red]problem[/]"
        checks.add_row(check["name"], status, check["detail"])
    console.print(checks)
    config = Table(title="settings (COACHBOT_…)", show_lines=False)
    config.add_column("setting")
    config.add_column("value", overflow="fold")
    for name, value in report["settings"].items():
        config.add_row(name, str(value))
    console.print(config)
