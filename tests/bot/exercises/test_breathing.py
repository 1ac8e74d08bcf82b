"""The paced breathing exercise: its pace, its timers, and stopping it, with a controlled clock."""
from datetime import datetime, timedelta, timezone

from bot.exercises import breathing

UTC = timezone.utc


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_breathing_is_about_two_minutes_at_4_in_6_out():
    start = utc(2025, 1, 1, 12, 0)
    dues = [breathing.step_due(start, step) for step in range(breathing.FINAL_STEP + 1)]
    assert [(b - a).seconds for a, b in zip(dues, dues[1:])][:4] == [4, 6, 4, 6]
    assert dues[-1] - dues[0] == timedelta(minutes=2)
    assert breathing.step_text(0).startswith("Adem rustig in") and "6" in breathing.step_text(1)
    assert breathing.step_text(breathing.FINAL_STEP).startswith("Klaar")


def test_each_breathing_step_schedules_the_next_from_the_start():
    start = utc(2025, 1, 1, 12, 0)
    first = breathing.start("c1", start, form_active=False)
    assert first.slots == {"breathing_started": start.timestamp()} and first.timers[0].kill_on_user_message
    later = breathing.step("c1", 4, start.timestamp(), start + timedelta(seconds=30))
    assert later.timers[0].at == breathing.step_due(start, 5)
    late = breathing.step("c1", 4, start.timestamp(), start + timedelta(minutes=5))
    assert late.timers[0].at == start + timedelta(minutes=5, seconds=1)
    last = breathing.step("c1", breathing.FINAL_STEP, start.timestamp(), start + timedelta(minutes=2))
    assert not last.timers and last.slots == {"breathing_started": None,
                                              "breathing_ended": (start + timedelta(minutes=2)).timestamp()}
    assert breathing.step("c1", 3, None, start).messages == []


def test_stopping_breathing_cancels_every_step_and_is_told_apart_from_reminders():
    stopped = breathing.stop()
    assert stopped.cancel == [{"intent": "start_breathing"}] and stopped.messages
    now = utc(2025, 1, 1, 12, 1)
    started = utc(2025, 1, 1, 12, 0).timestamp()
    assert breathing.is_about_breathing_stop("stop", started, now)
    assert not breathing.is_about_breathing_stop("stop herinneringen", started, now)
    assert not breathing.is_about_breathing_stop("stop", started, now + timedelta(hours=1))
    assert breathing.start("c1", now, form_active=True).timers == []


def test_a_short_report_during_or_just_after_the_exercise_is_feedback():
    start = utc(2025, 1, 1, 12, 0)
    started = start.timestamp()
    assert breathing.feedback("klaar, voelde goed eigenlijk", started, None, start + timedelta(seconds=20)) == "good"
    assert breathing.feedback("ik werd er wat duizelig van", None, started + 130, start + timedelta(minutes=4)) == "other"
    # Long after, or a question: not about the exercise.
    assert breathing.feedback("voelde goed", None, started + 130, start + timedelta(hours=1)) is None
    assert breathing.feedback("is dit goed voor mijn rug?", started, None, start + timedelta(seconds=20)) is None
