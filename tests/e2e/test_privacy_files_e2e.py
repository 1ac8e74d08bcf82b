"""What is stored stays private on disk: real servers, a real data directory, raw bytes.

The stack of this module has its own data directory, made the way an older version
(umask 022) would have left it, with a chart file that version wrote; the servers' logs
are written inside it. After a conversation with a unique word (typed in the pain score's
note) whose chart link is opened over HTTP, and an erasure over REST, the word must be in
none of the files, read as raw bytes, and the chart link must show nothing any more.
"""
from __future__ import annotations

import os
import secrets
import stat
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import free_port, running_stack
from tests.e2e.talk import texts

pytestmark = pytest.mark.e2e

WORD = f"zebrapaardvlinder{uuid.uuid4().hex[:6]}"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def fetch(base_url: str, link: str):
    """(status, content type, body bytes) of the chart link, opened on the stack's Rasa server."""
    try:
        with urllib.request.urlopen(base_url + urlsplit(link).path, timeout=60) as reply:
            return reply.status, reply.headers.get("Content-Type"), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read()


def files_holding(folder: Path, needle: str):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and needle.encode() in path.read_bytes())


@pytest.fixture(scope="module")
def private_stack(tmp_path_factory):
    """A stack started on a data directory that an older version left readable for all, chart file included."""
    var = tmp_path_factory.mktemp("private") / "var"
    for folder in (var, var / "charts", var / "logs"):
        folder.mkdir(parents=True)
        os.chmod(folder, 0o755)
    stale_chart = var / "charts" / f"{secrets.token_urlsafe(32)}.png"
    stale_chart.write_bytes(b"\x89PNG old chart")
    (var / "tracker.db").touch()  # an empty file is a valid new SQLite database
    for path in (stale_chart, var / "tracker.db"):
        os.chmod(path, 0o644)
    env = {
        "VAR_DIR": str(var), "RASA_PORT": str(free_port()), "ACTION_PORT": str(free_port()),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16), "CONSOLE_SECRET": secrets.token_urlsafe(32),
        "TELEGRAM_SECRET": secrets.token_urlsafe(16), "LOG_LEVEL": "INFO",
        # This test is about files, not speed: the first chart (matplotlib's import) may take
        # longer than the 4 s a user is kept waiting when 2 cores are shared.
        "ACTION_TIMEOUT_SECONDS": "60",
    }
    old_umask = os.umask(0o022)  # the migration below writes app.db as a careless tool would: 0644
    try:
        with running_stack(env, var / "logs") as running:
            running.extra.update(var=var, stale_chart=stale_chart)
            yield running
    finally:
        os.umask(old_umask)


def test_the_data_dir_and_its_files_are_owner_only_after_start(private_stack):
    var = private_stack.extra["var"]
    private_stack.say(f"modes-{uuid.uuid4().hex[:8]}", "hallo")  # the stores have written by now
    assert mode(var) == 0o700
    assert mode(var / "charts") == 0o700 and mode(var / "logs") == 0o700
    names = ["tracker.db", "tracker.db-wal", "tracker.db-shm", "app.db", "logs/rasa.log", "logs/actions.log"]
    for name in names:
        assert (var / name).exists(), name
        assert mode(var / name) == 0o600, (name, oct(mode(var / name)))
    for name in ("app.db-wal", "app.db-shm"):
        if (var / name).exists():
            assert mode(var / name) == 0o600, name


def test_files_found_world_readable_are_fixed_and_the_log_says_so(private_stack):
    var = private_stack.extra["var"]
    logs = "".join(p.read_text(errors="replace") for p in (var / "logs").glob("*.log"))
    said = [line for line in logs.splitlines() if "Storage: made owner-only" in line]
    assert said, logs[-2000:]
    told = " ".join(said)
    for name in ("tracker.db (0644 -> 0600)", "app.db (0644 -> 0600)", f"{var} (0755 -> 0700)"):
        assert name in told, name


def test_a_chart_file_left_by_an_older_version_is_removed_at_start_and_the_log_says_so(private_stack):
    var = private_stack.extra["var"]
    stale_chart = private_stack.extra["stale_chart"]
    assert not stale_chart.exists()
    assert list((var / "charts").iterdir()) == [], "and no chart file is written any more"
    logs = "".join(p.read_text(errors="replace") for p in (var / "logs").glob("*.log"))
    removed = [line for line in logs.splitlines() if "chart file(s) left by an older version" in line]
    # Both servers prune at start; only the one that removed the file says so.
    assert len(removed) == 1 and "removed 1 chart file(s)" in removed[0], logs[-2000:]
    assert stale_chart.name not in logs, "a removed file is not reported as made owner-only"


def test_after_an_erasure_a_word_the_user_typed_is_in_no_file(private_stack):
    var = private_stack.extra["var"]
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    private_stack.say(sender, "hallo")
    asked = texts(private_stack.say(sender, "mijn pijn is vandaag een 6"))
    assert "korte notitie" in asked, asked
    saved = texts(private_stack.say(sender, f"wandelen en {WORD} hielpen"))
    assert "6" in saved, saved
    shown = private_stack.say(sender, "laat mijn voortgang zien")
    charts = [m["image"] for m in shown if m.get("image")]
    assert charts, shown
    status, kind, png = fetch(private_stack.base_url, charts[0])
    assert (status, kind) == (200, "image/png") and png.startswith(b"\x89PNG\r\n\x1a\n"), (status, kind, png[:40])
    assert list((var / "charts").iterdir()) == [], "drawn on request: no file is written"
    private_stack.say(sender, f"ik vroeg me af of {WORD} normaal is bij rugpijn")
    assert "tracker.db-wal" in files_holding(var, WORD) or "tracker.db" in files_holding(var, WORD)
    assert any(name.startswith("app.db") for name in files_holding(var, WORD)), "the note was saved"

    confirm = private_stack.say(sender, "verwijder mijn gegevens")
    assert any(b["payload"] == "/affirm" for m in confirm for b in m.get("buttons", [])), confirm
    done = texts(private_stack.say(sender, "ja"))  # typed, not clicked
    assert "gewist" in done, done

    assert files_holding(var, WORD) == []
    # The same link, still sealed and unexpired, finds no scores to draw: Not found, no image.
    status, kind, body = fetch(private_stack.base_url, charts[0])
    assert status == 404 and not body.startswith(b"\x89PNG") and "image" not in (kind or ""), (status, kind, body)
    rasa_log = (var / "logs" / "rasa.log").read_text(errors="replace")
    assert "Erased a conversation:" in rasa_log
    assert sender not in rasa_log, "the erasure is logged without the conversation's id"
    events = private_stack.tracker(sender)["events"]
    assert not [e for e in events if e["event"] == "user"]
    again = private_stack.say(sender, "laat mijn voortgang zien")
    assert "nog geen pijnscores" in texts(again) and not [m for m in again if m.get("image")], again
    assert fetch(private_stack.base_url, charts[0])[0] == 404
    assert files_holding(var, WORD) == [], "nothing came back with the next turn"
