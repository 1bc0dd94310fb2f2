"""Each query the explorer and snapshots use, on a small known graph in the real Neo4j."""

from __future__ import annotations

import pytest
from support import extraction as ex
from support import relation as R

from graph.errors import QueryError
from graph.model import ActorRef, ViewParams
from graph.store import Store

pytestmark = pytest.mark.neo4j

NATO = ActorRef("org:nato", "NATO", "Organisation")
RUS = ActorRef("state:rus", "Russia", "State")
UKR = ActorRef("state:ukr", "Ukraine", "State")
GBR = ActorRef("state:gbr", "United Kingdom", "State")
JS = ActorRef("person:js", "Jens Stoltenberg", "Person")
FAR = ActorRef("state:far", "Faraway", "State")


@pytest.fixture(scope="module")
def store(neo4j_driver, neo4j_settings):
    from support import wipe

    wipe(neo4j_driver, neo4j_settings.database)
    s = Store(neo4j_driver, neo4j_settings.database)
    s.load(
        [
            ex(
                "d1",
                "2021-12-01",
                [R("d1", RUS, "DEMANDS", NATO, 1, "2021-12-01"), R("d1", JS, "MEMBER_OF", NATO, 20, "2021-12-01")],
            ),
            ex(
                "d2",
                "2022-01-10",
                [
                    R("d2", RUS, "DEMANDS", NATO, 1, "2022-01-10"),
                    R("d2", NATO, "SUPPORTS", UKR, 30, "2022-01-10"),
                    R("d2", NATO, "DEPLOYS", UKR, 50, "2022-01-10", neg=True),
                ],
            ),
            ex(
                "d3",
                "2022-02-01",
                [R("d3", GBR, "WARNS", RUS, 1, "2022-02-01"), R("d3", UKR, "MEETS", FAR, 9, "2022-02-01")],
            ),
        ]
    )
    yield s
    wipe(neo4j_driver, neo4j_settings.database)


def ids(sub):
    return {n.id for n in sub.nodes}


def test_search_finds_by_prefix_alias_and_typo(store):
    assert store.search_actors("NAT")[0].id == "org:nato"
    assert store.search_actors("stoltenbreg")[0].id == "person:js"
    assert store.search_actors("") == []
    assert store.search_actors('"(]') == []  # Lucene syntax is escaped, not an error


def test_neighbourhood_depth_and_filters(store):
    assert ids(store.neighbourhood(ViewParams(focus="org:nato", depth=1))) == {
        "org:nato",
        "state:rus",
        "person:js",
        "state:ukr",
    }
    assert "state:far" in ids(store.neighbourhood(ViewParams(focus="org:nato", depth=2)))
    only = store.neighbourhood(ViewParams(focus="org:nato", relation_types=("DEMANDS",)))
    assert ids(only) == {"org:nato", "state:rus"} and only.edges[0].count == 2
    assert ids(store.neighbourhood(ViewParams(focus="org:nato", actor_types=("State",)))) == {
        "org:nato",
        "state:rus",
        "state:ukr",
    }


def test_date_range_min_evidence_and_negated(store):
    jan = store.neighbourhood(ViewParams(focus="org:nato", since="2022-01-01", until="2022-01-31"))
    assert ids(jan) == {"org:nato", "state:rus", "state:ukr"} and jan.documents == 1
    strong = store.neighbourhood(ViewParams(focus="org:nato", min_evidence=2))
    assert [(e.source, e.type, e.count) for e in strong.edges] == [("state:rus", "DEMANDS", 2)]
    no_neg = store.neighbourhood(ViewParams(focus="org:nato", include_negated=False))
    assert not any(e.negated for e in no_neg.edges) and any(
        e.negated for e in store.neighbourhood(ViewParams(focus="org:nato")).edges
    )


def test_neighbourhood_is_bounded_by_the_limit(store):
    sub = store.neighbourhood(ViewParams(focus="org:nato", depth=2, limit=2))
    assert len(sub.nodes) <= 2 and sub.truncated


def test_shortest_path_between_two_actors(store):
    sub = store.paths("person:js", "state:far", ViewParams())
    assert ids(sub) == {"person:js", "org:nato", "state:ukr", "state:far"}
    pairs = {frozenset((e.source, e.target)) for e in sub.edges}
    assert pairs == {
        frozenset(p) for p in [("person:js", "org:nato"), ("org:nato", "state:ukr"), ("state:ukr", "state:far")]
    }


def test_evidence_of_an_edge_traces_to_documents(store):
    ev = store.evidence("state:rus", "org:nato", "DEMANDS")
    assert [(e.doc, e.title, e.date, e.rule) for e in ev] == [
        ("d1", "Title d1", "2021-12-01", "rule-x"),
        ("d2", "Title d2", "2022-01-10", "rule-x"),
    ]
    assert store.evidence("state:rus", "org:nato", "DEMANDS", since="2022-01-01")[0].doc == "d2"
    assert store.evidence("org:nato", "state:ukr", "DEPLOYS", negated=True)[0].negated


