"""Exercises done together in the chat: the paced breathing exercise (`breathing.py`).

`actions/breathing.py` is the thin Rasa adapter; the steps, their timing and their words
live here and are testable without a server.
"""
