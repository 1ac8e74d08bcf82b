"""The beheerder's content editor under /console/inhoud: practice details and answer texts.

Only a beheerder sees it. An answer's texts can be reworded, taken out (never the last
one) and added to, all in one form. A change is checked (bot/content/rules.py), stored as a version
with who and when, written to the audit log, and read by every running instance within
a few seconds (bot/content/live.py). A refused or clashing edit comes back with the typed
text still in the box.
"""
from __future__ import annotations

import asyncio
import functools
from dataclasses import replace
from typing import Any, Callable, Optional, Sequence

from sanic import Blueprint, response
from sanic.request import Request

from bot.console.account_routes import beheerder_only
from bot.console.content_editor import ContentEditor, change_note, typed_variants, variant_rows
from bot.console.content_views import NOTICES, item_url, not_editable_page, overview_page, practice_editor, \
    response_editor
from bot.console.session import ConsoleSession
from bot.content.catalogue import PRACTICE_FIELDS, PracticeField, Response, placeholders
from bot.content.config import ContentConfig
from bot.content.rules import ContentRefused, emergency_terms
from bot.content.variants import EditedAnswer, EditedVariant
from bot.content.versions import StaleEdit, save, version

FIELDS_BY_KEY = {field.key: field for field in PRACTICE_FIELDS}
KIND_OF_SEGMENT = {"praktijk": "practice", "antwoord": "response"}
NOT_THIS_FORM = "Het formulier past niet meer bij dit antwoord. Laad de pagina opnieuw."


def _seen(request: Request) -> Optional[int]:
    try:
        return int(request.form.get("seen", ""))
    except ValueError:
        return None


def _stored(value: Any) -> Any:
    return value.stored() if isinstance(value, EditedAnswer) else value


