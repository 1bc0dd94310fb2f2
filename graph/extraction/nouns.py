"""Nouns as predicates: "Iran's demand that ...", "US support for Kyiv", "talks between X and Y",
"the X-Y talks", "the G7 summit", and agent nouns that name their subject ("Assad's backers Russia
and Iran", "NATO members Turkey and Hungary")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import (
    DETERMINERS,
    FRAMES,
    POSSESSIVE,
    WORDS_RE,
    adjectives_only,
    governor,
    words_between,
)
from .context import Ctx, M
from .coref import resolve_pronoun, they_group
from .emit import emit
from .frames import candidates, frame_objects
from .sentence import Slots
from .subjects import can_act, subjects_before

if TYPE_CHECKING:
    from .schema import PredicateRule

_ADJECTIVES = r"(?:[\w’'-]+\s+){0,4}"
_POSSESSOR_GAP = re.compile(r"(?:['’]s|['’])\s+" + _ADJECTIVES + r"$")
_MODIFIER_GAP = re.compile(r"[\s-]*(?:-led\s+|-backed\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_AGENT_AFTER = re.compile(r"(?:\s*,)?\s+(?:such\s+as\s+|including\s+|like\s+)?(?:the\s+)?$")
_PAIR_BEFORE = re.compile(r"\s*[-–—/]\s*$")
_COPULA_OR_APPOSITION = re.compile(
    r"^(?:\s*,\s*(?:a|an|the|one|both|also)\b.*|.*\b(?:is|are|was|were|be|been|become|became|becomes|remain|remains|"
    r"remained|as)\b.*)$",
    re.I | re.S,
)
_POTENTIAL = re.compile(r"\b(?:potential|possible|hypothetical|eventual)\s+(?:[\w-]+\s+){0,2}$", re.I)
_REVERSAL = re.compile(
    r"\b(?:eas(?:e|es|ed|ing)|lift(?:s|ed|ing)?|remov(?:e|es|ed|ing)|relax(?:es|ed|ing)?|suspend(?:s|ed|ing)?|"
    r"end(?:s|ed|ing)?|halt(?:s|ed|ing)?|withdr[ae]w(?:s|n|ing)?|cut(?:s|ting)?|drop(?:s|ped|ping)?|"
    r"scrap(?:s|ped|ping)?|freez(?:e|es|ing)|froze|repeal(?:s|ed|ing)?|rescind(?:s|ed|ing)?|waiv(?:e|es|ed|ing)|"
    r"loosen(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}$",
    re.I,
)


def read_noun(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    text, (c0, c1) = ctx.text, cue
    if "between" in rule.object:
        pair = _pair_before(slots, c0)
        if pair:
            return emit(ctx, rule, pair[:1], pair[1:], cue, slots, local=True)
    if _POTENTIAL.search(text, max(slots.sent[0], c0 - 40), c0):
        return False  # "a possible meeting": nothing has happened or been set
    if not rule.reciprocal and _WITH_BEFORE.search(text, max(slots.sent[0], c0 - 16), c0):
        done = _with_from(ctx, rule, cue, slots)
        if done is not None:
            return done
    modifier = _modifier(slots, c0) if rule.modifier == "object" else None
    if modifier is not None:  # "the G7 summit", "Turkey's EU membership": the modifier is the object
        objects, subjects = [modifier], _noun_subject(slots, rule, (modifier.s, c1))
    else:
        objects = frame_objects(slots, rule, c1, noun=True)
        if objects and governor(text, c1, objects[0].s) == "between":
            subjects, objects = objects[:1], objects[1:]  # "talks between X and Y": X and Y are the two sides
        else:
            subjects = _noun_subject(slots, rule, cue)
    if not subjects:
        return False
    if not objects:
        if not rule.reciprocal or len(subjects) < 2:
            return False
        subjects, objects = subjects[:1], subjects[1:]
    if _REVERSAL.search(text[max(slots.sent[0], c0 - 40) : c0]):  # "lifted sanctions on", "ended support for"
        if rule.undone == "drop":
            return False
        return emit(ctx, rule, subjects, objects, cue, slots, negated=True, local=True)
    return emit(ctx, rule, subjects, objects, cue, slots, local=True)


_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.I)
_FROM_AFTER = re.compile(r"\s+(?:of|from)\s+")


def _with_from(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool | None:
    """'X struck, with support from A and B', 'with the help of A': A and B do it for the subject
    of the clause the phrase stands in (None where the phrase is not of this shape)."""
    c0, c1 = cue
    src = _FROM_AFTER.match(ctx.text, c1, c1 + 8)
    if src is None:
        return None
    subjects = slots.after(src.end(), 1)
    if not subjects:
        return None
    lo = _WITH_BEFORE.search(ctx.text, max(slots.sent[0], c0 - 16), c0).start()  # type: ignore[union-attr]
    # the clause's subject: an actor or a group it modifies ("French forces, with support from ...")
    doer = next((m for m in reversed(candidates(slots)[0]) if m.end <= lo and can_act(slots, m, lo)), None)
    if doer is None or words_between(ctx.text, doer.end, lo) > 25:
        return False
    objects = slots.group_left(doer) if slots.is_arg(doer) else [doer]
    return emit(ctx, rule, subjects, objects, cue, slots, local=True)


def _pair_before(slots: Slots, c0: int) -> list[M]:
    """'the US-Russia talks': two actors joined by a hyphen or dash right before the noun."""
    text = slots.text
    before = [m for m in slots.everyone if m.end <= c0]
    if len(before) < 2:
        return []
    a, b = before[-2], before[-1]
    if not re.fullmatch(r"\s*(?:[a-z]+\s+)?", text[b.end : c0]) or not _PAIR_BEFORE.fullmatch(text[a.end : b.s]):
        return []
    return [a, b]


_POSSESSIVE_PRONOUN = re.compile(r"\b(its|their|his|her|our|my)\s+" + _ADJECTIVES + r"$", re.I)
_PRONOUN_OF = {"its": "it", "their": "they", "his": "he", "her": "she", "our": "we", "my": "i"}


def possessive_pronoun(slots: Slots, pos: int) -> list[M]:
    """The actor a possessive pronoun right before ``pos`` refers to ("his call", "its backers")."""
    m = _POSSESSIVE_PRONOUN.search(slots.text, max(slots.sent[0], pos - 40), pos)
    if m is None or _ADJ_STOP.search(slots.text, m.end(1), pos):
        return []
    word = _PRONOUN_OF[m.group(1).lower()]
    ahead = _cataphora(slots, m.start(), word)
    if ahead is not None:
        return [M(m.start(), m.end(1), ahead.actor, pronoun=True)]
    if word == "they":
        group = they_group(slots.ctx, m.start())
        if group:
            return [M(m.start(), m.end(1), a, pronoun=True) for a in group]
    target = resolve_pronoun(slots.ctx, word, m.start(), slots)
    return [M(m.start(), m.end(1), target, pronoun=True)] if target else []


def _cataphora(slots: Slots, pos: int, word: str) -> M | None:
    """'Before his talks with X, Wang said ...': a pronoun in a fronted phrase, with no actor before
    it in the sentence, refers to the subject right after that phrase's comma."""
    text, s0 = slots.text, slots.sent[0]
    comma = text.find(",", pos, slots.sent[1])
    if comma < 0 or pos - s0 > 40 or any(m.end <= pos for m in slots.everyone):
        return None
    person = word in ("he", "she")
    for m in slots.args:
        if m.s > comma:
            if words_between(text, comma, m.s) <= 2 and (not person or slots.ctx.type_of(m.actor) == "Person"):
                return m
            break
    return None


