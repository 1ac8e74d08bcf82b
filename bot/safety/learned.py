"""The learned layer: a linear sentence classifier for red flags and crisis, read from arrays.

Trained by bot/safety/learned_training.py (scikit-learn) on the catalogue's phrasings, the
reviewed cases, the paraphrases in data/clinical/red_flag_paraphrases.yml and the messages
written independently in red_flag_written.yml. The model is stored as plain arrays (.npz, no
pickle) under build/safety/, named after a hash of what shaped it, and trained on first use
when missing (under a minute, once per machine), never at
import. Scoring needs numpy only: TF-IDF of our own features, then softmax over codes + none.
"""
from __future__ import annotations

import hashlib
import logging
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

from bot.safety.normalize import MAX_CHARS, tokenize

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "build" / "safety"
NONE = "none"
# Everything whose change must give a new model.
TRAINING_INPUTS = (
    "data/clinical/red_flags.yml",
    "data/clinical/red_flag_paraphrases.yml",
    "data/clinical/red_flag_concepts.yml",
    "data/clinical/red_flag_written.yml",
    "data/clinical/chat_turns.yml",
    "tests/bot/safety/cases.yml",
    "bot/safety/learned.py",
    "bot/safety/learned_training.py",
    "bot/safety/normalize.py",
)
TRAINING_GLOBS = ("data/nlu/*.yml",)
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_MAX_SENTENCES = 30


def features(text: str) -> List[str]:
    """Words, word pairs and letter groups of `text`, after folding and chat-form expansion."""
    return word_features([token.text for token in tokenize(text) if not token.is_break])


def word_features(words: List[str]) -> List[str]:
    """The features of an already tokenized sentence (see `features`)."""
    found = [f"w:{word}" for word in words]
    found.extend(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    for word in words:
        padded = f" {word} "
        for size in (3, 4, 5):
            found.extend(f"c:{padded[i:i + size]}" for i in range(len(padded) - size + 1))
    return found


def sentences(text: str) -> List[str]:
    """The sentences of a message (at most 30), each scored on its own."""
    found = [part.strip() for part in _SENTENCE.findall(text[:MAX_CHARS])]
    return [part for part in found if any(ch.isalnum() for ch in part)][:_MAX_SENTENCES]


def training_hash() -> str:
    """Hash of every file that shapes the model: a changed file means a new model."""
    digest = hashlib.sha1()
    paths = [ROOT / name for name in TRAINING_INPUTS]
    for pattern in TRAINING_GLOBS:
        paths.extend(sorted(ROOT.glob(pattern)))
    for path in paths:
        if path.exists():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def model_path(model_dir: Path = MODEL_DIR) -> Path:
    """Where the model for the current training inputs lives."""
    return model_dir / f"red_flag_model-{training_hash()}.npz"


@dataclass(frozen=True)
class Scores:
    """Probability per code (and `none`) for the most telling sentence of each code."""

    by_code: Dict[str, float]
    sentence: Dict[str, Tuple[int, int]]  # code -> character span of that sentence

    def get(self, code: str) -> float:
        return self.by_code.get(code, 0.0)


class SentenceClassifier:
    """TF-IDF + multinomial logistic regression, applied per sentence."""

    def __init__(self, terms: List[str], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, classes: List[str]) -> None:
        self.index = {term: i for i, term in enumerate(terms)}
        self.idf = idf
        # One row per feature: gathering a message's few hundred rows stays contiguous.
        self.rows = np.ascontiguousarray(coef.T)
        self.intercept = intercept
        self.classes = classes

    @classmethod
    def load(cls, path: Path) -> "SentenceClassifier":
        with np.load(path, allow_pickle=False) as arrays:
            return cls([str(t) for t in arrays["terms"]], arrays["idf"], arrays["coef"],
                       arrays["intercept"], [str(c) for c in arrays["classes"]])

    def probabilities(self, text: str) -> np.ndarray:
        """Softmax over `classes` for one sentence."""
        return self._probabilities(features(text))

    def _probabilities(self, found: List[str]) -> np.ndarray:
        get = self.index.get
        counts: Dict[int, int] = {}
        for feature in found:
            column = get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            scores = self.intercept.astype(float)
        else:
            columns = np.array(list(counts), dtype=np.int64)
            tf = 1.0 + np.log(np.array(list(counts.values()), dtype=float))
            weights = tf * self.idf[columns]
            weights /= float(np.sqrt((weights * weights).sum())) or 1.0
            # An elementwise sum, not a BLAS call: BLAS threads stall on a busy shared machine.
            scores = (self.rows[columns] * weights[:, None]).sum(axis=0) + self.intercept
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def score(self, text: str) -> Scores:
        """Highest probability of each code over the message's sentences."""
        best: Dict[str, float] = {}
        where: Dict[str, Tuple[int, int]] = {}
        offset = 0
        for sentence in sentences(text):
            start = text.find(sentence, offset)
            offset = max(offset, start + len(sentence)) if start >= 0 else offset
            self._keep_best(self.probabilities(sentence), (max(start, 0), max(start, 0) + len(sentence)), best, where)
        return Scores(best, where)

    def score_tokens(self, tokens) -> Scores:
        """Like `score`, on the tokens of a message the matcher already made (no second tokenizing)."""
        best: Dict[str, float] = {}
        where: Dict[str, Tuple[int, int]] = {}
        words: List[str] = []
        first = None
        for count, token in enumerate(tokens):
            if not token.is_break:
                words.append(token.text)
                first = token if first is None else first
                last = token
            if (token.is_stop or count == len(tokens) - 1) and words:
                self._keep_best(self._probabilities(word_features(words)), (first.start, last.end), best, where)
                words, first = [], None
        return Scores(best, where)

    def _keep_best(self, probabilities, span, best, where) -> None:
        for code, p in zip(self.classes, probabilities):
            if p > best.get(code, -1.0):
                best[code], where[code] = float(p), span


_lock = threading.RLock()
_loaded: Dict[str, Optional[SentenceClassifier]] = {}


@contextmanager
def classifier_in_use(classifier: Optional[SentenceClassifier], model_dir: Path = MODEL_DIR):
    """Within the block, `get_classifier(model_dir)` returns `classifier` (cross-validation)."""
    key = str(model_dir)
    with _lock:
        missing = object()
        before = _loaded.get(key, missing)
        _loaded[key] = classifier
        try:
            yield classifier
        finally:
            if before is missing:
                _loaded.pop(key, None)
            else:
                _loaded[key] = before


def get_classifier(model_dir: Path = MODEL_DIR) -> Optional[SentenceClassifier]:
    """The classifier for the current data: loaded, or trained and saved first. None on failure."""
    key = str(model_dir)
    if key in _loaded:
        return _loaded[key]
    with _lock:
        if key not in _loaded:
            _loaded[key] = _load_or_train(model_dir)
    return _loaded[key]


def _load_or_train(model_dir: Path) -> Optional[SentenceClassifier]:
    try:
        path = model_path(model_dir)
        if not path.exists():
            from bot.safety.learned_training import train_and_save

            train_and_save(path)
        return SentenceClassifier.load(path)
    except Exception:  # noqa: BLE001 - without this layer the catalogue and concepts still work
        logger.exception("red-flag classifier unavailable; the rule layers still run")
        return None
