"""Added and removed answer variants: the checks, how they are stored, and what is said after a domain update."""
from __future__ import annotations

import logging

import numpy as np
import pytest
from rasa.shared.core.domain import Domain

from bot.content.answers import responses_with, variants_in_force
from bot.content.catalogue import Response, domain_responses
from bot.content.config import ContentConfig
from bot.content.live import ContentSnapshot, live_content
from bot.content.rules import ContentRefused, check_response
from bot.content.variants import EditedAnswer, EditedVariant, edited_answer
from bot.content.versions import overrides, save
from bot.core.nlg import PracticeNLG
from bot.settings import PROJECT_ROOT

RESPONSES = domain_responses(PROJECT_ROOT / "domain")
SHARED = ["practice_name", "practice_phone", "practice_hours"]
GOODBYE_EXTRA = "Tot de volgende keer! Bij een noodgeval bel je 112."
OFFER_EXTRA = "Zal ik je gesprek aan een therapeut van {practice_name} geven? Bij nood bel je 112."


def _added(text: str) -> EditedVariant:
    return EditedVariant(text)


# --- what the editor accepts ---------------------------------------------------------------------

def test_an_added_variant_is_checked_and_kept_next_to_the_edited_first_one():
    goodbye = RESPONSES["utter_goodbye"]
    answer = check_response(goodbye, [EditedVariant("Dag! Bel 112 bij nood.", 0), _added(GOODBYE_EXTRA + "  \r\n")],
                            SHARED)
    assert answer == EditedAnswer((EditedVariant("Dag! Bel 112 bij nood.", 0), EditedVariant(GOODBYE_EXTRA)), 1)


def test_an_unchanged_domain_text_is_kept_as_the_domains_so_it_follows_updates():
    goodbye = RESPONSES["utter_goodbye"]
    answer = check_response(goodbye, [EditedVariant(goodbye.texts[0].replace("\n", "\r\n"), 0), _added(GOODBYE_EXTRA)],
                            SHARED)
    assert answer.variants[0] == EditedVariant(None, 0)
    assert answer.stored() == {"of": 1, "variants": [{"from": 0}, {"text": GOODBYE_EXTRA, "from": None}]}
    assert check_response(goodbye, answer.variants, SHARED, base=1) == answer  # as a revert checks it again
    # Saving every default unchanged is no override at all.
    assert check_response(goodbye, [goodbye.texts[0]], SHARED).stored() is None


@pytest.mark.parametrize("text, refusal", [
    ("Tot de volgende keer!", "moet het nummer 112 blijven noemen"),
    ("Tot ziens, {naam}. Bel 112 bij nood.", "{naam} bestaat niet"),
    ("Tot ziens {triage_summary}. Bel 112.", "{triage_summary} bestaat niet"),  # a slot of another answer
    ("Tot ziens :-} Bel 112.", "alleen om een invulveld"),
    ("Bel 112. " + "heel lang " * 400, "te lang"),
    ("  \r\n ", "leeg"),
])
def test_an_added_variant_meets_the_same_rules_as_an_edited_one(text, refusal):
    goodbye = RESPONSES["utter_goodbye"]
    with pytest.raises(ContentRefused) as refused:
        check_response(goodbye, [goodbye.texts[0], _added(text)], SHARED)
    assert refusal in str(refused.value) and "Tekst 2" in str(refused.value)


def test_an_added_variant_must_name_every_emergency_number_of_the_answer():
    crisis = RESPONSES["utter_triage_crisis"]
    with pytest.raises(ContentRefused, match="moet het nummer 113"):
        check_response(crisis, [crisis.texts[0], _added("Bel 112 als je in gevaar bent.")], SHARED)
    assert check_response(crisis, [crisis.texts[0], _added("Bel 113 of 0800-0113. Gevaar? Bel 112.")], SHARED)


def test_the_last_text_cannot_be_removed_but_one_of_two_can():
    goodbye = RESPONSES["utter_goodbye"]
    with pytest.raises(ContentRefused, match="De laatste tekst kan niet weg"):
        check_response(goodbye, [], SHARED)
    answer = check_response(goodbye, [_added(GOODBYE_EXTRA)], SHARED)  # the domain's own text taken out
    assert answer.removed == (0,) and answer.texts == (GOODBYE_EXTRA,)
    assert answer.stored() == {"of": 1, "variants": [{"text": GOODBYE_EXTRA, "from": None}]}


