"""Service-wide settings, read once from ``COACHBOT_*`` environment variables and ``.env``.

Every secret the service uses comes from here; nothing else reads the environment. Each field's
description is the documentation operators see in the README's configuration table and in
``coachbot doctor``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LLMProviderName = Literal["offline", "anthropic", "openai"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="COACHBOT_",
        env_file=".env",
        extra="ignore",
        env_nested_delimiter="__",
        env_ignore_empty=True,  # `COACHBOT_SMTP_HOST=` in .env or compose means unset
    )

    data_dir: Path = Field(
        Path("var"), description="Where embedded services keep their data (MongoDB files, logs)."
    )
    mongodb_url: str | None = Field(
        None,
        description="MongoDB connection string. Unset: start the embedded MongoDB-wire server.",
    )
    mongodb_database: str = Field("coachbot", description="Database name inside MongoDB.")

    llm_provider: LLMProviderName = Field(
        "offline",
        description="offline (deterministic skill logic, no network), anthropic or openai.",
    )
    llm_timeout_seconds: float = Field(20.0, gt=0, description="Timeout of one LLM request.")
    llm_max_retries: int = Field(
        1, ge=0, le=5, description="SDK-level retries on connection errors and 5xx answers."
    )
    anthropic_api_key: SecretStr | None = Field(None, description="API key for anthropic.")
    anthropic_base_url: str | None = Field(None, description="Override the Anthropic API URL.")
    anthropic_model: str = Field("claude-sonnet-5-5", description="Anthropic model name.")
    openai_api_key: SecretStr | None = Field(None, description="API key for openai.")
    openai_base_url: str | None = Field(None, description="Override the OpenAI API URL.")
    openai_model: str = Field("gpt-5.5", description="OpenAI model name.")

    max_message_chars: int = Field(
        2000, ge=50, le=20000, description="Longest user message accepted in one turn."
    )
    turn_lock_timeout_seconds: float = Field(
        10.0, gt=0, description="How long a turn waits for the previous turn of its conversation."
    )
    min_seconds_between_turns: float = Field(
        1.0, ge=0, description="Turns closer together than this in one conversation are declined."
    )
    daily_offtopic_refusals: int = Field(
        20,
        ge=1,
        description="Refusals per user and UTC day before the bot stops offering suggestions.",
    )
    fallback_skill: str = Field(
        "help", description="Skill that answers turns no other skill claims."
    )
    skills_disabled: list[str] = Field(
        default_factory=list, description="Names of installed skills to leave switched off."
    )

    redis_url: str | None = Field(
        None,
        description="Redis URL (redis://, rediss:// or unix://). Unset: start an embedded Redis.",
    )
    host: str = Field("127.0.0.1", description="Address the web service listens on.")
    port: int = Field(8080, ge=1, le=65535, description="Port the web service listens on.")
    public_url: str = Field(
        "http://127.0.0.1:8080", description="Where users reach the service (links in emails)."
    )
    jwt_secret: SecretStr | None = Field(
        None,
        description="Key that signs access tokens. Unset: one is generated and kept in data_dir.",
    )
    access_token_minutes: int = Field(
        60 * 24 * 7, ge=1, description="Lifetime of an access token, in minutes."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Browser origins allowed to call the API, as JSON."
    )
    admin_emails: list[str] = Field(
        default_factory=list,
        description="Accounts that may call operator-only routes, as JSON.",
    )
    max_body_bytes: int = Field(
        64 * 1024, ge=1024, description="Largest request body the API accepts."
    )
    chat_turns_per_minute: int = Field(
        30, ge=1, description="Chat turns a user may send per minute (socket.io and REST)."
    )
    auth_attempts_per_minute: int = Field(
        10, ge=1, description="Sign-in attempts per email, and sign-ups per address, per minute."
    )
    log_format: Literal["auto", "json", "console"] = Field(
        "auto", description="auto: readable in a terminal, JSON otherwise."
    )
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR.")

    email_from: str = Field(
        "coachbot <noreply@coachbot.local>", description="Sender of the emails coachbot sends."
    )
    sendgrid_api_key: SecretStr | None = Field(
        None, description="Send email through SendGrid when set."
    )
    sendgrid_base_url: str | None = Field(
        None, description="Override the SendGrid API URL (tests, proxies)."
    )
    smtp_host: str | None = Field(
        None,
        description="Send email through this SMTP server when set (and no SendGrid key). "
        "With neither, emails are written to data_dir/outbox.",
    )
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP port.")
    smtp_username: str | None = Field(None, description="SMTP user name.")
    smtp_password: SecretStr | None = Field(None, description="SMTP password.")
    smtp_starttls: bool = Field(True, description="Upgrade the SMTP connection with STARTTLS.")
