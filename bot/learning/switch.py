"""Loading a new model into a running Rasa server without dropping a message or a safety screen.

Rasa's own `PUT /model` builds a new `Agent` and puts it in `app.ctx.agent`. Our screens
live on the agent the server started with (the inbound screen and the shutdown drain wrap
`agent.handle_message`; `without_silent_fallback` replaced its tracker store), so after that
switch every message would skip them in silence. Here only the agent's `processor` (the
model, its domain and policies) is replaced; the agent with every wrapper stays:

- the new processor is built in a worker thread while the old one keeps answering;
- the swap is one assignment on the event loop: a message that already holds its
  conversation's lock finishes on the processor it started with (`Agent.handle_message`
  reads `self.processor` once), every later message uses the new one;
- before the swap, `missing_wrappers` checks that every screen is still in place, and a
  model whose domain lacks the responses the safety screens utter is refused.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
from pathlib import Path
from typing import Any, List, Optional

logger = logging.getLogger("rugwijzer.learning")

REQUIRED_RESPONSES = ("utter_welcome", "utter_welcome_short")


def missing_wrappers(agent: Any) -> List[str]:
    """Names of the safety wrappers that are not (or no longer) in place (bot/rasa_patches)."""
    from bot.rasa_patches import missing_patches

    return missing_patches(agent)


class ModelSwitcher:
    """Switches one server's model; one switch at a time."""

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = model_dir.resolve()
        self._lock = asyncio.Lock()

    def resolve(self, name: str) -> Path:
        """The model file `name` inside the model directory; nothing outside it is loaded."""
        path = (self.model_dir / Path(name).name).resolve()
        if path.parent != self.model_dir or not path.name.endswith(".tar.gz") or not path.is_file():
            raise FileNotFoundError(name)
        return path

    async def switch(self, agent: Any, name: str) -> str:
        """Loads model `name` into `agent`; returns the model's file name."""
        from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
        from rasa.core.processor import MessageProcessor

        path = self.resolve(name)
        async with self._lock:
            missing = missing_wrappers(agent)
            if missing:
                raise RuntimeError(f"refusing to switch: wrappers missing: {', '.join(missing)}")
            processor = await asyncio.to_thread(
                MessageProcessor, model_path=path, tracker_store=agent.tracker_store, lock_store=agent.lock_store,
                action_endpoint=agent.action_endpoint, generator=agent.nlg, http_interpreter=agent.http_interpreter)
            lacking = [name for name in REQUIRED_RESPONSES if name not in processor.domain.responses]
            if lacking:
                raise RuntimeError(f"refusing to switch: the model's domain lacks {', '.join(lacking)}")
            # From here to the end nothing awaits: no message sees half a switch.
            agent.processor = processor
            agent.domain = processor.domain
            agent.tracker_store.domain = processor.domain
            if isinstance(agent.nlg, TemplatedNaturalLanguageGenerator):
                agent.nlg.responses = processor.domain.responses
            logger.warning("Switched to model %s", path.name)
            return path.name


def token_ok(request: Any, expected: str) -> bool:
    """Rasa's own API token, as `?token=` or `Authorization: Bearer`."""
    given: Optional[str] = request.args.get("token")
    header = request.headers.get("authorization", "")
    if not given and header.lower().startswith("bearer "):
        given = header[7:]
    return bool(expected) and bool(given) and hmac.compare_digest(given, expected)


def add_model_switch_routes(app: Any, model_dir: Path, token: str) -> None:
    """`GET /learning/model` (the model in use) and `POST /learning/model {"model": name}`."""
    from sanic import response

    switcher = ModelSwitcher(model_dir)

    @app.get("/learning/model")
    async def current_model(request: Any):
        if not token_ok(request, token):
            return response.json({"error": "unauthorized"}, status=401)
        agent = getattr(request.app.ctx, "agent", None)
        return response.json({"model": agent.model_name if agent and agent.processor else None,
                              "missing_wrappers": missing_wrappers(agent) if agent else []})

    @app.post("/learning/model")
    async def switch_model(request: Any):
        if not token_ok(request, token):
            return response.json({"error": "unauthorized"}, status=401)
        name = str((request.json or {}).get("model") or "") if isinstance(request.json, dict) else ""
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or agent.processor is None:
            return response.json({"error": "no model loaded yet"}, status=503)
        try:
            loaded = await switcher.switch(agent, name)
        except FileNotFoundError:
            return response.json({"error": "no such model"}, status=404)
        except RuntimeError as error:
            logger.error("%s", error)
            return response.json({"error": str(error)}, status=409)
        return response.json({"model": loaded})
