"""The ``coachbot`` command."""

from __future__ import annotations

import typer

from bot.cli.chat import chat
from bot.cli.doctor import doctor
from bot.cli.evaluate import eval_app
from bot.cli.jobs import beat, jobs_app, worker
from bot.cli.plugin_commands import mount_plugin_commands
from bot.cli.serve import serve

app = typer.Typer(
    name="coachbot",
    help="coachbot — a plugin-based coaching chatbot. Runs on embedded defaults with no setup.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(serve)
app.command()(worker)
app.command()(beat)
app.command()(chat)
app.command()(doctor)
app.add_typer(eval_app, name="eval")
app.add_typer(jobs_app, name="jobs")
mount_plugin_commands(app)

if __name__ == "__main__":
    app()
