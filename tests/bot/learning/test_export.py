"""The export into data/nlu/learned.yml: screened, deduplicated, valid Rasa NLU data."""
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.loading import load_data

from bot.learning import inbox
from bot.learning.export import LEARNED_FILE, export_learned, has_contact_details
from bot.learning.store import Decision

from .conftest import as_dicts, bot, user
from bot.learning.capture import previous_exchange

INTENTS = {"movement_exercise", "practice_costs", "sleep_tips"}


def _assign(app_db, text, topic, at):
    exchange = previous_exchange(as_dicts([user(text, "nlu_fallback", timestamp=at), bot("Sorry."),
                                           user("dat bedoelde ik niet", "not_what_i_meant")]))
    inbox.file_not_meant(conversation_id="c", exchange=exchange, url=app_db)
    item = inbox.pending(url=app_db)[0].id
    inbox.decide(item_id=item, decision=Decision.ASSIGNED, topic=topic, actor="anna", url=app_db)
    return item


def _nlu_dir(tmp_path) -> Path:
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    (nlu / "sleep_tips.yml").write_text('version: "3.1"\nnlu:\n- intent: sleep_tips\n  examples: |\n'
                                        "    - hoe slaap ik beter\n", encoding="utf-8")
    return nlu


def test_export_writes_only_clean_new_examples(app_db, tmp_path):
    nlu = _nlu_dir(tmp_path)
    _assign(app_db, "mag ik met rugpijn zwemmen (in zee)?", "movement_exercise", 1.0)
    _assign(app_db, "Hoe slaap ik beter?", "sleep_tips", 2.0)  # already an example
    _assign(app_db, "bel me op 06-12345678 over de kosten", "practice_costs", 3.0)
    _assign(app_db, "mail mij: jan@example.nl", "practice_costs", 4.0)
    _assign(app_db, "ik kan niet meer plassen en mijn benen zijn gevoelloos", "movement_exercise", 5.0)
    _assign(app_db, "wat kost het", "no_such_intent", 6.0)
    _assign(app_db, "MAG IK MET RUGPIJN ZWEMMEN in zee", "movement_exercise", 7.0)  # a double within the batch
    report = export_learned(url=app_db, nlu_dir=nlu, known_intents=INTENTS)
    assert report.added == ["movement_exercise: mag ik met rugpijn zwemmen in zee ?"]
    assert report.skipped == {"dubbel": 2, "contactgegevens": 2, "alarmsignaal": 1, "onbekend onderwerp": 1}
    data = load_data(str(nlu / LEARNED_FILE))
    assert [(m.get("intent"), m.get("text")) for m in data.intent_examples] == [
        ("movement_exercise", "mag ik met rugpijn zwemmen in zee ?")]
    # Everything is final now: nothing left to export, nothing to undo.
    assert export_learned(url=app_db, nlu_dir=nlu, known_intents=INTENTS).added == []
    assert inbox.decided(url=app_db)[0].exported_at is not None


def test_a_second_export_keeps_the_first(app_db, tmp_path):
    nlu = _nlu_dir(tmp_path)
    _assign(app_db, "mag ik zwemmen met rugpijn", "movement_exercise", 1.0)
    export_learned(url=app_db, nlu_dir=nlu, known_intents=INTENTS)
    _assign(app_db, "wat moet ik betalen voor een consult", "practice_costs", 2.0)
    export_learned(url=app_db, nlu_dir=nlu, known_intents=INTENTS)
    document = yaml.safe_load((nlu / LEARNED_FILE).read_text(encoding="utf-8"))
    assert [block["intent"] for block in document["nlu"]] == ["movement_exercise", "practice_costs"]


def test_contact_details():
    assert has_contact_details("bel 010 - 123 45 67")
    assert has_contact_details("+31 6 12345678")
    assert has_contact_details("kijk op www.example.nl")
    assert not has_contact_details("ik heb al 3 weken pijn, 2 keer per dag")
