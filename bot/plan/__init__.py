"""The starter plan, guided breathing, reminders, check-ins and progress: plain Python.

`actions/plan.py`, `actions/breathing.py` and `actions/progress.py` are the thin Rasa
adapters; everything that decides something lives here and is testable without a server.
"""
