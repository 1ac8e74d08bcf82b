"""Rasa NLU components and the Dutch spaCy pipeline the project builds for itself."""
