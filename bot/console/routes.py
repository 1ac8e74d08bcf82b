"""The console's routes on Rasa's Sanic app, under /console.

Every page needs a login (a GET without one is sent to the login page, anything else
gets 401), every POST needs the session's CSRF token, and every view and action is
written to audit_log with who did it.
"""
from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional

from sanic import Blueprint, Sanic, response
from sanic.request import Request

from bot.console.audit import record_audit
from bot.console.auth import LoginThrottle
from bot.console.csrf import FIELD, csrf_ok
from bot.console.rasa_api import RasaConversations
from bot.console.session import COOKIE_NAME, ConsoleSession, SessionSigner, cookie_settings
from bot.console.views import code_page, login_page
from bot.content.config import ContentConfig
from bot.settings import Settings

logger = logging.getLogger(__name__)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; "
                               "connect-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class ConsoleConfig:
    """What the console needs to know; tests build one, the server's factory reads its settings."""

    db_url: str
    secret: str
    rasa_url: str
    rasa_token: str
    practice_name: str = "de praktijk"
    timezone: str = "Europe/Amsterdam"
    tracker_db_url: str = ""  # read for the overview's counts only
    content: Optional[ContentConfig] = None  # the content editor's defaults; None: ContentConfig's own
    # Answers below this intent confidence are filed in the "Niet begrepen" inbox.
    learning_threshold: float = Settings.learning_confidence_threshold

    @classmethod
    def from_settings(cls, settings: Settings) -> "ConsoleConfig":
        return cls(settings.app_db, settings.console_secret, f"http://{settings.rasa_host}:{settings.rasa_port}",
                   settings.rasa_auth_token, settings.practice_name, settings.timezone, settings.tracker_db,
                   ContentConfig.from_settings(settings), settings.learning_confidence_threshold)


class Console:
    """The console's state: signing key, login throttle and the Rasa API client."""

    def __init__(self, config: ConsoleConfig) -> None:
        self.config = config
        self.signer = SessionSigner(config.secret) if config.secret else None
        self.throttle = LoginThrottle()
        self.rasa = RasaConversations(config.rasa_url, config.rasa_token)

    async def db(self, function: Callable[..., Any], *args: Any) -> Any:
        """Runs a database call off the event loop, so the assistant keeps answering."""
        return await asyncio.to_thread(function, self.config.db_url, *args)

    async def audit(self, request: Request, actor: Optional[str], action: str, target: Optional[str] = None) -> None:
        await asyncio.to_thread(functools.partial(record_audit, actor=actor or "-", action=action, target=target,
                                                  remote_addr=address(request), db_url=self.config.db_url))

    def session(self, request: Request) -> Optional[ConsoleSession]:
        return self.signer.load(request.cookies.get(COOKIE_NAME)) if self.signer else None

    def with_cookie(self, request: Request, reply: Any, session: Optional[ConsoleSession]) -> Any:
        """Sets (or, for None, removes) the session cookie on `reply`."""
        secure = request.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"
        reply.cookies[COOKIE_NAME] = self.signer.dump(session) if session else ""
        for key, value in cookie_settings(secure, self.signer.max_age if session else 0).items():
            reply.cookies[COOKIE_NAME][key] = value
        return reply


def address(request: Request) -> str:
    return request.remote_addr or request.ip or ""


def therapist_only(console: Console) -> Callable:
    """Lets a handler run only for a logged-in therapist, and checks CSRF on POST."""

    def decorate(handler: Callable) -> Callable:
        @functools.wraps(handler)
        async def guarded(request: Request, **params: Any) -> Any:
            session = console.session(request)
            if session is None or not session.logged_in:
                if request.method in ("GET", "HEAD"):
                    return response.redirect("/console/login", status=303)
                return response.text("Je bent niet ingelogd.", status=401)
            if request.method == "POST" and not csrf_ok(session, request.form.get(FIELD)):
                await console.audit(request, session.username, "csrf_rejected", request.path)
                return response.text("Deze pagina is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
                                     status=403)
            return await handler(request, session, **params)

        return guarded

    return decorate


