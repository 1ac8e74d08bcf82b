"""Reporting a pain score (any time, or at a check-in) and showing progress."""
from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional

from bot.plan import store
from bot.plan.charts import render_progress_png
from bot.plan.dialogue import Context
from bot.plan.progress import parse_pain_score, progress_text, saved_text
from bot.plan.questions import Question
from bot.plan.replies import is_skip, is_stop
from bot.plan.reply import Reply
from bot.plan.schedule import is_external

SCORE_SLOT, NOTE_SLOT, STOPPED_SLOT = "pain_score", "pain_note", "pain_stopped"
NO_NOTE = "-"
MAX_NOTE_CHARS = 500

QUESTIONS = {
    SCORE_SLOT: Question(
        "Hoeveel pijn heb je nu? Geef een cijfer: 0 is geen pijn, 10 is de ergste pijn die je kent.",
        [(str(score), f"pijnscore {score}") for score in range(11)],
    ),
    NOTE_SLOT: Question("Dank je. Wat hielp je de laatste tijd, of wat maakte het zwaarder? Typ het kort.",
                        [("Sla over", "sla over")]),
}
NO_SCORES = ("Je hebt nog geen pijnscores gegeven. Geef je pijn een cijfer van 0 tot 10, dan houd ik het"
             " voor je bij. Typ bijvoorbeeld: mijn pijn is vandaag een 5.")


def reply_for(slot: str, slots: Mapping[str, Any], message: Mapping[str, Any]) -> Optional[str]:
    """The text to validate for `slot`, or None if this message is not for it.

    The score can come with the message that opens the form ("mijn pijn is een 6").
    """
    text = message.get("text") or ""
    if not text.strip() or is_external(message):
        return None
    requested = slots.get("requested_slot")
    if requested == slot or (slot == SCORE_SLOT and requested is None):
        return text
    return None


def validate_score(value: Any, opening: bool) -> Dict[str, Any]:
    """Slot changes and an optional message ("message" key) for a score reply."""
    if value is None:
        return {SCORE_SLOT: None}
    if isinstance(value, int):
        return {SCORE_SLOT: value}
    if is_stop(str(value)):
        return {SCORE_SLOT: None, STOPPED_SLOT: True}
    score, said = parse_pain_score(str(value))
    if score is not None:
        return {SCORE_SLOT: score}
    if opening and not said:
        return {SCORE_SLOT: None}  # "ik wil mijn pijn doorgeven": just ask
    return {SCORE_SLOT: None, "message": "Kies een cijfer van 0 tot 10. 0 is geen pijn, 10 de ergste pijn."}


def validate_note(value: Any) -> Dict[str, Any]:
    if value is None:
        return {NOTE_SLOT: None}
    text = str(value).strip()
    if is_stop(text):
        return {NOTE_SLOT: None, STOPPED_SLOT: True}
    if is_skip(text) or text.lower() in ("nee", "niks", "niets", NO_NOTE):
        return {NOTE_SLOT: NO_NOTE}
    return {NOTE_SLOT: text[:MAX_NOTE_CHARS]}


def required_slots(slots: Mapping[str, Any]) -> list:
    return [] if slots.get(STOPPED_SLOT) else [SCORE_SLOT, NOTE_SLOT]


def cleared() -> Dict[str, Any]:
    return {SCORE_SLOT: None, NOTE_SLOT: None, STOPPED_SLOT: None}


def save_score(ctx: Context, slots: Mapping[str, Any]) -> Reply:
    """Stores the score (the user gave it to keep track of it) and confirms."""
    reply = Reply(slots=cleared())
    score = slots.get(SCORE_SLOT)
    if slots.get(STOPPED_SLOT) or score is None:
        return reply.say("Oké, ik heb niets bewaard. Wil je later een score geven? Typ dan bijvoorbeeld:"
                         " mijn pijn is vandaag een 5.")
    note = slots.get(NOTE_SLOT)
    store.record_pain(conversation_id=ctx.conversation_id, score=int(score),
                      note=None if note in (None, NO_NOTE) else note, at=ctx.now, url=ctx.db_url)
    history = store.pain_history(conversation_id=ctx.conversation_id, url=ctx.db_url)
    return reply.say(saved_text(int(score), history))


def link_progress(ctx: Context, link: Callable[[str], str]) -> Reply:
    """The chart as a link (`link(conversation_id)`; the Rasa server draws it when opened)
    and honest words: nothing is drawn here."""
    history = store.pain_history(conversation_id=ctx.conversation_id, url=ctx.db_url)
    if not history:
        return Reply().say(NO_SCORES)
    return Reply().say(progress_text(history), image=link(ctx.conversation_id))


def show_progress(ctx: Context, publish: Callable[[bytes], str]) -> Reply:
    """The chart (stored and published by `publish`, which returns its URL) and honest words."""
    history = store.pain_history(conversation_id=ctx.conversation_id, url=ctx.db_url)
    if not history:
        return Reply().say(NO_SCORES)
    url = publish(render_progress_png(history, ctx.tz_name))
    return Reply().say(progress_text(history), image=url)
