"""The beheerder's content editor under /console/inhoud: practice details and answer texts.

Only a beheerder sees it. A change is checked (bot/content/rules.py), stored as a version
with who and when, written to the audit log, and read by every running instance within
a few seconds (bot/content/live.py). A refused or clashing edit comes back with the typed
text still in the box.
"""
from __future__ import annotations

import asyncio
import functools
from dataclasses import replace
from typing import Any, Callable, Dict, List, Optional, Tuple

from sanic import Blueprint, response
from sanic.request import Request

from bot.console.account_routes import beheerder_only
from bot.console.content_views import (NOTICES, EditorState, ItemState, item_url, not_editable_page, overview_page,
                                       practice_editor, response_editor)
from bot.console.session import ConsoleSession
from bot.content.answers import answer_values, practice_country, preview, responses_with
from bot.content.catalogue import PRACTICE_FIELDS, PracticeField, Response, domain_responses, editable, placeholders
from bot.content.config import ContentConfig
from bot.content.live import ContentSnapshot, live_content
from bot.content.rules import ContentRefused, check_practice, check_response, emergency_terms
from bot.content.versions import StaleEdit, changed_items, current_version_id, history, save, version
from bot.practice.details import FIELDS, practice_texts

FIELDS_BY_KEY = {field.key: field for field in PRACTICE_FIELDS}
KIND_OF_SEGMENT = {"praktijk": "practice", "antwoord": "response"}
# Answers a practice detail shows up in, for its preview.
_PREVIEW_OF = {"booking_link": ("utter_practice_appointment",)}
_COUNTRY_PREVIEW = ("utter_triage_crisis", "utter_triage_urgent_after_hours")


class ContentEditor:
    """Reads defaults and overrides and builds what the pages show; the database calls run in threads."""

    def __init__(self, config: ContentConfig, zone: str) -> None:
        self.config, self.zone = config, zone
        self.live = live_content(config.db_url)

    def snapshot(self) -> ContentSnapshot:
        return self.live.snapshot()

    def responses(self) -> Dict[str, Response]:
        return {name: item for name, item in domain_responses(self.config.domain_dir).items() if editable(item)}

    def practice_value(self, key: str, snapshot: ContentSnapshot) -> str:
        if key == "country":
            return practice_country(self.config, snapshot)
        return snapshot.practice.get(key, self.practice_default(key))

    def practice_default(self, key: str) -> str:
        if key == "country":
            return self.config.default_country
        return practice_texts(self.config.practice_file).get(key, "").strip()

    def response_texts(self, item: Response, snapshot: ContentSnapshot) -> Tuple[str, ...]:
        edited = snapshot.responses.get(item.name)
        return tuple(edited) if edited and len(edited) == len(item.variants) else tuple(t.strip() for t in item.texts)

    def shared_placeholders(self) -> List[str]:
        return sorted(answer_values(self.config, ContentSnapshot()))

    def overview(self) -> Tuple[list, list]:
        snapshot, changed = self.snapshot(), changed_items(self.config.db_url)
        fields = [(field, self.practice_value(field.key, snapshot), ItemState(*changed.get(("practice", field.key),
                                                                                            (None, None))))
                  for field in PRACTICE_FIELDS]
        answers = [(item, self.response_texts(item, snapshot)[0], ItemState(*changed.get(("response", name),
                                                                                          (None, None))))
                   for name, item in self.responses().items()]
        return fields, answers

    def practice_previews(self, key: str, snapshot: ContentSnapshot) -> List[Tuple[str, str]]:
        values = answer_values(self.config, snapshot)
        all_responses = responses_with({name: list(item.variants) for name, item in
                                        domain_responses(self.config.domain_dir).items()}, snapshot)
        if key == "country":
            suffix = "_be" if practice_country(self.config, snapshot) == "BE" else ""
            names = tuple(name + suffix for name in _COUNTRY_PREVIEW)
        else:
            wanted = "{" + FIELDS[key] + "}"
            names = _PREVIEW_OF.get(key) or tuple(name for name, variants in all_responses.items()
                                                  if any(wanted in str(v.get("text")) for v in variants))
        shown = [preview(str(all_responses[name][0]["text"]), values) for name in names if name in all_responses]
        return [(f"In het antwoord dat begint met: {text.splitlines()[0][:60]}", text) for text in shown]

    def practice_state(self, field: PracticeField, snapshot: ContentSnapshot, proposed: Optional[str],
                       **messages: str) -> EditorState:
        key, db_url = field.key, self.config.db_url
        shown = snapshot if proposed is None else replace(snapshot, practice={**snapshot.practice, key: proposed})
        return EditorState(current_version_id(kind="practice", key=key, db_url=db_url), key in snapshot.practice,
                           self.practice_default(key), history(kind="practice", key=key, db_url=db_url),
                           self.practice_previews(key, shown), **messages)

    def response_state(self, item: Response, snapshot: ContentSnapshot, texts: Tuple[str, ...],
                       **messages: str) -> EditorState:
        db_url, values = self.config.db_url, answer_values(self.config, snapshot)
        previews = [(f"Tekst {n}" if len(texts) > 1 else "Tekst", preview(text, values))
                    for n, text in enumerate(texts, start=1)]
        default = "\n\n".join(t.strip() for t in item.texts)
        return EditorState(current_version_id(kind="response", key=item.name, db_url=db_url),
                           item.name in snapshot.responses, default,
                           history(kind="response", key=item.name, db_url=db_url), previews, **messages)

    def practice_placeholders(self) -> Dict[str, str]:
        return dict(self.config.links)

    def check(self, kind: str, key: str, value: Any) -> Any:
        if kind == "practice":
            return check_practice(key, str(value or ""), self.practice_placeholders())
        return check_response(self.responses()[key], list(value or ()), self.shared_placeholders())


