import pytest

from bot.db.migrate import upgrade


@pytest.fixture
def db_url(tmp_path):
    """A migrated app database of its own for each test."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return url