def add_content_routes(bp: Blueprint, console: Any, therapist_only: Callable, config: ContentConfig) -> None:
    guard = beheerder_only(therapist_only)
    editor = ContentEditor(config, console.config.timezone)

    async def run(function: Callable, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(functools.partial(function, *args, **kwargs))

    def _note(kind: str, key: str, saved) -> str:
        return change_note(editor.responses()[key], saved) if kind == "response" else ""

    def field_or_none(key: str) -> Optional[PracticeField]:
        return FIELDS_BY_KEY.get(key)

    async def practice_page(session: ConsoleSession, field: PracticeField, value: Optional[str] = None,
                            status: int = 200, seen: Optional[int] = None, **messages: str):
        snapshot = await run(editor.snapshot)
        state = await run(editor.practice_state, field, snapshot, value, **messages)
        # A preview or refusal keeps the version the editor started from, so a clash is still noticed.
        state = state if seen is None else replace(state, seen=seen)
        shown = editor.practice_value(field.key, snapshot) if value is None else value
        return response.html(practice_editor(session, field, shown, state, editor.zone,
                                             editor.practice_placeholders()), status=status)

    async def response_page(session: ConsoleSession, item: Response,
                            variants: Optional[Sequence[EditedVariant]] = None, status: int = 200,
                            seen: Optional[int] = None, **messages: str):
        snapshot = await run(editor.snapshot)
        if variants is None or any(v.source is not None and not 0 <= v.source < len(item.variants) for v in variants):
            variants = editor.current_variants(item, snapshot)
        variants = editor.shown(item, variants)
        state = await run(editor.response_state, item, snapshot, variants, **messages)
        state = state if seen is None else replace(state, seen=seen)
        usable = sorted(set(editor.shared_placeholders()) | {n for t in item.texts for n in placeholders(t)})
        terms = emergency_terms("\n".join(item.texts))
        return response.html(response_editor(session, item, variant_rows(item, variants), state, editor.zone, usable,
                                             terms), status=status)

    @bp.get("/inhoud")
    @guard
    async def overview(request: Request, session: ConsoleSession):
        await console.audit(request, session.username, "view_content")
        fields, answers = await run(editor.overview)
        return response.html(overview_page(session, fields, answers, editor.zone))

    @bp.get("/inhoud/praktijk/<key:str>")
    @guard
    async def practice_form(request: Request, session: ConsoleSession, key: str):
        field = field_or_none(key)
        if field is None:
            return response.html(not_editable_page(session, key), status=404)
        return await practice_page(session, field, notice=NOTICES.get(request.args.get("m", ""), ""))

    @bp.get("/inhoud/antwoord/<name:str>")
    @guard
    async def response_form(request: Request, session: ConsoleSession, name: str):
        item = editor.responses().get(name)
        if item is None:
            return response.html(not_editable_page(session, name), status=404)
        return await response_page(session, item, notice=NOTICES.get(request.args.get("m", ""), ""))

    async def submit(request: Request, session: ConsoleSession, kind: str, key: str, typed: Any, show):
        """Preview or save what was typed; a refusal or clash shows the page again with the text kept."""
        try:
            value = editor.check(kind, key, typed)
        except ContentRefused as refused:
            await console.audit(request, session.username, "content_refused", f"{kind}:{key}")
            return await show(typed, 422, seen=_seen(request), error=str(refused))
        if request.form.get("action") != "save":
            return await show(value, 200, seen=_seen(request))
        try:
            saved = await run(save, kind=kind, key=key, value=_stored(value), actor=session.username,
                              db_url=config.db_url, seen_version=_seen(request))
        except StaleEdit:
            return await show(value, 409, error="Iemand anders heeft dit net gewijzigd. Je tekst staat hieronder nog. "
                                                "Kijk bij Eerdere versies wat er veranderd is en sla daarna opnieuw op.")
        if saved is None:
            return response.redirect(f"{item_url(kind, key)}?m=same", status=303)
        await console.audit(request, session.username, "content_changed",
                            f"{kind}:{key}:v{saved.id}{_note(kind, key, saved)}")
        await run(editor.live.refresh)
        return response.redirect(f"{item_url(kind, key)}?m=saved", status=303)

    @bp.post("/inhoud/praktijk/<key:str>")
    @guard
    async def practice_submit(request: Request, session: ConsoleSession, key: str):
        field = field_or_none(key)
        if field is None:
            return response.html(not_editable_page(session, key), status=404)
        typed = request.form.get("value", "")
        return await submit(request, session, "practice", key, typed,
                            lambda value, status, **m: practice_page(session, field, value, status, **m))

    @bp.post("/inhoud/antwoord/<name:str>")
    @guard
    async def response_submit(request: Request, session: ConsoleSession, name: str):
        item = editor.responses().get(name)
        if item is None:
            return response.html(not_editable_page(session, name), status=404)
        typed = typed_variants(request.form, len(item.variants))
        if typed is None:
            await console.audit(request, session.username, "content_refused", f"response:{name}")
            return await response_page(session, item, None, 422, error=NOT_THIS_FORM)
        return await submit(request, session, "response", name, typed,
                            lambda value, status, **m: response_page(
                                session, item, value.variants if isinstance(value, EditedAnswer) else value,
                                status, **m))

    async def restore(request: Request, session: ConsoleSession, segment: str, key: str,
                      version_id: Optional[int]):
        kind = KIND_OF_SEGMENT.get(segment)
        known = kind == "practice" and key in FIELDS_BY_KEY or kind == "response" and key in editor.responses()
        if not known:
            return response.html(not_editable_page(session, key), status=404)
        value, restored_from = None, None
        if version_id is not None:
            chosen = await run(version, version_id=version_id, db_url=config.db_url)
            if chosen is None or (chosen.kind, chosen.key) != (kind, key):
                return response.redirect(item_url(kind, key), status=303)
            value, restored_from = chosen.new_value, chosen.id
        if value is not None:
            try:
                # The defaults may have changed since that version was saved (a new emergency number).
                value = editor.check_version(kind, key, value)
            except ContentRefused as refused:
                show = (functools.partial(practice_page, session, FIELDS_BY_KEY[key]) if kind == "practice" else
                        functools.partial(response_page, session, editor.responses()[key]))
                return await show(status=422, error=f"Deze versie kan niet terug: {refused}")
        saved = await run(save, kind=kind, key=key, value=_stored(value), actor=session.username,
                          db_url=config.db_url, restored_from=restored_from)
        if saved is not None:
            action = "content_reverted" if version_id is not None else "content_default"
            await console.audit(request, session.username, action,
                                f"{kind}:{key}:v{saved.id}{_note(kind, key, saved)}")
            await run(editor.live.refresh)
        notice = "same" if saved is None else ("reverted" if version_id is not None else "default")
        return response.redirect(f"{item_url(kind, key)}?m={notice}", status=303)

    @bp.post("/inhoud/<segment:str>/<key:str>/terug/<version_id:int>")
    @guard
    async def revert(request: Request, session: ConsoleSession, segment: str, key: str, version_id: int):
        return await restore(request, session, segment, key, version_id)

    @bp.post("/inhoud/<segment:str>/<key:str>/standaard")
    @guard
    async def to_default(request: Request, session: ConsoleSession, segment: str, key: str):
        return await restore(request, session, segment, key, None)

