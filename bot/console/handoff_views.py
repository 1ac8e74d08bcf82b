"""The handoff pages: the list with tabs and filters, one handoff, and the confirmation pages."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import urlencode

from markupsafe import Markup

from bot.console.csrf import csrf_field
from bot.console.records import ListFilter
from bot.console.session import ConsoleSession
from bot.console.views import page, render
from bot.console.words import (CHANNEL_LABELS, MAX_REPLY_CHARS, STATUS_LABELS, channel_label, local_time,
                               message_body, parse_iso, reply_author, snippet, speaker, waited)
from bot.handoff.status import ACTIVE, HandoffStatus
from bot.handoff.urgency import LEVEL_LABELS, URGENCY_ORDER, contact_method_label, level_label, red_flag_labels

TAB_LABELS = {"open": "Open", "mine": "Van mij", "closed": "Afgerond"}
NOTICES = {
    "claimed": "Je hebt dit gesprek op je genomen. De assistent zegt nu niets meer in dit gesprek.",
    "replied": "Je bericht is verstuurd.",
    "called": "Genoteerd dat je de patiënt hebt gebeld.",
    "closed": "Het gesprek is afgerond. De assistent praat weer met de patiënt.",
    "deleted": "Het gesprek is verwijderd.",
    "taken": "Iemand anders heeft dit gesprek al op zich genomen.",
    "not_yours": "Neem het gesprek eerst op je voordat je antwoordt.",
    "empty": f"Je bericht is leeg of te lang (hoogstens {MAX_REPLY_CHARS} tekens).",
    "rasa_down": "De chat is nu niet bereikbaar. Er is niets veranderd. Probeer het zo opnieuw.",
    "not_active": "Dit gesprek is al afgerond.",
    "still_active": "Rond het gesprek eerst af. Daarna kun je het verwijderen.",
}


def _options(current: str, choices: Dict[str, str], empty: str) -> Markup:
    items = [Markup('<option value="">{}</option>').format(empty)]
    items += [Markup('<option value="{}"{}>{}</option>').format(value, Markup(" selected") if value == current else "",
                                                               label) for value, label in choices.items()]
    return Markup("").join(items)


def _filters(wanted: ListFilter) -> Markup:
    levels = {level: LEVEL_LABELS[level] for level in URGENCY_ORDER}
    return Markup(
        '<form class="filters" method="get" action="/console/" role="search" aria-label="Zoeken en filteren">'
        '<input type="hidden" name="tab" value="{tab}">'
        '<label>Zoek<br><input type="search" name="q" value="{words}" maxlength="100"></label>'
        '<label>Urgentie<br><select name="urgentie">{levels}</select></label>'
        '<label>Kanaal<br><select name="kanaal">{channels}</select></label>'
        '<label>Vanaf<br><input type="date" name="vanaf" value="{since}"></label>'
        '<label>Tot en met<br><input type="date" name="tot" value="{until}"></label>'
        '<button type="submit">Filter</button> <a href="/console/?tab={tab}">Wis filters</a></form>'
    ).format(tab=wanted.tab, words=wanted.words, levels=_options(wanted.level, levels, "Alle"),
             channels=_options(wanted.channel, CHANNEL_LABELS, "Alle"),
             since=wanted.since.isoformat() if wanted.since else "",
             until=wanted.until.isoformat() if wanted.until else "")


def _tabs(current: str, counts: Dict[str, int]) -> Markup:
    links = []
    for tab, label in TAB_LABELS.items():
        count = Markup(" ({})").format(counts[tab]) if tab in counts else ""
        links.append(Markup('<li><a href="/console/?tab={}"{}>{}{}</a></li>').format(
            tab, Markup(' aria-current="page"') if tab == current else "", label, count))
    return Markup('<ul class="tabs">{}</ul>').format(Markup("").join(links))


def _row(h: Any, zone: str, now: datetime) -> Markup:
    if h.status == HandoffStatus.CLOSED:
        timing = Markup("{}<br>afgerond {}").format(local_time(h.created_at, zone), local_time(h.closed_at, zone))
    elif h.first_response_at is None:
        timing = Markup("wacht {}<br>sinds {}").format(waited(h.created_at, now), local_time(h.created_at, zone))
    else:
        timing = Markup("beantwoord<br>sinds {}").format(local_time(h.created_at, zone))
    return Markup('<tr><td><a href="/console/handoffs/{id}">Gesprek {id}</a></td><td class="level-{level}">{label}</td>'
                  '<td>{timing}</td><td class="snippet">{snippet}</td><td>{channel}</td><td>{contact}</td>'
                  '<td>{status}</td><td>{therapist}</td></tr>').format(
        id=h.id, level=h.level, label=level_label(h.level), timing=timing, snippet=snippet(h.transcript) or "-",
        channel=channel_label(h.channel), contact=contact_method_label(h.contact_method),
        status=STATUS_LABELS.get(h.status, h.status), therapist=h.claimed_by_name or "-")


def list_page(session: ConsoleSession, handoffs: Sequence[Any], zone: str, wanted: Optional[ListFilter] = None,
              counts: Optional[Dict[str, int]] = None, notice: str = "") -> str:
    wanted = wanted or ListFilter()
    now = datetime.now(timezone.utc)
    if not handoffs:
        empty = {"open": "Er wachten nu geen gesprekken.", "mine": "Je hebt nu geen gesprekken op je genomen.",
                 "closed": "Er zijn geen afgeronde gesprekken die hierbij passen."}
        table = Markup("<p>{}</p>").format(empty.get(wanted.tab, empty["open"]))
    else:
        table = Markup(
            '<table><caption>{}</caption><thead><tr><th scope="col">Gesprek</th><th scope="col">Urgentie</th>'
            '<th scope="col">Wachttijd</th><th scope="col">Laatste bericht patiënt</th><th scope="col">Kanaal</th>'
            '<th scope="col">Contact</th><th scope="col">Status</th><th scope="col">Therapeut</th></tr></thead>'
            '<tbody>{}</tbody></table>').format(
            TAB_LABELS.get(wanted.tab, ""), Markup("").join(_row(h, zone, now) for h in handoffs))
    order = ("Meest urgent bovenaan, daarna wie het langst wacht." if wanted.tab != "closed"
             else "Laatst afgerond bovenaan.")
    query = urlencode({"tab": wanted.tab})
    content = render("list", tabs=_tabs(wanted.tab, counts or {}), filters=_filters(wanted), order=order,
                     table=table)
    return page("Gesprekken", Markup(content), session, notice=NOTICES.get(notice, ""),
                live=f"/console/live?{query}")


def _contact(h: Any) -> Markup:
    label = contact_method_label(h.contact_method)
    if h.contact_value and h.contact_method == "phone":
        return Markup('{}: <a href="tel:{}">{}</a>').format(label, h.contact_value, h.contact_value)
    if h.contact_value and h.contact_method == "email":
        return Markup('{}: <a href="mailto:{}">{}</a>').format(label, h.contact_value, h.contact_value)
    return Markup("{}").format(label)


def _actions(session: ConsoleSession, h: Any) -> Markup:
    form = Markup('<form method="post" action="/console/handoffs/{}/{}">{}{}<button type="submit"{}>{}</button></form>')
    csrf = csrf_field(session)
    parts: List[Markup] = []
    if h.status == HandoffStatus.OPEN:
        parts.append(form.format(h.id, "claim", csrf, "", "", "Neem dit gesprek op je"))
    if h.contact_method == "phone" and h.status != HandoffStatus.CLOSED:
        note = Markup('<label>Notitie bij het telefoongesprek (mag leeg)'
                      '<textarea name="note" maxlength="1000"></textarea></label>')
        parts.append(form.format(h.id, "called", csrf, note, "", "Gebeld"))
    if h.status in ACTIVE:
        parts.append(Markup('<a class="button" href="/console/handoffs/{}/close">Rond af …</a>').format(h.id))
    if h.status == HandoffStatus.CLOSED:
        parts.append(Markup('<a class="button" href="/console/handoffs/{}/delete">Verwijder …</a>').format(h.id))
    return Markup("").join(parts)


def transcript_items(lines: Sequence[Dict[str, Any]], zone: str = "Europe/Amsterdam") -> Markup:
    items = []
    for line in lines:
        moment = parse_iso(line.get("at"))
        kind = "user" if line.get("who") == "user" else (
            "therapist" if reply_author(str(line.get("text") or "")) else "bot")
        when = Markup(' <time datetime="{}">{}</time>').format(line.get("at") or "",
                                                             local_time(moment, zone)) if moment else ""
        items.append(Markup('<li class="{}"><span class="who">{}{}</span>{}</li>').format(
            kind, speaker(line), when, message_body(line)))
    return Markup("").join(items) or Markup("<li>Geen berichten.</li>")


def _facts(h: Any, zone: str) -> Markup:
    flags = red_flag_labels(h.red_flags or [])
    called = Markup("")
    if h.called_at:
        called = Markup("<dt>Gebeld</dt><dd>{}{}</dd>").format(
            local_time(h.called_at, zone), Markup("<br>{}").format(h.call_note) if h.call_note else "")
    return Markup(
        '<dl><dt>Urgentie</dt><dd class="level-{level}">{level_label}</dd><dt>Alarmsignalen</dt><dd>{flags}</dd>'
        '<dt>Contact</dt><dd>{contact}</dd><dt>Kanaal</dt><dd>{channel}</dd><dt>Status</dt><dd>{status}{who}</dd>'
        '<dt>Doorgegeven</dt><dd>{created}</dd>{called}</dl>').format(
        level=h.level, level_label=level_label(h.level), flags=", ".join(flags) or "geen", contact=_contact(h),
        channel=channel_label(h.channel), status=STATUS_LABELS.get(h.status, h.status),
        who=Markup(" ({})").format(h.claimed_by_name) if h.claimed_by_name else "",
        created=local_time(h.created_at, zone), called=called)


def detail_page(session: ConsoleSession, handoff: Any, lines: Sequence[Dict[str, Any]], live: bool,
                zone: str, notice: str = "") -> str:
    h = handoff
    reply = Markup("")
    if h.status == HandoffStatus.CLAIMED and h.claimed_by_id == session.therapist_id:
        reply = Markup('<form method="post" action="/console/handoffs/{}/reply" class="reply">{}'
                       '<label for="reply-text">Je antwoord aan de patiënt</label>'
                       '<textarea id="reply-text" name="message" maxlength="{}" required></textarea>'
                       '<button type="submit">Verstuur</button></form>').format(h.id, csrf_field(session), MAX_REPLY_CHARS)
    elif h.status == HandoffStatus.OPEN:
        reply = Markup("<p>Neem het gesprek op je om te antwoorden.</p>")
    content = render(
        "detail", number=h.id, facts=_facts(h, zone), actions=_actions(session, h),
        transcript=transcript_items(lines, zone), reply=reply,
        transcript_source=("Het gesprek zoals het nu is, het nieuwste bericht onderaan." if live
                           else "Het gesprek zoals het was bij het doorgeven (de chat is nu niet bereikbaar)."),
    )
    return page(f"Gesprek {h.id}", Markup(content), session, notice=NOTICES.get(notice, ""),
                live=f"/console/handoffs/{h.id}/live")


def confirm_page(session: ConsoleSession, handoff: Any, action: str) -> str:
    """Asks before closing or deleting, so one slip of the mouse does neither."""
    if action == "close":
        title, question = f"Gesprek {handoff.id} afronden?", (
            "Na het afronden praat de assistent weer met de patiënt. Je kunt daarna niet meer in dit gesprek "
            "antwoorden. Het gesprek blijft te vinden onder Afgerond.")
        button, style = "Ja, rond af", ""
    else:
        title, question = f"Gesprek {handoff.id} verwijderen?", (
            "Het gesprek en alles wat de console erover bewaart worden gewist. Dat kan niet ongedaan worden. "
            "Het verwijderen wordt vastgelegd in het logboek.")
        button, style = "Ja, verwijder", Markup(' class="danger"')
    content = Markup(
        '<h1>{}</h1><p>{}</p><form method="post" action="/console/handoffs/{}/{}">{}'
        '<input type="hidden" name="confirm" value="ja"><button type="submit"{}>{}</button> '
        '<a href="/console/handoffs/{}">Nee, terug naar het gesprek</a></form>').format(
        title, question, handoff.id, action, csrf_field(session), style, button, handoff.id)
    return page(title, content, session)
