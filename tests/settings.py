"""The one way tests configure the code: a `Settings` built directly, never the environment.

Tests that start real servers as subprocesses pass environment variables instead: that is
the real interface of the servers' `main`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.settings import Settings


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for one test: its databases and files under `tmp_path`, then `overrides`."""
    return Settings(**{"var_dir": tmp_path, **overrides})


def install_for_test(monkeypatch: Any, settings: Settings) -> Settings:
    """Installs `settings` as the server factories would, for objects Rasa or rasa-sdk build
    (actions, channels, policies); the previous state comes back after the test."""
    import bot.context

    monkeypatch.setattr(bot.context, "_installed", settings)
    return settings
