"""The starter plan: its form, its text, storing it, and its daily reminder's schedule.

- the form: `questions.py` (what is asked, in which order), `form.py` (what a message is
  for the question asked), `validators.py` with `amounts.py`, `clock.py`, `choice_words.py`
  and `number_words.py` (reading the answers), `choices.py` (the answers as one value)
- the plan: `plan_text.py` and `magnesium.py` (the plan in plain Dutch, magnesium per portion)
- the turns around it: `dialogue.py` (start, change, finish, show, stop reminders)
- keeping it: `store.py` (plans and reminders tables), `schedule.py` (when reminders fire),
  `rearm.py` (reminders put back after a restart)

`actions/plan.py` is the thin Rasa adapter. Breathing is in `bot/exercises`, pain
scores, check-ins and the chart in `bot/progress`.
"""
