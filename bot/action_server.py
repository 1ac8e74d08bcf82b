"""Starts the rasa-sdk action server on the configured (loopback by default) address.

`rasa run actions` always binds 0.0.0.0; the action server receives whole trackers,
health data included, so it listens only where settings say.

    python -m bot.action_server
"""
from __future__ import annotations

import logging

from bot.settings import get_settings

logger = logging.getLogger("rugwijzer.actions")


def main() -> None:
    from rasa_sdk.endpoint import create_app

    from bot.logging_setup import configure_logging
    from bot.privacy.files import start_private

    settings = get_settings()
    configure_logging(settings.log_level)
    start_private(settings, logger)  # charts and the app database are written here
    app = create_app("actions", cors_origins=[])
    # Sanic stops on SIGTERM/SIGINT by itself: the listener closes at once, calls in progress
    # get this long to finish (a Rasa server that is draining may still be waiting for one).
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = settings.shutdown_grace_seconds
    logger.info("Action server on http://%s:%s", settings.action_host, settings.action_port)
    app.run(settings.action_host, settings.action_port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
