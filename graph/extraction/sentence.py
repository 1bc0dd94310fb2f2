"""One sentence as extraction reads it around its cues: its arguments (the actors that can fill a
slot), clause barriers, coordination, pronouns and role nouns, relative clauses, negation and
hypothetical words, and who speaks. Built once per sentence and shared by all its cues."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .clauses import (
    BARRIER,
    BARRIER_NO_THAT,
    CONNECTOR,
    HYPOTHETICAL,
    LIST_COMMA,
    NEGATION,
    PRONOUN,
    ROLE_NOUN,
    SPEECH,
    governor,
    words_between,
)
from .context import Ctx, M, body_of
from .coref import PAIR_NOUN, resolve_pronoun

#: A relative clause between a speaker and "said": "X, whose country ..., said".
RELATIVE_GAP = re.compile(r"\s*,\s*(?:who|whose|which)\b[^,;]{0,120},\s*")


RELATIVE_START = re.compile(r",\s*(?:who|which)\s+", re.I)


class Slots:
    """Finds the actors around a cue within one sentence."""

    def __init__(self, ctx: Ctx, sent: tuple[int, int], args: list[M]):
        self.ctx, self.sent, self.args = ctx, sent, args
        self.text = ctx.text
        self._speaker: tuple | None = None
        self._everyone: list[M] | None = None
        self.objects: tuple | None = None  # the grammar's object candidates, found once per sentence
        self._role: bool | None = None
        self._has: dict[re.Pattern, bool] = {}
        self._pronouns: tuple[list[int], list[re.Match[str]]] | None = None
        self._index = {id(m): i for i, m in enumerate(args)}

    def is_arg(self, m: M) -> bool:
        return id(m) in self._index

    def negation_in(self, lo: int, hi: int) -> bool:
        """Whether a negation ("not", "no plans", "ruled out") stands in text[lo:hi]."""
        return NEGATION.search(self.ctx.lowered, lo, hi) is not None

    def hypothetical_in(self, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] is hypothetical: its last "if"/"whether" with no comma after it."""
        last = None
        for m in HYPOTHETICAL.finditer(self.ctx.lowered, lo, hi):
            last = m.end()
        return last is not None and "," not in self.text[last:hi]

    @property
    def has_role_noun(self) -> bool:
        """Whether the sentence has a role noun ("the alliance") that may stand for an actor."""
        if self._role is None:
            self._role = ROLE_NOUN.search(self.ctx.lowered, *self.sent) is not None
        return self._role

    @property
    def has_group_noun(self) -> bool:
        """Whether the sentence has a noun that may stand for several actors: a pair noun ("both
        sides") or a regional group ("Arab states")."""
        return self.has(PAIR_NOUN) or self.has_region

    @property
    def has_region(self) -> bool:
        """Whether a region's name ("Arab", "Baltic") stands in the sentence (the lexicon found it)."""
        at = self.ctx.regions_at
        i = bisect.bisect_left(at, self.sent[0])
        return i < len(at) and at[i] < self.sent[1]

    def has(self, pattern: re.Pattern) -> bool:
        """Whether ``pattern`` occurs in the (lower-cased) sentence: asked once per sentence, so
        that the rare constructions it signals cost nothing where it does not occur."""
        found = self._has.get(pattern)
        if found is None:
            found = self._has[pattern] = pattern.search(self.ctx.lowered, *self.sent) is not None
        return found

    @property
    def everyone(self) -> list[M]:
        """Every mention in the sentence, also those that cannot fill a slot by themselves."""
        if self._everyone is None:
            self._everyone = self.ctx.in_span(*self.sent)
        return self._everyone

    def _barriers(self) -> list[tuple[int, int]]:
        """The sentence's clause barriers ("; ", ", but", "said that") as (start, end), found once
        and shared by all its cues."""
        spans = self.ctx.barriers.get(self.sent[0])
        if spans is None:
            s0, s1 = self.sent
            barrier = BARRIER if self.ctx.lowered.find("that", s0, s1) >= 0 else BARRIER_NO_THAT
            spans = self.ctx.barriers[s0] = [(m.start(), m.end()) for m in barrier.finditer(self.ctx.lowered, s0, s1)]
        return spans

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: after the last barrier that ends before it."""
        start = self.sent[0]
        for _b0, b1 in self._barriers():
            if b1 > pos:
                break
            start = b1
        return start

    def clause_end(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends: at the first barrier that starts after it."""
        return next((b0 for b0, _b1 in self._barriers() if b0 >= pos), self.sent[1])

    def group_left(self, m: M) -> list[M]:
        """``m`` and the actors coordinated before it ("the US, the UK and France"; in headlines
        "NATO, UK will support"). A place and a comma open a clause instead ("In Moscow, Lavrov")."""
        if id(m) not in self._index:
            return [m]
        group, idx = [m], self._index[id(m)]
        while (
            idx > 0
            and CONNECTOR.match(gap := self.text[self.args[idx - 1].end : group[0].s])
            and self.args[idx - 1].end > self.sent[0]
        ):
            if self.args[idx - 1].place and LIST_COMMA.match(gap):
                break
            idx -= 1
            group.insert(0, self.args[idx])
        return group

    def group_right(self, m: M) -> list[M]:
        """``m`` and the actors coordinated after it; members joined only by a trailing comma are
        dropped ("tanks to Ukraine, Chancellor Olaf Scholz announced" is not a list)."""
        if id(m) not in self._index:
            return [m]
        group, idx, commas = [m], self._index[id(m)], []
        while (
            idx + 1 < len(self.args)
            and CONNECTOR.match(
                gap := self.text[group[-1].end : self.args[idx + 1].s].replace("’s", "").replace("'s", "")
            )
            and self.args[idx + 1].s < self.sent[1]
        ):
            idx += 1
            group.append(self.args[idx])
            commas.append(bool(LIST_COMMA.match(gap)))
        while commas and commas[-1]:
            commas.pop()
            group.pop()
        return group

    def before(
        self, pos: int, gap: int, barrier: bool = True, acting: bool = False, can_act: Callable | None = None
    ) -> list[M]:
        """The nearest actor (or coordinated actors) before ``pos`` in its clause; ``acting``: as the
        subject of a verb, where a place set off by a comma ("In Madrid, ...") does not act;
        ``can_act(m, pos)``: a further test a candidate subject must pass."""
        lo = self.clause_start(pos) if barrier else self.sent[0]
        best = None
        for m in reversed(self.args):  # nearest first: the tests below run on few candidates
            if m.s < lo:
                break
            if (
                m.end <= pos
                and not (acting and m.place and self.text.startswith(",", m.end))
                and (can_act is None or can_act(m, pos))
            ):
                best = m
                break
        pron = self.pronoun_in(best.end if best else lo, pos)
        if pron is not None and (
            words_between(self.text, pron.end, pos) <= 3
            or not re.fullmatch(r"he|she|it|they|we", self.ctx.lowered[pron.start : pron.end])
        ):
            best = pron
        if best is None or words_between(self.text, best.end, pos) > gap:
            return []
        if re.search(r"[”\"]\s*$|\bbut\b", self.text[best.end : pos]):
            return []
        return self.group_left(best) if not best.pronoun else [best]

    def antecedent(self, pos: int) -> list[M]:
        """The subject of a relative clause: 'X, who leads Y', 'Niger, which is part of the bloc'."""
        lo = self.clause_start(pos)
        rel = RELATIVE_START.search(self.text, max(self.sent[0], lo - 12), min(pos, lo + 1))
        if rel is None or rel.end() < lo or words_between(self.text, rel.end(), pos) > 4:
            return []
        best = next((m for m in reversed(self.args) if m.end <= rel.start()), None)
        if best is None or not re.fullmatch(r"[\s”\"’']*", self.text[best.end : rel.start()]):
            return []
        return [best]

    def relative_head(self, pos: int, gap: int) -> list[M]:
        """'X, which chairs the talks, urged Y': the subject of a main clause stands before the
        relative clause that a comma closes, within ``gap`` words before ``pos``."""
        lo = self.clause_start(pos)
        b0 = next((b0 for b0, b1 in self._barriers() if b1 == lo), None)
        if b0 is None or not self.ctx.lowered.endswith(("which", "who"), b0, lo):
            return []
        close = self.text.find(",", lo, pos)
        if close < 0 or words_between(self.text, close, pos) > gap:
            return []
        head = next((m for m in reversed(self.args) if m.end <= b0), None)
        if head is None or not re.fullmatch(r"[\s”\"’')]*", self.text[head.end : b0]):
            return []
        return self.group_left(head)

    def after(self, pos: int, gap: int) -> list[M]:
        first = next((m for m in self.args if m.s >= pos and m.end <= self.sent[1]), None)
        role = self.role_noun(pos, first.s if first else self.sent[1])
        if role is not None:
            first = role
        if first is None or words_between(self.text, pos, first.s) > gap:
            return []
        between = self.text[pos : first.s]
        if re.search(r"[;”\"]|\bbut\b", between):
            return []
        return self.group_right(first) if not first.pronoun else [first]

    def role_noun(self, lo: int, hi: int) -> M | None:
        """'the alliance', 'the country' as an object: the actor they refer to."""
        m = ROLE_NOUN.search(self.ctx.lowered, lo, hi)
        if m is None:
            return None
        target = resolve_pronoun(self.ctx, m.group(0), m.start(), self)
        return M(m.start(), m.end(), target, pronoun=True) if target else None

    def pronoun_in(self, lo: int, hi: int) -> M | None:
        """The last resolved pronoun or role noun in text[lo:hi] ("he", "they", "the alliance")."""
        if self._pronouns is None:  # found once per sentence: a cue asks for the last one before it
            found = list(PRONOUN.finditer(self.ctx.lowered, *self.sent))
            self._pronouns = ([p.end() for p in found], found)
        ends, found = self._pronouns
        i = bisect.bisect_right(ends, hi) - 1
        if i < 0 or found[i].start() < lo:
            return None
        last = found[i]
        word = last.group(0)
        if word == "i":  # "I": the speaker of the sentence (a capital I only: not "i.e.")
            target = self.speaker() if self.text[last.start()] == "I" else None
        else:
            target = resolve_pronoun(self.ctx, word, last.start(), self)
        if target is None:
            return None
        return M(last.start(), last.end(), target, pronoun=True)

    def speaker(self) -> str | None:
        """Who speaks in this sentence: 'X said', 'said X', 'according to X', a headline 'X: ...'."""
        if self._speaker is None:
            self._speaker = (None,)  # "we" before "said" asks for the speaker while it is being found
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
        for sp in SPEECH.finditer(self.ctx.lowered, s0, s1):
            if any(m.start < sp.end() and sp.start() < m.end for m in self.everyone):
                continue  # "States" in "the United States" is no speech verb
            before = [
                m
                for m in everyone
                if m.end <= sp.start()
                and (words_between(text, m.end, sp.start()) <= 4 or RELATIVE_GAP.fullmatch(text, m.end, sp.start()))
                and not re.search(r"[.“”\"]", text[m.end : sp.start()])
                and governor(text, max(s0, m.s - 30), m.s) not in ("by", "to", "with", "against", "from", "in")
            ]
            pron = self.pronoun_in(before[-1].end if before else max(s0, sp.start() - 30), sp.start())
            if pron is not None and words_between(text, pron.end, sp.start()) <= 2:
                return pron.actor
            if before:
                return before[-1].actor
            after = [
                m for m in everyone if not m.absorbed and m.s >= sp.end() and words_between(text, sp.end(), m.s) <= 2
            ]
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