def _modifier(slots: Slots, c0: int) -> M | None:
    """The actor right before a noun ("the EU summit"), or the one a role noun names ("alliance
    members")."""
    text = slots.text
    for m in reversed(slots.everyone):
        if m.end <= c0:
            if re.fullmatch(r"\s*-?\s*", text[m.end : c0]) and not (POSSESSIVE.match(text, m.end) or m.weak or m.place):
                return m  # "the Bucharest summit" is held there: a weak capital is no party
            break
    role = re.search(r"\b(alliance|bloc)\s+$", slots.ctx.lowered[max(0, c0 - 12) : c0])
    if role:
        target = resolve_pronoun(slots.ctx, "the " + role.group(1), c0, slots)
        if target:
            return M(c0 - len(role.group(0)), c0 - 1, target, pronoun=True)
    return None


def _noun_subject(slots: Slots, rule: PredicateRule, cue) -> list[M]:
    """Who does what a noun names: a possessor ("Iran's demand", "his call"), a modifier ("US
    support"), "by/from X" after it ("criticism from X"), else the subject of its clause ("X voiced
    criticism")."""
    text, (c0, c1) = slots.text, cue
    owner = possessive_pronoun(slots, c0)
    if owner:
        return owner
    lo = max(slots.sent[0], c0 - 60)
    for m in reversed(slots.everyone):
        if m.end > c0:
            continue
        if m.s < lo:
            break
        gap = text[m.end : c0]
        if _POSSESSOR_GAP.match(gap) and POSSESSIVE.match(text, m.end) and not _ADJ_STOP.search(gap):
            return slots.group_left(m) if slots.is_arg(m) else [m]
        if _MODIFIER_GAP.fullmatch(gap) and not m.place and adjectives_only(gap):
            return slots.group_left(m) if slots.is_arg(m) else [m]
        break
    if rule.genitive == "subject":  # "the arrival of X", "the presence of Russian troops"
        of = re.match(r"\s+of\s+", text[c1 : c1 + 12])
        if of:
            found = [m for m in candidates(slots)[0] if 0 <= m.s - (c1 + of.end()) <= 4]
            if found:
                return found[:1]
    after = re.match(r"\s+(?:\w+\s+)?(?:by|from)\s+", text[c1 : c1 + 40], re.I)
    if after:
        found = slots.after(c1 + after.end(), 1)
        if found:
            return found
    before = WORDS_RE.findall(text[max(slots.sent[0], c0 - 40) : c0].lower())
    while before and before[-1] in DETERMINERS:
        before.pop()
    if len(before) >= 2 and before[-1] in FRAMES and before[-2] in slots.ctx.rules.lexicon.noun_forms:
        return []  # "a warning against support for X": the clause's subject does not support X
    if before and before[-1] in _REPORTING:
        return []  # "a statement describing a call with X": the reporter did not call
    return subjects_before(slots, rule, cue, c0)


