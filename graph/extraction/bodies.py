"""Organisations recognised by their names' head nouns and by acronyms the text defines.

- A run of capitalised words built on an organisation's head noun names an organisation: "the
  Unitary Platform", "the Asia Society", "Democratic Forces for the Liberation of Rwanda".
- With a state before it ("Japan Coast Guard", "Sudanese Armed Forces", "Russia's Security
  Council", "White House National Security Council") or after it ("Grand National Assembly of
  Turkey") it is that state's own body, ``MEMBER_OF`` the state, and never the international body
  of the same words ("Russia's Security Council" is not the UN Security Council). A few bodies
  keep lower case in the news and are still a state's own: "China's coast guard", "Turkey's
  parliament", "Kosovo police".
- "Full Name (ABC)" makes ABC a name of the same organisation for the rest of the document.
"""

from __future__ import annotations

import bisect
import re

from ..model import Actor
from .context import Ctx, M, add_relation, slug
from .names import CAP_RUN, ORG_HEADS, WEAK_HEADS

ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Z]{2,})\s*\)")
POSSESSIVE_GAP = re.compile(r"(?:['’]s?\s+|\s+)(?:the\s+)?")
#: A state's bodies that the news writes in lower case after the state's name.
LOWER_BODIES = re.compile(
    r"(?:['’]s?)?\s+(?:(?:paramilitary|elite|national|state|federal|own)\s+)?"
    r"(coast ?guard|parliament|national assembly|police|police force|security council|national security council|"
    r"central bank|intelligence agency|intelligence service|security service|supreme court|constitutional court)\b",
    re.I,
)
#: Words of an organisation's name that do not make a state's body of the name before them.
GENERIC_STARTS = frozenset({"the", "a", "an", "this", "that"})


def bodies(ctx: Ctx, mentions: list[M], anchors) -> list[M]:
    """Organisations named by a head noun, a state's bodies, and acronyms defined in parentheses.
    ``anchors`` are the lexicon's hits of head nouns: a capitalised one opens a look at its run."""
    text = ctx.text
    starts = [m.start for m in mentions]
    added: list[M] = []
    done = -1
    for h_start, h_end, word in anchors:
        if h_start < done or word not in ORG_HEADS or not text[h_start].isupper():
            continue
        run = next((r for r in CAP_RUN.finditer(text, max(0, h_start - 120), h_end + 80) if r.end() >= h_end), None)
        if run is None or run.start() > h_start:
            continue
        done = run.end()
        words = run.group(0).split()
        if len(words) < 2 and words[0].lower() not in ORG_HEADS:
            continue
        found = _run_body(ctx, mentions, starts, run.start(), run.end())
        if found is not None:
            added.append(found)
    for m in mentions:
        if ctx.type_of(m.actor) == "State" and not m.absorbed:
            low = LOWER_BODIES.match(text, m.end, m.end + 40)
            if low and low.group(1)[:1].islower():
                added.append(_state_body(ctx, m, low.group(1), low.end()))
    if added:
        covered = [(m.s, m.end) for m in added]
        keep = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in covered) or m.absorbed]
        mentions = sorted(keep + added, key=lambda m: m.start)
    return _acronyms(ctx, mentions)


def _run_body(ctx: Ctx, mentions, starts, rs: int, re_: int) -> M | None:
    """The organisation a capitalised run with a head noun names, if it is a new one."""
    text = ctx.text
    lo = bisect.bisect_left(starts, rs)
    if lo > 0 and mentions[lo - 1].end > rs:
        return None  # the run continues a known name ("U.S. Air Force")
    inside = []
    j = lo
    while j < len(mentions) and mentions[j].start < re_:
        inside.append(mentions[j])
        j += 1
    if inside and inside[0].start == rs and inside[0].end >= re_:
        return None  # the whole run is a known name
    rs = _name_start(text, rs, re_)
    inside = [m for m in inside if m.start >= rs]
    state = None
    if inside and inside[0].start == rs and ctx.type_of(inside[0].actor) == "State":
        state = inside[0]
        gap = POSSESSIVE_GAP.match(text, state.end, re_)
        rs = gap.end() if gap else state.end
        inside = inside[1:]
        if len(inside) == 1 and inside[0].start == rs and inside[0].end == re_ and _generic(ctx, inside[0]):
            inside = []  # "Russia's Security Council": the state's own, not the UN's
    elif inside and inside[0].start == rs:
        return None  # "NATO Military Committee", "IAEA Board": part of a known organisation
    if rs >= re_:
        return None
    rest = text[rs:re_]
    of_state = None
    if state is None:
        of_state = next(
            (
                m
                for m in inside
                if m.end == re_
                and ctx.type_of(m.actor) == "State"
                and re.search(r"\s+of\s+(?:the\s+)?$", text[rs : m.start])
                and text[rs : m.start].split()[-2].lower() in ORG_HEADS
            ),
            None,
        )
        if of_state is not None:
            rest = re.sub(r"\s+of\s+(?:the\s+)?$", "", text[rs : of_state.start])
            inside = [m for m in inside if m is not of_state]
        else:
            state = _possessor(ctx, mentions, starts, rs)
    head_words = [w.lower() for w in rest.split()]
    heads = [w for w in head_words if w in ORG_HEADS]
    if not heads or head_words[0] in ("ministry",) or (heads[-1] == "ministry"):
        return None  # ministries are named by their topic: see discovery
    if any(ctx.type_of(m.actor) == "Person" for m in inside) or (state is not None and inside):
        return None  # "the United States and the European Union": two names, not one body
    last = max(i for i, w in enumerate(head_words) if w in ORG_HEADS)
    if last + 1 < len(head_words) and head_words[last + 1] not in ("of", "for", "on", "in", "and"):
        rest = " ".join(rest.split()[: last + 1])  # "Grand National Assembly ASAP": the name ends at its head
        re_ = rs + len(rest)
    owner = state or of_state
    if owner is None:
        if len(head_words) < 2 or all(h in WEAK_HEADS for h in heads) or inside:
            return None
        return _independent(ctx, rest, rs, re_)
    if all(h in WEAK_HEADS for h in heads) and len(head_words) < 2:
        return None
    return _state_body(ctx, owner, rest, re_ if of_state is None else of_state.end, start=rs)


