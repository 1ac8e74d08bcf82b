"""What the content pages show, built from the defaults and the overrides; plain Python, no HTTP.

The routes (content_routes.py) call it in threads, since most of it reads the database.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.console.content_views import EditorState, ItemState, VariantRow
from bot.content.answers import answer_values, practice_country, preview, responses_with, variants_in_force
from bot.content.catalogue import PRACTICE_FIELDS, PracticeField, Response, domain_responses, editable, \
    situation_notes, variant_label
from bot.content.config import ContentConfig
from bot.content.live import ContentSnapshot, live_content
from bot.content.rules import check_practice, check_response
from bot.content.variants import EditedVariant, edited_answer, shape_of, uncovered
from bot.content.versions import Version, changed_items, current_version_id, history
from bot.practice.details import FIELDS, practice_texts

# Answers a practice detail shows up in, for its preview.
_PREVIEW_OF = {"booking_link": ("utter_practice_appointment",)}
_COUNTRY_PREVIEW = ("utter_triage_crisis", "utter_triage_urgent_after_hours")
ADDED = "nieuw"  # the form's `from-N` of a text the practice added


class ContentEditor:
    """Reads defaults and overrides and builds what the pages show."""

    def __init__(self, config: ContentConfig, zone: str) -> None:
        self.config, self.zone = config, zone
        self.live = live_content(config.db_url)

    def snapshot(self) -> ContentSnapshot:
        return self.live.snapshot()

    def responses(self) -> Dict[str, Response]:
        return {name: item for name, item in domain_responses(self.config.domain_dir).items() if editable(item)}

    def practice_value(self, key: str, snapshot: ContentSnapshot) -> str:
        if key == "country":
            return practice_country(self.config, snapshot)
        return snapshot.practice.get(key, self.practice_default(key))

    def practice_default(self, key: str) -> str:
        if key == "country":
            return self.config.default_country
        return practice_texts(self.config.practice_file).get(key, "").strip()

    def current_variants(self, item: Response, snapshot: ContentSnapshot) -> Tuple[EditedVariant, ...]:
        """The variants the assistant says now: the same choice PracticeNLG makes."""
        in_force = variants_in_force(item.variants, snapshot.responses.get(item.name))
        return tuple(replace(variant, text=variant.text.strip()) for variant in in_force.variants)

    @staticmethod
    def shown(item: Response, variants: Sequence[EditedVariant]) -> List[EditedVariant]:
        """`variants` as the boxes show them: a kept domain text written out, without the YAML's last line end."""
        return [variant if variant.text is not None else
                EditedVariant(str(item.variants[variant.source].get("text") or "").strip(), variant.source)
                for variant in variants]

    def shared_placeholders(self) -> List[str]:
        return sorted(answer_values(self.config, ContentSnapshot()))

    def overview(self) -> Tuple[list, list]:
        snapshot, changed = self.snapshot(), changed_items(self.config.db_url)
        fields = [(field, self.practice_value(field.key, snapshot), ItemState(*changed.get(("practice", field.key),
                                                                                            (None, None))))
                  for field in PRACTICE_FIELDS]
        answers = [(item, self.current_variants(item, snapshot)[0].text,
                    ItemState(*changed.get(("response", name), (None, None))))
                   for name, item in self.responses().items()]
        return fields, answers

    def practice_previews(self, key: str, snapshot: ContentSnapshot) -> List[Tuple[str, str]]:
        values = answer_values(self.config, snapshot)
        all_responses = responses_with({name: list(item.variants) for name, item in
                                        domain_responses(self.config.domain_dir).items()}, snapshot)
        if key == "country":
            suffix = "_be" if practice_country(self.config, snapshot) == "BE" else ""
            names = tuple(name + suffix for name in _COUNTRY_PREVIEW)
        else:
            wanted = "{" + FIELDS[key] + "}"
            names = _PREVIEW_OF.get(key) or tuple(name for name, variants in all_responses.items()
                                                  if any(wanted in str(v.get("text")) for v in variants))
        shown = [preview(str(all_responses[name][0]["text"]), values) for name in names if name in all_responses]
        return [(f"In het antwoord dat begint met: {text.splitlines()[0][:60]}", text) for text in shown]

    def practice_state(self, field: PracticeField, snapshot: ContentSnapshot, proposed: Optional[str],
                       **messages: str) -> EditorState:
        key, db_url = field.key, self.config.db_url
        shown = snapshot if proposed is None else replace(snapshot, practice={**snapshot.practice, key: proposed})
        return EditorState(current_version_id(kind="practice", key=key, db_url=db_url), key in snapshot.practice,
                           self.practice_default(key), history(kind="practice", key=key, db_url=db_url),
                           self.practice_previews(key, shown), **messages)

    def response_state(self, item: Response, snapshot: ContentSnapshot, variants: Sequence[EditedVariant],
                       **messages: str) -> EditorState:
        db_url, values = self.config.db_url, answer_values(self.config, snapshot)
        previews = [(f"Tekst {n}" if len(variants) > 1 else "Tekst", preview(variant.text, values))
                    for n, variant in enumerate(variants, start=1)]
        default = "\n\n".join(t.strip() for t in item.texts)
        return EditorState(current_version_id(kind="response", key=item.name, db_url=db_url),
                           item.name in snapshot.responses, default,
                           history(kind="response", key=item.name, db_url=db_url), previews, **messages)

    def practice_placeholders(self) -> Dict[str, str]:
        return dict(self.config.links)

    def check(self, kind: str, key: str, value: Any) -> Any:
        """What the beheerder typed, checked: a text, or for an answer an EditedAnswer (ContentRefused if not)."""
        if kind == "practice":
            return check_practice(key, str(value or ""), self.practice_placeholders())
        return check_response(self.responses()[key], list(value or ()), self.shared_placeholders())

    def check_version(self, kind: str, key: str, value: Any) -> Any:
        """A stored version, checked against today's defaults before it comes back (ContentRefused if not)."""
        if kind == "practice":
            return self.check(kind, key, value)
        answer = edited_answer(value)
        return check_response(self.responses()[key], answer.variants, self.shared_placeholders(), base=answer.base)