def test_the_only_text_for_a_channel_stays_so_the_widget_keeps_its_payload():
    waiting = RESPONSES["utter_handoff_waiting"]
    with pytest.raises(ContentRefused, match="alleen in de website-chat"):
        check_response(waiting, [EditedVariant(waiting.texts[0], 0)], SHARED)
    with pytest.raises(ContentRefused, match="altijd, niet alleen in één kanaal"):
        check_response(waiting, [EditedVariant(waiting.texts[1], 1)], SHARED)
    # An added text is said where the first one is: it may replace the general one.
    extra = "Een therapeut van {practice_name} heeft je gesprek. Bij nood: bel 112."
    assert check_response(waiting, [EditedVariant(waiting.texts[1], 1), _added(extra)], SHARED).removed == (0,)


def test_removing_the_only_text_with_an_emergency_number_is_refused():
    response = Response("utter_x", "test", ({"text": "Bel 112 bij nood."}, {"text": "Bel ons gerust."}))
    with pytest.raises(ContentRefused, match="noemt dit antwoord het nummer 112 niet meer"):
        check_response(response, [EditedVariant("Bel ons gerust.", 1)], SHARED)


def test_added_texts_come_after_the_domains_and_a_version_for_another_domain_is_refused():
    goodbye = RESPONSES["utter_goodbye"]
    answer = check_response(goodbye, [_added(GOODBYE_EXTRA), EditedVariant("Dag! Bel 112.", 0)], SHARED)
    assert [variant.source for variant in answer.variants] == [0, None]
    with pytest.raises(ContentRefused, match="Laad de pagina opnieuw"):
        check_response(goodbye, [EditedVariant("Dag! Bel 112.", 0)], SHARED, base=2)
    with pytest.raises(ContentRefused, match="Laad de pagina opnieuw"):
        check_response(goodbye, [EditedVariant("Dag! Bel 112.", 0), EditedVariant("Doei. Bel 112.", 0)], SHARED)


# --- how it is stored ----------------------------------------------------------------------------

def test_stored_values_round_trip_and_old_lists_still_read(db_url):
    plain = EditedAnswer((EditedVariant("a", 0), EditedVariant("b", 1)), 2)
    assert plain.stored() == ["a", "b"]  # the format from before variants could change
    assert edited_answer(("a", "b")) == plain
    changed = EditedAnswer((EditedVariant(None, 1), EditedVariant("c")), 2)
    assert edited_answer(changed.stored()) == changed and changed.removed == (0,)
    save(kind="response", key="utter_handoff_waiting", value=changed.stored(), actor="bea", db_url=db_url)
    assert live_content(db_url).refresh().responses["utter_handoff_waiting"] == changed
    assert overrides(db_url)[1][("response", "utter_handoff_waiting")] == changed.stored()


def test_an_unreadable_stored_value_is_skipped_with_a_log_line(db_url, caplog):
    save(kind="response", key="utter_goodbye", value={"of": 1, "variants": [{"from": None}]}, actor="x", db_url=db_url)
    save(kind="response", key="utter_thank", value=["Graag gedaan!"], actor="x", db_url=db_url)
    snapshot = live_content(db_url).refresh()
    assert "utter_goodbye" not in snapshot.responses and "utter_thank" in snapshot.responses
    assert "utter_goodbye cannot be read" in caplog.text


# --- what the assistant says ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(PROJECT_ROOT / "domain"))


