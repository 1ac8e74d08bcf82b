"""`python -m bot.safety.evaluate` on the evaluation set: figures per part, exit 0, no blind texts."""
from __future__ import annotations

from bot.safety.evaluate import load_items, main, score_items

ITEMS = """part: {part}
items:
- {{text: "ik kan niet meer plassen", level: emergency, kind: positive, note: a, writer: A}}
- {{text: "ik ben een last voor iedereen, het hoeft niet meer", level: crisis, kind: positive, note: b, writer: A}}
- {{text: "ik heb koorts", level: urgent, kind: positive, note: c, writer: B}}
- {{text: "ik ben 8 kilo afgevallen zonder reden", level: soon, kind: positive, note: d, writer: B}}
- {{text: "hoeveel magnesium mag ik per dag", level: none, kind: benign, note: e, writer: C}}
- {{text: "ik heb geen koorts", level: none, kind: negated, note: f, writer: C}}
- {{text: "een zin die niets vindt: de lucht is blauw", level: urgent, kind: positive, note: SECRET, writer: C}}
"""


def _write(tmp_path, part):
    path = tmp_path / f"{part}.yml"
    path.write_text(ITEMS.format(part=part), encoding="utf-8")
    return path


def test_scores_per_level_and_no_flag_kind(tmp_path):
    result = score_items(load_items(_write(tmp_path, "dev")))
    assert result["recall"]["emergency"] == {"found": 1, "total": 1, "recall": 1.0}
    assert result["recall"]["urgent"]["total"] == 2 and result["recall"]["urgent"]["found"] == 1
    assert result["crisis"]["recall_with_question"] == 1.0
    assert result["no_flag"]["benign"]["alarm_rate"] == 0.0
    assert result["no_flag"]["negated"]["alarm_rate"] == 0.0
    assert 0 < result["exact_level"] < 1


def test_report_prints_each_part_and_exits_zero(tmp_path, capsys):
    _write(tmp_path, "dev")
    _write(tmp_path, "blind")
    assert main(["--eval-dir", str(tmp_path), "--show"]) == 0
    out = capsys.readouterr().out
    assert "== dev: 7 messages" in out and "== blind: 7 messages" in out
    assert "recall crisis incl. question: 1/1" in out
    assert "question asked (benign): 0/1" in out
    # Misses are listed for dev, never for blind.
    assert out.count("SECRET") == 1
    assert out.index("SECRET") < out.index("== blind")


def test_a_missing_part_is_reported_not_fatal(tmp_path, capsys):
    assert main(["--eval-dir", str(tmp_path), "--part", "dev"]) == 0
    assert "not found" in capsys.readouterr().out
