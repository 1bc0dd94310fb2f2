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
import functools
import itertools
import re
from dataclasses import dataclass, field
from datetime import date as Date

from . import lexicon as lx
from ..model import Actor, ActorRef, Document, Extraction, Mention, Relation
from .rules import ActorInfo, RelationRule, RuleSet, state_id

# --- sentence and clause structure ---------------------------------------------------------

_ABBREV = {"u.s", "u.k", "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "no", "sen", "rep", "gov", "jan", "feb",
           "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "e.u", "u.n", "inc", "co"}
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9@])|\n+")
_WORD = re.compile(r"[\w’'@-]+")
_BARRIER_PUNCT = (
    r";|:\s|\s[—–]\s|,\s+(?:so|but|while|whereas|because|although|though|however|which|who|where|when|after|"
    r"before|since|explaining|adding|saying|according)\b")
_BARRIER_SPEECH = (
    r"\b(?:said|says|say|stated|states|added|adds|noted|notes|stressed|explained|told\s+\w+|emphasi[sz]ed|"
    r"emphasi[sz]es|insisted|claimed|stated|reiterated|pointed out|believes|argued)\s+that\b")
_BARRIER = re.compile(_BARRIER_PUNCT + "|" + _BARRIER_SPEECH, re.I)
_BARRIER_NO_THAT = re.compile(_BARRIER_PUNCT, re.I)  # the same where no "that" follows: far cheaper to run
_NEGATION = re.compile(
    r"\b(?:not|no|never|unlikely|neither|nor|cannot|without|won['’]t|wouldn['’]t|don['’]t|doesn['’]t|didn['’]t|"
    r"isn['’]t|aren['’]t|can['’]t|rule out|ruled out|rules out|refused to|refuses to|declined to|no plans?)\b"
    r"|n['’]t\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:if|whether|possibility of|in case|unless|in the event)\b", re.I)
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|stressed|added|adds|noted|explained|explaining|emphasi[sz]ed|"
    r"emphasi[sz]es|pointed out|reiterated|claimed|tweeted|wrote|insisted|announced|warned|described)\b", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|it|they|we|the alliance|the military alliance|the bloc|the country|her country|"
                      r"his country|their country|the ministry|the organi[sz]ation)\b", re.I)
_ROLE_NOUN = re.compile(r"\b(?:the alliance|the military alliance|the bloc|the country|her country|his country)\b")
_CONNECTOR = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|as well as\s+)(?:both\s+)?(?:the\s+)?$", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|been|being|be|get|gets|got|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
                          r"\s+(?:(?:not|never|also|even|\w+ly)\s+){0,2}$", re.I)
_PARTICIPLE = re.compile(r"(?:ed|en|sent|met|told|held|struck|hit|put|built|brought|sought|backed)$", re.I)
_BY_AGENT = re.compile(r"\s+(?:\w+ly\s+)?by\s+", re.I)
_LIST_COMMA = re.compile(r"^\s*,\s*(?:both\s+)?(?:the\s+)?$", re.I)  # a list link that is only a comma
_POSSESSIVE = re.compile(r"(?:'s|’s|')")  # used with .match(text, pos): anchored at pos
_TO_GAP = re.compile(r"\s+to\s+")
_NAME_GAP = re.compile(r"(?:\s*,)?\s+")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")
_NAME = re.compile(r"(?:@\w+|[A-Z][a-zà-ÿ’'\-]+(?:\s+(?:[A-Z][a-zà-ÿ’'\-]+|[A-Z]\.)){1,3})")
_NOT_NAMES = frozenset("""the on in to at of for and or but meets meet says said told with from by as this that these
a an new former his her its their our on monday tuesday wednesday thursday friday saturday sunday who which""".split())
_ORDINAL_UNIT = re.compile(r"(?:the\s+)?(\d{1,3}(?:st|nd|rd|th))\s+(Army|Division|Brigade|Corps|Fleet|Regiment|Battalion)\b")
_MINISTRY_OF = re.compile(r"Ministry of ((?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})")
_X_MINISTRY = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+Ministry\b")
_AFFILIATION_GAP = re.compile(r"^(?:['’]s)?\s*(?:state-run|state-owned|state|government-run|government)?\s*(?:the\s+)?$", re.I)
_TOPIC_NORMAL = {"defense": "Defence", "foreign": "Foreign Affairs", "foreign affairs": "Foreign Affairs",
                 "defence": "Defence", "interior": "Interior", "internal affairs": "Internal Affairs"}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after . ! ? before a capital (not after abbreviations), and at line breaks."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] in ".":
            prev = text[max(0, m.start() - 6): m.start()].split()[-1:] or [""]
            word = prev[0].lower().lstrip("(“\"")
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [(s + (len(text[s:e]) - len(text[s:e].lstrip())), e) for s, e in spans]


