#!/usr/bin/env python3
"""Check pinned dependency versions against known advisories (`make audit`).

Three sources, each reported under its own heading in test-artifacts/audit.txt:

1. pip-audit's JSON report (``--pip-audit-json``), when its vulnerability service answered
   for at least one package. On a machine whose network reaches no advisory service every
   package comes back "could not be audited" and this section says so.
2. PyPI's project page (``--live-pypi``): ``/pypi/<name>/json`` lists the known
   vulnerabilities of a project's *latest* release only. For a package pinned at that
   release this is a live answer; for an older pin it only shows advisories that are still
   open in the latest release (no fixed version), which may well affect the pin too.
3. The snapshot (``--snapshot``, data/security/advisories.yml): advisories assembled by hand
   from public sources, each with the range it affects, the date it was checked and where
   it was read. A snapshot goes out of date: the report prints its age and warns past
   ``--max-age-days``.

Needs only the standard library, ``packaging`` and ``PyYAML``. Exit status: 0 when nothing
affects the pinned versions, 1 when something does, 2 on bad input.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple

import yaml
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

PYPI_JSON = "https://pypi.org/pypi/{name}/json"
REQUIRED_FIELDS = ("package", "ids", "affected", "summary", "source", "checked")


def normalize(name: str) -> str:
    """PEP 503 name normalisation: 'Sanic-Cors' and 'sanic_cors' are one project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirements(text: str) -> Dict[str, str]:
    """`pip freeze` output -> {normalised name: version}. Other lines are skipped."""
    pins: Dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-") or "==" not in line:
            continue
        name, version = line.split("==", 1)
        name = name.split("[", 1)[0].strip()
        pins[normalize(name)] = version.split(";", 1)[0].strip()
    return pins


_ORDERED = {
    "<": lambda v, t: v < t,
    "<=": lambda v, t: v <= t,
    ">": lambda v, t: v > t,
    ">=": lambda v, t: v >= t,
}


def is_affected(version: str, affected: str) -> bool:
    """True when `version` lies inside the range `affected`.

    Ordered comparisons use plain version order, as advisory databases do: a pre-release of
    the fixed version (3.10.2rc1 for "<3.10.2") counts as affected, which PEP 440's own
    "<" would exclude.
    """
    try:
        parsed = Version(version)
    except InvalidVersion:
        return False
    for spec in SpecifierSet(affected):
        compare = _ORDERED.get(spec.operator)
        if compare is not None and "*" not in spec.version:
            ok = compare(parsed, Version(spec.version))
        else:
            ok = spec.contains(parsed, prereleases=True)
        if not ok:
            return False
    return True


@dataclass
class Advisory:
    package: str
    ids: List[str]
    affected: str
    summary: str
    source: str
    checked: str
    fixed: Optional[str] = None
    seen_in: Optional[str] = None
    decision: Optional[str] = None


@dataclass
class Snapshot:
    checked: dt.date
    advisories: List[Advisory]
    note: str = ""


def load_snapshot(text: str) -> Snapshot:
    """Parse and validate the snapshot file; raises ValueError with the reason."""
    data = yaml.safe_load(text) or {}
    meta = data.get("snapshot") or {}
    checked = meta.get("checked")
    if isinstance(checked, str):
        checked = dt.date.fromisoformat(checked)
    if not isinstance(checked, dt.date):
        raise ValueError("snapshot.checked must be a date (YYYY-MM-DD)")
    advisories = []
    for index, entry in enumerate(data.get("advisories") or []):
        missing = [key for key in REQUIRED_FIELDS if not entry.get(key)]
        if missing:
            raise ValueError(f"advisory #{index + 1} lacks {', '.join(missing)}")
        ids = entry["ids"] if isinstance(entry["ids"], list) else [entry["ids"]]
        try:
            SpecifierSet(str(entry["affected"]))
        except InvalidSpecifier:
            raise ValueError(f"advisory {ids[0]}: bad range {entry['affected']!r}") from None
        advisories.append(
            Advisory(
                package=normalize(entry["package"]),
                ids=[str(i) for i in ids],
                affected=str(entry["affected"]),
                summary=str(entry["summary"]).strip(),
                source=str(entry["source"]),
                checked=str(entry["checked"]),
                fixed=str(entry["fixed"]) if entry.get("fixed") else None,
                seen_in=entry.get("seen_in"),
                decision=entry.get("decision"),
            )
        )
    return Snapshot(checked=checked, advisories=advisories, note=str(meta.get("note", "")).strip())


