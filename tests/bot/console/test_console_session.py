import pytest

from bot.console.accounts import TherapistIdentity
from bot.console.auth import LoginThrottle
from bot.console.csrf import csrf_field, csrf_ok
from bot.console.session import SessionSigner


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


ANNE = TherapistIdentity(1, "anne", "Anne")


def test_a_session_survives_the_round_trip():
    signer = SessionSigner("geheim")
    session = signer.new(ANNE)
    loaded = signer.load(signer.dump(session))
    assert loaded == session and loaded.logged_in


def test_new_sessions_get_new_ids_and_tokens():
    signer = SessionSigner("geheim")
    first, second = signer.new(ANNE), signer.new(ANNE)
    assert first.sid != second.sid and first.csrf != second.csrf


@pytest.mark.parametrize("tamper", [
    lambda v: v[:-2] + ("AA" if not v.endswith("AA") else "BB"),
    lambda v: "x" + v,
    lambda v: v.split(".")[0],
    lambda v: "",
    lambda v: v + ".extra",
])
def test_a_tampered_cookie_is_refused(tamper):
    signer = SessionSigner("geheim")
    assert signer.load(tamper(signer.dump(signer.new(ANNE)))) is None


def test_a_cookie_signed_with_another_secret_is_refused():
    assert SessionSigner("geheim").load(SessionSigner("ander").dump(SessionSigner("ander").new(ANNE))) is None


def test_sessions_expire_and_can_be_revoked():
    clock = Clock()
    signer = SessionSigner("geheim", max_age=60, clock=clock)
    session = signer.new(ANNE)
    value = signer.dump(session)
    clock.now += 30
    assert signer.load(value) == session
    signer.revoke(session)
    assert signer.load(value) is None
    other = signer.new(ANNE)
    clock.now += 61
    assert signer.load(signer.dump(other)) is None


def test_an_empty_secret_is_refused():
    with pytest.raises(ValueError):
        SessionSigner("")


def test_csrf_token_must_match_the_session():
    signer = SessionSigner("geheim")
    session = signer.new()
    assert session.csrf in csrf_field(session)
    assert csrf_ok(session, session.csrf)
    assert not csrf_ok(session, signer.new().csrf)
    assert not csrf_ok(session, "")
    assert not csrf_ok(session, None)
    assert not csrf_ok(None, session.csrf)


def test_throttle_blocks_after_five_failures_for_fifteen_minutes():
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(5):
        assert not throttle.blocked("anne", "1.2.3.4")
        throttle.failed("anne", "1.2.3.4")
    assert throttle.blocked("anne", "1.2.3.4")
    assert not throttle.blocked("anne", "5.6.7.8")
    assert not throttle.blocked("bert", "1.2.3.4")
    clock.now += 15 * 60 + 1
    assert not throttle.blocked("anne", "1.2.3.4")


def test_throttle_success_clears_the_name_but_not_the_address_total():
    clock = Clock()
    throttle = LoginThrottle(per_address=6, clock=clock)
    for _ in range(4):
        throttle.failed("anne", "1.2.3.4")
    throttle.succeeded("anne", "1.2.3.4")
    assert not throttle.blocked("anne", "1.2.3.4")
    throttle.failed("bert", "1.2.3.4")
    throttle.failed("carla", "1.2.3.4")
    assert throttle.blocked("dirk", "1.2.3.4")
