"""rasa-sdk actions: thin adapters from a Tracker to the logic in `bot/`."""
