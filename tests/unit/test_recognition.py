"""Actors recognised from the text around them, not only looked up in the rule pack: people after a
title or in an apposition, organisations by their head noun or a defined acronym, a state's own
bodies, office holders by the article's date. Every name here is unknown to the bundled pack
unless the test says otherwise."""

from __future__ import annotations

import pytest

from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import Document


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def run(rules, text, date=None):
    ex = extract(rules, Document(id="t.txt", text=text, date=date))
    actors = {(a.name, a.type) for a in ex.actors}
    members = {(r.subject.name, r.object.name) for r in ex.relations if r.type == "MEMBER_OF" and not r.negated}
    return actors, members, ex


@pytest.mark.parametrize(
    "text,person,body",
    [
        # a title with a state's demonym, name or possessive before it
        ("Kenyan Foreign Minister Musalia Mudavadi flew to Addis Ababa on Tuesday.", "Musalia Mudavadi", "Kenya"),
        ("Ghana's deputy defence minister Kwame Mensah Boateng toured the border.", "Kwame Mensah Boateng", "Ghana"),
        # adjectives between the state and the title
        ("The Japanese senior vice foreign minister Kenji Aoyama arrived late.", "Kenji Aoyama", "Japan"),
        # the title's complement says where, not whose
        ("The Dutch special envoy to the Sahel Pieter de Vries stayed two days.", "Pieter de Vries", "Netherlands"),
        # an apposition after the name: the ambassador represents her state, not the body she is sent to
        ("Karin Lindqvist, the Swedish ambassador to the OSCE, left the room.", "Karin Lindqvist", "Sweden"),
        # an apposition before the name, with the state after the title
        ("Norway's defence minister, Bjorn Arne Haugen, spoke first.", "Bjorn Arne Haugen", "Norway"),
        ("The prime minister of Portugal, Rui Costa Almeida, was not consulted.", "Rui Costa Almeida", "Portugal"),
        # names with particles, hyphens and non-English letters
        ("Saudi Energy Minister Abdulaziz bin Salman spoke by video.", "Abdulaziz bin Salman", "Saudi Arabia"),
        ("Turkish Foreign Minister Çağrı Yıldız-Öztürk met reporters.", "Çağrı Yıldız-Öztürk", "Turkey"),
    ],
)
def test_unknown_person_is_recognised_from_a_title_or_apposition(rules, text, person, body):
    actors, members, _ = run(rules, text)
    assert (person, "Person") in actors
    assert (person, body) in members


def test_one_word_name_after_a_title_and_later_mentions_by_surname(rules):
    _actors, members, ex = run(rules, "Kenyan President Mwangaza Oduya spoke. Later, President Oduya left Nairobi.")
    people = {a.name for a in ex.actors if a.type == "Person"}
    assert people == {"Mwangaza Oduya"}
    assert ("Mwangaza Oduya", "Kenya") in members
    assert sum(1 for m in ex.mentions if m.actor.name == "Mwangaza Oduya") == 2


def test_speaker_of_said_is_a_person_but_a_role_noun_is_not(rules):
    actors, _, _ = run(rules, "Talks resumed, Halvard Moe Lindgren said on Friday. The Secretary also said more.")
    assert ("Halvard Moe Lindgren", "Person") in actors
    assert not any(name == "Secretary" for name, _ in actors)


def test_a_body_the_phrase_ties_to_its_state_hands_the_state_on(rules):
    _, members, _ = run(rules, "U.S. State Department spokesman Darren Whitfield said the visit was off.")
    assert ("Darren Whitfield", "United States") in members
    assert ("US State Department", "United States") in members


def test_organisation_by_head_noun_and_acronym_defined_in_parentheses(rules):
    text = "Fighters of the Patriotic Movement for Sahel Renewal (PMSR) took the town. The PMSR denied it."
    actors, members, ex = run(rules, text)
    assert ("Patriotic Movement for Sahel Renewal", "Organisation") in actors
    assert not members  # an armed group of no state
    assert [m.text for m in ex.mentions if m.actor.name == "Patriotic Movement for Sahel Renewal"][-1] == "PMSR"


