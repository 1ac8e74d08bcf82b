"""Owner-only file modes for everything the assistant keeps on disk.

Conversations, plans and pain scores are health data: on a shared server no other local
user may read them. New files are kept private by the process umask; files and folders
that already exist (made by an older version, a copy, a restore) are narrowed at start.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, List, Optional

from bot.settings import Settings

PRIVATE_UMASK = 0o077
OTHERS = 0o077  # the group and world bits that must be off
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")
# Folders under the data directory whose whole contents belong to the assistant. "charts"
# held chart files of older versions: removed at start, narrowed here if one could not be.
OWNED_SUBDIRS = ("charts", "logs")


@dataclass(frozen=True)
class ModeChange:
    path: Path
    old: int
    new: Optional[int]  # None: the mode could not be changed (another owner, a read-only disk)

    def __str__(self) -> str:
        if self.new is None:
            return f"{self.path} ({self.old:04o}, could not change it)"
        return f"{self.path} ({self.old:04o} -> {self.new:04o})"


def use_private_umask() -> int:
    """Makes every file this process creates from now on owner-only; returns the old umask."""
    return os.umask(PRIVATE_UMASK)


def sqlite_file(url: str) -> Optional[Path]:
    """The database file of a SQLite URL, or None (another database, or in memory)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_private_file(path: Path) -> None:
    """Creates `path` empty and owner-only unless it exists (SQLite keeps an empty file's mode).

    SQLite gives its -wal and -shm files the mode of the database file, so a database
    created private stays private whatever the umask of the process that opens it later.
    """
    if not path.parent.is_dir():
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def open_private_log(path: str) -> BinaryIO:
    """`path` opened for appending, created owner-only: a log holds ids and, at DEBUG, what people wrote."""
    return open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")


def _narrow(path: Path) -> Optional[ModeChange]:
    """Removes the group and world bits of `path`; a change or None when it was private."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return None  # a link's target is not ours to change
    old = stat.S_IMODE(info.st_mode)
    if not old & OTHERS:
        return None
    new = (old & ~OTHERS) | (0o700 if stat.S_ISDIR(info.st_mode) else 0o600)
    try:
        os.chmod(path, new)
    except OSError:
        return ModeChange(path, old, None)
    return ModeChange(path, old, new)


def _tree(folder: Path) -> Iterator[Path]:
    """`folder` and everything below it, links not followed."""
    yield folder
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            yield Path(root) / name


def private_paths(settings: Settings) -> List[Path]:
    """What the assistant keeps: the data directory, its files, charts, logs and database files."""
    var_dir = settings.var_dir
    paths: List[Path] = [var_dir]
    if var_dir.is_dir():
        for child in sorted(var_dir.iterdir()):
            if child.name in OWNED_SUBDIRS and child.is_dir() and not child.is_symlink():
                paths.extend(_tree(child))
            elif child.is_file():
                paths.append(child)
    for url in (settings.tracker_db, settings.app_db):
        database = sqlite_file(url)
        if database is not None:
            paths.extend(Path(f"{database}{suffix}") for suffix in SQLITE_COMPANIONS)
    return list(dict.fromkeys(paths))


def make_private(paths: Iterable[Path]) -> List[ModeChange]:
    """Narrows each existing path to owner-only; returns what changed (or could not)."""
    return [change for change in map(_narrow, paths) if change is not None]


def secure_storage(settings: Settings) -> List[ModeChange]:
    """The start-up step: private umask, a 0700 data directory, owner-only files in it.

    Every server calls it before it opens a database; `python -m bot.run` calls it once
    before it starts them, so the servers usually find nothing left to change.
    """
    use_private_umask()
    settings.var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return make_private(private_paths(settings))


def describe(changes: List[ModeChange]) -> Optional[str]:
    """One log line about the modes changed at start, or None when there was nothing to do."""
    if not changes:
        return None
    fixed = [str(change) for change in changes if change.new is not None]
    stuck = [str(change) for change in changes if change.new is None]
    parts = []
    if fixed:
        parts.append(f"made owner-only (health data): {', '.join(fixed)}")
    if stuck:
        parts.append(f"could NOT make owner-only, fix by hand: {', '.join(stuck)}")
    return "; ".join(parts)


def start_private(settings: Settings, log: Any) -> List[ModeChange]:
    """The servers' start: old chart files removed, then `secure_storage`, each logged once if it did anything.

    Charts are drawn on request now (bot/web/charts.py); chart files an older version wrote
    are health data nothing serves, so they go rather than being kept private. Removed
    first, so the mode check does not report files that are about to go.
    """
    from bot.web.charts import prune_charts

    removed = prune_charts(settings)
    if removed:
        log.info("Storage: removed %d chart file(s) left by an older version (charts are drawn on request now)",
                 removed)
    changes = secure_storage(settings)
    message = describe(changes)
    if message:
        log.warning("Storage: %s", message)
    return changes
