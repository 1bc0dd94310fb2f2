"""Coreference: the actor a pronoun or role noun ("he", "it", "they", "the alliance") refers to."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from .clauses import CONNECTOR
from .context import Ctx, M, body_of
from .names import words

if TYPE_CHECKING:  # slots uses this module; the type is only named here
    from .slots import Slots


def resolve_pronoun(ctx: Ctx, word: str, pos: int, slots: Slots | None = None) -> str | None:
    """The actor a pronoun or role noun refers to: the last compatible actor mentioned before it."""
    w = word.lower()
    if w == "we":
        return slots.speaker_body() if slots else None
    nearest = [m for m in ctx.prior(pos) if not m.weak and not m.pronoun] if w == "they" else None
    prior = iter(nearest) if nearest is not None else (m for m in ctx.prior(pos) if not m.weak and not m.pronoun)
    if w in ("he", "she", "it") and ctx.sents:
        s0, _ = ctx.sentence_of(pos)
        if not ctx.text[s0:pos].strip(" “\"‘'") and s0 > 0:
            p0, p1 = ctx.sentence_of(s0 - 1)
            want = ("Person",) if w != "it" else ("State", "Organisation")
            first = next(
                (
                    m
                    for m in ctx.in_span(p0, p1)
                    if not m.weak
                    and not m.pronoun
                    and m.end <= pos
                    and ctx.type_of(m.actor) in want
                    and not m.absorbed
                    and ctx.kind_of(m.actor) != "media"
                ),
                None,
            )
            if first is not None:
                return first.actor
    if w in ("he", "she"):
        opening = _quote_before(ctx.text, pos)
        if opening is not None:  # "“... Putin ...,” he said": the speaker is named before the quote
            return next((m.actor for m in ctx.prior(opening) if not m.weak and ctx.type_of(m.actor) == "Person"), None)
        if ctx.sents:  # inside a sentence, "he" is most often its subject: "X meets Y as he demands ..."
            s0, _ = ctx.sentence_of(pos)
            first = next(
                (m for m in ctx.in_span(s0, pos) if ctx.type_of(m.actor) == "Person" and not m.pronoun and not m.weak),
                None,
            )
            if first is not None:
                return first.actor
        return next((m.actor for m in prior if ctx.type_of(m.actor) == "Person"), None)
    if w in ("her country", "his country", "their country"):
        person = next((m.actor for m in prior if ctx.type_of(m.actor) == "Person"), None)
        body = body_of(ctx, person) if person else None
        return body if body and ctx.type_of(body) == "State" else None
    if w in ("the alliance", "the military alliance", "the bloc"):
        return next((m.actor for m in prior if ctx.kind_of(m.actor) == "alliance"), None)
    if w == "the country":
        return next((m.actor for m in prior if ctx.type_of(m.actor) == "State"), None)
    if w == "the ministry":
        return next((m.actor for m in prior if ctx.kind_of(m.actor) == "ministry"), None)
    if w in ("it", "the organisation", "the organization"):
        return next(
            (
                m.actor
                for m in prior
                if ctx.type_of(m.actor) in ("State", "Organisation")
                and not m.absorbed
                and ctx.kind_of(m.actor) != "media"
            ),
            None,
        )
    if nearest is not None:  # "they"
        for b, a in itertools.pairwise(nearest):
            if CONNECTOR.match(ctx.text[a.end : b.s]) and ctx.type_of(b.actor) != "Person":
                return None  # a group: callers that can use groups handle "they" themselves
        return next((m.actor for m in nearest if ctx.type_of(m.actor) in ("State", "Organisation")), None)
    return None


_AFTER_QUOTE = re.compile(r"[”\"]\s*,?\s*$")


def _quote_before(text: str, pos: int) -> int | None:
    """Where the quotation that closes right before ``pos`` opens (``pos`` is a pronoun after it)."""
    close = _AFTER_QUOTE.search(text, max(0, pos - 4), pos)
    if close is None:
        return None
    at = close.start()
    opening = text.rfind("“", 0, at) if text[at] == "”" else text.rfind('"', 0, at)
    return opening if opening >= 0 else None


def they_group(ctx: Ctx, pos: int) -> list[str]:
    group: list[M] = []
    for a in (m for m in ctx.prior(pos) if not m.weak and not m.pronoun and not m.absorbed):
        if group and not CONNECTOR.match(ctx.text[a.end : group[0].s]):
            break
        group.insert(0, a)
    return [m.actor for m in group] if len(group) > 1 else []


#: Nouns that stand for the two sides of a conflict or a negotiation named before ("urged both sides
#: to", "talks with the two parties"); run on the lower-cased text.
_PAIR_HEADS = words("sides parties countries nations neighbours neighbors governments camps factions rivals armies")
PAIR_NOUN = re.compile(r"\b(?:both|the\s+two|the\s+warring|the\s+rival)\s+(?:" + "|".join(sorted(_PAIR_HEADS)) + r")\b")
#: What a hyphenated pair names: "the Israel-Hezbollah war", "the India-Pakistan border".
_CONFLICT = words("war wars conflict fighting dispute border talks negotiations ceasefire truce tensions clashes")
_LINK = re.compile(r"\s*([-–])\s*|\s+(and)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}")
PAIR_LOOKBACK = 2000  # characters: a pair noun refers to a pair named a few sentences before at most


def pair_before(ctx: Ctx, pos: int) -> list[str]:
    """The two actors a pair noun at ``pos`` stands for: the nearest pair named before it as
    "between X and Y" or "the X-Y war"; none if no such pair stands within a few sentences."""
    later: M | None = None
    for m in ctx.prior(pos):
        if m.end < pos - PAIR_LOOKBACK:
            break
        if m.weak or m.pronoun or m.place:
            continue
        if later is not None and m.actor != later.actor and _paired(ctx, m, later):
            return [m.actor, later.actor]
        later = m
    return []


def _paired(ctx: Ctx, a: M, b: M) -> bool:
    """Whether ``a`` and ``b`` are named as a pair: "between A and B", "the A-B war"."""
    link = _LINK.fullmatch(ctx.text, a.end, b.s)
    if link is None:
        return False
    if link.group(1):
        after = re.match(r"\s+([a-z]+)", ctx.lowered[b.end : b.end + 16])
        return after is not None and after.group(1) in _CONFLICT
    return "between" in ctx.lowered[max(0, a.s - 40) : a.s].split()[-4:]


def region_group(slots: Slots, lo: int, hi: int) -> list[M]:
    """'Arab states', 'Gulf leaders' in text[lo:hi] (the last such phrase): one mention for each
    member of the region that the article names anywhere as an actor; none where it names none."""
    pattern = slots.ctx.rules.region_group
    if pattern is None or not slots.has_region:
        return []
    last = None
    for last in pattern.finditer(slots.ctx.lowered, lo, hi):  # noqa: B007
        pass
    if last is None:
        return []
    ctx = slots.ctx
    members = ctx.rules.regions[re.sub(r"\s+", " ", last.group(1))]
    named = dict.fromkeys(m.actor for m in ctx.mentions if m.actor in members and not (m.weak or m.pronoun or m.place))
    return [M(last.start(), last.end(), a, pronoun=True) for a in named]
