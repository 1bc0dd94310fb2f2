"""Frames: where a predicate's object stands (the word that governs it), who can be its subject,
and the one place a predicate's relations are emitted (negation, hypotheticals, prospective
readings, the sanity checks every relation passes)."""

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
    PREPOSITIONS,
    WORDS_RE,
    adjectives_only,
    governor,
    n_words_before,
    words_between,
)
from .context import Ctx, M, add_relation, body_of
from .coref import PAIR_NOUN, pair_before, resolve_pronoun, they_group
from .lexicon import ACTING_HEADS
from .sentence import Slots
from .slots import FALLBACKS, subject_before

if TYPE_CHECKING:
    from .rules import PredicateRule, RelationRule

_PROSPECTIVE = re.compile(
    r"\bfrom\s+$|\bvetoe?s?\s+(?:on|of|against|over)\s+(?:[\w’']+\s+){0,3}$|\b(?:will|would|could|might|may|shall|to)\s+(?:[\w’']+\s+){0,2}become\s+(?:[\w’']+\s+){0,3}$|"
    r"\b(?:bid|bids|application|applications|applied|apply|applies|aspire|aspires|aspired|aspiring|aspirations?|"
    r"hopes?|hoped|hoping|wants?|wanted|wanting|seeks?|sought|seeking|plans?|planned|planning|intends?|"
    r"intention|ambitions?|path|quest|efforts?|push|drive|desire)\s+(?:\w+\s+)?to\s+(?:\w+ly\s+)?$",
    re.I,
)
_PROSPECTIVE_AFTER = re.compile(r"\s+(?:bid|bids|application|applications|aspirations?|hopes?|talks)\b", re.I)


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
        return len(words) >= 2 and (words[-2] in GROUP_NOUNS or words[-2] in ACTING_HEADS)
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


def subjects_before(slots: Slots, rule: PredicateRule, cue: tuple[int, int], anchor: int) -> list[M]:
    """The subject before a predicate (nearest acting actor, coordinated actors, a relative clause's
    antecedent), else that of coordinated verbs, else the entry's fallback (the speaker)."""
    issuer = _issuer(slots, anchor)
    if issuer is not None:
        return issuer  # "a resolution calling on X": the body that adopted it, or nobody
    found = subject_before(slots, rule, cue, anchor, lambda m, pos: can_act(slots, m, pos))
    if not found and _AND_VERB.search(slots.text, max(slots.sent[0], anchor - 60), anchor):
        # "X condemned the attack and convened a meeting": the subject of coordinated verbs
        lo = slots.clause_start(anchor)
        first = next((m for m in slots.args if lo <= m.s and m.end <= anchor), None)
        pron = slots._pronoun(lo, first.s if first is not None else anchor)  # "She was greeted ... and is to meet"
        if pron is not None and words_between(slots.text, lo, pron.start) <= 1:
            found = [pron]
        elif first is not None and can_act(slots, first, anchor):
            found = slots.group_right(first)
    if not found:  # "X, which chairs the talks, urged Y"
        found = slots.relative_head(anchor, rule.gap)
    if not found and rule.fallback_subject and _NO_SUBJECT.search(slots.text, max(slots.sent[0], anchor - 40), anchor):
        # "..., calling on X to", "“We urge X": no subject is written, so the speaker is it; where a
        # subject that names no actor stands ("Arab states will press X"), nobody is
        who = FALLBACKS[rule.fallback_subject](slots)
        if who:
            found = [M(cue[0], cue[0], who, pronoun=True)]
    return found


#: A document that acts ("a resolution calling on X", "a statement from Y urging X", "a letter
#: that demands"), with the actor it comes from, if written.
_DOCUMENT_BEFORE = re.compile(
    r"\b(?:resolution|statement|declaration|communiqu[eé]|letter|motion|decision|decree|note|message|"
    r"text|report)s?\s+(?:(?:by|from)\s+(?P<by>(?:[\w’'.-]+\s+){1,6}?))?(?:(?:that|which)\s+)?(?:\w+ly\s+)?$",
    re.I,
)
#: The verb of a clause whose subject issues the document it governs ("the council adopted a text").
_ISSUING = re.compile(
    r"\b(?:pass(?:es|ed)?|adopt(?:s|ed)?|issu(?:e|es|ed)|releas(?:e|es|ed)|publish(?:es|ed)?|approv(?:e|es|ed)|"
    r"agree[ds]?\s+(?:on|to)|put\s+out|sen[dt]s?|deliver(?:s|ed)?|unveil(?:s|ed)?|read\s+out)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_OWNER_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,2}")


