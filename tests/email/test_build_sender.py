"""Which sender settings choose: SendGrid, else SMTP, else the outbox."""

from __future__ import annotations

from pathlib import Path

from bot.email import OutboxSender, SmtpSender, build_sender
from bot.email.sendgrid_sender import SendGridSender
from bot.settings import Settings


def test_no_mail_setup_writes_to_the_outbox_in_the_data_dir(tmp_path: Path) -> None:
    sender = build_sender(Settings(data_dir=tmp_path))
    assert isinstance(sender, OutboxSender)
    assert sender.directory == tmp_path / "outbox"


def test_an_smtp_host_chooses_smtp() -> None:
    sender = build_sender(
        Settings(smtp_host="mail.example.com", smtp_port=2525, smtp_password="pw-123")
    )
    assert isinstance(sender, SmtpSender)
    assert (sender.host, sender.port, sender.starttls) == ("mail.example.com", 2525, True)
    assert "pw-123" not in repr(sender)


def test_a_sendgrid_key_wins_over_smtp() -> None:
    sender = build_sender(
        Settings(
            sendgrid_api_key="SG.key-1",
            sendgrid_base_url="http://127.0.0.1:9/",
            smtp_host="mail.example.com",
        )
    )
    assert isinstance(sender, SendGridSender)
    assert sender.host == "http://127.0.0.1:9"
    assert "SG.key-1" not in repr(sender)


def test_a_blank_sendgrid_key_counts_as_unset() -> None:
    assert isinstance(
        build_sender(Settings(sendgrid_api_key="  ", smtp_host="m.example.com")), SmtpSender
    )
