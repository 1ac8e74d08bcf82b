"""The personal plan in plain Dutch: one line per part (what, when, how much, why)."""
from __future__ import annotations

from datetime import date
from typing import List, Optional, Sequence

from bot.plan.choices import PlanChoices
from bot.plan.magnesium import NEED_MEN_MG, NEED_WOMEN_MG, PORTIONS, rounded_mg

MOVEMENT_NAMES = {"walking": "wandelen", "cycling": "fietsen", "stretching": "rekken",
                  "swimming": "zwemmen"}
MOMENT_PHRASES = {
    "meals": "voor het ontbijt, de lunch en het avondeten",
    "spread": "'s ochtends, 's middags en 's avonds",
    "tension": "op momenten dat je spanning voelt",
    "waking": "na het opstaan",
    "bedtime": "voor het slapen",
}


def join_nl(parts: Sequence[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    parts = [part for part in parts if part]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def minutes_text(minutes: int) -> str:
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


def shift_clock(hhmm: str, minutes: int) -> str:
    hours, mins = (int(part) for part in hhmm.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def movement_phrase(choices: PlanChoices) -> str:
    """"wandel elke dag 15 minuten"."""
    minutes = minutes_text(choices.movement_minutes)
    if choices.movement == "walking":
        return f"wandel elke dag {minutes} in een rustig tempo"
    if choices.movement == "cycling":
        return f"fiets elke dag {minutes} in een rustig tempo"
    if choices.movement == "stretching":
        return f"doe elke dag {minutes} rustige rekoefeningen"
    if choices.movement == "swimming":
        # Few people can swim daily: the other days get a short walk.
        return f"zwem 2 keer per week {minutes} rustig, en wandel op de andere dagen 10 minuten"
    return f"doe elke dag {minutes} {choices.movement}"


def moments_phrase(moments: Sequence[str], count: int = 3) -> str:
    """When the breathing moments are; meals and "spread" follow the number of moments."""
    times = [moment for moment in moments if ":" in moment]
    phrases = dict(MOMENT_PHRASES)
    if count == 1:
        phrases.update(meals="voor een van je maaltijden", spread="op een vast moment van de dag")
    elif count == 2:
        phrases.update(meals="voor twee van je maaltijden", spread="'s ochtends en 's avonds")
    named = [phrases[moment] for moment in moments if moment in phrases]
    if times:
        named.append("om " + join_nl(times))
    return join_nl(named) or MOMENT_PHRASES["meals"]


def water_phrase(glasses: int) -> str:
    litres = f"{glasses * 0.25:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if glasses >= 5:
        when = "een bij het opstaan, een bij elke maaltijd en de rest verspreid over de dag"
    elif glasses == 4:
        when = "een bij het opstaan en een bij elke maaltijd"
    elif glasses == 3:
        when = "een bij elke maaltijd"
    else:
        when = "verspreid over de dag"
    amount = "1 glas" if glasses == 1 else f"{glasses} glazen"
    return f"drink {amount} water per dag (ongeveer {litres} liter): {when}"


def plan_lines(choices: PlanChoices) -> List[str]:
    """The plan, one line per part, without header or closing words."""
    lines = [
        f"Bewegen: {movement_phrase(choices)}. Waarom: rustig bewegen maakt je rug soepeler.",
        f"Ademen: {choices.breathing_count} keer per dag 2 minuten, 4 tellen in en 6 tellen uit,"
        f" {moments_phrase(choices.breathing_moments, choices.breathing_count)}. Waarom: rustig uitademen haalt je lichaam uit de stressstand.",
    ]
    foods = [code for code in choices.foods if code in PORTIONS]
    if foods:
        portions = join_nl([PORTIONS[code].phrase for code in foods])
        lines.append(
            f"Eten: elke dag {portions}. Dat geeft {'samen ' if len(foods) > 1 else ''}ongeveer"
            f" {rounded_mg(foods)} mg magnesium;"
            f" je hebt per dag {NEED_WOMEN_MG} tot {NEED_MEN_MG} mg nodig, uit al je eten samen."
            " Waarom: magnesium helpt je spieren ontspannen."
        )
    if choices.nut_allergy:
        lines.append("Let op: je bent allergisch voor noten, dus noten staan niet in je plan."
                     " Kijk bij pitten en chocolade op het etiket of er sporen van noten in kunnen zitten.")
    lines.append(f"Water: {water_phrase(choices.water)}. Waarom: water brengt voedingsstoffen naar je spieren.")
    if choices.sits and choices.move_alarm:
        lines.append(
            f"Beweegwekker: zet een wekker die elke {choices.move_alarm} minuten gaat. Sta dan even op"
            " en loop een stukje. Waarom: je rug houdt van afwisseling."
        )
    lines.append(
        f"Avond: leg om {shift_clock(choices.bedtime, -60)} je scherm weg en ga om {choices.bedtime} naar bed;"
        " adem vlak voor het slapen 2 minuten rustig. Waarom: wie goed slaapt, voelt pijn vaak minder sterk."
    )
    return lines


def plan_text(choices: PlanChoices) -> str:
    """The whole plan as the user sees it."""
    body = "\n".join(f"- {line}" for line in plan_lines(choices))
    return (
        "Dit is jouw startplan:\n"
        f"{body}\n"
        "Begin klein. Gaat het goed? Doe er dan elke week een beetje bij."
        " Lukt iets een dag niet? Geen probleem, pak het de volgende dag weer op.\n"
        "Wordt de pijn veel erger, of krijg je tintelingen of minder kracht in je been? Bel dan je huisarts."
    )


def nudges(choices: PlanChoices) -> List[str]:
    """One-line daily reminders, one per part of the plan."""
    activity = MOVEMENT_NAMES.get(choices.movement, choices.movement)
    foods = [code for code in choices.foods if code in PORTIONS]
    lines = [
        f"Even een seintje: vandaag {minutes_text(choices.movement_minutes)} {activity}? Rustig aan is goed.",
        "Tijd voor een ademmoment: 2 minuten, 4 tellen in en 6 tellen uit.",
        f"Drink je vandaag je {choices.water} glazen water? Zet er nu vast een klaar.",
        f"Vanavond om {choices.bedtime} naar bed? Leg om {shift_clock(choices.bedtime, -60)} je scherm weg.",
    ]
    if foods:
        lines.insert(2, f"Staat er vandaag {PORTIONS[foods[0]].phrase} op je menu?")
    if choices.sits and choices.move_alarm:
        lines.append("Zit je al een tijdje? Sta even op en loop een rondje.")
    return lines


def nudge_for(choices: PlanChoices, day: date) -> str:
    """The nudge for `day`: the parts of the plan take turns, one a day."""
    options = nudges(choices)
    return options[day.toordinal() % len(options)]


def part_summary(choices: PlanChoices, part: Optional[str]) -> Optional[str]:
    """The line of one part of the plan, to confirm a change."""
    prefixes = {"movement": "Bewegen", "breathing": "Ademen", "food": "Eten", "water": "Water",
                "sitting": "Beweegwekker", "bedtime": "Avond"}
    prefix = prefixes.get(part or "")
    return next((line for line in plan_lines(choices) if prefix and line.startswith(prefix)), None)
