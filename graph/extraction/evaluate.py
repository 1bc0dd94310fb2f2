"""Scoring extraction against a gold annotation, as the annotation guidelines define it.

A document is the set of unique facts it states: actors ``(canonical name, type)`` and relations
``(subject, TYPE, object, negated)``; ``MEETS`` is symmetric. Precision, recall and F1 are
micro-averaged over documents. Extracted actors are mapped to the gold catalogue by canonical
name or by any gold alias (case-insensitive), so a rule pack may name "Russian Ministry of Foreign
Affairs" what the gold calls "Russian Foreign Ministry" as long as the gold lists that alias.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..model import (
    PRIMARY_RELATION_TYPES,
    RELATION_TYPES,
    SYMMETRIC_RELATION_TYPES,
    Extraction,
)

Fact = tuple


@dataclass(frozen=True)
class GoldDoc:
    doc: str
    date: str | None
    actors: frozenset
    relations: frozenset
    evidence: dict


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, found: set) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    misses: list[tuple[str, Fact, str | None]] = field(default_factory=list)  # (doc, fact, gold evidence)
    extras: list[tuple[str, Fact, str]] = field(default_factory=list)  # (doc, fact, sentence)

    def f1(self, key: str) -> float:
        return self.scores[key].f1


def _norm_relation(s: str, t: str, o: str, negated: bool) -> Fact:
    if t in SYMMETRIC_RELATION_TYPES and o < s:
        s, o = o, s
    return (s, t, o, bool(negated))


def load_gold(path: str | Path) -> tuple[dict[str, str], dict[str, str], list[GoldDoc]]:
    """(alias -> canonical name, canonical name -> type, documents) of a gold file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    alias: dict[str, str] = {}
    types: dict[str, str] = {}
    for a in data.get("actors", []):
        types[a["name"]] = a["type"]
        alias[a["name"].casefold()] = a["name"]
        for al in a.get("aliases") or []:
            alias.setdefault(str(al).casefold(), a["name"])
    docs = []
    for d in data.get("documents", []):
        rels, evidence = set(), {}
        for r in d.get("relations") or []:
            if isinstance(r, dict):
                fact = _norm_relation(r["s"], r["t"], r["o"], r.get("negated", False))
                evidence[fact] = r.get("evidence")
            else:
                fact = _norm_relation(r[0], r[1], r[2], len(r) > 3 and r[3] == "negated")
            rels.add(fact)
        actors = frozenset((n, types.get(n, "?")) for n in d.get("actors") or [])
        docs.append(GoldDoc(d["doc"], str(d["date"]) if d.get("date") else None, actors, frozenset(rels), evidence))
    return alias, types, docs


def _canonical(alias: dict[str, str], actor) -> str:
    for key in (actor.name, *getattr(actor, "aliases", ())):
        hit = alias.get(key.casefold())
        if hit:
            return hit
    return actor.name


def facts_of(extraction: Extraction, alias: dict[str, str]) -> tuple[set[Fact], dict[Fact, str]]:
    """The relation facts of one extraction (gold names) and a sentence for each."""
    by_id = {a.id: a for a in extraction.actors}
    facts: set[Fact] = set()
    sentence: dict[Fact, str] = {}
    for r in extraction.relations:
        s = _canonical(alias, by_id.get(r.subject.id, r.subject))
        o = _canonical(alias, by_id.get(r.object.id, r.object))
        fact = _norm_relation(s, r.type, o, r.negated)
        facts.add(fact)
        sentence.setdefault(fact, r.sentence)
    return facts, sentence


def evaluate(gold_path: str | Path, extractions: list[Extraction]) -> Report:
    alias, _types, gold_docs = load_gold(gold_path)
    by_doc = {e.document.id: e for e in extractions}
    report = Report({k: Score() for k in ("actors", "all", "primary", *RELATION_TYPES)})
    for g in gold_docs:
        ex = by_doc.get(g.doc)
        found_rel, sentences = facts_of(ex, alias) if ex else (set(), {})
        found_actors = {(_canonical(alias, a), a.type) for a in ex.actors} if ex else set()
        report.scores["actors"].add(set(g.actors), found_actors)
        report.scores["all"].add(set(g.relations), found_rel)
        prim = lambda facts: {f for f in facts if f[1] in PRIMARY_RELATION_TYPES}
        report.scores["primary"].add(prim(g.relations), prim(found_rel))
        for t in RELATION_TYPES:
            report.scores[t].add({f for f in g.relations if f[1] == t}, {f for f in found_rel if f[1] == t})
        for fact in sorted(g.relations - found_rel):
            report.misses.append((g.doc, fact, g.evidence.get(fact)))
        for fact in sorted(found_rel - g.relations):
            report.extras.append((g.doc, fact, sentences.get(fact, "")))
        for fact in sorted(found_actors - g.actors):
            report.extras.append((g.doc, ("actor", *fact), ""))
        for fact in sorted(g.actors - found_actors):
            report.misses.append((g.doc, ("actor", *fact), None))
    return report


def format_report(report: Report, details: bool = True) -> str:
    lines = [f"{'':12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for key in ("primary", "all", "actors", *RELATION_TYPES):
        s = report.scores[key]
        lines.append(f"{key:12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
    if details:
        lines.append("")
        lines.append(f"Misses ({len(report.misses)}):")
        for doc, fact, ev in report.misses:
            lines.append(f"  {doc}  {_fact(fact)}" + (f"\n      \u201c{ev}\u201d" if ev else ""))
        lines.append(f"Extras ({len(report.extras)}):")
        for doc, fact, sentence in report.extras:
            lines.append(
                f"  {doc}  {_fact(fact)}" + (f"\n      \u201c{sentence.strip()[:220]}\u201d" if sentence else "")
            )
    return "\n".join(lines)


def _fact(fact: Fact) -> str:
    if fact[0] == "actor":
        return f"actor {fact[1]} ({fact[2]})"
    s, t, o, neg = fact
    return f"{s} {'NOT ' if neg else ''}{t} {o}"
