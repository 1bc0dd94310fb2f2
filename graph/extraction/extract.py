"""Extraction: a pure function of (rules, document) giving mentions and relations with evidence.

The pipeline, each step a small function over plain data:
1. one automaton pass finds names, demonyms, titles and cues (``lexicon.scan``);
2. mentions are chosen leftmost-longest; titles join an affiliation and a name into a Person who is
   ``MEMBER_OF`` the title's state or organisation, or stand for the office holder on the article's
   date; ministries and armed-forces units are discovered from their names;
3. for every cue, its rule looks for the subject and object around it within the sentence
   (nearest actor, coordinated actors, a resolved pronoun, the speaker), then negation and
   hypotheticals in the same clause are applied.
No I/O happens here; the same input always gives the same output.
"""

from __future__ import annotations

import bisect

from ..model import Document, Extraction, Mention
from . import lexicon as lx
from .clauses import sentences
from .context import Ctx, actor_ref
from .grammar import apply_predicate
from .mentions import build_mentions, pick_mentions
from .relations import apply_rule
from .rules import RuleSet
from .sentence import Slots


def extract(rules: RuleSet, doc: Document) -> Extraction:
    """Mentions and relations of one document. Pure: no I/O, deterministic."""
    text = doc.text
    ctx = Ctx(rules, doc, text, lx.lower_same_length(text))
    ctx.sents = sentences(text)
    ctx.sent_starts = [s for s, _ in ctx.sents]
    if not ctx.sents:
        return Extraction(document=doc)
    raw, cues, anchors = pick_mentions(ctx, lx.scan(rules.lexicon, text, ctx.lowered))
    ctx.regions_at = [a for a, _, word in anchors if word == lx.REGION_ANCHOR]
    build_mentions(ctx, raw, anchors)
    apply_cues(ctx, cues)
    return collect(ctx)


def apply_cues(ctx: Ctx, cues) -> None:
    if not cues:
        return
    args_all = [m for m in ctx.mentions if not m.weak and not m.absorbed and not m.modifier]
    starts = [m.s for m in args_all]
    slots = None
    for c0, c1, (rule_index, tags) in cues:
        rule = ctx.rules.relations[rule_index]
        sent = ctx.sentence_of(c0)
        if slots is None or slots.sent != sent:  # one per sentence: its speaker and barriers are shared
            lo = bisect.bisect_left(starts, sent[0])
            hi = bisect.bisect_right(starts, sent[1])
            slots = Slots(ctx, sent, args_all[lo:hi])
        if tags:
            apply_predicate(ctx, rule, (c0, c1), tags, slots)
        else:
            apply_rule(ctx, rule, (c0, c1), slots)


def collect(ctx: Ctx) -> Extraction:
    mentions: list[Mention] = []
    actors: dict[str, None] = {}  # an ordered set
    acting = {m.actor for m in ctx.mentions if not (m.weak or m.pronoun or m.place)}
    for m in ctx.mentions:
        if m.weak or m.pronoun or m.actor not in acting:
            continue
        ref = actor_ref(ctx, m.actor)
        actors.setdefault(ref.id, None)
        mentions.append(Mention(ctx.doc.id, ref, m.start, m.end, ctx.text[m.start : m.end]))
    seen, relations = set(), []
    for r in ctx.relations:
        key = (r.subject.id, r.type, r.object.id, r.negated, r.start)
        if key in seen:
            continue
        seen.add(key)
        relations.append(r)
        actors.setdefault(r.subject.id, None)
        actors.setdefault(r.object.id, None)
    return Extraction(
        document=ctx.doc,
        mentions=tuple(mentions),
        relations=tuple(relations),
        actors=tuple(ctx.actor(a) for a in sorted(actors)),
    )
