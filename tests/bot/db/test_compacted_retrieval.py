"""A long session loads as its recent turns behind a prefix, in the same state as in full."""
from rasa.shared.core.events import (
    ActionExecuted, ActionExecutionRejected, ActiveLoop, BotUttered, ConversationPaused, SessionStarted, SlotSet,
    UserUttered, deserialise_events,
)

from bot.db.compaction import COMPACTED_KEY, deserialise, prefix_info
from bot.db.cut import COMPACT_ABOVE, MIN_STATES, RECENT_TURNS
from bot.db.head_cache import REFOLD_TURNS
from tests.bot.db.long_session import FORM, Conversation, as_dicts, bot, domain, full_tracker, run, stored_rows, user

# Memoization looks at 4 states, the longest rule (data/rules/plan.yml) at 5: twice that.
POLICY_STATES = MIN_STATES


def assert_same_state(compacted, full):
    """Everything the policies, the care policy and the actions read from a tracker."""
    assert compacted.current_slot_values() == full.current_slot_values()
    assert {n: s.has_been_set for n, s in compacted.slots.items()} == {n: s.has_been_set for n, s in full.slots.items()}
    assert compacted.active_loop_name == full.active_loop_name
    assert compacted.is_active_loop_rejected == full.is_active_loop_rejected
    assert compacted.latest_message == full.latest_message
    assert compacted.latest_action == full.latest_action
    assert compacted.latest_bot_utterance == full.latest_bot_utterance
    assert compacted.followup_action == full.followup_action
    assert compacted.is_paused() == full.is_paused()
    synthesized, _ = prefix_info(compacted.events)
    recent = list(compacted.events)[synthesized:]
    assert as_dicts(recent) == as_dicts(list(full.events)[-len(recent):])
    assert compacted.past_states(domain())[-POLICY_STATES:] == full.past_states(domain())[-POLICY_STATES:]
    assert _this_turn(compacted) == _this_turn(full)


def _this_turn(tracker):
    """The applied events since the latest user message: what `care_policy.turn_view` reads."""
    applied = tracker.applied_events()
    last_user = max((i for i, e in enumerate(applied) if isinstance(e, UserUttered)), default=0)
    return as_dicts(applied[last_user:])


def test_every_turn_of_a_long_session_loads_compacted_in_the_same_state(tmp_path):
    from tests.bot.db.long_session import store_at

    conversation = Conversation(store_at(tmp_path / "tracker.db"), seed=11)
    conversation.grow(COMPACT_ABOVE)
    checked = 0
    while len(conversation.sent) < 2200:
        conversation.turn()
        compacted = run(conversation.store.retrieve(conversation.sender))
        full = full_tracker(conversation.sent)
        assert_same_state(compacted, full)
        synthesized, _ = prefix_info(compacted.events)
        checked += synthesized > 0
    assert checked > 150  # compacted from the first turns past COMPACT_ABOVE on


def _long_quiet_stretch(conversation, *turns):
    """`turns` (made late: Rasa's session filter drops events older than the session's
    start), then more turns than ever stay loaded, in which nothing runs a form."""
    conversation.grow(COMPACT_ABOVE + 50)
    if conversation.form_step is not None:
        conversation.write(user("stop", "deny", 0) + [ActiveLoop(None), SlotSet("requested_slot", None)])
        conversation.form_step = None
    for turn in turns:
        conversation.write(turn())
    for n in range(RECENT_TURNS + REFOLD_TURNS + 2):
        conversation.write(user(f"en nu {n}", "greet", n) + bot("utter_greet", "Hallo"))
    compacted = run(conversation.store.retrieve(conversation.sender))
    assert prefix_info(compacted.events)[0] > 0
    assert_same_state(compacted, full_tracker(conversation.sent, conversation.sender))
    return compacted


def test_a_form_rejected_before_the_cut_stays_rejected(store):
    """Until the form runs again, the rules must not predict it: the flag must survive."""
    compacted = _long_quiet_stretch(
        Conversation(store, sender="rejected"),
        lambda: user("een plan", "start_plan", 1) + [ActionExecuted(FORM), ActiveLoop(FORM),
                                                     SlotSet("requested_slot", "plan_water"), BotUttered("?")],
        lambda: user("hoi", "greet", 2) + [ActionExecutionRejected(FORM)])
    assert compacted.active_loop_name == FORM and compacted.is_active_loop_rejected


