"""Who can be a predicate's subject: the nearest acting actor before it (not a complement of a
preposition, not a possessor, not a compound's modifier), the subject of coordinated verbs, a
relative clause's head, the body that issues a document that acts ("a resolution calling on X"),
else the entry's fallback (the speaker)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import (
    DETERMINERS,
    GROUP_NOUNS,
    PREPOSITIONS,
    WORDS_RE,
    adjectives_only,
    governor,
    words_between,
)
from .context import M
from .coref import region_group
from .lexicon import ACTING_HEADS
from .names import words
from .sentence import Slots
from .slots import FALLBACKS, subject_before

if TYPE_CHECKING:
    from .schema import PredicateRule

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
        pron = slots.pronoun_in(lo, first.s if first is not None else anchor)  # "She was greeted ... and is to meet"
        if pron is not None and words_between(slots.text, lo, pron.start) <= 1:
            found = [pron]
        elif first is not None and can_act(slots, first, anchor):
            found = slots.group_right(first)
    if not found:  # "X, which chairs the talks, urged Y"
        found = slots.relative_head(anchor, rule.gap)
    if not found:  # "Arab states will press X": the region's members the article names
        group = region_group(slots, slots.clause_start(anchor), anchor)
        if group and words_between(slots.text, group[0].end, anchor) <= 3:
            found = group
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
_DOCUMENT_WORD = re.compile(
    r"resolution|statement|declaration|communiq|letter|motion|decision|decree|note|message|text|report"
)
#: The verb of a clause whose subject issues the document it governs ("the council adopted a text").
_ISSUERS_VERBS = words(
    "pass passes passed adopt adopts adopted issue issues issued release releases released publish publishes "
    "published approve approves approved send sends sent deliver delivers delivered unveil unveils unveiled"
)
_ISSUING = re.compile(
    r"\b(?:"
    + "|".join(sorted(_ISSUERS_VERBS))
    + r"|agree[ds]?\s+(?:on|to)|put\s+out|read\s+out)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_OWNER_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,2}")


def _issuer(slots: Slots, anchor: int) -> list[M] | None:
    """Who does what a document right before the predicate does: the actor after "by"/"from", the
    noun's possessor or modifier ("the council's statement", "a UN resolution"), else the subject of
    a clause that adopts or issues it (across a relative clause: "X, which met on Sunday, adopted a
    resolution calling on Y"). A state that drafts, sponsors or vetoes a text does not issue it.
    None where no document stands before the predicate."""
    if not slots.has(_DOCUMENT_WORD):
        return None
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
