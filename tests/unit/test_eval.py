"""The quality gate, measured the way users measure their own rules: ``actorgraph eval``."""

from __future__ import annotations

import pytest
from support import DEV, GOLD, SEEDS

from graph.extraction.documents import read_documents
from graph.extraction.evaluate import Score, evaluate, facts_of, load_gold
from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import Document


def _report(gold, docs):
    rules = load_rules()
    return evaluate(gold, [extract(rules, d) for d in read_documents([docs]) if isinstance(d, Document)])


def test_seeds_reach_the_quality_gate():
    report = _report(GOLD, SEEDS)
    assert report.f1("primary") >= 0.90, report.scores["primary"]
    assert report.f1("all") >= 0.85, report.scores["all"]
    assert report.f1("actors") >= 0.90, report.scores["actors"]


#: Just under what the bundled pack reaches on the development set (articles on other crises, never
#: copied into rules or examples); a change that loses quality on news it was not written on fails.
DEV_GATE = {"primary": 0.87, "all": 0.78, "actors": 0.95}


@pytest.mark.parametrize("key", sorted(DEV_GATE))
def test_development_set_reaches_the_quality_gate(dev_report, key):
    assert dev_report.f1(key) >= DEV_GATE[key], dev_report.scores[key]


@pytest.fixture(scope="module")
def dev_report():
    return _report(DEV / "gold.yaml", DEV / "docs")


def test_scoring_counts_unique_facts_per_document_and_meets_either_way():
    _alias, _, docs = load_gold(GOLD)
    d3 = next(d for d in docs if d.doc.startswith("003"))
    assert ("Ben Wallace", "MEETS", "Jens Stoltenberg", False) in d3.relations
    s = Score()
    s.add({("a", "T", "b", False)}, {("a", "T", "b", False), ("c", "T", "d", False)})
    assert (s.tp, s.fp, s.fn, round(s.precision, 2), s.recall) == (1, 1, 0, 0.5, 1.0)


def test_a_rule_pack_without_relations_scores_zero_recall(tmp_path):
    (tmp_path / "p.yaml").write_text("actors:\n  - {id: org:nato, name: NATO, type: Organisation}\n")
    rules = load_rules([tmp_path])
    exs = [extract(rules, d) for d in read_documents([SEEDS]) if isinstance(d, Document)]
    report = evaluate(GOLD, exs)
    assert report.scores["all"].tp == 0 and report.scores["all"].fn > 50
    assert len(report.misses) > 50


def test_extracted_names_map_to_gold_by_alias():
    alias, _, _ = load_gold(GOLD)
    rules = load_rules()
    ex = extract(rules, Document(id="x", text="The Russian Foreign Ministry demanded guarantees from NATO."))
    facts, _ = facts_of(ex, alias)
    assert ("Russian Foreign Ministry", "DEMANDS", "NATO", False) in facts
