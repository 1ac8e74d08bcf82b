"""Clock times as people say them: "22:30", "half elf", "kwart voor tien", "om 10 uur 's avonds"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from bot.dutch_text import normalise
from bot.plan.number_words import word_to_number

_PERIODS = (
    ("night", r"'?s\s*nachts|\bnacht\b|vannacht|middernacht"),
    ("evening", r"'?s\s*avonds|\bavond\b|vanavond|\bavonds\b"),
    ("afternoon", r"'?s\s*middags|\bmiddag\b|vanmiddag|\bmiddags\b"),
    ("morning", r"'?s\s*(ochtends|morgens)|\bochtend\b|vanochtend|\bmorgens\b|\bochtends\b"),
)
_H = r"(\d{1,2})"
# Most specific first: a later pattern never claims text an earlier one matched.
_PATTERNS: Tuple[Tuple[str, str], ...] = (
    ("hm", _H + r"\s*[:.hu]\s*(\d{2})\b"),
    ("n_half", r"(\d{1,2})\s+(over|voor)\s+half\s+" + _H + r"\b"),
    ("kwart", r"kwart\s+(over|voor)\s+" + _H + r"\b"),
    ("n_hour", r"(\d{1,2})\s+(over|voor)\s+" + _H + r"\b"),
    ("half", r"\bhalf\s+" + _H + r"\b(?!\s*(uur|min))"),
    ("hour", _H + r"\s*(uur|u|h)\b"),
    ("om", r"\bom\s+" + _H + r"\b"),
    ("midnight", r"\bmiddernacht\b"),
)


@dataclass(frozen=True)
class ClockTime:
    """A time as said: `hour` may still be 12-hour ("half elf" is 10:30) until resolved."""

    hour: int
    minute: int
    period: Optional[str] = None


def _digits(text: str) -> str:
    """Number words become digits; "een" only where it is clearly a time ("om een uur")."""
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        core = word.strip(",.!?")
        value = word_to_number(core) if core != "een" else None
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        if core == "een" and (after.startswith("uur") or before in ("om", "half", "over", "voor")):
            value = 1
        out.append(word.replace(core, str(value)) if value is not None and value < 60 else word)
    return " ".join(out)


def _from_match(kind: str, match: "re.Match[str]") -> ClockTime:
    g = match.groups()
    if kind == "hm":
        return ClockTime(int(g[0]), int(g[1]))
    if kind == "n_half":
        minutes, direction, hour = int(g[0]), g[1], int(g[2])
        return ClockTime(hour - 1, 30 + minutes if direction == "over" else 30 - minutes)
    if kind == "kwart":
        hour = int(g[1])
        return ClockTime(hour, 15) if g[0] == "over" else ClockTime(hour - 1, 45)
    if kind == "n_hour":
        minutes, direction, hour = int(g[0]), g[1], int(g[2])
        return ClockTime(hour, minutes) if direction == "over" else ClockTime(hour - 1, 60 - minutes)
    if kind == "half":
        return ClockTime(int(g[0]) - 1, 30)
    if kind == "midnight":
        return ClockTime(0, 0, "night")
    return ClockTime(int(g[0]), 0)


def _period(segment: str) -> Optional[str]:
    for name, pattern in _PERIODS:
        if re.search(pattern, segment):
            return name
    return None


def find_times(text: str) -> List[ClockTime]:
    """Every clock time in `text`, in order, each with the period said after it (if any)."""
    clean = _digits(normalise(text))
    found: List[Tuple[int, int, ClockTime]] = []
    for kind, pattern in _PATTERNS:
        for match in re.finditer(pattern, clean):
            if any(start < match.end() and match.start() < end for start, end, _ in found):
                continue
            found.append((match.start(), match.end(), _from_match(kind, match)))
    if not found and re.fullmatch(r"\d{1,2}", clean.strip(" .!")):
        found.append((0, len(clean), ClockTime(int(clean.strip(" .!")), 0)))
    found.sort(key=lambda item: item[0])
    times = []
    for index, (start, end, time) in enumerate(found):
        following = found[index + 1][0] if index + 1 < len(found) else len(clean)
        period = time.period or _period(clean[end:following]) or _period(clean[:start])
        times.append(ClockTime(time.hour % 24 if time.hour == 24 else time.hour, time.minute, period))
    return times


def resolve(time: ClockTime, prefer: str = "day") -> Optional[str]:
    """"HH:MM" on a 24-hour clock, or None if no such time exists.

    Without a period, `prefer="evening"` (bedtime) reads 5-11 as evening and 12 as
    midnight; `prefer="day"` (reminders) reads 1-6 as afternoon.
    """
    hour, minute = time.hour, time.minute
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    if time.period in ("evening", "afternoon") and 1 <= hour < 12:
        hour += 12
    elif time.period == "night":
        hour = 0 if hour == 12 else hour + 12 if 6 <= hour <= 11 else hour
    elif time.period == "morning":
        pass  # said explicitly: keep the hour as given
    elif prefer == "evening":
        hour = 0 if hour == 12 else hour + 12 if 5 <= hour <= 11 else hour
    elif prefer == "day" and 1 <= hour <= 6:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def parse_time(text: str, prefer: str = "day") -> Tuple[Optional[str], bool]:
    """(first time in `text` as "HH:MM", whether a time was said at all)."""
    times = find_times(text)
    if not times:
        return None, False
    return resolve(times[0], prefer), True
