"""The beheerder's content pages: the list of practice details and answers, and one item's editor.

Each editor shows the text as a patient would read it (the preview), the default, and
every earlier version with a button to bring it back.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from markupsafe import Markup

from bot.console.csrf import csrf_field
from bot.console.session import ConsoleSession
from bot.console.views import page
from bot.console.words import local_time
from bot.content.catalogue import GROUP_LABELS, PracticeField, Response
from bot.content.config import COUNTRIES
from bot.content.variants import edited_answer
from bot.content.versions import Version

SEGMENT = {"practice": "praktijk", "response": "antwoord"}
NOTICES = {
    "saved": "Opgeslagen. De assistent gebruikt de nieuwe tekst binnen een paar seconden.",
    "reverted": "De gekozen versie staat weer. De assistent gebruikt hem binnen een paar seconden.",
    "default": "De standaardtekst staat weer. De assistent gebruikt hem binnen een paar seconden.",
    "same": "Er was niets veranderd, dus er is niets opgeslagen.",
}
SNIPPET_CHARS = 70


@dataclass(frozen=True)
class ItemState:
    """Where an item stands: changed by whom and when, or the default."""

    changed_by: Optional[str] = None
    changed_at: Any = None

    def label(self, zone: str) -> str:
        if not self.changed_by:
            return "Standaard"
        return f"Aangepast door {self.changed_by} op {local_time(self.changed_at, zone)}"


def snippet(text: str) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= SNIPPET_CHARS else words[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def item_url(kind: str, key: str) -> str:
    return f"/console/inhoud/{SEGMENT[kind]}/{key}"


def overview_page(session: ConsoleSession, fields: Sequence[Tuple[PracticeField, str, ItemState]],
                  responses: Sequence[Tuple[Response, str, ItemState]], zone: str) -> str:
    """Every practice detail and answer, with what it says now and whether it was changed."""
    practice_rows = [Markup('<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td></tr>').format(
        item_url("practice", field.key), field.label, snippet(value) or "(leeg)", state.label(zone))
        for field, value, state in fields]
    groups: Dict[str, list] = {}
    for response, text, state in responses:
        groups.setdefault(GROUP_LABELS.get(response.group, response.group), []).append(
            Markup('<tr><th scope="row"><a href="{}">{}</a></th><td><code>{}</code></td><td>{}</td></tr>').format(
                item_url("response", response.name), snippet(text), response.name, state.label(zone)))
    answer_tables = [Markup(
        '<table><caption>{}</caption><thead><tr><th scope="col">Antwoord (de eerste woorden)</th>'
        '<th scope="col">Naam</th><th scope="col">Status</th></tr></thead><tbody>{}</tbody></table>').format(
        group, Markup("").join(rows)) for group, rows in groups.items()]
    content = Markup(
        "<h1>Teksten en praktijkgegevens</h1>"
        "<p>Wat je hier verandert, gebruikt de assistent binnen een paar seconden. Je hoeft niets te trainen "
        "of te herstarten. Elke wijziging wordt bewaard: je kunt altijd terug naar een eerdere versie of naar "
        "de standaardtekst.</p>"
        "<h2>Praktijkgegevens</h2>"
        '<table><caption>De gegevens die de assistent over de praktijk geeft</caption><thead><tr>'
        '<th scope="col">Onderdeel</th><th scope="col">Nu</th><th scope="col">Status</th></tr></thead>'
        "<tbody>{}</tbody></table>"
        "<h2>Antwoorden</h2><p>De knoppen onder een antwoord blijven zoals ze zijn. Je kunt een antwoord een "
        "tekst erbij geven of een tekst weghalen: de assistent kiest dan elke keer één van de teksten. "
        "Antwoorden die mensen bij spoed de weg wijzen, moeten hun noodnummers blijven noemen.</p>{}").format(
        Markup("").join(practice_rows), Markup("").join(answer_tables))
    return page("Teksten", content, session)


def _history(session: ConsoleSession, kind: str, key: str, versions: Sequence[Version], zone: str,
             describe) -> Markup:
    if not versions:
        return Markup("<h2>Eerdere versies</h2><p>Dit is nog nooit veranderd: de standaardtekst staat.</p>")
    rows = []
    for number, item in enumerate(versions):
        action = Markup("<td>Staat nu</td>") if number == 0 else Markup(
            '<td><form method="post" action="{}/terug/{}">{}<button type="submit">Zet deze versie terug'
            '<span class="sr-only"> (van {})</span></button></form></td>').format(
            item_url(kind, key), item.id, csrf_field(session), local_time(item.changed_at, zone))
        what = "Terug naar de standaardtekst" if item.new_value is None else (
            f"Versie van {local_time(item.changed_at, zone)} teruggezet" if item.restored_from else "Gewijzigd")
        rows.append(Markup(
            "<tr><td>{}</td><td>{}</td><td>{}<details><summary>Bekijk oud en nieuw</summary>"
            '<p><strong>Oud:</strong></p><div class="text-block" style="white-space: pre-wrap; background: #fff; padding: .5rem .7rem; border-left: 4px solid #8a979d">{}</div>'
            '<p><strong>Nieuw:</strong></p><div class="text-block" style="white-space: pre-wrap; background: #fff; padding: .5rem .7rem; border-left: 4px solid #8a979d">{}</div></details></td>{}</tr>').format(
            local_time(item.changed_at, zone), item.changed_by, what, describe(item.old_value),
            describe(item.new_value), action))
    return Markup(
        '<h2>Eerdere versies</h2><table><caption>Alle wijzigingen, de nieuwste eerst</caption><thead><tr>'
        '<th scope="col">Wanneer</th><th scope="col">Door</th><th scope="col">Wat</th>'
        '<th scope="col">Terugzetten</th></tr></thead><tbody>{}</tbody></table>').format(Markup("").join(rows))


def _default_form(session: ConsoleSession, kind: str, key: str, overridden: bool, default: str) -> Markup:
    shown = Markup('<h2>Standaardtekst</h2><details><summary>Bekijk de standaardtekst</summary><div class="text-block" style="white-space: pre-wrap; background: #fff; padding: .5rem .7rem; border-left: 4px solid #8a979d">{}</div>'
                   "</details>").format(default or "(leeg)")
    if not overridden:
        return shown
    return shown + Markup('<form method="post" action="{}/standaard">{}<button type="submit">Terug naar de '
                          "standaardtekst</button></form>").format(item_url(kind, key), csrf_field(session))


def _previews(previews: Sequence[Tuple[str, str]]) -> Markup:
    items = [Markup('<h3>{}</h3><div class="text-block preview" style="white-space: pre-wrap; background: #fff; padding: .5rem .7rem; border-left: 4px solid #2e7d32">{}</div>').format(heading, text)
             for heading, text in previews]
    return Markup('<section aria-labelledby="preview-title"><h2 id="preview-title">Voorbeeld</h2>'
                  "<p>Zo leest de patiënt het, met de gegevens van de praktijk ingevuld. Tussen [haken] staat wat "
                  "het gesprek zelf invult.</p>{}</section>").format(Markup("").join(items))


def _buttons(seen: int) -> Markup:
    return Markup('<input type="hidden" name="seen" value="{}"><div class="actions">'
                  '<button type="submit" name="action" value="preview">Bekijk voorbeeld</button> '
                  '<button type="submit" name="action" value="save">Opslaan</button></div>').format(seen)


@dataclass(frozen=True)
class EditorState:
    """What an editor page shows besides its fields."""

    seen: int
    overridden: bool
    default: str
    versions: Sequence[Version]
    previews: Sequence[Tuple[str, str]]
    notice: str = ""
    error: str = ""


def practice_editor(session: ConsoleSession, field: PracticeField, value: str, state: EditorState, zone: str,
                    placeholders: Mapping[str, str]) -> str:
    """The editor of one practice detail; `value` is what the box holds (the typed text after a refusal)."""
    if field.key == "country":
        options = Markup("").join(Markup('<option value="{}"{}>{}</option>').format(
            code, Markup(" selected") if code == value else "", name) for code, name in COUNTRIES.items())
        box = Markup('<label for="value">{}</label><select id="value" name="value">{}</select>').format(
            field.label, options)
    elif not field.multiline:
        box = Markup('<label for="value">{}</label><input id="value" name="value" type="url" value="{}" '
                     'maxlength="300" aria-describedby="hint">').format(field.label, value)
    else:
        box = Markup('<label for="value">{}</label><textarea id="value" name="value" rows="8" maxlength="2000" '
                     'aria-describedby="hint">{}</textarea>').format(field.label, value)
    usable = Markup(", ").join(Markup("<code>{{{}}}</code> ({})").format(name, snippet(text))
                               for name, text in placeholders.items())
    content = Markup(
        '<p><a href="/console/inhoud">Terug naar alle teksten</a></p><h1>Wijzig: {label}</h1>'
        '<p id="hint">{hint}</p><form method="post" action="{url}">{csrf}{box}'
        "<p>Invulvelden die je kunt gebruiken: {usable}.</p>{buttons}</form>{previews}{default}{history}").format(
        label=field.label, hint=field.hint, url=item_url("practice", field.key), csrf=csrf_field(session), box=box,
        usable=usable or "geen", buttons=_buttons(state.seen), previews=_previews(state.previews),
        default=_default_form(session, "practice", field.key, state.overridden, state.default),
        history=_history(session, "practice", field.key, state.versions, zone, _plain))
    return page(f"Wijzig {field.label}", content, session, notice=state.notice, error=state.error)


def _plain(value: Any) -> str:
    if value is None:
        return "(de standaardtekst)"
    return str(value) or "(leeg)"


def _describe_answer(value: Any) -> str:
    """A stored answer as the history shows it: each text, the added ones marked, the removed ones named."""
    if value is None:
        return "(de standaardtekst)"
    answer = edited_answer(value)
    if len(answer.variants) == 1 and not answer.removed and not answer.variants[0].added:
        return answer.variants[0].text
    parts = [f"Tekst {n}{' (toegevoegd)' if variant.added else ''}:\n" +
             (f"(de standaardtekst van tekst {variant.source + 1})" if variant.text is None else variant.text)
             for n, variant in enumerate(answer.variants, start=1)]
    if answer.removed:
        parts.append("Weggehaald: " + ", ".join(f"tekst {n + 1} van de standaard" for n in answer.removed) + ".")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class VariantRow:
    """One text box of the answer editor."""

    number: int
    label: str
    text: str
    source: str  # the form's from-N: the domain variant's index, or "nieuw" for an added text
    buttons: Tuple[str, ...]
    removable: bool
    kept: str = ""  # why it cannot be taken out, when there are other texts


def _variant_box(row: VariantRow) -> Markup:
    parts = [Markup('<div class="variant"><label for="text-{n}">{}</label><textarea id="text-{n}" name="text-{n}" '
                    'rows="7" maxlength="3000">{}</textarea><input type="hidden" name="from-{n}" value="{}">').format(
        row.label, row.text, row.source, n=row.number)]
    if row.buttons:
        parts.append(Markup("<p>Knoppen onder deze tekst (blijven zoals ze zijn): {}</p>").format(
            ", ".join(row.buttons)))
    if row.removable:
        parts.append(Markup('<label><input type="checkbox" name="remove" value="{n}"> Haal tekst {n} weg</label>')
                     .format(n=row.number))
    elif row.kept:
        parts.append(Markup("<p>{}</p>").format(row.kept))
    return Markup("").join(parts) + Markup("</div>")


def response_editor(session: ConsoleSession, response: Response, rows: Sequence[VariantRow], state: EditorState,
                    zone: str, placeholders: Sequence[str], emergency: Sequence[str]) -> str:
    """The editor of one answer: a box per text, a box for a new one; buttons are listed, not editable."""
    safety = Markup("")
    if emergency:
        safety = Markup('<p class="notice">Dit antwoord wijst mensen de weg bij spoed. Elke tekst moet blijven '
                        "noemen: <strong>{}</strong>.</p>").format(", ".join(emergency))
    first_buttons = [str(button.get("title", "")) for button in response.variants[0].get("buttons") or []]
    new_box = Markup(
        '<h2>Een tekst erbij</h2><p id="new-hint">De assistent kiest elke keer één van de teksten, '
        "willekeurig. Zo klinkt hij minder herhalend. Een nieuwe tekst krijgt dezelfde knoppen als tekst 1{}. "
        "Er blijft altijd minstens één tekst over.</p>"
        '<label for="text-new">Nieuwe tekst (mag leeg blijven)</label><textarea id="text-new" name="new_text" '
        'rows="5" maxlength="3000" aria-describedby="new-hint"></textarea>').format(
        f" ({', '.join(first_buttons)})" if first_buttons else "")
    content = Markup(
        '<p><a href="/console/inhoud">Terug naar alle teksten</a></p><h1>Wijzig antwoord</h1>'
        "<p>Naam in de code: <code>{name}</code>. Schrijf kort, vriendelijk en in gewone taal, met je en jij.</p>"
        '{safety}<form method="post" action="{url}">{csrf}{boxes}{new_box}'
        "<p>Invulvelden die je kunt gebruiken: {usable}.</p>{buttons}</form>{previews}{default}{history}").format(
        name=response.name, safety=safety, url=item_url("response", response.name), csrf=csrf_field(session),
        boxes=Markup("").join(_variant_box(row) for row in rows), new_box=new_box,
        usable=Markup(", ").join(Markup("<code>{{{}}}</code>").format(name) for name in placeholders) or "geen",
        buttons=_buttons(state.seen), previews=_previews(state.previews),
        default=_default_form(session, "response", response.name, state.overridden, state.default),
        history=_history(session, "response", response.name, state.versions, zone, _describe_answer))
    return page("Wijzig antwoord", content, session, notice=state.notice, error=state.error)


def not_editable_page(session: ConsoleSession, name: str) -> str:
    content = Markup('<p><a href="/console/inhoud">Terug naar alle teksten</a></p><h1>Dit antwoord kun je hier '
                     "niet wijzigen</h1><p>De woorden van <code>{}</code> komen uit een andere lijst of van een "
                     "therapeut, of het antwoord bestaat niet.</p>").format(name)
    return page("Niet te wijzigen", content, session)