def snapshot_findings(pins: Dict[str, str], snapshot: Snapshot) -> List[Tuple[str, str, Advisory]]:
    """(package, installed version, advisory) for every advisory affecting a pin."""
    found = []
    for advisory in snapshot.advisories:
        version = pins.get(advisory.package)
        if version is not None and is_affected(version, advisory.affected):
            found.append((advisory.package, version, advisory))
    return sorted(found, key=lambda item: (item[0], item[2].ids[0]))


# ----------------------------------------------------------------------------- PyPI (live)

def fetch_json(url: str, timeout: float = 20.0) -> Optional[dict]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except (urllib.error.URLError, OSError, ValueError):
        return None


@dataclass
class LiveResult:
    package: str
    installed: str
    latest: Optional[str]
    vulns: List[dict]

    @property
    def at_latest(self) -> bool:
        return self.latest is not None and _same_version(self.installed, self.latest)

    def relevant(self) -> List[dict]:
        """Advisories that count for the installed version (see module docstring), one
        entry per vulnerability: PyPI lists a GHSA and its PYSEC alias separately."""
        if self.latest is None:
            return []
        chosen = self.vulns if self.at_latest else [v for v in self.vulns if not v.get("fixed_in")]
        return dedupe_aliases(chosen)


def dedupe_aliases(vulns: List[dict]) -> List[dict]:
    """Keep the first of several entries that name each other (id or aliases)."""
    kept: List[dict] = []
    seen: set = set()
    for vuln in vulns:
        names = {vuln.get("id")} | set(vuln.get("aliases") or [])
        names.discard(None)
        if names & seen:
            continue
        seen |= names
        kept.append(vuln)
    return kept


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def live_pypi(pins: Dict[str, str], fetch: Callable[[str], Optional[dict]] = fetch_json,
              workers: int = 4) -> List[LiveResult]:
    def one(item: Tuple[str, str]) -> LiveResult:
        name, version = item
        data = fetch(PYPI_JSON.format(name=name))
        if not data or "info" not in data:
            return LiveResult(name, version, None, [])
        return LiveResult(name, version, str(data["info"].get("version")),
                          list(data.get("vulnerabilities") or []))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, sorted(pins.items())))


# ----------------------------------------------------------------------------- pip-audit

def pip_audit_summary(report: dict) -> Tuple[int, int, List[Tuple[str, str, dict]]]:
    """(audited, skipped, [(name, version, vuln)]) from `pip-audit --format json`."""
    audited = skipped = 0
    vulns = []
    for dep in report.get("dependencies", []):
        if dep.get("skip_reason"):
            skipped += 1
            continue
        audited += 1
        for vuln in dep.get("vulns", []):
            vulns.append((dep["name"], dep.get("version", "?"), vuln))
    return audited, skipped, vulns


# ----------------------------------------------------------------------------- report

def _ids(vuln: dict) -> str:
    return ", ".join([vuln.get("id", "?")] + [a for a in vuln.get("aliases", []) if a])