def _issuer(slots: Slots, anchor: int) -> list[M] | None:
    """Who does what a document right before the predicate does: the actor after "by"/"from", the
    noun's possessor or modifier ("the council's statement", "a UN resolution"), else the subject of
    a clause that adopts or issues it (across a relative clause: "X, which met on Sunday, adopted a
    resolution calling on Y"). A state that drafts, sponsors or vetoes a text does not issue it.
    None where no document stands before the predicate."""
    text, s0 = slots.text, slots.sent[0]
    doc = _DOCUMENT_BEFORE.search(text, max(s0, anchor - 100), anchor)
    if doc is None:
        return None
    if doc.group("by"):
        found = slots.after(doc.start("by"), 1)
        return found if found and found[-1].end <= anchor else []
    n0 = doc.start()
    for m in reversed(slots.everyone):
        if m.end <= n0:
            if not m.place and _OWNER_GAP.fullmatch(text, m.end, n0) and adjectives_only(text[m.end : n0]):
                return [m]
            break
    if not _ISSUING.search(text, max(s0, n0 - 40), n0):
        return []
    acting = lambda m, pos: can_act(slots, m, pos)
    return slots.before(n0, 25, acting=True, can_act=acting) or slots.relative_head(n0, 25)


#: Before a verb or noun whose subject is not written: the sentence's or a quote's start, a clause
#: break, "to", a gerund, a determiner ("the focus is on supporting"), "is to".
_NO_SUBJECT = re.compile(
    r"(?:^|[“\"‘:;,(—–]|\b(?:to|and|on|of|by|for|in|with|a|an|the|its|their|our|his|her|is|was))\s*(?:\w+ly\s+)?$",
    re.I,
)


# --- frames ------------------------------------------------------------------------------------


def frame_objects(slots: Slots, rule: PredicateRule, c1: int, noun: bool = False) -> list[M]:
    """The first actor after ``c1`` in the clause, within the rule's gap, governed as one of its
    frames allows (with the actors coordinated after it); places and actors governed otherwise are
    passed over ("condemned the attack on Israel by ..."). A direct object stands close to the verb
    ("warned that deeds harming China's ..." has none); a noun's object hangs on its first
    preposition ("support against X's invasion to Y" is no support for Y)."""
    text = slots.text
    end = slots.clause_end(c1)
    stop = _STOP.search(text, c1 + 1 if text[c1 : c1 + 1] in '”’"' else c1, end)  # before a quote, ";", "but"
    if stop is not None:
        end = stop.start()
    frames = rule.object
    lo = c1
    if "if" in frames:
        fronted = _fronted_if(slots, c1)
        if fronted is None and not _IF.search(slots.ctx.lowered, c1, end):
            return []  # a conditional consequence needs its condition
        if _QUESTION.search(slots.ctx.lowered, slots.clause_start(c1), c1):
            return []  # "explained how X would react if ...": an indirect question warns nobody
        if fronted:
            return fronted
    every, starts = candidates(slots)
    i = bisect.bisect_left(starts, c1)
    found = every[i : bisect.bisect_left(starts, end, i)]
    role = slots._role_noun(c1, end) if slots.has_role_noun else None  # "the alliance" as an object
    if role is not None:
        found = sorted([*found, role], key=lambda m: m.s)
    pair = _pair_noun(slots, c1, end) if slots.has_pair_noun else []  # "urged both sides": the two named before
    if pair:
        found = sorted([*found, pair[0]], key=lambda m: m.s)
    for m in found:
        if m.end > end or words_between(text, c1, m.s) > rule.gap:
            break
        gov = governor(text, lo, m.s)
        if gov == "and":
            continue  # a later member of a list already passed over
        if (
            gov in frames
            and not (m.place and gov == "direct" and not _GROUP_OF.search(text, lo, m.s))
            and (gov != "direct" or _close(text, c1, m))
            and not (noun and _stray_preposition(text, c1, m.s, gov))
        ):
            found = pair if pair and m is pair[0] else slots.group_right(m) if slots.is_arg(m) else [m]
            return more_that_clauses(slots, found, c1) if gov == "that" else found
        lo = m.end
    if "direct" in frames:  # "asked them to", "to rebuke him": an object pronoun
        obj = OBJECT_PRONOUN.match(slots.ctx.lowered, c1, end)
        if obj is not None:
            word = {"him": "he", "her": "she", "them": "they"}[obj.group(1)]
            group = they_group(slots.ctx, obj.start(1)) if word == "they" else []
            target = None if group else resolve_pronoun(slots.ctx, word, obj.start(1), slots)
            actors = group or ([target] if target else [])
            return [M(obj.start(1), obj.end(1), a, pronoun=True) for a in actors]
    if "that" in frames:
        that = re.search(r"\bthat\s+", text[c1:end])
        if that and words_between(text, c1, c1 + that.start()) <= 3:
            pron = slots._pronoun(c1 + that.end(), min(end, c1 + that.end() + 12))
            if pron is not None:
                return [pron]
    return []


