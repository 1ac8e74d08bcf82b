"""Logging for every Rugwijzer process: no user text at the default level."""
from __future__ import annotations

import logging


class DropUserText(logging.Filter):
    """Removes records that carry message text unless the level is DEBUG.

    Rasa's channels and processor log the user's message in some error paths; what a
    patient writes is health data and has no place in ordinary logs.
    """

    _MARKERS = ("Received user message", "text=", "'text':", '"text":', "UserMessage(")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG:
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is dropped, not raised
            return False
        if any(marker in message for marker in self._MARKERS):
            record.msg, record.args = "[log line with user text removed]", ()
        return True


def configure_logging(level: str = "INFO") -> None:
    import rasa.utils.common

    from rasa.utils.log_utils import configure_structlog

    numeric = logging.getLevelName(level.upper())
    numeric = numeric if isinstance(numeric, int) else logging.INFO
    rasa.utils.common.configure_logging_and_warnings(numeric)
    # Rasa 3.6 logs much of its dialogue (with message text) through structlog at DEBUG.
    configure_structlog(numeric)
    for handler in logging.getLogger().handlers:
        handler.addFilter(DropUserText())
