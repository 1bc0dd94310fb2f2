"""Construction rules applied: for each literal cue, its rule's subject and object slot kinds, then
negation and hypotheticals in the same clause (``grammar.emit``); passives take their agent after
"by". Predicate entries (lemmas with frames) go through ``grammar.apply_predicate`` instead."""

from __future__ import annotations

import re

from .clauses import BY_AGENT, PARTICIPLE, PASSIVE_AUX, n_words_after, n_words_before, window_has
from .context import Ctx
from .grammar import emit
from .schema import RelationRule
from .sentence import Slots
from .slots import find_objects, find_subjects


def apply_rule(ctx: Ctx, rule: RelationRule, cue: tuple[int, int], slots: Slots) -> None:
    text, low, (s0, s1) = ctx.text, ctx.lowered, slots.sent
    c0, c1 = cue
    if rule.requires and not window_has(low, rule.requires, c1, n_words_after(text, c1, rule.requires_window, s1)):
        return
    if rule.requires_before and not window_has(
        low, rule.requires_before, n_words_before(text, c0, rule.requires_window, s0), c1
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
    objects, anchor = find_objects(slots, rule, cue)
    if not objects and not rule.pairwise:
        return
    subjects = find_subjects(slots, rule, cue, anchor)
    if not subjects:
        return
    if rule.pairwise and not objects:
        if len(subjects) < 2:
            return
        objects = subjects[1:]
        subjects = subjects[:1]
    emit(ctx, rule, subjects, objects, cue, slots)


def _apply_passive(ctx: Ctx, rule: RelationRule, cue: tuple[int, int], slots: Slots) -> None:
    """'Australia was criticised by France': the agent after "by" is the subject, the actor before
    the auxiliary the object. Without a "by" agent the text names no subject and nothing is given."""
    c0, c1 = cue
    by = BY_AGENT.match(ctx.text, c1, slots.sent[1])
    if by is None:
        return
    subjects = slots.after(by.end(), 1)
    objects = slots.before(c0, rule.gap, acting=True)
    if subjects and objects:
        emit(ctx, rule, subjects, objects, cue, slots, clause_from=objects[0].s)
