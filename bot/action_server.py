"""Starts the rasa-sdk action server on the configured (loopback by default) address.

`rasa run actions` always binds 0.0.0.0; the action server receives whole trackers,
health data included, so it listens only where settings say. `main` loads the settings
once and builds the app with `create_app(settings)`.

    python -m bot.action_server
"""
from __future__ import annotations

import logging
from typing import Any

from bot.settings import Settings, load_settings

logger = logging.getLogger("rugwijzer.actions")


def create_app(settings: Settings) -> Any:
    """The rasa-sdk app with the `actions` package, for `settings`."""
    from rasa_sdk.endpoint import create_app as create_sdk_app

    from bot.context import install_settings

    # rasa-sdk builds the actions itself; they read the settings there.
    install_settings(settings)
    app = create_sdk_app("actions", cors_origins=[])
    # Sanic stops on SIGTERM/SIGINT by itself: the listener closes at once, calls in progress
    # get this long to finish (a Rasa server that is draining may still be waiting for one).
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = settings.shutdown_grace_seconds
    return app


def main() -> None:
    from bot.logging_setup import configure_logging
    from bot.privacy.files import start_private

    settings = load_settings()
    configure_logging(settings.log_level)
    start_private(settings, logger)  # charts and the app database are written here
    app = create_app(settings)
    from bot.medication import find_medications

    # Loads the medicine catalogue and the full Dutch word list now (about 1 s), not mid-chat.
    find_medications("ik neem xarelto")
    logger.info("Action server on http://%s:%s", settings.action_host, settings.action_port)
    app.run(settings.action_host, settings.action_port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
