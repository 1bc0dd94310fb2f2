"""Speakers of statements recognised as people: "X said", "X told reporters", "said X", "according
to X". A name of two words or more in that place is a person; one word only inside a sentence (where
its capital is its own), never a role noun ("The Secretary also said") or a title word."""

from __future__ import annotations

import bisect
import re

from .context import Ctx, M
from .names import NAME_VERBS, NOT_NAME, person_at, person_before
from .persons import discover_person

#: Speech verbs whose subject or (after "said") inverted subject is very often a person.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|tells|added|wrote|tweeted|posted|stressed|noted|insisted|explained|declared|"
    r"argued|claimed|replied|responded|announced|according to)\b"
)
SPEECH_AUX = re.compile(
    r"(?:\s+(?:has|had|have|also|later|then|again|previously|earlier|once|himself|herself|"
    r"\w+ly|on\s+\w+day))*\s*$"
)
AFTER_SPEECH = re.compile(r"\s+(?:the\s+)?")
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|his|her|their)\s+$", re.I)


def speakers(ctx: Ctx, mentions: list[M]) -> list[M]:
    """People named as the speaker of a statement: "X said", "X told reporters", "said X",
    "according to X". A one-word name counts only inside a sentence, where its capital is its own."""
    text = ctx.text
    spans = sorted((m.s, m.end) for m in mentions)
    ends = sorted(e for _, e in spans)
    found: list[M] = []
    title_words = None
    for sp in SPEECH_VERB.finditer(text):
        s0, s1 = ctx.sentence_of(sp.start())
        aux = SPEECH_AUX.search(text, max(s0, sp.start() - 40), sp.start())
        pos = aux.start() if aux else sp.start()
        k = bisect.bisect_right(ends, pos)
        lo = max(s0, ends[k - 1]) if k else s0
        span = person_before(text, pos, lo)
        if span is None and sp.group(0) in ("said", "says", "added", "according to", "wrote"):
            gap = AFTER_SPEECH.match(text, sp.end())
            start = gap.end() if gap else sp.end()
            span = person_at(text, start, s1)
            if span is not None and len(text[span[0] : span[1]].split()) < 2:
                span = None
        if span is None or _covered(spans, span):
            continue
        name = text[span[0] : span[1]]
        words = name.split()
        if words[0].lower() in NOT_NAME or words[0].lower() in NAME_VERBS:
            continue
        if title_words is None:
            title_words = {f for office in ctx.rules.offices.values() for f in office.forms if " " not in f}
        if len(words) == 1 and (
            span[0] <= s0 + 1
            or words[0].isupper()
            or DETERMINER_BEFORE.search(text, max(s0, span[0] - 6), span[0])
            or words[0].lower() in title_words
            or re.search(r"[A-Z][\w'’-]*\s+$", text[max(s0, span[0] - 20) : span[0]])  # "Tuesday Morning said"
        ):
            continue  # "The Secretary also stressed": a role, not a name
        found.append(M(span[0], span[1], discover_person(ctx, name)))
        spans.append(span)
        spans.sort()
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _covered(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    i = bisect.bisect_left(spans, (span[1], span[1]))
    return any(s < span[1] and span[0] < e for s, e in spans[max(0, i - 8) : i])
