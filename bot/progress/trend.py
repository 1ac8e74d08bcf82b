"""Pain scores: reading them, what a sharp rise is, and honest words about the trend."""
from __future__ import annotations

from datetime import timedelta
from typing import Sequence

from bot.progress.history import ScorePoint

# A sharp rise (product decision): the latest score is 3 or more points above the lowest
# score of the 7 days before it. The guidelines give no cut-off; this errs on the side of
# telling people to check in with their GP or therapist.
SHARP_RISE_POINTS = 3
SHARP_RISE_WINDOW = timedelta(days=7)

CONTACT_ADVICE = (
    "Je pijn is de afgelopen week flink gestegen. Neem contact op met je huisarts of met je"
    " therapeut, zodat die met je mee kan kijken. Is de pijn heel erg, of krijg je nieuwe klachten"
    " zoals tintelingen of minder kracht? Bel dan vandaag je huisarts."
)


def sharp_rise(points: Sequence[ScorePoint]) -> bool:
    """Whether the latest score is a sharp rise on the week before it."""
    if len(points) < 2:
        return False
    latest = points[-1]
    window = [p.score for p in points[:-1] if latest.at - SHARP_RISE_WINDOW <= p.at <= latest.at]
    return bool(window) and latest.score - min(window) >= SHARP_RISE_POINTS


def trend_sentence(points: Sequence[ScorePoint]) -> str:
    """One honest sentence about the scores so far: no promises, setbacks are normal."""
    if len(points) == 1:
        return "Dit is je eerste score. Geef vaker een cijfer, dan zie je hoe het verloopt."
    first, last = points[0].score, points[-1].score
    if last < first:
        return ("Je pijn is nu lager dan bij je eerste score. Fijn! Het kan nog op en neer gaan;"
                " dat is normaal.")
    if last > first:
        return ("Je pijn is nu hoger dan bij je eerste score. Een terugval hoort er vaak bij en is niet"
                " jouw schuld. Ga terug naar de basis: rustig ademen, bewegen en goed slapen.")
    return "Je pijn is ongeveer gelijk aan je eerste score. Verandering gaat vaak langzaam; houd vol."


def progress_text(points: Sequence[ScorePoint]) -> str:
    """The words that go with the chart."""
    count = "1 score" if len(points) == 1 else f"{len(points)} scores"
    lines = [f"Je pijnscores tot nu toe ({count}, 0 is geen pijn en 10 de ergste pijn).",
             trend_sentence(points)]
    if sharp_rise(points):
        lines.append(CONTACT_ADVICE)
    return "\n".join(lines)


def saved_text(score: int, points: Sequence[ScorePoint]) -> str:
    """Confirmation after a score is stored, with advice if it rose sharply."""
    lines = [f"Dank je. Ik heb je score bewaard: {score} van de 10.",
             "Wil je zien hoe het verloopt? Typ: mijn voortgang."]
    if sharp_rise(points):
        lines.insert(1, CONTACT_ADVICE)
    return "\n".join(lines)