@pytest.mark.parametrize(
    "text,body,state",
    [
        ("Nigeria's Coast Guard intercepted the ship.", "Nigeria Coast Guard", "Nigeria"),
        ("Officers of the Kenya Defence Forces were deployed.", "Kenya Defence Forces", "Kenya"),
        ("Ghana's defence ministry confirmed the figures.", "Ghanaian Ministry of Defence", "Ghana"),
        ("The Grand Assembly of Mongolia voted on the treaty.", "Mongolia Grand Assembly", "Mongolia"),
        ("Chinese coastguard ships followed the convoy.", "Chinese Coastguard", "China"),
    ],
)
def test_a_states_own_body_is_found_and_tied_to_it(rules, text, body, state):
    actors, members, _ = run(rules, text)
    assert (body, "Organisation") in actors
    assert (body, state) in members


def test_a_states_security_council_is_not_the_un_security_council(rules):
    text = "Russia's Security Council met on Monday, a day before the UN Security Council did."
    actors, members, _ = run(rules, text)
    assert ("Russia Security Council", "Russia") in members
    assert ("UN Security Council", "Organisation") in actors
    assert ("UN Security Council", "Russia") not in members


def test_two_names_joined_by_and_are_not_one_body(rules):
    actors, _, _ = run(rules, "Japan, the United Kingdom and the African Union sent observers.")
    assert {"Japan", "United Kingdom", "African Union"} <= {name for name, _ in actors}
    assert all("and" not in name for name, _ in actors)


@pytest.mark.parametrize(
    "date,expected",
    [("2023-05-02", "Jens Stoltenberg"), ("2025-03-01", "Mark Rutte"), (None, "Mark Rutte")],
)
def test_a_title_alone_is_the_office_holder_on_the_articles_date(rules, date, expected):
    actors, members, _ = run(rules, "The NATO Secretary General warned Moscow again.", date)
    assert (expected, "Person") in actors
    assert (expected, "NATO") in members


@pytest.mark.parametrize(
    "date,expected", [("2020-06-01", "Angela Merkel"), ("2023-06-01", "Olaf Scholz"), (None, "Friedrich Merz")]
)
def test_office_holders_by_date_and_an_undated_article_is_read_as_current(rules, date, expected):
    actors, _, _ = run(rules, "The German chancellor promised more help.", date)
    assert {name for name, t in actors if t == "Person"} == {expected}


def test_a_listed_persons_title_binds_them_to_the_office_body(rules):
    _, members, _ = run(rules, "President Emmanuel Macron arrived in Dakar.")
    assert ("Emmanuel Macron", "France") in members


def test_news_agency_in_a_dateline_or_credit_is_no_actor(rules):
    actors, _, _ = run(rules, "Nairobi (Reuters) - Kenya warned Somalia. Photo: A. Person/AFP")
    names = {name for name, _ in actors}
    assert "Reuters" not in names and "AFP" not in names
    actors, _, _ = run(rules, "Kenya warned Somalia, Reuters reported.")
    assert ("Reuters", "Organisation") in actors


@pytest.mark.parametrize(
    "text,person,state",
    [
        # a title with no affiliation of its own, in a list of one state's team
        ("Chile's two negotiators were Deputy Trade Minister Ana Rojas and Tomas Vidal.", "Ana Rojas", "Chile"),
        ("The Polish delegation included Deputy Foreign Minister Marek Zielinski.", "Marek Zielinski", "Poland"),
        # the state of the person listed right before
        (
            "Omani Foreign Minister Said Al Harthy and Chief of Staff Nasser Al Kindi attended.",
            "Nasser Al Kindi",
            "Oman",
        ),
        # a possessive person: the aide serves the same state
        ("Macron's adviser Etienne Morel flew to Algiers.", "Etienne Morel", "France"),
        # a relative clause between the title and the name
        ("The UN official who leads the mission, Carla Benedetti, resigned.", "Carla Benedetti", "United Nations"),
    ],
)
def test_a_title_without_affiliation_takes_it_from_its_frame(rules, text, person, state):
    _, members, _ = run(rules, text, "2023-06-01")
    assert (person, state) in members


