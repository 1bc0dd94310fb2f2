"""Extraction on sentences the rules were not tuned on: the same constructions, other actors."""

from __future__ import annotations

import pytest

from graph.extraction.clauses import sentences
from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import Document


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def facts(rules, text, date=None):
    ex = extract(rules, Document(id="t.txt", text=text, date=date))
    return {(r.subject.name, r.type, r.object.name, r.negated) for r in ex.relations}, ex


HELD_OUT = [
    (
        "French Foreign Minister Catherine Colonna met with Indian Prime Minister Narendra Modi in Delhi.",
        {
            ("Catherine Colonna", "MEMBER_OF", "France", False),
            ("Narendra Modi", "MEMBER_OF", "India", False),
            ("Catherine Colonna", "MEETS", "Narendra Modi", False),
        },
    ),
    (
        "Japan and South Korea have threatened North Korea with new sanctions.",
        {("Japan", "THREATENS", "North Korea", False), ("South Korea", "THREATENS", "North Korea", False)},
    ),
    (
        "Beijing has warned Taipei's allies that Washington would pay a price.",
        {("China", "WARNS", "United States", False)},
    ),
    ("Turkey is not a member of the European Union.", {("Turkey", "MEMBER_OF", "European Union", True)}),
    ("Tokyo has no plans to send troops to Sudan.", {("Japan", "DEPLOYS", "Sudan", True)}),
    (
        "Poland and Lithuania are sending weapons to Kyiv.",
        {("Poland", "SUPPORTS", "Ukraine", False), ("Lithuania", "SUPPORTS", "Ukraine", False)},
    ),
    (
        "The European Union and Canada rejected China's demands.",
        {("China", "DEMANDS", "European Union", False), ("China", "DEMANDS", "Canada", False)},
    ),
    ("Ankara condemned Sweden's decision.", {("Turkey", "CRITICIZES", "Sweden", False)}),
    ("Iran was warned by the IAEA on Tuesday.", {("IAEA", "WARNS", "Iran", False)}),
    ("If Spain were a member of the alliance, things would differ.", set()),
    # coordination: "and"-lists, headline comma lists; an apposition after a comma is no list member
    (
        "Japan warned China, South Korea and Vietnam.",
        {
            ("Japan", "WARNS", "China", False),
            ("Japan", "WARNS", "South Korea", False),
            ("Japan", "WARNS", "Vietnam", False),
        },
    ),
    (
        "Canada, Norway will support Finland",
        {("Canada", "SUPPORTS", "Finland", False), ("Norway", "SUPPORTS", "Finland", False)},
    ),
    (
        "Germany will send 14 Leopard 2 tanks to Ukraine, Chancellor Olaf Scholz announced.",
        # a listed office holder's title binds him to the office's state
        {("Germany", "SUPPORTS", "Ukraine", False), ("Olaf Scholz", "MEMBER_OF", "Germany", False)},
    ),
    # a place set off by a comma does not act; a title that names nobody gives nothing
    ("In Madrid, the minister warned Morocco.", set()),
    ("Officials in Warsaw warned Belarus.", {("Poland", "WARNS", "Belarus", False)}),
    # passive voice of any verb rule: the "by" agent is the subject; no agent, no relation
    ("Australia was criticised by France over the submarine deal.", {("France", "CRITICIZES", "Australia", False)}),
    ("Japan wasn't warned by China.", {("China", "WARNS", "Japan", True)}),
    (
        "Ukraine is supported by Poland and Lithuania.",
        {("Poland", "SUPPORTS", "Ukraine", False), ("Lithuania", "SUPPORTS", "Ukraine", False)},
    ),
    ("Australia was criticised over the deal with France.", set()),
    ("Sweden is a member of the EU.", {("Sweden", "MEMBER_OF", "European Union", False)}),
    ("The Houthis threatened Saudi Arabia.", {("Houthis", "THREATENS", "Saudi Arabia", False)}),
]


@pytest.mark.parametrize("text,expected", HELD_OUT)
def test_held_out_sentences(rules, text, expected):
    got, _ = facts(rules, text)
    assert got == expected


