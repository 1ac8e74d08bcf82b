"""The plan's choices as one value: from the form's slots, to and from the plans table."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Mapping, Optional

# Slot names of the form, in the order the questions are asked.
CONTENT_SLOTS = (
    "plan_movement", "plan_movement_minutes", "plan_breathing_count", "plan_breathing_moments",
    "plan_nut_allergy", "plan_foods", "plan_water", "plan_sits", "plan_move_alarm", "plan_bedtime",
)
CONSENT_SLOT = "plan_consent"
REMINDER_SLOT = "plan_reminder_time"
EDIT_PART_SLOT = "plan_edit_part"
MODE_SLOT = "plan_mode"
STOPPED_SLOT = "plan_stopped"
ALL_SLOTS = (EDIT_PART_SLOT, *CONTENT_SLOTS, CONSENT_SLOT, REMINDER_SLOT)
NO_REMINDER = "none"

# Which slots each part of the plan consists of (what "pas mijn plan aan" re-asks).
PART_SLOTS: Dict[str, tuple] = {
    "movement": ("plan_movement", "plan_movement_minutes"),
    "breathing": ("plan_breathing_count", "plan_breathing_moments"),
    "food": ("plan_nut_allergy", "plan_foods"),
    "water": ("plan_water",),
    "sitting": ("plan_sits", "plan_move_alarm"),
    "bedtime": ("plan_bedtime",),
    "reminder": (REMINDER_SLOT,),
}


@dataclass
class PlanChoices:
    """Everything the user chose; field names are the slot names without "plan_"."""

    movement: str = "walking"
    movement_minutes: int = 10
    breathing_count: int = 3
    breathing_moments: List[str] = field(default_factory=lambda: ["meals"])
    nut_allergy: bool = False
    foods: List[str] = field(default_factory=lambda: ["nuts", "greens"])
    water: int = 4
    sits: bool = False
    move_alarm: Optional[int] = None
    bedtime: str = "23:00"

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "PlanChoices":
        """Choices from slot values; a missing slot keeps its default."""
        values = {name[len("plan_"):]: slots.get(name) for name in CONTENT_SLOTS}
        return cls.from_dict(values)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PlanChoices":
        """Choices from the JSON stored in plans.choices (unknown keys are ignored)."""
        known = {name: value for name, value in data.items()
                 if name in cls.__dataclass_fields__ and value is not None}
        choices = cls(**known)
        choices.movement_minutes = int(choices.movement_minutes)
        choices.breathing_count = int(choices.breathing_count)
        choices.water = int(choices.water)
        choices.move_alarm = int(choices.move_alarm) if choices.sits and choices.move_alarm else None
        return choices

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    def to_slots(self) -> Dict[str, Any]:
        """Slot values that reproduce these choices in the form."""
        return {f"plan_{name}": value for name, value in self.to_dict().items()}
