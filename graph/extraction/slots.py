"""Slot kinds: where a construction rule finds the actors that fill its subject and object.

Each slot kind is a function in ``SUBJECT_SLOTS`` or ``OBJECT_SLOTS``; the rule schema's slot names
are these tables' keys (``rules.SubjectSlot``/``ObjectSlot``), so a name in a rule file always has a
function behind it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .clauses import (
    POSSESSIVE,
    window_has,
    words_between,
)
from .context import M
from .coref import resolve_pronoun, they_group
from .sentence import Slots

if TYPE_CHECKING:
    from .schema import PredicateRule, RelationRule


# --- the slot kinds ----------------------------------------------------------------------------
# An object slot returns the objects and the position the subject is looked for before (the cue's
# start, or the start of an object that stands before the cue); a subject slot returns the subjects.

Cue = tuple[int, int]


def _object_after(slots: Slots, rule: RelationRule, cue: Cue) -> tuple[list[M], int]:
    """The nearest actor (or coordinated actors) after the cue; with ``also_that_clauses`` every
    actor opening a later "that" clause too."""
    text, (c0, c1) = slots.text, cue
    objs = slots.after(c1, rule.gap)
    if rule.object_prep and objs and not window_has(slots.ctx.lowered, rule.object_prep, c1, objs[0].s):
        objs = []
    if rule.also_that_clauses and objs:
        for m in slots.args:
            if (
                m.s > objs[-1].end
                and re.search(r"\bthat\s+(?:the\s+)?$", text[max(c1, m.s - 12) : m.s])
                and m not in objs
            ):
                objs.append(m)
    return objs, c0


def _object_before(slots: Slots, rule: RelationRule, cue: Cue) -> tuple[list[M], int]:
    """The nearest actor (or coordinated actors) before the cue in its clause."""
    return slots.before(cue[0], rule.gap), cue[0]


def _object_before_adjacent(slots: Slots, rule: RelationRule, cue: Cue) -> tuple[list[M], int]:
    """The actor right before the cue ("a NATO member"), or what "its" refers to ("its member")."""
    text, c0 = slots.text, cue[0]
    for m in slots.everyone:
        if m.end <= c0 and re.fullmatch(r"\s*", text[m.end : c0]):
            return [m], m.s
    its = re.search(r"\bits\s+$", text[max(0, c0 - 8) : c0])
    if its:
        target = resolve_pronoun(slots.ctx, "it", c0 - len(its.group(0)), slots)
        if target:
            return [M(c0 - len(its.group(0)), c0, target, pronoun=True)], c0 - len(its.group(0))
    return [], c0


def _object_member_contrast(slots: Slots, rule: RelationRule, cue: Cue) -> tuple[list[M], int]:
    """The organisation in "an ORG member" elsewhere in the sentence ("a NATO member and a partner")."""
    for m in slots.everyone:
        if re.match(r"\s+member\b", slots.text[m.end : m.end + 10]) and slots.ctx.type_of(m.actor) == "Organisation":
            return [m], cue[0]
    return [], cue[0]


def subject_before(
    slots: Slots, rule: RelationRule | PredicateRule, cue: Cue, anchor: int, can_act: Callable | None = None
) -> list[M]:
    """The nearest actor (or coordinated actors, or a resolved pronoun) before ``anchor`` in its
    clause; "they" stands for the group it refers to; with ``copula`` a form of "be" must follow it."""
    text = slots.text
    found = slots.before(anchor, rule.gap, acting=True, can_act=can_act) or slots.antecedent(anchor)
    if found and found[0].pronoun and text[found[0].start : found[0].end].lower() == "they":
        group = they_group(slots.ctx, found[0].start)
        if group:
            found = [M(found[0].start, found[0].end, a, pronoun=True) for a in group]
    if (
        rule.__dict__.get("copula")
        and found
        and not re.search(r"\b(?:is|are|was|were|remains|remain)\b|['’]s\b", text[found[-1].end : anchor])
    ):
        return []
    return found


def _subject_after(slots: Slots, rule: RelationRule, cue: Cue, anchor: int) -> list[M]:
    """The nearest actor (or coordinated actors) after the cue."""
    return slots.after(cue[1], rule.gap)


def _subject_speaker(slots: Slots, rule: RelationRule, cue: Cue, anchor: int) -> list[M]:
    """Who speaks in the sentence ("X said", "said X", "according to X", a headline "X: ...")."""
    who = slots.speaker()
    return [M(cue[0], cue[0], who, pronoun=True)] if who else []


def _subject_modifier_after(slots: Slots, rule: RelationRule, cue: Cue, anchor: int) -> list[M]:
    """The actor right after the cue that modifies a troop word ("send French troops to")."""
    text, c1 = slots.text, cue[1]
    for m in slots.everyone:
        if m.s >= c1 and words_between(text, c1, m.s) <= 1:
            if re.match(r"(?:\s+combat|\s+ground)?\s+(?:troops|soldiers|forces)\b", text[m.end : m.end + 30], re.I):
                return [m]
            break
    return []


def _subject_possessor_after(slots: Slots, rule: RelationRule, cue: Cue, anchor: int) -> list[M]:
    """The actor in "X's" right after the cue ("rejected Russia's demands")."""
    text, c1 = slots.text, cue[1]
    for m in slots.args + [x for x in slots.everyone if x.modifier]:
        if m.s >= c1 and words_between(text, c1, m.s) <= 1 and POSSESSIVE.match(text, m.end):
            return [m]
    return []


TROOP_AFTER = re.compile(r"\s+(?:troops?|soldiers|forces|servicemen)\b", re.I)


def _subject_troop_modifier(slots: Slots, rule: RelationRule, cue: Cue, anchor: int) -> list[M]:
    """The actor modifying a troop word near the cue ("Turkish soldiers were moved", "the buildup
    of Russian forces"), or an armed force named as such ("the Barkhane force is involved in")."""
    text, (c0, c1) = slots.text, cue
    kind = slots.ctx.kind_of
    cands = [m for m in slots.everyone if TROOP_AFTER.match(text, m.end, m.end + 16) or kind(m.actor) == "military"]
    before = [m for m in cands if m.end <= c0 and words_between(text, m.end, c0) <= rule.gap]
    after = [m for m in cands if m.s >= c1 and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[c1 : m.s])]
    return before[-1:] or after[:1]


