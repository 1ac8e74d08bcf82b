"""Load generation over the REST channel: conversations, sequential or N at a time.

Our own asyncio + aiohttp generator instead of locust: aiohttp is already pinned by Rasa,
and locust's gevent and Flask pins clash with Rasa's. Every loop here is bounded twice,
by the script's length and by a wall-clock limit, and only talks to the URL it is given
(loopback in every caller).
"""
from __future__ import annotations

import asyncio
import math
import socket
import time
from dataclasses import asdict, dataclass
from typing import Callable, Dict, List, Optional, Sequence

from benchmarks.script import Conversation

REST_PATH = "/webhooks/rest/webhook"
UPSTREAM_HEADER = "X-Rugwijzer-Upstream"


@dataclass
class Sample:
    """One message's round trip, as the client saw it."""

    conversation: int
    turn: int
    sender: str
    kind: str
    text: str
    seconds: float
    status: int  # 0: no HTTP answer at all (connection reset, timeout)
    replies: int
    error: str = ""
    upstream: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.replies > 0 and not self.error


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return ordered[rank - 1]


def summarize(samples: List[Sample], wall_seconds: float) -> Dict[str, float]:
    """Latency percentiles in ms over answered messages; errors and throughput over all."""
    answered = [s.seconds * 1000 for s in samples if s.ok]
    return {
        "messages": len(samples),
        "errors": sum(1 for s in samples if not s.ok),
        "empty_replies": sum(1 for s in samples if s.status == 200 and s.replies == 0),
        "p50_ms": percentile(answered, 50),
        "p95_ms": percentile(answered, 95),
        "p99_ms": percentile(answered, 99),
        "mean_ms": sum(answered) / len(answered) if answered else math.nan,
        "max_ms": max(answered) if answered else math.nan,
        "wall_s": wall_seconds,
        "throughput_msg_s": len(answered) / wall_seconds if wall_seconds > 0 else math.nan,
    }


def by_kind(samples: List[Sample]) -> Dict[str, Dict[str, float]]:
    """p50/p95 per kind of turn: tells which turns make the tail."""
    kinds: Dict[str, List[float]] = {}
    for sample in samples:
        if sample.ok:
            kinds.setdefault(sample.kind, []).append(sample.seconds * 1000)
    return {kind: {"count": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95)}
            for kind, v in sorted(kinds.items())}


def slowest(samples: List[Sample], count: int = 8) -> List[Dict[str, object]]:
    """The slowest answered messages: which texts make the tail."""
    ranked = sorted((s for s in samples if s.ok), key=lambda s: s.seconds, reverse=True)
    return [{"ms": round(s.seconds * 1000, 1), "kind": s.kind, "turn": s.turn, "text": s.text}
            for s in ranked[:count]]


async def send(session, base_url: str, sender: str, text: str, timeout: float):
    """(status, replies, error, upstream, seconds) of one REST message."""
    import aiohttp

    started = time.perf_counter()
    status, replies, error, upstream = 0, 0, "", ""
    try:
        async with session.post(base_url + REST_PATH, json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as reply:
            status = reply.status
            upstream = reply.headers.get(UPSTREAM_HEADER, "")
            body = await reply.json(content_type=None) if status == 200 else await reply.text()
            if status == 200:
                replies = len(body) if isinstance(body, list) else 0
            else:
                error = f"HTTP {status}"
    except asyncio.TimeoutError:
        error = "timeout"
    except Exception as failure:  # noqa: BLE001 - every failure is counted, none stops the run
        error = type(failure).__name__
    return status, replies, error, upstream, time.perf_counter() - started


async def run_load(
    base_url: str,
    conversations: List[Conversation],
    *,
    concurrency: int = 1,
    sender_prefix: str = "bench",
    time_limit: float = 600.0,
    request_timeout: float = 30.0,
    on_sample: Optional[Callable[[Sample], None]] = None,
) -> tuple:
    """Runs every conversation, `concurrency` at a time, each one message after the other.

    Returns (samples, wall seconds). Stops starting new messages once `time_limit` is up.
    """
    import aiohttp

    queue: asyncio.Queue = asyncio.Queue()
    for conv in conversations:
        queue.put_nowait(conv)
    samples: List[Sample] = []
    deadline = time.monotonic() + time_limit
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)

    async def worker(session) -> None:
        while time.monotonic() < deadline:
            try:
                conv = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            sender = f"{sender_prefix}-{conv.index:03d}"
            for position, turn in enumerate(conv.turns):
                if time.monotonic() >= deadline:
                    return
                status, replies, error, upstream, seconds = await send(
                    session, base_url, sender, turn.text, request_timeout)
                sample = Sample(conv.index, position, sender, turn.kind, turn.text, seconds,
                                status, replies, error, upstream)
                samples.append(sample)
                if on_sample:
                    on_sample(sample)

    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
    return samples, time.perf_counter() - started


def run(base_url: str, conversations: List[Conversation], **options) -> tuple:
    """Synchronous wrapper around `run_load`."""
    return asyncio.run(run_load(base_url, conversations, **options))


def sample_dicts(samples: List[Sample]) -> List[dict]:
    return [asdict(sample) for sample in samples]