def main(argv: Optional[Iterable[str]] = None, today: Optional[dt.date] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requirements", required=True, help="pip freeze output")
    parser.add_argument("--snapshot", required=True, help="data/security/advisories.yml")
    parser.add_argument("--pip-audit-json", help="pip-audit --format json output, if any")
    parser.add_argument("--live-pypi", action="store_true",
                        help="also ask PyPI's project pages (latest release only)")
    parser.add_argument("--max-age-days", type=int, default=90)
    args = parser.parse_args(list(argv) if argv is not None else None)
    today = today or dt.date.today()

    try:
        pins = parse_requirements(Path(args.requirements).read_text())
        snapshot = load_snapshot(Path(args.snapshot).read_text())
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"check_advisories: {error}", file=sys.stderr)
        return 2
    affected_count = 0
    out = print

    out(f"Dependency audit of {len(pins)} pinned packages ({today.isoformat()})")
    out("")

    # 1. pip-audit
    out("== 1. pip-audit (online vulnerability service)")
    report = None
    if args.pip_audit_json and Path(args.pip_audit_json).is_file():
        try:
            report = json.loads(Path(args.pip_audit_json).read_text() or "{}")
        except ValueError:
            report = None
    if report is None:
        out("pip-audit produced no report (its service could not be reached).")
    else:
        audited, skipped, vulns = pip_audit_summary(report)
        if audited == 0:
            out(f"No package could be audited ({skipped} skipped): the service did not answer "
                "for these versions. Sections 2 and 3 stand in for it.")
        else:
            out(f"{audited} packages audited, {skipped} skipped, {len(vulns)} known vulnerabilities.")
            for name, version, vuln in vulns:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "none"
                out(f"  {name} {version}: {_ids(vuln)} (fixed in: {fixes})")
            affected_count += len(vulns)
    out("")

    # 2. PyPI live, latest release only
    out("== 2. PyPI project pages (live; vulnerabilities of each project's latest release)")
    if not args.live_pypi:
        out("Not asked (--live-pypi not given).")
    else:
        results = live_pypi(pins)
        answered = [r for r in results if r.latest is not None]
        current = [r for r in answered if r.at_latest]
        out(f"{len(answered)} of {len(results)} answered; {len(current)} pinned at the latest "
            f"release (a live answer), {len(answered) - len(current)} behind it (covered only "
            "by advisories still open in the latest release, and by section 3).")
        for result in results:
            if result.latest is None:
                continue
            for vuln in result.relevant():
                fixed = ", ".join(vuln.get("fixed_in") or []) or "no fix released"
                where = "latest release" if result.at_latest else f"still open in {result.latest}"
                out(f"  {result.package} {result.installed}: {_ids(vuln)} ({where}; fixed in: "
                    f"{fixed}) {vuln.get('link', '')}")
                affected_count += 1
        unanswered = [r.package for r in results if r.latest is None]
        if unanswered:
            out(f"  no answer for: {', '.join(unanswered)}")
        behind = [f"{r.package} {r.installed} < {r.latest}" for r in answered if not r.at_latest]
        if behind:
            out("  behind the latest release: " + "; ".join(behind))
    out("")

    # 3. snapshot
    age = (today - snapshot.checked).days
    out(f"== 3. Advisory snapshot {args.snapshot} (checked {snapshot.checked.isoformat()}, "
        f"{age} days old)")
    out("A hand-assembled SNAPSHOT: it knows nothing published after that date and only the "
        "packages it lists.")
    if age > args.max_age_days:
        out(f"WARNING: older than {args.max_age_days} days; re-check the sources before "
            "relying on it.")
    findings = snapshot_findings(pins, snapshot)
    for package, version, advisory in findings:
        fixed = f"fixed in {advisory.fixed}" if advisory.fixed else "no fix released"
        out(f"  {package} {version}: {', '.join(advisory.ids)} (affected {advisory.affected}; "
            f"{fixed}) {advisory.summary}")
        out(f"      source: {advisory.source} (checked {advisory.checked})")
        if advisory.decision:
            out(f"      decision: {advisory.decision}")
    affected_count += len(findings)
    hit_packages = sorted({package for package, _, _ in findings})
    out(f"{len(findings)} advisories affect {len(hit_packages)} packages: "
        f"{', '.join(hit_packages) or '-'}")
    out("")
    out(f"Total: {affected_count} findings (one advisory can show up in two sections). What is "
        "done about each: docs/security.md, 'Dependency audit'.")
    return 1 if affected_count else 0


if __name__ == "__main__":
    sys.exit(main())
