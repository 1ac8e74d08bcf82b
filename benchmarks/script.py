"""The fixed message script that `make bench` and `make cluster` send.

Deterministic: the same conversations, in the same order, on every run and for both the
project and the peer, so that figures from two runs (or two models) compare like for
like. The mix follows what a practice's patients do: a greeting, topic questions, the
plan form, medicines mentioned in passing, now and then a red flag, a goodbye.

Each turn carries what the cluster test needs to check isolation: the medicines and
whether a red flag is in that very message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple


@dataclass(frozen=True)
class Turn:
    text: str
    kind: str
    medicines: Tuple[str, ...] = ()
    red_flag: bool = False


@dataclass
class Conversation:
    index: int
    turns: List[Turn] = field(default_factory=list)

    @property
    def medicines(self) -> set:
        return {name for turn in self.turns for name in turn.medicines}

    @property
    def has_red_flag(self) -> bool:
        return any(turn.red_flag for turn in self.turns)


GREETINGS = ["hoi", "hallo", "goedemorgen", "hey", "hallo daar", "goeiemiddag"]

FAQ = [
    "wat doet magnesium eigenlijk in mijn lichaam",
    "hoeveel magnesium mag ik per dag slikken",
    "welke vorm van magnesium is het beste",
    "kan magnesium helpen bij rugpijn",
    "in welk eten zit veel magnesium",
    "krijg je diarree van magnesium",
    "hoe merk ik dat ik te weinig magnesium heb",
    "hoe lang duurt het voor magnesium werkt",
    "wat helpt tegen stress",
    "waarom blijft mijn rug pijn doen",
    "heb je tips om beter te slapen",
    "hoeveel water moet ik drinken per dag",
    "welke oefeningen zijn goed voor mijn rug",
    "ik zit de hele dag achter een bureau, wat kan ik doen",
    "heb je een ademhalingsoefening voor me",
    "is vitamine d belangrijk bij rugpijn",
    "wat is orthomoleculaire therapie",
    "wanneer moet ik naar de huisarts",
    "ik heb een terugval, wat nu",
    "wat kun je allemaal",
    "ben jij een robot",
]

# The plan form (bot/plan/questions.py): the request, then one answer per question in the
# form's order; bench conversations stop part way, cluster conversations go to the end.
PLAN_BLOCKS = [
    ["ik wil een plan maken", "wandelen", "10 minuten", "2 keer", "bij de maaltijden", "nee",
     "zaden en bladgroente", "6 glazen", "ja", "elk uur", "22:30", "ja", "9:00"],
    ["kan je een plan voor me opstellen", "fietsen", "een kwartier", "1 keer", "voor het slapen",
     "nee", "noten", "8 glazen", "nee", "23:00", "ja", "nee, liever niet"],
    ["ik wil starten met een plan", "zwemmen", "20 minuten", "3 keer", "ochtend, middag en avond",
     "ja", "bladgroente en peulvruchten", "4 glazen", "ja", "elke 45 minuten", "half elf", "ja", "8:30"],
]

MEDICATION_TURNS = [
    Turn("ik slik levothyroxine, helpt magnesium bij rugpijn?", "medication", ("levothyroxine",)),
    Turn("ik gebruik omeprazol, mag ik dan magnesium nemen", "medication", ("omeprazol",)),
    Turn("mag magnesium samen met doxycycline?", "medication", ("doxycycline",)),
    Turn("ik neem alendroninezuur voor mijn botten, kan dat met magnesium", "medication", ("alendroninezuur",)),
]

RED_FLAG_TURNS = [
    Turn("ik kan sinds vanochtend niet meer plassen en mijn been is slap", "red_flag", red_flag=True),
    Turn("ik heb koorts en mijn rug doet steeds meer pijn", "red_flag", red_flag=True),
    Turn("ik voel niks meer tussen mijn benen", "red_flag", red_flag=True),
    Turn("mijn been wordt steeds zwakker en ik sleep met mijn voet", "red_flag", red_flag=True),
]

# A negated symptom is ordinary talk, but it walks the same matcher as a red flag.
NEGATED = Turn("ik heb geen koorts en krachtsverlies heb ik ook niet", "faq")

CLOSINGS = ["bedankt", "dank je wel", "doei", "tot ziens"]


def _faq(position: int) -> Turn:
    return Turn(FAQ[position % len(FAQ)], "faq")


def conversation(index: int, length: int = 10) -> Conversation:
    """Conversation `index` with exactly `length` messages (at least 4)."""
    turns = [Turn(GREETINGS[index % len(GREETINGS)], "greeting"), _faq(index * 3)]
    red_flag = RED_FLAG_TURNS[(index // 5) % len(RED_FLAG_TURNS)] if index % 5 == 2 else None
    if index % 3 == 0:
        plan = [Turn(text, "plan") for text in PLAN_BLOCKS[(index // 3) % len(PLAN_BLOCKS)]]
        if red_flag:  # in the middle of the form: it must escalate and end the form
            plan.insert(3, red_flag)
        turns += plan
    else:
        if index % 3 == 1:
            turns += [MEDICATION_TURNS[index % len(MEDICATION_TURNS)], _faq(index * 3 + 1)]
        else:
            turns += [_faq(index * 3 + 1), NEGATED]
        turns += [red_flag] if red_flag else []
    position = index * 3 + 2
    while len(turns) < length - 1:
        turns.append(_faq(position))
        position += 1
    turns = turns[: length - 1] + [Turn(CLOSINGS[index % len(CLOSINGS)], "closing")]
    return Conversation(index, turns)


def script(conversations: int = 50, length: int = 11) -> List[Conversation]:
    """The benchmark script: 50 conversations of 11 messages (550 messages) by default."""
    return [conversation(index, length) for index in range(conversations)]


def summary(conversations: List[Conversation]) -> str:
    kinds: dict = {}
    for conv in conversations:
        for turn in conv.turns:
            kinds[turn.kind] = kinds.get(turn.kind, 0) + 1
    total = sum(kinds.values())
    parts = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    return f"{total} messages in {len(conversations)} conversations ({parts})"
