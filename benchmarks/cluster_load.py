"""`make cluster`'s load test: two Rasa instances behind nginx, one killed half way.

    python -m benchmarks.cluster_load --url NGINX --instances A,B --kill-pid PID
        --kill-address HOST:PORT --tracker-db URL --token TOKEN

scripts/cluster.sh starts the cluster and runs this. Widgets (socket.io clients) on both
instances get pushes from the other one before the load and from the survivor after it
(benchmarks/cluster_pushes.py). 50 conversations of 20 messages go
through nginx, 20 at a time; when half the messages are answered, one Rasa instance is
SIGKILLed. Then: every message answered except those in flight on the killed instance,
every conversation stored once and in order with only its own slot values, a conversation
grown to 2,000 events answering within 20% of a fresh one, and the tracker query's plan.
Loopback only, bounded in count and time. Exit code 0 when every check passes.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import time
import uuid
from typing import Dict, List, Set, Tuple

from benchmarks import cluster_checks, cluster_pushes, load
from benchmarks.script import FAQ, GREETINGS, script

GROWN_EVENTS = 2000
GROWTH_MAX_MESSAGES = 800
GROWTH_TIME_LIMIT = 600.0
LATENCY_ROUNDS = 20


def run_with_kill(args, conversations) -> Tuple[List[load.Sample], Dict]:
    """The main load; SIGKILLs `--kill-pid` when half the messages are answered."""
    total = sum(len(c.turns) for c in conversations)
    state: Dict = {"answered": 0, "kill_at": None, "ends": {}}

    def on_sample(sample: load.Sample) -> None:
        state["ends"][(sample.sender, sample.turn)] = time.monotonic()
        state["answered"] += 1 if sample.ok else 0
        if state["kill_at"] is None and state["answered"] >= total // 2:
            os.kill(args.kill_pid, signal.SIGKILL)
            state["kill_at"] = time.monotonic()
            print(f">> SIGKILL sent to the Rasa instance {args.kill_address} (pid {args.kill_pid}) "
                  f"after {state['answered']} answered messages", flush=True)

    state["started"] = time.monotonic()
    samples, wall = load.run(args.url, conversations, concurrency=20, sender_prefix=args.prefix,
                             time_limit=900, request_timeout=90, on_sample=on_sample)
    state["wall"] = wall
    if state["kill_at"]:
        # Both instances up: what two Rasa processes on this machine carry.
        before = [s for s in samples if s.ok and state["ends"][(s.sender, s.turn)] <= state["kill_at"]]
        state["two_instances"] = load.summarize(before, state["kill_at"] - state["started"])
    return samples, state


def save_samples(samples: List[load.Sample], state: Dict) -> None:
    """Every message's outcome, for a look afterwards (test-artifacts/cluster-samples.json)."""
    import json
    from pathlib import Path

    rows = [{**row, "ended_s": round(state["ends"][(row["sender"], row["turn"])] - state["started"], 3)}
            for row in load.sample_dicts(samples)]
    kill_s = state["kill_at"] - state["started"] if state["kill_at"] else None
    Path("test-artifacts").mkdir(exist_ok=True)
    Path("test-artifacts/cluster-samples.json").write_text(json.dumps({"kill_s": kill_s, "samples": rows}))


def classify(samples: List[load.Sample], state: Dict, kill_address: str) -> Dict:
    """Failures on the killed instance that ended after the kill (in flight then, or sent
    while the dying process still accepted connections), and anything else."""
    kill_at = state["kill_at"]
    in_flight: Set[Tuple[str, int]] = set()
    other = []
    for sample in samples:
        if sample.ok:
            continue
        end = state["ends"][(sample.sender, sample.turn)]
        last_upstream = sample.upstream.split(",")[-1].strip()
        if kill_at and last_upstream == kill_address and kill_at <= end:
            in_flight.add((sample.sender, sample.turn))
        else:
            other.append(sample)
    per_upstream: Dict[str, int] = {}
    for sample in samples:
        if sample.ok:
            key = sample.upstream.split(",")[-1].strip() or "?"
            per_upstream[key] = per_upstream.get(key, 0) + 1
    after_loss = [s.seconds for s in samples if s.ok and s.turn > 0
                  and (s.sender, s.turn - 1) in in_flight]
    return {"in_flight": in_flight, "other": other, "per_upstream": per_upstream,
            "next_after_loss_max_s": max(after_loss, default=0.0)}