def test_a_state_after_the_title_or_far_away_is_no_frame(rules):
    _, members, _ = run(rules, "Vice President Lena Hart visited Chile and met its leaders.")
    assert not members


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Chilean government warned Argentina.", ("Chile", "WARNS", "Argentina")),
        ("Mali's transitional authorities criticised France.", ("Mali", "CRITICIZES", "France")),
        ("The junta in Niger warned France.", ("Niger", "WARNS", "France")),
        ("Hezbollah officials condemned Israel.", ("Hezbollah", "CRITICIZES", "Israel")),
        ("The Biden administration warned Iran.", ("United States", "WARNS", "Iran")),
        (
            "President Ana Ruiz of Peru spoke first. The Ruiz government then criticised Bolivia.",
            ("Peru", "CRITICIZES", "Bolivia"),
        ),
    ],
)
def test_a_group_noun_acts_for_the_actor_that_modifies_it(rules, text, expected):
    _, _, ex = run(rules, text, "2023-01-05")
    assert expected in {(r.subject.name, r.type, r.object.name) for r in ex.relations}


def test_a_listed_office_holder_named_with_the_offices_state_in_one_sentence_belongs_to_it(rules):
    _, members, _ = run(rules, "Netanyahu told reporters that Israel would not stop.", "2024-02-01")
    assert ("Benjamin Netanyahu", "Israel") in members
    _, members, _ = run(rules, "Netanyahu told reporters that Israel would not stop.", "2021-10-01")
    assert not members  # not in office on that date: the sentence alone does not say he serves Israel


def test_the_vice_president_is_not_the_president(rules):
    actors, members, _ = run(rules, "The US vice president flew to Warsaw.", "2022-03-10")
    assert ("Kamala Harris", "United States") in members
    assert ("Joe Biden", "Person") not in actors


@pytest.mark.parametrize(
    "text,member",
    [
        ("Egypt's feared paramilitary Central Security Forces moved in.", ("Central Security Forces", "Egypt")),
        ("Turkish state news agency Anadolu reported the strike.", ("Anadolu Agency", "Turkey")),
        ("Marta Ilves, director of NATO's cyber defence centre, spoke.", ("Marta Ilves", "NATO")),
    ],
)
def test_descriptors_between_a_body_and_its_owner(rules, text, member):
    _, members, _ = run(rules, text)
    assert member in members


def test_a_title_alone_without_affiliation_is_the_holder_the_text_names(rules):
    text = "Mr Sunak met the King. Later the prime minister said Britain would help."
    _, members, ex = run(rules, text, "2023-05-01")
    assert ("Rishi Sunak", "United Kingdom") in members
    assert sum(1 for m in ex.mentions if m.actor.name == "Rishi Sunak") == 2


def test_what_comes_from_an_actor_is_no_place(rules):
    actors, _, _ = run(rules, "The strikes went ahead with backing from Denmark and Norway.")
    assert {("Denmark", "State"), ("Norway", "State")} <= actors
    actors, _, _ = run(rules, "The convoy arrived from Denmark on Monday.")
    assert ("Denmark", "State") not in actors


def test_a_verb_before_a_capitalised_title_is_not_part_of_it(rules):
    # "press Secretary" is no press secretary: the title is "Secretary of State", Rubio's office
    _, members, _ = run(rules, "Allies will press Secretary of State Marco Rubio for answers.", "2025-03-01")
    assert ("Marco Rubio", "United States") in members


def test_an_honorific_surname_finds_the_full_name_elsewhere_in_the_text(rules):
    text = "Tomas Ekberg meets Ruth Dalton in Oslo\nTalks went on. Mr Ekberg and Ms Dalton disagreed."
    actors, _, ex = run(rules, text)
    assert {name for name, t in actors if t == "Person"} == {"Tomas Ekberg", "Ruth Dalton"}
    assert ("Tomas Ekberg", "MEETS", "Ruth Dalton") in {(r.subject.name, r.type, r.object.name) for r in ex.relations}


def test_he_inside_a_sentence_is_its_subject(rules):
    text = "Keir Starmer met Emmanuel Macron on Friday, as he warned Russia again."
    _, _, ex = run(rules, text, "2025-03-01")
    assert ("Keir Starmer", "WARNS", "Russia") in {(r.subject.name, r.type, r.object.name) for r in ex.relations}
