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

import re
from typing import TYPE_CHECKING

from .clauses import BY_AGENT, NEGATION, PASSIVE_AUX, POSSESSIVE, hypothetical, window_has, words_between
from .context import Ctx, M, add_relation, body_of
from .slots import FALLBACKS, SUBJECT_SLOTS, Slots

if TYPE_CHECKING:
    from .rules import PredicateRule

#: Where a predicate's object may stand; the rule schema's frame names are these keys.
PREPOSITIONS = (
    "to",
    "with",
    "from",
    "on",
    "upon",
    "against",
    "of",
    "for",
    "at",
    "in",
    "into",
    "near",
    "over",
    "about",
    "along",
    "toward",
    "towards",
    "inside",
    "across",
    "around",
    "onto",
)
FRAMES = {
    "direct": "the object right after the verb group (no preposition before it)",
    "that": "the subject of a that-clause after the predicate",
    "between": '"between X and Y" after the predicate, or "X-Y" right before it',
    **{p: f'the actor after "{p}"' for p in PREPOSITIONS},
}
VERB_TAGS = frozenset({"VB", "VBZ", "VBD", "VBN", "VBG"})
NOUN_TAGS = frozenset({"NN", "NNS"})
AGENT_TAGS = frozenset({"AG", "AGS"})