async def grow_and_compare(url: str, engine, sender: str) -> Dict:
    """Grows `sender` to 2,000 stored events, then times it against fresh conversations."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        deadline, sent, events = time.monotonic() + GROWTH_TIME_LIMIT, 0, 0
        await load.send(session, url, sender, GREETINGS[0], 60)
        while events < GROWN_EVENTS and sent < GROWTH_MAX_MESSAGES and time.monotonic() < deadline:
            await load.send(session, url, sender, FAQ[sent % len(FAQ)], 60)
            sent += 1
            if sent % 20 == 0:
                events = cluster_checks.count_events(engine, sender)
        events = cluster_checks.count_events(engine, sender)
        fresh_times, grown_times = [], []
        for round_ in range(LATENCY_ROUNDS):
            question = FAQ[round_ % len(FAQ)]
            fresh = f"{sender}-fresh-{round_}"
            await load.send(session, url, fresh, GREETINGS[round_ % len(GREETINGS)], 60)
            # Interleaved, so that both see the same machine at the same moment.
            fresh_times.append((await load.send(session, url, fresh, question, 60))[-1] * 1000)
            grown_times.append((await load.send(session, url, sender, question, 60))[-1] * 1000)
    return {"growth_messages": sent, "events": events,
            "fresh_median_ms": statistics.median(fresh_times),
            "grown_median_ms": statistics.median(grown_times),
            "fresh_p95_ms": load.percentile(fresh_times, 95),
            "grown_p95_ms": load.percentile(grown_times, 95)}


def profile_grown(args, sender: str) -> None:
    """Where a grown conversation's time goes: py-spy on the surviving instance."""
    from pathlib import Path

    import aiohttp

    from benchmarks import measure, report

    async def ask() -> None:
        async with aiohttp.ClientSession() as session:
            for position in range(30):
                question = FAQ[position % len(FAQ)]
                # Straight to the profiled instance, not through nginx.
                await load.send(session, args.instances.split(",")[0], sender, question, 60)

    out = Path("test-artifacts") / "profile-grown.txt"
    out.parent.mkdir(exist_ok=True)
    out.unlink(missing_ok=True)
    with measure.Profile(args.profile_pid, out) as spy:
        asyncio.run(ask())
    if spy.error:
        print(f">> profile of the grown conversation: not taken ({spy.error})")
        return
    print(report.render_profile("the surviving Rasa server, messages to the grown conversation",
                                {"file": str(out), **measure.top_functions(out)}))