def test_document_graph_and_document_view(store):
    sub = store.document_graph("d2")
    assert ids(sub) == {"org:nato", "state:rus", "state:ukr"} and len(sub.edges) == 3
    view, evidence = store.document("d2"), store.document_relations("d2")
    assert view.summary.relations == 3 and view.text == "text of d2" and len(evidence) == 3
    assert store.document("nope") is None
    assert [d.id for d in store.documents()] == ["d3", "d2", "d1"]


def test_actor_details_and_statistics(store):
    nato = store.actor("org:nato")
    assert nato.degree == 5 and nato.mentions == 2 and nato.strongest[0].other == "Russia"
    assert store.actor("person:js").member_of == ("NATO",)
    st = store.stats()
    assert st.count("DEMANDS") == 2 and st.count("Actor") == 6 and st.top_actors[0].id == "org:nato"
    assert (st.first_date, st.last_date) == ("2021-12-01", "2022-02-01")


def test_overview_without_focus_shows_the_busiest_actors(store):
    sub = store.overview(ViewParams(limit=3))
    assert "org:nato" in ids(sub) and len(sub.nodes) <= 3


def test_read_query_returns_table_and_graph(store):
    res = store.read_query("MATCH p=(a:Actor {id:$id})-[r:DEMANDS]->(b) RETURN a.name AS name, p", {"id": "state:rus"})
    assert res.columns == ("name", "p") and len(res.rows) == 1  # one aggregate for both occurrences
    assert ids(res.subgraph) == {"state:rus", "org:nato"} and res.subgraph.edges[0].count == 2
    capped = store.read_query("UNWIND range(1, 50) AS x RETURN x", row_cap=10)
    assert len(capped.rows) == 10 and capped.truncated


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:X)",
        "MATCH (n) SET n.x = 1",
        "MERGE (n:X {id: 1})",
        "MATCH (n) DETACH DELETE n",
        "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    ],
)
def test_read_query_refuses_writes(store, cypher):
    with pytest.raises(QueryError, match="read-only"):
        store.read_query(cypher)
    assert store.stats().count("Actor") == 6


def test_the_server_itself_refuses_writes_in_the_read_transaction(store):
    with pytest.raises(QueryError, match=r"read-only|refused"):
        store.read_query("CALL db.createLabel('Sneaky')")


def test_a_long_query_is_stopped_by_the_timeout(store):
    with pytest.raises(QueryError, match="longer than"):
        store.read_query("UNWIND range(1, 300000000) AS x WITH x WHERE x = -1 RETURN count(*)", timeout=0.5)


def test_view_merges_expanded_actors_neighbours(store):
    base = store.view(ViewParams(focus="person:js", depth=1))
    assert ids(base) == {"person:js", "org:nato"}
    grown = store.view(ViewParams(focus="person:js", depth=1), expanded=("org:nato",))
    assert ids(grown) == {"person:js", "org:nato", "state:rus", "state:ukr"}
    assert {(e.source, e.target) for e in grown.edges} >= {("state:rus", "org:nato"), ("person:js", "org:nato")}


def test_resolve_actor_by_id_name_or_typo(store):
    assert store.resolve_actor("org:nato").name == "NATO"
    assert store.resolve_actor("Jens Stoltenberg").id == "person:js"
    assert store.resolve_actor("stoltenbreg").id == "person:js"
    assert store.resolve_actor("zzzzqqq") is None and store.resolve_actor(" ") is None
    assert [n.id for n in store.nodes(["state:ukr", "nope", "org:nato"])] == ["state:ukr", "org:nato"]


def test_rule_hits_count_stored_relations_per_rule(store):
    assert store.rule_hits() == {"rule-x": 7}


def test_write_query_writes_and_read_query_reads_it_back(store):
    try:
        res = store.write_query("CREATE (n:Note {text: $t}) RETURN n.text AS text", {"t": "hello"})
        assert res.rows == (("hello",),)
        assert store.read_query("MATCH (n:Note) RETURN n.text AS t").rows == (("hello",),)
    finally:
        store.write_query("MATCH (n:Note) DELETE n")


def test_relations_by_day_counts_the_corpus_over_time(store):
    days = {b.day: (b.relations, b.documents) for b in store.relations_by_day()}
    assert days == {"2021-12-01": (2, 1), "2022-01-10": (3, 1), "2022-02-01": (2, 1)}


def test_warming_up_reads_the_first_views_and_writes_nothing(store, neo4j_driver, neo4j_settings):
    def snapshot():
        records, _, _ = neo4j_driver.execute_query(
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r, "
            "sum(coalesce(n.weight, 0)) AS w",
            database_=neo4j_settings.database,
        )
        return dict(records[0])

    before = snapshot()
    took = store.warm_up()
    assert {"overview", "focus, depth 2", "focus, depth 2, latest month", "search", "evidence", "paths"} <= set(took)
    assert all(seconds >= 0 for seconds in took.values())
    assert snapshot() == before
