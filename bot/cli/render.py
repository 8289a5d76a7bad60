"""Shows replies in a terminal: text, cards as panels, chips as numbered choices."""

from __future__ import annotations

import logging
from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.messages import Card, Chip, Reply


def card_panel(card: Card) -> Panel:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for field in card.fields:
        table.add_row(field.label, field.value)
    body: list[Text | Table] = []
    if card.subtitle:
        body.append(Text(card.subtitle, style="dim"))
    body.append(table)
    return Panel(Group(*body), title=card.title, title_align="left", border_style="cyan")


def chips_line(chips: list[Chip]) -> Text:
    line = Text()
    for number, chip in enumerate(chips, start=1):
        line.append(f" [{number}] ", style="bold magenta")
        line.append(chip.label)
    return line


def show_reply(console: Console, reply: Reply, *, streamed: bool) -> None:
    style = "yellow" if reply.refused else None
    if not streamed and reply.text:
        console.print(Text(reply.text, style=style or ""))
    for card in reply.cards:
        console.print(card_panel(card))
    if reply.chips:
        console.print(chips_line(reply.chips))


def log_to_file(path: Path) -> None:
    """Keeps log lines out of an interactive terminal session."""
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=path, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
