"""Routes of the "Niet begrepen" inbox under /console/niet-begrepen; audited like every console action."""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable

from sanic import Blueprint, response
from sanic.request import Request

from bot.console.inbox_views import BASE, decided_page, inbox_page
from bot.console.session import ConsoleSession
from bot.learning import inbox
from bot.learning.store import Decision
from bot.learning.topics import assignable_topics


def add_inbox_routes(bp: Blueprint, console: Any, therapist_only: Callable, threshold: float) -> None:
    """`threshold`: intent confidence below which an answered message is filed."""
    topics = assignable_topics()
    known = {name for name, _ in topics}
    db_url, zone = console.config.db_url, console.config.timezone

    def _run(function: Callable, **kwargs: Any) -> Any:
        return asyncio.to_thread(functools.partial(function, url=db_url, **kwargs))

    @bp.get("/niet-begrepen")
    @therapist_only
    async def inbox_list(request: Request, session: ConsoleSession):
        if console.config.tracker_db_url:
            # New misses are read when someone looks: no background job, nothing to keep running.
            await _run(inbox.scan_tracker, tracker_url=console.config.tracker_db_url, threshold=threshold)
        items = await _run(inbox.pending)
        await console.audit(request, session.username, "view_inbox")
        return response.html(inbox_page(session, items, topics, zone, request.args.get("m", "")))

    @bp.get("/niet-begrepen/toegewezen")
    @therapist_only
    async def inbox_decided(request: Request, session: ConsoleSession):
        items = await _run(inbox.decided)
        await console.audit(request, session.username, "view_inbox_decided")
        return response.html(decided_page(session, items, zone, request.args.get("m", "")))

    @bp.post("/niet-begrepen/<item_id:int>")
    @therapist_only
    async def inbox_decide(request: Request, session: ConsoleSession, item_id: int):
        try:
            decision = Decision(request.form.get("decision", ""))
        except ValueError:
            return response.redirect(BASE, status=303)
        topic = request.form.get("topic", "") if decision is Decision.ASSIGNED else None
        if decision is Decision.ASSIGNED and topic not in known:
            return response.redirect(f"{BASE}?m=topic#item-{item_id}", status=303)
        done = await _run(inbox.decide, item_id=item_id, decision=decision, topic=topic, actor=session.username or "-")
        if not done:
            return response.redirect(f"{BASE}?m=final", status=303)
        await console.audit(request, session.username, f"inbox_{decision.value}",
                            f"inbox:{item_id}" + (f" topic:{topic}" if topic else ""))
        return response.redirect(f"{BASE}?m={decision.value}", status=303)

    @bp.post("/niet-begrepen/<item_id:int>/terug")
    @therapist_only
    async def inbox_undo(request: Request, session: ConsoleSession, item_id: int):
        done = await _run(inbox.undo, item_id=item_id, actor=session.username or "-")
        if done:
            await console.audit(request, session.username, "inbox_undo", f"inbox:{item_id}")
        return response.redirect(f"{BASE}/toegewezen?m={'undone' if done else 'final'}", status=303)
