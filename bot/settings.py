"""The one place that reads the environment.

`load_settings()` is called once per process, by an entry point only: the `main` of
`bot.server`, `bot.action_server`, `bot.run`, `bot.training`, `bot.rasa_command` and
`bot.nlu.dutch_pipeline`, each command of `bot.cli`, and the Alembic environment. The
servers are built from the result (`bot.server.create_app(settings)`,
`bot.action_server.create_app(settings)`), which install it in `bot.context` for the
objects Rasa and rasa-sdk build themselves; everything else receives settings, or the
values it needs, as arguments. Tests build a `Settings` directly.

Values come from the process environment, falling back to a `.env` file in the
project root (written by `make run` on first start), falling back to defaults that
work on a developer's machine.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Dict, Optional, Tuple

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The longest message any matcher reads. The inbound screen trims every message to
# `Settings.max_message_chars`, which may not exceed this; the matchers cut here as well,
# for text that never passed the screen (evaluations, the console), so that no input
# makes them slow.
MESSAGE_CHARS_LIMIT = 5000

# Child processes and make targets run with these: no usage data sent to Rasa, and
# no banners or deprecation noise from libraries pinned by Rasa. The Makefile, the
# Dockerfile and scripts/cluster.sh repeat them (tests/deploy checks they agree).
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONWARNINGS": "ignore::DeprecationWarning,ignore::UserWarning:sanic_cors",
}


def _read_dotenv(path: Path) -> Dict[str, str]:
    values: Dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def _split(value: str) -> Tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """Configuration of every Rugwijzer process. Field names map to UPPER_CASE env vars."""

    # Where things live
    var_dir: Path = PROJECT_ROOT / "var"
    model_dir: Path = PROJECT_ROOT / "models"
    spacy_pipeline_dir: Path = PROJECT_ROOT / "build" / "spacy_nl"
    model_path: str = ""  # empty: the model trained for the current data (bot.training)
    public_base_url: str = ""  # where users and therapists reach the Rasa server (charts, console links)

    # Servers
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_host: str = "127.0.0.1"
    action_port: int = 5055
    rasa_auth_token: str = ""
    jwt_secret: str = ""
    cors_origins: Tuple[str, ...] = ("http://127.0.0.1:5005", "http://localhost:5005")
    max_body_bytes: int = 64 * 1024
    # Longer messages are trimmed and the user is told (bot/channels/inbound.py); at most
    # MESSAGE_CHARS_LIMIT.
    max_message_chars: int = 2000
    # Messages worked on at once per Rasa process; the rest wait in arrival order
    # (bot/core/admission.py says why one beats all of them).
    max_concurrent_messages: int = 1
    action_timeout_seconds: float = 4.0
    # SIGTERM/Ctrl-C: messages already received get this long to finish (bot/core/shutdown.py)
    shutdown_grace_seconds: float = 15.0
    log_level: str = "INFO"

    # Storage: SQLite files by default, any SQLAlchemy URL in production
    tracker_db_url: str = ""
    app_db_url: str = ""
    lock_store_url: str = ""  # empty: in-memory (one process); redis://[:password@]host:port/db for several
    # Widget pushes between processes (python-socketio's Redis manager); empty: LOCK_STORE_URL's Redis
    socketio_redis_url: str = ""

    # The practice
    practice_name: str = "Praktijk De Rugwijzer"
    practice_country: str = "NL"  # NL or BE: which emergency and crisis numbers to give
    practice_phone: str = "010-1234567"
    practice_url_orthomolecular: str = "https://www.example-praktijk.nl/orthomoleculaire-therapie"
    practice_url_vitamin_d: str = "https://www.example-praktijk.nl/vitamine-d"
    practice_url_magnesium: str = "https://www.example-praktijk.nl/magnesium"
    # Opening hours, address, costs, therapists: texts the practice edits (bot/practice/details.py)
    practice_file: Path = PROJECT_ROOT / "practice.yml"
    timezone: str = "Europe/Amsterdam"

    # Therapists are told of a handoff by e-mail
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_from: str = "rugwijzer@localhost"
    therapist_emails: Tuple[str, ...] = ("therapeut@localhost",)
    console_secret: str = ""

    # Telegram
    telegram_token: str = ""
    telegram_bot_name: str = ""
    telegram_webhook_url: str = ""
    telegram_secret: str = ""
    telegram_api_base: str = "https://api.telegram.org"

    # Privacy and follow-up
    retention_days: int = 30
    # Closed handoffs (with their transcript) are deleted this many days after closing: long
    # enough to look back on a case, short because what care needs belongs in the patient file.
    handoff_retention_days: int = 90
    checkin_after_days: int = 14
    # The "Niet begrepen" inbox (bot/learning/): answers below this intent confidence are
    # filed too, and every filed message is deleted this many days after filing.
    learning_confidence_threshold: float = 0.5
    learning_retention_days: int = 30

    def __post_init__(self) -> None:
        if not 0 < self.max_message_chars <= MESSAGE_CHARS_LIMIT:
            raise ValueError(f"MAX_MESSAGE_CHARS must be between 1 and {MESSAGE_CHARS_LIMIT}, "
                             f"not {self.max_message_chars}")

    @property
    def tracker_db(self) -> str:
        return self.tracker_db_url or f"sqlite:///{self.var_dir / 'tracker.db'}"

    @property
    def app_db(self) -> str:
        return self.app_db_url or f"sqlite:///{self.var_dir / 'app.db'}"

    @property
    def public_url(self) -> str:
        """Where users' devices and therapists reach the Rasa server (no trailing slash)."""
        return (self.public_base_url or f"http://{self.rasa_host}:{self.rasa_port}").rstrip("/")

    @property
    def action_server_url(self) -> str:
        return f"http://{self.action_host}:{self.action_port}/webhook"

    def endpoint_environment(self) -> Dict[str, str]:
        """Values `endpoints.yml` reads as ${VARS}; Rasa resolves them from os.environ."""
        lock_type, host, port, db, user, password = "in_memory", "", "6379", "1", "", ""
        if self.lock_store_url:
            from urllib.parse import unquote, urlparse

            parsed = urlparse(self.lock_store_url)
            # Rasa's RedisLockStore with its ticket-lock race fixed (bot/core/lock_store.py).
            lock_type, host = "bot.core.lock_store.RedisTicketLockStore", parsed.hostname or "127.0.0.1"
            port, db = str(parsed.port or 6379), (parsed.path.strip("/") or "1")
            user, password = unquote(parsed.username or ""), unquote(parsed.password or "")
        return {
            "ACTION_SERVER_URL": self.action_server_url,
            "TRACKER_DB_URL": self.tracker_db,
            "LOCK_STORE_TYPE": lock_type,
            "LOCK_STORE_HOST": host,
            "LOCK_STORE_PORT": port,
            "LOCK_STORE_DB": db,
            "LOCK_STORE_USERNAME": user,
            "LOCK_STORE_PASSWORD": password,
        }

    def pattern_cors_origins(self) -> Tuple[str, ...]:
        """Origins sanic-cors would read as a regular expression (GHSA-94jw-hqvj-vw74).

        Such a pattern can match far more sites than meant, and Rasa allows credentials:
        only plain origins such as https://www.praktijk.nl are accepted.
        """
        return tuple(origin for origin in self.cors_origins if any(c in origin for c in "*?[]\\"))

    def practice_links(self) -> Dict[str, str]:
        """Values the answers may use as `{link_...}` placeholders."""
        return {
            "link_orthomolecular": self.practice_url_orthomolecular,
            "link_vitamin_d": self.practice_url_vitamin_d,
            "link_magnesium": self.practice_url_magnesium,
            "practice_name": self.practice_name,
            "practice_phone": self.practice_phone,
        }


def _convert(raw: str, default: object) -> object:
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, tuple):
        return _split(raw)
    if isinstance(default, Path):
        return Path(raw)
    return raw


def load_settings(environ: Optional[Dict[str, str]] = None, dotenv: Optional[Path] = None) -> Settings:
    """Builds settings from `environ` (default: os.environ) over the `.env` file."""
    source = dict(_read_dotenv(dotenv or PROJECT_ROOT / ".env"))
    source.update(os.environ if environ is None else environ)
    values = {}
    for spec in fields(Settings):
        raw = source.get(spec.name.upper())
        if raw is None or raw == "":
            continue
        default = getattr(Settings, spec.name, None)
        values[spec.name] = _convert(raw, default)
    return Settings(**values)
