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
from bot.console.words import local_time  # noqa: F401 - kept for callers of the old name

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
                     '<a href="/console/overzicht">Overzicht</a>{}</nav>').format(
            Markup('<a href="/console/accounts">Accounts</a>') if session.role == "beheerder" else "")
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
