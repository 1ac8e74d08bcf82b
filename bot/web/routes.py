"""Routes added to Rasa's Sanic app: health for load balancers, the widget and demo page."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict

from sanic import Sanic, response
from sanic.request import Request

from bot.settings import PROJECT_ROOT, Settings

logger = logging.getLogger(__name__)
WEB_DIR = PROJECT_ROOT / "web"


def _database_ok(url: str) -> bool:
    from sqlalchemy import text

    from bot.db.session import get_engine

    try:
        with get_engine(url).connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        logger.warning("Readiness: database unreachable (%s)", type(error).__name__)
        return False


async def readiness(app: Sanic, settings: Settings) -> Dict[str, Any]:
    agent = getattr(app.ctx, "agent", None)
    loop = asyncio.get_running_loop()
    checks = {
        "model": bool(agent and agent.is_ready()),
        "tracker_db": await loop.run_in_executor(None, _database_ok, settings.tracker_db),
        "app_db": await loop.run_in_executor(None, _database_ok, settings.app_db),
    }
    return {"ready": all(checks.values()), "checks": checks}


def add_practice_routes(app: Sanic, settings: Settings) -> None:
    """Registers health, readiness, widget files, charts, the console and the reminder re-arm."""
    from bot.console.routes import ConsoleConfig, add_console_routes
    from bot.learning.switch import add_model_switch_routes
    from bot.plan.rearm import add_reminder_rearm
    from bot.web.charts import add_chart_routes

    add_chart_routes(app, settings)
    add_console_routes(app, ConsoleConfig.from_settings(settings))
    # A retrained model is loaded into the running agent, every wrapper kept (bot/learning/switch.py).
    add_model_switch_routes(app, settings.model_dir, settings.rasa_auth_token)
    # Rasa keeps reminders in memory only; re-arm them from the database after a restart.
    add_reminder_rearm(app)

    @app.get("/health/live")
    async def live(_: Request):
        return response.json({"status": "ok"})

    @app.get("/health/ready")
    async def ready(request: Request):
        state = await readiness(request.app, settings)
        return response.json(state, status=200 if state["ready"] else 503)

    if WEB_DIR.is_dir():
        app.static("/web", str(WEB_DIR), name="widget_files")

    @app.get("/demo")
    async def demo(_: Request):
        return response.redirect("/web/demo.html")
