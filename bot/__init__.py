"""Rugwijzer: the assistant's own logic, importable without a running Rasa server."""
