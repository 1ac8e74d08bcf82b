"""The "Niet begrepen" pages: messages to judge, and the decisions taken (with undo).

No sender, channel or conversation id is shown: only the patient's words, the
assistant's answer, and why the message is here.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, List, Optional, Tuple

from markupsafe import Markup

from bot.console.csrf import csrf_field
from bot.console.session import ConsoleSession
from bot.console.views import page
from bot.console.words import ASSISTANT, PATIENT, local_time
from bot.learning.topics import label

BASE = "/console/niet-begrepen"
REASON_LABELS = {
    "not_meant": "De patiënt zei: dat bedoelde ik niet",
    "fallback": "De assistent begreep het niet",
    "out_of_scope": "Volgens de assistent buiten zijn onderwerpen",
    "unknown_answer": "De assistent zei dat hij het niet weet",
    "low_confidence": "Beantwoord, maar de assistent twijfelde",
}
DECISION_LABELS = {"assigned": "Onderwerp gekozen", "new_topic": "Nieuw onderwerp nodig", "ignore": "Genegeerd"}
NOTICES = {
    "assigned": "Opgeslagen. Het voorbeeld gaat mee bij de volgende export.",
    "new_topic": "Genoteerd: hiervoor is een nieuw onderwerp nodig.",
    "ignore": "Het bericht is genegeerd.",
    "undone": "Het bericht staat weer bij 'Te beoordelen'.",
    "final": "Dit kan niet meer: het bericht is al geëxporteerd of bestaat niet meer.",
    "topic": "Kies eerst een onderwerp.",
}
TABS = (("", "Te beoordelen"), ("/toegewezen", "Beoordeeld"))


def _tabs(current: str, pending_count: Optional[int] = None) -> Markup:
    links = []
    for suffix, title in TABS:
        count = Markup(" ({})").format(pending_count) if not suffix and pending_count is not None else ""
        links.append(Markup('<li><a href="{}{}"{}>{}{}</a></li>').format(
            BASE, suffix, Markup(' aria-current="page"') if suffix == current else "", title, count))
    return Markup('<nav aria-label="Tabbladen"><ul class="tabs">{}</ul></nav>').format(Markup("").join(links))


def _exchange(item: Any, zone: str) -> Markup:
    guess = ""
    if item.intent and item.intent != "nlu_fallback":
        confidence = f" ({round(100 * item.confidence)}% zeker)" if item.confidence is not None else ""
        guess = Markup("<dt>Wat de assistent dacht</dt><dd>{}{}</dd>").format(label(item.intent), confidence)
    return Markup(
        '<dl><dt>Waarom hier</dt><dd>{}</dd><dt>Wanneer</dt><dd><time>{}</time></dd>{}</dl>'
        '<ul class="transcript"><li class="user"><span class="who">{}</span>{}</li>'
        '<li class="bot"><span class="who">{}</span>{}</li></ul>').format(
        REASON_LABELS.get(item.reason, item.reason),
        local_time(dt.datetime.fromtimestamp(item.message_at, dt.timezone.utc), zone), guess,
        PATIENT, item.user_text, ASSISTANT, item.bot_text or "(geen antwoord)")


def _options(topics: Iterable[Tuple[str, str]], preselect: str) -> Markup:
    options = [Markup('<option value="">Kies een onderwerp</option>')]
    options += [Markup('<option value="{}"{}>{}</option>').format(name, Markup(" selected") if name == preselect else "",
                                                                   title) for name, title in topics]
    return Markup("").join(options)


def inbox_page(session: ConsoleSession, items: List[Any], topics: List[Tuple[str, str]], zone: str,
               notice: str = "") -> str:
    rows = []
    for item in items:
        preselect = item.intent if item.reason == "low_confidence" else ""
        rows.append(Markup(
            '<li class="inbox-item"><h2 id="item-{id}">Bericht {id}</h2>{exchange}'
            '<form method="post" action="{base}/{id}" class="actions">{csrf}'
            '<label for="topic-{id}">Onderwerp</label> <select id="topic-{id}" name="topic">{options}</select> '
            '<button type="submit" name="decision" value="assigned">Wijs onderwerp toe</button> '
            '<button type="submit" name="decision" value="new_topic">Nieuw onderwerp nodig</button> '
            '<button type="submit" name="decision" value="ignore">Negeren</button></form></li>').format(
            id=item.id, exchange=_exchange(item, zone), base=BASE, csrf=csrf_field(session),
            options=_options(topics, preselect)))
    body = (Markup('<ol class="inbox">{}</ol>').format(Markup("").join(rows)) if rows else
            Markup("<p>Er is niets te beoordelen. Alles wat de assistent niet begreep, is bekeken.</p>"))
    content = Markup(
        "<h1>Niet begrepen</h1><p>Berichten die de assistent niet goed begreep. Kies het onderwerp dat de patiënt "
        "bedoelde: bij de volgende export leert de assistent het als voorbeeld. Namen en kanalen worden niet "
        "getoond.</p>{}{}").format(_tabs("", len(items)), body)
    return page("Niet begrepen", content, session, notice=NOTICES.get(notice, ""))


def decided_page(session: ConsoleSession, items: List[Any], zone: str, notice: str = "") -> str:
    rows = []
    for item in items:
        if item.exported_at is not None:
            state = Markup("Geëxporteerd op {}").format(local_time(item.exported_at, zone))
        else:
            state = Markup('<form method="post" action="{}/{}/terug">{}<button type="submit">Maak ongedaan'
                           '<span class="sr-only"> voor bericht {}</span></button></form>').format(
                BASE, item.id, csrf_field(session), item.id)
        rows.append(Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}<br><time>{}</time></td><td>{}</td></tr>").format(
            item.user_text, DECISION_LABELS.get(item.decision, item.decision),
            label(item.topic) if item.topic else "-", item.decided_by, local_time(item.decided_at, zone), state))
    table = (Markup('<table><caption>Beoordeelde berichten, nieuwste eerst</caption><thead><tr>'
                    '<th scope="col">Bericht van de patiënt</th><th scope="col">Besluit</th><th scope="col">Onderwerp</th>'
                    '<th scope="col">Door</th><th scope="col">Ongedaan maken</th></tr></thead><tbody>{}</tbody></table>'
                    ).format(Markup("").join(rows)) if rows else Markup("<p>Nog niets beoordeeld.</p>"))
    content = Markup(
        "<h1>Niet begrepen: beoordeeld</h1><p>Tot de export kun je een besluit ongedaan maken. Daarna staat het "
        "voorbeeld in de trainingsgegevens van de assistent.</p>{}{}").format(_tabs("/toegewezen"), table)
    return page("Niet begrepen: beoordeeld", content, session, notice=NOTICES.get(notice, ""))
