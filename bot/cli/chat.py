"""``coachbot chat``: talk to the bot in a terminal, on the same engine every channel uses."""

from __future__ import annotations

import asyncio
import contextlib
import getpass

import typer
from rich.console import Console
from rich.text import Text

from bot.cli.render import log_to_file, show_reply
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.skill import UserProfile

QUIT = {"/quit", "/exit", "quit", "exit"}


def chat(
    user: str = typer.Option(None, help="Who you are in this chat (default: your login name)."),
    conversation: str = typer.Option("terminal", help="Conversation id; reuse it to resume."),
    tz: str = typer.Option("UTC", help="Your IANA time zone, e.g. Europe/Madrid."),
) -> None:
    """Chat with coachbot in this terminal (works offline, no services needed)."""
    settings = Settings()
    log_to_file(settings.data_dir / "coachbot.log")
    profile = UserProfile(user_id=user or _login_name(), tz=tz)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_chat(settings, profile, conversation))


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


async def _chat(settings: Settings, profile: UserProfile, conversation: str) -> None:
    console = Console()
    status = console.status("Starting coachbot…")
    status.start()
    async with open_runtime(settings) as runtime:
        status.stop()
        engine = runtime.engine
        provider = runtime.llm.provider
        console.print(
            Text.assemble(
                ("coachbot", "bold cyan"),
                f" — skills: {', '.join(s.name for s in engine.skills)}",
                f" · LLM: {provider.name if provider else 'offline'}\n",
                ("Type a message, a number to pick a suggestion, /help, or /quit.", "dim"),
            )
        )
        chips: list[str] = []
        while True:
            try:
                text = (await asyncio.to_thread(console.input, "[bold green]you ›[/] ")).strip()
            except EOFError:
                break
            if text.lower() in QUIT:
                break
            if text.isdigit() and 0 < int(text) <= len(chips):
                text = chips[int(text) - 1]
                console.print(Text(f"  ↳ {text}", style="dim"))
            if not text:
                continue
            console.print(Text("bot › ", style="bold cyan"), end="")
            streamed = False

            async def on_chunk(chunk: str) -> None:
                nonlocal streamed
                streamed = True
                console.print(chunk, end="", markup=False, highlight=False)

            result = await engine.handle(
                profile, text, conversation_id=conversation, channel="terminal", on_chunk=on_chunk
            )
            if streamed:
                console.print()
                if "fallback" in result.reply.flags:  # the stream was cut: show what replaces it
                    console.print(Text(result.reply.text, style="yellow"))
            show_reply(console, result.reply, streamed=streamed)
            chips = [chip.value for chip in result.reply.chips]
    console.print("[dim]Bye — your conversation is saved.[/]")
