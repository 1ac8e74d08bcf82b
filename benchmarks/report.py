"""The bench's figures side by side (project, peer, ratio) with the targets marked."""
from __future__ import annotations

import math
from typing import Dict, List, Optional, Tuple

MB = 1024 * 1024

# (key in a side's figures, label, unit, target check, target text)
TargetCheck = Optional[Tuple[str, float]]
ROWS: List[Tuple[str, str, TargetCheck, str]] = [
    ("sequential.p50_ms", "sequential p50 (ms)", None, ""),
    ("sequential.p95_ms", "sequential p95 (ms)", ("<=", 80.0), "<= 80"),
    ("sequential.p99_ms", "sequential p99 (ms)", None, ""),
    ("sequential.errors", "sequential errors", ("<=", 0), "0"),
    ("concurrent.throughput_msg_s", "20 concurrent: msg/s", (">=", 40.0), ">= 40"),
    ("concurrent.p95_ms", "20 concurrent: p95 (ms)", ("<", 600.0), "< 600"),
    ("concurrent.errors", "20 concurrent: errors", ("<=", 0), "0"),
    ("training_s", "full training (s)", ("<", 240.0), "< 240"),
    ("rasa_peak_rss_mb", "Rasa server peak RSS (MB)", ("<", 1536.0), "< 1536"),
    ("actions_peak_rss_mb", "action server peak RSS (MB)", None, ""),
    ("rasa_cpu_ms_per_msg", "Rasa server CPU ms/msg (seq)", None, ""),
    ("actions_cpu_ms_per_msg", "action server CPU ms/msg (seq)", None, ""),
]


def lookup(figures: Dict, key: str) -> float:
    value = figures
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return math.nan
        value = value[part]
    return float(value) if value is not None else math.nan


def passes(value: float, check: TargetCheck) -> Optional[bool]:
    if check is None or math.isnan(value):
        return None
    operator, limit = check
    return {"<=": value <= limit, "<": value < limit, ">=": value >= limit}[operator]


def ratio(project: float, peer: float) -> float:
    if math.isnan(project) or math.isnan(peer) or peer == 0:
        return math.nan
    return project / peer


def _cell(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:.1f}"


def _ratio_cell(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.2f}"


def _mark(result: Optional[bool]) -> str:
    return {True: "PASS", False: "FAIL", None: ""}[result]


def build(project: Dict, peer: Dict) -> Dict:
    """Rows with both sides, the ratio and the marks; what bench.json keeps as `table`."""
    rows = []
    for key, label, check, target in ROWS:
        mine, theirs = lookup(project, key), lookup(peer, key)
        rows.append({
            "figure": label, "key": key, "project": mine, "peer": theirs,
            "ratio": ratio(mine, theirs), "target": target,
            "project_pass": passes(mine, check), "peer_pass": passes(theirs, check),
        })
    return {"rows": rows, "all_targets_pass": all(r["project_pass"] is not False for r in rows
                                                   if r["target"])}


def render(table: Dict) -> str:
    lines = [f"{'figure':<32}{'project':>10}{'peer':>10}{'ratio':>8}  {'target':<8}{'project':<9}{'peer':<6}",
             "-" * 87]
    for row in table["rows"]:
        lines.append(
            f"{row['figure']:<32}{_cell(row['project']):>10}{_cell(row['peer']):>10}"
            f"{_ratio_cell(row['ratio']):>8}  {row['target']:<8}{_mark(row['project_pass']):<9}"
            f"{_mark(row['peer_pass']):<6}")
    verdict = "all project targets PASS" if table["all_targets_pass"] else "some project targets FAIL"
    lines += ["-" * 87, f"ratio = project / peer; {verdict}"]
    return "\n".join(lines)


def render_kinds(label: str, kinds: Dict[str, Dict[str, float]]) -> str:
    parts = [f"{kind} {v['p50_ms']:.0f}/{v['p95_ms']:.0f}" for kind, v in kinds.items()]
    return f"{label} sequential p50/p95 ms by turn: " + ", ".join(parts)


def render_profile(title: str, profile: Dict) -> str:
    if profile.get("error"):
        return f"profile of {title}: not taken ({profile['error']})"
    lines = [f"profile of {title} ({profile['samples']} busy samples; file {profile['file']}):",
             "  where a turn's CPU time goes:"]
    lines += [f"    {pct:5.1f}%  {name}" for name, pct in profile["stages_pct"]]
    lines.append("  top functions by self time:")
    lines += [f"    {pct:5.1f}%  {name}" for name, pct in profile["self_pct"][:12]]
    lines.append("  the project's own code (inclusive):")
    lines += [f"    {pct:5.1f}%  {name}" for name, pct in profile["project_inclusive_pct"][:8]]
    return "\n".join(lines)


def clean(value):
    """JSON has no NaN: None instead."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value
