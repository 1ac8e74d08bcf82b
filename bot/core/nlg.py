"""Response generation that also fills the practice's own values and the console's edits.

Answers link to the practice's pages, name the practice and give its opening hours and
prices; those values belong in settings, practice.yml and the console's overrides, not in
every slot of every tracker, and must work with the action server down. Texts the
beheerder edited in the console (bot/content) replace the domain's, without retraining.
"""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.content.answers import answer_values, responses_with
from bot.content.config import ContentConfig
from bot.content.live import ContentSnapshot, live_content


class PracticeNLG(TemplatedNaturalLanguageGenerator):
    """The domain's responses (or their edited texts), with `{link_...}`, `{practice_...}` and slots filled in."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None,
                 config: Optional[ContentConfig] = None) -> None:
        super().__init__(domain.responses if domain else {})
        if config is None:
            # Rasa builds the NLG from endpoints.yml: the factory installed this process's settings.
            from bot.context import current_settings

            config = ContentConfig.from_settings(current_settings())
        self.config = config
        self._live = live_content(self.config.db_url)

    @property
    def responses(self) -> Dict[Text, List[Dict[Text, Any]]]:
        """The responses in force: the domain's with the console's edits (what Rasa's filter reads)."""
        return self._merged

    @responses.setter
    def responses(self, defaults: Dict[Text, List[Dict[Text, Any]]]) -> None:
        # Rasa sets this again when it loads a model (Agent.load_model), after construction.
        self._defaults = defaults or {}
        self._merged, self._merged_from = self._defaults, None

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        # A stale copy is read again off the event loop, so other conversations keep moving.
        await asyncio.to_thread(self._live.snapshot)
        return await super().generate(utter_action, tracker, output_channel, **kwargs)

    def generate_from_slots(
        self, utter_action: Text, filled_slots: Dict[Text, Any], output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        snapshot: ContentSnapshot = self._live.snapshot()
        if snapshot is not self._merged_from:
            self._merged, self._merged_from = responses_with(self._defaults, snapshot), snapshot
        values = {**answer_values(self.config, snapshot),
                  **{k: v for k, v in (filled_slots or {}).items() if v is not None}}
        return super().generate_from_slots(utter_action, values, output_channel, **kwargs)
