"""`RemoteAction`: a bounded wait with an apology, and one response validator.

- `run`: every call to the action server goes through `bot.core.resilience.run_bounded`
  (a timeout, the gate given up while slow, an apology instead of silence).
- `_validate_action_result` (private): Rasa calls `jsonschema.validate` per reply, which
  builds a validator from the schema every time, the largest single cost of the server
  under load; one validator built once accepts and rejects the same replies.
"""
from __future__ import annotations

import functools
from typing import Any, List

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event

from bot.rasa_patches.signatures import expect_signature, is_installed, mark

RUN_PATCH = "remote_action_bounded"
VALIDATE_PATCH = "remote_action_one_validator"
EXPECTED = (
    (RemoteAction, "run", ("self", "output_channel", "nlg", "tracker", "domain")),
    (RemoteAction, "_validate_action_result", ("self", "result")),
    (RemoteAction, "action_response_format_spec", ()),
)
# Read per call, so that installing again with another timeout takes effect.
_timeout_seconds: float = 0.0


def check() -> None:
    for owner, name, parameters in EXPECTED:
        expect_signature(owner, name, parameters)


def install(timeout_seconds: float) -> None:
    """Wraps `RemoteAction.run` and replaces its validation once per process (idempotent)."""
    global _timeout_seconds
    check()
    _timeout_seconds = timeout_seconds
    _install_run()
    _install_validator()


def _install_run() -> None:
    from bot.core.resilience import run_bounded

    if is_installed(RemoteAction.run, RUN_PATCH):
        return
    original = RemoteAction.run

    @functools.wraps(original)
    async def run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        return await run_bounded(original(self, output_channel, nlg, tracker, domain), _timeout_seconds,
                                 self.name(), output_channel, nlg, tracker)

    RemoteAction.run = mark(run, RUN_PATCH)  # type: ignore[assignment]


def _install_validator() -> None:
    if is_installed(RemoteAction._validate_action_result, VALIDATE_PATCH):
        return
    from jsonschema.validators import validator_for

    original = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)(schema)

    @functools.wraps(original)
    def _validate_action_result(self: RemoteAction, result: Any) -> bool:
        validator.validate(result)  # raises ValidationError like the original
        return True

    RemoteAction._validate_action_result = mark(_validate_action_result, VALIDATE_PATCH)  # type: ignore


def uninstall() -> None:
    """Puts Rasa's own functions back (for tests)."""
    for name, patch in (("run", RUN_PATCH), ("_validate_action_result", VALIDATE_PATCH)):
        current = getattr(RemoteAction, name)
        if is_installed(current, patch):
            setattr(RemoteAction, name, current.__wrapped__)
