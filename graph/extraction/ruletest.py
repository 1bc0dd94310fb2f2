"""Rule examples run like unit tests: each example sentence must give the relations it expects and
none it rejects (``actorgraph rules test``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from .extract import extract
from .rules import RuleSet


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    where: str
    text: str
    missing: tuple[str, ...]
    unwanted: tuple[str, ...]
    found: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unwanted


def _fmt(s: str, t: str, o: str, negated: bool) -> str:
    return f"{s} {'NOT ' if negated else ''}{t} {o}"


def _canonical(rules: RuleSet, name: str) -> str:
    info = rules.by_name(name)
    return info.actor.name if info else name


def run_examples(rules: RuleSet) -> list[ExampleResult]:
    results = []
    for rule in rules.relations:
        for n, ex in enumerate(rule.examples, 1):
            doc = Document(id=f"{rule.id}#{n}", text=ex.text)
            got = {_fmt(r.subject.name, r.type, r.object.name, r.negated) for r in extract(rules, doc).relations}
            want = {_fmt(_canonical(rules, t[0]), t[1], _canonical(rules, t[2]), len(t) > 3) for t in ex.expect}
            reject = {_fmt(_canonical(rules, t[0]), t[1], _canonical(rules, t[2]), len(t) > 3) for t in ex.reject}
            results.append(
                ExampleResult(
                    rule.id,
                    rules.sources.get(rule.id, "?"),
                    ex.text,
                    tuple(sorted(want - got)),
                    tuple(sorted(reject & got)),
                    tuple(sorted(got)),
                )
            )
    return results
