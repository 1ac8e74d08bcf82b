"""A paced breathing exercise: 4 counts in, 6 counts out, 12 breaths (two minutes).

Each step is a timed message. The steps are chained (each one schedules the next) but
timed from the start, so they do not drift; a message from the user cancels what is left.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Optional

from bot.dutch_text import normalise
from bot.turn import Reply, Timer
from bot.plan.schedule import BREATHING_INTENT, BREATHING_TIMER, breathing_step_name, timer_entities

INHALE_SECONDS = 4
EXHALE_SECONDS = 6
BREATHS = 12  # 12 x 10 s = 2 minutes
LEAD_IN_SECONDS = 10  # time to read the introduction and sit comfortably
STEPS = 2 * BREATHS  # one message to breathe in and one to breathe out per breath
FINAL_STEP = STEPS  # the closing message
STARTED_SLOT = "breathing_started"  # epoch seconds of the running exercise, None when none runs
ENDED_SLOT = "breathing_ended"  # epoch seconds of the closing message of the last exercise
# "Hoe voelt je lichaam nu?" is answered within minutes, or not at all.
FEEDBACK_MINUTES = 10

INTRO = (
    "Fijn, we doen het samen. Ga lekker zitten of liggen en leg een hand op je buik.\n"
    "We ademen 2 minuten: 4 tellen in door je neus, 6 tellen uit. Ik zeg steeds wat je doet.\n"
    "Word je duizelig? Adem dan weer gewoon. Stoppen kan altijd: typ dan stop."
)
CLOSING = (
    "Klaar! Je hebt 2 minuten rustig geademd. Hoe voelt je lichaam nu?\n"
    "Doe dit vaker, bijvoorbeeld voor elke maaltijd. Samen oefenen? Typ: laten we samen ademen."
)
STOPPED = "Goed, we stoppen. Fijn dat je het even probeerde. Samen opnieuw? Typ: laten we samen ademen."
BUSY_WITH_FORM = ("We zijn nu met je vragen bezig. Laten we die eerst afmaken."
                  " Daarna kun je typen: laten we samen ademen.")


def step_offset(step: int) -> timedelta:
    """How long after the start `step` is due."""
    breath, breathing_out = divmod(step, 2)
    seconds = LEAD_IN_SECONDS + breath * (INHALE_SECONDS + EXHALE_SECONDS)
    return timedelta(seconds=seconds + (INHALE_SECONDS if breathing_out else 0))


def step_due(started: datetime, step: int) -> datetime:
    return started + step_offset(step)


def step_text(step: int) -> str:
    """What the user reads at `step`: count along, a little encouragement on the way."""
    if step >= FINAL_STEP:
        return CLOSING
    breath, breathing_out = divmod(step, 2)
    if not breathing_out:
        if breath == 0:
            return "Adem rustig in door je neus... 2... 3... 4"
        if breath == BREATHS - 2:
            return "Nog twee keer. In... 2... 3... 4"
        return "In... 2... 3... 4"
    if breath == 0:
        return "En langzaam uit... 2... 3... 4... 5... 6"
    if breath == BREATHS // 2 - 1:
        return "Uit... 2... 3... 4... 5... 6. Goed bezig, nog een minuut."
    return "Uit... 2... 3... 4... 5... 6"


def next_step(step: int) -> Optional[int]:
    """The step after `step`, or None when the exercise is over."""
    return step + 1 if step < FINAL_STEP else None


def in_progress(started: Optional[float], now: datetime) -> bool:
    """Whether an exercise started at `started` (epoch seconds) would still be running."""
    if not started:
        return False
    end = datetime.fromtimestamp(started, tz=now.tzinfo) + step_offset(FINAL_STEP) + timedelta(seconds=30)
    return now <= end


def start(conversation_id: str, now: datetime, form_active: bool) -> Reply:
    """The introduction and the first step's timer (not while a form asks its questions)."""
    if form_active:
        return Reply().say(BUSY_WITH_FORM)
    reply = Reply(slots={STARTED_SLOT: now.timestamp()}).say(INTRO)
    reply.timers.append(_timer(conversation_id, 0, step_due(now, 0)))
    return reply


def step(conversation_id: str, index: int, started: Optional[float], now: datetime) -> Reply:
    """One timed step; it schedules the next, timed from the start so the pace holds."""
    if not started:
        return Reply()  # stopped in the meantime
    reply = Reply().say(step_text(index))
    following = next_step(index)
    if following is None:
        reply.slots[STARTED_SLOT] = None
        reply.slots[ENDED_SLOT] = now.timestamp()
        return reply
    due = step_due(datetime.fromtimestamp(started, tz=now.tzinfo), following)
    # A due time already past would count as a missed job and be dropped by the scheduler.
    reply.timers.append(_timer(conversation_id, following, max(due, now + timedelta(seconds=1))))
    return reply


def stop() -> Reply:
    """Stops the exercise and cancels every step still to come."""
    return Reply(slots={STARTED_SLOT: None}, cancel=[{"intent": BREATHING_INTENT}]).say(STOPPED)


def is_about_breathing_stop(text: str, started: Optional[float], now: datetime) -> bool:
    """Whether "stop" means the running exercise rather than the daily reminders."""
    about_reminders = re.search(r"herinner|melding|reminder|check|notificatie|bericht|wekker", normalise(text))
    return in_progress(started, now) and not about_reminders


def _timer(conversation_id: str, index: int, at: datetime) -> Timer:
    # kill_on_user_message: anything the user types ends the pacing.
    return Timer(BREATHING_INTENT, at, breathing_step_name(conversation_id, index),
                 timer_entities(BREATHING_TIMER, index), kill_on_user_message=True)


# How people answer "Hoe voelt je lichaam nu?" or tell they are done, during or after.
_FEEDBACK = re.compile(r"\b(klaar|gedaan|voelde|voelt|voel|fijn|lekker|rustig|rustiger|ontspannen|relaxed|prima|"
                       r"goed|beter|hielp|helpt|werkte|werkt|duizelig|raar|moeilijk|lastig|niks|niets|zwaar|moe)\b")
_NOT_GOOD = re.compile(r"\b(niet|nie|geen|niks|niets|duizelig|raar|moeilijk|lastig|naar|vervelend|benauwd|zwaar)\b")
GOOD, OTHER = "good", "other"


def feedback(text: str, started: Optional[float], ended: Optional[float], now: datetime) -> Optional[str]:
    """GOOD or OTHER when `text` is a short report on an exercise running or just done
    ("klaar, voelde goed eigenlijk", "ik werd er een beetje duizelig van"), else None.
    A question or a long message is something else, for the NLU to place."""
    clean = normalise(text)
    if not clean or "?" in text or len(clean.split()) > 10 or not _FEEDBACK.search(clean):
        return None
    recent = in_progress(started, now) or (
        bool(ended) and now <= datetime.fromtimestamp(ended, tz=now.tzinfo) + timedelta(minutes=FEEDBACK_MINUTES))
    if not recent:
        return None
    return OTHER if _NOT_GOOD.search(clean) else GOOD