def test_title_alone_resolves_to_the_office_holder_on_the_articles_date(rules):
    text = "The NATO Secretary General warned Russia."
    before, _ = facts(rules, text, date="2022-01-10")
    after, _ = facts(rules, text, date="2025-03-01")
    assert ("Jens Stoltenberg", "WARNS", "Russia", False) in before
    assert ("Mark Rutte", "WARNS", "Russia", False) in after


def test_discovered_person_gets_member_of_and_later_surname_mentions(rules):
    got, ex = facts(rules, "German Foreign Minister Annalena Baerbock visited Kyiv. Baerbock warned Moscow.")
    assert ("Annalena Baerbock", "MEMBER_OF", "Germany", False) in got
    assert ("Annalena Baerbock", "WARNS", "Russia", False) in got
    assert [m.text for m in ex.mentions if m.actor.name == "Annalena Baerbock"] == ["Annalena Baerbock", "Baerbock"]


def test_pronoun_takes_the_last_compatible_actor(rules):
    got, _ = facts(rules, "Chancellor Olaf Scholz spoke on Monday. He warned Iran.")
    assert ("Olaf Scholz", "WARNS", "Iran", False) in got


def test_ministries_and_units_are_discovered_and_tied_to_their_state(rules):
    got, ex = facts(rules, "The Polish Ministry of Defence said the Belarusian 120th Brigade moved.")
    names = {a.name for a in ex.actors}
    assert {"Polish Ministry of Defence", "Belarusian 120th Brigade"} <= names
    assert ("Polish Ministry of Defence", "MEMBER_OF", "Poland", False) in got
    assert ("Belarusian 120th Brigade", "MEMBER_OF", "Belarus", False) in got


def test_every_relation_carries_its_evidence(rules):
    text = "Some intro.\nCanada has warned Iran. Later, Japan met with India."
    _, ex = facts(rules, text, date="2023-05-01")
    for r in ex.relations:
        assert text[r.start : r.end] in r.sentence and r.sentence in text
        assert r.subject.name.split()[0] in text[r.start : r.end] or r.subject.id.startswith("state:")
        assert r.doc == "t.txt" and r.date == "2023-05-01" and r.rule
    assert {r.rule for r in ex.relations} == {"warn", "meet"}


def test_extraction_is_pure_and_deterministic(rules):
    doc = Document(id="d", text="The US and the UK have threatened Russia. NATO met with the EU.")
    assert extract(rules, doc) == extract(rules, doc)


def test_sentence_split_keeps_abbreviations_together():
    text = "The U.S. Secretary spoke. Then Mr. Smith left! Done"
    assert [text[s:e] for s, e in sentences(text)] == ["The U.S. Secretary spoke.", "Then Mr. Smith left!", "Done"]


def test_case_matters_for_short_names(rules):
    got, ex = facts(rules, "Let us warn who they want.")
    assert not ex.mentions and not got


def test_a_long_single_line_document_is_extracted_whole(rules):
    # one line, 1 MB: every repetition gives its relations (offsets, not line breaks, carry the evidence)
    unit = "NATO warned Russia. German Foreign Minister Annalena Baerbock met Baerbock's counterpart. "
    n = 1_000_000 // len(unit)
    ex = extract(rules, Document(id="big.txt", text=unit * n))
    warns = [r for r in ex.relations if r.type == "WARNS"]
    assert len(warns) == n
    assert warns[-1].start == (n - 1) * len(unit) and warns[-1].sentence == "NATO warned Russia."
    assert sum(r.type == "MEMBER_OF" and r.subject.name == "Annalena Baerbock" for r in ex.relations) == n


def test_nobody_acts_on_their_own_side(rules):
    got, _ = facts(
        rules,
        "US Secretary of State Antony Blinken visited Beijing. "
        "He warned that Washington would impose sanctions on Chinese firms.",
    )
    assert got == {("Antony Blinken", "MEMBER_OF", "United States", False)}
