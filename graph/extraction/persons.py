"""People recognised from their context, not only looked up.

A capitalised name is a Person where the text says so: a title or role before it ("Qatari Foreign
Minister X", "US special envoy to the region X", "President X", "Col. X", "Mr X"), an apposition
either way ("X, the US ambassador to the UN"; "Taiwan's foreign minister, X"; "the president of
Brazil, X"), or the subject of a speech verb ("X said", "said X", "according to X"). The title
names the person's state or organisation, before it ("Iran's", "Qatari", "the EU's", "US",
adjectives between: "the US deputy secretary of state") or after it ("the president of Niger"); the
person is ``MEMBER_OF`` it. A title alone ("the NATO Secretary General") stands for the office
holder on the article's date, and only where the rule pack knows who held the office then.
"""

from __future__ import annotations

import re

from ..model import Actor
from .context import Ctx, M, holder, slug
from .membership import bind, state_left_open
from .names import NOT_NAME, ORG_HEADS, person_at, person_before, surname_keys, words

#: Words that may stand between an affiliation and its title: "the US *deputy* secretary of state",
#: "Russia's *chief* representative", "Houthi *senior* official", "EU *foreign affairs* chief".
TITLE_MODIFIERS = words(
    """
    top senior chief special deputy acting former new nuclear climate foreign affairs policy
    trade energy security military defence defense intelligence first second vice assistant
    under lead leading veteran interim outgoing incoming elected then permanent presidential
    regional personal main principal current longtime long-time powerful influential hardline de
    facto self-declared transitional military-led state national authoritarian embattled
    incumbent ousted deposed exiled populist nationalist right-wing left-wing conservative
    socialist newly political military spiritual religious opposition
    """
)
AFFILIATION_GAP = re.compile(
    r"(?:['’]s?)?\s*(?:state-run|state-owned|state|government-run|government)?\s*(?:the\s+)?"
    r"((?:[a-z][a-z-]*\s+){0,3})$"
)
#: A body's description between it and its possessive: "the SBU security service's deputy head".
DESCRIBED_GAP = re.compile(
    r"\s+(?:[a-z][a-z-]*\s+){0,3}(?:service|agency|ministry|council|force|forces|army|organi[sz]ation|body|"
    r"watchdog|bloc|alliance|group|movement|party|militia|court|bank|commission)['’]s?\s+((?:[a-z][a-z-]*\s+){0,3})$"
)
#: What may follow a title before the name: "to the UN", "for Iran", "in Taiwan", "at the talks",
#: "to the region"; a comma or a parenthesis then opens the name.
COMPLEMENT = re.compile(r"\s+(?:to|for|in|at|on)\s+(?:the\s+)?")
OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")
FIRST_NAME = r"[A-ZÀ-Þ][a-zà-ÿ'’-]+"
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:(?:top|senior|chief|special|deputy|longtime|long-time|personal|close)\s+)?")
#: "of Russia's delegation", "of the bloc's team": what the affiliation owns before the name comes.
POSSESSED = re.compile(r"['’]s?\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?(?=[\s,]+[A-Z])")
#: "the EU official who chairs the talks, X": a relative clause between a title and the name.
RELATIVE = re.compile(r"\s+who\s+(?:[a-z][\w’'-]*\s+){0,5}?[a-z][\w’'-]*(?=\s*,\s)")
NAME_GAP = re.compile(r"(?:\s*,)?\s+|\s*\(\s*")
LOWER_WORDS = re.compile(r"(?:[a-z][\w’'-]*\s+){0,3}?[a-z][\w’'-]*(?=\s*,\s|\s+[A-Z])")
APPOSITION_BEFORE = re.compile(r",\s*(?:the\s+|a\s+|an\s+|his\s+|her\s+)?$")
#: Regions that a title's complement names ("special envoy for the Middle East"): not part of a name.
REGIONS = re.compile(
    r"(?:Middle East|Near East|Horn of Africa|Sahel|Great Lakes(?: region)?|Indo-Pacific|Asia-Pacific|"
    r"Western Balkans|Balkans|Persian Gulf|Gulf|Red Sea|South China Sea|Black Sea|Baltic|Caucasus|"
    r"South Caucasus|Central Asia|Latin America|Africa|Europe|Asia|Arctic|Pacific|Syria|Ukraine|"
    r"Iran|Afghanistan|Sudan|Yemen|Libya|Gaza|Korea|North Korea)\b\s*"
)
#: Offices whose holders the title alone does not bind to the sentence's state.


def discover_person(ctx: Ctx, name: str) -> str:
    """The id of the person named ``name``: a listed one, one already found in this document under a
    longer name ("Frost" after "David Frost"), or a new one."""
    name = name.strip()
    known = ctx.rules.person_named(name)
    if known is not None:
        return known
    if " " not in name:
        found = ctx.surnames.get(name)
        if found:
            return found
    actor_id = "person:" + slug(name)
    if actor_id not in ctx.discovered and actor_id not in ctx.rules.actors:
        ctx.discovered[actor_id] = Actor(actor_id, name, "Person", surname_keys(name))
        for key in surname_keys(name):
            ctx.surnames.setdefault(key, actor_id)
    return actor_id