def _seen(request: Request) -> Optional[int]:
    try:
        return int(request.form.get("seen", ""))
    except ValueError:
        return None


def add_content_routes(bp: Blueprint, console: Any, therapist_only: Callable, config: ContentConfig) -> None:
    guard = beheerder_only(therapist_only)
    editor = ContentEditor(config, console.config.timezone)

    async def run(function: Callable, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(functools.partial(function, *args, **kwargs))

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

    async def response_page(session: ConsoleSession, item: Response, texts: Optional[Tuple[str, ...]] = None,
                            status: int = 200, seen: Optional[int] = None, **messages: str):
        snapshot = await run(editor.snapshot)
        texts = texts if texts is not None else editor.response_texts(item, snapshot)
        state = await run(editor.response_state, item, snapshot, texts, **messages)
        state = state if seen is None else replace(state, seen=seen)
        usable = sorted(set(editor.shared_placeholders()) | {n for t in item.texts for n in placeholders(t)})
        terms = emergency_terms("\n".join(item.texts))
        return response.html(response_editor(session, item, texts, state, editor.zone, usable, terms), status=status)

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
            saved = await run(save, kind=kind, key=key, value=value, actor=session.username,
                              db_url=config.db_url, seen_version=_seen(request))
        except StaleEdit:
            return await show(value, 409, error="Iemand anders heeft dit net gewijzigd. Je tekst staat hieronder nog. "
                                                "Kijk bij Eerdere versies wat er veranderd is en sla daarna opnieuw op.")
        if saved is None:
            return response.redirect(f"{item_url(kind, key)}?m=same", status=303)
        await console.audit(request, session.username, "content_changed", f"{kind}:{key}:v{saved.id}")
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
        typed = tuple(request.form.getlist("text") or [])
        return await submit(request, session, "response", name, typed,
                            lambda value, status, **m: response_page(
                                session, item, tuple(value) if len(value) == len(item.variants) else None,
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
                value = editor.check(kind, key, value)
            except ContentRefused as refused:
                show = (functools.partial(practice_page, session, FIELDS_BY_KEY[key]) if kind == "practice" else
                        functools.partial(response_page, session, editor.responses()[key]))
                return await show(status=422, error=f"Deze versie kan niet terug: {refused}")
        saved = await run(save, kind=kind, key=key, value=value, actor=session.username, db_url=config.db_url,
                          restored_from=restored_from)
        if saved is not None:
            action = "content_reverted" if version_id is not None else "content_default"
            await console.audit(request, session.username, action, f"{kind}:{key}:v{saved.id}")
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

