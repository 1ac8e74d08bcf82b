"""The quiet environment is defined once (bot.settings.QUIET_ENV); shell copies agree with it."""
from __future__ import annotations

import re

import pytest

from bot.settings import PROJECT_ROOT, QUIET_ENV

# Files that cannot import Python and so repeat the values, with how they assign one.
COPIES = {
    "Makefile": r"^export\s+{name}\s*:=\s*(\S+)",
    "Dockerfile": r"^\s*{name}=(\S+)",
    "scripts/cluster.sh": r"\b{name}=(\S+)",
}


@pytest.mark.parametrize("path", sorted(COPIES))
def test_every_copy_keeps_telemetry_off_with_the_same_values(path):
    text = (PROJECT_ROOT / path).read_text(encoding="utf-8")
    found = {}
    for name, value in QUIET_ENV.items():
        match = re.search(COPIES[path].format(name=name), text, re.MULTILINE)
        if match:
            found[name] = match.group(1).rstrip("\\").strip()
            assert found[name] == value, (path, name, found[name])
    assert found.get("RASA_TELEMETRY_ENABLED") == "false", f"{path} must switch Rasa's telemetry off"
    assert "SQLALCHEMY_SILENCE_UBER_WARNING" in found, path


def test_children_started_by_python_get_the_quiet_environment():
    from bot.run import Stack

    stack = Stack(env={"RASA_TELEMETRY_ENABLED": "true"})
    assert all(stack.env[name] == value for name, value in QUIET_ENV.items())
