"""Operator commands: `python -m bot.cli <command>`.

init-env           write a .env with fresh random secrets (only if there is none)
migrate            bring the app database to the newest schema
add-therapist      create a console account (asks for the password; --role beheerder)
accounts           list console accounts, their role and whether two-factor login is set up
totp-setup         set up an account's authenticator app now (asks for a code to confirm)
totp-reset         unlink an account's authenticator app; the next login sets up a new one
set-role           make an account therapist or beheerder
purge              delete conversations older than the retention period, and old closed handoffs
export-learned     write the examples assigned in the "Niet begrepen" inbox into data/nlu/learned.yml
retrain            export, train a model for the new data (finetuned from the last full model when
                   only examples of known intents were added; --full for a full training), and
                   switch the running server(s) to it

Each command loads the settings once and passes them on.
"""
from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT, load_settings


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
    from bot.privacy.files import describe, secure_storage

    # Set-up fixes the modes too, so that files an older version left world-readable are
    # private before anything starts (the servers check again at start).
    settings = load_settings()
    changed = describe(secure_storage(settings))
    if changed:
        print(f">> storage: {changed}")
    upgrade(settings.app_db)
    print(">> database schema is up to date")


def add_therapist(username: str, display_name: str, role: str = "therapist") -> None:
    from bot.console.accounts import create_therapist

    password = getpass.getpass("Wachtwoord: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    try:
        create_therapist(username=username, display_name=display_name, password=password, role=role,
                         db_url=load_settings().app_db)
    except ValueError as error:
        raise SystemExit(f"!! {error}") from None
    print(f">> {role} account '{username}' created; the first login sets up two-factor login")


def accounts() -> None:
    from bot.console.accounts import list_accounts

    for username, name, role, has_code in list_accounts(load_settings().app_db):
        print(f"{username:20} {role:10} {'2FA' if has_code else 'no 2FA yet':10} {name}")


def totp_setup(username: str) -> None:
    """Links an authenticator app from the server's terminal, confirmed with one code."""
    from bot.console.accounts import set_second_factor
    from bot.console.totp import grouped, matching_step, new_secret, provisioning_uri

    settings = load_settings()
    secret = new_secret()
    print(f"Key for the authenticator app (time-based): {grouped(secret)}", flush=True)
    print(f"Or: {provisioning_uri(secret, username, settings.practice_name)}", flush=True)
    code = input("Code from the app: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if matching_step(secret, code) is None:
        raise SystemExit("!! that code does not match; nothing changed")
    try:
        set_second_factor(username=username, secret=secret, db_url=settings.app_db)
    except ValueError as error:
        raise SystemExit(f"!! {error}") from None
    print(f">> two-factor login set up for '{username}'")


def account_change(username: str, *, role: str = "", reset: bool = False) -> None:
    from bot.console.accounts import set_role, set_second_factor

    db_url = load_settings().app_db
    try:
        if reset:
            set_second_factor(username=username, secret=None, db_url=db_url)
        if role:
            set_role(username=username, role=role, db_url=db_url)
    except ValueError as error:
        raise SystemExit(f"!! {error}") from None
    print(f">> account '{username}' changed")


def purge() -> None:
    from bot.privacy.retention import purge_expired

    settings = load_settings()
    removed = purge_expired(settings)
    print(f">> purged {removed} conversation(s) idle over {settings.retention_days} days "
          f"and handoffs closed over {settings.handoff_retention_days} days ago")


def export_learned() -> None:
    from bot.learning.export import export_learned as export

    report = export(url=load_settings().app_db)
    print(f">> {len(report.added)} new example(s) in {report.path}")
    for line in report.added:
        print(f"   + {line}")
    if report.skipped:
        print(f">> left out: {', '.join(f'{count} {why}' for why, count in report.skipped.items())}")


def retrain(servers, force: bool, full: bool) -> None:
    from bot.learning.retrain import retrain as run

    report = run(load_settings(), servers, force=force, full=full)
    if report.failed:
        raise SystemExit("!! not every server switched; they keep answering with the model they had")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-env")
    sub.add_parser("migrate")
    therapist = sub.add_parser("add-therapist")
    therapist.add_argument("username")
    therapist.add_argument("--name", default=None)
    therapist.add_argument("--role", choices=("therapist", "beheerder"), default="therapist")
    sub.add_parser("accounts")
    sub.add_parser("totp-setup").add_argument("username")
    sub.add_parser("totp-reset").add_argument("username")
    role = sub.add_parser("set-role")
    role.add_argument("username")
    role.add_argument("role", choices=("therapist", "beheerder"))
    sub.add_parser("purge")
    sub.add_parser("export-learned")
    again = sub.add_parser("retrain")
    again.add_argument("--server", action="append", default=[],
                       help="a Rasa server to switch (repeat for several; default: RASA_HOST:RASA_PORT)")
    again.add_argument("--force", action="store_true", help="train even if a model for the data exists")
    again.add_argument("--full", action="store_true",
                       help="a full training, not a finetuning of the last full model (new words reach DIET too)")
    args = parser.parse_args(argv)
    if args.command == "init-env":
        init_env()
    elif args.command == "migrate":
        migrate()
    elif args.command == "add-therapist":
        add_therapist(args.username, args.name or args.username, args.role)
    elif args.command == "accounts":
        accounts()
    elif args.command == "totp-setup":
        totp_setup(args.username)
    elif args.command == "totp-reset":
        account_change(args.username, reset=True)
    elif args.command == "set-role":
        account_change(args.username, role=args.role)
    elif args.command == "purge":
        purge()
    elif args.command == "export-learned":
        export_learned()
    elif args.command == "retrain":
        retrain(args.server, args.force, args.full)


if __name__ == "__main__":
    main()
