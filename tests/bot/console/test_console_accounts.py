import pytest

from bot.console.accounts import authenticate, create_therapist, hash_password, verify_password
from bot.db.migrate import upgrade
from bot.db.models import Therapist
from bot.db.session import session_scope


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return url


def test_a_hash_verifies_only_its_own_password_and_is_salted():
    stored = hash_password("rugpijn-is-stom")
    assert stored.startswith("scrypt$") and "rugpijn" not in stored
    assert verify_password("rugpijn-is-stom", stored)
    assert not verify_password("rugpijn-is-stoM", stored)
    assert hash_password("rugpijn-is-stom") != stored


@pytest.mark.parametrize("stored", ["", "plain", "md5$x$y", "scrypt$1$2$3$!!$!!", "scrypt$a$b$c$d$e"])
def test_a_malformed_hash_never_verifies(stored):
    assert not verify_password("anything", stored)


def test_create_therapist_stores_a_hash_not_the_password(db_url):
    therapist_id = create_therapist(username="Anne", display_name="Anne de Vries", password="lang-genoeg-1",
                                    db_url=db_url)
    with session_scope(db_url) as session:
        therapist = session.get(Therapist, therapist_id)
        assert therapist.username == "anne"
        assert therapist.display_name == "Anne de Vries"
        assert "lang-genoeg-1" not in therapist.password_hash


@pytest.mark.parametrize("username, password", [("a", "lang-genoeg-1"), ("an ne", "lang-genoeg-1"),
                                                ("anne", "kort"), ("anne", "")])
def test_create_therapist_refuses_bad_names_and_short_passwords(db_url, username, password):
    with pytest.raises(ValueError):
        create_therapist(username=username, display_name="x", password=password, db_url=db_url)


def test_create_therapist_refuses_a_duplicate(db_url):
    create_therapist(username="anne", display_name="Anne", password="lang-genoeg-1", db_url=db_url)
    with pytest.raises(ValueError):
        create_therapist(username="ANNE", display_name="Anne 2", password="lang-genoeg-2", db_url=db_url)


def test_authenticate(db_url):
    create_therapist(username="anne", display_name="Anne", password="lang-genoeg-1", db_url=db_url)
    who = authenticate(username=" Anne ", password="lang-genoeg-1", db_url=db_url)
    assert who is not None and who.username == "anne" and who.display_name == "Anne"
    assert authenticate(username="anne", password="fout-wachtwoord", db_url=db_url) is None
    assert authenticate(username="niemand", password="lang-genoeg-1", db_url=db_url) is None
    assert authenticate(username="", password="", db_url=db_url) is None
