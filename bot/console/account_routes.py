"""The beheerder's page: who has an account, with which role, and whether two-factor login is set up."""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable

from markupsafe import Markup
from sanic import Blueprint, response
from sanic.request import Request

from bot.console.accounts import list_accounts, set_second_factor
from bot.console.csrf import csrf_field
from bot.console.session import ConsoleSession
from bot.console.views import page

ROLE_LABELS = {"therapist": "Therapeut", "beheerder": "Beheerder"}


def beheerder_only(guard: Callable) -> Callable:
    """`guard` (logged in, CSRF) plus the beheerder role."""

    def decorate(handler: Callable) -> Callable:
        @functools.wraps(handler)
        async def checked(request: Request, session: ConsoleSession, **params: Any) -> Any:
            if session.role != "beheerder":
                return response.html(page("Geen toegang", Markup("<h1>Geen toegang</h1><p>Deze pagina is voor "
                                                                 "de beheerder van de praktijk.</p>"), session),
                                     status=403)
            return await handler(request, session, **params)

        return guard(checked)

    return decorate


def _accounts_page(session: ConsoleSession, accounts: list, notice: str = "") -> str:
    rows = []
    for username, name, role, has_code in accounts:
        reset = Markup('<form method="post" action="/console/accounts/{}/reset-code">{}'
                       '<button type="submit">Code-app opnieuw instellen</button></form>').format(
            username, csrf_field(session)) if has_code else Markup("-")
        rows.append(Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            username, name, ROLE_LABELS.get(role, role), "ingesteld" if has_code else "nog niet", reset))
    content = Markup(
        "<h1>Accounts</h1><p>Nieuwe accounts maak je op de server met "
        "<code>python -m bot.cli add-therapist NAAM</code> (met <code>--role beheerder</code> voor een beheerder). "
        "Na 'opnieuw instellen' koppelt de therapeut bij de volgende keer inloggen een nieuwe code-app.</p>"
        '<table><caption>Alle accounts</caption><thead><tr><th scope="col">Gebruikersnaam</th>'
        '<th scope="col">Naam</th><th scope="col">Rol</th><th scope="col">Code-app</th><th scope="col">Actie</th>'
        "</tr></thead><tbody>{}</tbody></table>").format(Markup("").join(rows))
    return page("Accounts", content, session, notice=notice)


def add_account_routes(bp: Blueprint, console: Any, therapist_only: Callable) -> None:
    guard = beheerder_only(therapist_only)

    @bp.get("/accounts")
    @guard
    async def accounts(request: Request, session: ConsoleSession):
        await console.audit(request, session.username, "view_accounts")
        found = await asyncio.to_thread(list_accounts, console.config.db_url)
        notice = "De code-app is losgekoppeld." if request.args.get("m") == "reset" else ""
        return response.html(_accounts_page(session, found, notice))

    @bp.post("/accounts/<username:str>/reset-code")
    @guard
    async def reset_code(request: Request, session: ConsoleSession, username: str):
        try:
            await asyncio.to_thread(functools.partial(set_second_factor, username=username, secret=None,
                                                      db_url=console.config.db_url))
        except ValueError:
            return response.redirect("/console/accounts", status=303)
        await console.audit(request, session.username, "reset_second_factor", f"account:{username}")
        return response.redirect("/console/accounts?m=reset", status=303)
