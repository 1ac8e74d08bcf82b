"""Rasa's own command line with this process's settings installed.

Rasa builds the CarePolicy, PracticeNLG and tracker store itself, and they read the
settings that `bot.context` holds; stock `rasa test` installs none. This entry point
loads the settings once, installs them, and hands the arguments to Rasa.

    python -m bot.rasa_command test core --model models/... --stories tests/test_stories.yml
"""
from __future__ import annotations


def main() -> None:
    from rasa.__main__ import main as rasa_main

    from bot.context import install_settings
    from bot.settings import load_settings

    install_settings(load_settings())
    rasa_main()


if __name__ == "__main__":
    main()
