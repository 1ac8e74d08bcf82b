"""The practice's own texts: read from practice.yml, re-read when it changes, never crash."""
from __future__ import annotations

import os

import yaml

from bot.practice.details import FIELDS, UNKNOWN, parse_practice, practice_values
from bot.settings import PROJECT_ROOT

KNOWN = {"practice_phone": "020-7654321", "practice_name": "Praktijk Test"}


def _write(path, data, mtime=None):
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def test_the_demo_file_fills_every_field():
    values = practice_values(PROJECT_ROOT / "practice.yml", KNOWN)
    assert set(values) == set(FIELDS.values())
    assert all(value.strip() and "{" not in value for value in values.values())
    assert "020-7654321" in values["practice_appointment"]  # the phone placeholder is filled


def test_an_empty_field_says_honestly_that_it_is_not_known():
    values = parse_practice({"opening_hours": "  "}, KNOWN)
    assert values["practice_hours"] == UNKNOWN.replace("{practice_phone}", "020-7654321")
    assert values["practice_therapists"].startswith("Dat weet ik helaas niet")


def test_a_stray_brace_in_a_text_stays_as_written():
    values = parse_practice({"costs": "€ 70 {korting voor studenten}"}, KNOWN)
    assert values["practice_costs"] == "€ 70 {korting voor studenten}"


def test_an_edit_is_read_without_a_restart(tmp_path):
    path = tmp_path / "practice.yml"
    _write(path, {"opening_hours": "maandag 9-17"}, mtime=1_000_000)
    assert practice_values(path, KNOWN)["practice_hours"] == "maandag 9-17"
    _write(path, {"opening_hours": "dinsdag 10-16"}, mtime=1_000_100)
    assert practice_values(path, KNOWN)["practice_hours"] == "dinsdag 10-16"


def test_a_broken_file_keeps_the_previous_texts(tmp_path):
    path = tmp_path / "practice.yml"
    _write(path, {"address": "Dorpsstraat 1"}, mtime=2_000_000)
    assert practice_values(path, KNOWN)["practice_address"] == "Dorpsstraat 1"
    path.write_text("address: [niet afgesloten", encoding="utf-8")
    os.utime(path, (2_000_100, 2_000_100))
    assert practice_values(path, KNOWN)["practice_address"] == "Dorpsstraat 1"


def test_a_missing_file_gives_unknown_answers(tmp_path):
    values = practice_values(tmp_path / "nowhere.yml", KNOWN)
    assert values["practice_costs"].startswith("Dat weet ik helaas niet")


def test_the_practice_file_is_not_part_of_the_model():
    from bot.training import MODEL_INPUTS

    assert not any((PROJECT_ROOT / name) == PROJECT_ROOT / "practice.yml" for name in MODEL_INPUTS)
