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
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _traceback_without_message(record.exc_info)
        return True


def _traceback_without_message(exc_info) -> str:
    """The frames of an exception and its type, without its message.

    An exception's message can quote its input (a ValueError about what someone typed);
    the frames and the type are what a developer needs to find the fault.
    """
    import traceback

    kind, _, trace = exc_info
    frames = "".join(traceback.format_tb(trace))
    return f"Traceback (most recent call last):\n{frames}{kind.__name__}: [message not logged: it may hold user text]"


def configure_logging(level: str = "INFO") -> None:
    import rasa.utils.common

    from rasa.utils.log_utils import configure_structlog

    numeric = logging.getLevelName(level.upper())
    numeric = numeric if isinstance(numeric, int) else logging.INFO
    rasa.utils.common.configure_logging_and_warnings(numeric)
    # Rasa 3.6 logs much of its dialogue (with message text) through structlog at DEBUG.
    configure_structlog(numeric)
    filter_every_handler()


def filter_every_handler() -> None:
    """Puts `DropUserText` on every handler there is now (root and named loggers, once each).

    Sanic configures its own loggers (`sanic.error` logs exceptions, not via the root) when
    the app is made: the server calls this again after that.
    """
    loggers = [logging.getLogger()] + [logger for logger in logging.Logger.manager.loggerDict.values()
                                       if isinstance(logger, logging.Logger)]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(existing, DropUserText) for existing in handler.filters):
                handler.addFilter(DropUserText())
