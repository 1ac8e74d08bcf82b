"""The ticket lock's race (issue #7): Rasa's waiter hangs after a dead holder, ours does not.

The in-memory tests run asyncio on a simulated clock (a sleep ends at once and the clock
jumps to its end), so Rasa's real poll interval (1 s) and the cluster's lifetime (20 s)
are used as they are and each test takes milliseconds. Every store call costs 1 ms of
that clock, as a Redis round trip does. The last test uses a real redis-server when one
is installed and is skipped otherwise.
"""
import asyncio
import random
import shutil
import socket
import subprocess
import threading
import time
import types

import pytest
import rasa.core.lock
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.utils.endpoints import read_endpoint_config

import bot.core.lock_store
from bot.core.lock_store import InMemoryTicketLockStore, RedisTicketLockStore
from bot.settings import PROJECT_ROOT, load_settings

LIFETIME, POLL, EPOCH = 20.0, 1.0, 1_700_000_000.0


class SimulatedTimeLoop(asyncio.SelectorEventLoop):
    """No I/O happens in these tests: waiting for a timer just moves the clock to it."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0
        self._selector.select = self._jump

    def time(self) -> float:
        return self.now

    def _jump(self, timeout):
        if timeout is None:
            raise RuntimeError("every task waits and no timer is set")
        self.now += timeout
        return []


@pytest.fixture
def sim(monkeypatch):
    """(loop, make_store): tickets expire on the loop's clock; store calls cost 1 ms."""
    loop = SimulatedTimeLoop()
    wall = types.SimpleNamespace(time=lambda: EPOCH + loop.now)
    monkeypatch.setattr(rasa.core.lock, "time", wall)
    monkeypatch.setattr(bot.core.lock_store, "time", wall)

    def make_store(store_class):
        store = store_class()
        original = store.get_lock

        def get_lock(conversation_id):
            loop.now += 0.001
            return original(conversation_id)

        store.get_lock = get_lock
        return store

    yield loop, make_store
    loop.close()


async def _wait_for_lock(loop, store, lifetime=LIFETIME) -> float:
    async with store.lock("c", lifetime, POLL):
        return loop.now


def _after_dead_holder(loop, store, gap: float):
    """A ticket whose instance is SIGKILLed at once (never released); the conversation's
    next message arrives `gap` s later on the other instance."""
    store.issue_ticket("c", LIFETIME)
    loop.now += gap
    return asyncio.wait_for(_wait_for_lock(loop, store), timeout=10 * LIFETIME)


def test_stock_rasa_waiter_hangs_after_a_dead_holder(sim):
    """EXPECTED TO HANG: this documents Rasa 3.6's bug (if it ever passes no more, Rasa
    fixed it). Polls at 0.1 + k x 1.002 s miss the window (20.0, 20.1] in which the dead
    ticket has expired and the waiter's own has not; at 20.14 both are gone, the empty lock
    stays stored, `now_serving` is 0 and the waiter (ticket 1) waits for good."""
    loop, make_store = sim
    store = make_store(InMemoryLockStore)

    async def main():
        waiter = asyncio.ensure_future(_after_dead_holder(loop, store, gap=0.1))
        await asyncio.sleep(5 * LIFETIME)
        hung = not waiter.done() and not store.conversation_locks["c"].tickets
        waiter.cancel()
        return hung

    assert loop.run_until_complete(main())  # still waiting on a stored, empty lock


@pytest.mark.parametrize("gap", [0.001, 0.1, 0.5, 0.999, 3.0])
def test_our_waiter_is_served_one_poll_after_the_dead_ticket_expires(sim, gap):
    loop, make_store = sim
    store = make_store(InMemoryTicketLockStore)
    served_at = loop.run_until_complete(_after_dead_holder(loop, store, gap))
    assert LIFETIME < served_at < LIFETIME + POLL + 0.1
    assert "c" not in store.conversation_locks  # released and deleted


def _reissued_number_scenario(loop, store):
    """W queues 0.5 s behind a dead holder and polls every 7 s. Both tickets expire before
    its poll at 21.5; in between X (20.8) finds the lock empty and is served with ticket 0
    (numbering restarts), and Y (21.0) is issued ticket 1: W's number. Y holds 24-30."""
    holders, most = set(), [0]

    async def message(name, arrives, poll, work):
        await asyncio.sleep(arrives - loop.now)
        async with store.lock("c", LIFETIME, poll):
            holders.add(name)
            most[0] = max(most[0], len(holders))
            await asyncio.sleep(work)
            holders.discard(name)

    async def main():
        store.issue_ticket("c", LIFETIME)  # the dead holder
        plan = [("W", 0.5, 7, 3), ("X", 20.8, POLL, 3), ("Y", 21.0, POLL, 6)]
        await asyncio.wait([asyncio.ensure_future(message(*m)) for m in plan], timeout=200)

    loop.run_until_complete(main())
    return most[0]


