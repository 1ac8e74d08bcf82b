"""The console's HTML: string templates filled with escaped values only.

Every value goes through markupsafe.escape unless it is Markup built here from escaped
parts, so a user's "<script>" in a transcript is shown as text, never run.
"""
from __future__ import annotations

import functools
from datetime import datetime, timezone
from pathlib import Path
from string import Template
from typing import Any, Dict, List, Optional, Sequence
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from bot.console.csrf import csrf_field
from bot.console.session import ConsoleSession
from bot.handoff.urgency import contact_method_label, level_label, red_flag_labels

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_LABELS = {"open": "Open", "claimed": "In behandeling", "closed": "Afgerond"}
NOTICES = {
    "claimed": "Je hebt dit gesprek op je genomen. De assistent zegt nu niets meer in dit gesprek.",
    "replied": "Je bericht is verstuurd.",
    "closed": "Het gesprek is afgerond. De assistent praat weer met de gebruiker.",
    "taken": "Iemand anders heeft dit gesprek al op zich genomen.",
    "not_yours": "Neem het gesprek eerst op je voordat je antwoordt.",
    "empty": "Je bericht is leeg of te lang (hoogstens 2000 tekens).",
    "rasa_down": "De chat is nu niet bereikbaar. Er is niets veranderd. Probeer het zo opnieuw.",
    "not_active": "Dit gesprek is al afgerond.",
}


@functools.lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))


def render(name: str, **values: Any) -> str:
    """Fills template `name`; plain values are escaped, Markup is trusted as built here."""
    return _template(name).substitute({key: escape(value) for key, value in values.items()})


def page(title: str, content: Markup, session: Optional[ConsoleSession] = None, notice: str = "",
         error: str = "") -> str:
    account = Markup("")
    if session and session.logged_in:
        account = Markup('<form method="post" action="/console/logout">{} {} '
                         '<button type="submit">Uitloggen</button></form>').format(session.display_name,
                                                                                  csrf_field(session))
    message = Markup("")
    if notice:
        message = Markup('<p class="notice" role="status">{}</p>').format(notice)
    elif error:
        message = Markup('<p class="error" role="alert">{}</p>').format(error)
    return render("base", title=title, account=account, notice=message, content=content)


def local_time(moment: Optional[datetime], zone: str) -> str:
    if moment is None:
        return ""
    aware = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
    return aware.astimezone(ZoneInfo(zone)).strftime("%d-%m-%Y %H:%M")


def login_page(session: ConsoleSession, error: str = "") -> str:
    return page("Inloggen", Markup(render("login", csrf=csrf_field(session))), error=error)


def list_page(session: ConsoleSession, handoffs: Sequence[Any], zone: str) -> str:
    if not handoffs:
        table = Markup("<p>Er wachten nu geen gesprekken.</p>")
    else:
        rows = [Markup('<tr><td class="level-{}">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
                       '<td><a href="/console/handoffs/{}">Bekijk</a></td></tr>').format(
            h.level, level_label(h.level), local_time(h.created_at, zone), contact_method_label(h.contact_method),
            STATUS_LABELS.get(h.status, h.status),
            h.claimed_by_name or "", h.id) for h in handoffs]
        table = Markup("<table><tr><th>Urgentie</th><th>Doorgegeven</th><th>Contact</th><th>Status</th>"
                       "<th>Therapeut</th><th></th></tr>{}</table>").format(Markup("").join(rows))
    return page("Gesprekken", Markup(render("list", table=table)), session)


def _actions(session: ConsoleSession, handoff: Any) -> Markup:
    form = Markup('<form method="post" action="/console/handoffs/{}/{}">{}{}<button type="submit">{}</button></form>')
    csrf = csrf_field(session)
    parts: List[Markup] = []
    if handoff.status == "open":
        parts.append(form.format(handoff.id, "claim", csrf, "", "Neem dit gesprek op je"))
    if handoff.status == "claimed" and handoff.claimed_by_id == session.therapist_id:
        box = Markup('<label>Je antwoord aan de gebruiker<br>'
                     '<textarea name="message" maxlength="2000" required></textarea></label>')
        parts.append(form.format(handoff.id, "reply", csrf, box, "Verstuur"))
    if handoff.status in ("open", "claimed"):
        parts.append(form.format(handoff.id, "close", csrf, "", "Rond af"))
    return Markup("").join(parts)


def transcript_items(lines: Sequence[Dict[str, Any]]) -> Markup:
    items = [Markup('<li class="{}"><small>{} - {}</small>{}</li>').format(
        "user" if line.get("who") == "user" else "bot",
        "Gebruiker" if line.get("who") == "user" else "Assistent of therapeut",
        line.get("at") or "", line.get("text") or "") for line in lines]
    return Markup("").join(items) or Markup("<li>Geen berichten.</li>")


def detail_page(session: ConsoleSession, handoff: Any, lines: Sequence[Dict[str, Any]], live: bool,
                zone: str, notice: str = "") -> str:
    flags = red_flag_labels(handoff.red_flags or [])
    contact = contact_method_label(handoff.contact_method)
    if handoff.contact_value:
        contact = f"{contact}: {handoff.contact_value}"
    content = render(
        "detail", number=handoff.id, level=handoff.level, level_label=level_label(handoff.level),
        flags=", ".join(flags) or "geen", contact=contact, channel=handoff.channel,
        status=STATUS_LABELS.get(handoff.status, handoff.status), created=local_time(handoff.created_at, zone),
        actions=_actions(session, handoff), transcript=transcript_items(lines),
        transcript_source=("Het gesprek zoals het nu is." if live
                           else "Het gesprek zoals het was bij het doorgeven (de chat is nu niet bereikbaar)."),
    )
    return page(f"Gesprek {handoff.id}", Markup(content), session, notice=NOTICES.get(notice, ""))
