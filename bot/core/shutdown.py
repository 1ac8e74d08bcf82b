"""A Rasa server that stops on SIGTERM or Ctrl-C without losing a message in silence.

Sanic's own stop closes the listener, waits `GRACEFUL_SHUTDOWN_TIMEOUT` for open
connections and then aborts them: a message still waiting for its conversation's lock,
or any widget with an open websocket (which keeps the wait going to the end), was cut
off without an answer. Instead, on the first SIGTERM or SIGINT:

1. `/health/ready` answers 503, so balancers stop sending; new HTTP messages
   (POST /webhooks/...) are refused at once with 503, the apology and `Retry-After`,
   before anything of them is stored (Telegram sends a refused update again later);
2. messages already received go on. One still waiting for its conversation's lock (or,
   holding it, for its place in the gate) `grace - 2` s after the signal is refused:
   cancelled before anything of it was stored, answered 503 (REST) or told the apology
   (widget);
3. one still being worked on `grace - 1` s after the signal is cancelled: REST answers
   504, the answer to any message that timed out (it may or may not be stored);
4. the widget's sockets are closed (the widget reconnects through the balancer to
   another instance and resumes its session), then Sanic stops.

    install_drain(app, grace_seconds)   # in bot.server

Which messages are in flight, and which of them have started, is told by two wrappers in
`bot/rasa_patches` (`agent.py` calls `track`, `processor.py` calls `mark_started`).
"""
from __future__ import annotations

import asyncio
import json
import logging
import signal
import weakref
from typing import Any, Awaitable, Callable, Dict, Optional

logger = logging.getLogger(__name__)

REFUSE_WINDOW = 1.0  # seconds after the signal in which new messages are refused, at least
REFUSE_MARGIN = 2.0  # seconds before the end of the grace: refuse messages still waiting
CANCEL_MARGIN = 1.0  # ... cancel those still being worked on
POLL_SECONDS = 0.05
RETRY_AFTER_SECONDS = 5


class Drain:
    """The messages this process is handling, and its stop once they are done."""

    def __init__(self, grace_seconds: float) -> None:
        self.grace = grace_seconds
        self.stopping_since: Optional[float] = None
        # Task handling a message -> whether it holds its conversation's lock (started).
        self.messages: Dict[asyncio.Task, bool] = {}
        self.refused: "weakref.WeakSet[asyncio.Task]" = weakref.WeakSet()
        self.refused_count = self.cancelled_count = 0
        self._task: Optional[asyncio.Task] = None

    @property
    def stopping(self) -> bool:
        return self.stopping_since is not None

    def begin(self, app: Any) -> None:
        """Signal handler: start draining (a second signal changes nothing)."""
        if self.stopping:
            logger.info("Already stopping; %d message(s) in flight", len(self.messages))
            return
        loop = asyncio.get_running_loop()
        self.stopping_since = loop.time()
        logger.warning("Stopping: %d message(s) in flight, at most %.0f s", len(self.messages), self.grace)
        self._task = loop.create_task(self.drain(app))

    async def drain(self, app: Any) -> None:
        loop = asyncio.get_running_loop()
        start = self.stopping_since if self.stopping_since is not None else loop.time()
        refuse_at = start + max(0.0, self.grace - REFUSE_MARGIN)
        cancel_at = start + max(0.0, self.grace - CANCEL_MARGIN)
        cancelled: "weakref.WeakSet[asyncio.Task]" = weakref.WeakSet()
        # Even with nothing in flight, refuse for a moment before the listener closes:
        # requests racing the signal (already on a kept-alive connection) then get the
        # honest 503 instead of a closed connection, and load balancers see /health/ready
        # answer 503 before the address disappears.
        refuse_until = start + min(REFUSE_WINDOW, self.grace)
        while (self.messages or loop.time() < refuse_until) and loop.time() < start + self.grace:
            now = loop.time()
            for task, started in list(self.messages.items()):
                if task in cancelled or task.done():
                    continue
                if not started and now >= refuse_at:
                    self.refused.add(task)
                    self.refused_count += 1
                elif now >= cancel_at:
                    self.cancelled_count += 1
                else:
                    continue
                cancelled.add(task)
                task.cancel()
            await asyncio.sleep(POLL_SECONDS)
        logger.warning("Drained: %d message(s) refused, %d cancelled while worked on, %d left",
                       self.refused_count, self.cancelled_count, len(self.messages))
        await close_sockets(app)
        app.stop()

    async def apologise(self, message: Any) -> None:
        """Tells a refused widget or Telegram user; REST gets the apology in its 503."""
        from rasa.core.channels.channel import CollectingOutputChannel

        from bot.channels.rest import UNAVAILABLE_TEXT

        output = getattr(message, "output_channel", None)
        if output is None or isinstance(output, CollectingOutputChannel):
            return
        try:
            await asyncio.wait_for(output.send_text_message(message.sender_id, UNAVAILABLE_TEXT), 2)
        except Exception as error:  # noqa: BLE001 - the server is stopping either way
            logger.info("Could not tell a refused user (%s)", type(error).__name__)


