"""Relation rules applied: for each cue, its rule's subject and object, then negation and
hypotheticals in the same clause; passives take their agent after "by"."""

from __future__ import annotations

import re

from .clauses import (
    BY_AGENT,
    NEGATION,
    PARTICIPLE,
    PASSIVE_AUX,
    hypothetical,
    n_words_after,
    n_words_before,
    window_has,
)
from .context import Ctx, M, add_relation, body_of
from .rules import RelationRule
from .slots import Slots, find_objects, find_subjects


def apply_rule(ctx: Ctx, rule: RelationRule, cue: tuple[int, int], slots: Slots) -> None:
    text, (s0, s1) = ctx.text, slots.sent
    c0, c1 = cue
    if rule.requires and not window_has(text, rule.requires, c1, n_words_after(text, c1, rule.requires_window, s1)):
        return
    if rule.requires_before and not window_has(
        text, rule.requires_before, n_words_before(text, c0, rule.requires_window, s0), c1
    ):
        return
    if rule.subject == "before" and re.search(r"['’]s\s+$", text[max(s0, c0 - 4) : c0]):
        return  # "Russia's demands": a noun, not the verb
    if (
        rule.subject == "before"
        and rule.object == "after"
        and PARTICIPLE.search(text, c0, c1)
        and PASSIVE_AUX.search(text, max(s0, c0 - 24), c0)
    ):  # "was criticised", not "are sending"
        _apply_passive(ctx, rule, cue, slots)
        return
    objects, anchor = find_objects(ctx, rule, cue, slots)
    if not objects and not rule.pairwise:
        return
    subjects = find_subjects(ctx, rule, cue, slots, anchor)
    if not subjects:
        return
    if rule.pairwise and not objects:
        if len(subjects) < 2:
            return
        objects = subjects[1:]
        subjects = subjects[:1]
    if rule.exclude_object_kinds:
        objects = [o for o in objects if ctx.kind_of(o.actor) not in rule.exclude_object_kinds]
    clause = slots._clause_start(min(c0, subjects[0].s if subjects[0].s < c0 else c0))
    if hypothetical(text, clause, c0):
        return
    negated = (
        rule.negated or bool(NEGATION.search(text, clause, c0)) or bool(NEGATION.match(text[c1 : c1 + 12].lstrip()))
    )
    _emit(ctx, rule, subjects, objects, cue, negated)


def _emit(ctx: Ctx, rule: RelationRule, subjects: list[M], objects: list[M], cue, negated: bool) -> None:
    c0, c1 = cue
    for subj in subjects:
        for obj in objects:
            if rule.type == "MEETS" and ctx.type_of(obj.actor) == "State" and ctx.type_of(subj.actor) == "Person":
                continue
            if (
                rule.type != "MEMBER_OF"
                and ctx.type_of(subj.actor) == "Person"
                and body_of(ctx, subj.actor) == obj.actor
            ):
                continue  # "Blinken warned that Washington would ...": nobody acts on their own side
            start = min(subj.s, obj.s, c0)
            end = max(subj.end, obj.end, c1)
            add_relation(ctx, subj.actor, rule.type, obj.actor, start, end, rule.id, negated)


def _apply_passive(ctx: Ctx, rule: RelationRule, cue: tuple[int, int], slots: Slots) -> None:
    """'Australia was criticised by France': the agent after "by" is the subject, the actor before
    the auxiliary the object. Without a "by" agent the text names no subject and nothing is given."""
    text = ctx.text
    c0, c1 = cue
    by = BY_AGENT.match(text, c1, slots.sent[1])
    if by is None:
        return
    subjects = slots.after(by.end(), 1)
    objects = slots.before(c0, rule.gap, acting=True)
    if not subjects or not objects:
        return
    clause = slots._clause_start(objects[0].s)
    if hypothetical(text, clause, c0):
        return
    negated = rule.negated or bool(NEGATION.search(text, clause, c0))
    _emit(ctx, rule, subjects, objects, cue, negated)