def variant_rows(item: Response, variants: Sequence[EditedVariant]) -> List[VariantRow]:
    """One row per text box: its label, the buttons it is said with, and whether it may be taken out."""
    rows = []
    for number, variant in enumerate(variants, start=1):
        shape = shape_of(item.variants, variant)
        others = [other for other in variants if other is not variant]
        removable = len(variants) > 1 and not uncovered(item.variants, others)
        label = variant_label(shape, number, variant.added) if len(variants) > 1 or variant.added else "Tekst"
        kept = "" if removable or len(variants) == 1 else (
            "Dit is de enige tekst die " + (" en ".join(situation_notes(shape)) or "altijd") +
            " gebruikt wordt. Die blijft staan.")
        rows.append(VariantRow(number, label, variant.text, ADDED if variant.added else str(variant.source),
                               tuple(str(button.get("title", "")) for button in shape.get("buttons") or []),
                               removable, kept))
    return rows


def typed_variants(form: Any, count: int) -> Optional[Tuple[EditedVariant, ...]]:
    """The variants the editor's form sends, without the ones ticked to take out, with a new text if typed.

    None when the form does not fit the response (an old page, a hand-made request).
    Each box has its own name (text-1, from-1, ...) because an emptied box is not sent at all.
    """
    numbers = sorted(int(match.group(1)) for key in form for match in [re.fullmatch(r"from-(\d+)", key)] if match)
    removed = set(form.getlist("remove") or [])
    variants = []
    for number in numbers:
        if str(number) in removed:
            continue
        source = form.get(f"from-{number}") or ""
        if source != ADDED and not (source.isdigit() and int(source) < count):
            return None
        variants.append(EditedVariant(form.get(f"text-{number}") or "", None if source == ADDED else int(source)))
    new = form.get("new_text") or ""
    if new.strip():
        variants.append(EditedVariant(new))
    return tuple(variants) if numbers else None


def change_note(item: Response, saved: Version) -> str:
    """"teksten 1->2" for the audit log when a save added or removed variants, else ""."""
    def count(value: Any) -> int:
        return len(item.variants) if value is None else len(edited_answer(value).variants)

    before, after = count(saved.old_value), count(saved.new_value)
    return "" if before == after else f":teksten {before}->{after}"
