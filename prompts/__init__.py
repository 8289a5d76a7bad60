"""Versioned prompt templates and JSON schemas, and the registry that selects them."""

from prompts.registry import (
    LIBRARY,
    Prompt,
    PromptError,
    PromptRef,
    PromptRegistry,
    RenderedPrompt,
    load_prompt,
)

__all__ = [
    "LIBRARY",
    "Prompt",
    "PromptError",
    "PromptRef",
    "PromptRegistry",
    "RenderedPrompt",
    "load_prompt",
]
