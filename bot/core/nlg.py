"""Response generation that also fills the practice's own values.

Answers link to the practice's pages, name the practice and give its opening hours and
prices; those values belong in settings and practice.yml, not in every slot of every
tracker, and must work with the action server down.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from bot.practice.details import practice_values
from bot.settings import get_settings


def settings_values() -> Dict[Text, Any]:
    settings = get_settings()
    links = settings.practice_links()
    return {
        **links,
        **practice_values(settings.practice_file, links),
        "retention_days": settings.retention_days,
    }


class PracticeNLG(TemplatedNaturalLanguageGenerator):
    """The domain's responses, with `{link_...}`, `{practice_...}` and slots filled in."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None) -> None:
        super().__init__(domain.responses if domain else {})

    def generate_from_slots(
        self, utter_action: Text, filled_slots: Dict[Text, Any], output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        values = {**settings_values(), **{k: v for k, v in (filled_slots or {}).items() if v is not None}}
        return super().generate_from_slots(utter_action, values, output_channel, **kwargs)
