"""The database goes down for a while under a running assistant (`make faults`).

Needs a real PostgreSQL server that the test may stop and start; scripts/faults.sh
provides it through FAULTS_PG_* variables. Without them (plain `make test`) it is skipped.
"""
import os
import secrets
import subprocess
import time
import uuid

import pytest

from tests.e2e.conftest import free_port, running_stack

PG_URL = os.environ.get("FAULTS_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="needs `make faults` (a PostgreSQL it may stop)")


@pytest.fixture(scope="module")
def on_postgres(tmp_path_factory):
    env = {
        "VAR_DIR": str(tmp_path_factory.mktemp("faults")),
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16),
        "TRACKER_DB_URL": f"{PG_URL}/rugwijzer_tracker",
        "APP_DB_URL": f"{PG_URL}/rugwijzer_app",
    }
    with running_stack(env, tmp_path_factory.mktemp("faults-logs")) as running:
        yield running


def _events_of(sender):
    from sqlalchemy import create_engine, text

    engine = create_engine(f"{PG_URL}/rugwijzer_tracker")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                                  {"s": sender}).fetchall()
    engine.dispose()
    return rows


def test_database_down_gives_a_clear_error_and_recovers_by_itself(on_postgres):
    sender = f"db-{uuid.uuid4().hex[:8]}"
    assert on_postgres.say(sender, "hallo")
    stored_before = len(_events_of(sender))

    subprocess.run(os.environ["FAULTS_PG_STOP"], shell=True, check=True)
    try:
        status, body = on_postgres.request("POST", "/webhooks/rest/webhook",
                                           {"sender": sender, "message": "hoeveel water moet ik drinken"})
        assert status == 503 and "storing" in body[0]["text"]
        assert on_postgres.request("GET", "/health/ready")[0] == 503
    finally:
        subprocess.run(os.environ["FAULTS_PG_START"], shell=True, check=True)

    deadline = time.monotonic() + 60
    while on_postgres.request("GET", "/health/ready")[0] != 200:
        assert time.monotonic() < deadline, "not ready again within a minute"
        time.sleep(1)
    answer = None
    for _ in range(3):  # the first request after a restart may meet a stale pooled connection
        status, answer = on_postgres.request("POST", "/webhooks/rest/webhook",
                                             {"sender": sender, "message": "hoeveel water moet ik drinken"})
        if status == 200:
            break
        time.sleep(1)
    assert status == 200 and answer
    rows = _events_of(sender)
    # Nothing half-written: the failed message left no events, the retried one a whole turn.
    user_texts = [r.data for r in rows if r.type_name == "user"]
    assert sum("hoeveel water" in data for data in user_texts) == 1
    assert len(rows) > stored_before and rows[-1].type_name in ("action", "bot")
