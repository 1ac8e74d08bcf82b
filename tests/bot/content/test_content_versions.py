"""Versions: every change recorded with who, when, old and new; revert to any of them; stale edits refused."""
from __future__ import annotations

import pytest

from bot.content.live import LiveContent
from bot.content.models import ContentOverride
from bot.content.versions import StaleEdit, current_version_id, history, overrides, save, version
from bot.db.session import session_scope


def test_a_change_is_versioned_with_who_old_and_new(db_url):
    first = save(kind="practice", key="opening_hours", value="ma-vr 9-17", actor="bea", db_url=db_url)
    second = save(kind="practice", key="opening_hours", value="ma-do 9-17", actor="piet", db_url=db_url)
    assert (first.old_value, first.new_value, first.changed_by) == (None, "ma-vr 9-17", "bea")
    assert (second.old_value, second.new_value, second.changed_by) == ("ma-vr 9-17", "ma-do 9-17", "piet")
    assert [v.id for v in history(kind="practice", key="opening_hours", db_url=db_url)] == [second.id, first.id]
    assert overrides(db_url) == (second.id, {("practice", "opening_hours"): "ma-do 9-17"})


def test_saving_the_same_value_again_records_nothing(db_url):
    save(kind="practice", key="costs", value="€ 70", actor="bea", db_url=db_url)
    assert save(kind="practice", key="costs", value="€ 70", actor="bea", db_url=db_url) is None
    assert len(history(kind="practice", key="costs", db_url=db_url)) == 1


def test_response_texts_round_trip_as_a_tuple_of_variants(db_url):
    saved = save(kind="response", key="utter_goodbye", value=("Dag!", "Tot ziens! Bel 112 bij nood."), actor="bea",
                 db_url=db_url)
    assert version(version_id=saved.id, db_url=db_url).new_value == ("Dag!", "Tot ziens! Bel 112 bij nood.")
    assert overrides(db_url)[1][("response", "utter_goodbye")] == ("Dag!", "Tot ziens! Bel 112 bij nood.")


def test_revert_to_an_earlier_version_and_to_the_default(db_url):
    one = save(kind="practice", key="address", value="Dorpsstraat 1", actor="bea", db_url=db_url)
    save(kind="practice", key="address", value="Kerkstraat 2", actor="bea", db_url=db_url)
    back = save(kind="practice", key="address", value=one.new_value, actor="piet", db_url=db_url, restored_from=one.id)
    assert (back.old_value, back.new_value, back.restored_from) == ("Kerkstraat 2", "Dorpsstraat 1", one.id)
    default = save(kind="practice", key="address", value=None, actor="piet", db_url=db_url)
    assert (default.old_value, default.new_value) == ("Dorpsstraat 1", None)
    # The default is not stored: no override row is left.
    with session_scope(db_url) as session:
        assert session.query(ContentOverride).count() == 0
    assert len(history(kind="practice", key="address", db_url=db_url)) == 4


def test_an_edit_made_on_an_old_page_is_refused_instead_of_overwriting(db_url):
    seen = current_version_id(kind="practice", key="costs", db_url=db_url)
    assert seen == 0
    save(kind="practice", key="costs", value="€ 80", actor="piet", db_url=db_url, seen_version=seen)
    with pytest.raises(StaleEdit):
        save(kind="practice", key="costs", value="€ 75", actor="bea", db_url=db_url, seen_version=seen)
    assert overrides(db_url)[1][("practice", "costs")] == "€ 80"


def test_live_content_rereads_after_its_time_to_live(db_url):
    now = [100.0]
    live = LiveContent(db_url, ttl=2.0, clock=lambda: now[0])
    assert live.snapshot().practice == {}
    save(kind="practice", key="country", value="BE", actor="bea", db_url=db_url)
    now[0] += 1.0
    assert live.snapshot().practice == {}  # still the cached copy
    now[0] += 1.5
    assert live.snapshot().practice == {"country": "BE"}


def test_live_content_keeps_the_last_texts_when_the_database_fails(tmp_path, db_url, caplog):
    now = [0.0]
    live = LiveContent(db_url, ttl=1.0, retry=10.0, clock=lambda: now[0])
    save(kind="practice", key="country", value="BE", actor="bea", db_url=db_url)
    assert live.snapshot().practice == {"country": "BE"}
    live.db_url = f"sqlite:///{tmp_path / 'missing' / 'nothing.db'}"  # cannot be opened
    now[0] += 2.0
    assert live.snapshot().practice == {"country": "BE"}
    assert "could not be read" in caplog.text


def test_the_migration_goes_down_and_up_again(db_url):
    from alembic import command
    from sqlalchemy import inspect

    from bot.db.migrate import alembic_config
    from bot.db.session import get_engine

    command.downgrade(alembic_config(db_url), "0002_console")
    assert "content_versions" not in inspect(get_engine(db_url)).get_table_names()
    command.upgrade(alembic_config(db_url), "0003_content")
    assert {"content_versions", "content_overrides"} <= set(inspect(get_engine(db_url)).get_table_names())
