"""Erasure requests found without the intent classifier (bot/nlu/erasure_request.py)."""
import pytest

from bot.nlu.erasure_request import is_erasure_request


@pytest.mark.parametrize("text", [
    "verwijder mijn gegevens", "Verwijder al mijn gegevens", "wis dit gesprek", "kun je alles wissen?",
    "mijn data wissen aub", "vergeet mij", "vergeet me", "ik wil dat je mijn gegevens verwijdert", "gesprek wissen",
    "/delete_my_data", "delete my data", "wis alles", "gooi mijn gegevens weg", "kun je m'n chat verwijderen",
    "recht om vergeten te worden", "recht op vergetelheid", "mijn gegevens mogen weg", "haal mijn gegevens weg",
    "bewaar niks meer van mij", "ik wil niet dat je mijn gegevens bewaart", "ik trek mijn toestemming in",
    "vergeet alles wat ik gezegd heb", "smijt mijn gegevens weg", "verwijder mijn plan en al mijn gegevens",
    "ik wil uitgeschreven worden en alles gewist",
])
def test_requests(text):
    assert is_erasure_request(text)


@pytest.mark.parametrize("text", [
    "ik vergeet mijn pillen vaak", "ik vergeet alles tegenwoordig", "wist je dat magnesium helpt",
    "worden mijn gegevens gewist?", "hoe lang bewaren jullie mijn gegevens", "niet wissen",
    "verwijder mijn gegevens niet", "ik wist alles al", "mijn rugpijn is weg", "de pijn gaat niet weg", "15 minuten",
    "wat gebeurt er met mijn data", "ik heb alles geprobeerd", "ik haal alles door elkaar", "",
])
def test_not_requests(text):
    assert not is_erasure_request(text)


def test_no_false_alarm_on_the_other_intents_training_examples():
    from pathlib import Path

    import yaml

    found = []
    for path in Path("data/nlu").glob("*.yml"):
        if path.name == "delete_my_data.yml":
            continue
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                text = line.lstrip("- ").strip()
                if text and is_erasure_request(text):
                    found.append(text)
    assert found == []