def _generic(ctx: Ctx, m: M) -> bool:
    """A known international body named by words any state's body may bear ("Security Council")."""
    return (
        ctx.kind_of(m.actor) == "international"
        and not any(ch.isupper() for ch in ctx.text[m.start : m.end].split()[0][1:])
        and " " in ctx.text[m.start : m.end]
    )


def _name_start(text: str, rs: int, re_: int) -> int:
    """Where an organisation's name starts in a run: at its first part with a head noun ("Members
    of the Unitary Platform" names the Unitary Platform; "Forces for the Liberation of ..." starts
    at once)."""
    words = text[rs:re_].split()
    if words[0].lower() in GENERIC_STARTS and len(words) > 1:
        rs = text.index(words[1], rs + len(words[0]))
    pos = rs
    for part in re.finditer(r"(?:(?<=\s)(?:of|for|on|and|the|in|de|&)\s+)+|$", text[rs:re_]):
        segment = text[pos : rs + part.start()]
        if any(w.lower() in ORG_HEADS for w in segment.split()):
            return pos
        pos = rs + part.end()
    return rs


def _possessor(ctx: Ctx, mentions, starts, pos: int) -> M | None:
    """A state right before a name ("Russia's Security Council", "the Japanese Self-Defense Forces")."""
    i = bisect.bisect_left(starts, pos) - 1
    if i < 0:
        return None
    m = mentions[i]
    if ctx.type_of(m.actor) != "State" or m.absorbed:
        return None
    gap = POSSESSIVE_GAP.fullmatch(ctx.text, m.end, pos)
    return m if gap is not None else None


def _independent(ctx: Ctx, name: str, start: int, end: int) -> M:
    name = " ".join(name.split())
    known = ctx.rules.by_name(name)
    if known is not None:
        return M(start, end, known.actor.id)
    org = "org:" + slug(name)
    if org not in ctx.discovered:
        ctx.discovered[org] = Actor(org, name, "Organisation", ())
        ctx.kinds[org] = "military" if name.split()[-1].lower() in ("forces", "army", "front", "brigades") else "other"
    return M(start, end, org)


def _state_body(ctx: Ctx, state: M, words: str, end: int, start: int | None = None) -> M:
    """The state's own body named ``words`` ("Coast Guard" of Japan), MEMBER_OF the state."""
    words = " ".join(
        w[:1].upper() + w[1:] if w.islower() and w not in ("of", "the", "and") else w for w in words.split()
    )
    info = ctx.info(state.actor)
    st = ctx.actor(state.actor)
    surface = ctx.text[state.start : state.end]
    demonym = info.demonyms[0] if info and info.demonyms else st.name
    short = [a for a in st.aliases if a.isupper() and len(a) <= 3]
    forms = [f"{demonym} {words}", f"{st.name} {words}", f"{surface} {words}", *(f"{a} {words}" for a in short)]
    forms.append(f"{st.name}'s {words}")
    forms.append(" ".join(ctx.text[min(state.start, start if start is not None else state.start) : end].split()))
    name = forms[2] if state.demonym or surface in (st.name, demonym) else forms[1]
    known = next((ctx.rules.by_name(f) for f in forms if ctx.rules.by_name(f)), None)
    if known is not None and known.actor.type == "Organisation":
        org = known.actor.id
    else:
        org = f"org:{state.actor.split(':')[-1]}-{slug(words)}"
        if org not in ctx.discovered:
            aliases = tuple(dict.fromkeys(f for f in forms if f != name))
            ctx.discovered[org] = Actor(org, name, "Organisation", aliases)
            ctx.kinds[org] = "military" if re.search(r"forces|army|guard|navy|command|corps", words, re.I) else "agency"
    state.absorbed = True
    s = min(state.s, start if start is not None else state.s)
    ctx.member.setdefault(org, state.actor)
    add_relation(ctx, org, "MEMBER_OF", state.actor, s, end, "member-of-name", False)
    return M(state.end if start is None else start, end, org, slot_start=s)


def _acronyms(ctx: Ctx, mentions: list[M]) -> list[M]:
    """ "Rapid Support Forces (RSF)": the acronym names the same organisation in the rest of the text."""
    text = ctx.text
    defined: dict[str, str] = {}
    for m in mentions:
        if ctx.type_of(m.actor) != "Organisation":
            continue
        found = ACRONYM.match(text, m.end)
        if found and found.group(1) not in defined:
            defined[found.group(1)] = m.actor
    if not defined:
        return mentions
    taken = sorted((m.s, m.end) for m in mentions)
    extra = []
    for acr, actor in defined.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                extra.append(M(hit.start(), hit.end(), actor))
        if actor in ctx.discovered:
            a = ctx.discovered[actor]
            if acr not in a.aliases:
                ctx.discovered[actor] = Actor(a.id, a.name, a.type, (*a.aliases, acr))
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions
