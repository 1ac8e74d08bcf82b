"""After a restart the daily reminders come back from the reminders table."""
import asyncio
from datetime import datetime, timezone

from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.events import ReminderScheduled
from rasa.shared.core.trackers import DialogueStateTracker

from bot.plan import store
from bot.plan.rearm import rearm
from bot.plan.schedule import daily_reminder_name


class Channel:
    def __init__(self, name, output):
        self._name, self.output = name, output

    def name(self):
        return self._name

    def get_output_channel(self):
        return self.output


class Processor:
    def __init__(self):
        self.lock_store = InMemoryLockStore()
        self.scheduled, self.saved = [], []

    async def fetch_tracker_and_update_session(self, sender_id, output_channel=None):
        return DialogueStateTracker(sender_id, [])

    async def execute_side_effects(self, events, tracker, output_channel):
        self.scheduled += [(tracker.sender_id, event, output_channel) for event in events]

    async def save_tracker(self, tracker):
        self.saved.append(tracker)


class Agent:
    def __init__(self):
        self.processor = Processor()


def test_active_reminders_are_rearmed_on_their_channel(db_url):
    store.save_reminder(conversation_id="web", channel="socketio", time_of_day="19:00", checkin_due_at=None,
                        url=db_url)
    store.save_reminder(conversation_id="tg", channel="telegram", time_of_day="08:30", checkin_due_at=None,
                        url=db_url)
    store.save_reminder(conversation_id="off", channel="socketio", time_of_day="09:00", checkin_due_at=None,
                        url=db_url)
    store.stop_reminder(conversation_id="off", url=db_url)
    store.save_reminder(conversation_id="api", channel="rest", time_of_day="09:00", checkin_due_at=None,
                        url=db_url)
    agent, web_out, tg_out = Agent(), object(), object()
    channels = [Channel("socketio", web_out), Channel("telegram", tg_out), Channel("rest", None)]
    now = datetime(2025, 1, 10, 12, 0, tzinfo=timezone.utc)

    assert asyncio.run(rearm(agent, channels, db_url=db_url, tz_name="Europe/Amsterdam", now=now)) == 2
    armed = {sender: (event, output) for sender, event, output in agent.processor.scheduled}
    assert set(armed) == {"web", "tg"}
    event, output = armed["web"]
    assert isinstance(event, ReminderScheduled) and output is web_out
    assert event.name == daily_reminder_name("web") and not event.kill_on_user_message
    assert event.trigger_date_time == datetime(2025, 1, 10, 18, 0, tzinfo=timezone.utc)
    assert armed["tg"][0].trigger_date_time == datetime(2025, 1, 11, 7, 30, tzinfo=timezone.utc)
    # The event is in the saved tracker, so Rasa sees the reminder as still valid when it fires.
    assert any(isinstance(e, ReminderScheduled) for e in agent.processor.saved[0].events)


class App:
    """What the listener needs of a Sanic app: its context and a place to register."""

    def __init__(self, agent, channels):
        self.ctx = type("Ctx", (), {"agent": agent, "input_channels": channels})()
        self.listeners = []

    def register_listener(self, listener, event):
        self.listeners.append((listener, event))


def test_after_the_start_the_server_rearms_from_its_installed_settings(db_url, tmp_path, monkeypatch):
    from bot import context
    from bot.plan.rearm import add_reminder_rearm
    from bot.settings import load_settings

    store.save_reminder(conversation_id="web", channel="socketio", time_of_day="19:00", checkin_due_at=None,
                        url=db_url)
    monkeypatch.setattr(context, "_installed", None)
    context.install_settings(load_settings({"APP_DB_URL": db_url, "VAR_DIR": str(tmp_path)}, tmp_path / "none.env"))
    app = App(Agent(), [Channel("socketio", object())])
    add_reminder_rearm(app)
    ((listener, event),) = app.listeners
    assert event == "after_server_start"
    asyncio.run(listener(app, None))
    assert [sender for sender, _, _ in app.ctx.agent.processor.scheduled] == ["web"]