def _push_round(pushes, senders: Dict[str, str], label: str, failures: List[str]) -> Tuple[int, int]:
    """Therapist reply, breathing introduction and two paced steps to every widget."""
    try:
        delivered, expected, misses = pushes.push_round(senders)
    except Exception as error:  # noqa: BLE001 - reported as a failure of this check
        delivered, expected, misses = 0, 1, [f"{type(error).__name__}: {error}"]
    print(f">> pushes {label}: {delivered}/{expected} delivered", flush=True)
    for miss in misses[:10]:
        print(f"   missing: {miss}")
    if delivered < expected:
        failures.append(f"pushes {label}: {delivered}/{expected}")
    return delivered, expected


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cluster_load")
    parser.add_argument("--url", required=True, help="nginx in front of the Rasa instances")
    parser.add_argument("--instances", required=True, help="comma-separated Rasa base URLs")
    parser.add_argument("--kill-pid", type=int, required=True)
    parser.add_argument("--kill-address", required=True, help="host:port of that instance")
    parser.add_argument("--tracker-db", required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--profile-pid", type=int, help="py-spy this Rasa instance on the grown conversation")
    args = parser.parse_args(argv)
    for address in [args.url, *args.instances.split(",")]:
        if not address.startswith(("http://127.", "http://localhost")):
            raise SystemExit(f"refusing a non-loopback target: {address}")
    args.prefix = f"cluster-{uuid.uuid4().hex[:6]}"
    from sqlalchemy import create_engine

    engine = create_engine(args.tracker_db, pool_pre_ping=True)
    conversations = script(50, 20)
    failures: List[str] = []
    instances = args.instances.split(",")
    pushes = cluster_pushes.PushCheck(args.url, instances, args.token)
    other = {instances[i].split("//", 1)[1]: instances[1 - i] for i in range(2)}
    try:
        pushes.connect()
        print(">> widgets (socket.io through nginx): " + ", ".join(
            f"{len(ws)} on {holder}" for holder, ws in pushes.widgets.items()), flush=True)
        # Every widget is pushed to from the instance that does not hold its socket.
        push_totals = _push_round(pushes, other, "from the other instance", failures)
    except Exception as error:  # noqa: BLE001 - reported, and the load test still runs
        print(f">> widgets could not connect: {type(error).__name__}: {error}", flush=True)
        failures.append("widgets could not connect")
        push_totals, pushes.widgets = (0, 1), {}
    try:
        chart_problems = cluster_checks.check_chart(args.url, f"{args.prefix}-chart")
    except Exception as error:  # noqa: BLE001 - an HTTP error is a failed check
        chart_problems = [f"{type(error).__name__}: {error}"]
    print(">> progress chart through nginx, drawn by either instance: "
          + ("PASS" if not chart_problems else "FAIL: " + "; ".join(chart_problems)), flush=True)
    failures += [f"chart: {problem}" for problem in chart_problems]
    print(f">> {len(conversations)} conversations of 20 messages through {args.url}, 20 at a time",
          flush=True)
    samples, state = run_with_kill(args, conversations)
    outcome = classify(samples, state, args.kill_address)
    answered = sum(1 for s in samples if s.ok)
    print(f">> {answered}/{len(samples)} messages answered in {state['wall']:.1f} s; "
          f"answers per instance: {outcome['per_upstream']}")
    if "two_instances" in state:
        both = state["two_instances"]
        print(f">> with both instances up: {both['throughput_msg_s']:.1f} msg/s, p50 {both['p50_ms']:.0f} ms, "
              f"p95 {both['p95_ms']:.0f} ms, p99 {both['p99_ms']:.0f} ms")
    print(f">> lost with the killed instance (in flight at the kill): {len(outcome['in_flight'])}; "
          f"other errors: {len(outcome['other'])}")
    hung = sum(1 for s in outcome["other"]
               if s.error == "timeout" and (s.sender, s.turn - 1) in outcome["in_flight"])
    print(f">> slowest next message of a conversation that lost one: {outcome['next_after_loss_max_s']:.1f} s "
          f"(waits for the lost message's lock ticket); hung until the client timeout: {hung}")
    for sample in outcome["other"][:10]:
        lost_before = (sample.sender, sample.turn - 1) in outcome["in_flight"]
        print(f"   error: {sample.sender} turn {sample.turn} after {sample.seconds:.1f} s: "
              f"{sample.error or sample.status} via {sample.upstream or '-'}"
              f"{' (its previous message was lost with the instance)' if lost_before else ''}")
    save_samples(samples, state)
    if len(samples) != sum(len(c.turns) for c in conversations):
        failures.append("not every message was sent (time limit)")
    if outcome["other"]:
        failures.append(f"{len(outcome['other'])} errors besides the killed instance's in-flight messages")
    if len([k for k in outcome["per_upstream"] if k != "?"]) < 2:
        failures.append("the load did not reach both instances")
    if state["kill_at"] is None:
        failures.append("the instance was never killed")

    by_sender: Dict[str, List[load.Sample]] = {}
    for sample in samples:
        by_sender.setdefault(sample.sender, []).append(sample)
    problems, stored_in_flight = [], 0
    for conv in conversations:
        mine = by_sender.get(f"{args.prefix}-{conv.index:03d}")
        if not mine:
            continue
        check = cluster_checks.check_conversation(engine, conv, mine, outcome["in_flight"])
        stored_in_flight += check.in_flight_stored
        problems += [f"{check.sender}: {p}" for p in check.problems]
    print(f">> stored events: {len(by_sender)} conversations checked, {len(problems)} problem(s); "
          f"{stored_in_flight} lost message(s) were stored before the kill")
    for problem in problems[:15]:
        print("   " + problem)
    if problems:
        failures.append(f"{len(problems)} storage/isolation problem(s)")

    # The killed instance's widgets reconnect through nginx; the survivor pushes to all.
    survivor = {holder: instances[0] for holder in other}
    later = _push_round(pushes, survivor, "after the kill, from the surviving instance", failures) \
        if pushes.widgets else (0, 1)
    reconnected = sum(w.reconnects for w in pushes.widgets.get(instances[1].split("//", 1)[1], []))
    pushes.close()
    print(f">> pushes delivered: {push_totals[0] + later[0]}/{push_totals[1] + later[1]} "
          f"(widgets of the killed instance reconnected {reconnected} time(s))")

    print(f">> growing one conversation to {GROWN_EVENTS} events ...", flush=True)
    growth = asyncio.run(grow_and_compare(args.url, engine, f"{args.prefix}-grown"))
    ratio = growth["grown_median_ms"] / growth["fresh_median_ms"]
    print(f">> grown conversation: {growth['events']} events after {growth['growth_messages']} "
          f"messages; median {growth['grown_median_ms']:.0f} ms (p95 {growth['grown_p95_ms']:.0f}) vs "
          f"fresh {growth['fresh_median_ms']:.0f} ms (p95 {growth['fresh_p95_ms']:.0f}): "
          f"{ratio:.2f}x, {'PASS' if ratio <= 1.2 else 'FAIL'} (<= 1.20)")
    if growth["events"] < GROWN_EVENTS:
        failures.append("the conversation did not reach 2,000 events in time")
    if ratio > 1.2:
        failures.append(f"grown conversation {ratio:.2f}x slower than a fresh one")
    if args.profile_pid:
        profile_grown(args, f"{args.prefix}-grown")

    plan = cluster_checks.explain_tracker_query(args.tracker_db, f"{args.prefix}-007")
    print(">> EXPLAIN ANALYZE of the tracker store's query for one conversation:")
    print("\n".join("   " + line for line in plan.splitlines()))
    if "ix_events_sender_id" not in plan:
        failures.append("the tracker query does not use the sender_id index")
    grown_plan = cluster_checks.explain_tracker_query(args.tracker_db, f"{args.prefix}-grown")
    print(">> ... and for the grown conversation:")
    print("\n".join("   " + line for line in grown_plan.splitlines() if "Buffers" not in line))
    engine.dispose()

    print("\nCLUSTER " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
