"""The grammar every predicate shares, read through ``extract``: mechanisms that reach beyond the
verb and its neighbours (nouns standing for a pair of actors named before, documents acting for
the body that adopts them, conditional warnings). Every sentence here is invented."""

from __future__ import annotations

import re

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


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Morocco said it would respond firmly if Algeria closed the pipeline.",
            {("Morocco", "WARNS", "Algeria", False)},
        ),
        (
            "If Belarus moves troops to the border, Lithuania will act, its president said.",
            {("Lithuania", "WARNS", "Belarus", False)},
        ),
        (
            "Seoul is ready to retaliate if Pyongyang launches another missile.",
            {("South Korea", "WARNS", "North Korea", False)},
        ),
        # "they" opening the condition stands for the pair named before
        (
            "Oman watches the contacts between Iran and Yemen. “If they sign the pact, we will respond,” "
            "said Oman's Foreign Minister Badr Albusaidi.",
            {("Badr Albusaidi", "WARNS", "Iran", False), ("Badr Albusaidi", "WARNS", "Yemen", False)},
        ),
        # no condition, or a consequence that is only explained: no warning
        ("India will strengthen its navy near Sri Lanka.", set()),
        ("The minister explained how Chile would react if Peru closed the border.", set()),
    ],
)
def test_a_conditional_consequence_warns_the_actor_of_the_condition(rules, text, expected):
    assert relations(rules, text) == expected


def test_a_speakers_we_says_things_in_person_but_acts_as_the_speakers_side(rules):
    said = relations(rules, "“We urge Lima to stop,” said Chilean Foreign Minister Alberto van Klaveren.")
    assert said == {("Alberto van Klaveren", "DEMANDS", "Peru", False)}
    done = relations(rules, "“We helped Kenya with grain,” said Chilean Foreign Minister Alberto van Klaveren.")
    assert done == {("Chile", "SUPPORTS", "Kenya", False)}


def test_he_after_a_closing_quote_is_the_speaker_named_before_the_quote(rules):
    text = (
        "Canadian Foreign Minister Melanie Joly spoke on Monday. “Nobody should help Vladimir Putin, and "
        "we urge Tehran to stop,” she said."
    )
    assert ("Melanie Joly", "DEMANDS", "Iran", False) in relations(rules, text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Since 1999 KFOR has been stationed in Kosovo.", {("KFOR", "DEPLOYS", "Kosovo", False)}),
        (
            "The Wagner Group is also involved in Libya and Sudan.",
            {("Wagner Group", "DEPLOYS", "Libya", False), ("Wagner Group", "DEPLOYS", "Sudan", False)},
        ),
        ("The company is based in Germany and involved in Chile.", set()),
    ],
)
def test_an_armed_force_named_as_such_is_where_it_is_stationed_or_involved(rules, text, expected):
    assert relations(rules, text) == expected


def test_demonyms_coordinated_before_a_group_noun_all_act(rules):
    got = relations(rules, "Saudi, Qatari and Egyptian foreign ministers urged Germany to act.")
    assert got == {(s, "DEMANDS", "Germany", False) for s in ("Saudi Arabia", "Qatar", "Egypt")}
    # before a thing they only describe, they name no actor
    ex = extract(rules, Document(id="t.txt", text="Saudi, Qatari and Egyptian food prices rose."))
    assert not ex.actors