def titles(ctx: Ctx, items: list[M]) -> tuple[list[M], list[M]]:
    """Join title constructions: ``items`` are the document's mentions in text order with its title
    hits among them (``actor`` "title:<office>"); the result has a Person mention for each title
    that names or stands for one, and every other mention unchanged; and the people whose title
    said nothing of whom they serve (see ``bind_to_sentence_state``)."""
    out: list[M] = []
    unbound: list[M] = []  # people a title names without saying whose
    text = ctx.text
    i = 0
    carried: M | None = None  # an affiliation carried over a title that another title follows
    while i < len(items):
        t = items[i]
        if not t.actor.startswith("title:"):
            out.append(t)
            i += 1
            carried = None
            continue
        start, end, office = t.start, t.end, t.actor[6:]
        aff = carried or _affiliation_before(ctx, out, start)
        carried = None
        nxt = items[i + 1] if i + 1 < len(items) else None
        # "chief representative", "deputy head": a title right before another title hands it its affiliation
        if nxt and nxt.actor.startswith("title:") and re.fullmatch(r",?\s+(?:[a-z-]+\s+){0,2}", text[end : nxt.start]):
            carried = aff
            i += 1
            continue
        pos, j, after_aff = _complement(ctx, items, i, end)
        person, name_at, name_end, k = _name_after(ctx, items, j, pos)
        if person is None and j > i:  # "officials in Warsaw warned": no name, the place is no complement
            person, name_at, name_end, k = _name_after(ctx, items, i, end)
            if person is not None and j > k:
                after_aff = None
            if person is None:
                k = j if after_aff is not None else i  # "X, director of GRU": keep the "of" for the apposition
        if after_aff is not None:
            out.append(after_aff)
            aff = aff or after_aff
        i = k
        if aff is None and person is not None:  # "President X of Venezuela"
            of = OF_AFTER.match(text, name_end)
            nxt = items[i + 1] if i + 1 < len(items) else None
            if of and nxt and nxt.start == of.end() and ctx.type_of(nxt.actor) == "State":
                aff = nxt
        slot_start = aff.s if aff and aff.s < start else start
        if person is None:
            before = _apposition_before(ctx, out, slot_start)
            if before is not None:
                person, name_at, name_end = before
                slot_start = name_at
        if person is None:
            body = aff.actor if aff else None
            # "the NATO Secretary General": the holder on the date; "the PM" alone: one the text names
            person = holder(ctx, office, body) if body else holder(ctx, office, None, named_only=True)
            if person is None and office == "leader" and body:  # "the French leader": whoever leads it
                person = _leading(ctx, body)
            if person is None:
                i += 1
                continue
            m = M(start, end, person, slot_start=slot_start)
        else:
            m = M(name_at, name_end, person, slot_start=min(slot_start, name_at))
        bind(ctx, m, person, office, aff, slot_start)
        if state_left_open(ctx, person) and office not in ("honorific", "counterpart"):
            unbound.append(m)
        _drop_inside(out, m)
        out.append(m)
        i += 1
    out.sort(key=lambda x: x.start)
    return out, unbound


#: The offices "the X leader" may mean where X has no office named leader in the rule pack.
_HEADS_OF = ("president", "prime-minister", "chancellor")


def _leading(ctx: Ctx, body: str) -> str | None:
    """'The French leader': the one holder of a head of state's or government's office of ``body``
    on the article's date whom the document names (which of them leads varies by state)."""
    found = {p for office in _HEADS_OF if (p := holder(ctx, office, body, named_only=True))}
    return found.pop() if len(found) == 1 else None


def _drop_inside(out: list[M], m: M) -> None:
    """Drop the mentions of ``m``'s person inside ``m``'s span. ``out`` is in text order but for a
    few mentions a title construction put back, so only its tail can lie inside ``m``: a scan of the
    whole list per title made a long document quadratic (a 1 MB page of titles took a minute)."""
    k = len(out)
    while k > 0 and out[k - 1].start >= m.start - _TAIL:
        k -= 1
    out[k:] = [x for x in out[k:] if not (x.start >= m.start and x.end <= m.end and x.actor == m.actor)]


_TAIL = 200  # characters: more than any title construction spans


def _affiliation_before(ctx: Ctx, out: list[M], start: int) -> M | None:
    """The state or organisation right before a title ("Russian", "NATO", "Russia's", "the EU's
    foreign policy chief"): only title modifiers may stand between them."""
    if not out:
        return None
    prev = out[-1]
    if prev.absorbed or prev.end < start - 40:
        return None
    if ctx.type_of(prev.actor) == "Person":  # "Putin's aide": a possessive person
        return prev if POSSESSIVE_GAP.fullmatch(ctx.text, prev.end, start) else None
    gap = AFFILIATION_GAP.fullmatch(ctx.text, prev.end, start) or DESCRIBED_GAP.fullmatch(ctx.text, prev.end, start)
    if gap is None:
        return None
    words = gap.group(1).split()
    return prev if all(w in TITLE_MODIFIERS for w in words) else None


