"""A temporary, migrated app database per test."""
import pytest

from bot.db.migrate import upgrade


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return url
