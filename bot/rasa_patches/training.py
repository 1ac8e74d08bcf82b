"""Rasa's training with its cache off: no fingerprints for a cache that keeps nothing.

`TrainingHook` fingerprints every graph node's inputs before it runs and its output after
(all training messages with their features, some 1,400 dialogue trackers), to store them
in the training cache. The finetuning runs with the cache off (`RASA_MAX_CACHE_SIZE=0`,
bot/learning/finetune.py), where that was about a tenth of its CPU time, for nothing.
Installed only in the finetuning's own process, never in a server; with the cache on, the
hook does what Rasa wrote.
"""
from __future__ import annotations

import functools

from bot.rasa_patches.signatures import expect_attribute, expect_signature, is_installed, mark

PATCH = "training_hook_without_cache"
BEFORE = ("self", "node_name", "execution_context", "config", "received_inputs")
AFTER = ("self", "node_name", "execution_context", "config", "output", "input_hook_data")


def check() -> None:
    from rasa.engine.caching import LocalTrainingCache
    from rasa.engine.training.hooks import TrainingHook

    expect_signature(TrainingHook, "on_before_node", BEFORE)
    expect_signature(TrainingHook, "on_after_node", AFTER)
    expect_signature(LocalTrainingCache, "_is_disabled", ("self",))


def _cache_off(hook) -> bool:
    cache = expect_attribute(hook, "_cache", "bot/rasa_patches/training.py")
    return bool(getattr(cache, "_is_disabled", lambda: False)())


def install() -> None:
    """The training hook skips its fingerprints while the cache is off (idempotent)."""
    from rasa.engine.training.hooks import TrainingHook

    check()
    if is_installed(TrainingHook.on_before_node, PATCH):
        return
    original_before, original_after = TrainingHook.on_before_node, TrainingHook.on_after_node

    @functools.wraps(original_before)
    def on_before_node(self, node_name, execution_context, config, received_inputs):
        if _cache_off(self):
            return {}
        return original_before(self, node_name, execution_context, config, received_inputs)

    @functools.wraps(original_after)
    def on_after_node(self, node_name, execution_context, config, output, input_hook_data):
        if _cache_off(self):
            return None
        return original_after(self, node_name, execution_context, config, output, input_hook_data)

    TrainingHook.on_before_node = mark(on_before_node, PATCH)  # type: ignore[assignment]
    TrainingHook.on_after_node = mark(on_after_node, PATCH)  # type: ignore[assignment]