def test_stock_rasa_lets_two_holders_in_when_a_number_is_issued_again(sim):
    """EXPECTED TO BREAK MUTUAL EXCLUSION in stock Rasa: at 28.5 W sees ticket 1 (Y's)
    "now serving" and goes in while Y holds the lock."""
    loop, make_store = sim
    assert _reissued_number_scenario(loop, make_store(InMemoryLockStore)) == 2


def test_ours_tells_a_reissued_number_from_the_expired_ticket(sim):
    """W's ticket is (1, its expiry), not Y's (1, another expiry): W queues again as 2."""
    loop, make_store = sim
    assert _reissued_number_scenario(loop, make_store(InMemoryTicketLockStore)) == 1


def test_mutual_exclusion_under_concurrent_tasks_with_dead_holders(sim):
    """200 messages over 4 conversations, bursts that queue past the ticket lifetime
    (so waiting tickets expire and re-queue), and holders that die without releasing."""
    loop, make_store = sim
    store = make_store(InMemoryTicketLockStore)
    rng = random.Random(7)
    inside = {c: 0 for c in "abcd"}
    most, served = [0], []

    async def message(conversation, arrives, work, dies):
        await asyncio.sleep(arrives)
        if dies:
            store.issue_ticket(conversation, 5.0)
            return
        async with store.lock(conversation, 5.0, 0.25):
            inside[conversation] += 1
            most[0] = max(most[0], inside[conversation])
            await asyncio.sleep(work)
            inside[conversation] -= 1
        served.append(conversation)

    plans = [(rng.choice("abcd"), rng.uniform(0, 60), rng.uniform(0, 2.0), rng.random() < 0.05)
             for _ in range(200)]

    async def main():
        await asyncio.wait_for(asyncio.gather(*(message(*plan) for plan in plans)), timeout=3600)

    loop.run_until_complete(main())
    assert most[0] == 1
    assert len(served) == sum(1 for plan in plans if not plan[3])
    assert not store.conversation_locks  # every lock released or expired, and deleted


def _lock_store_config(monkeypatch, tmp_path, url):
    """The lock store's EndpointConfig as bot.server gets it: settings -> env -> endpoints.yml."""
    settings = load_settings({"LOCK_STORE_URL": url}, tmp_path / "missing.env")
    for name, value in settings.endpoint_environment().items():
        monkeypatch.setenv(name, value)
    return read_endpoint_config(str(PROJECT_ROOT / "endpoints.yml"), "lock_store")


def test_password_and_db_in_the_url_reach_the_redis_lock_store(monkeypatch, tmp_path):
    config = _lock_store_config(monkeypatch, tmp_path, "redis://:s3cr%40t%3Ax@10.1.2.3:6390/3")
    assert config.type == "bot.core.lock_store.RedisTicketLockStore"
    store = LockStore.create(config)  # how Rasa builds it; redis-py connects lazily
    assert isinstance(store, RedisTicketLockStore) and store.key_prefix == "lock:"
    options = store.red.connection_pool.connection_kwargs
    assert (options["host"], options["port"], options["db"]) == ("10.1.2.3", 6390, 3)
    assert options["password"] == "s3cr@t:x" and options["username"] is None


def test_without_a_url_the_lock_store_is_rasas_in_memory_one(monkeypatch, tmp_path):
    config = _lock_store_config(monkeypatch, tmp_path, "")
    assert type(LockStore.create(config)) is InMemoryLockStore


@pytest.fixture
def redis_url():
    """A private redis-server that wants a password, when one is installed."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (make cluster covers Redis)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = f"port {port}\nbind 127.0.0.1\nrequirepass pw\nsave \"\"\nappendonly no\n"
    server = subprocess.Popen(["redis-server", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    server.stdin.write(config.encode())
    server.stdin.close()
    try:
        import redis

        client = redis.Redis(port=port, password="pw")
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://:pw@127.0.0.1:{port}/2"
    finally:
        server.terminate()
        server.wait(10)


def test_two_instances_share_one_redis_with_a_password(redis_url, monkeypatch, tmp_path):
    config = _lock_store_config(monkeypatch, tmp_path, redis_url)
    stores = [LockStore.create(config) for _ in range(2)]  # two Rasa instances
    inside, most, errors, guard = [0], [0], [], threading.Lock()

    async def message(store):
        async with store.lock("conv", 5.0, 0.005):
            with guard:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            assert 0 < store.red.pttl("lock:conv") <= 6000  # the key expires with its tickets
            await asyncio.sleep(0.002)
            with guard:
                inside[0] -= 1

    def instance(store):
        async def main():
            await asyncio.gather(*(message(store) for _ in range(15)))

        try:
            asyncio.run(main())
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=instance, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and most[0] == 1
    assert stores[0].red.get("lock:conv") is None  # the last release deleted the lock

    # The race through Redis, in real time: both tickets have expired at the first poll.
    stores[0].issue_ticket("dead", 0.3)
    started = time.monotonic()

    async def wait():
        async with stores[1].lock("dead", 0.3, 0.5):
            return time.monotonic() - started

    assert 0.3 < asyncio.run(wait()) < 1.5


# Renewal (issue #15): a live holder renews its ticket, so a short lifetime is safe and a
# dead instance's conversation is free again within seconds. SHORT is the cluster's value.
SHORT = 3.0


def _instance_pair(make_store):
    """Two instances' stores sharing one lock table, as two processes share Redis."""
    first, second = make_store(InMemoryTicketLockStore), make_store(InMemoryTicketLockStore)
    second.conversation_locks = first.conversation_locks
    return first, second


