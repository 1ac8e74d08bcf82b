"""`make bench`: the project and the peer measured in one run on this machine.

    python -m benchmarks.run [--quick] [--retrain] [--no-training] [--profile auto|always|never]

The peer is Rasa's default pipeline and policies (benchmarks/peer_config.yml) trained on
this project's data and served by the same launcher, processes and stores; only the model
differs. Each side runs alone: fresh SQLite stores in a temp dir, free loopback ports,
a warm-up conversation, then the fixed script (benchmarks/script.py) once one message at
a time and once 20 conversations at a time. Output: stdout and test-artifacts/bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Optional

from benchmarks import load, measure, report
from benchmarks.retrain import main as retrain_bench
from benchmarks.script import script, summary
from bot.settings import PROJECT_ROOT, QUIET_ENV, load_settings

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TRAINING_CACHE = ARTIFACTS / "bench-training.json"
PEER_CONFIG = "benchmarks/peer_config.yml"
SIDES = {"peer": ("peer", PEER_CONFIG), "project": ("rugwijzer", "config.yml")}


def timed_training(side: str, model_dir: Path, force: bool) -> float:
    """Wall time of `python -m bot.training` for `side`, the way a developer runs it."""
    # nice: on a quiet machine it changes nothing; on a shared one it spares the others.
    command = ["nice", "-n", "10", sys.executable, "-m", "bot.training",
               *(["--peer"] if side == "peer" else []), *(["--force"] if force else [])]
    # An empty cache directory of its own, every time: Rasa's training cache would
    # otherwise turn a "full" training into a few seconds of cache hits (a kept
    # models/rasa-cache once timed the peer at 13 s).
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        env = {**os.environ, **QUIET_ENV, "MODEL_DIR": str(model_dir), "RASA_CACHE_DIRECTORY": cache}
        started = time.monotonic()
        subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)
        return time.monotonic() - started


def training_times(args) -> Dict[str, Dict]:
    """Training seconds per side: measured now, or cached for the same training inputs.

    A forced training into a temp dir takes minutes; its result depends only on the inputs'
    fingerprint (and the machine), so it is kept in test-artifacts/ and measured again when
    the data, config or pipeline change, or with --retrain.
    """
    from bot import training

    settings = load_settings()
    cache = json.loads(TRAINING_CACHE.read_text()) if TRAINING_CACHE.exists() else {}
    results = {}
    for side, (name, config) in SIDES.items():
        if getattr(args, f"{side}_model"):
            continue  # an explicit model file: nothing to train, no time to report
        fingerprint = training.fingerprint(settings, config)
        model = training.model_path(settings, name, config)
        cached = cache.get(side, {})
        if not model.exists():
            print(f">> training the {side} model (timed) ...", flush=True)
            seconds = timed_training(side, model.parent, force=False)
            cache[side] = {"fingerprint": fingerprint, "seconds": seconds, "measured": time.ctime(),
                           "load_average_1min_after": os.getloadavg()[0]}
        elif args.no_training:
            continue
        elif args.retrain or cached.get("fingerprint") != fingerprint:
            print(f">> timing a forced training of the {side} model into a temp dir ...", flush=True)
            with tempfile.TemporaryDirectory(prefix="bench-train-") as scratch:
                seconds = timed_training(side, Path(scratch), force=True)
            cache[side] = {"fingerprint": fingerprint, "seconds": seconds, "measured": time.ctime(),
                           "load_average_1min_after": os.getloadavg()[0]}
        results[side] = {**cache[side], "cached": cache[side] is cached, "model": str(model)}
    ARTIFACTS.mkdir(exist_ok=True)
    TRAINING_CACHE.write_text(json.dumps(cache, indent=2))
    return results


def stack_env(var_dir: Path) -> Dict[str, str]:
    return {
        "VAR_DIR": str(var_dir), "RASA_PORT": str(load.free_port()), "ACTION_PORT": str(load.free_port()),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16), "CONSOLE_SECRET": secrets.token_urlsafe(32),
        "TRACKER_DB_URL": "", "APP_DB_URL": "", "LOCK_STORE_URL": "",
    }


def measure_side(side: str, model: Optional[Path], args, conversations, want_profile) -> Dict:
    """Starts one side's servers, runs both loads, samples memory and CPU, maybe profiles."""
    from benchmarks.serve import ModelStack
    from bot.db.migrate import upgrade
    from bot.settings import load_settings

    with tempfile.TemporaryDirectory(prefix=f"bench-{side}-") as scratch:
        env = stack_env(Path(scratch))
        upgrade(load_settings({**os.environ, **env}).app_db)
        log_dir = ARTIFACTS / f"bench-logs-{side}"
        log_dir.mkdir(parents=True, exist_ok=True)
        for old in log_dir.glob("*.log"):
            old.unlink()
        stack = ModelStack(model, env=env, log_dir=str(log_dir))
        base = f"http://127.0.0.1:{env['RASA_PORT']}"
        print(f">> {side}: starting servers (logs in {log_dir.relative_to(PROJECT_ROOT)})", flush=True)
        stack.start()
        try:
            started = time.monotonic()
            stack.wait_until_ready(f"{base}/health/ready", timeout=300)
            pids = {name: process.pid for name, process in stack.processes.items()}
            figures: Dict = {"startup_s": time.monotonic() - started}
            with measure.MemoryWatch(pids) as memory:
                load.run(base, conversations[:3], sender_prefix=f"warmup-{side}", time_limit=120)
                cpu_before = {name: measure.cpu_seconds(pid) for name, pid in pids.items()}
                print(f">> {side}: sequential run", flush=True)
                samples, wall = load.run(base, conversations, sender_prefix=f"seq-{side}",
                                         time_limit=args.time_limit)
                cpu_after = {name: measure.cpu_seconds(pid) for name, pid in pids.items()}
                figures["sequential"] = load.summarize(samples, wall)
                figures["sequential_by_kind"] = load.by_kind(samples)
                figures["sequential_slowest"] = load.slowest(samples)
                print(f">> {side}: 20 concurrent conversations", flush=True)
                samples, wall = load.run(base, conversations, concurrency=20,
                                         sender_prefix=f"conc-{side}", time_limit=args.time_limit)
                figures["concurrent"] = load.summarize(samples, wall)
            figures["rasa_peak_rss_mb"] = memory.peak["rasa"] / report.MB
            figures["actions_peak_rss_mb"] = memory.peak["actions"] / report.MB
            count = max(1, figures["sequential"]["messages"])
            for name in pids:
                figures[f"{name}_cpu_ms_per_msg"] = 1000 * (cpu_after[name] - cpu_before[name]) / count
            if want_profile(side, figures):
                figures["profile"] = profile(side, pids["rasa"], base, conversations, args)
            return figures
        finally:
            stack.stop()


