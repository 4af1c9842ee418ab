"""A session's event stream held open a while after its last event (issue 14 · 10).

Gradio sends every message of a session's events on one stream, ``/gradio_api/queue/data``, and
closes it as soon as the session has no event left. A program that asks many questions through
one ``gradio_client.Client`` joins its next question while the previous ones complete; when the
stream closes in between, the client may already have filed the new question under the closing
stream, and reports it cancelled (1–4 of 200 questions submitted at once; the client's reader
lags its submitting threads by up to a second on two busy cores).

:class:`HeldStreams` holds the close for :data:`GRACE` seconds: a question the session joins
meanwhile is answered on the same stream (Gradio's reader for the session runs again and its
messages follow on), so a burst of questions sees one stream. Answers are not delayed — each
arrives as before; only the final close waits. A waiting stream is woken by its session's next
join, not by polling. Only a session's one open stream is held, and a client that leaves while it
is held is let go without running Gradio's reader again (which, finding the client gone, would
cancel the session's events).
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qs

GRACE = 5.0  # seconds a finished stream waits for its session's next event
STREAM_PATH = "/gradio_api/queue/data"
JOIN_PATH = "/gradio_api/queue/join"


def is_close(body: bytes) -> bool:
    """Whether ``body`` is Gradio's ``close_stream`` message (``data: {...}`` on its own)."""
    if b"close_stream" not in body or not body.startswith(b"data:"):
        return False
    try:
        return json.loads(body[5:].decode("utf-8")).get("msg") == "close_stream"
    except ValueError:
        return False


class HeldStreams:
    """ASGI middleware for the Gradio app of ``demo``: see the module's docstring."""

    def __init__(self, app, demo, grace: float = GRACE):
        self.app = app
        self.demo = demo
        self.grace = grace
        self.streams: dict[str, int] = {}  # session -> its open streams
        self.waiting: dict[str, asyncio.Event] = {}  # session -> set when it has an event again

    async def __call__(self, scope, receive, send):
        path = scope.get("path") if scope["type"] == "http" else None
        if path == JOIN_PATH:
            await self.app(scope, receive, send)
            return self._wake()
        if path != STREAM_PATH:
            return await self.app(scope, receive, send)
        session = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("session_hash", [""])[0]
        self.streams[session] = self.streams.get(session, 0) + 1
        try:
            await self._serve(session, scope, receive, send)
        finally:
            self.streams[session] -= 1
            if not self.streams[session]:
                del self.streams[session]

    async def _serve(self, session: str, scope, receive, send) -> None:
        started = False
        while True:
            held: list[bytes] = []

            async def relay(message):
                nonlocal started
                if message["type"] == "http.response.start":
                    if not started:  # a continuation's headers: the client has them already
                        started = True
                        await send(message)
                    return
                body = message.get("body", b"")
                if is_close(body):
                    held.append(body)
                elif body:
                    await send({"type": "http.response.body", "body": body, "more_body": True})

            await self.app(scope, receive, relay)
            if not held:  # ended otherwise: an error, the server stopping
                break
            follows = await self._next_event(session, receive)
            if follows is None:  # the client has gone: nothing to send, nothing of Gradio's to run
                return
            if not follows:
                await send({"type": "http.response.body", "body": held[0], "more_body": True})
                break
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    def _pending(self) -> dict:
        queue = getattr(self.demo, "_queue", None)
        return queue.pending_event_ids_session if queue is not None else {}

    def _wake(self) -> None:
        """After a join: wake the held streams whose session has an event now."""
        pending = self._pending()
        for session, event in self.waiting.items():
            if pending.get(session):
                event.set()

    async def _next_event(self, session: str, receive) -> bool | None:
        """Whether ``session`` has an event within the grace period; None when the client leaves.

        Only a session's one open stream is held: a client that opened another reads there."""
        if not session or self.streams.get(session, 0) > 1 or session in self.waiting:
            return False
        if self._pending().get(session):
            return True
        event = self.waiting[session] = asyncio.Event()
        woken = asyncio.ensure_future(event.wait())
        left = asyncio.ensure_future(receive())  # the client closing its end
        try:
            await asyncio.wait([woken, left], timeout=self.grace, return_when=asyncio.FIRST_COMPLETED)
        finally:
            del self.waiting[session]
            for task in (woken, left):
                task.cancel()
        if left.done() and not left.cancelled():
            message = left.exception() or left.result()
            if not isinstance(message, dict) or message.get("type") == "http.disconnect":
                return None
        return bool(self._pending().get(session)) and self.streams.get(session, 0) == 1