def test_a_live_holder_working_far_past_the_lifetime_is_never_overtaken(sim):
    loop, make_store = sim
    first, second = _instance_pair(make_store)
    timeline = []

    async def holder():
        async with first.lock("c", SHORT):
            timeline.append(("a in", loop.now))
            await asyncio.sleep(20 * SHORT)  # a slow action server, say
            timeline.append(("a out", loop.now))

    async def next_message():
        await asyncio.sleep(1.0)
        async with second.lock("c", SHORT):
            timeline.append(("b in", loop.now))

    async def main():
        await asyncio.gather(holder(), next_message())

    loop.run_until_complete(main())
    assert [name for name, _ in timeline] == ["a in", "a out", "b in"]
    assert not first.conversation_locks


def test_the_next_message_after_a_holder_dies_mid_work_waits_about_one_lifetime(sim):
    """The holder renews for 10 s, then its process dies: no more renewals, no release."""
    loop, make_store = sim
    dying, survivor = _instance_pair(make_store)
    died_at = []

    async def holder_that_dies():
        async with dying.lock("c", SHORT):
            await asyncio.sleep(10.0)
            died_at.append(loop.now)

            def gone(*_args, **_kwargs):
                raise ConnectionError("process killed")

            dying._atomic = gone  # nothing of this process reaches the store any more
            await asyncio.sleep(3600)

    async def next_message():
        await asyncio.sleep(10.5)  # sent once the previous one failed
        async with survivor.lock("c", SHORT):
            return loop.now

    async def main():
        dead = asyncio.ensure_future(holder_that_dies())
        served_at = await asyncio.wait_for(next_message(), timeout=60)
        dead.cancel()
        return served_at

    served_at = loop.run_until_complete(main())
    # At most one lifetime after the last renewal, plus one poll (a quarter lifetime).
    assert died_at[0] < served_at <= died_at[0] + SHORT + SHORT / 4 + 0.1


def test_a_waiter_keeps_its_place_while_waiting_longer_than_the_lifetime(sim):
    """Without renewing its own ticket on each poll, B's would expire while A works and B
    would queue again behind C."""
    loop, make_store = sim
    store = make_store(InMemoryTicketLockStore)
    order = []

    async def message(name, arrives, work):
        await asyncio.sleep(arrives)
        async with store.lock("c", SHORT):
            order.append(name)
            await asyncio.sleep(work)

    async def main():
        await asyncio.gather(message("a", 0, 4 * SHORT), message("b", 0.5, 0.1), message("c", 1.0, 0.1))

    loop.run_until_complete(main())
    assert order == ["a", "b", "c"]


def test_mutual_exclusion_with_a_short_lifetime_and_long_turns(sim):
    """Turns up to 4x the lifetime, bursts, holders that die: never two at once."""
    loop, make_store = sim
    first, second = _instance_pair(make_store)
    rng = random.Random(15)
    inside = {c: 0 for c in "ab"}
    most, served = [0], []

    async def message(store, conversation, arrives, work, dies):
        await asyncio.sleep(arrives)
        if dies:
            store.issue_ticket(conversation, SHORT)
            return
        async with store.lock(conversation, SHORT):
            inside[conversation] += 1
            most[0] = max(most[0], inside[conversation])
            await asyncio.sleep(work)
            inside[conversation] -= 1
        served.append(conversation)

    plans = [(rng.choice((first, second)), rng.choice("ab"), rng.uniform(0, 120),
              rng.uniform(0, 4 * SHORT), rng.random() < 0.05) for _ in range(120)]

    async def main():
        await asyncio.wait_for(asyncio.gather(*(message(*plan) for plan in plans)), timeout=36000)

    loop.run_until_complete(main())
    assert most[0] == 1
    assert len(served) == sum(1 for plan in plans if not plan[4])
    assert not first.conversation_locks
