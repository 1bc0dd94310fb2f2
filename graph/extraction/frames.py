"""Frames: where a predicate's object stands (the word that governs it): a direct object, a
preposition's object, a that-clause's or an if-clause's subject, "between X and Y", a pair noun
("both sides"), an object pronoun."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .clauses import (
    CLAUSE_WORDS,
    DETERMINERS,
    FRAMES,
    GROUP_NOUNS,
    WORDS_RE,
    governor,
    words_between,
)
from .context import M
from .coref import PAIR_NOUN, pair_before, region_group, resolve_pronoun, they_group
from .lexicon import ACTING_HEADS
from .sentence import Slots

if TYPE_CHECKING:
    from .schema import PredicateRule


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
    if frames == ["if"]:  # a conditional consequence: its object is the condition's subject only
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
    role = slots.role_noun(c1, end) if slots.has_role_noun else None  # "the alliance" as an object
    if role is not None:
        found = sorted([*found, role], key=lambda m: m.s)
    pair: list[M] = []
    if slots.has_group_noun:  # "urged both sides": the two named before; "urged Gulf states": the members named
        pair = _pair_noun(slots, c1, end) or region_group(slots, c1, min(end, c1 + 60))
    if pair:
        found = sorted([*found, pair[0]], key=lambda m: m.s)
    for m in found:
        if m.end > end or words_between(text, c1, m.s) > rule.gap:
            break
        gov = governor(text, lo, m.s)
        if gov == "and":
            continue  # a later member of a list already passed over
        if _LED_AFTER.match(text, m.end) and slots.ctx.type_of(m.actor) != "Person":
            continue  # "a Somali delegation headed by X": X, the person, is the one met
        if (
            gov in frames
            and not (m.place and gov == "direct" and not _GROUP_OF.search(text, lo, m.s))
            and (gov != "direct" or _close(text, c1, m))
            and not (noun and _stray_preposition(text, c1, m.s, gov))
        ):
            found = pair if pair and m is pair[0] else slots.group_right(m) if slots.is_arg(m) else [m]
            if gov == "between" and len(found) == 1:  # "between Venezuela and the opposition Unitary Platform"
                found += [x for x in slots.args if x.s > m.end and _AND_OTHER.fullmatch(text, m.end, x.s)][:1]
            return more_that_clauses(slots, found, c1) if gov == "that" else found
        lo = m.end
    if "if" in frames:  # "warned that the board has options if Iran fails": a condition further on
        cond = _IF.search(slots.ctx.lowered, c1, end)
        if cond is not None:
            after = [m for m in found if m.s >= cond.end() and words_between(text, cond.end(), m.s) <= 1]
            if after and governor(text, cond.start(), after[0].s) == "if":
                return slots.group_right(after[0]) if slots.is_arg(after[0]) else after[:1]
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
            pron = slots.pronoun_in(c1 + that.end(), min(end, c1 + that.end() + 12))
            if pron is not None:
                return [pron]
            # "alleged that Indian strikes hit ...": a demonym opening the clause names its doer
            at = c1 + that.end() + (4 if slots.ctx.lowered.startswith("the ", c1 + that.end()) else 0)
            doer = next((m for m in slots.everyone if m.start == at and m.demonym), None)
            if doer is not None and _DOER_HEAD.match(slots.ctx.lowered, doer.end):
                return [doer]
    return []


_IF = re.compile(r"\bif\s")
#: Nouns whose demonym modifier is their doer: "that Indian strikes hit", "that Chinese ships rammed".
_DOER_HEAD = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:strikes?|attacks?|forces|troops|soldiers|ships|vessels|jets|aircraft|drones|missiles|"
    r"warships|shelling|hackers|agents|spies|militias?|fighters|authorities|officials|police)\b"
)
_LED_AFTER = re.compile(r"(?:\s+[a-z]+)?\s+(?:led|headed|chaired)\s+by\s")
_AND_OTHER = re.compile(r"\s+and\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}")
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
