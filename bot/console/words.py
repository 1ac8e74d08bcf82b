"""The words and times a therapist reads: who said something, which channel, how long ago.

Patient-facing wording ("patiënt", "website-chat") instead of Rasa's terms ("user",
"socketio"), and times in the practice's zone instead of UTC.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Dict, Optional
from zoneinfo import ZoneInfo

from bot.handoff.status import HandoffStatus

CHANNEL_LABELS = {"socketio": "Website-chat", "telegram": "Telegram", "rest": "REST (koppeling)"}
STATUS_LABELS = {HandoffStatus.OPEN.value: "Wacht op een therapeut", HandoffStatus.CLAIMED.value: "In behandeling",
                 HandoffStatus.CLOSED.value: "Afgerond"}
PATIENT = "Patiënt"
ASSISTANT = "Rugwijzer (assistent)"
SNIPPET_CHARS = 90
SNIPPET_MIN_WORDS = 4
# The longest reply a therapist can send from the console.
MAX_REPLY_CHARS = 2000

# The console writes a therapist's reply with this opening, so the patient knows a person
# wrote it; the console reads it back to name the therapist in the transcript.
_REPLY_OPENING = re.compile(r"^Bericht van (?P<name>[^\n]{1,120}?), therapeut van [^\n]{1,200}?:\n")


def therapist_message(display_name: str, practice_name: str, text: str) -> str:
    return f"Bericht van {display_name}, therapeut van {practice_name}:\n{text}"


def reply_author(text: str) -> Optional[str]:
    """The therapist's name if `text` is a reply sent from the console, else None."""
    match = _REPLY_OPENING.match(text or "")
    return match.group("name") if match else None


def speaker(line: Dict[str, Any]) -> str:
    if line.get("who") == "user":
        return PATIENT
    author = reply_author(str(line.get("text") or ""))
    return f"{author} (therapeut)" if author else ASSISTANT


def message_body(line: Dict[str, Any]) -> str:
    """The text without the reply's opening line, since the label already names the therapist."""
    text = str(line.get("text") or "")
    match = _REPLY_OPENING.match(text) if line.get("who") != "user" else None
    return text[match.end():] if match else text


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel, channel)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def local_time(moment: Optional[datetime], zone: str, fmt: str = "%d-%m-%Y %H:%M") -> str:
    if moment is None:
        return ""
    return _aware(moment).astimezone(ZoneInfo(zone)).strftime(fmt)


def parse_iso(text: Optional[str]) -> Optional[datetime]:
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def waited(since: Optional[datetime], now: Optional[datetime] = None) -> str:
    """"12 min", "3 u 5 min", "2 dagen": how long ago `since` was."""
    if since is None:
        return ""
    seconds = max(0, int(((now or datetime.now(timezone.utc)) - _aware(since)).total_seconds()))
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} u {minutes % 60} min"
    return f"{minutes // (24 * 60)} dagen"


def snippet(transcript: Any) -> str:
    """The first words of the patient's last real message (not a short answer such as "via deze chat")."""
    lines = [" ".join(str(line.get("text") or "").split()) for line in transcript or []
             if isinstance(line, dict) and line.get("who") == "user"]
    if not lines:
        return ""
    text = next((line for line in reversed(lines) if len(line.split()) >= SNIPPET_MIN_WORDS), lines[-1])
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
