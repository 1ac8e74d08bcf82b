"""Owner-only modes: new files private by umask, existing ones narrowed at start."""
import logging
import os
import stat

import pytest
from sqlalchemy import text

from bot.db.session import get_engine
from bot.privacy.files import create_private_file, describe, open_private_log, secure_storage, start_private
from tests.settings import make_settings


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture()
def restore_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def world_readable_var(tmp_path):
    """A data directory as an older version (umask 022) left it."""
    var = tmp_path / "var"
    (var / "charts").mkdir(parents=True)
    (var / "logs").mkdir()
    for name in ("tracker.db", "tracker.db-wal", "tracker.db-shm", "app.db", "audit.txt",
                 "charts/abc.png", "logs/rasa.log"):
        (var / name).write_bytes(b"x")
        os.chmod(var / name, 0o644)
    for folder in (var, var / "charts", var / "logs"):
        os.chmod(folder, 0o755)
    return var


def test_start_narrows_the_data_dir_and_everything_the_assistant_keeps(tmp_path, restore_umask):
    var = world_readable_var(tmp_path)
    settings = make_settings(var)
    changes = secure_storage(settings)
    assert mode(var) == 0o700
    assert mode(var / "charts") == 0o700 and mode(var / "logs") == 0o700
    for name in ("tracker.db", "tracker.db-wal", "tracker.db-shm", "app.db", "audit.txt",
                 "charts/abc.png", "logs/rasa.log"):
        assert mode(var / name) == 0o600, name
    message = describe(changes)
    assert "tracker.db-wal (0644 -> 0600)" in message and f"{var} (0755 -> 0700)" in message
    assert secure_storage(settings) == [] and describe([]) is None, "said once: nothing left the second time"
    assert os.umask(0o022) == 0o077, "files made from now on are private too"


def test_a_database_outside_the_data_dir_is_narrowed_too(tmp_path, restore_umask):
    elsewhere = tmp_path / "db"
    elsewhere.mkdir()
    (elsewhere / "app.db").write_bytes(b"x")
    os.chmod(elsewhere / "app.db", 0o640)
    settings = make_settings(tmp_path / "var", app_db_url=f"sqlite:///{elsewhere / 'app.db'}")
    secure_storage(settings)
    assert mode(elsewhere / "app.db") == 0o600
    assert mode(tmp_path / "var") == 0o700, "created owner-only"


def test_links_are_not_followed(tmp_path, restore_umask):
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    os.chmod(outside, 0o644)
    var = tmp_path / "var"
    (var / "charts").mkdir(parents=True)
    (var / "charts" / "link.png").symlink_to(outside)
    secure_storage(make_settings(var))
    assert mode(outside) == 0o644


def test_a_new_sqlite_database_and_its_wal_are_owner_only_whatever_the_umask(tmp_path, restore_umask):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with get_engine(url).begin() as connection:
        connection.execute(text("CREATE TABLE t (x TEXT)"))
        connection.execute(text("INSERT INTO t VALUES ('hoi')"))
        assert (tmp_path / "fresh.db-wal").exists()
        assert mode(tmp_path / "fresh.db-wal") == 0o600
        assert mode(tmp_path / "fresh.db-shm") == 0o600
    assert mode(tmp_path / "fresh.db") == 0o600


def test_private_files_and_logs_are_created_owner_only(tmp_path, restore_umask):
    create_private_file(tmp_path / "made.db")
    assert mode(tmp_path / "made.db") == 0o600
    (tmp_path / "kept.db").write_bytes(b"data")
    create_private_file(tmp_path / "kept.db")
    assert (tmp_path / "kept.db").read_bytes() == b"data", "an existing file is left as it is"
    with open_private_log(str(tmp_path / "rasa.log")) as log:
        log.write(b"line\n")
    with open_private_log(str(tmp_path / "rasa.log")) as log:
        log.write(b"more\n")
    assert mode(tmp_path / "rasa.log") == 0o600
    assert (tmp_path / "rasa.log").read_bytes() == b"line\nmore\n"


def test_chart_files_of_an_older_version_are_removed_at_start_and_the_log_says_how_many(tmp_path, restore_umask,
                                                                                         caplog):
    var = world_readable_var(tmp_path)  # charts/abc.png, 0644, as the older version wrote it
    (var / "charts" / "pijn-van-gisteren.png").write_bytes(b"\x89PNG scores of someone")
    (var / "charts" / ".half-written.tmp").write_bytes(b"\x89PNG")
    (var / "charts" / "notes.txt").write_text("not a chart")
    settings = make_settings(var)
    log = logging.getLogger("test.storage")

    with caplog.at_level(logging.INFO, logger="test.storage"):
        changes = start_private(settings, log)

    assert sorted(p.name for p in (var / "charts").iterdir()) == ["notes.txt"]
    assert mode(var / "charts" / "notes.txt") == 0o600, "what is left is still made private"
    said = [r.getMessage() for r in caplog.records if "chart file(s)" in r.getMessage()]
    assert said == ["Storage: removed 3 chart file(s) left by an older version (charts are drawn on request now)"]
    assert "abc.png" not in (describe(changes) or ""), "a removed file is not reported as narrowed"
    assert mode(var / "app.db") == 0o600 and mode(var) == 0o700

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="test.storage"):
        assert start_private(settings, log) == []
    assert caplog.records == [], "nothing removed, nothing changed: nothing said"


def test_a_start_without_a_charts_folder_removes_nothing_and_says_nothing(tmp_path, restore_umask, caplog):
    settings = make_settings(tmp_path / "var")
    with caplog.at_level(logging.INFO, logger="test.storage"):
        start_private(settings, logging.getLogger("test.storage"))
    assert not (tmp_path / "var" / "charts").exists(), "no folder is made for charts any more"
    assert caplog.records == []


def test_set_up_narrows_what_an_older_version_left(tmp_path):
    """`make setup` runs `bot.cli migrate`: the modes are right before any server starts."""
    import subprocess
    import sys

    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    os.chmod(var, 0o755)
    (var / "tracker.db").write_bytes(b"")
    os.chmod(var / "tracker.db", 0o644)
    env = {**os.environ, "VAR_DIR": str(var)}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "made owner-only" in done.stdout
    assert mode(var) == 0o700 and mode(var / "tracker.db") == 0o600 and mode(var / "app.db") == 0o600
