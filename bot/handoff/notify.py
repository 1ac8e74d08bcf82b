"""Tells the therapists by e-mail that a conversation waits for them.

The mail says how urgent it is, which red flags were seen, how the user wants to be
reached, and links to the console. It never holds the conversation itself, nor the
user's number or address: e-mail is often unencrypted, the console is behind a login.
"""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import List, Sequence

from bot.handoff.urgency import contact_method_label, level_label, red_flag_labels

logger = logging.getLogger(__name__)
SMTP_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class HandoffNotice:
    """The facts of a new handoff that may travel by e-mail."""

    handoff_id: int
    level: str
    red_flags: Sequence[str]
    contact_method: str


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    sender: str
    recipients: Sequence[str]


def console_link(base_url: str, handoff_id: int) -> str:
    return f"{base_url.rstrip('/')}/console/handoffs/{handoff_id}"


def compose_mail(notice: HandoffNotice, *, practice_name: str, console_base_url: str,
                 sender: str, recipients: Sequence[str]) -> EmailMessage:
    """The notification mail (Dutch: therapists read it)."""
    flags: List[str] = red_flag_labels(notice.red_flags)
    message = EmailMessage()
    message["Subject"] = f"Rugwijzer: nieuwe vraag voor een therapeut ({level_label(notice.level)})"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message.set_content(
        "\n".join([
            f"Een gesprek met de chatassistent van {practice_name} is doorgegeven aan een therapeut.",
            "",
            f"Urgentie: {level_label(notice.level)}",
            f"Alarmsignalen: {', '.join(flags) if flags else 'geen'}",
            f"Contact: {contact_method_label(notice.contact_method)}",
            "",
            "Bekijk het gesprek in de console (inloggen nodig):",
            console_link(console_base_url, notice.handoff_id),
            "",
            "Het gesprek zelf en de contactgegevens staan bewust niet in deze e-mail.",
        ])
    )
    return message


def send_mail(message: EmailMessage, server: MailServer) -> bool:
    """Sends `message`; logs and returns False on any failure instead of raising."""
    if not server.recipients:
        logger.error("Handoff mail not sent: no therapist e-mail addresses configured")
        return False
    try:
        with smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            smtp.send_message(message, from_addr=server.sender, to_addrs=list(server.recipients))
    except (OSError, smtplib.SMTPException) as error:
        logger.error("Handoff mail to %d therapist(s) failed: %s: %s",
                     len(server.recipients), type(error).__name__, error)
        return False
    logger.info("Handoff mail sent to %d therapist(s)", len(server.recipients))
    return True
