"""Reporting a pain score (any time, or at a check-in) and showing progress."""
from __future__ import annotations

from typing import Any, Callable, Dict, Mapping

from bot.forms import exits
from bot.forms.answer_words import is_skip, is_stop, looks_like_question, parse_yes_no
from bot.forms.turns import GOODBYE, STOP, Leaving, closing, ends_with_goodbye, farewell, read_turn, slot_value
from bot.plan.questions import Question
from bot.plan.schedule import is_external
from bot.progress import history
from bot.progress.scores import parse_pain_score
from bot.progress.trend import progress_text, saved_text
from bot.turn import Reply, TurnContext

SCORE_SLOT, NOTE_SLOT, STOPPED_SLOT = "pain_score", "pain_note", "pain_stopped"
NO_NOTE = "-"
MAX_NOTE_CHARS = 500

QUESTIONS = {
    SCORE_SLOT: Question(
        "Hoeveel pijn heb je nu? Geef een cijfer: 0 is geen pijn, 10 is de ergste pijn die je kent.",
        [(str(score), f"pijnscore {score}") for score in range(11)],
    ),
    NOTE_SLOT: Question("Dank je. Wil je er een korte notitie bij zetten? Bijvoorbeeld wat hielp, of wat het zwaarder maakte.",
                        [("Sla over", "sla over")]),
}


def question_for(slot: str, slots: Mapping[str, Any]) -> Question:
    """The question for `slot`; the note's question first says which score it understood,
    so that a number read wrongly from a sentence is seen at once."""
    question = QUESTIONS[slot]
    score = slots.get(SCORE_SLOT)
    if slot == NOTE_SLOT and score is not None:
        return Question(question.text.replace("Dank je.", f"Dank je, ik noteer een {int(score)} van de 10.", 1),
                        question.buttons)
    return question


OUT_OF_RANGE = "Kies een cijfer van 0 tot 10. 0 is geen pijn, 10 de ergste pijn."
NO_SCORE_SEEN = ("Ik zie nog geen cijfer in je bericht. Hoe erg is de pijn nu, van 0 tot 10?"
                 " Typ bijvoorbeeld: een 6.")
NOTHING_SAVED = ("Oké, ik heb geen pijnscore bewaard. Wil je later een score geven? Typ dan bijvoorbeeld:"
                 " mijn pijn is vandaag een 5.")
NO_SCORES = ("Je hebt nog geen pijnscores gegeven, dus ik kan nog geen grafiek laten zien. Geef je pijn"
             " een cijfer van 0 tot 10, dan houd ik het voor je bij. Typ bijvoorbeeld: mijn pijn is vandaag een 5.")


# The pain form's own intents: "mijn pijn is een 6" in the middle of it is an answer.
PAIN_INTENTS = ("report_pain",)


def reply_for(slot: str, slots: Mapping[str, Any], message: Mapping[str, Any]) -> Any:
    """The value to validate for `slot`: the text, `Leaving`, or None if it is not for it.

    The score can come with the message that opens the form ("mijn pijn is een 6").
    A question about something else gives None, so the form steps aside for its answer.
    """
    text = message.get("text") or ""
    if not text.strip() or is_external(message) or text.startswith("/"):
        return None
    requested = slots.get("requested_slot")
    if slot == SCORE_SLOT and requested is None:
        return text
    if requested != slot:
        return None
    intent = message.get("intent") or {}
    if slot == SCORE_SLOT:
        understood = parse_pain_score(text)[0] is not None or is_skip(text)
    elif looks_like_question(text):
        return None  # "en helpt dat ook voor mn rug?" is asked, not noted: the form steps aside
    else:
        # Any text is a note, but not "ok bedankt, doei" or "Dank u, dan bel ik de huisarts."
        understood = farewell(text) is None and closing(text) is None
    turn = read_turn(text, intent.get("name"), float(intent.get("confidence") or 0.0), understood,
                     own_intents=PAIN_INTENTS)
    return slot_value(turn, text)


