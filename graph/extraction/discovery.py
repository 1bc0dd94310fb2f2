"""Organisations found from their context, not only looked up: ministries and numbered army units
tied to their state ("the Kenyan Ministry of Defence", "Russia's 41st Army")."""

from __future__ import annotations

import bisect
import re

from ..model import Actor
from .context import Ctx, M, add_relation, slug
from .lexicon import UNIT_WORDS
from .names import words

OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")
MINISTRY_OF = re.compile(r"[Mm]inistry of ((?:the\s+)?[A-Za-z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})")
#: The topic of a ministry named before it: "Armenia's defence ministry", "the Jordanian Foreign Ministry".
TOPIC_BEFORE = re.compile(r"(?:['’]s?)?\s+(?:the\s+)?([A-Za-z][a-z]+(?:\s+[A-Za-z][a-z]+)?)\s+")
#: Topics a ministry's name may carry in lower case ("the defence ministry").
LOWER_TOPICS = words(
    """
    defence defense foreign interior finance justice health economy energy trade information
    intelligence agriculture education culture emergencies environment transport home security
    national
    """
)
AFFILIATION_GAP = re.compile(
    r"^(?:['’]s)?\s*(?:state-run|state-owned|state|government-run|government)?\s*(?:the\s+)?$", re.I
)
TOPIC_NORMAL = {
    "defense": "Defence",
    "foreign": "Foreign Affairs",
    "foreign affairs": "Foreign Affairs",
    "defence": "Defence",
    "interior": "Interior",
    "internal affairs": "Internal Affairs",
}


def organisations(ctx: Ctx, mentions: list[M], anchors) -> list[M]:
    """Discover '<State> Ministry of X', 'Ministry of X of <State>', '<State> 41st Army'."""
    text = ctx.text
    starts = [m.start for m in mentions]
    added: list[M] = []
    for a_start, a_end, word in anchors:
        if word != "ministry" and (word not in UNIT_WORDS or not text[a_start].isupper()):
            continue
        found = None
        if word == "ministry":
            found = _ministry(ctx, mentions, starts, a_start, a_end)
        elif word in UNIT_WORDS:
            found = _unit(ctx, mentions, starts, a_start, a_end)
        if found:
            added.append(found)
    if not added:
        return mentions
    covered = [(m.s, m.end) for m in added]
    keep = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in covered) or m.absorbed]
    return sorted(keep + added, key=lambda m: m.start)


def _state_before(ctx: Ctx, mentions, starts, pos: int) -> M | None:
    i = bisect.bisect_left(starts, pos) - 1
    if i >= 0:
        m = mentions[i]
        if ctx.type_of(m.actor) == "State" and re.fullmatch(r"(?:['’]s)?\s*(?:the\s+)?", ctx.text[m.end : pos]):
            return m
    return None


def _ministry(ctx: Ctx, mentions, starts, a_start: int, a_end: int) -> M | None:
    text = ctx.text
    m_of = MINISTRY_OF.match(text, a_start)
    if m_of:
        topic, end = m_of.group(1), m_of.end()
        j = bisect.bisect_left(starts, m_of.start(1))
        if j < len(mentions) and mentions[j].start < end:  # "Ministry of Defence and Armenia's ...": stop there
            end = m_of.start(1) + len(re.sub(r"\s+(?:and|of)\s*$", "", text[m_of.start(1) : mentions[j].start]))
            topic = text[m_of.start(1) : end]
        if not topic[0].isupper() and topic.split()[0] not in LOWER_TOPICS:
            return None
        after = OF_GAP.match(text, end)
        state = None
        if after:
            j = bisect.bisect_left(starts, after.end())
            if j < len(mentions) and mentions[j].start == after.end() and ctx.type_of(mentions[j].actor) == "State":
                state, end = mentions[j], mentions[j].end
                topic = re.sub(r"\s+of$", "", topic)
        state = state or _state_before(ctx, mentions, starts, a_start)
        return _make_ministry(ctx, state, topic, a_start, end) if state else None
    i = bisect.bisect_left(starts, a_start) - 1
    if i >= 0 and ctx.type_of(mentions[i].actor) == "State":
        topic = TOPIC_BEFORE.fullmatch(text, mentions[i].end, a_start)
        if topic and all(w[0].isupper() or w in LOWER_TOPICS for w in topic.group(1).split()):
            return _make_ministry(ctx, mentions[i], topic.group(1), mentions[i].end, a_end)
    return None


def _make_ministry(ctx: Ctx, state: M, topic: str, start: int, end: int) -> M:
    info = ctx.info(state.actor)
    topic_n = TOPIC_NORMAL.get(topic.lower(), topic)
    demonym = info.demonyms[0] if info and info.demonyms else ctx.actor(state.actor).name
    name = f"{demonym} Ministry of {topic_n}"
    known = ctx.rules.by_name(name)
    if known and known.actor.type == "Organisation":
        org = known.actor.id
    else:
        org = f"org:{state.actor.split(':')[-1]}-ministry-of-{slug(topic_n)}"
        ctx.discovered.setdefault(
            org, Actor(org, name, "Organisation", (f"{ctx.actor(state.actor).name} Ministry of {topic_n}",))
        )
    return _state_body(ctx, org, "ministry", state, start, end)


def _state_body(ctx: Ctx, org: str, kind: str, state: M, start: int, end: int) -> M:
    """The mention of a body the text names with its state ("Kenya's Ministry of Defence", "Russia's
    58th Army"): the state's mention is absorbed into it, and the body is MEMBER_OF the state."""
    state.absorbed = True
    ctx.kinds[org] = kind
    ctx.member.setdefault(org, state.actor)
    add_relation(ctx, org, "MEMBER_OF", state.actor, min(state.s, start), end, "member-of-name", False)
    return M(start, end, org, slot_start=min(state.s, start))


def _unit(ctx: Ctx, mentions, starts, a_start: int, a_end: int) -> M | None:
    text = ctx.text
    m = re.search(r"(\d{1,3}(?:st|nd|rd|th))\s+$", text[max(0, a_start - 12) : a_start])
    if not m:
        return None
    start = a_start - len(m.group(0))
    i = bisect.bisect_left(starts, start) - 1
    if i < 0:
        return None
    st = mentions[i]
    if ctx.type_of(st.actor) != "State" or not re.fullmatch(r"(?:['’]s)?\s*", text[st.end : start]):
        return None
    info = ctx.info(st.actor)
    demonym = info.demonyms[0] if info and info.demonyms else ctx.actor(st.actor).name
    name = f"{demonym} {m.group(1)} {text[a_start:a_end].capitalize()}"
    org = f"org:{st.actor.split(':')[-1]}-{slug(m.group(1))}-{text[a_start:a_end].lower()}"
    ctx.discovered.setdefault(
        org, Actor(org, name, "Organisation", (f"{m.group(1)} {text[a_start:a_end].capitalize()}",))
    )
    return _state_body(ctx, org, "military", st, start, a_end)