def words_between(text: str, a: int, b: int) -> int:
    """Whitespace-separated words in text[a:b] (str.split runs in C; a regex per call did not)."""
    return len(text[a:b].split()) if b > a else 0


# --- mentions ------------------------------------------------------------------------------


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
        return info.kind if info else ("ministry" if actor_id.startswith("org:") else None)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sents[max(i, 0)]


def _pick_mentions(ctx: Ctx, hits) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, int]], list[tuple[int, int, str]]]:
    """Leftmost-longest names/demonyms/titles; every cue; ministry and unit anchors."""
    names, cues, anchors = [], [], []
    last_end = -1
    for start, end, readings, cue_rules, anchor_words in hits:
        for rule in cue_rules:
            cues.append((start, end, rule))
        for word in anchor_words:
            anchors.append((start, end, word))
        if start < last_end or not readings:
            continue
        found = ctx.text[start:end]
        for kind, value, case in readings:
            if (kind == "title" or (kind == "actor" and (case is None or (
                    found[0].isupper() if case == "cap" and found[0].isalpha() else lx.case_fits(case, found))))
                    or (kind == "demonym" and found[:1].isupper())):
                names.append((start, end, kind + ":" + value))
                last_end = end
                break
    return names, _outermost(cues), anchors


def _outermost(cues: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A cue inside a longer cue is not a cue of its own: "warned" in "was warned by"."""
    inner, reach = set(), -1
    for s, e in sorted({(s, e) for s, e, _ in cues}, key=lambda span: (span[0], -span[1])):
        if e <= reach:  # an earlier span starts no later and ends no sooner: this one is inside it
            inner.add((s, e))
        reach = max(reach, e)
    return [c for c in cues if (c[0], c[1]) not in inner]


def _holder(ctx: Ctx, office: str, body: str | None) -> str | None:
    """The holder of ``office`` (of ``body``) on the document's date; without a date, the holder this
    document names elsewhere, or the only holder the rules know."""
    day = None
    if ctx.doc.date:
        try:
            day = Date.fromisoformat(ctx.doc.date[:10])
        except ValueError:
            day = None
    candidates = []
    for actor_id, of, off in ctx.rules.holders(office):
        if body is not None and of != body:
            continue
        if day is None or ((off.from_ is None or off.from_ <= day) and (off.to is None or day < off.to)):
            candidates.append(actor_id)
    candidates = list(dict.fromkeys(candidates))
    if len(candidates) == 1:
        return candidates[0]
    in_doc = [c for c in candidates if c in ctx.named]
    return in_doc[0] if len(in_doc) == 1 else None


def _body_of_office(ctx: Ctx, person: str) -> str | None:
    info = ctx.info(person)
    if not info or not info.offices:
        return None
    day = None
    if ctx.doc.date:
        try:
            day = Date.fromisoformat(ctx.doc.date[:10])
        except ValueError:
            pass
    for off in info.offices:
        if day is None or ((off.from_ is None or off.from_ <= day) and (off.to is None or day < off.to)):
            return state_id(off.of) if re.fullmatch(r"[A-Z]{3}", off.of) else off.of
    return None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _discover_person(ctx: Ctx, name: str) -> str:
    known = ctx.rules.person_named(name)
    if known is not None:
        return known
    actor_id = "person:" + _slug(name)
    if actor_id not in ctx.discovered and actor_id not in ctx.rules.actors:
        surname = name.split()[-1]
        ctx.discovered[actor_id] = Actor(actor_id, name, "Person", (surname,) if surname != name else ())
    return actor_id


def _relation(ctx: Ctx, subj: str, type_: str, obj: str, start: int, end: int, rule: str, negated: bool) -> None:
    if subj == obj:
        return
    s0, s1 = ctx.sentence_of(start)
    ctx.relations.append(Relation(
        doc=ctx.doc.id, subject=_ref(ctx, subj), type=type_, object=_ref(ctx, obj), negated=negated,
        sentence=ctx.text[s0:s1], start=start, end=end, date=ctx.doc.date, rule=rule,
    ))


def _ref(ctx: Ctx, actor_id: str) -> ActorRef:
    """The (immutable, so shareable) reference to an actor; one per actor and document."""
    ref = ctx.refs.get(actor_id)
    if ref is None:
        a = ctx.actor(actor_id)
        ref = ctx.refs[actor_id] = ActorRef(a.id, a.name, a.type)
    return ref


def _titles(ctx: Ctx, raw: list[tuple[int, int, str]]) -> list[M]:
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
        aff = out[-1] if out and not out[-1].absorbed and _AFFILIATION_GAP.match(text[out[-1].end:start]) \
            and ctx.type_of(out[-1].actor) in ("State", "Organisation") and out[-1].end >= start - 4 else None
        pos = end
        m_to = _TO_GAP.match(text, pos)
        if m_to and i + 1 < len(raw) and raw[i + 1][0] == m_to.end() and raw[i + 1][2].split(":")[0] == "actor":
            pos = raw[i + 1][1]  # "Ambassador to Moscow": the place is part of the title
            i += 1
        gap = _NAME_GAP.match(text, pos)
        name_at = gap.end() if gap else pos
        person = None
        name_end = name_at
        if i + 1 < len(raw) and raw[i + 1][0] == name_at and raw[i + 1][2].startswith("actor:") \
                and ctx.type_of(raw[i + 1][2][6:]) == "Person":
            person, name_end = raw[i + 1][2][6:], raw[i + 1][1]
            i += 1
        else:
            m_name = _NAME.match(text, name_at)
            if m_name and m_name.group(0).split()[0].lower() not in _NOT_NAMES \
                    and not any(w.lower() in _NOT_NAMES for w in m_name.group(0).split()[1:]) \
                    and (i + 1 >= len(raw) or raw[i + 1][0] >= m_name.end()):
                person, name_end = _discover_person(ctx, m_name.group(0)), m_name.end()
        slot_start = aff.s if aff else start
        if person is None:
            body = aff.actor if aff else None
            person = _holder(ctx, value, body) if body else None
            if person is None:
                i += 1
                continue
            m = M(start, end, person, slot_start=slot_start)
        else:
            m = M(name_at, name_end, person, slot_start=slot_start)
        if aff:
            aff.absorbed = True
            ctx.member.setdefault(person, aff.actor)
            _relation(ctx, person, "MEMBER_OF", aff.actor, slot_start, m.end, "member-of-title", False)
        out.append(m)
        i += 1
    return out


def _organisations(ctx: Ctx, mentions: list[M], anchors) -> list[M]:
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
        if ctx.type_of(m.actor) == "State" and re.fullmatch(r"(?:['’]s)?\s*(?:the\s+)?", ctx.text[m.end:pos]):
            return m
    return None


def _ministry(ctx: Ctx, mentions, starts, a_start: int, a_end: int) -> M | None:
    text = ctx.text
    m_of = _MINISTRY_OF.match(text, a_start)
    if m_of:
        topic, end = m_of.group(1), m_of.end()
        after = _OF_GAP.match(text, end)
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
        topic = re.fullmatch(r"(?:['’]s)?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+", text[mentions[i].end:a_start])
        if topic:
            return _make_ministry(ctx, mentions[i], topic.group(1), mentions[i].end, a_end)
    return None


def _make_ministry(ctx: Ctx, state: M, topic: str, start: int, end: int) -> M:
    info = ctx.info(state.actor)
    topic_n = _TOPIC_NORMAL.get(topic.lower(), topic)
    demonym = info.demonyms[0] if info and info.demonyms else ctx.actor(state.actor).name
    name = f"{demonym} Ministry of {topic_n}"
    known = ctx.rules.by_name(name)
    if known and known.actor.type == "Organisation":
        org = known.actor.id
    else:
        org = f"org:{state.actor.split(':')[-1]}-ministry-of-{_slug(topic_n)}"
        ctx.discovered.setdefault(org, Actor(org, name, "Organisation", (f"{ctx.actor(state.actor).name} Ministry of {topic_n}",)))
    state.absorbed = True
    ctx.member.setdefault(org, state.actor)
    _relation(ctx, org, "MEMBER_OF", state.actor, min(state.s, start), end, "member-of-name", False)
    return M(start, end, org, slot_start=min(state.s, start))


def _unit(ctx: Ctx, mentions, starts, a_start: int, a_end: int) -> M | None:
    text = ctx.text
    m = re.search(r"(\d{1,3}(?:st|nd|rd|th))\s+$", text[max(0, a_start - 12):a_start])
    if not m:
        return None
    start = a_start - len(m.group(0))
    i = bisect.bisect_left(starts, start) - 1
    if i < 0:
        return None
    st = mentions[i]
    if ctx.type_of(st.actor) != "State" or not re.fullmatch(r"(?:['’]s)?\s*", text[st.end:start]):
        return None
    info = ctx.info(st.actor)
    demonym = info.demonyms[0] if info and info.demonyms else ctx.actor(st.actor).name
    name = f"{demonym} {m.group(1)} {text[a_start:a_end].capitalize()}"
    org = f"org:{st.actor.split(':')[-1]}-{_slug(m.group(1))}-{text[a_start:a_end].lower()}"
    ctx.discovered.setdefault(org, Actor(org, name, "Organisation", (f"{m.group(1)} {text[a_start:a_end].capitalize()}",)))
    st.absorbed = True
    ctx.member.setdefault(org, st.actor)
    _relation(ctx, org, "MEMBER_OF", st.actor, st.s, a_end, "member-of-name", False)
    return M(start, a_end, org, slot_start=st.s)


def _affiliations(ctx: Ctx, mentions: list[M]) -> None:
    """'Russia's Channel One', 'Russian state-run Tass', 'the UK Ministry of Defence': an organisation
    the text ties to a state is MEMBER_OF it."""
    text = ctx.text
    for prev, m in zip(mentions, mentions[1:]):
        if ctx.type_of(m.actor) != "Organisation" or ctx.kind_of(m.actor) in ("alliance", "international"):
            continue
        if ctx.type_of(prev.actor) == "State" and not prev.absorbed and _AFFILIATION_GAP.match(text[prev.end:m.start]) \
                and m.start - prev.end <= 16 and (prev.demonym or re.match(r"['’]s", text[prev.end:m.start])
                                                  or "state" in text[prev.end:m.start].lower()):
            prev.absorbed = True
            m.slot_start = prev.s
            ctx.member.setdefault(m.actor, prev.actor)
            _relation(ctx, m.actor, "MEMBER_OF", prev.actor, prev.s, m.end, "member-of-affiliation", False)
    for m in mentions:
        info = ctx.info(m.actor)
        if info and info.member_of and info.actor.type == "Organisation":
            body = ctx.info(info.member_of)
            surface = ctx.text[m.start:m.end]
            if body and any(re.search(rf"\b{re.escape(n)}\b", surface) for n in (body.actor.name, *body.actor.aliases, *body.demonyms)):
                ctx.member.setdefault(m.actor, info.member_of)
                _relation(ctx, m.actor, "MEMBER_OF", info.member_of, m.start, m.end, "member-of-affiliation", False)


_NAMED_THING = re.compile(r"\s+(?:[A-Z]\w*|summit|talks|wall|agreement|accords?|process)\b")
_HEAD_WORD = re.compile(r"(?:\s+combat)?\s+([a-z][a-z\-]+)")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|across|throughout|within|occurred in|such as)\s+(?:the\s+)?$", re.I)


def _mark_roles(ctx: Ctx, mentions: list[M]) -> None:
    """Demonyms that name no acting state are weak; actors before a noun they modify are modifiers;
    capitals inside a longer name ("Berlin Wall", "Bucharest summit") and places listed after
    "in" ("occurred in Afghanistan, Libya") are places, not actors."""
    low = ctx.lowered
    place_run = False
    for prev, m in zip([None] + mentions[:-1], mentions):
        info = ctx.info(m.actor)
        surface = ctx.text[m.start:m.end]
        if info and info.capital == surface and _NAMED_THING.match(ctx.text, m.end, m.end + 20):
            m.weak = True
            continue
        if ctx.type_of(m.actor) == "State" and not m.absorbed:
            joined = prev is not None and place_run and _CONNECTOR.match(ctx.text[prev.end:m.s])
            place_run = bool(_PLACE_BEFORE.search(ctx.text[max(0, m.s - 24):m.s])) or bool(joined)
            m.place = place_run
        else:
            place_run = False

        nxt = _HEAD_WORD.match(low, m.end, m.end + 30)
        head = nxt.group(1) if nxt else ""
        if m.demonym and not m.absorbed:
            m.weak = head not in lx.ACTING_HEADS and not head.startswith("border")
        if head in lx.MODIFIER_HEADS and not _POSSESSIVE.match(ctx.text, m.end) \
                and not (m.demonym and head.startswith("border")):
            m.modifier = True


def _doc_aliases(ctx: Ctx, mentions: list[M]) -> list[M]:
    """Surnames of people discovered in this document find their later mentions."""
    if not ctx.discovered:
        return mentions
    extra = []
    taken = sorted((m.s, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))  # furthest end among spans so far
    for actor in ctx.discovered.values():
        if actor.type != "Person":
            continue
        for alias in actor.aliases:
            for mm in re.finditer(rf"\b{re.escape(alias)}\b", ctx.text):
                i = bisect.bisect_right(starts, mm.start())
                if not (i and reach[i - 1] > mm.start()):  # inside no mention already taken
                    extra.append(M(mm.start(), mm.end(), actor.id))
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


# --- slots ---------------------------------------------------------------------------------


class Slots:
    """Finds the actors around a cue within one sentence."""

    def __init__(self, ctx: Ctx, sent: tuple[int, int], args: list[M]):
        self.ctx, self.sent, self.args = ctx, sent, args
        self.text = ctx.text
        self._speaker: tuple | None = None
        self._everyone: list[M] | None = None

    @property
    def everyone(self) -> list[M]:
        """Every mention in the sentence, also those that cannot fill a slot by themselves."""
        if self._everyone is None:
            self._everyone = self.ctx.in_span(*self.sent)
        return self._everyone

    def _clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: after the last barrier ("; ", ", but", "said
        that") before it. The sentence's barriers are found once and shared by all its cues."""
        ends = self.ctx.barriers.get(self.sent[0])
        if ends is None:
            s0, s1 = self.sent
            barrier = _BARRIER if self.ctx.lowered.find("that", s0, s1) >= 0 else _BARRIER_NO_THAT
            ends = self.ctx.barriers[s0] = [(m.end(), m.end()) for m in barrier.finditer(self.text, s0, s1)]
        i = bisect.bisect_right(ends, (pos, pos))
        return ends[i - 1][0] if i else self.sent[0]

    def group_left(self, m: M) -> list[M]:
        """``m`` and the actors coordinated before it ("the US, the UK and France"; in headlines
        "NATO, UK will support"). A place and a comma open a clause instead ("In Moscow, Lavrov")."""
        group, idx = [m], self.args.index(m)
        while idx > 0 and _CONNECTOR.match(gap := self.text[self.args[idx - 1].end:group[0].s]) \
                and self.args[idx - 1].end > self.sent[0]:
            if self.args[idx - 1].place and _LIST_COMMA.match(gap):
                break
            idx -= 1
            group.insert(0, self.args[idx])
        return group

    def group_right(self, m: M) -> list[M]:
        """``m`` and the actors coordinated after it; members joined only by a trailing comma are
        dropped ("tanks to Ukraine, Chancellor Olaf Scholz announced" is not a list)."""
        group, idx, commas = [m], self.args.index(m), []
        while idx + 1 < len(self.args) and _CONNECTOR.match(
                gap := self.text[group[-1].end:self.args[idx + 1].s].replace("’s", "").replace("'s", "")) \
                and self.args[idx + 1].s < self.sent[1]:
            idx += 1
            group.append(self.args[idx])
            commas.append(bool(_LIST_COMMA.match(gap)))
        while commas and commas[-1]:
            commas.pop()
            group.pop()
        return group

    def before(self, pos: int, gap: int, barrier: bool = True, acting: bool = False) -> list[M]:
        """The nearest actor (or coordinated actors) before ``pos`` in its clause; ``acting``: as the
        subject of a verb, where a place set off by a comma ("In Madrid, ...") does not act."""
        lo = self._clause_start(pos) if barrier else self.sent[0]
        best = None
        for m in self.args:
            if lo <= m.s and m.end <= pos and not (acting and m.place and self.text.startswith(",", m.end)):
                best = m
        pron = self._pronoun(best.end if best else lo, pos)
        if pron is not None and (words_between(self.text, pron.end, pos) <= 3
                                 or not re.fullmatch(r"he|she|it|they|we", self.ctx.lowered[pron.start:pron.end])):
            best = pron
        if best is None or words_between(self.text, best.end, pos) > gap:
            return []
        if re.search(r"[”\"]\s*$|\bbut\b", self.text[best.end:pos]):
            return []
        return self.group_left(best) if not best.pronoun else [best]

    def after(self, pos: int, gap: int) -> list[M]:
        first = next((m for m in self.args if m.s >= pos and m.end <= self.sent[1]), None)
        role = self._role_noun(pos, first.s if first else self.sent[1])
        if role is not None:
            first = role
        if first is None or words_between(self.text, pos, first.s) > gap:
            return []
        between = self.text[pos:first.s]
        if re.search(r"[;”\"]|\bbut\b", between):
            return []
        return self.group_right(first) if not first.pronoun else [first]

    def _role_noun(self, lo: int, hi: int) -> M | None:
        """'the alliance', 'the country' as an object: the actor they refer to."""
        m = _ROLE_NOUN.search(self.ctx.lowered, lo, hi)
        if m is None:
            return None
        target = resolve_pronoun(self.ctx, m.group(0), m.start(), self)
        return M(m.start(), m.end(), target, pronoun=True) if target else None

    def _pronoun(self, lo: int, hi: int) -> M | None:
        last = None
        for p in _PRONOUN.finditer(self.ctx.lowered, lo, hi):
            last = p
        if last is None:
            return None
        target = resolve_pronoun(self.ctx, last.group(0), last.start(), self)
        if target is None:
            return None
        return M(last.start(), last.end(), target, pronoun=True)

    def speaker(self) -> str | None:
        """Who speaks in this sentence: 'X said', 'said X', 'according to X', a headline 'X: ...'."""
        if self._speaker is None:
            self._speaker = (self._find_speaker(),)
        return self._speaker[0]

    def _find_speaker(self) -> str | None:
        text, (s0, s1) = self.text, self.sent
        head = re.match(r"\s*([^:]{2,40}):\s", text[s0:s1])
        if head:
            for m in self.args:
                if m.s == s0 + head.start(1) and m.end == s0 + head.end(1):
                    return m.actor
        everyone = [m for m in self.everyone if not m.weak]
        for sp in _SPEECH.finditer(text, s0, s1):
            before = [m for m in everyone if m.end <= sp.start() and words_between(text, m.end, sp.start()) <= 4
                      and not re.search(r"[.“”\"]", text[m.end:sp.start()])]
            pron = self._pronoun(before[-1].end if before else max(s0, sp.start() - 30), sp.start())
            if pron is not None and words_between(text, pron.end, sp.start()) <= 2:
                return pron.actor
            if before:
                return before[-1].actor
            after = [m for m in everyone if m.s >= sp.end() and words_between(text, sp.end(), m.s) <= 2]
            if after:
                return after[0].actor
        acc = re.search(r"\baccording to\s+", text[s0:s1], re.I)
        if acc:
            for m in everyone:
                if m.s >= s0 + acc.end():
                    return m.actor
        return None

    def speaker_body(self) -> str | None:
        who = self.speaker()
        if who is None:
            return None
        return body_of(self.ctx, who)


def body_of(ctx: Ctx, actor_id: str) -> str | None:
    """The organisation or state an actor speaks for: itself unless it is a person."""
    if ctx.type_of(actor_id) != "Person":
        return actor_id
    return ctx.member.get(actor_id) or _body_of_office(ctx, actor_id)


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
            first = next((m for m in ctx.in_span(p0, p1) if not m.weak and not m.pronoun and m.end <= pos
                          and ctx.type_of(m.actor) in want and not m.absorbed and ctx.kind_of(m.actor) != "media"), None)
            if first is not None:
                return first.actor
    if w in ("he", "she"):
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
        return next((m.actor for m in prior if ctx.type_of(m.actor) in ("State", "Organisation")
                     and not m.absorbed and ctx.kind_of(m.actor) != "media"), None)
    if w == "they":
        for b, a in zip(nearest, nearest[1:]):
            if _CONNECTOR.match(ctx.text[a.end:b.s]) and ctx.type_of(b.actor) != "Person":
                return None  # a group: callers that can use groups handle "they" themselves
        return next((m.actor for m in nearest if ctx.type_of(m.actor) in ("State", "Organisation")), None)
    return None


def _they_group(ctx: Ctx, pos: int) -> list[str]:
    group: list[M] = []
    for a in (m for m in ctx.prior(pos) if not m.weak and not m.pronoun and not m.absorbed):
        if group and not _CONNECTOR.match(ctx.text[a.end:group[0].s]):
            break
        group.insert(0, a)
    return [m.actor for m in group] if len(group) > 1 else []


# --- relation rules ------------------------------------------------------------------------


def _window_has(text: str, words: list[str], a: int, b: int) -> bool:
    if not words or b <= a:
        return False
    return _words_pattern(tuple(words)).search(text, a, b) is not None


@functools.lru_cache(maxsize=1024)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One compiled alternation per word list of a rule (rules are data; compile each list once)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def _n_words_after(text: str, pos: int, n: int, limit: int) -> int:
    end = pos
    for i, m in enumerate(_WORD.finditer(text, pos, limit)):
        end = m.end()
        if i + 1 >= n:
            break
    return end


def _n_words_before(text: str, pos: int, n: int, limit: int) -> int:
    found = [m.start() for m in _WORD.finditer(text, limit, pos)]
    return found[-n] if len(found) >= n else limit


def _apply_rule(ctx: Ctx, rule: RelationRule, cue: tuple[int, int], slots: Slots) -> None:
    text, (s0, s1) = ctx.text, slots.sent
    c0, c1 = cue
    if rule.requires and not _window_has(text, rule.requires, c1, _n_words_after(text, c1, rule.requires_window, s1)):
        return
    if rule.requires_before and not _window_has(text, rule.requires_before, _n_words_before(text, c0, rule.requires_window, s0), c1):
        return
    if rule.subject == "before" and re.search(r"['’]s\s+$", text[max(s0, c0 - 4):c0]):
        return  # "Russia's demands": a noun, not the verb
    if rule.subject == "before" and rule.object == "after" and _PARTICIPLE.search(text, c0, c1) \
            and _PASSIVE_AUX.search(text, max(s0, c0 - 24), c0):  # "was criticised", not "are sending"
        _apply_passive(ctx, rule, cue, slots)
        return
    objects, anchor = _objects(ctx, rule, cue, slots)
    if not objects and not rule.pairwise:
        return
    subjects = _subjects(ctx, rule, cue, slots, anchor)
    if not subjects:
        return
    if rule.pairwise and not objects:
        if len(subjects) < 2:
            return
        objects = subjects[1:]
        subjects = subjects[:1]
    if rule.exclude_object_kinds:
        objects = [o for o in objects if ctx.kind_of(o.actor) not in rule.exclude_object_kinds]
    clause = slots._clause_start(min(c0, subjects[0].s if subjects[0].s < c0 else c0))
    if _hypothetical(text, clause, c0):
        return
    negated = rule.negated or bool(_NEGATION.search(text, clause, c0)) or bool(
        _NEGATION.match(text[c1:c1 + 12].lstrip()))
    _emit(ctx, rule, subjects, objects, cue, negated)


def _emit(ctx: Ctx, rule: RelationRule, subjects: list[M], objects: list[M], cue, negated: bool) -> None:
    c0, c1 = cue
    for subj in subjects:
        for obj in objects:
            if rule.type == "MEETS" and ctx.type_of(obj.actor) == "State" and ctx.type_of(subj.actor) == "Person":
                continue
            if rule.type != "MEMBER_OF" and ctx.type_of(subj.actor) == "Person" and body_of(ctx, subj.actor) == obj.actor:
                continue  # "Blinken warned that Washington would ...": nobody acts on their own side
            start = min(subj.s, obj.s, c0)
            end = max(subj.end, obj.end, c1)
            _relation(ctx, subj.actor, rule.type, obj.actor, start, end, rule.id, negated)


def _apply_passive(ctx: Ctx, rule: RelationRule, cue: tuple[int, int], slots: Slots) -> None:
    """'Australia was criticised by France': the agent after "by" is the subject, the actor before
    the auxiliary the object. Without a "by" agent the text names no subject and nothing is given."""
    text = ctx.text
    c0, c1 = cue
    by = _BY_AGENT.match(text, c1, slots.sent[1])
    if by is None:
        return
    subjects = slots.after(by.end(), 1)
    objects = slots.before(c0, rule.gap, acting=True)
    if not subjects or not objects:
        return
    clause = slots._clause_start(objects[0].s)
    if _hypothetical(text, clause, c0):
        return
    negated = rule.negated or bool(_NEGATION.search(text, clause, c0))
    _emit(ctx, rule, subjects, objects, cue, negated)


def _hypothetical(text: str, lo: int, hi: int) -> bool:
    last = None
    for m in _HYPOTHETICAL.finditer(text, lo, hi):
        last = m
    return last is not None and "," not in text[last.end():hi]


def _objects(ctx: Ctx, rule: RelationRule, cue, slots: Slots) -> tuple[list[M], int]:
    text = ctx.text
    c0, c1 = cue
    kind = rule.object
    if kind == "after":
        objs = slots.after(c1, rule.gap)
        if rule.object_prep and objs and not _window_has(text, rule.object_prep, c1, objs[0].s):
            objs = []
        if rule.also_that_clauses and objs:
            for m in slots.args:
                if m.s > objs[-1].end and re.search(r"\bthat\s+(?:the\s+)?$", text[max(c1, m.s - 12):m.s]) \
                        and m not in objs:
                    objs.append(m)
        return objs, c0
    if kind == "before":
        return slots.before(c0, rule.gap), c0
    if kind == "before_adjacent":
        for m in slots.everyone:
            if m.end <= c0 and re.fullmatch(r"\s*", text[m.end:c0]):
                return [m], m.s
        its = re.search(r"\bits\s+$", text[max(0, c0 - 8):c0])
        if its:
            target = resolve_pronoun(ctx, "it", c0 - len(its.group(0)), slots)
            if target:
                return [M(c0 - len(its.group(0)), c0, target, pronoun=True)], c0 - len(its.group(0))
        return [], c0
    if kind == "member_contrast":
        for m in slots.everyone:
            if re.match(r"\s+member\b", text[m.end:m.end + 10]) \
                    and ctx.type_of(m.actor) == "Organisation":
                return [m], c0
        return [], c0
    if kind == "speaker":
        who = slots.speaker()
        return ([M(c0, c1, who, pronoun=True)] if who else []), c0
    return [], c0


def _subjects(ctx: Ctx, rule: RelationRule, cue, slots: Slots, anchor: int) -> list[M]:
    text = ctx.text
    c0, c1 = cue
    kind = rule.subject
    found: list[M] = []
    if kind == "before":
        found = slots.before(anchor, rule.gap, acting=True)
        if found and found[0].pronoun and text[found[0].start:found[0].end].lower() == "they":
            group = _they_group(ctx, found[0].start)
            if group:
                found = [M(found[0].start, found[0].end, a, pronoun=True) for a in group]
        if rule.copula and found and not re.search(r"\b(?:is|are|was|were|remains|remain)\b|['’]s\b", text[found[-1].end:anchor]):
            found = []
    elif kind == "after":
        found = slots.after(c1, rule.gap)
    elif kind == "speaker":
        who = slots.speaker()
        found = [M(c0, c0, who, pronoun=True)] if who else []
    elif kind == "modifier_after":
        for m in slots.everyone:
            if m.s >= c1 and words_between(text, c1, m.s) <= 1:
                if re.match(r"(?:\s+combat|\s+ground)?\s+(?:troops|soldiers|forces)\b", text[m.end:m.end + 30], re.I):
                    found = [m]
                break
    elif kind == "possessor_after":
        for m in slots.args + [x for x in slots.everyone if x.modifier]:
            if m.s >= c1 and words_between(text, c1, m.s) <= 1 and _POSSESSIVE.match(text, m.end):
                found = [m]
                break
    elif kind == "troop_modifier":
        troop = re.compile(r"\s+(?:troops?|soldiers|forces|servicemen)\b", re.I)
        cands = [m for m in slots.everyone if troop.match(text, m.end, m.end + 16)]
        before = [m for m in cands if m.end <= c0 and words_between(text, m.end, c0) <= rule.gap]
        after = [m for m in cands if m.s >= c1 and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[c1:m.s])]
        found = before[-1:] or after[:1]
    if not found and rule.fallback_subject:
        who = slots.speaker_body() if rule.fallback_subject == "speaker_body" else slots.speaker()
        if who:
            found = [M(c0, c0, who, pronoun=True)]
    return found


