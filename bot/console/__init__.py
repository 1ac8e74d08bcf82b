"""The therapist console: server-rendered pages at /console to claim, answer and close handoffs.

`routes.add_console_routes(app, config)` mounts it on Rasa's Sanic app. Accounts are made with
`python -m bot.cli add-therapist NAME`.
"""
