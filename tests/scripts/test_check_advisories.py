"""scripts/check_advisories.py: version ranges, parsing, the snapshot file and the report."""
import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "data" / "security" / "advisories.yml"


def _load():
    spec = importlib.util.spec_from_file_location("check_advisories", ROOT / "scripts" / "check_advisories.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


ca = _load()

SMALL = """
snapshot:
  checked: 2026-11-01
advisories:
  - package: AioHTTP
    ids: [CVE-2000-0001]
    affected: "<3.10.2"
    fixed: "3.10.2"
    summary: test entry
    source: https://example.invalid/a
    checked: 2026-11-01
  - package: wheel
    ids: [GHSA-aaaa-bbbb-cccc]
    affected: ">=0.40.0,<0.46.2"
    summary: test entry without a fix
    source: https://example.invalid/b
    checked: 2026-11-01
"""


@pytest.mark.parametrize(
    "version, affected, expected",
    [
        ("3.9.5", "<3.10.2", True),
        ("3.10.2", "<3.10.2", False),
        ("3.14.5", "<3.10.2", False),
        ("3.10.2rc1", "<3.10.2", True),  # a pre-release of the fix is still affected
        ("0.45.1", ">=0.40.0,<0.46.2", True),
        ("0.39.0", ">=0.40.0,<0.46.2", False),  # before the range starts
        ("0.46.2", ">=0.40.0,<0.46.2", False),
        ("2.2.0", "<=2.2.0", True),
        ("3.9.1.post1", "<3.10", True),
        ("not-a-version", "<1", False),
    ],
)
def test_is_affected_inside_and_outside_the_range(version, affected, expected):
    assert ca.is_affected(version, affected) is expected


def test_parse_requirements_normalises_names_and_skips_other_lines():
    pins = ca.parse_requirements(
        "# comment\nSanic-Cors==2.0.1\nruamel.yaml==0.17.21\n-e git+https://x/y#egg=z\n"
        "PyJWT[crypto]==2.15.1\nfoo @ file:///tmp/foo\n\n"
    )
    assert pins == {"sanic-cors": "2.0.1", "ruamel-yaml": "0.17.21", "pyjwt": "2.15.1"}


def test_snapshot_findings_match_package_names_case_and_separator_insensitively():
    snapshot = ca.load_snapshot(SMALL)
    found = ca.snapshot_findings({"aiohttp": "3.9.5", "wheel": "0.46.2"}, snapshot)
    assert [(p, v, a.ids[0]) for p, v, a in found] == [("aiohttp", "3.9.5", "CVE-2000-0001")]


@pytest.mark.parametrize(
    "broken, reason",
    [
        (SMALL.replace("    source: https://example.invalid/a\n", ""), "lacks source"),
        (SMALL.replace('"<3.10.2"', '"before 3.10.2"'), "bad range"),
        (SMALL.replace("  checked: 2026-11-01\nadvisories", "advisories"), "snapshot.checked"),
    ],
)
def test_load_snapshot_rejects_incomplete_entries(broken, reason):
    with pytest.raises(ValueError, match=reason):
        ca.load_snapshot(broken)


def test_the_committed_snapshot_is_valid_and_cites_real_looking_ids():
    snapshot = ca.load_snapshot(SNAPSHOT.read_text())
    assert snapshot.advisories
    id_forms = re.compile(r"^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|PYSEC-\d{4}-\d+|SNYK-[A-Z]+-[A-Z0-9]+-\d+)$")
    for advisory in snapshot.advisories:
        assert all(id_forms.match(i) for i in advisory.ids), advisory.ids
        assert dt.date.fromisoformat(advisory.checked) <= snapshot.checked
        assert advisory.source.startswith("https://")
        assert advisory.decision, f"{advisory.ids[0]} has no decision"


def test_dedupe_aliases_keeps_one_entry_per_vulnerability():
    vulns = [
        {"id": "GHSA-94jw-hqvj-vw74", "aliases": ["CVE-2026-37737"]},
        {"id": "PYSEC-2026-3539", "aliases": ["CVE-2026-37737", "GHSA-94jw-hqvj-vw74"]},
        {"id": "GHSA-other", "aliases": []},
    ]
    assert [v["id"] for v in ca.dedupe_aliases(vulns)] == ["GHSA-94jw-hqvj-vw74", "GHSA-other"]


def test_live_pypi_counts_everything_at_latest_and_only_unfixed_advisories_behind_it():
    pages = {
        "https://pypi.org/pypi/current/json": {
            "info": {"version": "2.0"},
            "vulnerabilities": [{"id": "X-1", "fixed_in": ["2.1"]}],
        },
        "https://pypi.org/pypi/old/json": {
            "info": {"version": "5.0"},
            "vulnerabilities": [{"id": "X-2", "fixed_in": ["5.1"]}, {"id": "X-3", "fixed_in": []}],
        },
    }
    results = {r.package: r for r in ca.live_pypi({"current": "2.0", "old": "1.0", "gone": "1"}, fetch=pages.get)}
    assert [v["id"] for v in results["current"].relevant()] == ["X-1"]
    assert [v["id"] for v in results["old"].relevant()] == ["X-3"]
    assert results["gone"].latest is None and results["gone"].relevant() == []


def test_main_reports_each_section_and_warns_when_the_snapshot_is_old(tmp_path, capsys):
    requirements = tmp_path / "req.txt"
    requirements.write_text("aiohttp==3.9.5\nwheel==0.48.0\n")
    snapshot = tmp_path / "snap.yml"
    snapshot.write_text(SMALL)
    audit = tmp_path / "pip-audit.json"
    audit.write_text('{"dependencies": [{"name": "aiohttp", "version": "3.9.5", "skip_reason": "404"}]}')
    status = ca.main(["--requirements", str(requirements), "--snapshot", str(snapshot),
                      "--pip-audit-json", str(audit)], today=dt.date(2027, 6, 1))
    out = capsys.readouterr().out
    assert status == 1
    assert "No package could be audited (1 skipped)" in out
    assert "Not asked" in out
    assert "aiohttp 3.9.5: CVE-2000-0001" in out and "wheel 0.48.0" not in out
    assert "WARNING: older than 90 days" in out


def test_main_exits_zero_when_nothing_is_affected_and_two_on_a_broken_snapshot(tmp_path):
    requirements = tmp_path / "req.txt"
    requirements.write_text("aiohttp==3.14.5\n")
    snapshot = tmp_path / "snap.yml"
    snapshot.write_text(SMALL)
    args = ["--requirements", str(requirements), "--snapshot", str(snapshot)]
    assert ca.main(args, today=dt.date(2026, 11, 2)) == 0
    snapshot.write_text("advisories: []\n")
    assert ca.main(args) == 2


def test_pip_audit_summary_counts_audited_and_skipped():
    report = {"dependencies": [
        {"name": "a", "version": "1", "vulns": [{"id": "PYSEC-1", "fix_versions": ["2"]}]},
        {"name": "b", "version": "1", "vulns": []},
        {"name": "c", "version": "1", "skip_reason": "not found"},
    ]}
    audited, skipped, vulns = ca.pip_audit_summary(report)
    assert (audited, skipped, [v[0] for v in vulns]) == (2, 1, ["a"])
