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
    CLAUSE_WORDS,
    DETERMINERS,
    FRAMES,
    GROUP_NOUNS,
    NEGATION,
    PASSIVE_AUX,
    POSSESSIVE,
    PREPOSITIONS,
    PRONOUN,
    WORDS_RE,
    governor,
    n_words_before,
    window_has,
    words_between,
)
from .context import Ctx, M, add_relation, body_of
from .coref import resolve_pronoun, they_group
from .lexicon import ACTING_HEADS
from .slots import FALLBACKS, SUBJECT_SLOTS, Slots

if TYPE_CHECKING:
    from .rules import PredicateRule

VERB_TAGS = frozenset({"VB", "VBZ", "VBD", "VBN", "VBG"})
NOUN_TAGS = frozenset({"NN", "NNS"})
AGENT_TAGS = frozenset({"AG", "AGS"})

#: Before a base or third-person form: what makes it a verb rather than a noun.
_VERBAL_LEFT = re.compile(
    r"(?:\b(?:will|would|shall|should|can|could|may|might|must|do|does|did|to|not|never|and|or|who|which|that|"
    r"they|we|i|you|he|she|it|also|jointly|again|now|still|firmly|strongly|fully|further|all|both)|n['’]t)"
    r"\s+(?:\w+ly\s+)?$",
    re.I,
)
_DETERMINER_LEFT = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+(?:\w+ly\s+)?$", re.I)
_ADJECTIVES = r"(?:[\w’'-]+\s+){0,4}"
_POSSESSOR_GAP = re.compile(r"(?:['’]s|['’])\s+" + _ADJECTIVES + r"$")
_MODIFIER_GAP = re.compile(r"[\s-]*(?:-led\s+|-backed\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_AGENT_AFTER = re.compile(r"(?:\s*,)?\s+(?:such\s+as\s+|including\s+|like\s+)?(?:the\s+)?$")
_SUBJECT_AFTER_NOUN = re.compile(r"\s+(?:\w+\s+){0,1}(?:by|from)\s+(?:the\s+)?$", re.I)
#: "by" after a participle, also after a coordinated one ("armed and trained by").
_BY_AFTER = re.compile(r"(?:\s+(?:and|or)\s+\w+(?:ed|en|t))?\s+(?:\w+ly\s+)?by\s+", re.I)
_PAIR_BEFORE = re.compile(r"\s*[-–—/]\s*$")
_COPULA_OR_APPOSITION = re.compile(
    r"^(?:\s*,\s*(?:a|an|the|one|both|also)\b.*|.*\b(?:is|are|was|were|be|been|become|became|becomes|remain|remains|"
    r"remained|as)\b.*)$",
    re.I | re.S,
)
_PROSPECTIVE = re.compile(
    r"\bfrom\s+$|\b(?:will|would|could|might|may|shall|to)\s+(?:[\w’']+\s+){0,2}become\s+(?:[\w’']+\s+){0,3}$|"
    r"\b(?:bid|bids|application|applications|applied|apply|applies|aspire|aspires|aspired|aspiring|aspirations?|"
    r"hopes?|hoped|hoping|wants?|wanted|wanting|seeks?|sought|seeking|plans?|planned|planning|intends?|"
    r"intention|ambitions?|path|quest|efforts?|push|drive|desire)\s+(?:\w+\s+)?to\s+(?:\w+ly\s+)?$",
    re.I,
)
_PROSPECTIVE_AFTER = re.compile(r"\s+(?:bid|bids|application|applications|aspirations?|hopes?|talks)\b", re.I)
_POTENTIAL = re.compile(r"\b(?:potential|possible|hypothetical|eventual)\s+(?:[\w-]+\s+){0,2}$", re.I)
_REVERSAL = re.compile(
    r"\b(?:eas(?:e|es|ed|ing)|lift(?:s|ed|ing)?|remov(?:e|es|ed|ing)|relax(?:es|ed|ing)?|suspend(?:s|ed|ing)?|"
    r"end(?:s|ed|ing)?|halt(?:s|ed|ing)?|withdr[ae]w(?:s|n|ing)?|cut(?:s|ting)?|drop(?:s|ped|ping)?|"
    r"scrap(?:s|ped|ping)?|freez(?:e|es|ing)|froze|repeal(?:s|ed|ing)?|rescind(?:s|ed|ing)?|waiv(?:e|es|ed|ing)|"
    r"loosen(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}$",
    re.I,
)


def apply_predicate(ctx: Ctx, rule: PredicateRule, cue: tuple[int, int], tags: frozenset, slots: Slots) -> None:
    """Read one inflected form of a predicate entry: as a verb, then (if that gave nothing) as a
    noun or an agent noun, as its tags allow."""
    c1 = cue[1]
    text = ctx.text
    if not _may_have_object(slots, rule, c1, tags):
        return  # most cues end here, before any reading of the words around them
    if rule.requires and not window_has(
        ctx.lowered, rule.requires, c1, _n_words_after(text, c1, rule.requires_window, slots)
    ):
        return
    if tags & VERB_TAGS and _verb(ctx, rule, cue, tags, slots):
        return
    if tags & NOUN_TAGS:
        _noun(ctx, rule, cue, slots)
    elif tags & AGENT_TAGS:
        _agent_noun(ctx, rule, cue, slots)


def _may_have_object(slots: Slots, rule: PredicateRule, c1: int, tags: frozenset) -> bool:
    """Whether an actor stands after the predicate within its gap, or the entry can find one
    elsewhere (before it: reciprocal subjects, "the G7 summit", "X-Y talks", agent nouns; a pronoun
    opening a that-clause; a role noun)."""
    if rule.reciprocal or rule.modifier == "object" or "between" in rule.object or tags & AGENT_TAGS:
        return True
    every, starts = _candidates(slots)
    i = bisect.bisect_left(starts, c1)
    if i < len(every) and words_between(slots.text, c1, every[i].s) <= rule.gap:
        return True
    if slots.has_role_noun:
        return True
    return "that" in rule.object and PRONOUN.search(slots.ctx.lowered, c1, slots.sent[1]) is not None


def _n_words_after(text: str, pos: int, n: int, slots: Slots) -> int:
    words = WORDS_RE.finditer(text, pos, slots.sent[1])
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
    if not tags & {"VBD", "VBN", "VBG"} and not (
        _VERBAL_LEFT.search(left) or _actor_ends_before(slots, c0) or c0 == s0
    ):
        return False  # a bare "support" or "calls" after a noun is a noun itself
    objects = frame_objects(slots, rule, c1)
    if not objects and not rule.reciprocal:
        return False
    subjects = _subjects_before(slots, rule, cue, c0)
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


#: An actor after one of these is a complement, not the subject of a later verb ("talks with Iran").
_NOT_SUBJECT_AFTER = frozenset((*PREPOSITIONS, "by", "than", "between")) - {"of", "in", "for"}


def can_act(slots: Slots, m: M, pos: int) -> bool:
    """Whether ``m`` can be the subject of a predicate at ``pos``: not governed by a preposition
    ("the ambassador to the UN criticised", "drafted by X and Y, orders"; "in", "of" and "for" only
    after a group noun: "officials in Warsaw", "the government of Iran"), not a compound's modifier
    ("US-allied states will press"), not the object of a coordinated verb ("joining NATO and joining
    the EU")."""
    return _not_complement(slots, m) and not re.fullmatch(r"\s*(?:and|or)\s+", slots.text[m.end : pos])


def _not_complement(slots: Slots, m: M) -> bool:
    text, s0 = slots.text, slots.sent[0]
    first = slots.group_left(m)[0] if slots.is_arg(m) else m
    lo = max(s0, first.s - 40)
    gov = governor(text, lo, first.s)
    if gov in ("in", "of", "for"):
        words = WORDS_RE.findall(text[lo : first.s].lower())
        while words and words[-1] in DETERMINERS:
            words.pop()
        return len(words) >= 2 and words[-2] in GROUP_NOUNS
    if gov in _NOT_SUBJECT_AFTER:
        return False
    owned = _OWNED.match(text, m.end)
    if owned and owned.group(1).lower() not in GROUP_NOUNS | ACTING_HEADS and not _TO_VERB.match(text, owned.end()):
        return False  # "Russia's aggression against Ukraine fails and to support": a possessor is no subject
    return not re.match(r"-[a-z]", text[m.end : m.end + 2])


_OWNED = re.compile(r"(?:['’]s|['’])\s+(?:[\w-]+\s+){0,3}?([a-z][\w-]*)\b(?!['’]s)(?=\s+(?!of\b)[a-z])")
_TO_VERB = re.compile(r"\s+(?:to|for)\s")


_AND_VERB = re.compile(
    r"\band\s+(?:\w+ly\s+)?(?:(?!(?:in|on|at|to|for|of|with|into|from|by)\b)[a-z]+\s+"
    r"(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2})?$"
)


def _subjects_before(slots: Slots, rule: PredicateRule, cue, anchor: int) -> list[M]:
    found = SUBJECT_SLOTS["before"](slots, rule, cue, anchor, lambda m, pos: can_act(slots, m, pos))
    if not found and _AND_VERB.search(slots.text, max(slots.sent[0], anchor - 60), anchor):
        # "X condemned the attack and convened a meeting": the subject of coordinated verbs
        lo = slots.clause_start(anchor)
        first = next((m for m in slots.args if lo <= m.s and m.end <= anchor), None)
        if first is not None and can_act(slots, first, anchor):
            found = slots.group_right(first)
    if not found and rule.fallback_subject:
        who = FALLBACKS[rule.fallback_subject](slots)
        if who:
            found = [M(cue[0], cue[0], who, pronoun=True)]
    return found


# --- frames ------------------------------------------------------------------------------------


def frame_objects(slots: Slots, rule: PredicateRule, c1: int, noun: bool = False) -> list[M]:
    """The first actor after ``c1`` in the clause, within the rule's gap, governed as one of its
    frames allows (with the actors coordinated after it); places and actors governed otherwise are
    passed over ("condemned the attack on Israel by ..."). A direct object stands close to the verb
    ("warned that deeds harming China's ..." has none); a noun's object hangs on its first
    preposition ("support against X's invasion to Y" is no support for Y)."""
    text = slots.text
    end = slots.clause_end(c1)
    stop = _STOP.search(text, c1, end)  # objects stand before a quote, a semicolon or "but"
    if stop is not None:
        end = stop.start()
    frames = rule.object
    lo = c1
    every, starts = _candidates(slots)
    i = bisect.bisect_left(starts, c1)
    candidates = every[i : bisect.bisect_left(starts, end, i)]
    role = slots._role_noun(c1, end) if slots.has_role_noun else None  # "the alliance" as an object
    if role is not None:
        candidates = sorted([*candidates, role], key=lambda m: m.s)
    for m in candidates:
        if m.end > end or words_between(text, c1, m.s) > rule.gap:
            break
        gov = governor(text, lo, m.s)
        if gov == "and":
            continue  # a later member of a list already passed over
        if (
            gov in frames
            and not (m.place and gov == "direct")
            and (gov != "direct" or _close(text, c1, m))
            and not (noun and _stray_preposition(text, c1, m.s, gov))
        ):
            found = slots.group_right(m) if slots.is_arg(m) else [m]
            return more_that_clauses(slots, found, c1) if gov == "that" else found
        lo = m.end
    if "that" in frames:
        that = re.search(r"\bthat\s+", text[c1:end])
        if that and words_between(text, c1, c1 + that.start()) <= 3:
            pron = slots._pronoun(c1 + that.end(), min(end, c1 + that.end() + 12))
            if pron is not None:
                return [pron]
    return []


_STOP = re.compile(r"[;”\"]|\bbut\b")
_LIGHT = frozenset(DETERMINERS | {"on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: Nouns that relate a possessor to others: "supports Syria's neighbours" is no support for Syria.
_RELATIONAL = frozenset(
    {"neighbours", "neighbors", "neighbour", "neighbor", "allies", "ally", "enemies", "enemy", "rivals", "rival"}
    | {"opponents", "opponent", "critics", "critic", "adversaries", "adversary", "foes", "foe", "victims"}
)


def _candidates(slots: Slots) -> tuple[list[M], list[int]]:
    """The sentence's possible objects in text order, with their starts (once per sentence): its
    arguments and the modifiers that stand for a group ("Armenian forces")."""
    if slots.objects is None:
        found = slots.args + [m for m in slots.everyone if m.modifier and _heads_group(slots.text, m)]
        found.sort(key=lambda m: m.s)
        slots.objects = (found, [m.s for m in found])
    return slots.objects


def _heads_group(text: str, m: M) -> bool:
    """'Armenian forces', 'Russian troops': a modifier standing for the group that acts for it."""
    head = re.match(r"\s+([a-z]+)(?:\s+([a-z]+))?", text[m.end : m.end + 30])
    return bool(head) and (head.group(1) in ACTING_HEADS or head.group(2) in ACTING_HEADS)


def _close(text: str, c1: int, m: M) -> bool:
    """A direct object: at most three light words between verb and actor, none opening a clause or a
    phrase of its own, and not the possessor of a relational noun ("Syria's neighbours")."""
    words = [w for w in WORDS_RE.findall(text[c1 : m.s].lower()) if not w.endswith("ly") and w not in _LIGHT]
    if len(words) >= 2 and words[-1] in ("from", "of", "for") and words[-2] in GROUP_NOUNS:
        words = words[:-2]  # "urged delegations from X": the group noun stands for X
    if len(words) > 3 or any(w in CLAUSE_WORDS or w.endswith("ing") for w in words):
        return False
    after = re.match(r"(?:['’]s?)\s+(\w+)", text[m.end : m.end + 24])
    return not (after and after.group(1).lower() in _RELATIONAL)


_PLACE_PREPS = frozenset({"in", "at", "on", "during", "this", "last", "next"})


def _stray_preposition(text: str, c1: int, pos: int, gov: str) -> bool:
    """Whether another preposition (other than of time and place) stands between a noun and the one
    governing its object."""
    words = WORDS_RE.findall(text[c1:pos].lower())
    while words and words[-1] in DETERMINERS:
        words.pop()
    if words and words[-1] == gov:
        words.pop()
    return any(w in FRAMES and w not in _PLACE_PREPS for w in words if w not in ("that", "between", "of", "from"))


def more_that_clauses(slots: Slots, objects: list[M], c1: int) -> list[M]:
    """'demands that X will not ... and that Y will not ...': every that-clause's subject."""
    text, out = slots.text, list(objects)
    for m in slots.args:
        if (
            m.s > objects[-1].end
            and m not in out
            and re.search(r"\band\s+that\s+(?:the\s+)?$", text[max(c1, m.s - 16) : m.s])
        ):
            out.append(m)
    return out


# --- nouns -------------------------------------------------------------------------------------


def _noun(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
    text, (c0, c1) = ctx.text, cue
    if "between" in rule.object:
        pair = _pair_before(slots, c0)
        if pair:
            return emit(ctx, rule, pair[:1], pair[1:], cue, slots, local=True)
    if _POTENTIAL.search(text, max(slots.sent[0], c0 - 40), c0):
        return False  # "a possible meeting": nothing has happened or been set
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
    if word == "they":
        group = they_group(slots.ctx, m.start())
        if group:
            return [M(m.start(), m.end(1), a, pronoun=True) for a in group]
    target = resolve_pronoun(slots.ctx, word, m.start(), slots)
    return [M(m.start(), m.end(1), target, pronoun=True)] if target else []


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
        if _MODIFIER_GAP.fullmatch(gap) and not m.place:
            return slots.group_left(m) if slots.is_arg(m) else [m]
        break
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
    return _subjects_before(slots, rule, cue, c0)


_ADJ_STOP = re.compile(r"\b(?:and|or|to|of|with|for|on|in|by|from|that)\b", re.I)


def _agent_noun(ctx: Ctx, rule: PredicateRule, cue, slots: Slots) -> bool:
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


def emit(ctx: Ctx, rule, subjects, objects, cue, slots: Slots, clause_from=None, negated=False, local=False):
    """Apply hypotheticals and negation in the clause (``local``: for a noun, negation only in the
    few words before it: "no talks", "did not hold talks", not "was not told of the talks"), then
    add every subject-object pair."""
    text, c0, c1 = ctx.text, *cue
    first = clause_from if clause_from is not None else min(c0, subjects[0].s)
    clause = slots.clause_start(first)
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
    added = False
    for subj in subjects:
        for obj in objects:
            s, o = (obj, subj) if rule.__dict__.get("inverse") else (subj, obj)
            if rule.type == "MEETS" and ctx.type_of(o.actor) == "State" and ctx.type_of(s.actor) == "Person":
                continue
            if rule.type != "MEMBER_OF" and ctx.type_of(s.actor) == "Person" and body_of(ctx, s.actor) == o.actor:
                continue  # "Blinken warned that Washington would ...": nobody acts on their own side
            if s.actor == o.actor or (
                rule.type == "MEMBER_OF"
                and (ctx.type_of(o.actor) == "Person" or ctx.type_of(s.actor) == ctx.type_of(o.actor) == "State")
            ):
                continue  # no self-relations; one is a member of a body or a state, never of a person
            add_relation(ctx, s.actor, rule.type, o.actor, min(s.s, o.s, c0), max(s.end, o.end, c1), rule.id, negated)
            added = True
    return added
