"""The settings of this process, for the objects that Rasa and rasa-sdk build themselves.

Rasa builds its policies, NLG, channels and tracker store from YAML, and rasa-sdk builds
actions from their classes: none of them can be handed a `Settings`. The factories
(`bot.server.create_app(settings)`, `bot.action_server.create_app(settings)`, the
commands in `bot.cli`) install the one `Settings` they were given here before anything
is built. Those Rasa-built objects read it here and pass on what domain code needs as
plain arguments; domain code never imports this module.
"""
from __future__ import annotations

from typing import Optional

from bot.settings import Settings

_installed: Optional[Settings] = None


def install_settings(settings: Settings) -> None:
    global _installed
    _installed = settings


def current_settings() -> Settings:
    if _installed is None:
        raise RuntimeError("No Settings installed in this process: build it with a factory "
                           "(bot.server.create_app(settings), bot.action_server.create_app(settings)) "
                           "or, in a test, call bot.context.install_settings(settings)")
    return _installed
