"""The console pages about handoffs: the list, one handoff, and claim, reply, call, close and delete."""
from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional

from sanic import Blueprint, response
from sanic.request import Request

from bot.console import records
from bot.console.handoff_views import confirm_page, detail_page, list_page
from bot.console.rasa_api import RasaUnavailable
from bot.console.records import TABS, ListFilter
from bot.console.session import ConsoleSession
from bot.console.views import page
from bot.console.words import CHANNEL_LABELS, MAX_REPLY_CHARS, therapist_message
from bot.handoff.status import ACTIVE, HandoffStatus
from bot.handoff.transcript import transcript_from_events
from bot.handoff.urgency import URGENCY_ORDER

logger = logging.getLogger(__name__)
MAX_NOTE_CHARS = 1000
LIVE_TURNS = 50
SCRIPT = Path(__file__).resolve().parent / "static" / "console.js"


def _back(handoff_id: int, notice: str) -> Any:
    return response.redirect(f"/console/handoffs/{handoff_id}?m={notice}", status=303)


def _day(text: str) -> Optional[date]:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def list_filter(request: Request, therapist_id: Optional[int]) -> ListFilter:
    """The list's filter from the query string; anything unknown is ignored, never an error."""
    args = request.args
    tab = args.get("tab", "open")
    level, channel = args.get("urgentie", ""), args.get("kanaal", "")
    return ListFilter(tab=tab if tab in TABS else "open", words=(args.get("q") or "")[:100],
                      level=level if level in URGENCY_ORDER else "",
                      channel=channel if channel in CHANNEL_LABELS else "",
                      since=_day(args.get("vanaf", "")), until=_day(args.get("tot", "")), therapist_id=therapist_id)


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

    @bp.get("/static/console.js")
    async def script(request: Request):
        return response.text(SCRIPT.read_text(encoding="utf-8"), content_type="text/javascript; charset=utf-8")

    @bp.get("/")
    @therapist_only
    async def handoff_list(request: Request, session: ConsoleSession):
        wanted = list_filter(request, session.therapist_id)
        handoffs = await console.db(records.listed, wanted)
        pulse = await console.db(records.pulse, session.therapist_id)
        await console.audit(request, session.username, "view_list", f"tab:{wanted.tab}")
        counts = {"open": pulse["active"], "mine": pulse["mine"]}
        return response.html(list_page(session, handoffs, console.config.timezone, wanted, counts,
                                       request.args.get("m", "")))

    @bp.get("/live")
    @therapist_only
    async def list_pulse(request: Request, session: ConsoleSession):
        # Counts and a fingerprint only: polled every few seconds, so it holds no personal data
        # and is not audited; the page it makes the browser fetch again is.
        pulse = await console.db(records.pulse, session.therapist_id)
        return response.json({"version": pulse["version"], "count": pulse["unclaimed"], "alert": pulse["newest"],
                              "news": "Er is een nieuw gesprek voor een therapeut."})

    @bp.get("/handoffs/<handoff_id:int>")
    @therapist_only
    async def handoff_detail(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "view_handoff")
        if handoff is None:
            return _missing(session)
        lines, live = handoff.transcript, False
        if handoff.status != HandoffStatus.CLOSED:
            try:
                events = await console.rasa.events(handoff.conversation_id)
                if events:
                    lines, live = transcript_from_events(events, LIVE_TURNS), True
            except RasaUnavailable as error:
                logger.warning("Console shows the stored transcript: %s", error)
        notice = request.args.get("m", "")
        return response.html(detail_page(session, handoff, lines, live, console.config.timezone, notice))

    @bp.get("/handoffs/<handoff_id:int>/live")
    @therapist_only
    async def handoff_pulse(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await console.db(records.one, handoff_id)
        if handoff is None:
            return response.json({"version": "gone", "count": 0, "alert": 0}, status=404)
        pulse = await console.db(records.pulse, session.therapist_id)
        patient_messages, last = 0, None
        if handoff.status != HandoffStatus.CLOSED:
            try:
                events = await console.rasa.events(handoff.conversation_id)
                patient_messages = sum(1 for event in events if event.get("event") == "user")
                last = max((event.get("timestamp") or 0 for event in events), default=None)
            except RasaUnavailable:
                pass
        state = (handoff.status, str(handoff.updated_at), handoff.claimed_by_id, patient_messages, last)
        return response.json({"version": hashlib.sha256(repr(state).encode()).hexdigest()[:16],
                              "count": pulse["unclaimed"], "alert": patient_messages,
                              "news": "Nieuw bericht van de patiënt."})

    @bp.post("/handoffs/<handoff_id:int>/claim")
    @therapist_only
    async def claim(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "claim")
        if handoff is None:
            return _missing(session)
        if not await console.db(records.claim, handoff_id, session.therapist_id):
            return _back(handoff_id, "taken" if handoff.status == HandoffStatus.CLAIMED else "not_active")
        try:
            await console.rasa.set_slots(handoff.conversation_id,
                                         {"handoff_status": HandoffStatus.CLAIMED.value, "handoff_notice_given": True})
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
        if handoff.status != HandoffStatus.CLAIMED or handoff.claimed_by_id != session.therapist_id:
            return _back(handoff_id, "not_yours")
        text = (request.form.get("message") or "").strip()
        if not text or len(text) > MAX_REPLY_CHARS:
            return _back(handoff_id, "empty")
        # Named, so the patient knows a person wrote this and not the assistant.
        message = therapist_message(session.display_name, console.config.practice_name, text)
        try:
            await console.rasa.set_slots(handoff.conversation_id, {"therapist_message": message})
            await console.rasa.utter(handoff.conversation_id, "utter_therapist_message")
        except RasaUnavailable as error:
            logger.error("Reply to handoff %s not delivered: %s", handoff_id, error)
            return _back(handoff_id, "rasa_down")
        await console.db(records.responded, handoff_id)
        return _back(handoff_id, "replied")

    @bp.post("/handoffs/<handoff_id:int>/called")
    @therapist_only
    async def called(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await _find(request, session, handoff_id, "called")
        if handoff is None:
            return _missing(session)
        if handoff.status == HandoffStatus.CLOSED:
            return _back(handoff_id, "not_active")
        note = (request.form.get("note") or "").strip()[:MAX_NOTE_CHARS]
        await console.db(records.note_call, handoff_id, note)
        return _back(handoff_id, "called")

    @bp.get("/handoffs/<handoff_id:int>/close")
    @therapist_only
    async def close_confirm(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await console.db(records.one, handoff_id)
        if handoff is None:
            return _missing(session)
        if handoff.status not in ACTIVE:
            return _back(handoff_id, "not_active")
        return response.html(confirm_page(session, handoff, "close"))

    @bp.post("/handoffs/<handoff_id:int>/close")
    @therapist_only
    async def close(request: Request, session: ConsoleSession, handoff_id: int):
        if request.form.get("confirm") != "ja":
            return response.redirect(f"/console/handoffs/{handoff_id}/close", status=303)
        handoff = await _find(request, session, handoff_id, "close")
        if handoff is None:
            return _missing(session)
        if handoff.status not in ACTIVE:
            return _back(handoff_id, "not_active")
        try:
            # The conversation first: a closed record with a silent assistant would strand the patient.
            await console.rasa.set_slots(handoff.conversation_id, {
                "handoff_status": HandoffStatus.CLOSED.value, "handoff_notice_given": False, "therapist_message": None})
            events = await console.rasa.events(handoff.conversation_id)
        except RasaUnavailable as error:
            logger.error("Handoff %s not closed: %s", handoff_id, error)
            return _back(handoff_id, "rasa_down")
        await console.db(records.close, handoff_id)
        await console.db(records.keep_transcript, handoff_id, transcript_from_events(events, LIVE_TURNS))
        if handoff.status == HandoffStatus.CLAIMED:
            await _say(handoff.conversation_id, "utter_handoff_closed")
        return _back(handoff_id, "closed")

    @bp.get("/handoffs/<handoff_id:int>/delete")
    @therapist_only
    async def delete_confirm(request: Request, session: ConsoleSession, handoff_id: int):
        handoff = await console.db(records.one, handoff_id)
        if handoff is None:
            return _missing(session)
        if handoff.status != HandoffStatus.CLOSED:
            return _back(handoff_id, "still_active")
        return response.html(confirm_page(session, handoff, "delete"))

    @bp.post("/handoffs/<handoff_id:int>/delete")
    @therapist_only
    async def delete(request: Request, session: ConsoleSession, handoff_id: int):
        if request.form.get("confirm") != "ja":
            return response.redirect(f"/console/handoffs/{handoff_id}/delete", status=303)
        handoff = await _find(request, session, handoff_id, "delete")
        if handoff is None:
            return _missing(session)
        if not await console.db(records.delete, handoff_id):
            return _back(handoff_id, "still_active")
        return response.redirect("/console/?tab=closed&m=deleted", status=303)

    async def _say(conversation_id: str, response_name: str) -> None:
        """A courtesy message to the patient; the handoff stands even if it does not arrive."""
        try:
            await console.rasa.utter(conversation_id, response_name)
        except RasaUnavailable as error:
            logger.warning("Could not send %s: %s", response_name, error)
