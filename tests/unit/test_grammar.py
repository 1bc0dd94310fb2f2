"""The grammar every predicate shares, read through ``extract``: mechanisms that reach beyond the
verb and its neighbours (nouns standing for a pair of actors named before, documents acting for
the body that adopts them, conditional warnings). Every sentence here is invented."""

from __future__ import annotations

import pytest

from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import Document


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def relations(rules, text):
    ex = extract(rules, Document(id="t.txt", text=text))
    return {(r.subject.name, r.type, r.object.name, r.negated) for r in ex.relations if r.type != "MEMBER_OF"}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Fighting between Ethiopia and Eritrea flared again. Kenya urged both sides to return to talks.",
            {("Kenya", "DEMANDS", "Ethiopia", False), ("Kenya", "DEMANDS", "Eritrea", False)},
        ),
        (
            "After the Israel-Hezbollah war, France called on the two parties to respect the truce.",
            {("France", "DEMANDS", "Israel", False), ("France", "DEMANDS", "Hezbollah", False)},
        ),
        (
            "Talks between Serbia and Kosovo stalled in May. In June the EU warned the two sides against delay.",
            {
                ("Serbia", "MEETS", "Kosovo", False),
                ("European Union", "WARNS", "Serbia", False),
                ("European Union", "WARNS", "Kosovo", False),
            },
        ),
    ],
)
def test_a_pair_noun_stands_for_the_two_sides_named_before(rules, text, expected):
    assert relations(rules, text) == expected


def test_a_pair_noun_with_no_pair_before_it_names_nobody(rules):
    assert relations(rules, "Egypt and Jordan met in Cairo. They urged both sides to stop.") == {
        ("Egypt", "MEETS", "Jordan", False)
    }
