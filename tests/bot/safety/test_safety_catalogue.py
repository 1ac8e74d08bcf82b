"""The catalogue is complete, well-formed, and every phrasing in it is actually found."""
from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from typing import Dict, List

import pytest
import yaml

from bot.safety import detect_red_flags
from bot.safety.catalogue import CATALOGUE_PATH, codes, label_of, level_of, load_catalogue
from bot.safety.levels import level_rank
from bot.safety.lexicon import Lexicon
from bot.safety.patterns import parse_pattern
from bot.settings import PROJECT_ROOT

# Section 1 of clinical.md: every code with its base level.
CLINICAL_LEVELS = {
    "saddle_numbness": "emergency", "bladder_bowel": "emergency", "sudden_paralysis": "emergency",
    "major_trauma": "emergency", "aortic_or_chest": "emergency", "suicidal": "crisis",
    "leg_weakness": "urgent", "fever": "urgent", "minor_trauma": "urgent", "severe_pain": "urgent",
    "numbness_tingling": "soon", "weight_loss": "soon", "cancer_history": "soon", "night_pain": "soon",
    "steroid_use": "soon", "onset_age": "soon", "no_improvement": "soon", "worried": "soon",
}


@lru_cache(maxsize=1)
def raw_catalogue() -> Dict:
    with open(CATALOGUE_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_catalogue_has_every_clinical_code_with_its_level():
    assert set(codes()) == set(CLINICAL_LEVELS)
    for code, level in CLINICAL_LEVELS.items():
        assert level_of(code) == level


def test_every_entry_is_reviewable():
    for entry in raw_catalogue()["flags"]:
        for field in ("code", "level", "label_nl", "phrasings", "examples", "notes", "source"):
            assert entry.get(field), (entry["code"], field)
        assert len(entry["phrasings"]) >= 1


def test_labels_fit_the_triage_sentence():
    for code in codes():
        label = label_of(code)
        assert label == label.strip() and label[0].islower() and not label.endswith(".")
        assert len(label.split()) <= 16
        assert any(word in label.split() for word in ("ik", "mijn", "de", "het")), label


def test_unknown_code_raises_key_error():
    with pytest.raises(KeyError):
        level_of("not_a_code")


@pytest.mark.parametrize("source", ["... koorts", "koorts?", "@nope koorts", "koorts|", "ko-orts"])
def test_malformed_phrasing_is_refused(source):
    with pytest.raises(ValueError):
        parse_pattern(source, Lexicon(), {})


def test_importing_the_package_does_no_work():
    code = (
        "import bot.safety, bot.safety.catalogue as c;"
        "print(c.load_catalogue.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


@pytest.mark.parametrize("code", sorted(CLINICAL_LEVELS))
def test_examples_in_the_catalogue_are_detected(code):
    for example in load_catalogue().flag(code).examples:
        detection = detect_red_flags(example)
        assert code in detection.codes, example
        assert level_rank(detection.level) >= level_rank(level_of(code)), example


def _render(atom: str) -> str:
    atom = atom.lstrip("=")
    if atom.startswith("#"):
        return atom[1:].split("-")[0]
    return atom.strip("*")


def _alternatives(spec: str, classes: Dict[str, List[str]]) -> List[str]:
    found: List[str] = []
    for alternative in spec.split("|"):
        if alternative.startswith("@"):
            for member in classes[alternative[1:]]:
                found.extend(_alternatives(str(member), classes))
        else:
            found.append(_render(alternative))
    return found


def renderings(source: str, classes: Dict[str, List[str]]) -> List[str]:
    """Plain sentences for a phrasing: every alternative of every element at least once."""
    slots, optional = [], []
    for part in source.split():
        if part.startswith("...") or part.startswith("<") or part == "$":
            continue
        optional.append(part.endswith("?") and len(part) > 1)
        slots.append(_alternatives(part.rstrip("?") if optional[-1] else part, classes))
    base = [alternatives[0] for alternatives in slots]
    sentences = {" ".join(base)}
    sentences.add(" ".join(word for word, skip in zip(base, optional) if not skip))
    for index, alternatives in enumerate(slots):
        for alternative in alternatives:
            sentences.add(" ".join(base[:index] + [alternative] + base[index + 1:]))
    return sorted(sentences)


def _covered(code: str, text: str) -> bool:
    detection = detect_red_flags(text)
    if code in detection.codes:
        return True
    # Allowed: the same words are read as a more urgent flag ("benen lam" -> sudden_paralysis).
    return any(
        level_rank(level_of(flag.code)) > level_rank(level_of(code)) and flag.start == 0
        and flag.end == len(text)
        for flag in detection.flags
    )


@pytest.mark.parametrize("code", sorted(CLINICAL_LEVELS))
def test_every_phrasing_in_the_catalogue_is_found(code):
    raw = raw_catalogue()
    classes = raw["word_classes"]
    entry = next(e for e in raw["flags"] if e["code"] == code)
    missed = [
        (source, text)
        for source in entry["phrasings"]
        for text in renderings(source, classes)
        if not _covered(code, text)
    ]
    assert missed == []


def test_renderings_cover_alternatives():
    classes = {"leg": ["been", "*voet"]}
    assert renderings("@leg ...3 slap|lam?", classes) == sorted(
        {"been slap", "been", "voet slap", "been lam"}
    )


def _gapped_phrasings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _gapped_phrasings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _gapped_phrasings(value)
    elif isinstance(node, str) and "..." in node:
        yield node


def test_no_concept_phrasing_repeats_a_word_across_a_gap():
    # `|` binds tighter than `...N`: "minder ...1 goed|minder|niet ...1 goed" is one sequence,
    # not three alternatives. A word on both sides of a gap is that slip (write separate slots).
    concepts = yaml.safe_load((PROJECT_ROOT / "data" / "clinical" / "red_flag_concepts.yml").read_text(encoding="utf-8"))
    slips = []
    for phrasing in _gapped_phrasings(concepts["concepts"]):
        words = [set(part.split("|")) for part in phrasing.split() if not part.startswith("...")]
        if any(words[i] & words[j] for i in range(len(words)) for j in range(i + 1, len(words))):
            slips.append(phrasing)
    assert not slips, slips
