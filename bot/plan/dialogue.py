"""The plan's conversation turns: start, change, leave, finish, show, stop reminders."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Mapping, Optional

from bot.dutch_text import normalise
from bot.forms import exits
from bot.forms.answer_words import is_stop
from bot.plan import store
from bot.plan.choice_words import plan_part
from bot.plan.choices import NO_REMINDER, REMINDER_SLOT
from bot.plan.clock import find_times, resolve
from bot.plan.form import choices_from, cleared_plan_slots, edit_plan_slots, fresh_plan_slots
from bot.plan.plan_text import part_summary, plan_text
from bot.plan.schedule import (DAILY_INTENT, DAILY_TIMER, checkin_due_at, daily_reminder_name, next_daily_at,
                               timer_entities)
from bot.progress import pain
from bot.turn import Reply, Timer, TurnContext

START = ("Fijn dat je een plan wilt maken! Ik stel je een paar korte vragen, een voor een.\n"
         "Twijfel je? Typ dan 'weet ik niet' of 'sla over'. Wil je stoppen? Typ 'stop'.")
STOPPED = ("Oké, we stoppen hier. Ik heb je antwoorden niet bewaard.\n"
           "Wil je later verder? Typ dan: maak mijn startplan.")
NO_PLAN = "Je hebt nog geen bewaard plan. Zullen we er samen een maken?"
LEFT = "We zetten je plan even opzij. Wil je later verder? Typ dan: maak mijn startplan."
UNPLACED_QUESTION = "Die vraag begreep ik niet goed. Stel hem gerust nog eens na het plan."
HOW_TO_COME_BACK = "Terugzien? Typ: laat mijn plan zien. Iets veranderen? Typ: pas mijn plan aan."


def daily_timer(ctx: TurnContext, at: datetime) -> Timer:
    # A user message must not cancel tomorrow's reminder, so kill_on_user_message is off.
    return Timer(DAILY_INTENT, at, daily_reminder_name(ctx.conversation_id), timer_entities(DAILY_TIMER))


def reminder_text(time_of_day: Optional[str], days: int) -> str:
    if not time_of_day or time_of_day == NO_REMINDER:
        return "Je krijgt geen herinneringen. Wil je die later toch? Typ: pas mijn plan aan."
    return (f"Elke dag om {time_of_day} stuur ik je een korte herinnering. Na {days} dagen vraag ik hoe"
            " het met je rug gaat. Stoppen kan altijd: typ stop herinneringen.")


def start_plan() -> Reply:
    return Reply(slots=fresh_plan_slots()).say(START)


def leave_plan() -> Reply:
    """Ends the form for a request that goes first (a therapist, deleting data)."""
    return Reply(slots=cleared_plan_slots()).say(LEFT)


PAIN_LEFT = "Je pijnscore laten we even liggen. Geef hem later gerust, bijvoorbeeld: mijn pijn is een 5."
HANDOFF_LEFT = "Ik geef je gesprek nu niet door aan een therapeut. Wil je dat later toch? Vraag het gerust."


def leave_form(form: Optional[str]) -> Reply:
    """Ends `form` for another form the user asked for: its answers go, one line says so."""
    if form == "plan_form":
        return leave_plan()
    if form == "pain_form":
        return Reply(slots=pain.cleared()).say(PAIN_LEFT)
    if form == "handoff_form":
        return Reply(slots={"contact_method": None, "contact_value": None, **exits.cleared()}).say(HANDOFF_LEFT)
    return Reply(slots=exits.cleared())


def _one_time(text: str) -> Optional[str]:
    """The one time a request names; None for none or several ("ik sta om 6 uur op maar doe
    ze pas om half 8": which one is meant, the form's own question will ask)."""
    times = {resolve(time) for time in find_times(text)} - {None}
    return times.pop() if len(times) == 1 else None


def start_edit(ctx: TurnContext, text: str) -> Reply:
    """Loads the stored plan into the form; without a stored plan, a new one is made."""
    stored = store.load_plan(conversation_id=ctx.conversation_id, url=ctx.db_url)
    part = plan_part(text) if text and not text.startswith("/") else None
    said = _one_time(text) if part == "reminder" else None
    if stored is None and part == "reminder":
        # "kun je me elke dag om 8 uur herinneren aan mijn oefeningen?" before any plan: the
        # reminder belongs to the plan, so the plan comes first, with the time already known.
        slots = {**fresh_plan_slots(), **({"plan_reminder_time": said} if said else {})}
        when = f" om {said}" if said else ""
        return Reply(slots=slots).say(
            f"Een herinnering{when} hoort bij je startplan. Je hebt nog geen plan, dus we maken er eerst "
            "samen een. " + START)
    if stored is None:
        return Reply(slots=fresh_plan_slots()).say(NO_PLAN + " " + START)
    reminder = store.load_reminder(conversation_id=ctx.conversation_id, url=ctx.db_url)
    time_of_day = reminder.time_of_day if reminder and reminder.active else None
    if said:
        # "kun je mijn herinnering verzetten naar 20:00?": the answer is in the question, so
        # the form has nothing to ask and stores it at once (finish_plan).
        slots = {**edit_plan_slots(stored[0], said, None), "plan_edit_part": "reminder"}
        return Reply(slots=slots).say("Goed, ik zet je herinnering op een nieuwe tijd.")
    return Reply(slots=edit_plan_slots(stored[0], time_of_day, part)).say("Goed, we passen je plan aan.")


def _set_reminder(ctx: TurnContext, time_of_day: Optional[str], reply: Reply) -> None:
    if not time_of_day or time_of_day == NO_REMINDER:
        store.stop_reminder(conversation_id=ctx.conversation_id, url=ctx.db_url)
        reply.cancel.append({"name": daily_reminder_name(ctx.conversation_id)})
        return
    current = store.load_reminder(conversation_id=ctx.conversation_id, url=ctx.db_url)
    due = checkin_due_at(ctx.now, ctx.checkin_days, ctx.tz_name, time_of_day)
    if current and current.active and current.checkin_due_at:
        due = current.checkin_due_at  # a new time of day does not restart the check-in clock
    store.save_reminder(conversation_id=ctx.conversation_id, channel=ctx.channel, time_of_day=time_of_day,
                        checkin_due_at=due, url=ctx.db_url)
    reply.timers.append(daily_timer(ctx, next_daily_at(time_of_day, ctx.now, ctx.tz_name)))


def finish_plan(ctx: TurnContext, slots: Mapping[str, Any]) -> Reply:
    """After the form: store (with consent), set the reminder, and say what happened."""
    reply = Reply(slots=cleared_plan_slots())
    if slots.get("plan_stopped"):
        reply.messages.extend(exits.closing(slots.get(exits.EXIT_SLOT), STOPPED))
        return reply
    choices = choices_from(slots)
    text = plan_text(choices)
    if slots.get("plan_mode") == "edit":
        store.save_plan(conversation_id=ctx.conversation_id, channel=ctx.channel, choices=choices, text=text,
                        url=ctx.db_url)
        part = slots.get("plan_edit_part")
        if part == "reminder":
            _set_reminder(ctx, slots.get(REMINDER_SLOT), reply)
            return reply.say(reminder_text(slots.get(REMINDER_SLOT), ctx.checkin_days))
        changed = part_summary(choices, part)
        return reply.say("Ik heb je plan aangepast" + (f":\n{changed}" if changed else ".") + "\n" + HOW_TO_COME_BACK)
    if not slots.get("plan_consent"):
        kept = store.load_plan(conversation_id=ctx.conversation_id, url=ctx.db_url) is not None
        note = " Je eerdere plan staat nog wel bewaard. Wissen? Typ: verwijder mijn gegevens." if kept else ""
        return reply.say("Goed, ik bewaar je plan niet. Schrijf het op of maak een schermafbeelding,"
                         " dan heb je het bij de hand." + note)
    store.save_plan(conversation_id=ctx.conversation_id, channel=ctx.channel, choices=choices, text=text,
                    url=ctx.db_url)
    _set_reminder(ctx, slots.get(REMINDER_SLOT), reply)
    return reply.say(f"Ik heb je plan bewaard. {HOW_TO_COME_BACK}\n"
                     + reminder_text(slots.get(REMINDER_SLOT), ctx.checkin_days))


def show_plan(ctx: TurnContext) -> Reply:
    stored = store.load_plan(conversation_id=ctx.conversation_id, url=ctx.db_url)
    if stored is None:
        return Reply().say(NO_PLAN, [("Maak mijn startplan", "/start_plan")])
    reminder = store.load_reminder(conversation_id=ctx.conversation_id, url=ctx.db_url)
    time_of_day = reminder.time_of_day if reminder and reminder.active else None
    return Reply().say(f"{stored[1]}\n{reminder_text(time_of_day, ctx.checkin_days)}",
                       [("Pas mijn plan aan", "/change_plan")])


# Words that name the reminders themselves; with "stop", "uit" and the like, any talk of stopping them.
_NAMES_REMINDERS = r"herinner|remind|melding|berichtje|notificatie|wekker"
_REMINDER_WORDS = re.compile(_NAMES_REMINDERS + r"|check-?in|\bstop|\buit\b|niet meer (sturen|appen|storen)|\bspam")


def is_about_reminders(text: str) -> bool:
    """Whether a message the NLU read as "stop reminders" speaks of reminders or stopping at all."""
    return bool(_REMINDER_WORDS.search(normalise(text))) or is_stop(text) or text.startswith("/")


def stop_reminders(ctx: TurnContext, text: str = "") -> Reply:
    reply = Reply(cancel=[{"name": daily_reminder_name(ctx.conversation_id)}])
    if store.stop_reminder(conversation_id=ctx.conversation_id, url=ctx.db_url):
        return reply.say("Oké, ik stuur je geen herinneringen en check-ins meer.\n"
                         "Wil je ze later weer? Typ: pas mijn plan aan, en kies Herinnering.")
    if is_stop(text) and not re.search(_NAMES_REMINDERS, normalise(text)):
        # A bare "stop" with nothing running: stopping whatever we were doing, not reminders.
        return reply.say("Oké, ik stop. Wil je later nog iets vragen of verder gaan? Typ het gerust.")
    return reply.say("Je had geen herinneringen aan staan. Je krijgt dus ook geen berichtjes van mij.")
