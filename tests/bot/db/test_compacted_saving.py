"""Saving a compacted tracker stores each new event once, in order, and never the prefix."""
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SlotSet

from bot.db.compaction import COMPACTED_KEY, prefix_info
from bot.db.migrate import upgrade
from tests.bot.db.long_session import Conversation, as_dicts, bot, run, store_at, stored_rows, user


def test_a_conversation_written_through_compacted_trackers_is_stored_exactly(grown):
    """2,500 events, each turn retrieved (mostly compacted), appended to and saved."""
    rows = stored_rows(grown.store, grown.sender)
    assert rows == as_dicts(grown.sent)
    assert not any(COMPACTED_KEY in (row.get("metadata") or {}) for row in rows)


def test_saving_appends_exactly_the_new_events(store):
    conversation = Conversation(store, sender="saver")
    conversation.grow(1500)
    tracker = run(store.retrieve("saver"))
    assert prefix_info(tracker.events)[0] > 0
    before = len(stored_rows(store, "saver"))

    run(store.save(tracker))  # nothing new
    assert len(stored_rows(store, "saver")) == before

    first = user("nog een vraag", "magnesium_role", 9001) + bot("utter_magnesium_role", "Magnesium ...")
    for event in first:
        tracker.update(event)
    run(store.save(tracker))
    second = [SlotSet("care_checked_message", "m9001"), ActionExecuted("action_listen")]
    for event in second:
        tracker.update(event)
    run(store.save(tracker))  # the same tracker saved again: only what came since
    rows = stored_rows(store, "saver")
    assert len(rows) == before + len(first) + len(second)
    assert rows[-len(first) - len(second):] == as_dicts(first + second)

    copy = tracker.copy()  # copies keep the prefix's marker
    copy.update(BotUttered("Nog iets?"))
    run(store.save(copy))
    assert stored_rows(store, "saver") == as_dicts(conversation.sent + first + second + [copy.events[-1]])


def test_the_next_retrieval_after_a_save_sees_the_new_events(store):
    conversation = Conversation(store, sender="next")
    conversation.grow(1500)
    for _ in range(30):  # through cut moves and cached heads
        tracker = conversation.turn()
        again = run(store.retrieve("next"))
        synthesized, _ = prefix_info(again.events)
        assert as_dicts(list(again.events)[synthesized:])[-5:] == as_dicts(list(tracker.events)[-5:])
    assert stored_rows(store, "next") == as_dicts(conversation.sent)


def test_erasure_deletes_a_long_conversation_and_its_cached_head(database, tmp_path):
    app_url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(app_url)
    store = store_at(database, app_url)
    conversation = Conversation(store, sender="forget-me")
    conversation.grow(1500)
    tracker = run(store.retrieve("forget-me"))
    assert prefix_info(tracker.events)[0] > 0 and store.heads.get("forget-me") is not None
    after = [ActionExecuted("action_session_start"), ActionExecuted("action_listen")]
    for event in user("wis mijn gegevens", "delete_my_data", 1) + [
            ActionExecuted("action_delete_my_data"), BotUttered("Gewist"), Restarted()] + after:
        tracker.update(event)
    run(store.save(tracker))
    assert stored_rows(store, "forget-me") == as_dicts(after)
    assert store.heads.get("forget-me") is None
    again = run(store.retrieve("forget-me"))
    assert as_dicts(list(again.events)) == as_dicts(after)
    assert not any(value for value in again.current_slot_values().values())


def test_a_broker_gets_the_events_that_were_stored(store):
    class Broker:
        def __init__(self):
            self.published = []

        def publish(self, event):
            self.published.append(event)

    conversation = Conversation(store, sender="streamed")
    conversation.grow(1500)
    store.event_broker = Broker()
    tracker = run(store.retrieve("streamed"))
    new = user("hallo", "greet", 1) + bot("utter_greet", "Hallo")
    for event in new:
        tracker.update(event)
    run(store.save(tracker))
    published = [{k: v for k, v in event.items() if k != "sender_id"} for event in store.event_broker.published]
    assert published == as_dicts(new)
