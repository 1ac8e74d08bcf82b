"""Operator commands: `python -m bot.cli <command>`.

init-env           write a .env with fresh random secrets (only if there is none)
migrate            bring the app database to the newest schema
add-therapist      create a console account (asks for the password)
purge              delete conversations older than the retention period
"""
from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT, get_settings


def init_env(path: Path = PROJECT_ROOT / ".env") -> None:
    if path.exists():
        return
    path.write_text(
        "# Local secrets for `make run`; never commit this file.\n"
        f"RASA_AUTH_TOKEN={secrets.token_urlsafe(24)}\n"
        f"CONSOLE_SECRET={secrets.token_urlsafe(32)}\n"
        f"TELEGRAM_SECRET={secrets.token_urlsafe(24)}\n",
        encoding="utf-8",
    )
    path.chmod(0o600)
    print(f">> wrote {path.name} with fresh secrets")


def migrate() -> None:
    from bot.db.migrate import upgrade

    get_settings().var_dir.mkdir(parents=True, exist_ok=True)
    upgrade()
    print(">> database schema is up to date")


def add_therapist(username: str, display_name: str) -> None:
    from bot.console.accounts import create_therapist

    password = getpass.getpass("Wachtwoord: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    try:
        create_therapist(username=username, display_name=display_name, password=password)
    except ValueError as error:
        raise SystemExit(f"!! {error}") from None
    print(f">> therapist account '{username}' created")


def purge() -> None:
    from bot.privacy.retention import purge_expired

    removed = purge_expired()
    print(f">> purged {removed} conversation(s) older than {get_settings().retention_days} days")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-env")
    sub.add_parser("migrate")
    therapist = sub.add_parser("add-therapist")
    therapist.add_argument("username")
    therapist.add_argument("--name", default=None)
    sub.add_parser("purge")
    args = parser.parse_args(argv)
    if args.command == "init-env":
        init_env()
    elif args.command == "migrate":
        migrate()
    elif args.command == "add-therapist":
        add_therapist(args.username, args.name or args.username)
    elif args.command == "purge":
        purge()


if __name__ == "__main__":
    main()
