"""Every change this project makes to Rasa's behaviour, installed from one place.

| module            | Rasa function or attribute                      | what changes                      |
|-------------------|-------------------------------------------------|-----------------------------------|
| `processor.py`    | `MessageProcessor.handle_message` (class)       | gate, inbound screen, welcome     |
| `actions.py`      | `RemoteAction.run`, `._validate_action_result`  | timeout + apology; one validator  |
| `agent.py`        | `agent.handle_message`, `agent.tracker_store`   | tracked for a stop; no fail-safe  |
| `tracker_store.py`| `SQLTrackerStore.engine`, `.sessionmaker`; the  | pooled SQLite; checks what        |
|                   | private methods `bot.db.compacting_store` uses  | compaction overrides              |
| `training.py`     | `TrainingHook.on_before_node`, `.on_after_node` | no fingerprints with the training |
|                   | (only in the finetuning's process)              | cache off (bot.learning.finetune) |

The logic stays in the modules named for it (`bot.channels.inbound`, `bot.core.admission`,
`bot.core.shutdown`, `bot.core.resilience`, `bot.db`); here is only where it is hooked in.

Start-up (`bot.server.create_app`):

    install_process_patches(settings)   # before the app is built: class-level patches
    install_agent_patches(agent)        # once the agent is loaded (after_server_start)

After a model switch that builds a new `Agent`, call `install_agent_patches(new_agent)`
before it takes messages (class-level patches survive any switch). Both are idempotent.
Each patch first checks that the Rasa functions it wraps take the parameters it was
written for (`signatures.expect_signature`); if not, `RasaChanged` (a `SystemExit`)
stops the server with a message that names the function.
"""
from __future__ import annotations

from typing import Any, List

from bot.rasa_patches.signatures import RasaChanged

__all__ = ["RasaChanged", "check_all", "install_agent_patches", "install_process_patches", "missing_patches"]


def check_all() -> None:
    """Raises `RasaChanged` if any Rasa function a patch relies on has changed."""
    from bot.rasa_patches import actions, agent, processor, tracker_store

    for module in (processor, actions, agent, tracker_store):
        module.check()


def install_process_patches(settings: Any) -> None:
    """The class-level patches and the message gate, for this process (idempotent).

    Checks every patch first, the per-agent ones too, so a changed Rasa stops the
    start before the server listens.
    """
    from bot.core.admission import open_gate
    from bot.rasa_patches import actions, processor

    check_all()
    open_gate(settings.max_concurrent_messages)
    actions.install(settings.action_timeout_seconds)
    processor.install(settings.max_message_chars)


def install_agent_patches(agent: Any) -> None:
    """The per-agent patches, on a loaded agent (idempotent; again after a model switch)."""
    from bot.rasa_patches import agent as agent_patches

    agent_patches.install(agent)


def missing_patches(agent: Any) -> List[str]:
    """The patches that are not (or no longer) in place for `agent`: empty when all are.

    A model switch checks this before it lets a new model answer (`bot.learning.switch`).
    """
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import FailSafeTrackerStore

    from bot.rasa_patches import actions, agent as agent_patches, processor
    from bot.rasa_patches.signatures import is_installed

    wanted = [(MessageProcessor.handle_message, processor.PATCH, "MessageProcessor.handle_message"),
              (RemoteAction.run, actions.RUN_PATCH, "RemoteAction.run"),
              (RemoteAction._validate_action_result, actions.VALIDATE_PATCH, "RemoteAction._validate_action_result"),
              (agent.handle_message, agent_patches.PATCH, "agent.handle_message")]
    missing = [name for function, patch, name in wanted if not is_installed(function, patch)]
    if isinstance(agent.tracker_store, FailSafeTrackerStore):
        missing.append("tracker store without silent fallback")
    return missing