def profile(side: str, pid: int, base: str, conversations, args) -> Dict:
    """py-spy on the Rasa server during a further sequential pass (not the measured one)."""
    out = ARTIFACTS / f"profile-{side}.txt"
    out.unlink(missing_ok=True)
    print(f">> {side}: profiling the Rasa server under the sequential load", flush=True)
    with measure.Profile(pid, out) as spy:
        load.run(base, conversations, sender_prefix=f"prof-{side}", time_limit=args.time_limit)
    if spy.error:
        return {"error": spy.error}
    return {"file": str(out.relative_to(PROJECT_ROOT)), **measure.top_functions(out)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10 conversations (a smoke run)")
    parser.add_argument("--retrain", action="store_true", help="time a forced training again")
    parser.add_argument("--no-training", action="store_true", help="skip timing training")
    parser.add_argument("--profile", choices=["auto", "always", "never"], default="auto",
                        help="auto: profile the project when it is slower than the peer")
    parser.add_argument("--time-limit", type=float, default=900.0, help="per load run, seconds")
    parser.add_argument("--project-model", type=Path, help="serve this model file as the project")
    parser.add_argument("--peer-model", type=Path, help="serve this model file as the peer")
    args = parser.parse_args(argv)
    os.environ.update(QUIET_ENV)

    load_before = os.getloadavg()[0]  # other work on the machine skews every figure
    conversations = script(10 if args.quick else 50)
    print(f">> script: {summary(conversations)}", flush=True)
    trainings = training_times(args)
    from bot import training

    results: Dict[str, Dict] = {}

    def want_profile(side: str, figures: Dict) -> bool:
        if args.profile != "auto":
            return args.profile == "always"
        if side != "project":
            return False
        peer = results.get("peer", {}).get("sequential", {})
        mine = figures["sequential"]
        return (not peer or mine["p95_ms"] > peer.get("p95_ms", 0)
                or mine["p50_ms"] > peer.get("p50_ms", 0) or mine["p95_ms"] > 80)

    # The peer first: the project's profile decision needs the peer's figures.
    peer_model = args.peer_model or training.model_path(load_settings(), *SIDES["peer"])
    results["peer"] = measure_side("peer", peer_model, args, conversations, want_profile)
    results["project"] = measure_side("project", args.project_model, args, conversations, want_profile)
    for side in SIDES:
        results[side]["training_s"] = trainings.get(side, {}).get("seconds")

    table = report.build(results["project"], results["peer"])
    print("\n" + f"Rugwijzer bench: {summary(conversations)}; load average before: "
          f"{load_before:.2f} on {os.cpu_count()} cores")
    print(report.render(table))
    for side in ("project", "peer"):
        print(report.render_kinds(side, results[side]["sequential_by_kind"]))
    print("project's slowest sequential messages: " + "; ".join(
        f"{row['text']!r} {row['ms']:.0f} ms" for row in results["project"]["sequential_slowest"][:5]))
    for side in ("project", "peer"):
        if "profile" in results[side]:
            print(report.render_profile(f"the {side} Rasa server under the sequential load",
                                        results[side]["profile"]))
    ARTIFACTS.mkdir(exist_ok=True)
    payload = {"script": summary(conversations), "cores": os.cpu_count(), "time": time.ctime(),
               "load_average_before": load_before,
               "training": trainings, "project": results["project"], "peer": results["peer"],
               "table": table}
    (ARTIFACTS / "bench.json").write_text(json.dumps(report.clean(payload), indent=2))
    print(f">> written {(ARTIFACTS / 'bench.json').relative_to(PROJECT_ROOT)}")
    print("\nThe matchers alone, per message (python -m benchmarks.safety_speed):", flush=True)
    from benchmarks import safety_speed

    safety_speed.main(["--rounds", "1"])
    retrain_bench([])  # retraining time and messages across a model switch (benchmarks/retrain.py)


if __name__ == "__main__":
    main()
