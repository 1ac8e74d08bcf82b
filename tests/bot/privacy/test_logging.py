"""No user text in logs above DEBUG, also not inside an exception's message."""
import io
import logging

from bot.logging_setup import DropUserText

WORD = "zebrapaardvlinder"


def logged(level: int, emit) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(DropUserText())
    logger = logging.getLogger(f"test.privacy.{level}")
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.DEBUG)
    emit(logger)
    return stream.getvalue()


def test_a_line_that_carries_message_text_is_replaced_at_info():
    out = logged(logging.INFO, lambda log: log.info("Received user message '%s'", WORD))
    assert WORD not in out and "user text removed" in out


def test_an_exception_keeps_its_frames_and_type_but_not_its_message():
    def fail(log):
        try:
            int(f"ik heb {WORD}")
        except ValueError:
            log.exception("parsing failed")

    out = logged(logging.ERROR, fail)
    assert WORD not in out
    assert "parsing failed" in out and "ValueError" in out and "test_logging.py" in out


def test_debug_keeps_everything_for_a_test_machine():
    out = logged(logging.DEBUG, lambda log: log.debug("Received user message '%s'", WORD))
    assert WORD in out


def test_handlers_made_later_by_a_library_get_the_filter_too():
    from bot.logging_setup import filter_every_handler

    stream = io.StringIO()
    library = logging.getLogger("test.privacy.sanic_like.error")
    library.handlers, library.propagate = [logging.StreamHandler(stream)], False
    filter_every_handler()
    filter_every_handler()
    assert sum(isinstance(f, DropUserText) for f in library.handlers[0].filters) == 1
    library.error("Received user message %s", WORD)
    assert WORD not in stream.getvalue()