_REPORTING = frozenset(
    {"describing", "described", "describes", "reporting", "reported", "announcing", "announced", "recounting"}
    | {"welcomed", "welcoming", "praised", "criticised", "criticized", "condemned", "denied", "denying", "after"}
)
_ADJ_STOP = re.compile(r"\b(?:and|or|to|of|with|for|on|in|by|from|that)\b", re.I)


def read_agent_noun(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    """'Assad's backers Russia and Iran', 'NATO members Turkey and Hungary', 'Turkey, a NATO
    member': the noun names the subject; its possessor, modifier or "of" actor is the object."""
    text, (c0, c1) = ctx.text, cue
    objects: list[M] = possessive_pronoun(slots, c0)
    for m in reversed(slots.everyone if not objects else []):
        if m.end <= c0:
            gap = text[m.end : c0]
            if POSSESSIVE.match(text, m.end) and _POSSESSOR_GAP.match(gap):
                objects = [m]
            break
    if not objects:
        modifier = _modifier(slots, c0)
        objects = [modifier] if modifier else []
    if not objects:
        of = re.match(r"\s+of\s+", text[c1 : c1 + 20])
        objects = slots.after(c1 + of.end(), 1) if of else []
    if not objects:
        return False
    subjects = []
    nxt = next((m for m in slots.args if m.s >= c1), None)
    if nxt is not None and _AGENT_AFTER.fullmatch(text[c1 : nxt.s]):
        subjects = slots.group_right(nxt)
    else:
        before = slots.before(objects[0].s, rule.gap, acting=True)
        if before and _COPULA_OR_APPOSITION.match(text[before[-1].end : objects[0].s]):
            subjects = before
    if not subjects:
        return False
    if objects[0].pronoun and any(x.actor == objects[0].actor for x in subjects):
        # "Ukraine and Georgia would become its members": "its" is not one of the members
        again = resolve_pronoun(ctx, "it", subjects[0].s, slots)
        objects = [M(objects[0].start, objects[0].end, again, pronoun=True)] if again else []
    if not objects:
        return False
    return emit(ctx, rule, subjects, objects, cue, slots)


# --- emitting ----------------------------------------------------------------------------------
