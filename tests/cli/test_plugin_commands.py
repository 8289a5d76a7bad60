"""Packages add ``coachbot`` sub-commands through the ``coachbot.commands`` entry points: a
function becomes a command, a typer group a group; a broken or clashing one is left out with a
warning and never takes the others down."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
import typer
from typer.testing import CliRunner

from bot.cli.plugin_commands import ENTRY_POINT_GROUP, mount_plugin_commands


def _app() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, add_completion=False)

    @app.command()
    def serve() -> None:
        """The core's own command."""

    return app


def _ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name, value, ENTRY_POINT_GROUP)


def test_functions_and_groups_become_commands() -> None:
    app = _app()
    added = mount_plugin_commands(
        app,
        [
            _ep("sample", "tests.cli.sample_commands:group"),
            _ep("hi", "tests.cli.sample_commands:hello"),
        ],
    )
    assert added == ["hi", "sample"]
    runner = CliRunner()
    assert runner.invoke(app, ["hi", "--name", "ana"]).output == "hello ana\n"
    assert runner.invoke(app, ["sample", "shout", "go"]).output == "GO\n"
    listing = runner.invoke(app, ["--help"]).output
    assert "Greet someone" in listing and "A group of sample commands" in listing


@pytest.mark.parametrize(
    ("entry", "warning"),
    [
        (
            _ep("serve", "tests.cli.sample_commands:hello"),
            "'serve' (tests.cli.sample_commands:hello) is left out: the name is already taken",
        ),
        (
            _ep("gone", "tests.cli.no_such_module:hello"),
            "'gone' (tests.cli.no_such_module:hello) is left out: it failed to import",
        ),
        (
            _ep("num", "tests.cli.sample_commands:NOT_A_COMMAND"),
            "is left out: not a function or typer.Typer",
        ),
    ],
)
def test_a_bad_command_is_left_out_with_a_warning(
    entry: EntryPoint, warning: str, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app()
    added = mount_plugin_commands(app, [entry, _ep("hi", "tests.cli.sample_commands:hello")])
    assert added == ["hi"]
    assert warning in capsys.readouterr().err
    assert CliRunner().invoke(app, ["hi"]).output == "hello world\n"
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
