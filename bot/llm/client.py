"""What skills call: ``ctx.llm.structured(...)`` and ``ctx.llm.stream_text(...)``.

Structured calls go through the whole output contract — JSON parse, schema, allow-lists,
forbidden content, one retry with stricter guidance — and come back either validated or as a
fallback signal; the model's raw text never leaves this module. With the offline provider every
call reports ``offline`` at once and the skill's deterministic logic answers.

Each call is recorded (prompt id, version, hash, model, flags, final JSON) for the turn's audit.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.llm.provider import ChatMessage, LLMError, LLMProvider, LLMRequest
from guardrails import Validation, run_guarded, validate_output
from prompts import PromptRef, PromptRegistry, RenderedPrompt


@dataclass(frozen=True)
class StructuredResult:
    ok: bool
    data: dict[str, Any] | None
    flags: tuple[str, ...]
    prompt: PromptRef
    model: str | None
    attempts: int


@dataclass
class LLMCallRecord:
    prompt: PromptRef
    model: str | None
    ok: bool
    flags: tuple[str, ...]
    attempts: int
    latency_ms: float
    final_json: dict[str, Any] | None = None

    def to_audit(self) -> dict[str, Any]:
        return {
            "prompt_id": self.prompt.id,
            "prompt_version": self.prompt.version,
            "prompt_hash": self.prompt.hash,
            "model": self.model,
            "ok": self.ok,
            "flags": list(self.flags),
            "attempts": self.attempts,
            "latency_ms": round(self.latency_ms, 1),
            "final_json": self.final_json,
        }


@dataclass
class LLM:
    provider: LLMProvider | None
    prompts: PromptRegistry
    calls: list[LLMCallRecord] = field(default_factory=list)

    @property
    def available(self) -> bool:
        """False with the offline provider: the skill answers with its deterministic logic."""
        return self.provider is not None

    @property
    def model(self) -> str | None:
        return self.provider.model if self.provider else None

    def for_turn(self) -> LLM:
        """A view that records this turn's calls separately (shares provider and prompts)."""
        return LLM(self.provider, self.prompts)

    async def structured(
        self,
        prompt_id: str,
        variables: Mapping[str, Any],
        *,
        version: int | str | None = None,
        allow_lists: Mapping[str, Collection[str]] | None = None,
        history: Sequence[ChatMessage] = (),
        check: Callable[[dict[str, Any]], Sequence[str]] | None = None,
    ) -> StructuredResult:
        """``check`` holds the skill's own rules for an answer that passed the contract (units
        that fit, dates in order): the problems it returns — short, never quoting the model —
        fail the attempt like a schema violation, so the model gets its one stricter retry and
        a rejected answer is never recorded as the final one."""
        prompt = self.prompts.get(prompt_id, version)
        rendered = prompt.render(variables)
        if rendered.schema is None:
            raise ValueError(f"prompt {prompt_id} produces text; use stream_text")
        schema = rendered.schema
        provider = self.provider
        started = time.perf_counter()
        if provider is None:
            result = StructuredResult(False, None, ("offline",), rendered.ref, None, 0)
        else:

            async def call(stricter: str | None) -> str:
                return await provider.complete(_request(rendered, history, stricter, json=True))

            def validate(raw: str) -> Validation:
                result = validate_output(raw, schema, allow_lists=allow_lists)
                if not result.ok or check is None or result.data is None:
                    return result
                problems = tuple(check(result.data))
                if problems:
                    return Validation(ok=False, data=None, flags=("rejected",), problems=problems)
                return result

            outcome = await run_guarded(call, validate)
            result = StructuredResult(
                outcome.ok,
                outcome.data,
                outcome.flags,
                rendered.ref,
                provider.model,
                outcome.attempts,
            )
        self.calls.append(
            LLMCallRecord(
                prompt=result.prompt,
                model=result.model,
                ok=result.ok,
                flags=result.flags,
                attempts=result.attempts,
                latency_ms=(time.perf_counter() - started) * 1000,
                final_json=result.data,
            )
        )
        return result

    async def stream_text(
        self,
        prompt_id: str,
        variables: Mapping[str, Any],
        *,
        version: int | str | None = None,
        history: Sequence[ChatMessage] = (),
    ) -> AsyncIterator[str]:
        """Free text, chunk by chunk. The engine checks every chunk before it is sent.

        Raises :class:`LLMError` (kind ``offline`` without a provider) before or during the
        stream; the engine turns that into the skill's fallback text.
        """
        prompt = self.prompts.get(prompt_id, version)
        rendered = prompt.render(variables)
        record = LLMCallRecord(
            prompt=rendered.ref,
            model=self.model,
            ok=False,
            flags=(),
            attempts=1,
            latency_ms=0.0,
        )
        self.calls.append(record)
        if self.provider is None:
            record.flags = ("offline",)
            raise LLMError("offline", "no LLM provider is configured")
        started = time.perf_counter()
        try:
            async for chunk in self.provider.stream(_request(rendered, history, None, json=False)):
                yield chunk
            record.ok = True
        except LLMError as exc:
            record.flags = (f"provider_{exc.kind}",)
            raise
        finally:
            record.latency_ms = (time.perf_counter() - started) * 1000


def _request(
    rendered: RenderedPrompt, history: Sequence[ChatMessage], stricter: str | None, *, json: bool
) -> LLMRequest:
    system = rendered.system if stricter is None else f"{rendered.system}\n\n{stricter}"
    messages = (*history, ChatMessage("user", rendered.user))
    return LLMRequest(
        system=system,
        messages=tuple(messages),
        max_tokens=rendered.max_tokens,
        temperature=rendered.temperature,
        json_output=json,
    )