def _login_routes(bp: Blueprint, console: Console) -> None:
    from bot.console.accounts import TherapistIdentity, authenticate, normalise_username, second_factor_ok
    from bot.console.totp import new_secret, provisioning_uri

    @bp.get("/login")
    async def login_form(request: Request):
        session = console.session(request)
        if session and session.logged_in:
            return response.redirect("/console/", status=303)
        session = session or console.signer.new()
        return console.with_cookie(request, response.html(login_page(session)), session)

    @bp.post("/login")
    async def login(request: Request):
        session = console.session(request)
        if session is None or not csrf_ok(session, request.form.get(FIELD)):
            fresh = console.signer.new()
            page = login_page(fresh, "De pagina was verlopen. Probeer het nog eens.")
            return console.with_cookie(request, response.html(page, status=403), fresh)
        username = normalise_username(request.form.get("username", ""))[:80]
        where = address(request)
        if console.throttle.blocked(username, where):
            await console.audit(request, username, "login_throttled")
            page = login_page(session, "Te vaak een verkeerd wachtwoord. Wacht een kwartier en probeer het dan opnieuw.")
            return response.html(page, status=429, headers={"Retry-After": "900"})
        therapist = await asyncio.to_thread(functools.partial(
            authenticate, username=username, password=request.form.get("password", ""), db_url=console.config.db_url))
        if therapist is None:
            console.throttle.failed(username, where)
            await console.audit(request, username, "login_failed")
            return response.html(login_page(session, "Je gebruikersnaam of wachtwoord klopt niet."), status=401)
        console.throttle.succeeded(username, where)
        await console.audit(request, therapist.username, "login_password")
        # A new session id and CSRF token after the password: a planted cookie is worth nothing.
        # The session is good for the code page only until the second factor is given.
        pending = console.signer.new(therapist, pending=True)
        if not therapist.has_second_factor:
            secret = new_secret()
            pending = replace(pending, enrol_secret=secret)
        return console.with_cookie(request, response.redirect("/console/code", status=303), pending)

    def _pending(request: Request) -> Optional[ConsoleSession]:
        session = console.session(request)
        return session if session and session.second_factor_pending else None

    def _code_form(session: ConsoleSession, error: str = "") -> str:
        uri = provisioning_uri(session.enrol_secret, session.username or "", console.config.practice_name) \
            if session.enrol_secret else ""
        return code_page(session, session.enrol_secret, uri, error)

    @bp.get("/code")
    async def code_form(request: Request):
        session = _pending(request)
        if session is None:
            return response.redirect("/console/login", status=303)
        return response.html(_code_form(session))

    @bp.post("/code")
    async def code(request: Request):
        session = _pending(request)
        if session is None or not csrf_ok(session, request.form.get(FIELD)):
            return response.redirect("/console/login", status=303)
        where, key = address(request), f"2fa:{session.username}"
        if console.throttle.blocked(key, where):
            await console.audit(request, session.username, "code_throttled")
            return response.html(_code_form(session, "Te vaak een verkeerde code. Wacht een kwartier."),
                                 status=429, headers={"Retry-After": "900"})
        good = await asyncio.to_thread(functools.partial(
            second_factor_ok, therapist_id=session.therapist_id, code=request.form.get("code", ""),
            enrol_secret=session.enrol_secret, db_url=console.config.db_url))
        if not good:
            console.throttle.failed(key, where)
            await console.audit(request, session.username, "code_failed")
            return response.html(_code_form(session, "Die code klopt niet. Typ de code die je app nu toont."),
                                 status=401)
        console.throttle.succeeded(key, where)
        await console.audit(request, session.username, "login" if not session.enrol_secret else "login_enrolled")
        identity = TherapistIdentity(session.therapist_id, session.username or "", session.display_name or "",
                                     session.role or "therapist", True)
        return console.with_cookie(request, response.redirect("/console/", status=303), console.signer.new(identity))

    @bp.post("/logout")
    @therapist_only(console)
    async def logout(request: Request, session: ConsoleSession):
        console.signer.revoke(session)
        await console.audit(request, session.username, "logout")
        return console.with_cookie(request, response.redirect("/console/login", status=303), None)


def console_blueprint(config: ConsoleConfig) -> Blueprint:
    """The /console blueprint for `config`."""
    from bot.console.account_routes import add_account_routes
    from bot.console.content_routes import add_content_routes
    from bot.console.handoff_routes import add_handoff_routes
    from bot.console.inbox_routes import add_inbox_routes
    from bot.console.insight_routes import add_insight_routes

    console = Console(config)
    bp = Blueprint("rugwijzer_console", url_prefix="/console")

    @bp.middleware("request")
    async def refuse_without_secret(request: Request):
        if console.signer is None:
            logger.error("Console refused: CONSOLE_SECRET is not set")
            return response.text("De console is nog niet ingesteld.", status=503)

    @bp.middleware("response")
    async def security_headers(request: Request, reply: Any):
        for name, value in SECURITY_HEADERS.items():
            reply.headers[name] = value

    _login_routes(bp, console)
    add_handoff_routes(bp, console, therapist_only(console))
    add_account_routes(bp, console, therapist_only(console))
    add_insight_routes(bp, console, therapist_only(console))
    add_content_routes(bp, console, therapist_only(console),
                       config.content or ContentConfig(config.db_url))
    add_inbox_routes(bp, console, therapist_only(console), config.learning_threshold)
    return bp


def add_console_routes(app: Sanic, config: ConsoleConfig) -> None:
    """Mounts the therapist console at /console on `app`."""
    app.blueprint(console_blueprint(config))