ObjectSlot = Callable[[Slots, "RelationRule", Cue], tuple[list[M], int]]
SubjectSlot = Callable[[Slots, "RelationRule", Cue, int], list[M]]

OBJECT_SLOTS: dict[str, ObjectSlot] = {
    "after": _object_after,
    "before": _object_before,
    "before_adjacent": _object_before_adjacent,
    "member_contrast": _object_member_contrast,
}
SUBJECT_SLOTS: dict[str, SubjectSlot] = {
    "before": subject_before,
    "after": _subject_after,
    "speaker": _subject_speaker,
    "modifier_after": _subject_modifier_after,
    "possessor_after": _subject_possessor_after,
    "troop_modifier": _subject_troop_modifier,
}
FALLBACKS = {"speaker": lambda slots: slots.speaker(), "speaker_body": lambda slots: slots.speaker_body()}


def find_objects(slots: Slots, rule: RelationRule, cue: Cue) -> tuple[list[M], int]:
    return OBJECT_SLOTS[rule.object](slots, rule, cue)


def find_subjects(slots: Slots, rule: RelationRule, cue: Cue, anchor: int) -> list[M]:
    found = SUBJECT_SLOTS[rule.subject](slots, rule, cue, anchor)
    if not found and rule.fallback_subject:
        who = FALLBACKS[rule.fallback_subject](slots)
        if who:
            found = [M(cue[0], cue[0], who, pronoun=True)]
    return found
