"""The grammar every predicate entry shares: ordinary news syntax around a verb or a noun.

A predicate entry (``predicates:`` in a rule file) names lemmas and the frames their object stands
in; this module reads the sentence around each inflected form the lexicon found:

- **verb groups**: auxiliaries, modals, negation and adverbs before or after the verb ("has
  repeatedly warned", "would not back", "called immediately on"); a bare base form ("back",
  "support") only counts as a verb after a subject, a modal, "to" or "and", so "the back door" and
  "US support for" are not verbs;
- **voice**: a participle after "be"/"get" is passive ("was heavily criticised by X": the agent after
  "by" is the subject, the surface subject the object; no agent, no relation); so is a participle
  followed by "by X" after a noun ("the rebels, backed by X") and a compound "X-backed Y";
- **frames**: the object is the first actor after the predicate whose governing word is one the
  entry allows: ``direct`` (no preposition: "urged Iran", "condemned Russia's move"), a preposition
  ("clashed with", "appealed to", "support for"), ``that`` (the subject of a that-clause: "warned that
  Iran would ..."), ``between`` ("talks between X and Y", "the X-Y talks");
- **nouns** take their subject from a possessor ("Iran's demand"), a modifier ("US support"), "by"
  or "from" after them ("criticism from X"), or the subject of the clause ("X voiced criticism of
  Y", "X held talks with Y"); **agent nouns** name the subject themselves ("Assad's backers Russia
  and Iran", "NATO members Turkey and Hungary");
- **reciprocal** entries (MEETS) relate the members of a coordinated subject to each other ("X and
  Y met"); coordination on either side multiplies; the sentence's speaker stands for "we";
- negation and hypotheticals in the clause, as for every rule; a plan or bid before the verb
  ("Sweden's bid to join") negates where the entry says ``prospective: negated``.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .clauses import (
    PASSIVE_AUX,
    PRONOUN,
    words_between,
    words_pattern,
)
from .context import Ctx
from .emit import emit
from .frames import OBJECT_PRONOUN, candidates, frame_objects
from .nouns import read_agent_noun, read_noun
from .sentence import Slots
from .subjects import subjects_before

if TYPE_CHECKING:
    from .schema import PredicateRule

VERB_TAGS = frozenset({"VB", "VBZ", "VBD", "VBN", "VBG"})
NOUN_TAGS = frozenset({"NN", "NNS"})
AGENT_TAGS = frozenset({"AG", "AGS"})
_VERBAL_LEFT = re.compile(
    r"(?:\b(?:will|would|shall|should|can|could|may|might|must|do|does|did|to|not|never|and|or|who|which|that|"
    r"they|we|i|you|he|she|it|also|jointly|again|now|still|firmly|strongly|fully|further|all|both)|n['’]t|['’]ll)"
    r"\s+(?:\w+ly\s+)?$",
    re.I,
)
_DETERMINER_LEFT = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+(?:\w+ly\s+)?$", re.I)
#: Before a verb: what makes it a vow or a plan rather than a deed.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|['’]ll|going\s+to|ready\s+to|prepared\s+to|(?:vow|pledge|threaten|promise|swear|"
    r"plan|intend|vowed|pledged|threatened|promised|swore|planned|intended|vows|pledges|threatens|promises|"
    r"plans|intends)\s+to)\s+(?:\w+ly\s+)?$",
    re.I,
)
_IF = re.compile(r"\bif\s")
_BY_AFTER = re.compile(r"(?:\s+(?:and|or)\s+\w+(?:ed|en|t))?\s+(?:\w+ly\s+)?by\s+", re.I)


def apply_predicate(ctx: Ctx, rule: PredicateRule, cue: tuple[int, int], tags: frozenset, slots: Slots) -> None:
    """Read one inflected form of a predicate entry: as a verb, then (if that gave nothing) as a
    noun or an agent noun, as its tags allow."""
    c1 = cue[1]
    if rule.requires and not _required_near(ctx.lowered, rule.requires, c1, rule.requires_window, slots.sent[1]):
        return  # "has" is DEPLOYS only with troops after it
    if not _may_have_object(slots, rule, c1, tags):
        return  # most cues end here, before any reading of the words around them
    if tags & VERB_TAGS and _verb(ctx, rule, cue, tags, slots):
        return
    if tags & NOUN_TAGS:
        read_noun(ctx, rule, cue, slots)
    elif tags & AGENT_TAGS:
        read_agent_noun(ctx, rule, cue, slots)


def _may_have_object(slots: Slots, rule: PredicateRule, c1: int, tags: frozenset) -> bool:
    """Whether an actor stands after the predicate within its gap, or the entry can find one
    elsewhere (before it: reciprocal subjects, "the G7 summit", "X-Y talks", agent nouns; a pronoun
    opening a that-clause; a role noun)."""
    if rule.reciprocal or rule.modifier == "object" or "between" in rule.object or tags & AGENT_TAGS:
        return True
    if "if" in rule.object:  # a conditional consequence needs its condition in the sentence
        if slots.has(_IF):
            return True
        if rule.object == ["if"]:
            return False
    every, starts = candidates(slots)
    i = bisect.bisect_left(starts, c1)
    if i < len(every) and words_between(slots.text, c1, every[i].s) <= rule.gap:
        return True
    if (
        slots.has_role_noun
        or slots.has_group_noun
        or ("direct" in rule.object and OBJECT_PRONOUN.match(slots.ctx.lowered, c1))
    ):
        return True
    return "that" in rule.object and (
        PRONOUN.search(slots.ctx.lowered, c1, slots.sent[1]) is not None
        or any(m.demonym and m.start > c1 for m in slots.everyone)  # "alleged that Indian strikes ..."
    )


def _required_near(lowered: str, words: list[str], pos: int, n: int, limit: int) -> bool:
    """Whether one of ``words`` starts within the ``n`` words after ``pos`` (a character window
    first, counted in words only on a hit: most cues have none)."""
    hit = words_pattern(tuple(words)).search(lowered, pos, min(limit, pos + 14 * n))
    return hit is not None and words_between(lowered, pos, hit.start()) < n


def _verb(ctx: Ctx, rule: PredicateRule, cue, tags: frozenset, slots: Slots) -> bool:
    text, (s0, _s1) = ctx.text, slots.sent
    c0, c1 = cue
    left = text[max(s0, c0 - 30) : c0].rstrip("‘’'\"“” ") + " "  # "will ‘support’"
    if c0 > s0 and text[c0 - 1] in "-–" and tags & {"VBN", "VBD"}:
        return _compound(ctx, rule, cue, slots)
    if _DETERMINER_LEFT.search(left):
        return False  # "the armed forces", "a backing vocal": an adjective or a noun
    participle = "VBN" in tags
    if participle and PASSIVE_AUX.search(left):
        return _passive(ctx, rule, cue, slots)  # "was criticised by X"; no agent, no relation
    if participle and _BY_AFTER.match(text, c1) and _passive(ctx, rule, cue, slots):
        return True  # "the rebels, backed by X"
    if rule.mood == "future" and not _FUTURE.search(left):
        return False  # "crushed the rebels" is an attack, not a threat; "vowed to crush" is one
    if not tags & {"VBD", "VBN", "VBG"} and not (
        _VERBAL_LEFT.search(left) or _actor_ends_before(slots, c0) or c0 == s0
    ):
        return False  # a bare "support" or "calls" after a noun is a noun itself
    objects = frame_objects(slots, rule, c1)
    if not objects and not rule.reciprocal:
        return False
    subjects = subjects_before(slots, rule, cue, c0)
    if not subjects:
        return False
    if not objects:
        if len(subjects) < 2:
            return False
        subjects, objects = subjects[:1], subjects[1:]
    return emit(ctx, rule, subjects, objects, cue, slots)


def _actor_ends_before(slots: Slots, pos: int) -> bool:
    """Whether an actor (or a pronoun) ends right before ``pos``, adverbs and commas aside."""
    seg = slots.text[max(slots.sent[0], pos - 40) : pos]
    if re.search(r"\b(?:he|she|it|they|we|i)\s+(?:\w+ly\s+)?$", seg, re.I):
        return True
    for m in reversed(slots.everyone):
        if m.end <= pos:
            return bool(re.fullmatch(r"[\s,]*(?:\w+ly\s+)?", slots.text[m.end : pos]))
    return False


def _passive(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    """'Y was criticised by X', 'Y, backed by X': the agent after "by" is the subject."""
    if "direct" not in rule.object:
        return False  # "was met with", "was called for": not this entry's passive
    c0, c1 = cue
    by = _BY_AFTER.match(ctx.text, c1, slots.sent[1])
    if by is None:
        return False
    subjects = slots.after(by.end(), 1)
    objects = slots.before(c0, rule.gap, acting=True)
    if not subjects or not objects:
        return False
    return emit(ctx, rule, subjects, objects, cue, slots, clause_from=objects[0].s)


def _compound(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    """'X-backed Y', 'the X-led coalition': the actor joined by the hyphen acts on the noun after."""
    c0, c1 = cue
    subject = next((m for m in reversed(slots.everyone) if m.end == c0 - 1), None)
    if subject is None or "direct" not in rule.object:
        return False
    objects = slots.after(c1, 3)
    if not objects:
        return False
    return emit(ctx, rule, [subject], objects, cue, slots)
