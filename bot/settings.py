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
        env_prefix="COACHBOT_", env_file=".env", extra="ignore", env_nested_delimiter="__"
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
