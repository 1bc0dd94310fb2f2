"""What the steps of one document's extraction share: a mention under construction (``M``), the
document context (``Ctx``), office holders by date, and the one place a relation is emitted."""

from __future__ import annotations

import bisect
import contextlib
import re
from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING

from ..model import Actor, ActorRef, Document, Relation, RelationType

if TYPE_CHECKING:  # the loader imports the slot table, which imports this module: names only here
    from .rules import ActorInfo, RuleSet


def state_id(code: str) -> str:
    """The actor id of the state with ISO alpha-3 ``code``."""
    return f"state:{code.lower()}"


@dataclass(slots=True)
class M:
    """A mention under construction: where the name is, which actor, and how it may be used."""

    start: int
    end: int
    actor: str
    slot_start: int = -1  # where the whole phrase starts (title constructions)
    demonym: bool = False
    weak: bool = False  # a demonym that does not name an acting state
    absorbed: bool = False  # part of a title or affiliation, not an argument of its own
    modifier: bool = False  # modifies a noun after it ("NATO troops")
    pronoun: bool = False
    place: bool = False  # named as a location ("occurred in Libya"), not as an actor

    @property
    def s(self) -> int:
        return self.slot_start if self.slot_start >= 0 else self.start


@dataclass
class Ctx:
    rules: RuleSet
    doc: Document
    text: str
    lowered: str
    mentions: list[M] = field(default_factory=list)
    discovered: dict[str, Actor] = field(default_factory=dict)
    member: dict[str, str] = field(default_factory=dict)  # person/org id -> body id known in this doc
    relations: list[Relation] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # actors named anywhere in the document
    barriers: dict[int, list] = field(default_factory=dict)  # sentence start -> clause barrier ends
    refs: dict[str, ActorRef] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # one-word form -> person found in this doc
    kinds: dict[str, str] = field(default_factory=dict)  # kind of an organisation found in this doc
    regions_at: list[int] = field(default_factory=list)  # where a region's name ("Arab") stands

    def set_mentions(self, mentions: list[M]) -> None:
        """Mentions in text order, indexed by start so that a sentence's or a position's neighbours
        are found by bisection instead of a scan of the whole document per cue."""
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]

    def in_span(self, s0: int, s1: int) -> list[M]:
        """Mentions whose whole phrase lies in text[s0:s1]."""
        lo = bisect.bisect_left(self.mention_starts, s0)
        hi = bisect.bisect_left(self.mention_starts, s1, lo)
        return [m for m in self.mentions[lo:hi] if m.s >= s0 and m.end <= s1]

    def prior(self, pos: int):
        """Mentions ending at or before ``pos``, nearest first (lazily: callers mostly want one)."""
        ms = self.mentions
        for i in range(bisect.bisect_left(self.mention_starts, pos) - 1, -1, -1):
            if ms[i].end <= pos:
                yield ms[i]

    def info(self, actor_id: str) -> ActorInfo | None:
        return self.rules.actors.get(actor_id)

    def actor(self, actor_id: str) -> Actor:
        info = self.rules.actors.get(actor_id)
        return info.actor if info else self.discovered[actor_id]

    def type_of(self, actor_id: str) -> str:
        info = self.rules.actors.get(actor_id)
        return info.actor.type if info else self.discovered[actor_id].type

    def kind_of(self, actor_id: str) -> str | None:
        info = self.rules.actors.get(actor_id)
        return info.kind if info else self.kinds.get(actor_id)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sents[max(i, 0)]


def doc_day(ctx: Ctx) -> Date | None:
    """The article's date, if it has a valid one."""
    if ctx.doc.date:
        with contextlib.suppress(ValueError):
            return Date.fromisoformat(ctx.doc.date[:10])
    return None


def held_on(off, day: Date) -> bool:
    """Whether an office (``from``/``to``) was held on ``day``."""
    return (off.from_ is None or off.from_ <= day) and (off.to is None or day < off.to)


def office_body(of: str) -> str:
    """The actor id of an office's body: a state code or an actor id."""
    return state_id(of) if re.fullmatch(r"[A-Z]{3}", of) else of


def holder(ctx: Ctx, office: str, body: str | None, named_only: bool = False) -> str | None:
    """The holder of ``office`` (of ``body``) on the document's date: the one of them this document
    names elsewhere, else the only one the rules know. An undated article is read as current: only
    a holder still in office counts (the rules' only past holder may not have held it then)."""
    day = doc_day(ctx)
    candidates, current = [], []
    for actor_id, of, off in ctx.rules.holders(office):
        if body is not None and of != body:
            continue
        if day is None or held_on(off, day):
            candidates.append(actor_id)
            if off.to is None:
                current.append(actor_id)
    candidates = list(dict.fromkeys(candidates))
    in_doc = [c for c in candidates if c in ctx.named]
    if len(in_doc) == 1 or named_only:
        return in_doc[0] if len(in_doc) == 1 else None
    if day is None:  # an undated article is read as current: only a holder still in office
        candidates = list(dict.fromkeys(current))
    return candidates[0] if len(candidates) == 1 else None


def body_of_office(ctx: Ctx, person: str) -> str | None:
    """The body of the first office a listed person holds on the article's date (undated: any)."""
    info = ctx.info(person)
    if not info or not info.offices:
        return None
    day = doc_day(ctx)
    for off in info.offices:
        if day is None or held_on(off, day):
            return office_body(off.of)
    return None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def add_relation(
    ctx: Ctx, subj: str, type_: RelationType, obj: str, start: int, end: int, rule: str, negated: bool
) -> None:
    if subj == obj:
        return
    s0, s1 = ctx.sentence_of(start)
    ctx.relations.append(
        Relation(
            doc=ctx.doc.id,
            subject=actor_ref(ctx, subj),
            type=type_,
            object=actor_ref(ctx, obj),
            negated=negated,
            sentence=ctx.text[s0:s1],
            start=start,
            end=end,
            date=ctx.doc.date,
            rule=rule,
        )
    )


def actor_ref(ctx: Ctx, actor_id: str) -> ActorRef:
    """The (immutable, so shareable) reference to an actor; one per actor and document."""
    ref = ctx.refs.get(actor_id)
    if ref is None:
        a = ctx.actor(actor_id)
        ref = ctx.refs[actor_id] = ActorRef(a.id, a.name, a.type)
    return ref


def body_of(ctx: Ctx, actor_id: str) -> str | None:
    """The organisation or state an actor speaks for: itself unless it is a person."""
    if ctx.type_of(actor_id) != "Person":
        return actor_id
    return ctx.member.get(actor_id) or body_of_office(ctx, actor_id)
