"""action_medication_check with real rasa-sdk Trackers."""
from rasa_sdk import Tracker
from rasa_sdk.events import ActionReverted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.medication import ActionMedicationCheck


def tracker(text: str, **slots) -> Tracker:
    return Tracker(
        sender_id="t1",
        slots=slots,
        latest_message={"text": text, "intent": {"name": "magnesium_medication", "confidence": 0.9}},
        events=[{"event": "user", "text": text}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(text: str, **slots):
    dispatcher = CollectingDispatcher()
    events = ActionMedicationCheck().run(dispatcher, tracker(text, **slots), {})
    return [m["text"] for m in dispatcher.messages], events


def test_question_without_a_medicine_asks_which_ones():
    texts, events = run("mag ik magnesium nemen met mijn medicijnen?")
    assert "Welke medicijnen gebruik je" in texts[0]
    assert SlotSet("awaiting_medications", True) in events


def test_answer_with_two_medicines_warns_for_each_and_sends_to_the_pharmacist():
    texts, events = run("levothyroxine en omeprazol", awaiting_medications=True)
    body = " ".join(texts).lower()
    assert "levothyroxine" in body and "omeprazol" in body and "apotheker" in body
    assert "veilig" not in body
    assert SlotSet("awaiting_medications", False) in events


def test_geen_is_a_fine_answer():
    texts, events = run("geen", awaiting_medications=True)
    assert texts and "veilig" not in " ".join(texts).lower()
    assert SlotSet("awaiting_medications", False) in events


def test_unknown_medicine_gets_an_honest_answer():
    texts, _ = run("metoprolol", awaiting_medications=True)
    assert "metoprolol" in texts[0].lower() and "apotheker" in texts[0].lower()


def test_passing_mention_warns_only_about_new_classes_and_reverts_itself():
    texts, events = run("ik slik levothyroxine, helpt wandelen?", medication_check_mode="passing",
                        classes_to_warn=["levothyroxine"])
    assert len(texts) == 1 and "4 uur" in texts[0]
    assert events == [ActionReverted()]


def test_supplement_dose_gets_the_arithmetic():
    texts, _ = run("ik neem 2 tabletten van 400 mg magnesiumoxide", medication_check_mode="passing")
    assert any("480" in t for t in texts)


def test_the_kidney_caution_of_an_earlier_turn_is_not_repeated():
    from bot.medication.dialogue import kidney_caution_given

    first, _ = run("ik heb nierproblemen en neem 300 mg magnesiumcitraat")
    assert kidney_caution_given(first)
    earlier = [{"event": "user", "text": "ik heb nierproblemen"}] + [{"event": "bot", "text": t} for t in first]
    later = tracker("en 200 mg magnesium dan?", interaction_classes=["kidney_disease"])
    later.events = earlier + later.events
    dispatcher = CollectingDispatcher()
    ActionMedicationCheck().run(dispatcher, later, {})
    texts = [m["text"] for m in dispatcher.messages]
    assert texts and not kidney_caution_given(texts), texts
