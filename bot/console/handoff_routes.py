"""The console pages about handoffs: the list, one handoff, and claim, reply and close."""
from __future__ import annotations

import logging
from typing import Any, Callable

from sanic import Blueprint, response
from sanic.request import Request

from bot.console import records
from bot.console.rasa_api import RasaUnavailable
from bot.console.session import ConsoleSession
from bot.console.views import detail_page, list_page, page
from bot.handoff.transcript import transcript_from_events

logger = logging.getLogger(__name__)
MAX_REPLY_CHARS = 2000
LIVE_TURNS = 50


def _back(handoff_id: int, notice: str) -> Any:
    return response.redirect(f"/console/handoffs/{handoff_id}?m={notice}", status=303)


def add_handoff_routes(bp: Blueprint, console: Any, therapist_only: Callable) -> None:
    """Registers the handoff pages on `bp`; `therapist_only` guards each of them."""

    async def _find(request: Request, session: ConsoleSession, handoff_id: int, action: str):
        handoff = await console.db(records.one, handoff_id)
        await console.audit(request, session.username, action if handoff else f"{action}_missing",
                            f"handoff:{handoff_id}")
        return handoff

    def _missing(session: ConsoleSession) -> Any:
        content = page("Niet gevonden", "Dit gesprek bestaat niet (meer).", session)
        return response.html(content, status=404)

    @bp.get("/")
    @therapist_only
    async def handoff_list(request: Request, session: ConsoleSession):
        handoffs = await console.db(records.waiting)
        await console.audit(request, session.username, "view_list")
        return response.html(list_page(session, handoffs, console.config.timezone))

    @bp.get("/handoffs/<handoff_id:int>")
    @therapist_only
    async def handoff_detail(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "view_handoff")
        if handoff is None:
            return _missing(session)
        lines, live = handoff.transcript, False
        try:
            events = await console.rasa.events(handoff.conversation_id)
            if events:
                lines, live = transcript_from_events(events, LIVE_TURNS), True
        except RasaUnavailable as error:
            logger.warning("Console shows the stored transcript: %s", error)
        notice = request.args.get("m", "")
        return response.html(detail_page(session, handoff, lines, live, console.config.timezone, notice))

    @bp.post("/handoffs/<handoff_id:int>/claim")
    @therapist_only
    async def claim(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "claim")
        if handoff is None:
            return _missing(session)
        if not await console.db(records.claim, handoff_id, session.therapist_id):
            return _back(handoff_id, "taken" if handoff.status == "claimed" else "not_active")
        try:
            await console.rasa.set_slots(handoff.conversation_id,
                                         {"handoff_status": "claimed", "handoff_notice_given": True})
        except RasaUnavailable as error:
            # The assistant would talk over the therapist: undo the claim instead.
            logger.error("Claim of handoff %s undone: %s", handoff_id, error)
            await console.db(records.release, handoff_id, session.therapist_id)
            return _back(handoff_id, "rasa_down")
        await _say(handoff.conversation_id, "utter_handoff_waiting")
        return _back(handoff_id, "claimed")

    @bp.post("/handoffs/<handoff_id:int>/reply")
    @therapist_only
    async def reply(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "reply")
        if handoff is None:
            return _missing(session)
        if handoff.status != "claimed" or handoff.claimed_by_id != session.therapist_id:
            return _back(handoff_id, "not_yours")
        text = (request.form.get("message") or "").strip()
        if not text or len(text) > MAX_REPLY_CHARS:
            return _back(handoff_id, "empty")
        # Named, so the user knows a person wrote this and not the assistant.
        message = f"Bericht van {session.display_name}, therapeut van {console.config.practice_name}:\n{text}"
        try:
            await console.rasa.set_slots(handoff.conversation_id, {"therapist_message": message})
            await console.rasa.utter(handoff.conversation_id, "utter_therapist_message")
        except RasaUnavailable as error:
            logger.error("Reply to handoff %s not delivered: %s", handoff_id, error)
            return _back(handoff_id, "rasa_down")
        return _back(handoff_id, "replied")

    @bp.post("/handoffs/<handoff_id:int>/close")
    @therapist_only
    async def close(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "close")
        if handoff is None:
            return _missing(session)
        if handoff.status not in ("open", "claimed"):
            return _back(handoff_id, "not_active")
        try:
            # The conversation first: a closed record with a silent assistant would strand the user.
            await console.rasa.set_slots(handoff.conversation_id, {
                "handoff_status": "closed", "handoff_notice_given": False, "therapist_message": None})
            events = await console.rasa.events(handoff.conversation_id)
        except RasaUnavailable as error:
            logger.error("Handoff %s not closed: %s", handoff_id, error)
            return _back(handoff_id, "rasa_down")
        await console.db(records.close, handoff_id)
        await console.db(records.keep_transcript, handoff_id, transcript_from_events(events, LIVE_TURNS))
        if handoff.status == "claimed":
            await _say(handoff.conversation_id, "utter_handoff_closed")
        return _back(handoff_id, "closed")

    async def _say(conversation_id: str, response_name: str) -> None:
        """A courtesy message to the user; the handoff stands even if it does not arrive."""
        try:
            await console.rasa.utter(conversation_id, response_name)
        except RasaUnavailable as error:
            logger.warning("Could not send %s: %s", response_name, error)
