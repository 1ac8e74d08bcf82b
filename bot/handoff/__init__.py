"""Handing a conversation to a therapist: contact details, transcript, record and e-mail.

Plain Python, testable without Rasa: `actions/handoff.py` only adapts a tracker to it,
and the therapist console (`bot.console`) reads and updates the same records.
"""
