"""`make cluster`'s push check: widget clients on both instances get every push.

Real python-socketio clients connect through nginx, each from its own loopback address
(127.0.0.x; nginx hashes the full address, so they spread over the instances), start a
session and say hello. Then, from the instance that does NOT hold a client's socket:
- a therapist's reply, the console's own calls (`bot.console.rasa_api`: set the slot,
  run `utter_therapist_message` on the latest channel);
- the breathing exercise, asked for there (the intent, as if typed): its introduction at
  once, then its first two paced steps, Rasa reminders that fire 10 and 14 s later in
  that instance's scheduler.
Run before and after an instance is killed: the clients it held reconnect through nginx,
resume their signed session, and must get every push of the second round too.

The clients live in a thread with their own event loop, so they stay connected while
the load test runs in between.
"""
from __future__ import annotations

import asyncio
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

WAIT_SECONDS = 25.0


@dataclass
class Widget:
    """One widget: a socket.io client bound to a local address, and what it received."""

    address: str
    client: object = None
    session_id: Optional[str] = None
    signature: Optional[str] = None
    received: List[str] = field(default_factory=list)
    reconnects: int = 0
    confirmed: Optional[asyncio.Event] = None

    async def connect(self, url: str) -> None:
        import aiohttp
        import socketio

        self.confirmed = asyncio.Event()
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(self.address, 0)))
        client = socketio.AsyncClient(http_session=session, reconnection_delay=0.5,
                                      reconnection_delay_max=2)
        self.client = client

        @client.on("connect")
        async def on_connect():
            # The widget does this on every (re)connect: resume the signed session.
            self.confirmed.clear()
            resume = {"session_id": self.session_id, "signature": self.signature} if self.session_id else {}
            await client.emit("session_request", resume)

        @client.on("disconnect")
        async def on_disconnect(*_args):
            self.reconnects += 1

        @client.on("session_confirm")
        async def on_confirm(data):
            self.session_id, self.signature = data["session_id"], data["signature"]
            self.confirmed.set()

        @client.on("bot_uttered")
        async def on_message(data):
            self.received.append(str((data or {}).get("text") or ""))

        # Long polling only: engine.io's websocket client needs a newer aiohttp than Rasa's
        # pin. Polling is also the transport that needs nginx's stickiness.
        await client.connect(url, socketio_path="/socket.io", transports=["polling"],
                             wait_timeout=20)
        await asyncio.wait_for(self.confirmed.wait(), 20)

    async def say(self, text: str) -> None:
        await self.client.emit("user_uttered", {"message": text})

    async def wait_for(self, count: int, timeout: float = WAIT_SECONDS, contains: str = "") -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(1 for text in self.received if contains in text) >= count:
                return True
            await asyncio.sleep(0.1)
        return False


def _instance_behind(url: str, address: str) -> str:
    """Which instance nginx sends `address`'s socket.io requests to (a polling handshake)."""
    import http.client

    host, port = url.split("//", 1)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(address, 0))
    try:
        connection.request("GET", "/socket.io/?EIO=4&transport=polling")
        reply = connection.getresponse()
        reply.read()
        return (reply.getheader("X-Rugwijzer-Upstream") or "").split(",")[-1].strip()
    finally:
        connection.close()


