"""Rasa's SQL tracker store, configured by one SQLAlchemy URL from settings.

Stock `SQLTrackerStore` wants dialect, host, port and database as separate keys; a
practice's operator has one URL (sqlite:///var/tracker.db or postgresql://...).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bot.db.compacting_store import CompactingStore
from bot.settings import Settings


def _installed() -> Settings:
    """Rasa builds the tracker store from endpoints.yml; the factory installed the settings first."""
    from bot.context import current_settings

    return current_settings()


class UrlSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that takes `url:` (endpoints.yml; None: the installed settings' tracker URL)."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        url: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        parsed = make_url(url or _installed().tracker_db)
        if parsed.drivername.startswith("sqlite") and parsed.database:
            from bot.privacy.files import create_private_file

            create_private_file(Path(parsed.database))  # before Rasa creates it world-readable
        super().__init__(
            domain=domain,
            dialect=parsed.drivername,
            host=parsed.host,
            port=parsed.port,
            db=parsed.database,
            username=parsed.username,
            password=parsed.password,
            query=dict(parsed.query) or None,
            event_broker=event_broker,
            **{k: v for k, v in kwargs.items() if k not in {"dialect", "host", "port", "db"}},
        )
        if parsed.drivername.startswith("sqlite"):
            from bot.rasa_patches.tracker_store import use_pooled_sqlite

            use_pooled_sqlite(self)


ERASE_ACTION = "action_delete_my_data"


def erasure_point(events: List[Event]) -> Optional[int]:
    """Index just after the `Restarted` that follows a delete request, if there is one."""
    from rasa.shared.core.events import ActionExecuted, Restarted

    requested = False
    point = None
    for index, event in enumerate(events):
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            requested = True
        elif requested and isinstance(event, Restarted):
            point = index + 1
    return point


class ErasingSQLTrackerStore(CompactingStore, UrlSQLTrackerStore):
    """Deletes a conversation's stored events when the user asked to be forgotten.

    Rasa appends events and never removes them; a `Restarted` only hides them from the
    dialogue. When `action_delete_my_data` ran, everything of the conversation goes
    (`bot.privacy.erase.erase_conversation`: events, app rows, the SQLite WALs),
    and only what came after its `Restarted` is kept. Long sessions load compacted (`bot.db.compacting_store`).
    """

    def __init__(self, *args: Any, app_url: Optional[str] = None, **kwargs: Any) -> None:
        """`app_url` (None: the installed settings' app database) is where an erasure also deletes."""
        super().__init__(*args, **kwargs)
        self._app_url = app_url

    @property
    def app_url(self) -> str:
        return self._app_url or _installed().app_db

    async def save(self, tracker: DialogueStateTracker) -> None:
        point = erasure_point(list(tracker.events))
        if point is None:
            await super().save(tracker)
            return
        from bot.privacy.erase import erase_conversation

        self.heads.drop(tracker.sender_id)  # its slot values must not outlive the rows
        erase_conversation(tracker.sender_id, tracker=self.engine, app_url=self.app_url)
        kept = DialogueStateTracker.from_events(tracker.sender_id, list(tracker.events)[point:],
                                                self.domain.slots if self.domain else [])
        await super().save(kept)
