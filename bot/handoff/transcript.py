"""The recent conversation as a therapist reads it: who said what, and when.

Works on tracker events as dicts, the shape both rasa-sdk trackers and Rasa's HTTP API
(`GET /conversations/{id}/tracker`) use, so the action and the console share it.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional

MAX_TURNS = 20
MAX_TEXT_CHARS = 2000


def _at(timestamp: Any) -> Optional[str]:
    try:
        moment = datetime.fromtimestamp(float(timestamp), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _button_titles(event: Dict[str, Any]) -> Dict[str, str]:
    buttons = (event.get("data") or {}).get("buttons") or []
    return {str(b.get("payload")): str(b.get("title")) for b in buttons if isinstance(b, dict) and b.get("payload")}


def transcript_from_events(events: Iterable[Dict[str, Any]], max_turns: int = MAX_TURNS) -> List[Dict[str, Any]]:
    """The last `max_turns` user turns (with the bot's replies), oldest first.

    A button press is shown by its title ("Ja, graag"), not by its payload, because
    that is what the user saw. Nothing from before a restart (a delete request) is kept.
    """
    lines: List[Dict[str, Any]] = []
    offered: Dict[str, str] = {}
    for event in events:
        kind = event.get("event")
        if kind == "restart":
            lines, offered = [], {}
        elif kind == "bot":
            offered = _button_titles(event) or offered
            if event.get("text"):
                lines.append({"who": "bot", "text": str(event["text"])[:MAX_TEXT_CHARS],
                              "at": _at(event.get("timestamp"))})
        elif kind == "user" and event.get("text") is not None:
            text = str(event["text"])
            lines.append({"who": "user", "text": offered.get(text.strip(), text)[:MAX_TEXT_CHARS],
                          "at": _at(event.get("timestamp"))})
    user_positions = [index for index, line in enumerate(lines) if line["who"] == "user"]
    if len(user_positions) > max_turns:
        lines = lines[user_positions[-max_turns]:]
    return lines
