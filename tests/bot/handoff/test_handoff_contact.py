import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.handoff.contact import (normalise_email, normalise_phone, read_contact_method, read_contact_value,
                                 required_contact_slots)


@pytest.mark.parametrize("answer, method", [
    ("via deze chat", "chat"), ("Via deze chat", "chat"), ("hier in de chat graag", "chat"),
    ("telefoon", "phone"), ("bel me maar", "phone"), ("nee, bel me maar", "phone"),
    ("e-mail", "email"), ("per mail graag", "email"), ("E-mail", "email"),
    ("liever niet", "none"), ("Liever niet.", "none"), ("nee", "none"), ("hoeft niet", "none"),
    ("laat maar", "cancelled"), ("stop", "cancelled"), ("toch niet", "cancelled"),
    # Two ways named: the one refused drops out, else the one in the first clause counts.
    ("hier in de chat maar, ik hoor slecht aan de telefoon", "chat"), ("niet bellen, liever mailen", "email"),
    ("bel me maar, mailen lukt niet", "phone"),
])
def test_contact_method_from_the_users_words(answer, method):
    assert read_contact_method(answer).slots["contact_method"] == method


@pytest.mark.parametrize("answer", ["", "hmm", "chat of mail", "<script>"])
def test_an_unclear_method_is_asked_again(answer):
    reading = read_contact_method(answer)
    assert reading.slots == {"contact_method": None} and reading.problem == "unclear_method"


def test_a_number_or_address_given_straight_away_is_kept():
    assert read_contact_method("bel 06-12345678").slots == {"contact_method": "phone", "contact_value": "0612345678"}
    assert read_contact_method("jan@voorbeeld.nl").slots == {"contact_method": "email",
                                                             "contact_value": "jan@voorbeeld.nl"}


@pytest.mark.parametrize("typed, stored", [
    ("06-12345678", "0612345678"), ("06 12 34 56 78", "0612345678"), ("+31 6 12345678", "+31612345678"),
    ("+31 (0)6 1234 5678", "+31612345678"), ("0031612345678", "+31612345678"), ("010-1234567", "0101234567"),
    ("0570 123456", "0570123456"), ("mijn nummer is 020 123 4567", "0201234567"),
    ("0470 12 34 56", "0470123456"), ("0470/12.34.56", "0470123456"), ("02 123 45 67", "021234567"),
    ("050 12 34 56", "050123456"), ("04 123 45 67", "041234567"), ("+32 4 123 45 67", "+3241234567"),
    ("+32 470 12 34 56", "+32470123456"), ("0032 2 123 45 67", "+3221234567"),
])
def test_dutch_and_belgian_numbers(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "0612345", "06123456789", "+31061234567", "+44 20 7946 0958",
                                   "0000000000", "+32 4701234", "telefoon", "", "06-1234-56"])
def test_not_a_dutch_or_belgian_number(typed):
    assert normalise_phone(typed) is None


@given(st.integers(min_value=10_000_000, max_value=99_999_999), st.sampled_from(["", " ", "-", "."]),
       st.sampled_from(["06", "+316", "00316", "+31 (0)6"]))
def test_any_dutch_mobile_however_typed(digits, separator, prefix):
    number = str(digits)
    typed = prefix + separator + separator.join([number[:2], number[2:4], number[4:6], number[6:]])
    expected = ("06" if prefix == "06" else "+316") + number
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize("typed, stored", [
    ("jan@voorbeeld.nl", "jan@voorbeeld.nl"), ("Jan.de.Vries@Voorbeeld.NL", "Jan.de.Vries@voorbeeld.nl"),
    ("mail: an+rug@mail.example.be.", "an+rug@mail.example.be"),
])
def test_email_addresses(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.parametrize("typed", ["jan@voorbeeld", "jan voorbeeld.nl", "@voorbeeld.nl", "jan@.nl",
                                   "a..b@voorbeeld.nl", "jan @ voorbeeld.nl", ""])
def test_not_an_email_address(typed):
    assert normalise_email(typed) is None


def test_an_invalid_value_is_explained_and_asked_again():
    assert read_contact_value("phone", "12345").problem == "invalid_phone"
    assert read_contact_value("email", "jan@").problem == "invalid_email"
    assert read_contact_value("phone", "12345").slots == {"contact_value": None}


def test_the_user_may_decline_or_switch_when_asked_for_a_value():
    assert read_contact_value("phone", "liever niet").slots == {"contact_method": "none", "contact_value": None}
    assert read_contact_value("phone", "toch via de chat").slots == {"contact_method": "chat", "contact_value": None}
    assert read_contact_value("email", "bel me liever").slots == {"contact_method": "phone", "contact_value": None}
    assert read_contact_value("email", "bel 0612345678").slots == {"contact_method": "phone",
                                                                  "contact_value": "0612345678"}


def test_a_value_is_only_needed_for_phone_and_email():
    assert required_contact_slots("phone") == ["contact_method", "contact_value"]
    assert required_contact_slots("email") == ["contact_method", "contact_value"]
    for method in (None, "chat", "none", "cancelled"):
        assert required_contact_slots(method) == ["contact_method"]


@pytest.mark.parametrize("answer", ["ja graag", "ja", "oké"])
def test_a_plain_yes_is_asked_how_without_counting_a_miss(answer):
    from bot.handoff.contact import YES_WITHOUT_METHOD, validate_reply

    reading = validate_reply("contact_method", answer, {})
    assert reading.slots == {"contact_method": None} and reading.problem == YES_WITHOUT_METHOD


@pytest.mark.parametrize("text, method", [
    ("ah nee, laat die mail maar, ik lees die toch nooit. kan het ni gewoon hier in de chat?", "chat"),
    ("liever niet via mail, gewoon hier", "chat"),
    ("kan het niet gewoon telefonisch?", "phone"),
    ("mailen hoeft niet, bel maar", "phone"),
    # Refusing the only method named, with "liever niet", is still no contact.
    ("liever niet bellen", "none"),
])
def test_a_refused_method_is_not_chosen_and_a_rhetorical_niet_refuses_nothing(text, method):
    assert read_contact_method(text).slots["contact_method"] == method


@pytest.mark.parametrize("text", ["hmm nee toch maar niet, ik probeer eerst zelf wat", "ik wil eerst zelf nog iets proberen",
                                  "nee dank u, ik wil geen therapeut spreken", "nee dank je"])
def test_changing_ones_mind_in_the_contact_question_cancels(text):
    assert read_contact_method(text).slots["contact_method"] == "cancelled"


@pytest.mark.parametrize("text", ["hmm wat is het verschil", "wat bedoel je?", "wat is het verschil tussen chat en mail"])
def test_asking_what_the_choices_mean_gets_them_explained(text):
    assert read_contact_method(text).problem == "explain_methods"


@pytest.mark.parametrize("intent", ["out_of_scope", "ask_clarify", "nlu_fallback"])
def test_what_is_the_difference_is_read_by_the_contact_question_whatever_the_nlu_says(intent):
    from bot.handoff.contact import reply_for

    message = {"text": "hmm wat is het verschil?", "intent": {"name": intent, "confidence": 0.95}}
    assert reply_for("contact_method", {"requested_slot": "contact_method"}, message) == "hmm wat is het verschil?"


def test_no_thanks_with_a_way_named_chooses_that_way():
    assert read_contact_method("nee dank je, bel me maar").slots["contact_method"] == "phone"