async def close_sockets(app: Any) -> None:
    """Closes every engine.io connection: the clients reconnect (not a socket.io
    disconnect, after which a client stays away)."""
    for channel in getattr(app.ctx, "input_channels", None) or []:
        sio = getattr(channel, "sio", None)
        if sio is not None and getattr(sio, "eio", None) is not None:
            if not sio.eio.sockets:
                continue  # engine.io's disconnect() of nobody raises ValueError
            try:
                await asyncio.wait_for(sio.eio.disconnect(), 2)
            except Exception as error:  # noqa: BLE001
                logger.info("Closing the widget sockets failed (%s)", type(error).__name__)


def refusal(request: Any) -> Any:
    """503 with the REST channel's apology and shape; nothing of the message was stored."""
    from sanic import response

    from bot.channels.rest import UNAVAILABLE_TEXT

    sender = ""
    try:
        body = json.loads(request.body or b"{}")
        sender = str(body.get("sender", ""))[:128] if isinstance(body, dict) else ""
    except ValueError:
        pass
    return response.json([{"recipient_id": sender, "text": UNAVAILABLE_TEXT}], status=503,
                         headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


_drain: Optional[Drain] = None


async def track(message: Any, received: Callable[[Any], Awaitable[Any]]) -> Any:
    """Handles `message` with `received` as a message in flight: every channel's entry,
    before its conversation's lock is taken (`bot/rasa_patches/agent.py`)."""
    drain, task = _drain, asyncio.current_task()
    if drain is None or task is None:
        return await received(message)
    drain.messages[task] = False
    try:
        return await received(message)
    except asyncio.CancelledError:
        if task in drain.refused:
            await drain.apologise(message)
        raise
    finally:
        drain.messages.pop(task, None)


def mark_started() -> None:
    """Marks the current message started: it holds its conversation's lock and its place
    in the gate, and may store something from now on (`bot/rasa_patches/processor.py`).
    Until then a stop refuses it: cancelled before anything of it is stored."""
    drain, task = _drain, asyncio.current_task()
    if drain is not None and task in drain.messages:
        drain.messages[task] = True


def install_drain(app: Any, grace_seconds: float) -> Drain:
    """Takes SIGTERM and SIGINT from Sanic once the server runs; returns the Drain."""
    global _drain
    drain = _drain = Drain(grace_seconds)
    # What is left after the drain (a console page, a health check) gets this long.
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 2.0

    async def take_signals(app_: Any, loop: Any) -> None:
        # Sanic registered app.stop for both just before this listener runs.
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, drain.begin, app_)

    async def refuse_when_stopping(request: Any) -> Any:
        if not drain.stopping:
            return None
        if request.path.rstrip("/") == "/health/ready":
            from sanic import response

            return response.json({"status": "stopping"}, status=503)
        if request.method == "POST" and request.path.startswith("/webhooks/"):
            return refusal(request)
        return None

    async def answer_refused(request: Any, response: Any) -> Any:
        if drain.stopping and getattr(request, "stream", None) is not None:
            request.stream.keep_alive = False  # the next request opens a connection elsewhere
        task = asyncio.current_task()
        if task is not None and task in drain.refused:
            drain.refused.discard(task)
            return refusal(request)
        return None

    app.register_listener(take_signals, "after_server_start")
    app.register_middleware(refuse_when_stopping, "request")
    app.register_middleware(answer_refused, "response")
    return drain
