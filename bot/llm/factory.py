"""Choose the LLM backend from settings.

A provider chosen without its key is a configuration mistake, so it fails loudly at start-up
naming the variable to set, rather than silently falling back to offline. The SDKs are imported
only for the provider chosen, so an offline service never pays for loading them.
"""

from __future__ import annotations

from typing import assert_never

from pydantic import SecretStr

from bot.llm.provider import LLMProvider
from bot.settings import Settings


def build_provider(settings: Settings) -> LLMProvider | None:
    """The configured provider, or None for ``offline`` (deterministic skill logic)."""
    choice = settings.llm_provider
    if choice == "offline":
        return None
    if choice == "anthropic":
        from bot.llm.anthropic_provider import AnthropicProvider

        return AnthropicProvider(
            api_key=_require(settings.anthropic_api_key, "COACHBOT_ANTHROPIC_API_KEY", choice),
            model=settings.anthropic_model,
            base_url=settings.anthropic_base_url,
            timeout=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
        )
    if choice == "openai":
        from bot.llm.openai_provider import OpenAIProvider

        return OpenAIProvider(
            api_key=_require(settings.openai_api_key, "COACHBOT_OPENAI_API_KEY", choice),
            model=settings.openai_model,
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
        )
    assert_never(choice)


def _require(secret: SecretStr | None, variable: str, provider: str) -> str:
    value = secret.get_secret_value().strip() if secret is not None else ""
    if not value:
        raise ValueError(
            f"COACHBOT_LLM_PROVIDER={provider} needs an API key: set {variable} "
            "(or choose COACHBOT_LLM_PROVIDER=offline)."
        )
    return value
