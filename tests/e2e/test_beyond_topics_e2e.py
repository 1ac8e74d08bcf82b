"""What patients ask beyond the first topics, over real HTTP, as a new user asked it."""
import pytest

from tests.e2e.talk import new_sender

pytestmark = pytest.mark.e2e


def _text(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages).lower()


def _buttons(messages):
    return [b.get("title", "").lower() for m in messages for b in m.get("buttons") or []]


@pytest.fixture
def say(stack):
    sender = new_sender("e2e-beyond")
    stack.say(sender, "hallo")

    def send(text):
        return stack.say(sender, text)

    send.sender = sender
    return send


def test_pregnancy_gets_the_midwife_not_the_general_dose(say):
    messages = say("ik ben zwanger, mag ik magnesium?")
    assert "verloskundige" in _text(messages)
    assert "wis" not in _text(messages)


def test_kidney_stones_get_the_kidney_caution_not_the_setback_text(say):
    reply = _text(say("ik heb nierstenen gehad"))
    assert "nier" in reply and "huisarts" in reply
    assert "terugval" not in reply


def test_a_privacy_question_is_answered_without_erase_buttons(say):
    messages = say("is dit gesprek privé?")
    assert "30 dagen" in _text(messages)
    assert not any("wis" in title for title in _buttons(messages))


def test_a_cost_question_answers_and_starts_no_form(stack, say):
    reply = _text(say("kost een therapeut geld?"))
    assert "€" in reply and "verzeker" in reply
    assert stack.tracker(say.sender)["active_loop"] in ({}, None) or not stack.tracker(say.sender)["active_loop"].get("name")
    assert "maandag" in _text(say("wanneer zijn jullie open?"))


def test_follow_ups_use_the_topic_of_the_previous_answer(say):
    say("wat doet magnesium eigenlijk?")
    assert "spier" in _text(say("waarom?"))
    assert "mg" in _text(say("en hoeveel per dag?"))
    children = _text(say("en voor kinderen?"))
    assert "jeugdarts" in children
    again = _text(say("wat bedoel je?"))
    assert "jeugdarts" in again and "sorry" in again


def test_outside_the_scope_it_says_it_does_not_know_and_offers_a_therapist(say):
    messages = say("wat is de hoofdstad van australië")
    assert "weet ik helaas niet" in _text(messages)
    assert any("therapeut" in title for title in _buttons(messages))


def test_what_can_i_do_about_it_follows_the_previous_answer(say):
    say("heeft stress iets met mn rugpijn te maken?")
    stress = _text(say("en wat kan ik eraan doen?"))
    assert "adem" in stress and "tel" in stress  # the breathing exercise, not the topic list
    say("waarom gaat mijn rugpijn niet over terwijl er niets kapot is?")
    assert "bewegen" in _text(say("hoe pak ik dat aan"))


def test_naming_the_warning_signs_one_does_not_have_gets_a_calm_answer(say):
    reply = _text(say("ik ben overigens niet gevallen en heb geen koorts"))
    assert "huisarts" in reply and "112" not in reply
    assert "bedoel je een van deze" not in reply


def test_a_typed_yes_after_the_therapists_offer_asks_how_to_make_contact(say):
    assert "contact" in _text(say("wie zijn de therapeuten bij jullie?"))
    assert "contact met je opnemen" in _text(say("ja graag"))


def test_should_i_not_take_it_then_follows_the_caution_or_the_side_effects(say):
    say("mijn nieren werken niet zo goed meer, mag ik magnesium?")
    reply = _text(say("Moet ik het dan helemaal niet nemen?"))
    assert "huisarts" in reply and "bedoel je" not in reply, reply
    say("krijg je diarree van magnesium?")
    reply = _text(say("wat moet ik dan doen, stoppen?"))
    assert "verdeel" in reply and "bisglycinaat" in reply, reply


def test_chocolate_is_in_the_food_answer(say):
    reply = _text(say("zit er veel magnesium in pure chocolade?"))
    assert "chocolade" in reply and "mg" in reply, reply


def test_an_unknown_medicine_gets_the_pharmacist_and_stopping_it_gets_the_gp(say):
    reply = _text(say("ik neem ook sertraline, kan ik magnesium nemen?"))
    assert "apotheker" in reply and "weet ik helaas niet" not in reply, reply
    reply = _text(say("en mag ik mijn sertraline stoppen nu ik me beter voel?"))
    assert "huisarts" in reply and "op eigen houtje" in reply, reply


def test_a_lifting_question_gets_lifting_tips_with_no_red_flag_reply(say):
    reply = _text(say("Ik pas op mijn kleinzoon. Hoe kan ik hem het beste optillen zonder mijn rug te overbelasten?"))
    assert "dicht bij je lichaam" in reply and "knie" in reply, reply
    assert "112" not in reply and "huisarts" not in reply, reply
