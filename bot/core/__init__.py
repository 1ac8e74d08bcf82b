"""Dialogue-level pieces that run inside the Rasa server: the care policy and the NLG."""
