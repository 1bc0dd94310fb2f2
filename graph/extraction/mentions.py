"""Mentions: leftmost-longest lexicon hits, affiliations (an organisation tied to its state), the
roles a mention plays (weak demonym, modifier, place) and surnames of people found in this document."""

from __future__ import annotations

import bisect
import itertools
import re

from . import lexicon as lx
from .bodies import bodies
from .clauses import CONNECTOR, POSSESSIVE
from .context import Ctx, M, add_relation
from .discovery import AFFILIATION_GAP, organisations
from .groups import group_nouns
from .membership import bind_in_sentence, bind_to_sentence_state
from .persons import full_names, titles
from .speakers import speakers


def build_mentions(ctx: Ctx, raw: list[tuple[int, int, str]], anchors) -> None:
    """Every actor mention of the document, in text order, with the roles it plays: lexicon hits,
    people and organisations recognised from their context, later mentions of them by surname or
    acronym; MEMBER_OF wherever the text ties a person or a body to its state or organisation."""
    ctx.named = {tag[6:] for _, _, tag in raw if tag.startswith("actor:")}
    names, title_hits = [], []  # title hits travel as mentions of "title:<office>" until titles() joins them
    for s, e, tag in raw:
        if tag.startswith("title:"):
            title_hits.append(M(s, e, tag))
        else:
            names.append(M(s, e, tag[tag.index(":") + 1 :], demonym=tag.startswith("demonym:")))
    names = organisations(ctx, names, anchors)
    names = bodies(ctx, names, anchors)
    spans = [(m.s, m.end) for m in names if m.actor in ctx.discovered]
    title_hits = [t for t in title_hits if not any(s <= t.start and t.end <= e for s, e in spans)]
    full_names(ctx, title_hits)
    mentions, unbound = titles(ctx, sorted(names + title_hits, key=lambda m: m.start))
    ctx.set_mentions(mentions)
    mentions = speakers(ctx, mentions)
    mentions = doc_aliases(ctx, mentions)
    ctx.set_mentions(sorted(mentions, key=lambda m: m.start))
    affiliations(ctx, ctx.mentions)
    mark_roles(ctx, ctx.mentions)
    for m in unbound:
        bind_to_sentence_state(ctx, m)
    group_nouns(ctx, ctx.mentions, anchors)
    coordinated_demonyms(ctx, ctx.mentions)
    bind_in_sentence(ctx, ctx.mentions)


def pick_mentions(
    ctx: Ctx, hits
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, int]], list[tuple[int, int, str]]]:
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
            if (
                (kind == "title" and _title_case_fits(found))
                or (
                    kind == "actor"
                    and (
                        case is None
                        or (found[0].isupper() if case == "cap" and found[0].isalpha() else lx.case_fits(case, found))
                    )
                )
                or (kind == "demonym" and found[:1].isupper())
            ):
                names.append((start, end, kind + ":" + value))
                last_end = end
                break
    return names, outermost(cues), anchors


def _title_case_fits(found: str) -> bool:
    """A title's words share one case after its first ("Press Secretary", "press secretary"); a
    lower-case word before a capitalised one is no title: "will press Secretary of State X"."""
    words = [w for w in found.split() if w.lower() not in ("of", "the", "for", "and", "to")]
    return not (len(words) > 1 and words[0][:1].islower() and any(w[:1].isupper() for w in words[1:]))


