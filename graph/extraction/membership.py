"""Whom a person belongs to: ``MEMBER_OF`` from a title's state or organisation ("US Secretary of
State X"), from an office the rule pack lists ("President X" on the article's date), from the team
a sentence lists them in ("Russia's negotiators were ..."), or from the state of their office named
in the same sentence."""

from __future__ import annotations

import re
from datetime import date as Date

from .context import Ctx, M, add_relation, body_of, doc_day, held_on, office_body

#: Offices that say nothing of whose holder they are.
LOOSE_OFFICES = frozenset({"honorific", "official", "head", "counterpart"})

#: The link between two people of one list: "X, Deputy Defence Minister Y and Z".
LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
#: A state's team that a sentence then lists: "Russia's other three negotiators were named as ...".
TEAM_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:(?:other|three|two|four|five|new|top|senior|negotiating|official)\s+){0,3}"
    r"(?:delegation|delegates|negotiators|negotiating team|team|side|representatives|envoys|cabinet|government)\b",
    re.I,
)


def state_left_open(ctx: Ctx, person: str) -> bool:
    """Whether nothing yet says which state a person serves: they belong to nobody, or to a body of
    a state that the text did not tie to it ("the SBU's deputy head"); not to a state or to an
    international body ("the EU commission chief")."""
    side = ctx.member.get(person)
    if side is None:
        return True
    if ctx.type_of(side) != "Organisation":
        return False
    info = ctx.info(side)
    owner = ctx.member.get(side) or (info.member_of if info else None)
    return owner is not None and ctx.type_of(owner) == "State"


def bind_to_sentence_state(ctx: Ctx, m: M) -> None:
    """A title without a state belongs to the state whose team its sentence lists it in:
    "Russia's negotiators were Deputy Foreign Minister X, ...", "The Ukrainian delegation included
    ..."; or to the state of the person listed right before it ("Saudi Foreign Minister X and
    National Security Adviser Y")."""
    if not state_left_open(ctx, m.actor):
        return
    s0, _ = ctx.sentence_of(m.start)
    before = [x for x in ctx.in_span(s0, m.s) if not x.pronoun]
    state = None
    prev = before[-1] if before else None
    if (
        prev
        and ctx.type_of(prev.actor) == "Person"
        and prev.actor in ctx.member
        and LIST_LINK.fullmatch(ctx.text, prev.end, m.s)
    ):
        state = ctx.member[prev.actor]
    else:
        for x in reversed(before):
            if ctx.type_of(x.actor) == "State" and TEAM_AFTER.match(ctx.text, x.end):
                state = x.actor
                break
    if state is not None and ctx.type_of(state) == "State":
        ctx.member[m.actor] = state
        add_relation(ctx, m.actor, "MEMBER_OF", state, m.s, m.end, "member-of-context", False)


def bind(ctx: Ctx, m: M, person: str, office: str, aff: M | None, slot_start: int) -> None:
    """The person is MEMBER_OF the title's state or organisation; a body tied to a state in the same
    phrase hands its state on ("U.S. State Department spokesman X" is MEMBER_OF the United States);
    a listed person's title with no affiliation binds them to the office's body ("President Joe Biden")."""
    if aff is not None:
        if ctx.type_of(aff.actor) == "Person":  # "Putin's aide X": the aide serves the same state
            body = body_of(ctx, aff.actor)
            if body is None or ctx.type_of(body) == "Person":
                return
            bodies = [body]
        else:
            state = tied_state(ctx, aff)
            # a body named after its state ("French Armed Forces") holds the person as well as the state
            bodies = [state, aff.actor] if state and aff.actor in ctx.discovered else [state or aff.actor]
        aff.absorbed = True
        for body in bodies:
            ctx.member.setdefault(person, body)
            add_relation(ctx, person, "MEMBER_OF", body, min(slot_start, m.start), m.end, "member-of-title", False)
        return
    info = ctx.info(person)
    if info and office not in LOOSE_OFFICES:
        for off in info.offices:
            if off.office == office:
                body = office_body(off.of)
                ctx.member.setdefault(person, body)
                add_relation(ctx, person, "MEMBER_OF", body, min(slot_start, m.start), m.end, "member-of-office", False)
                return


def tied_state(ctx: Ctx, aff: M) -> str | None:
    """The state an organisation mention is tied to in the text itself: by a state named in its
    own words ("U.S. State Department", "White House National Security Council") or found with it."""
    if ctx.type_of(aff.actor) != "Organisation":
        return None
    state = ctx.member.get(aff.actor)
    if state and ctx.type_of(state) == "State" and aff.actor in ctx.discovered:
        return state
    info = ctx.info(aff.actor)
    if not info or not info.member_of or not info.member_of.startswith("state:"):
        return None
    body = ctx.info(info.member_of)
    surface = ctx.text[aff.start : aff.end]
    names = (body.actor.name, *body.actor.aliases, *body.demonyms) if body else ()
    if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", surface) for n in names if n):
        return info.member_of
    return None


def bind_in_sentence(ctx: Ctx, mentions: list[M]) -> None:
    """A listed office holder named in the same sentence as the body of the office they hold on the
    article's date belongs to it ("Netanyahu said Israel would ..."): the sentence ties the two."""
    day = doc_day(ctx)
    bodies: dict[str, str | None] = {}
    for m in mentions:
        if m.pronoun or m.weak or m.actor in ctx.member or m.actor.startswith(("state:", "org:", "media:")):
            continue
        if m.actor not in bodies:
            bodies[m.actor] = current_body(ctx, m.actor, day)
        body = bodies[m.actor]
        if body is None:
            continue
        s0, s1 = ctx.sentence_of(m.start)
        if any(x.actor == body and not (x.place or x.weak or x.pronoun) for x in ctx.in_span(s0, s1)):
            ctx.member[m.actor] = body
            add_relation(ctx, m.actor, "MEMBER_OF", body, m.start, m.end, "member-of-context", False)


def current_body(ctx: Ctx, person: str, day: Date | None) -> str | None:
    """The body of the office a listed person holds on the article's date (undated: still holds)."""
    info = ctx.info(person)
    if not info or not info.offices:
        return None
    for off in info.offices:
        if off.to is None if day is None else held_on(off, day):
            return office_body(off.of)
    return None
