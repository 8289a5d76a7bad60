"""Sub-commands that installed packages add to ``coachbot``, through the entry-point group
``coachbot.commands`` (the way Flask takes ``flask.commands``).

An entry point names either a function whose parameters are typer options and arguments
(``paces = "plugins.plans.cli:paces"`` → ``coachbot paces``) or a ``typer.Typer`` group
(``plan = "plugins.plans.cli:plan_app"`` → ``coachbot plan preview``). The entry point's name
is the command's name. Commands are separate from skills on purpose: a command needs no
settings, store or engine to exist, so a broken skill configuration never hides ``--help``.

A command that cannot be loaded, or whose name is taken, is left out with a warning on
stderr rather than breaking every other command.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

import typer

ENTRY_POINT_GROUP = "coachbot.commands"


def mount_plugin_commands(app: typer.Typer, eps: Iterable[EntryPoint] | None = None) -> list[str]:
    """Adds each installed command to ``app``, in name order; returns the names added."""
    taken = {_name_of(info) for info in app.registered_commands} | {
        info.name for info in app.registered_groups
    }
    added: list[str] = []
    found = eps if eps is not None else entry_points(group=ENTRY_POINT_GROUP)
    for ep in sorted(found, key=lambda e: e.name):
        if ep.name in taken:
            _warn(f"command {ep.name!r} ({ep.value}) is left out: the name is already taken")
            continue
        try:
            target = ep.load()
        except Exception as exc:
            _warn(f"command {ep.name!r} ({ep.value}) is left out: it failed to import: {exc}")
            continue
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=ep.name)
        elif callable(target):
            app.command(name=ep.name)(target)
        else:
            _warn(f"command {ep.name!r} ({ep.value}) is left out: not a function or typer.Typer")
            continue
        taken.add(ep.name)
        added.append(ep.name)
    return added


def _name_of(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    callback = info.callback
    return callback.__name__.replace("_", "-") if callback is not None else None


def _warn(message: str) -> None:
    print(f"coachbot: {message}", file=sys.stderr)
