"""Actors found from their context, not only looked up: title constructions ("Russian Foreign
Minister Sergei Lavrov" is a Person MEMBER_OF Russia), ministries and numbered army units."""

from __future__ import annotations

import bisect
import re

from ..model import Actor
from .context import Ctx, M, add_relation, holder, slug

TO_GAP = re.compile(r"\s+to\s+")
NAME_GAP = re.compile(r"(?:\s*,)?\s+")
OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")
NAME = re.compile(r"(?:@\w+|[A-Z][a-zà-ÿ’'\-]+(?:\s+(?:[A-Z][a-zà-ÿ’'\-]+|[A-Z]\.)){1,3})")
NOT_NAMES = frozenset(
    [
        "the",
        "on",
        "in",
        "to",
        "at",
        "of",
        "for",
        "and",
        "or",
        "but",
        "meets",
        "meet",
        "says",
        "said",
        "told",
        "with",
        "from",
        "by",
        "as",
        "this",
        "that",
        "these",
        "a",
        "an",
        "new",
        "former",
        "his",
        "her",
        "its",
        "their",
        "our",
        "on",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "who",
        "which",
    ]
)
MINISTRY_OF = re.compile(r"Ministry of ((?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})")
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


def discover_person(ctx: Ctx, name: str) -> str:
    known = ctx.rules.person_named(name)
    if known is not None:
        return known
    actor_id = "person:" + slug(name)
    if actor_id not in ctx.discovered and actor_id not in ctx.rules.actors:
        surname = name.split()[-1]
        ctx.discovered[actor_id] = Actor(actor_id, name, "Person", (surname,) if surname != name else ())
    return actor_id


def titles(ctx: Ctx, raw: list[tuple[int, int, str]]) -> list[M]:
    """Turn name/demonym/title hits into mentions, joining title constructions."""
    out: list[M] = []
    text = ctx.text
    i = 0
    while i < len(raw):
        start, end, tag = raw[i]
        kind, value = tag.split(":", 1)
        if kind != "title":
            out.append(M(start, end, value, demonym=(kind == "demonym")))
            i += 1
            continue
        # affiliation: the mention right before the title ("Russian", "NATO", "Russia's")
        aff = (
            out[-1]
            if out
            and not out[-1].absorbed
            and AFFILIATION_GAP.match(text[out[-1].end : start])
            and ctx.type_of(out[-1].actor) in ("State", "Organisation")
            and out[-1].end >= start - 4
            else None
        )
        pos = end
        m_to = TO_GAP.match(text, pos)
        if m_to and i + 1 < len(raw) and raw[i + 1][0] == m_to.end() and raw[i + 1][2].split(":")[0] == "actor":
            pos = raw[i + 1][1]  # "Ambassador to Moscow": the place is part of the title
            i += 1
        gap = NAME_GAP.match(text, pos)
        name_at = gap.end() if gap else pos
        person = None
        name_end = name_at
        if (
            i + 1 < len(raw)
            and raw[i + 1][0] == name_at
            and raw[i + 1][2].startswith("actor:")
            and ctx.type_of(raw[i + 1][2][6:]) == "Person"
        ):
            person, name_end = raw[i + 1][2][6:], raw[i + 1][1]
            i += 1
        else:
            m_name = NAME.match(text, name_at)
            if (
                m_name
                and m_name.group(0).split()[0].lower() not in NOT_NAMES
                and not any(w.lower() in NOT_NAMES for w in m_name.group(0).split()[1:])
                and (i + 1 >= len(raw) or raw[i + 1][0] >= m_name.end())
            ):
                person, name_end = discover_person(ctx, m_name.group(0)), m_name.end()
        slot_start = aff.s if aff else start
        if person is None:
            body = aff.actor if aff else None
            person = holder(ctx, value, body) if body else None
            if person is None:
                i += 1
                continue
            m = M(start, end, person, slot_start=slot_start)
        else:
            m = M(name_at, name_end, person, slot_start=slot_start)
        if aff:
            aff.absorbed = True
            ctx.member.setdefault(person, aff.actor)
            add_relation(ctx, person, "MEMBER_OF", aff.actor, slot_start, m.end, "member-of-title", False)
        out.append(m)
        i += 1
    return out


def organisations(ctx: Ctx, mentions: list[M], anchors) -> list[M]:
    """Discover '<State> Ministry of X', 'Ministry of X of <State>', '<State> 41st Army'."""
    text = ctx.text
    starts = [m.start for m in mentions]
    added: list[M] = []
    for a_start, a_end, word in anchors:
        if not text[a_start:a_end][:1].isupper():
            continue
        found = None
        if word == "ministry":
            found = _ministry(ctx, mentions, starts, a_start, a_end)
        else:
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
        topic = re.fullmatch(r"(?:['’]s)?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+", text[mentions[i].end : a_start])
        if topic:
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
    state.absorbed = True
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
    st.absorbed = True
    ctx.member.setdefault(org, st.actor)
    add_relation(ctx, org, "MEMBER_OF", st.actor, st.s, a_end, "member-of-name", False)
    return M(start, a_end, org, slot_start=st.s)
