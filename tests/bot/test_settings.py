from pathlib import Path

from bot.settings import load_settings


def test_environment_overrides_dotenv_and_defaults(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("RASA_PORT=6000\nPRACTICE_NAME='Praktijk Test'\n# comment\n")
    settings = load_settings({"RASA_PORT": "7000", "CORS_ORIGINS": "https://a.nl, https://b.be"}, dotenv)
    assert settings.rasa_port == 7000
    assert settings.practice_name == "Praktijk Test"
    assert settings.cors_origins == ("https://a.nl", "https://b.be")


def test_databases_default_to_sqlite_files_in_var(tmp_path):
    settings = load_settings({"VAR_DIR": str(tmp_path)}, tmp_path / "missing.env")
    assert settings.var_dir == Path(tmp_path)
    assert settings.tracker_db == f"sqlite:///{tmp_path / 'tracker.db'}"


def test_redis_lock_store_url_becomes_endpoint_values(tmp_path):
    settings = load_settings({"LOCK_STORE_URL": "redis://127.0.0.1:6390/2"}, tmp_path / "missing.env")
    env = settings.endpoint_environment()
    assert env["LOCK_STORE_TYPE"] == "bot.core.lock_store.RedisTicketLockStore" and env["LOCK_STORE_PORT"] == "6390" and env["LOCK_STORE_DB"] == "2"


def test_cors_origins_that_sanic_cors_would_read_as_patterns_are_singled_out(tmp_path):
    plain = load_settings({"CORS_ORIGINS": "https://www.praktijk.nl,http://localhost:5005"}, tmp_path / "x.env")
    assert plain.pattern_cors_origins() == ()
    patterns = load_settings({"CORS_ORIGINS": "https://*.praktijk.nl,https://www.praktijk.nl,https://a?.nl"},
                             tmp_path / "x.env")
    assert patterns.pattern_cors_origins() == ("https://*.praktijk.nl", "https://a?.nl")


def test_the_message_cap_may_not_exceed_what_the_matchers_read(tmp_path):
    import pytest

    from bot.medication.text import MAX_CHARS as MEDICATION_CHARS
    from bot.safety.normalize import MAX_CHARS as SAFETY_CHARS
    from bot.settings import MESSAGE_CHARS_LIMIT

    assert MEDICATION_CHARS == SAFETY_CHARS == MESSAGE_CHARS_LIMIT
    allowed = load_settings({"MAX_MESSAGE_CHARS": str(MESSAGE_CHARS_LIMIT)}, tmp_path / "missing.env")
    assert allowed.max_message_chars == MESSAGE_CHARS_LIMIT
    for wrong in (MESSAGE_CHARS_LIMIT + 1, 0):
        with pytest.raises(ValueError, match="MAX_MESSAGE_CHARS"):
            load_settings({"MAX_MESSAGE_CHARS": str(wrong)}, tmp_path / "missing.env")