_DETERMINERS = frozenset(
    {"the", "a", "an", "both", "all", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those"}
    | {"fellow", "other", "neighbouring", "neighboring", "such", "some", "any", "each", "every", "several"}
)
_WORDS = re.compile(r"[\w’'.-]+")
#: Before a base or third-person form: what makes it a verb rather than a noun.
_VERBAL_LEFT = re.compile(
    r"(?:\b(?:will|would|shall|should|can|could|may|might|must|do|does|did|to|not|never|and|or|who|which|that|"
    r"they|we|i|you|he|she|it|also|jointly|again|now|still|firmly|strongly|fully|further|all|both)|n['’]t)"
    r"\s+(?:\w+ly\s+)?$",
    re.I,
)
_DETERMINER_LEFT = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+(?:\w+ly\s+)?$", re.I)
_ADJECTIVES = r"(?:[\w’'-]+\s+){0,3}"
_POSSESSOR_GAP = re.compile(r"(?:['’]s|['’])\s+" + _ADJECTIVES + r"$")
_MODIFIER_GAP = re.compile(r"[\s-]*(?:-led\s+|-backed\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_AGENT_AFTER = re.compile(r"(?:\s*,)?\s+(?:such\s+as\s+|including\s+|like\s+)?(?:the\s+)?$")
_SUBJECT_AFTER_NOUN = re.compile(r"\s+(?:\w+\s+){0,1}(?:by|from)\s+(?:the\s+)?$", re.I)
_PAIR_BEFORE = re.compile(r"\s*[-–—/]\s*$")
_COPULA_OR_APPOSITION = re.compile(
    r"^(?:\s*,\s*(?:a|an|the|one|both|also)\b.*|.*\b(?:is|are|was|were|be|been|become|became|becomes|remain|remains|"
    r"remained|as)\b.*)$",
    re.I | re.S,
)
_PROSPECTIVE = re.compile(
    r"\b(?:bid|bids|application|applications|applied|apply|applies|aspire|aspires|aspired|aspiring|aspirations?|"
    r"hopes?|hoped|hoping|wants?|wanted|wanting|seeks?|sought|seeking|plans?|planned|planning|intends?|"
    r"intention|ambitions?|path|quest|efforts?|push|drive|desire)\s+(?:\w+\s+)?to\s+(?:\w+ly\s+)?$",
    re.I,
)
_REVERSAL = re.compile(
    r"\b(?:eas(?:e|es|ed|ing)|lift(?:s|ed|ing)?|remov(?:e|es|ed|ing)|relax(?:es|ed|ing)?|suspend(?:s|ed|ing)?|"
    r"end(?:s|ed|ing)?|halt(?:s|ed|ing)?|withdr[ae]w(?:s|n|ing)?|cut(?:s|ting)?|drop(?:s|ped|ping)?|"
    r"scrap(?:s|ped|ping)?|freez(?:e|es|ing)|froze)\s+(?:\w+\s+){0,3}$",
    re.I,
)


def apply_predicate(ctx: Ctx, rule: PredicateRule, cue: tuple[int, int], tags: frozenset, slots: Slots) -> None:
    """Read one inflected form of a predicate entry: as a verb, then (if that gave nothing) as a
    noun or an agent noun, as its tags allow."""
    c1 = cue[1]
    text = ctx.text
    if rule.requires and not window_has(text, rule.requires, c1, _n_words_after(text, c1, rule.requires_window, slots)):
        return
    if tags & VERB_TAGS and _verb(ctx, rule, cue, tags, slots):
        return
    if tags & NOUN_TAGS:
        _noun(ctx, rule, cue, slots)
    elif tags & AGENT_TAGS:
        _agent_noun(ctx, rule, cue, slots)


def _n_words_after(text: str, pos: int, n: int, slots: Slots) -> int:
    words = _WORDS.finditer(text, pos, slots.sent[1])
    end = pos
    for i, m in enumerate(words):
        end = m.end()
        if i + 1 >= n:
            break
    return end


# --- verbs -------------------------------------------------------------------------------------


def _verb(ctx: Ctx, rule: PredicateRule, cue, tags: frozenset, slots: Slots) -> bool:
    text, (s0, _s1) = ctx.text, slots.sent
    c0, c1 = cue
    left = text[max(s0, c0 - 30) : c0]
    if c0 > s0 and text[c0 - 1] in "-–" and tags & {"VBN", "VBD"}:
        return _compound(ctx, rule, cue, slots)
    if _DETERMINER_LEFT.search(left):
        return False  # "the armed forces", "a backing vocal": an adjective or a noun
    participle = "VBN" in tags
    if participle and PASSIVE_AUX.search(left):
        return _passive(ctx, rule, cue, slots)
    if participle and BY_AGENT.match(text, c1) and not tags & {"VBD"} - {"VBN"}:
        return _passive(ctx, rule, cue, slots)
    if not tags & {"VBD", "VBN", "VBG"} and not (
        _VERBAL_LEFT.search(left) or _actor_ends_before(slots, c0) or c0 == s0
    ):
        return False  # a bare "support" or "calls" after a noun is a noun itself
    if "VBN" in tags and "VBD" in tags and BY_AGENT.match(text, c1) and _actor_ends_before(slots, c0):
        return _passive(ctx, rule, cue, slots)  # "the rebels, backed by X": a reduced relative
    objects = frame_objects(slots, rule, c1)
    subjects = _subjects_before(slots, rule, cue, c0)
    if not subjects:
        return False
    if not objects:
        if not rule.reciprocal or len(subjects) < 2:
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
    by = BY_AGENT.match(ctx.text, c1, slots.sent[1])
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


def _subjects_before(slots: Slots, rule: PredicateRule, cue, anchor: int) -> list[M]:
    found = SUBJECT_SLOTS["before"](slots, rule, cue, anchor)
    if not found and rule.fallback_subject:
        who = FALLBACKS[rule.fallback_subject](slots)
        if who:
            found = [M(cue[0], cue[0], who, pronoun=True)]
    return found


# --- frames ------------------------------------------------------------------------------------


def governor(text: str, lo: int, pos: int) -> str:
    """The word that governs an actor at ``pos``: the last word before it (determiners aside) if it
    is a preposition, "that" or "between"; else ``direct``."""
    words = _WORDS.findall(text[lo:pos].lower())
    while words and words[-1] in _DETERMINERS:
        words.pop()
    if words and (words[-1] in FRAMES or words[-1] in ("and", "by")):
        return words[-1]
    return "direct"


def frame_objects(slots: Slots, rule: PredicateRule, c1: int) -> list[M]:
    """The first actor after ``c1`` in the clause, within the rule's gap, governed as one of its
    frames allows (with the actors coordinated after it); places and actors governed otherwise are
    passed over ("condemned the attack on Israel by ...")."""
    text = slots.text
    end = slots.clause_end(c1)
    frames = rule.object
    lo = c1
    for m in slots.args:
        if m.s < c1 or m.end > end:
            continue
        if words_between(text, c1, m.s) > rule.gap or re.search(r"[;”\"]|\bbut\b", text[c1 : m.s]):
            break
        gov = governor(text, lo, m.s)
        if gov == "and":
            continue  # a later member of a list already passed over
        if gov in frames and not (m.place and gov == "direct"):
            if gov == "between":
                return slots.group_right(m)
            return slots.group_right(m) if not m.pronoun else [m]
        lo = m.end
    if "that" in frames:
        that = re.search(r"\bthat\s+", text[c1:end])
        if that and words_between(text, c1, c1 + that.start()) <= 3:
            pron = slots._pronoun(c1 + that.end(), min(end, c1 + that.end() + 12))
            if pron is not None:
                return [pron]
    return []


# --- nouns -------------------------------------------------------------------------------------


def _noun(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    text, (c0, c1) = ctx.text, cue
    if "between" in rule.object:
        pair = _pair_before(slots, c0)
        if pair:
            return emit(ctx, rule, pair[:1], pair[1:], cue, slots)
    objects = frame_objects(slots, rule, c1)
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
    negated = bool(_REVERSAL.search(text[max(slots.sent[0], c0 - 40) : c0]))
    return emit(ctx, rule, subjects, objects, cue, slots, negated=negated)


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


def _noun_subject(slots: Slots, rule: PredicateRule, cue) -> list[M]:
    """Who does what a noun names: a possessor ("Iran's demand"), a modifier ("US support"),
    "by/from X" after it ("criticism from X"), else the subject of its clause ("X voiced criticism")."""
    text, (c0, c1) = slots.text, cue
    lo = max(slots.sent[0], c0 - 60)
    for m in reversed(slots.everyone):
        if m.end > c0:
            continue
        if m.s < lo:
            break
        gap = text[m.end : c0]
        if _POSSESSOR_GAP.match(gap) and POSSESSIVE.match(text, m.end) and not _ADJ_STOP.search(gap):
            return slots.group_left(m) if m in slots.args else [m]
        if _MODIFIER_GAP.fullmatch(gap) and not m.place:
            return slots.group_left(m) if m in slots.args else [m]
        break
    after = re.match(r"\s+(?:\w+\s+)?(?:by|from)\s+", text[c1 : c1 + 40], re.I)
    if after:
        found = slots.after(c1 + after.end(), 1)
        if found:
            return found
    return _subjects_before(slots, rule, cue, c0)


_ADJ_STOP = re.compile(r"\b(?:and|or|to|of|with|for|on|in|by|from|that)\b", re.I)


def _agent_noun(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    """'Assad's backers Russia and Iran', 'NATO members Turkey and Hungary', 'Turkey, a NATO
    member': the noun names the subject; its possessor, modifier or "of" actor is the object."""
    text, (c0, c1) = ctx.text, cue
    objects: list[M] = []
    for m in reversed(slots.everyone):
        if m.end <= c0:
            gap = text[m.end : c0]
            if (POSSESSIVE.match(text, m.end) and _POSSESSOR_GAP.match(gap)) or re.fullmatch(r"\s+", gap):
                objects = [m]
            break
    if not objects:
        of = re.match(r"\s+of\s+(?:the\s+)?", text[c1 : c1 + 20])
        objects = slots.after(c1 + of.end(), 0) if of else []
    if not objects:
        return False
    subjects = []
    nxt = next((m for m in slots.args if m.s >= c1), None)
    if nxt is not None and _AGENT_AFTER.fullmatch(text[c1 : nxt.s]):
        subjects = slots.group_right(nxt)
    else:
        before = slots.before(objects[0].s, 4, acting=True)
        if before and _COPULA_OR_APPOSITION.match(text[before[-1].end : objects[0].s]):
            subjects = before
    if not subjects:
        return False
    return emit(ctx, rule, subjects, objects, cue, slots)


# --- emitting ----------------------------------------------------------------------------------


def emit(ctx: Ctx, rule, subjects: list[M], objects: list[M], cue, slots: Slots, clause_from=None, negated=False):
    """Apply hypotheticals and negation in the clause, then add every subject-object pair."""
    text, c0, c1 = ctx.text, *cue
    first = clause_from if clause_from is not None else min(c0, subjects[0].s)
    clause = slots.clause_start(first)
    if hypothetical(text, clause, c0):
        return False
    negated = (
        negated
        or getattr(rule, "negated", False)
        or bool(NEGATION.search(text, clause, c0))
        or bool(NEGATION.match(text[c1 : c1 + 12].lstrip()))
    )
    if getattr(rule, "prospective", "keep") == "negated" and _PROSPECTIVE.search(text, max(clause, c0 - 40), c0):
        negated = True
    if getattr(rule, "exclude_object_kinds", None):
        objects = [o for o in objects if ctx.kind_of(o.actor) not in rule.exclude_object_kinds]
    added = False
    for subj in subjects:
        for obj in objects:
            s, o = (obj, subj) if getattr(rule, "inverse", False) else (subj, obj)
            if rule.type == "MEETS" and ctx.type_of(o.actor) == "State" and ctx.type_of(s.actor) == "Person":
                continue
            if rule.type != "MEMBER_OF" and ctx.type_of(s.actor) == "Person" and body_of(ctx, s.actor) == o.actor:
                continue  # "Blinken warned that Washington would ...": nobody acts on their own side
            if s.actor == o.actor:
                continue
            add_relation(ctx, s.actor, rule.type, o.actor, min(s.s, o.s, c0), max(s.end, o.end, c1), rule.id, negated)
            added = True
    return added