def test_the_assistant_says_both_variants_and_the_added_one_has_the_first_ones_buttons(domain, db_url):
    nlg = PracticeNLG(domain=domain, config=ContentConfig(db_url, links={"practice_name": "Praktijk Test"}))
    offer = RESPONSES["utter_offer_handoff"]
    answer = check_response(offer, [offer.texts[0], _added(OFFER_EXTRA)], SHARED)
    save(kind="response", key="utter_offer_handoff", value=answer.stored(), actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    np.random.seed(7)  # Rasa picks a variant with numpy's random choice
    said = [nlg.generate_from_slots("utter_offer_handoff", {}, "rest") for _ in range(40)]
    texts = {reply["text"].strip() for reply in said}
    assert texts == {offer.texts[0].replace("{practice_name}", "Praktijk Test").strip(),
                     OFFER_EXTRA.replace("{practice_name}", "Praktijk Test")}
    assert all([b["title"] for b in reply["buttons"]] == ["Ja, graag", "Nee, dank je"] for reply in said)


def test_a_removed_variant_is_never_said(domain, db_url):
    nlg = PracticeNLG(domain=domain, config=ContentConfig(db_url, links={"practice_name": "Praktijk Test"}))
    save(kind="response", key="utter_goodbye", value={"of": 1, "variants": [{"text": GOODBYE_EXTRA, "from": None}]},
         actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert {nlg.generate_from_slots("utter_goodbye", {}, "rest")["text"] for _ in range(20)} == {GOODBYE_EXTRA}


# --- after the domain changes --------------------------------------------------------------------

FIRST = {"text": "Kies een onderwerp.", "buttons": [{"title": "Oud", "payload": "/oud"}]}
EDIT = EditedAnswer((EditedVariant("Kies hieronder een onderwerp.", 0), EditedVariant("Waar wil je over lezen?")), 1)


def _said(domain_variants, edited):
    return responses_with({"utter_x": domain_variants}, ContentSnapshot(1, {}, {"utter_x": edited}))["utter_x"]


def test_without_a_domain_change_the_edit_and_the_addition_are_said():
    assert _said([FIRST], EDIT) == [{**FIRST, "text": "Kies hieronder een onderwerp."},
                                    {**FIRST, "text": "Waar wil je over lezen?"}]


def test_other_buttons_in_the_domain_are_taken_by_edited_and_added_texts():
    new_first = {**FIRST, "buttons": [{"title": "Nieuw", "payload": "/nieuw"}]}
    assert [(v["text"], v["buttons"][0]["title"]) for v in _said([new_first], EDIT)] == [
        ("Kies hieronder een onderwerp.", "Nieuw"), ("Waar wil je over lezen?", "Nieuw")]


def test_other_variants_in_the_domain_bring_its_texts_back_and_keep_the_added_ones(caplog):
    domain_now = [FIRST, {"text": "Over welk onderwerp gaat je vraag?", "channel": "socketio"}]
    with caplog.at_level(logging.WARNING):
        said = _said(domain_now, EDIT)
    assert said == [*domain_now, {**FIRST, "text": "Waar wil je over lezen?"}]
    assert "utter_x" in caplog.text and "no longer fit the domain" in caplog.text


def test_a_kept_domain_text_follows_the_domains_new_words():
    kept = EditedAnswer((EditedVariant(None, 0), EditedVariant("Waar wil je over lezen?")), 1)
    new_words = {**FIRST, "text": "Kies een onderwerp uit de lijst."}
    assert [v["text"] for v in _said([new_words], kept)] == ["Kies een onderwerp uit de lijst.",
                                                             "Waar wil je over lezen?"]


def test_an_emergency_number_the_domain_now_names_drops_texts_that_lack_it(caplog):
    urgent = {**FIRST, "text": "Kies een onderwerp. Bij nood bel je 112."}
    assert _said([urgent], EDIT) == [urgent]
    assert "lacks an emergency number of the default" in caplog.text
    assert "added text lacks an emergency number" in caplog.text
    with_number = EditedAnswer((EditedVariant(None, 0), EditedVariant("Waar wil je over lezen? Nood: 112.")), 1)
    assert [v["text"] for v in _said([urgent], with_number)] == [urgent["text"], "Waar wil je over lezen? Nood: 112."]


def test_a_removal_that_no_longer_leaves_a_general_text_is_undone():
    only_second = EditedAnswer((EditedVariant(None, 1),), 2)
    before = [FIRST, {"text": "Welk onderwerp?"}]
    assert [v["text"] for v in _said(before, only_second)] == ["Welk onderwerp?"]
    # The domain now says the second text only in the website chat: REST and Telegram would get nothing.
    after = [FIRST, {"text": "Welk onderwerp?", "channel": "socketio"}]
    in_force = variants_in_force(after, only_second)
    assert [v.text for v in in_force.variants] == ["Kies een onderwerp.", "Welk onderwerp?"]
    assert in_force.left_out[0][0] == logging.ERROR
