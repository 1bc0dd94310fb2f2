"""The one place a predicate's relations are emitted: negation and hypotheticals in the clause,
prospective readings ("bid to join"), a speaker's "we", and the sanity checks every relation
passes (no self-relation, what each end of a relation can be)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import (
    NEGATION,
    n_words_before,
)
from .context import Ctx, M, add_relation, body_of
from .sentence import Slots

if TYPE_CHECKING:
    from .schema import PredicateRule, RelationRule

_PROSPECTIVE = re.compile(
    r"\bfrom\s+$|\bvetoe?s?\s+(?:on|of|against|over)\s+(?:[\w’']+\s+){0,3}$|\b(?:will|would|could|might|may|shall|to)\s+(?:[\w’']+\s+){0,2}become\s+(?:[\w’']+\s+){0,3}$|"
    r"\b(?:bid|bids|application|applications|applied|apply|applies|aspire|aspires|aspired|aspiring|aspirations?|"
    r"hopes?|hoped|hoping|wants?|wanted|wanting|seeks?|sought|seeking|plans?|planned|planning|intends?|"
    r"intention|ambitions?|path|quest|efforts?|push|drive|desire)\s+(?:\w+\s+)?to\s+(?:\w+ly\s+)?$",
    re.I,
)
_PROSPECTIVE_AFTER = re.compile(r"\s+(?:bid|bids|application|applications|aspirations?|hopes?|talks)\b", re.I)


def emit(
    ctx: Ctx,
    rule: PredicateRule | RelationRule,
    subjects: list[M],
    objects: list[M],
    cue: tuple[int, int],
    slots: Slots,
    clause_from: int | None = None,
    negated: bool = False,
    local: bool = False,
) -> bool:
    """Apply hypotheticals and negation in the clause (``local``: for a noun, negation only in the
    few words before it: "no talks", "did not hold talks", not "was not told of the talks"), then
    add every subject-object pair."""
    text = ctx.text
    c0, c1 = cue
    # the clause of the predicate (a relative clause's antecedent stands outside it), or of a
    # passive's surface subject
    clause = slots.clause_start(clause_from if clause_from is not None else c0)
    if slots.hypothetical_in(clause, c0):
        return False
    neg_from = max(clause, n_words_before(text, c0, 4, slots.sent[0])) if local else clause
    negated = (
        negated
        or rule.negated
        or slots.negation_in(neg_from, c0)
        or bool(NEGATION.match(ctx.lowered[c1 : c1 + 12].lstrip()))
    )
    if rule.__dict__.get("prospective") == "negated" and (
        _PROSPECTIVE.search(text, max(clause, c0 - 40), c0) or _PROSPECTIVE_AFTER.match(text, c1)
    ):
        negated = True
    if rule.exclude_object_kinds:
        objects = [o for o in objects if ctx.kind_of(o.actor) not in rule.exclude_object_kinds]
    if rule.type in _SPEECH_ACTS:
        subjects = [_speaker_for_we(slots, m) for m in subjects]
    added = False
    for subj in subjects:
        for obj in objects:
            s, o = (obj, subj) if rule.__dict__.get("inverse") else (subj, obj)
            if rule.type == "MEETS" and ctx.type_of(o.actor) == "State" and ctx.type_of(s.actor) == "Person":
                continue
            if rule.type != "MEMBER_OF" and ctx.type_of(s.actor) == "Person" and body_of(ctx, s.actor) == o.actor:
                continue  # "Blinken warned that Washington would ...": nobody acts on their own side
            if s.actor == o.actor or not _fits(ctx, rule.type, s.actor, o.actor):
                continue
            add_relation(ctx, s.actor, rule.type, o.actor, min(s.s, o.s, c0), max(s.end, o.end, c1), rule.id, negated)
            added = True
    return added


#: Relation types that are things said: a speaker's "we" does them in person ("we expect X to",
#: "we will respond if"); a "we" that acts ("we helped X", "we sent troops") is the speaker's side.
_SPEECH_ACTS = frozenset({"WARNS", "DEMANDS", "THREATENS", "CRITICIZES"})


def _speaker_for_we(slots: Slots, m: M) -> M:
    if not (m.pronoun and slots.ctx.lowered.startswith("we", m.start) and m.end - m.start == 2):
        return m
    who = slots.speaker()
    return M(m.start, m.end, who, pronoun=True) if who else m


_STATE_BODY_KINDS = frozenset({"ministry", "agency", "military", "media", "company", "party"})


def _fits(ctx: Ctx, type_: str, subj: str, obj: str) -> bool:
    """What the ends of a relation can be: one is a member of a body or a state, never of a person,
    and a state is no member of another state or of a state's own body (a parliament, a ministry);
    two people of one side do not "meet" each other in the news' sense."""
    if type_ == "MEMBER_OF":
        if ctx.type_of(obj) == "Person":
            return False
        if ctx.type_of(subj) == "State" and ctx.kind_of(obj) in _STATE_BODY_KINDS:
            return False  # a state is no member of a ministry, a parliament, an army or a newspaper
        if ctx.type_of(subj) == "State":
            info = ctx.info(obj)
            owner = ctx.member.get(obj) or (info.member_of if info else None) or obj
            return ctx.type_of(obj) != "State" and ctx.type_of(owner) != "State"
        return True
    if type_ == "MEETS" and ctx.type_of(subj) == ctx.type_of(obj) == "Person":
        side = body_of(ctx, subj)
        return side is None or side != body_of(ctx, obj)
    return True
