"""Commands a third-party package might add to ``coachbot``, for the plugin-command tests."""

from __future__ import annotations

import typer

group = typer.Typer(help="A group of sample commands.")


@group.command()
def shout(word: str) -> None:
    """Say a word loudly."""
    typer.echo(word.upper())


def hello(name: str = typer.Option("world", "--name")) -> None:
    """Greet someone."""
    typer.echo(f"hello {name}")


NOT_A_COMMAND = 42
