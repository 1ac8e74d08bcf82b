"""The corpus harness judges what a person sees: text, buttons, a question, a click."""
from benchmarks.corpus import check_turn, normalise, run_conversation, visible_text

REPLY = [
    {"text": "Bel nu 112. Wil je dat ik dit doorgeef aan een therapeut?",
     "buttons": [{"title": "Ja, graag", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}]},
]


def test_normalise_ignores_case_accents_and_spacing():
    assert normalise("Patiënt  ZEGT\nhé") == "patient zegt he"


def test_visible_text_holds_bubbles_and_button_titles():
    text = visible_text(REPLY)
    assert "bel nu 112" in text and "ja, graag" in text


def test_every_check_passes_on_a_matching_reply():
    expect = {"any": ["113", "112"], "all": ["therapeut"], "none": ["wis"], "button": ["ja"], "question": True}
    assert check_turn(expect, REPLY) == []


def test_each_check_can_fail():
    assert check_turn({"any": ["huisarts"]}, REPLY)
    assert check_turn({"all": ["therapeut", "huisarts"]}, REPLY)
    assert check_turn({"none": ["112"]}, REPLY)
    assert check_turn({"button": ["telefoon"]}, REPLY)
    assert check_turn({"no_button": True}, REPLY)
    assert check_turn({"question": True}, [{"text": "Goed zo."}])


def test_a_click_sends_the_payload_of_the_matching_button_and_fails_without_one():
    sent = []

    def send(sender, text):
        sent.append(text)
        return REPLY if len(sent) == 1 else [{"text": "Hoe mag de therapeut je bereiken?"}]

    conversation = {"id": "x", "turns": [
        {"user": "help", "expect": {"any": ["112"]}},
        {"click": "ja", "expect": {"question": True}},
        {"click": "ja", "expect": {"any": ["therapeut"]}},
    ]}
    result = run_conversation(conversation, send, sender="s")
    assert sent == ["help", "/affirm"]
    assert [bool(turn.failures) for turn in result.turns] == [False, False, True]
    assert not result.passed