# --- the whole document --------------------------------------------------------------------


def extract(rules: RuleSet, doc: Document) -> Extraction:
    """Mentions and relations of one document. Pure: no I/O, deterministic."""
    text = doc.text
    ctx = Ctx(rules, doc, text, lx.lower_same_length(text))
    ctx.sents = sentences(text)
    ctx.sent_starts = [s for s, _ in ctx.sents]
    if not ctx.sents:
        return Extraction(document=doc)
    raw, cues, anchors = _pick_mentions(ctx, lx.scan(rules.lexicon, text, ctx.lowered))
    ctx.named = {tag[6:] for _, _, tag in raw if tag.startswith("actor:")}
    mentions = _titles(ctx, raw)
    ctx.set_mentions(mentions)
    mentions = _organisations(ctx, mentions, anchors)
    mentions = _doc_aliases(ctx, mentions)
    ctx.set_mentions(sorted(mentions, key=lambda m: m.start))
    _affiliations(ctx, mentions)
    _mark_roles(ctx, mentions)
    _relations(ctx, cues)
    return _result(ctx)


def _relations(ctx: Ctx, cues) -> None:
    if not cues:
        return
    args_all = [m for m in ctx.mentions if not m.weak and not m.absorbed and not m.modifier]
    starts = [m.s for m in args_all]
    for c0, c1, rule_index in cues:
        rule = ctx.rules.relations[rule_index]
        sent = ctx.sentence_of(c0)
        lo = bisect.bisect_left(starts, sent[0])
        hi = bisect.bisect_right(starts, sent[1])
        slots = Slots(ctx, sent, args_all[lo:hi])
        _apply_rule(ctx, rule, (c0, c1), slots)


def _result(ctx: Ctx) -> Extraction:
    mentions, actors = [], {}
    acting = {m.actor for m in ctx.mentions if not (m.weak or m.pronoun or m.place)}
    for m in ctx.mentions:
        if m.weak or m.pronoun or m.actor not in acting:
            continue
        ref = _ref(ctx, m.actor)
        actors.setdefault(ref.id, None)
        mentions.append(Mention(ctx.doc.id, ref, m.start, m.end, ctx.text[m.start:m.end]))
    seen, relations = set(), []
    for r in ctx.relations:
        key = (r.subject.id, r.type, r.object.id, r.negated, r.start)
        if key in seen:
            continue
        seen.add(key)
        relations.append(r)
        actors.setdefault(r.subject.id, None)
        actors.setdefault(r.object.id, None)
    return Extraction(document=ctx.doc, mentions=tuple(mentions), relations=tuple(relations),
                      actors=tuple(ctx.actor(a) for a in sorted(actors)))