def _complement(ctx: Ctx, items: list[M], i: int, end: int) -> tuple[int, int, M | None]:
    """Skip what follows a title before its holder's name; "of <actor>" is the title's affiliation
    ("the president of Niger"), "to/for/in/at ..." only says where or for what."""
    text = ctx.text
    nxt = items[i + 1] if i + 1 < len(items) else None
    if nxt is not None and nxt.actor.startswith("title:"):
        nxt = None  # only an actor right after is a complement
    of = OF_AFTER.match(text, end)
    if of and nxt is not None and nxt.start == of.end() and ctx.type_of(nxt.actor) in ("State", "Organisation"):
        owned = POSSESSED.match(text, nxt.end)  # "the head of Russia's delegation X"
        return (owned.end() if owned else nxt.end), i + 1, nxt
    rel = RELATIVE.match(text, end)
    if rel:
        return rel.end(), i, None
    comp = COMPLEMENT.match(text, end)
    if comp is None:
        return end, i, None
    if nxt is not None and nxt.start == comp.end():
        return nxt.end, i + 1, None  # "Ambassador to Moscow", "representative in Taiwan"
    region = REGIONS.match(text, comp.end())
    if region:
        return comp.end() + len(region.group(0).rstrip()), i, None
    words = LOWER_WORDS.match(text, comp.end())
    if words:  # "at the talks, X"
        return words.end(), i, None
    return end, i, None


def _name_after(ctx: Ctx, items: list[M], i: int, pos: int) -> tuple[str | None, int, int, int]:
    """The person named right after a title: a listed person, or a capitalised personal name that
    no other hit starts inside."""
    text = ctx.text
    gap = NAME_GAP.match(text, pos)
    name_at = gap.end() if gap else pos
    nxt = items[i + 1] if i + 1 < len(items) else None
    if nxt and nxt.start == name_at and not nxt.actor.startswith("title:") and ctx.type_of(nxt.actor) == "Person":
        if POSSESSIVE_AFTER.match(text, nxt.end):
            return None, name_at, name_at, i  # "the minister, Abiy's spokeswoman"
        return nxt.actor, name_at, nxt.end, i + 1
    limit = nxt.start if nxt and nxt.start > name_at else len(text)
    span = person_at(text, name_at, limit)
    if span is None or (nxt and nxt.start == name_at):
        return None, name_at, name_at, i
    name = text[span[0] : span[1]]
    if name.split()[0].lower() in NOT_NAME or not _looks_like_name(text, span) or POSSESSIVE_AFTER.match(text, span[1]):
        return None, name_at, name_at, i  # "the minister, Abiy's spokeswoman": not the minister's name
    return discover_person(ctx, name), span[0], span[1], i


def _looks_like_name(text: str, span: tuple[int, int]) -> bool:
    """One word after a title is a name unless a capitalised word follows it (then the title was
    part of a longer name: "General Assembly Hall") or it is a heading word."""
    words = text[span[0] : span[1]].split()
    if len(words) > 1:
        return True
    w = words[0]
    if w.lower() in ORG_HEADS or (w.isupper() and len(w) > 1):
        return False
    return not re.match(r"\s+[A-Z]", text[span[1] : span[1] + 3])


def _apposition_before(ctx: Ctx, out: list[M], slot_start: int) -> tuple[str, int, int] | None:
    """ "X, the US ambassador to the UN": a personal name, then a comma, then the title."""
    text = ctx.text
    gap = APPOSITION_BEFORE.search(text, max(0, slot_start - 8), slot_start)
    if gap is None:
        return None
    comma = gap.start()
    prior = [m for m in out if m.end <= comma]
    if prior and prior[-1].end == comma and ctx.type_of(prior[-1].actor) == "Person":
        return prior[-1].actor, prior[-1].start, prior[-1].end
    s0, _ = ctx.sentence_of(comma)
    lo = max(s0, prior[-1].end if prior else 0)
    span = person_before(text, comma, lo)
    if span is None or len(text[span[0] : span[1]].split()) < 2:
        return None
    return discover_person(ctx, text[span[0] : span[1]]), span[0], span[1]


def full_names(ctx: Ctx, title_hits: list[M]) -> None:
    """ "Mr Frost", "Mrs Pelosi": an honorific says the word after it is a surname; where the text
    also writes a longer name ending in it ("David Frost meets ..."), that is the person's name,
    and later one-word mentions are the same person."""
    text = ctx.text
    for t in title_hits:
        if t.actor != "title:honorific":
            continue
        gap = NAME_GAP.match(text, t.end)
        span = person_at(text, gap.end() if gap else t.end)
        if span is None or " " in text[span[0] : span[1]]:
            continue
        surname = text[span[0] : span[1]]
        if surname in ctx.surnames or ctx.rules.person_named(surname):
            continue
        for full in re.finditer(rf"(?<![\w'’-])((?:{FIRST_NAME}\s+){{1,2}}){re.escape(surname)}(?![\w-])", text):
            words = full.group(0).split()
            if any(w.lower() in NOT_NAME or w.lower() in ORG_HEADS for w in words) or ctx.rules.by_name(words[0]):
                continue
            discover_person(ctx, " ".join(words))
            break
