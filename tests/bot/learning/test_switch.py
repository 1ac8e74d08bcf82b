"""The model switch's guards, without a server: which files it may load, who may ask, what it checks."""
from types import SimpleNamespace

import pytest

from bot.learning.switch import ModelSwitcher, missing_wrappers, token_ok


def test_only_model_files_inside_the_model_directory(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "rugwijzer-abc.tar.gz").write_bytes(b"x")
    (tmp_path / "secret.tar.gz").write_bytes(b"x")
    switcher = ModelSwitcher(tmp_path / "models")
    assert switcher.resolve("rugwijzer-abc.tar.gz").name == "rugwijzer-abc.tar.gz"
    for name in ("../secret.tar.gz", "rugwijzer-missing.tar.gz", "", "../../etc/passwd"):
        with pytest.raises(FileNotFoundError):
            switcher.resolve(name)


def test_token_as_query_or_bearer_and_never_empty():
    def request(args=None, auth=""):
        return SimpleNamespace(args=args or {}, headers={"authorization": auth} if auth else {})

    assert token_ok(request({"token": "s3cret"}), "s3cret")
    assert token_ok(request(auth="Bearer s3cret"), "s3cret")
    assert not token_ok(request({"token": "wrong"}), "s3cret")
    assert not token_ok(request(), "s3cret")
    assert not token_ok(request({"token": ""}), "")


def test_an_agent_without_the_screens_is_reported():
    agent = SimpleNamespace(handle_message=lambda message: None, tracker_store=object())
    missing = missing_wrappers(agent)
    assert "agent.handle_message" in missing