def test_the_leader_of_a_state_is_its_head_the_article_names(rules):
    text = "Emmanuel Macron landed in Dakar. The French leader later held talks with Senegalese President Macky Sall."
    ex = extract(rules, Document(id="t.txt", text=text, date="2022-06-01"))
    got = {(r.subject.name, r.type, r.object.name) for r in ex.relations if r.type == "MEETS"}
    assert got == {("Emmanuel Macron", "MEETS", "Macky Sall")}
    # not named in the article: "the French leader" names no person, only the state
    ex = extract(rules, Document(id="t.txt", text=text.split(". ")[1], date="2022-06-01"))
    assert "Emmanuel Macron" not in {a.name for a in ex.actors}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Ireland warned on Monday that the whole region would suffer badly if Britain left the customs union.",
            {("Ireland", "WARNS", "United Kingdom", False)},
        ),
        ("A truce between Armenia and Azerbaijan held for a week.", {("Armenia", "MEETS", "Azerbaijan", False)}),
        (
            "The pact, signed in Havana, between Colombia and the rebel FARC ended the war.",
            {("Colombia", "MEETS", "FARC", False)},
        ),
        (
            "A Kenyan team led by Foreign Minister Musalia Mudavadi sat down with a small Somali delegation headed by "
            "envoy Abdi Farah.",
            {("Musalia Mudavadi", "MEETS", "Abdi Farah", False)},
        ),
    ],
)
def test_conditions_agreements_and_teams_led_by_someone(rules, text, expected):
    assert relations(rules, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the region's members the article names, in any sentence, and only those
        (
            "Gulf states will press Iran for talks. Qatar and Oman sent envoys.",
            {("Qatar", "DEMANDS", "Iran", False), ("Oman", "DEMANDS", "Iran", False)},
        ),
        (
            "Egypt and Jordan hosted the talks. Israel later urged Arab states to help.",
            {
                ("Egypt", "MEETS", "Jordan", False),
                ("Israel", "DEMANDS", "Egypt", False),
                ("Israel", "DEMANDS", "Jordan", False),
            },
        ),
        ("Baltic leaders warned Russia on Friday.", set()),
    ],
)
def test_a_regional_group_stands_for_its_members_the_article_names(rules, text, expected):
    assert relations(rules, text) == expected


def test_a_rule_file_defines_regions_and_a_wrong_member_is_reported(tmp_path):
    from graph.errors import RuleError

    (tmp_path / "r.yaml").write_text("regions:\n  - {id: alps, names: [Alpine], members: [CHE, AUT, ZZZ]}\n")
    with pytest.raises(RuleError, match=re.escape("r.yaml:2: rule 'alps': reference to unknown actor 'state:zzz'")):
        load_rules([tmp_path, *load_rules().files])


def test_a_body_described_before_its_possessive_is_a_titles_affiliation_and_the_team_gives_the_state(rules):
    text = "The Ukrainian delegation included the SBU counter-intelligence service's deputy head Oleksandr Petrenko."
    ex = extract(rules, Document(id="t.txt", text=text))
    members = {(r.subject.name, r.object.name) for r in ex.relations if r.type == "MEMBER_OF"}
    assert {("Oleksandr Petrenko", "SBU"), ("Oleksandr Petrenko", "Ukraine")} <= members
    # an international body's official takes no state from the person listed before
    ex = extract(
        rules,
        Document(
            id="t.txt", text="Kenyan President William Ruto and NATO Secretary General Jens Stoltenberg sat down."
        ),
    )
    members = {(r.subject.name, r.object.name) for r in ex.relations if r.type == "MEMBER_OF"}
    assert ("Jens Stoltenberg", "NATO") in members and ("Jens Stoltenberg", "Kenya") not in members


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Vietnam warned that Chinese vessels would be seized.", {("Vietnam", "WARNS", "China", False)}),
        (
            "Armenia alleged that the Azerbaijani strikes had hit a school.",
            {("Armenia", "CRITICIZES", "Azerbaijan", False)},
        ),
        ("Mexico said that American tourists were welcome.", set()),
        ("Chile warned that Peruvian wine prices would rise.", set()),
    ],
)
def test_a_demonym_opening_a_that_clause_names_the_doer_of_a_deed(rules, text, expected):
    assert relations(rules, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "French forces, together with Britain and with support from Chad and Niger, struck the camp.",
            {("Chad", "SUPPORTS", "France", False), ("Niger", "SUPPORTS", "France", False)},
        ),
        ("Serbia acted with the help of Russia.", {("Russia", "SUPPORTS", "Serbia", False)}),
        ("Kenya, with backing from Uganda, sent a note.", {("Uganda", "SUPPORTS", "Kenya", False)}),
    ],
)
def test_with_support_from_someone_supports_the_subject_of_the_clause(rules, text, expected):
    assert relations(rules, text) == expected
