"""The check that a Rasa function we wrap or override still looks the way the patch expects.

A patch written for `handle_message(self, message)` that meets a Rasa whose function takes
other arguments would either fail on the first message or, worse, keep running while no
longer doing its work (a safety screen silently dropped). Every patch therefore names the
parameters it was written for, and the server refuses to start when they differ.
"""
from __future__ import annotations

import inspect
from typing import Any, Sequence


class RasaChanged(SystemExit):
    """A patched Rasa function is not what the patch was written for: do not start."""


def expect_signature(owner: Any, name: str, parameters: Sequence[str]) -> None:
    """Raises `RasaChanged` unless `owner.name` takes exactly `parameters`, in order.

    Our own wrappers keep the original as `__wrapped__`, which `inspect.signature`
    follows: a check after installing sees Rasa's function, not the wrapper.
    """
    where = f"{getattr(owner, '__module__', '?')}.{getattr(owner, '__qualname__', owner)}.{name}"
    function = inspect.getattr_static(owner, name, None)
    if isinstance(function, (staticmethod, classmethod)):
        function = function.__func__
    if function is None or not callable(function):
        raise RasaChanged(f"Rasa has changed: {where} no longer exists. A patch in bot/rasa_patches "
                          "relies on it; refusing to start (see bot/rasa_patches/__init__.py).")
    found = tuple(inspect.signature(function).parameters)
    if found != tuple(parameters):
        raise RasaChanged(f"Rasa has changed: {where} takes ({', '.join(found)}), the patch in "
                          f"bot/rasa_patches expects ({', '.join(parameters)}). Refusing to start: "
                          "check the patch against the new Rasa before changing the expectation.")


def expect_attribute(instance: Any, name: str, where: str) -> Any:
    """The value of a private attribute a patch reads; `RasaChanged` if it is gone."""
    marker = object()
    value = getattr(instance, name, marker)
    if value is marker:
        raise RasaChanged(f"Rasa has changed: {type(instance).__name__} has no attribute '{name}', "
                          f"which {where} relies on. Refusing to go on (bot/rasa_patches).")
    return value


def is_installed(function: Any, patch: str) -> bool:
    """Whether `function` is already our wrapper for `patch` (installing is idempotent)."""
    return getattr(function, "_rugwijzer_patch", None) == patch


def mark(function: Any, patch: str) -> Any:
    function._rugwijzer_patch = patch
    return function
