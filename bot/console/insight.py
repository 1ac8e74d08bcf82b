"""Figures for the practice's overview, without personal data: only counts per week or per kind.

Conversations, topics and the fallback rate come from the tracker store's events table
(so they reach back as far as retention keeps conversations); handoffs, plans and
reminders from the app tables.
"""
from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from sqlalchemy import text

from bot.db.models import Handoff, Plan, Reminder
from bot.db.session import get_engine, session_scope
from bot.handoff.urgency import URGENCY_ORDER

WEEKS = 8
TOP_TOPICS = 8
FALLBACK_INTENT = "nlu_fallback"
LEVELS = [level for level in URGENCY_ORDER if level != "none"]


@dataclass
class Insight:
    weeks: List[str]  # ISO weeks, oldest first: "2026-W49"
    conversations: Dict[str, int] = field(default_factory=dict)
    messages: Dict[str, int] = field(default_factory=dict)
    fallbacks: Dict[str, int] = field(default_factory=dict)
    handoffs: Dict[str, int] = field(default_factory=dict)
    plans: Dict[str, int] = field(default_factory=dict)
    topics: List[Tuple[str, int]] = field(default_factory=list)
    red_flags: Dict[str, int] = field(default_factory=dict)  # conversations per highest level
    median_first_reply_minutes: Optional[float] = None
    answered_handoffs: int = 0
    active_reminders: int = 0

    def fallback_rate(self, week: str) -> Optional[float]:
        total = self.messages.get(week, 0)
        return round(100 * self.fallbacks.get(week, 0) / total, 1) if total else None


def iso_week(moment: dt.datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def _weeks(now: dt.datetime) -> List[str]:
    return [iso_week(now - dt.timedelta(weeks=back)) for back in range(WEEKS - 1, -1, -1)]


def _tracker_figures(insight: Insight, tracker_url: str, since: dt.datetime) -> None:
    if not tracker_url:
        return
    engine = get_engine(tracker_url)
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "events"):
            return
        users = connection.execute(text(
            "SELECT sender_id, timestamp, intent_name FROM events WHERE type_name = 'user' AND timestamp >= :since"),
            {"since": since.timestamp()}).all()
        levels = connection.execute(text(
            "SELECT sender_id, data FROM events WHERE type_name = 'slot' AND timestamp >= :since "
            "AND data LIKE '%triage_level%'"), {"since": since.timestamp()}).all()
    senders: Dict[str, set] = defaultdict(set)
    topics: Counter = Counter()
    for sender, stamp, intent in users:
        week = iso_week(dt.datetime.fromtimestamp(stamp, dt.timezone.utc))
        senders[week].add(sender)
        insight.messages[week] = insight.messages.get(week, 0) + 1
        if intent == FALLBACK_INTENT:
            insight.fallbacks[week] = insight.fallbacks.get(week, 0) + 1
        elif intent:
            topics[intent] += 1
    insight.conversations = {week: len(ids) for week, ids in senders.items()}
    insight.topics = topics.most_common(TOP_TOPICS)
    highest: Dict[str, int] = {}
    for sender, data in levels:
        try:
            event = json.loads(data)
        except (TypeError, ValueError):
            continue
        if event.get("name") == "triage_level" and event.get("value") in LEVELS:
            rank = LEVELS.index(event["value"])
            highest[sender] = min(rank, highest.get(sender, rank))
    counted = Counter(LEVELS[rank] for rank in highest.values())
    insight.red_flags = {level: counted.get(level, 0) for level in LEVELS}


def _app_figures(insight: Insight, app_url: str, since: dt.datetime) -> None:
    naive_since = since.replace(tzinfo=None)
    with session_scope(app_url) as session:
        handoffs = session.query(Handoff.created_at, Handoff.first_response_at).filter(
            Handoff.created_at >= naive_since).all()
        plans = session.query(Plan.created_at).filter(Plan.created_at >= naive_since).all()
        insight.active_reminders = session.query(Reminder).filter(Reminder.active.is_(True)).count()
    waits = []
    for created, first in handoffs:
        week = iso_week(created)
        insight.handoffs[week] = insight.handoffs.get(week, 0) + 1
        if first is not None:
            waits.append((first - created).total_seconds() / 60)
    for (created,) in plans:
        week = iso_week(created)
        insight.plans[week] = insight.plans.get(week, 0) + 1
    insight.answered_handoffs = len(waits)
    insight.median_first_reply_minutes = round(statistics.median(waits), 1) if waits else None


def gather(*, tracker_url: str, app_url: str, now: Optional[dt.datetime] = None) -> Insight:
    """The figures of the last WEEKS weeks."""
    now = now or dt.datetime.now(dt.timezone.utc)
    weeks = _weeks(now)
    monday = now - dt.timedelta(weeks=WEEKS - 1, days=now.weekday())
    since = monday.replace(hour=0, minute=0, second=0, microsecond=0)
    insight = Insight(weeks)
    _tracker_figures(insight, tracker_url, since)
    _app_figures(insight, app_url, since)
    return insight


def csv_rows(insight: Insight) -> List[List[str]]:
    """The same figures as rows of (figure, period, value), for a spreadsheet."""
    rows = [["figure", "period", "value"]]
    for week in insight.weeks:
        rate = insight.fallback_rate(week)
        rows += [["conversations", week, str(insight.conversations.get(week, 0))],
                 ["messages", week, str(insight.messages.get(week, 0))],
                 ["fallback_rate_percent", week, "" if rate is None else str(rate)],
                 ["handoffs", week, str(insight.handoffs.get(week, 0))],
                 ["plans", week, str(insight.plans.get(week, 0))]]
    rows += [["topic:" + name, "period", str(count)] for name, count in insight.topics]
    rows += [["red_flag_conversations:" + level, "period", str(count)] for level, count in insight.red_flags.items()]
    rows += [["median_minutes_to_first_reply", "period",
              "" if insight.median_first_reply_minutes is None else str(insight.median_first_reply_minutes)],
             ["active_reminders", "now", str(insight.active_reminders)]]
    return rows
