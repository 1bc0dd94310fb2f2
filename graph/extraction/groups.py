"""Group nouns that act for the actor that modifies them: "the Chinese government", "Mali's
transitional authorities", "Iranian negotiators", "Houthi officials", "the junta in Niger", "the
government of Sudan" stand for the state or organisation itself; "the Biden administration" and
"the Maduro regime" for the state the person leads.

The mention is widened over the whole group phrase, so that the phrase, not a modifier inside
it, is what fills a relation's subject or object.
"""

from __future__ import annotations

import re

from .context import Ctx, M, body_of
from .names import GROUP_HEADS

_ADJ = (
    r"(?:(?:new|current|former|transitional|interim|military|ruling|civilian|federal|central|national|"
    r"caretaker|outgoing|incoming|top|senior|hardline|de\s+facto|self-declared|two|three|several|many|"
    r"other|some|visiting|local|provincial|regional|coup|military-led|elected|exiled|foreign|defen[cs]e|finance|"
    r"interior|economy|trade|security)\s+){0,2}"
)
#: Nouns whose modifier is the one who acts: a state's or organisation's government, people, team.
GROUP_AFTER = re.compile(
    r"(?:['’]s?)?\s+" + _ADJ + r"(government|authorities|administration|regime|junta|leadership|officials|"
    r"negotiators|diplomats|delegation|envoys|representatives|ministers|cabinet|leaders|spokespeople|"
    r"top\s+brass|side)\b",
    re.I,
)
#: What a person's name leads: "the Biden administration", "the Maduro government".
LED_BY_PERSON = frozenset({"administration", "regime", "government", "cabinet", "junta"})
#: "the junta in Niger", "the authorities in Kabul", "the government of Sudan": the state acts.
GROUP_BEFORE = re.compile(
    r"\b(?:the\s+)?"
    + _ADJ
    + r"(?:government|authorities|administration|regime|junta|leadership)\s+(?:in|of)\s+(?:the\s+)?$",
    re.I,
)


def group_nouns(ctx: Ctx, mentions: list[M], anchors) -> None:
    """Widen each mention that modifies a group noun over the group phrase; the phrase acts.
    ``anchors`` are the lexicon's hits of group nouns (rare: only mentions before one are tried)."""
    text = ctx.text
    heads = [a for a, _, word in anchors if word in GROUP_HEADS]
    if not heads:
        return
    hi = 0
    for i, m in enumerate(mentions):
        if m.pronoun or m.absorbed:
            continue
        while hi < len(heads) and heads[hi] < m.end:
            hi += 1
        near = hi < len(heads) and heads[hi] - m.end <= 60
        kind = ctx.type_of(m.actor)
        if not near and not (kind == "State" and m.place):
            continue
        nxt_start = mentions[i + 1].s if i + 1 < len(mentions) else len(text)
        after = GROUP_AFTER.match(text, m.end, min(nxt_start, m.end + 60)) if near else None
        if after is not None:
            head = after.group(1).lower()
            if kind == "Person":
                if head not in LED_BY_PERSON:
                    continue
                state = body_of(ctx, m.actor)
                if state is None or ctx.type_of(state) != "State":
                    continue
                m.actor = state
            m.end = after.end()
            m.weak = m.modifier = m.place = False
            continue
        if kind == "State" and m.place:
            before = GROUP_BEFORE.search(text, max(0, m.s - 50), m.s)
            if before is not None:
                m.slot_start = before.start()
                m.place = m.weak = False
