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


@pytest.mark.parametrize(
    "text,expected",
    [
        # the body adopting a text demands what the text demands, across a relative clause
        (
            "The Security Council, which has 15 members, met on Monday and later adopted a resolution calling on "
            "Ethiopia to withdraw.",
            {("UN Security Council", "DEMANDS", "Ethiopia", False)},
        ),
        (
            "A statement from the African Union urging Chad to hold elections was read.",
            {("African Union", "DEMANDS", "Chad", False)},
        ),
        ("The EU's statement urging Serbia to act came late.", {("European Union", "DEMANDS", "Serbia", False)}),
        ("Japan issued a statement urging China to refrain.", {("Japan", "DEMANDS", "China", False)}),
        # a state that vetoes a text does not demand what it says
        ("Russia vetoed a resolution calling on Syria to stop.", set()),
    ],
)
def test_a_document_demands_for_the_body_that_adopts_it(rules, text, expected):
    assert relations(rules, text) == expected


def test_the_subject_of_a_main_clause_stands_before_a_relative_clause(rules):
    got = relations(rules, "Hungary, which holds the rotating presidency, urged Serbia to calm tensions.")
    assert got == {("Hungary", "DEMANDS", "Serbia", False)}
