"""What the servers cost while the load runs: memory from /proc, CPU time, a py-spy profile."""
from __future__ import annotations

import collections
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Dict, List, Optional

PAGE_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_tree(pid: int) -> List[int]:
    """`pid` and all its descendants (Sanic or multiprocessing workers would be children)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and its descendants."""
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` and its live descendants."""
    total = 0.0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / PAGE_TICKS
        except (OSError, IndexError, ValueError):
            continue
    return total


class MemoryWatch:
    """Samples the RSS of named process trees in a thread; keeps the peak of each."""

    def __init__(self, pids: Dict[str, int], interval: float = 0.2) -> None:
        self.pids = pids
        self.interval = interval
        self.peak: Dict[str, int] = {name: 0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        for name, pid in self.pids.items():
            self.peak[name] = max(self.peak[name], rss_bytes(pid))

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sample()


def py_spy() -> Optional[str]:
    """Path of py-spy, installing the `bench` extra once when it is missing."""
    local = Path(sys.executable).with_name("py-spy")
    if not local.exists() and not shutil.which("py-spy"):
        root = Path(__file__).resolve().parent.parent
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", f"{root}[bench]"],
                       check=False)
    if local.exists():
        return str(local)
    return shutil.which("py-spy")


class Profile:
    """`py-spy record` on a running server for as long as the `with` block lasts.

    Raw (collapsed) output, so the top functions can be computed here; py-spy samples from
    outside the process, so the server runs its own code unchanged.
    """

    def __init__(self, pid: int, out: Path, rate: int = 200) -> None:
        self.pid, self.out, self.rate = pid, out, rate
        self.process: Optional[subprocess.Popen] = None
        self.error = ""

    def __enter__(self) -> "Profile":
        binary = py_spy()
        if not binary:
            self.error = "py-spy is not installed"
            return self
        self.process = subprocess.Popen(
            [binary, "record", "--pid", str(self.pid), "--rate", str(self.rate), "--format", "raw",
             "--output", str(self.out), "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self

    def __exit__(self, *_exc) -> None:
        if not self.process:
            return
        self.process.send_signal(2)  # SIGINT: py-spy writes its file and exits
        try:
            _, stderr = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, stderr = self.process.communicate()
        if not self.out.exists():
            self.error = (stderr or b"").decode(errors="replace").strip()[-300:] or "no profile written"


def _frame_name(frame: str) -> str:
    # A py-spy raw frame reads "function (path/to/module.py:123)"; the line number would
    # split one function into many rows.
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "/work/main/", "lib/python3.10/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{name} ({where})" if where else name


# Leaves where a thread waits rather than works; py-spy does not always see them as idle.
IDLE_LEAVES = ("_worker (concurrent/futures/thread.py)", "serve (sanic/server/runners.py)",
               "wait (threading.py)", "select (selectors.py)")

# The project's frames every turn passes through: not informative as "inclusive" rows.
WRAPPERS = ("main (bot/server.py)", "receive (bot/channels/rest.py)",
            "handle_message (bot/rasa_patches/agent.py)", "handle_message (bot/rasa_patches/processor.py)")

# Where a message's time goes, deepest match first: (stage, frame text to look for).
STAGES = [
    ("action response check (jsonschema)", "_validate_action_result (rasa/core/actions/action.py)"),
    ("NLG (responses)", "generate (bot/core/nlg.py)"),
    ("NLU pipeline", "_parse_message_with_graph (rasa/core/processor.py)"),
    ("policy prediction", "_predict_next_with_tracker (rasa/core/processor.py)"),
    ("actions (incl. action server call)", "run (rasa/core/actions/action.py)"),
    ("tracker save", "save_tracker (rasa/core/processor.py)"),
    ("tracker load", "fetch_tracker_and_update_session (rasa/core/processor.py)"),
    ("tracker load", "get_tracker (rasa/core/processor.py)"),
    ("channel, inbound screen, rest of the turn", "handle_message (bot/rasa_patches/agent.py)"),
]


def _stage(frames: List[str]) -> str:
    for frame in reversed(frames):
        for stage, marker in STAGES:
            if frame == marker:
                return stage
    return "outside a message (HTTP, event loop, other threads)"


def top_functions(raw_file: Path, limit: int = 15) -> Dict[str, object]:
    """Stages of a turn, top functions by self time, and the project's own functions."""
    own: collections.Counter = collections.Counter()
    ours: collections.Counter = collections.Counter()
    stages: collections.Counter = collections.Counter()
    total = 0
    for line in raw_file.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_frame_name(frame) for frame in stack.split(";") if frame]
        frames = [f for f in frames if not f.startswith(("process ", "thread "))]
        if not frames or frames[-1] in IDLE_LEAVES:
            continue
        samples = int(count)
        total += samples
        own[frames[-1]] += samples
        stages[_stage(frames)] += samples
        for frame in set(frames):
            if ("(bot/" in frame or "(actions/" in frame) and frame not in WRAPPERS:
                ours[frame] += samples

    def share(counter: collections.Counter, count: int = limit) -> List[List[object]]:
        return [[name, round(100 * n / total, 1)] for name, n in counter.most_common(count)]

    if not total:
        return {"samples": 0, "stages_pct": [], "self_pct": [], "project_inclusive_pct": []}
    return {"samples": total, "stages_pct": share(stages, len(stages)), "self_pct": share(own),
            "project_inclusive_pct": share(ours, 10)}
