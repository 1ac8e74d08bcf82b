"""Starts the Rasa server the way `rasa run` would, plus what a practice needs around it.

Added to stock `rasa run`: a bounded wait for custom actions (with an apology), health
and readiness routes, a request size limit, the widget and demo page, the therapist
console, and settings (token, CORS, storage) from `bot.settings` instead of flags.
`main` loads the settings once and builds the app with `create_app(settings)`.

    python -m bot.server
"""
from __future__ import annotations

import logging
import os
from functools import partial

from bot.settings import PROJECT_ROOT, Settings, load_settings

logger = logging.getLogger("rugwijzer.server")


def check_clinical_catalogues() -> None:
    """Loads the red-flag and medicine catalogues once, so a broken file stops the start.

    A detector that cannot read its catalogue would miss every red flag in silence.
    """
    from bot.medication import find_medications
    from bot.safety import detect_red_flags

    if not detect_red_flags("ik kan niet meer plassen").flags:
        raise SystemExit("The red-flag catalogue does not detect its own examples: refusing to start")
    find_medications("levothyroxine")
    # A brand name after "neem" loads the full Dutch word list (about 1 s): here, not mid-chat.
    if find_medications("ik neem xarelto").unknown != ("xarelto",):
        raise SystemExit("The medicine matcher does not read an unknown brand name: refusing to start")


def create_app(settings: Settings):
    """Builds the Sanic app for `settings`; the agent loads when the server starts."""
    import rasa.core.run
    from rasa.core.utils import AvailableEndpoints

    from bot import training
    from bot.context import install_settings
    from bot.core.shutdown import install_drain
    from bot.nlu.dutch_pipeline import describe
    from bot.rasa_patches import install_agent_patches, install_process_patches
    from bot.web.routes import add_practice_routes

    # Rasa builds the channels, policies, NLG and tracker store itself; they read it there.
    install_settings(settings)
    if not (settings.rasa_auth_token or settings.jwt_secret):
        raise SystemExit("RASA_AUTH_TOKEN (or JWT_SECRET) must be set: the HTTP API exposes every "
                         "conversation. `make run` writes one into .env.")
    if settings.pattern_cors_origins():
        raise SystemExit(f"CORS_ORIGINS must list plain origins, not patterns: {settings.pattern_cors_origins()}")
    check_clinical_catalogues()
    os.environ.update(settings.endpoint_environment())
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    # Every change to Rasa's behaviour; refuses to start if a wrapped Rasa function changed.
    install_process_patches(settings)
    logger.warning(describe(settings.spacy_pipeline_dir))

    endpoints = AvailableEndpoints.read_endpoints(str(PROJECT_ROOT / "endpoints.yml"))
    channels = rasa.core.run.create_http_input_channels(None, str(PROJECT_ROOT / "credentials.yml"))
    app = rasa.core.run.configure_app(
        channels,
        cors=list(settings.cors_origins),
        auth_token=settings.rasa_auth_token or None,
        enable_api=True,
        jwt_secret=settings.jwt_secret or None,
        jwt_method="HS256",
        port=settings.rasa_port,
        endpoints=endpoints,
    )
    # Sanic answers 413 itself for anything larger: no handler ever sees a 1 MB body.
    app.config.REQUEST_MAX_SIZE = settings.max_body_bytes
    add_practice_routes(app, settings)
    # SIGTERM and Ctrl-C finish or refuse every message received.
    install_drain(app, settings.shutdown_grace_seconds)
    model = training.model_for_serving(settings)
    app.register_listener(partial(rasa.core.run.load_agent_on_start, str(model), endpoints, None),
                          "before_server_start")

    async def patch_agent(app_, _loop) -> None:
        install_agent_patches(app_.ctx.agent)

    app.register_listener(patch_agent, "after_server_start")
    app.register_listener(rasa.core.run.close_resources, "after_server_stop")
    return app


def main() -> None:
    from bot.logging_setup import configure_logging, filter_every_handler
    from bot.privacy.files import start_private

    settings = load_settings()
    configure_logging(settings.log_level)
    start_private(settings, logger)
    app = create_app(settings)
    filter_every_handler()  # Sanic made its own log handlers just now
    logger.info("Rasa server on http://%s:%s", settings.rasa_host, settings.rasa_port)
    app.run(host=settings.rasa_host, port=settings.rasa_port, workers=1, access_log=False,
            backlog=100)


if __name__ == "__main__":
    main()