_IF = re.compile(r"\bif\s")
_QUESTION = re.compile(r"\b(?:how|what|whether|why|when)\s")
_FRONTED_IF = re.compile(r"(?:^|[“\"‘,;:]|\band|\bbut|\bso)\s*(?:even\s+)?if\s+(?:the\s+)?$")


def _fronted_if(slots: Slots, c1: int) -> list[M] | None:
    """'If X does Y, we will ...': the subject of an if-clause that opens the sentence or a quote
    and a comma closes before the predicate; None where no such clause stands."""
    lowered, s0 = slots.ctx.lowered, slots.sent[0]
    at = lowered.rfind("if ", s0, c1)
    while at > s0 and lowered[at - 1].isalnum():
        at = lowered.rfind("if ", s0, at)
    if at < 0 or "," not in slots.text[at:c1]:
        return None
    head = re.search(r"\bif\s+(?:the\s+)?", lowered[at : at + 8])
    if head is None or not _FRONTED_IF.search(lowered, max(s0, at - 12), at + head.end()):
        return None
    subj = at + head.end()
    word = re.match(r"(they|he|she|it)\b", lowered[subj : subj + 5])
    if word:
        group = (they_group(slots.ctx, subj) or pair_before(slots.ctx, subj)) if word.group(1) == "they" else []
        target = None if group else resolve_pronoun(slots.ctx, word.group(1), subj, slots)
        return [M(subj, subj + len(word.group(1)), a, pronoun=True) for a in group or ([target] if target else [])]
    every, starts = candidates(slots)
    i = bisect.bisect_left(starts, subj)
    if i < len(every) and words_between(slots.text, subj, every[i].s) <= 1 and every[i].end <= c1:
        return slots.group_right(every[i]) if slots.is_arg(every[i]) else [every[i]]
    return []


def _pair_noun(slots: Slots, c1: int, end: int) -> list[M]:
    """'both sides', 'the two parties' after a predicate: one mention for each of the pair they
    stand for (the first one holds the place in the candidates)."""
    hit = PAIR_NOUN.search(slots.ctx.lowered, c1, min(end, c1 + 60))
    if hit is None:
        return []
    return [M(hit.start(), hit.end(), a, pronoun=True) for a in pair_before(slots.ctx, hit.start())]


#: "delegations from X": X is no place here but the side the group noun stands for.
_GROUP_OF = re.compile(r"\b(?:" + "|".join(sorted(GROUP_NOUNS)) + r")\s+(?:from|of|for)\s+(?:the\s+)?$", re.I)
OBJECT_PRONOUN = re.compile(r"\s+(?:\w+ly\s+)?(him|her|them)\b(?!\s+(?:own|selves)\b)")
_STOP = re.compile(r"[;”\"]|\bbut\b")
_LIGHT = frozenset(DETERMINERS | {"on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: Nouns that relate a possessor to others: "supports Syria's neighbours" is no support for Syria.
_RELATIONAL = frozenset(
    {"neighbours", "neighbors", "neighbour", "neighbor", "allies", "ally", "enemies", "enemy", "rivals", "rival"}
    | {"opponents", "opponent", "critics", "critic", "adversaries", "adversary", "foes", "foe", "victims"}
)


def candidates(slots: Slots) -> tuple[list[M], list[int]]:
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
    return head is not None and (head.group(1) in ACTING_HEADS or head.group(2) in ACTING_HEADS)


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
