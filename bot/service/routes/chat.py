from __future__ import annotations

import time

from aiohttp import web

from bot.engine import TurnResult
from bot.jobs import user_room
from bot.service.api import Call, NoBody, NoQuery
from bot.service.metrics import record_turn
from bot.service.models import (
    ChatBody,
    ChatTurnOut,
    ConversationQuery,
    HistoryMessage,
    HistoryOut,
    HistoryQuery,
    MessageOut,
)
from bot.service.routes import api
from bot.service.state import SERVICES


def message_out(result: TurnResult) -> MessageOut:
    return MessageOut.model_validate(result.reply.to_message())


@api.route(
    "POST",
    "/chat",
    body=ChatBody,
    response=ChatTurnOut,
    summary="Send one chat turn and get the reply (for clients without websockets)",
    tags=("chat",),
    errors=(401, 422, 429),
)
async def chat(call: Call[ChatBody, NoQuery]) -> ChatTurnOut:
    services = call.request.app[SERVICES]
    await services.check_chat_rate(call.me.user_id)
    started = time.perf_counter()
    result = await services.runtime.engine.handle(
        call.me.profile(), call.body.text, conversation_id=call.body.conversation_id, channel="rest"
    )
    record_turn("rest", result.outcome, time.perf_counter() - started)
    turn = ChatTurnOut(
        turn_id=result.turn_id,
        conversation_id=call.body.conversation_id,
        outcome=result.outcome,
        message=message_out(result),
    )
    # The user's open sockets (web page, phone) show the turn too, whichever process holds them.
    await services.sio.emit(
        "response",
        {"type": "final", "client_id": None, **turn.model_dump(mode="json")},
        room=user_room(call.me.user_id),
        ignore_queue=services.single_process,
    )
    return turn


@api.route(
    "GET",
    "/chat/history",
    query=HistoryQuery,
    response=HistoryOut,
    summary="Your messages in one conversation, newest first",
    tags=("chat",),
    errors=(401, 422),
)
async def history(call: Call[NoBody, HistoryQuery]) -> HistoryOut:
    services = call.request.app[SERVICES]
    q = call.query
    rows = await services.runtime.engine.conversations.history(
        call.me.user_id, q.conversation_id, limit=q.limit, before_seq=q.before
    )
    messages = [HistoryMessage.model_validate(row) for row in rows]
    next_before = messages[-1].seq if len(messages) == q.limit else None
    return HistoryOut(messages=messages, next_before=next_before)


@api.route(
    "DELETE",
    "/chat/history",
    query=ConversationQuery,
    summary="Delete one conversation: its messages and its state",
    tags=("chat",),
    errors=(401, 422),
)
async def delete_history(call: Call[NoBody, ConversationQuery]) -> web.StreamResponse:
    services = call.request.app[SERVICES]
    await services.runtime.engine.conversations.delete(call.me.user_id, call.query.conversation_id)
    return web.Response(status=204)
