"""HTTP routes the practice adds to the Rasa server: health, widget, demo page."""