def test_a_pause_before_the_cut_is_kept(store):
    compacted = _long_quiet_stretch(Conversation(store, sender="paused"),
                                    lambda: user("stil", "deny", 1) + [ConversationPaused()])
    assert compacted.is_paused()


def test_a_compacted_tracker_holds_the_recent_turns_and_a_short_prefix(grown):
    tracker = run(grown.store.retrieve(grown.sender))
    synthesized, cut_id = prefix_info(tracker.events)
    recent = list(tracker.events)[synthesized:]
    turns = sum(isinstance(e, UserUttered) for e in recent)
    assert turns >= RECENT_TURNS  # more if the cut had to move back past a form
    assert isinstance(recent[0], ActionExecuted) and recent[0].action_name == "action_listen"
    assert isinstance(tracker.events[0], SessionStarted)
    assert synthesized <= 1 + len(domain().slots) + 3
    assert len(tracker.events) < len(grown.sent) / 5
    assert all(COMPACTED_KEY in e.metadata for e in list(tracker.events)[:synthesized])


def test_the_cached_head_and_a_fresh_fold_give_the_same_state(grown):
    store, full = grown.store, full_tracker(grown.sent)
    cached = run(store.retrieve(grown.sender))
    store.heads.drop(grown.sender)
    folded = run(store.retrieve(grown.sender))  # may cut later than the cached head
    assert_same_state(cached, full)
    assert_same_state(folded, full)
    assert store.heads.get(grown.sender) is not None


def test_full_retrieval_is_stock_rasas(grown, tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore

    stock = SQLTrackerStore(domain=domain(), dialect="sqlite", db=str(grown.store.engine.url.database))
    ours = run(grown.store.retrieve_full_tracker(grown.sender))
    theirs = run(stock.retrieve_full_tracker(grown.sender))
    assert as_dicts(list(ours.events)) == as_dicts(list(theirs.events)) == as_dicts(grown.sent)


def test_a_short_session_is_untouched(store, stock):
    conversation = Conversation(store, sender="short")
    conversation.grow(COMPACT_ABOVE - 20)
    ours, theirs = run(store.retrieve("short")), run(stock.retrieve("short"))
    assert as_dicts(list(ours.events)) == as_dicts(list(theirs.events)) == as_dicts(conversation.sent)
    assert ours.current_slot_values() == theirs.current_slot_values()
    assert len(store.heads) == 0


def test_a_new_session_after_a_long_one_loads_by_itself(store, stock):
    conversation = Conversation(store, sender="returning")
    conversation.grow(1200)
    assert prefix_info(run(store.retrieve("returning")).events)[0] > 0
    conversation.write([SessionStarted(), ActionExecuted("action_listen")])
    conversation.turn()
    ours, theirs = run(store.retrieve("returning")), run(stock.retrieve("returning"))
    assert as_dicts(list(ours.events)) == as_dicts(list(theirs.events))
    assert len(ours.events) < 30


def test_another_instance_rewriting_the_rows_invalidates_the_cached_head(database, store, stock):
    from tests.bot.db.long_session import store_at

    conversation = Conversation(store, sender="shared")
    conversation.grow(1500)
    run(store.retrieve("shared"))
    assert store.heads.get("shared") is not None
    other = Conversation(store_at(database), sender="shared", seed=99)
    with other.store.session_scope() as session:  # e.g. the retention purge, then a new start
        session.query(other.store.SQLEvent).filter(other.store.SQLEvent.sender_id == "shared").delete()
        session.commit()
    other.grow(1500)
    ours = run(store.retrieve("shared"))
    assert_same_state(ours, full_tracker(other.sent, "shared"))
    assert stored_rows(store, "shared") == as_dicts(other.sent)


def test_cached_event_classes_deserialise_like_rasa(grown):
    rows = stored_rows(grown.store, grown.sender)[:300]
    import json

    ours = deserialise(json.dumps(row) for row in rows)
    assert as_dicts(ours) == as_dicts(deserialise_events(rows))
