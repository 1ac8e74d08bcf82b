"""Magnesium from the foods in a plan, from the figures in clinical.md section 4.

One everyday portion per food group (product decision): the figure is an estimate of
what those portions give, not of a whole day's diet.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable

NEED_WOMEN_MG = 300
NEED_MEN_MG = 350


@dataclass(frozen=True)
class Portion:
    """One daily portion of a food group: how it reads, grams, mg magnesium per 100 g."""

    phrase: str
    grams: float
    mg_per_100g: float

    @property
    def mg(self) -> float:
        return self.grams * self.mg_per_100g / 100


PORTIONS: Dict[str, Portion] = {
    # A handful of nuts is 25 g and a slice of bread 35 g (clinical.md section 4).
    "nuts": Portion("een handje amandelen (25 g)", 25, 270),
    "seeds": Portion("een handje pompoenpitten (25 g)", 25, 535),
    "greens": Portion("een portie gekookte spinazie (100 g)", 100, 87),
    "legumes": Portion("een portie gekookte kikkererwten (100 g)", 100, 45),
    "grains": Portion("2 sneetjes volkorenbrood (70 g)", 70, 82),
    "chocolate": Portion("2 blokjes pure chocolade met 80-85% cacao (20 g)", 20, 228),
}
GROUP_NAMES = {
    "nuts": "noten", "seeds": "zaden en pitten", "greens": "bladgroente",
    "legumes": "peulvruchten", "grains": "volkoren granen", "chocolate": "pure chocolade",
}


def estimate_mg(foods: Iterable[str]) -> float:
    """Exact sum of magnesium (mg) in one portion of each chosen food group."""
    return sum(PORTIONS[code].mg for code in dict.fromkeys(foods) if code in PORTIONS)


def rounded_mg(foods: Iterable[str]) -> int:
    """The estimate rounded to 5 mg: more precision would suggest more certainty than there is."""
    return int(5 * round(estimate_mg(foods) / 5))