class PushCheck:
    """The widgets and the pushes to them, driven from the caller's thread."""

    def __init__(self, url: str, instances: List[str], token: str, per_instance: int = 2) -> None:
        self.url, self.instances, self.token, self.per_instance = url, instances, token, per_instance
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.widgets: Dict[str, List[Widget]] = {}  # instance address -> its widgets

    def _run(self, coroutine, timeout: float = 180):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def connect(self) -> None:
        wanted = {instance.split("//", 1)[1]: [] for instance in self.instances}
        for last in range(2, 250):
            address = f"127.0.0.{last}"
            behind = _instance_behind(self.url, address)
            if behind in wanted and len(wanted[behind]) < self.per_instance:
                wanted[behind].append(Widget(address))
            if all(len(widgets) == self.per_instance for widgets in wanted.values()):
                break
        self.widgets = wanted
        self._run(self._connect_all())

    async def _connect_all(self) -> None:
        widgets = [w for ws in self.widgets.values() for w in ws]
        await asyncio.gather(*(w.connect(self.url) for w in widgets))
        for widget in widgets:
            await widget.say("hoi")
        await asyncio.gather(*(w.wait_for(1) for w in widgets))

    def push_round(self, senders: Dict[str, str]) -> Tuple[int, int, List[str]]:
        """Pushes to every widget from `senders[its instance]`; (delivered, expected, misses)."""
        return self._run(self._push_round(senders), timeout=300)

    async def _push_round(self, senders: Dict[str, str]) -> Tuple[int, int, List[str]]:
        from bot.console.rasa_api import RasaConversations
        from bot.exercises import breathing
        from bot.plan.schedule import BREATHING_INTENT

        widgets = [(holder, w) for holder, ws in self.widgets.items() for w in ws]
        delivered, misses = 0, []
        marks = {id(w): len(w.received) for _, w in widgets}
        for holder, widget in widgets:
            await asyncio.wait_for(widget.confirmed.wait(), 30)  # reconnected and resumed
            sender = senders[holder]
            console = RasaConversations(sender, self.token)
            note = f"Bericht van de therapeut ({uuid.uuid4().hex[:6]})"
            # The breathing exercise as if the person asked for it, but on the other
            # instance: its reminder scheduler paces the steps, which travel through Redis.
            await console._call("POST", console._url(widget.session_id, "trigger_intent", output_channel="latest"),
                                {"name": BREATHING_INTENT})
            # A therapist's reply, with the console's own calls. `execute` leaves no
            # action_listen behind (the console's handoff state covers the next turn;
            # here none is open), so one is appended for the next round's prediction.
            await console.set_slots(widget.session_id, {"therapist_message": note})
            await console.utter(widget.session_id, "utter_therapist_message")
            await console._call("POST", console._url(widget.session_id, "tracker/events"),
                                [{"event": "action", "name": "action_listen", "timestamp": time.time()}])
            widget.note = note  # type: ignore[attr-defined]
        for holder, widget in widgets:
            base = marks[id(widget)]
            expectations = [("therapist reply", widget.note),  # type: ignore[attr-defined]
                            ("breathing introduction", breathing.INTRO.split("\n")[0]),
                            ("breathing step 1 (reminder)", breathing.step_text(0)),
                            ("breathing step 2 (reminder)", breathing.step_text(1))]
            for name, text in expectations:
                fresh = lambda: widget.received[base:]  # noqa: E731
                deadline = time.monotonic() + WAIT_SECONDS
                while time.monotonic() < deadline:
                    if any(text in message for message in fresh()):
                        delivered += 1
                        break
                    await asyncio.sleep(0.2)
                else:
                    misses.append(f"{widget.address} on {holder}: {name}")
        # Stop the exercises: a message from the user cancels what is left of it.
        for _, widget in widgets:
            await widget.say("stop")
        return delivered, len(widgets) * 4, misses

    def close(self) -> None:
        """Disconnects the widgets; a client stuck on a dead instance's poll is left behind
        (the first make cluster run hung here for 30 s and lost its last checks)."""
        async def disconnect() -> None:
            for widget in [w for ws in self.widgets.values() for w in ws]:
                try:
                    # abort: do not wait for the long poll in progress to come back.
                    await asyncio.wait_for(widget.client.eio.disconnect(abort=True), 5)
                except Exception:  # noqa: BLE001 - the cluster is going away
                    pass
                try:
                    await asyncio.wait_for(widget.client.eio.http.close(), 5)
                except Exception:  # noqa: BLE001
                    pass

        try:
            self._run(disconnect(), timeout=60)
        except Exception:  # noqa: BLE001 - never let the cleanup end the cluster test
            pass
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
