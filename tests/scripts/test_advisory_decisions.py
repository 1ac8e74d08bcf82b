"""Guards for the "not reachable" decisions in docs/security.md, 'Dependency audit'.

Each test checks the fact a decision rests on, so that a change of configuration or of a
pinned package that would make the advisory reachable fails here instead of going unnoticed.
"""
import importlib.util
import warnings
from pathlib import Path

REGEX_CHARS = set("*\\]?")


def test_sanic_cors_compares_plain_origins_exactly():
    """GHSA-94jw-hqvj-vw74: only allowlist entries that look like a regex use re.match."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from sanic_cors.core import try_match
    assert try_match("https://praktijk.example.nl", "https://praktijk.example.nl")
    assert not try_match("https://praktijk.example.nl.evil.test", "https://praktijk.example.nl")


def test_default_cors_origins_are_plain_origins():
    from bot.settings import Settings

    for origin in Settings().cors_origins:
        assert not REGEX_CHARS & set(origin), f"{origin!r} would be matched as a regex"


def test_protobuf_does_not_use_the_pure_python_backend():
    """CVE-2025-4565 concerns the pure-Python backend only."""
    from google.protobuf.internal import api_implementation

    assert api_implementation.Type() != "python"


def test_pydantic_email_validation_is_unavailable():
    """CVE-2024-3772 is in pydantic's e-mail validation, which needs email-validator."""
    assert importlib.util.find_spec("email_validator") is None


def test_rasa_never_decodes_jsonpickle():
    """SNYK-PYTHON-JSONPICKLE-8136229 needs jsonpickle.decode on attacker data."""
    spec = importlib.util.find_spec("rasa")
    assert spec is not None and spec.submodule_search_locations
    root = Path(list(spec.submodule_search_locations)[0])
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "jsonpickle.decode" in p.read_text(encoding="utf-8", errors="ignore")]
    assert offenders == []


def test_the_tracker_store_is_sql_not_mongo():
    """pymongo and dnspython advisories: only a Mongo tracker store would reach them."""
    import yaml

    endpoints = yaml.safe_load((Path(__file__).resolve().parents[2] / "endpoints.yml").read_text())
    assert endpoints["tracker_store"]["type"] == "bot.db.tracker_store.ErasingSQLTrackerStore"
