"""The overview page ("Overzicht") and its CSV export: figures without personal data."""
from __future__ import annotations

import asyncio
import csv
import functools
import io
from typing import Any, Callable

from markupsafe import Markup
from sanic import Blueprint, response
from sanic.request import Request

from bot.console.insight import Insight, csv_rows, gather
from bot.console.session import ConsoleSession
from bot.console.svg_bars import bar_chart
from bot.console.views import page
from bot.handoff.urgency import level_label


def _week_label(week: str) -> str:
    return "wk " + week.split("-W")[1]


def overview_page(session: ConsoleSession, insight: Insight) -> str:
    weeks = [_week_label(week) for week in insight.weeks]
    charts = [
        bar_chart("Gesprekken per week", weeks, [insight.conversations.get(w, 0) for w in insight.weeks]),
        bar_chart("Niet begrepen berichten per week (procent)", weeks,
                  [insight.fallback_rate(w) for w in insight.weeks], "%"),
        bar_chart("Doorgegeven aan een therapeut per week", weeks, [insight.handoffs.get(w, 0) for w in insight.weeks]),
        bar_chart("Gemaakte plannen per week", weeks, [insight.plans.get(w, 0) for w in insight.weeks]),
        bar_chart("Gesprekken met een alarmsignaal, naar hoogste niveau", [level_label(l).split(" (")[0]
                                                                           for l in insight.red_flags],
                  list(insight.red_flags.values())),
        bar_chart("Meest gevraagde onderwerpen", [name for name, _ in insight.topics] or ["-"],
                  [count for _, count in insight.topics] or [None]),
    ]
    reply = ("nog geen beantwoorde gesprekken" if insight.median_first_reply_minutes is None
             else f"{insight.median_first_reply_minutes:g} minuten (mediaan over {insight.answered_handoffs})")
    content = Markup(
        "<h1>Overzicht</h1><p>Aantallen van de laatste {} weken, zonder gegevens van personen. Gesprekken worden na "
        "de bewaartermijn gewist, dus oudere weken tellen minder mee.</p>"
        "<dl><dt>Tijd tot het eerste antwoord van een therapeut</dt><dd>{}</dd>"
        "<dt>Actieve herinneringen</dt><dd>{}</dd></dl>"
        '<p><a href="/console/overzicht.csv" download>Download als CSV</a></p>{}').format(
        len(insight.weeks), reply, insight.active_reminders, Markup("").join(charts))
    return page("Overzicht", content, session)


def add_insight_routes(bp: Blueprint, console: Any, therapist_only: Callable) -> None:
    async def _gather() -> Insight:
        return await asyncio.to_thread(functools.partial(gather, tracker_url=console.config.tracker_db_url,
                                                         app_url=console.config.db_url))

    @bp.get("/overzicht")
    @therapist_only
    async def overview(request: Request, session: ConsoleSession):
        await console.audit(request, session.username, "view_overview")
        return response.html(overview_page(session, await _gather()))

    @bp.get("/overzicht.csv")
    @therapist_only
    async def overview_csv(request: Request, session: ConsoleSession):
        await console.audit(request, session.username, "export_overview")
        out = io.StringIO()
        csv.writer(out).writerows(csv_rows(await _gather()))
        return response.text(out.getvalue(), content_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="rugwijzer-overzicht.csv"'})
