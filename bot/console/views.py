"""The console's page frame and login pages: string templates filled with escaped values only.

Every value goes through markupsafe.escape unless it is Markup built here from escaped
parts, so a user's "<script>" in a transcript is shown as text, never run.
"""
from __future__ import annotations

import functools
from pathlib import Path
from string import Template
from typing import Any, Optional

from markupsafe import Markup

from bot.console.csrf import csrf_field
from bot.console.session import ConsoleSession

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))


def render(name: str, **values: Any) -> str:
    """Fills template `name`; plain values are escaped, Markup is trusted as built here."""
    from markupsafe import escape

    return _template(name).substitute({key: escape(value) for key, value in values.items()})


def page(title: str, content: Markup, session: Optional[ConsoleSession] = None, notice: str = "",
         error: str = "", live: str = "") -> str:
    """The frame of every page; `live` is the URL the page polls for changes (none: no polling)."""
    account, nav = Markup(""), Markup("")
    if session and session.logged_in:
        nav = Markup('<nav aria-label="Console"><a href="/console/">Gesprekken</a>'
                     '<a href="/console/niet-begrepen">Niet begrepen</a><a href="/console/overzicht">Overzicht</a>{}</nav>').format(
            Markup('<a href="/console/accounts">Accounts</a><a href="/console/inhoud">Teksten</a>')
            if session.role == "beheerder" else "")
        account = Markup('<form method="post" action="/console/logout" class="account">'
                         '<button type="button" class="sound-toggle" aria-pressed="false" hidden>Geluid</button>'
                         '<span>{}</span> {} <button type="submit">Uitloggen</button></form>').format(
            session.display_name, csrf_field(session))
    message = Markup("")
    if notice:
        message = Markup('<p class="notice" role="status">{}</p>').format(notice)
    elif error:
        message = Markup('<p class="error" role="alert">{}</p>').format(error)
    return render("base", title=title, account=account, nav=nav, notice=message, content=content, live=live)


def login_page(session: ConsoleSession, error: str = "") -> str:
    return page("Inloggen", Markup(render("login", csrf=csrf_field(session))), error=error)


def code_page(session: ConsoleSession, enrol_secret: Optional[str] = None, enrol_uri: str = "",
              error: str = "") -> str:
    """The second step of logging in: a code from the authenticator app (set up the first time)."""
    from bot.console.totp import grouped

    setup = Markup("")
    if enrol_secret:
        setup = Markup(
            "<h2>Eenmalig instellen</h2><p>De console toont gezondheidsgegevens. Daarom log je in met je "
            "wachtwoord én een code van een app op je telefoon (bijvoorbeeld een authenticator-app).</p>"
            "<ol><li>Open de app en kies 'account toevoegen' en dan 'sleutel invoeren'.</li>"
            "<li>Typ deze sleutel: <strong><code>{}</code></strong> (tijdgebaseerd).</li>"
            "<li>Typ hieronder de code van 6 cijfers die de app toont.</li></ol>"
            "<p>Of plak dit adres in de app: <code>{}</code></p>").format(grouped(enrol_secret), enrol_uri)
    content = Markup(
        "<h1>Code uit je app</h1>{}<form method=\"post\" action=\"/console/code\">{}"
        "<label>Code van 6 cijfers<br><input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
        "pattern=\"[0-9 ]{{6,7}}\" maxlength=\"7\" required autofocus></label>"
        "<button type=\"submit\">Inloggen</button></form>").format(setup, csrf_field(session))
    return page("Code", content, error=error)