def outermost(cues: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A cue inside a longer cue is not a cue of its own: "warned" in "was warned by"."""
    inner, reach = set(), -1
    for s, e in sorted({(s, e) for s, e, _ in cues}, key=lambda span: (span[0], -span[1])):
        if e <= reach:  # an earlier span starts no later and ends no sooner: this one is inside it
            inner.add((s, e))
        reach = max(reach, e)
    return [c for c in cues if (c[0], c[1]) not in inner]


#: Words between a state and its own organisation: "Iran's paramilitary Revolutionary Guard",
#: "Russian state news agency RIA Novosti", "the French broadcaster TF1".
ORG_DESCRIPTOR = re.compile(
    r"(?:['’]s?)?\s+(?:the\s+)?(?:(?:paramilitary|elite|state-run|state-owned|state|official|government-run|"
    r"public|national|semi-official|main|powerful|feared|military|top)\s+){0,2}"
    r"(?:(?:news\s+)?agency|news\s+outlet|broadcaster|television|TV|channel|newspaper|daily|outlet|media)?\s*",
    re.I,
)


def affiliations(ctx: Ctx, mentions: list[M]) -> None:
    """'Russia's Channel One', 'Russian state-run Tass', 'the UK Ministry of Defence': an organisation
    the text ties to a state is MEMBER_OF it."""
    text = ctx.text
    for prev, m in itertools.pairwise(mentions):
        if m.start - prev.end > 40 or prev.absorbed or ctx.type_of(prev.actor) != "State":
            continue
        if ctx.type_of(m.actor) != "Organisation" or ctx.kind_of(m.actor) in ("alliance", "international"):
            continue
        gap = text[prev.end : m.start]
        if (AFFILIATION_GAP.match(gap) or ORG_DESCRIPTOR.fullmatch(gap)) and (
            prev.demonym or re.match(r"['’]s", gap) or "state" in gap.lower()
        ):
            prev.absorbed = True
            m.slot_start = prev.s
            ctx.member.setdefault(m.actor, prev.actor)
            add_relation(ctx, m.actor, "MEMBER_OF", prev.actor, prev.s, m.end, "member-of-affiliation", False)
    for m in mentions:
        info = ctx.info(m.actor)
        if info and info.member_of and info.actor.type == "Organisation":
            surface = ctx.text[m.start : m.end]
            if " " not in surface:
                continue  # one word names no owner inside it
            body = ctx.info(info.member_of)
            if body and any(
                n in surface and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", surface)
                for n in (body.actor.name, *body.actor.aliases, *body.demonyms)
            ):
                ctx.member.setdefault(m.actor, info.member_of)
                add_relation(ctx, m.actor, "MEMBER_OF", info.member_of, m.start, m.end, "member-of-affiliation", False)


NAMED_THING = re.compile(r"\s+(?:[A-Z]\w*|summit|talks|wall|agreement|accords?|process)\b")
HEAD_WORD = re.compile(r"(?:\s+combat)?\s+([a-z][a-z\-]+)")
_PLACE_WORDS = frozenset({"in", "at", "from", "across", "throughout", "within"})


def place_before(window: str) -> bool:
    """Whether ``window`` ends with a place preposition ("in", "at", "from", "such as"; "the" aside):
    the words of its end, not a regex anchored at "$" that tries every position of the window."""
    if not window[-1:].isspace():
        return False
    words = window.lower().split()[-3:]
    if words and words[-1] == "the":
        words.pop()
    return bool(words) and (words[-1] in _PLACE_WORDS or words[-2:] == ["such", "as"])


#: "support from X", "pressure from X", "envoys from X": what comes from an actor, not from a place.
FROM_ACTOR = re.compile(
    r"\b(?:support|help|backing|aid|assistance|pressure|warnings?|threats?|demands?|calls?|requests?|criticism|"
    r"condemnation|protests?|objections?|opposition|resistance|envoys?|officials?|delegates?|delegations?|"
    r"diplomats?|representatives?|leaders?|ministers?|counterparts?|troops|forces|soldiers|contingents?|"
    r"units|personnel|response|reaction|statement|offer|proposal|invitation|guarantees?)\s+from\s+(?:the\s+)?$",
    re.I,
)
#: "Taipei's allies", "Moscow's backers": the possessor is not the one meant, the group around it is.
OTHERS_OF = re.compile(
    r"['’]s?\s+(?:\w+\s+)?(?:allies|partners|neighbou?rs|backers|supporters|rivals|enemies|opponents|critics|friends)\b",
    re.I,
)


def is_credit(text: str, m: M) -> bool:
    """A dateline, byline or photo credit naming a news outlet: "Cairo (Reuters) -", "... -- PTI",
    "Photo: Jane Doe/AFP via Getty Images"."""
    before = text[max(0, m.start - 60) : m.start].rsplit("\n", 1)[-1]
    after = text[m.end : m.end + 3]
    if before.endswith("(") and after.startswith(")"):
        return True
    if before.endswith("/") or after.startswith("/"):
        return True
    if re.search(r"(?:--|—|–)\s*$", before) and (not after.strip() or after.startswith("\n")):
        return True
    return bool(re.search(r"\b(?:photo|image|credit)s?\s*:", before, re.I))


#: "US-allied states", "Paris-based", "Iran-aligned militias": the actor only describes the noun.
COMPOUND_AFTER = re.compile(r"-(?:allied|aligned|based|born|made|bound|owned|run|funded|friendly|style)\b", re.I)


def mark_roles(ctx: Ctx, mentions: list[M]) -> None:
    """Demonyms that name no acting state are weak; actors before a noun they modify are modifiers;
    capitals inside a longer name ("Berlin Wall", "Bucharest summit") and places listed after
    "in" ("occurred in Afghanistan, Libya") are places, not actors."""
    low = ctx.lowered
    place_run = False
    for prev, m in zip([None, *mentions[:-1]], mentions):
        info = ctx.info(m.actor)
        surface = ctx.text[m.start : m.end]
        if ctx.kind_of(m.actor) == "media" and is_credit(ctx.text, m):
            m.weak = True
            continue
        if info and info.capital == surface and NAMED_THING.match(ctx.text, m.end, m.end + 20):
            m.weak = True
            continue
        if ctx.type_of(m.actor) == "State" and not m.absorbed:
            joined = prev is not None and place_run and CONNECTOR.match(ctx.text[prev.end : m.s])
            window = ctx.text[max(0, m.s - 40) : m.s]
            place_run = (place_before(window) and not FROM_ACTOR.search(window)) or bool(joined)
            m.place = place_run
        else:
            place_run = False

        nxt = HEAD_WORD.match(low, m.end, m.end + 30)
        head = nxt.group(1) if nxt else ""
        if m.demonym and not m.absorbed:
            m.weak = head not in lx.ACTING_HEADS and not head.startswith("border")
        if (
            (
                head in lx.MODIFIER_HEADS
                and not POSSESSIVE.match(ctx.text, m.end)
                and not (m.demonym and head.startswith("border"))
            )
            or OTHERS_OF.match(ctx.text, m.end, m.end + 30)
            or COMPOUND_AFTER.match(ctx.text, m.end, m.end + 12)
        ):
            m.modifier = True


def coordinated_demonyms(ctx: Ctx, mentions: list[M]) -> None:
    """'Saudi, Qatari and Jordanian ministers': demonyms coordinated before one noun share what the
    last of them is (acting, or a modifier), where it acts for the group noun after it."""
    last: M | None = None
    for m in reversed(mentions):
        if not m.demonym or m.place:
            last = None
            continue
        if last is not None and CONNECTOR.match(ctx.text[m.end : last.s]) and not last.weak:
            m.weak, m.modifier = False, last.modifier
        last = m


def doc_aliases(ctx: Ctx, mentions: list[M]) -> list[M]:
    """Surnames of people discovered in this document find their later mentions."""
    if not ctx.discovered:
        return mentions
    extra: list[M] = []
    taken = sorted((m.s, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))  # furthest end among spans so far
    for actor in ctx.discovered.values():
        if actor.type != "Person":
            continue
        # the full name first (a headline names again whom the text introduced), then its surnames
        for alias in (actor.name, *actor.aliases):
            for mm in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", ctx.text):
                i = bisect.bisect_right(starts, mm.start())
                if (
                    not (i and reach[i - 1] > mm.start())
                    and not any(  # inside no mention already taken
                        x.start <= mm.start() < x.end for x in extra[-3:]
                    )
                ):
                    extra.append(M(mm.start(), mm.end(), actor.id))
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions
