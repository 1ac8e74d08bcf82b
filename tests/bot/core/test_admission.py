"""The first-come-first-served gate in front of message handling."""
from __future__ import annotations

import asyncio
from typing import List

import pytest

from bot.core.admission import FifoGate


async def _hold(gate: FifoGate, name: str, log: List[str], release: asyncio.Event) -> None:
    async with gate:
        log.append(name)
        await release.wait()


def test_a_gate_needs_room():
    with pytest.raises(ValueError):
        FifoGate(0)


def test_no_more_than_the_limit_inside_and_the_rest_enter_in_arrival_order():
    async def scenario():
        gate, log, release = FifoGate(2), [], asyncio.Event()
        tasks = [asyncio.create_task(_hold(gate, f"m{i}", log, release)) for i in range(5)]
        await asyncio.sleep(0.01)
        assert log == ["m0", "m1"] and gate.inside == 2 and gate.waiting == 3
        release.set()
        await asyncio.gather(*tasks)
        assert log == ["m0", "m1", "m2", "m3", "m4"] and gate.inside == 0 and gate.waiting == 0

    asyncio.run(scenario())


def test_a_newcomer_does_not_overtake_someone_already_waiting():
    async def scenario():
        gate, log = FifoGate(1), []
        first_out = asyncio.Event()
        holder = asyncio.create_task(_hold(gate, "holder", log, first_out))
        await asyncio.sleep(0)
        waiter = asyncio.create_task(_hold(gate, "waiter", log, asyncio.Event()))
        await asyncio.sleep(0)
        first_out.set()
        await holder  # the place is handed to the waiter before the newcomer asks
        newcomer = asyncio.create_task(_hold(gate, "newcomer", log, asyncio.Event()))
        await asyncio.sleep(0.01)
        assert log == ["holder", "waiter"] and gate.waiting == 1
        waiter.cancel()
        await asyncio.sleep(0.01)
        assert log == ["holder", "waiter", "newcomer"]
        newcomer.cancel()
        await asyncio.gather(waiter, newcomer, return_exceptions=True)
        assert gate.inside == 0

    asyncio.run(scenario())


def test_a_waiter_that_gives_up_leaves_no_hole_and_loses_no_place():
    async def scenario():
        gate, log, release = FifoGate(1), [], asyncio.Event()
        holder = asyncio.create_task(_hold(gate, "holder", log, release))
        await asyncio.sleep(0)
        quitter = asyncio.create_task(_hold(gate, "quitter", log, asyncio.Event()))
        patient = asyncio.create_task(_hold(gate, "patient", log, asyncio.Event()))
        await asyncio.sleep(0)
        quitter.cancel()  # e.g. the HTTP request timed out while waiting
        release.set()
        await holder
        await asyncio.sleep(0.01)
        assert log == ["holder", "patient"] and gate.inside == 1
        patient.cancel()
        await asyncio.gather(quitter, patient, return_exceptions=True)
        assert gate.inside == 0 and gate.waiting == 0

    asyncio.run(scenario())


def test_an_error_inside_frees_the_place():
    async def scenario():
        gate = FifoGate(1)
        with pytest.raises(RuntimeError):
            async with gate:
                raise RuntimeError("the tracker store is down")
        async with gate:
            assert gate.inside == 1
        assert gate.inside == 0

    asyncio.run(scenario())


def test_stepping_out_lets_the_next_in_and_comes_back_first():
    from bot.core import admission

    async def scenario():
        gate = admission.FifoGate(1)
        log: List[str] = []
        action_done = asyncio.Event()

        async def with_action(name: str) -> None:
            await gate.enter()
            token = admission._holding.set(True)
            log.append(f"{name} in")
            async with admission.stepped_out():  # waiting for the action server
                log.append(f"{name} out")
                await action_done.wait()
            log.append(f"{name} back")
            admission._holding.reset(token)
            gate.leave()

        original, admission._gate = admission._gate, gate
        try:
            first = asyncio.create_task(with_action("a"))
            await asyncio.sleep(0.01)
            second = asyncio.create_task(_hold(gate, "b", log, asyncio.Event()))
            third = asyncio.create_task(_hold(gate, "c", log, asyncio.Event()))
            await asyncio.sleep(0.01)
            assert log == ["a in", "a out", "b"]  # b works while a waits for its action
            action_done.set()
            await asyncio.sleep(0.01)
            second.cancel()  # b finishes: a comes back before c, who came later
            await asyncio.sleep(0.01)
            assert log[3] == "a back"
            await first
            await asyncio.sleep(0.01)
            assert log[-1] == "c"
            third.cancel()
            await asyncio.gather(second, third, return_exceptions=True)
            assert gate.inside == 0 and gate.waiting == 0
        finally:
            admission._gate = original

    asyncio.run(scenario())


def test_stepping_out_outside_the_gate_does_nothing():
    from bot.core import admission

    async def scenario():
        async with admission.stepped_out():
            return "ran"

    assert asyncio.run(scenario()) == "ran"
