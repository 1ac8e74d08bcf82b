"""An answer's variants as the beheerder left them: reworded, removed or added texts.

A domain response has one or more variants: a text with its buttons, channel and
condition. The console stores texts only. Each is either a domain variant kept (with
new words, or with its own, which then follow the domain when it is updated), or a
variant the practice added, which is said with the buttons, channel and condition of
the domain's first variant as the domain has them at that moment: after a domain update
an added text follows the new buttons instead of offering ones that no longer lead anywhere.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union


@dataclass(frozen=True)
class EditedVariant:
    text: Optional[str]  # None: the domain variant's own text, whatever the domain says now
    source: Optional[int] = None  # the domain variant (0-based) this text rewords; None: added by the practice

    @property
    def added(self) -> bool:
        return self.source is None


@dataclass(frozen=True)
class EditedAnswer:
    """What the console keeps for one response: its variants and the domain's variant count they were made for."""

    variants: Tuple[EditedVariant, ...]
    base: int

    @property
    def texts(self) -> Tuple[Optional[str], ...]:
        return tuple(variant.text for variant in self.variants)

    @property
    def removed(self) -> Tuple[int, ...]:
        """The domain variants (0-based) the beheerder took out."""
        kept = {variant.source for variant in self.variants}
        return tuple(number for number in range(self.base) if number not in kept)

    def stored(self) -> Union[None, List[str], Dict[str, Any]]:
        """The JSON value to store; None when this is the domain's answer as it is (no override).

        A plain list of texts while every domain variant is there, in order, reworded, and
        none was added: the format rows had before variants could change, so their meaning is one.
        """
        if [variant.source for variant in self.variants] == list(range(self.base)):
            if all(variant.text is None for variant in self.variants):
                return None
            if all(variant.text is not None for variant in self.variants):
                return [variant.text for variant in self.variants]
        return {"of": self.base, "variants": [{"from": v.source} if v.text is None else {"text": v.text, "from": v.source}
                                              for v in self.variants]}


def edited_answer(value: Any) -> EditedAnswer:
    """A stored value (a list of texts, or the mapping `stored` writes) as an EditedAnswer."""
    if isinstance(value, EditedAnswer):
        return value
    if isinstance(value, Mapping):
        variants = tuple(EditedVariant(None if item.get("text") is None else str(item["text"]),
                                       None if item.get("from") is None else int(item["from"]))
                         for item in value["variants"])
        if any(variant.text is None and variant.added for variant in variants):
            raise ValueError("an added variant without a text")
        return EditedAnswer(variants, int(value["of"]))
    texts = [str(text) for text in value]
    return EditedAnswer(tuple(EditedVariant(text, number) for number, text in enumerate(texts)), len(texts))


def situation(variant: Mapping[str, Any]) -> Tuple[Optional[str], str]:
    """When Rasa may pick a variant: its channel and condition."""
    return variant.get("channel") or None, json.dumps(variant.get("condition") or None, sort_keys=True)


def shape_of(domain_variants: Sequence[Mapping[str, Any]], variant: EditedVariant) -> Mapping[str, Any]:
    """The domain variant whose buttons, channel and condition `variant` is said with."""
    return domain_variants[0 if variant.added else variant.source]


def uncovered(domain_variants: Sequence[Mapping[str, Any]],
              variants: Sequence[EditedVariant]) -> List[Mapping[str, Any]]:
    """A domain variant for each situation no variant is left for: there the assistant would say nothing.

    Rasa picks among the variants for the channel and condition at hand; with none left for
    the website chat it falls back to the general ones and the widget's payload is lost,
    with none left without a condition it says nothing at all.
    """
    left = {situation(shape_of(domain_variants, variant)) for variant in variants}
    missing: Dict[Tuple[Optional[str], str], Mapping[str, Any]] = {}
    for variant in domain_variants:
        if situation(variant) not in left:
            missing.setdefault(situation(variant), variant)
    return list(missing.values())


def with_texts(domain_variants: Sequence[Mapping[str, Any]], variants: Sequence[EditedVariant]) -> List[EditedVariant]:
    """`variants` with the domain's own text filled in where they kept it."""
    return [variant if variant.text is not None else
            EditedVariant(str(domain_variants[variant.source].get("text") or ""), variant.source)
            for variant in variants]


def as_rasa(domain_variants: Sequence[Mapping[str, Any]], variants: Sequence[EditedVariant]) -> List[Dict[str, Any]]:
    """The variants as Rasa's NLG reads them: each text with its domain variant's buttons, channel and condition."""
    return [{**shape_of(domain_variants, variant), "text": variant.text} for variant in variants]
