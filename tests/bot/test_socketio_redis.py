"""Widget pushes between instances: the channel's Redis manager, against a real redis-server.

`make cluster` checks the same with real widgets through nginx; this is the quick check.
"""
import asyncio
import shutil
import socket
import subprocess
import time

import pytest
from socketio import AsyncRedisManager, AsyncServer

from bot.channels.socketio import client_manager
from tests.settings import make_settings


def test_a_redis_manager_only_when_a_redis_is_configured(tmp_path):
    assert client_manager(make_settings(tmp_path)) is None
    from_locks = client_manager(make_settings(tmp_path, lock_store_url="redis://:pw@10.0.0.2:6379/1"))
    assert isinstance(from_locks, AsyncRedisManager) and from_locks.redis_url.endswith("10.0.0.2:6379/1")
    own = client_manager(make_settings(tmp_path, lock_store_url="redis://a:6379/1",
                                       socketio_redis_url="redis://b:6379/2"))
    assert own.redis_url == "redis://b:6379/2"


@pytest.fixture
def redis_url():
    # scripts/system_deps.sh (make test) installs it: a missing one is a failure, not a skip.
    assert shutil.which("redis-server"), "redis-server is missing: run scripts/system_deps.sh"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--requirepass", "pw"], stdout=subprocess.DEVNULL)
    try:
        import redis

        for _ in range(100):
            try:
                redis.Redis(port=port, password="pw").ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://:pw@127.0.0.1:{port}/1"
    finally:
        server.terminate()
        server.wait(10)


def test_an_emit_on_one_instance_reaches_a_socket_held_by_another(redis_url, tmp_path):
    settings = make_settings(tmp_path, lock_store_url=redis_url)

    async def main():
        sender = AsyncServer(async_mode="asgi", client_manager=client_manager(settings))
        holder = AsyncServer(async_mode="asgi", client_manager=client_manager(settings))
        delivered = []

        async def send_eio_packet(eio_sid, packet):
            delivered.append((eio_sid, packet.encode() if hasattr(packet, "encode") else packet))

        holder._send_eio_packet = send_eio_packet
        holder.manager.initialize()  # what the first connection does in the server
        sid = await holder.manager.connect("eio-1", "/")
        await holder.manager.enter_room(sid, "/", "session-abc")
        await asyncio.sleep(0.5)  # the holder's listener subscribes
        await sender.emit("bot_uttered", {"text": "Bericht van de therapeut"}, room="session-abc")
        await sender.emit("bot_uttered", {"text": "voor een ander"}, room="session-other")
        for _ in range(50):
            if delivered:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.3)
        holder.manager.thread.cancel()
        return delivered

    delivered = asyncio.run(main())
    assert len(delivered) == 1 and delivered[0][0] == "eio-1"
    assert "Bericht van de therapeut" in str(delivered[0][1])