def validate_score(value: Any, opening: bool, misses: Any = None) -> Dict[str, Any]:
    """Slot changes and an optional message ("message" key) for a score reply."""
    if value is None:
        return {SCORE_SLOT: None}
    if isinstance(value, Leaving):
        return {SCORE_SLOT: None, STOPPED_SLOT: True, exits.EXIT_SLOT: value.reason}
    if isinstance(value, int):
        return {SCORE_SLOT: value}
    if is_stop(str(value)) or is_skip(str(value)):
        # Without a score there is nothing to keep, so skipping the score is stopping.
        return {SCORE_SLOT: None, STOPPED_SLOT: True, exits.EXIT_SLOT: STOP}
    score, said = parse_pain_score(str(value))
    if score is not None:
        return {SCORE_SLOT: score, **(exits.understood() if misses else {})}
    if opening and not said:
        return {SCORE_SLOT: None}  # "ik wil mijn pijn doorgeven": just ask
    result: Dict[str, Any] = {SCORE_SLOT: None, **exits.missed(misses)}
    if not exits.offers_way_out(result):
        result["message"] = OUT_OF_RANGE if said else NO_SCORE_SEEN
    return result


def validate_note(value: Any) -> Dict[str, Any]:
    if value is None:
        return {NOTE_SLOT: None}
    if isinstance(value, Leaving):
        if value.reason == STOP:
            return {NOTE_SLOT: None, STOPPED_SLOT: True, exits.EXIT_SLOT: STOP}
        return {NOTE_SLOT: NO_NOTE, exits.EXIT_SLOT: value.reason}  # the score is kept
    text = str(value).strip()
    if is_stop(text):
        return {NOTE_SLOT: None, STOPPED_SLOT: True}
    if is_skip(text) or text.lower() in ("nee", "niks", "niets", NO_NOTE) or parse_yes_no(text) is False:
        # "nah laat maar, doei": no note, the score kept, and a goodbye back.
        return {NOTE_SLOT: NO_NOTE, **({exits.EXIT_SLOT: GOODBYE} if ends_with_goodbye(text) else {})}
    return {NOTE_SLOT: text[:MAX_NOTE_CHARS]}


def required_slots(slots: Mapping[str, Any]) -> list:
    return [] if slots.get(STOPPED_SLOT) else [SCORE_SLOT, NOTE_SLOT]


def cleared() -> Dict[str, Any]:
    return {SCORE_SLOT: None, NOTE_SLOT: None, STOPPED_SLOT: None, **exits.cleared()}


def save_score(ctx: TurnContext, slots: Mapping[str, Any]) -> Reply:
    """Stores the score (the user gave it to keep track of it) and confirms."""
    reply = Reply(slots=cleared())
    score = slots.get(SCORE_SLOT)
    reason = slots.get(exits.EXIT_SLOT)
    if slots.get(STOPPED_SLOT) or score is None:
        reply.messages.extend(exits.closing(reason, NOTHING_SAVED))
        return reply
    note = slots.get(NOTE_SLOT)
    history.record_pain(conversation_id=ctx.conversation_id, score=int(score),
                        note=None if note in (None, NO_NOTE) else note, at=ctx.now, url=ctx.db_url)
    points = history.pain_history(conversation_id=ctx.conversation_id, url=ctx.db_url)
    # "ok thx" or "merci, tot morgen" to the note question: the thanks answered first.
    first = exits.first_words(reason)
    text = saved_text(int(score), points)
    reply.say(f"{first} {text}" if first else text)
    reply.messages.extend(exits.last_messages(reason))
    return reply


def link_progress(ctx: TurnContext, link: Callable[[str], str]) -> Reply:
    """The chart as a link (`link(conversation_id)`; the Rasa server draws it when opened)
    and honest words: nothing is drawn here."""
    points = history.pain_history(conversation_id=ctx.conversation_id, url=ctx.db_url)
    if not points:
        return Reply().say(NO_SCORES)
    return Reply().say(progress_text(points), image=link(ctx.conversation_id))
