"""Chart links: sealed, any instance draws them from the database, gone with the scores."""
import asyncio
import uuid
from datetime import datetime, timezone

import pytest

from bot.db.migrate import upgrade
from bot.progress import history
from bot.web.charts import add_chart_routes, chart_url, seal, unseal
from tests.settings import make_settings


@pytest.fixture
def settings(tmp_path):
    """Two instances' view: the same database and secret."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return make_settings(tmp_path / "var", app_db_url=url, console_secret="s" * 40,
                         public_base_url="https://assistent.example-praktijk.nl")


def _serve(path: str, settings):
    from sanic import Sanic

    app = Sanic(f"charts_{uuid.uuid4().hex}")
    add_chart_routes(app, settings)
    app.router.finalize()
    try:
        _, handler, params = app.router.get(path, "GET", None)
    except Exception:  # noqa: BLE001 - the router refuses the path: nothing is served
        return None
    return asyncio.run(handler(None, **params))


def test_a_link_is_sealed_and_opens_only_with_the_same_secret(settings):
    token = seal("telegram:123456", settings)
    assert "123456" not in token and unseal(token, settings) == "telegram:123456"
    other = make_settings(settings.var_dir, console_secret="t" * 40)
    assert unseal(token, other) is None
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert unseal(tampered, settings) is None
    assert unseal(token, settings, now=datetime.now().timestamp() + 2 * 86400) is None
    assert unseal("../../etc/passwd", settings) is None


def test_any_instance_draws_the_chart_until_the_scores_are_erased(settings):
    url = chart_url("p1", settings)
    assert url.startswith("https://assistent.example-praktijk.nl/charts/") and url.endswith(".png")
    path = url[len(settings.public_base_url):]
    assert _serve(path, settings).status == 404  # no scores yet: nothing to draw

    history.record_pain(conversation_id="p1", score=6, note=None, at=datetime.now(timezone.utc),
                        url=settings.app_db)
    served = _serve(path, settings)
    assert served.status == 200 and served.body[:4] == b"\x89PNG"
    assert served.headers["Cache-Control"].startswith("private")

    from sqlalchemy import create_engine, text

    with create_engine(settings.app_db).begin() as connection:  # what erasure does to the scores
        connection.execute(text("DELETE FROM pain_scores WHERE conversation_id = 'p1'"))
    assert _serve(path, settings).status == 404


def test_forged_links_are_not_found(settings):
    for token in ("a" * 43, seal("p1", settings)[:-4]):
        reply = _serve(f"/charts/{token}.png", settings)
        assert reply is None or reply.status == 404
