"""What the explorer's workbench asks of the store: undated relations under a date range, how a
capped view chose its actors hop by hop, the server's warnings about a query, and query results as
a screen shows them."""

from __future__ import annotations

from functools import partial

import pytest
from support import extraction, relation

from graph.model import ActorRef, ViewParams
from graph.store import results
from graph.store.store import Store

pytestmark = pytest.mark.neo4j


rel = partial(relation, rule="rule-w")


HUB = ActorRef("org:hub", "Hub Alliance", "Organisation")
SPOKES = [ActorRef(f"state:s{i:02d}", f"Spoke {i:02d}", "State") for i in range(12)]
FAR = [ActorRef(f"person:f{i:02d}", f"Far {i:02d}", "Person") for i in range(12)]
LOST = ActorRef("state:lost", "Undated Land", "State")


@pytest.fixture(scope="module")
def store(neo4j_driver, neo4j_settings):
    from support import wipe

    wipe(neo4j_driver, neo4j_settings.database)
    s = Store(neo4j_driver, neo4j_settings.database)
    docs = []
    for i, (spoke, far) in enumerate(zip(SPOKES, FAR)):
        # spoke i is linked to the hub i+1 times (so the strongest come first), and has one far actor
        rels = [rel(f"w{i}", HUB, "WARNS", spoke, 20 * k, "2022-03-01") for k in range(i + 1)]
        rels.append(rel(f"w{i}", far, "MEMBER_OF", spoke, 500, "2022-03-01"))
        docs.append(extraction(f"w{i}", "2022-03-01", rels))
    docs.append(extraction("undated", None, [rel("undated", HUB, "DEMANDS", LOST, 1, None)]))
    s.load(docs)
    yield s
    wipe(neo4j_driver, neo4j_settings.database)


def ids(sub):
    return {n.id for n in sub.nodes}


def test_a_date_range_keeps_undated_relations_unless_told_not_to(store):
    march = ViewParams(focus="org:hub", since="2022-03-01", until="2022-03-31", limit=100)
    assert "state:lost" in ids(store.neighbourhood(march))
    from dataclasses import replace

    assert "state:lost" not in ids(store.neighbourhood(replace(march, include_undated=False)))
    assert [e.doc for e in store.evidence("org:hub", "state:lost", "DEMANDS", since="2022-01-01")] == ["undated"]
    assert store.evidence("org:hub", "state:lost", "DEMANDS", since="2022-01-01", include_undated=False) == []


def test_under_a_cap_depth_two_shares_the_room_with_the_second_hop(store):
    one = store.neighbourhood(ViewParams(focus="org:hub", depth=1, limit=9))
    two = store.neighbourhood(ViewParams(focus="org:hub", depth=2, limit=9))
    assert len(one.nodes) == len(two.nodes) == 9 and one.truncated and two.truncated
    assert ids(one) != ids(two) and any(i.startswith("person:") for i in ids(two))
    # the strongest spokes are kept first, and the view says how many it found at each hop
    assert {"state:s11", "state:s10"} <= ids(two)
    # "found" counts the candidates the view's budgets read: more than it shows, at most all 13
    assert one.hops[0][0] == 8 and 8 < one.hops[0][1] <= 13
    assert two.hops[0][0] == 4 and 4 < two.hops[0][1] <= 13 and two.hops[1][0] == 4


def test_the_server_warns_about_a_misspelt_property(store):
    res = store.read_query("MATCH (a:Actor) RETURN a.nmae AS name LIMIT 3")
    assert res.rows and all(r == (None,) for r in res.rows)
    assert any("nmae" in n for n in res.notifications)
    assert store.read_query("MATCH (a:Actor) RETURN a.name AS name LIMIT 3").notifications == ()


def test_paths_and_relationships_read_as_names_on_screen(store):
    res = store.read_query(
        "MATCH p = (f:Person {id: 'person:f11'})-[m:MEMBER_OF]->(s)<-[w:WARNS]-(h) RETURN p, m, h LIMIT 1"
    )
    row = results.table_rows(res)[0]
    assert row["p"] == "Far 11 -MEMBER_OF-> Spoke 11 <-WARNS- Hub Alliance"
    assert row["m"] == "Far 11 -MEMBER_OF-> Spoke 11" and row["h"] == "Hub Alliance (Organisation)"
    assert "alias_text" not in str(row) and "rule-w" not in str(row)
    key = "person:f11|MEMBER_OF|state:s11|0"  # the aggregate's key: bookkeeping the screen leaves out
    assert key not in str(row) and key in results.to_json(res)  # the downloads keep every field


def test_stored_documents_come_back_page_by_page(store):
    docs = list(store.stored_documents(batch=5))
    assert [d.id for d in docs] == sorted([*(f"w{i}" for i in range(12)), "undated"])
    first = next(d for d in docs if d.id == "w0")
    assert first.text == "text of w0" and first.title == "Title w0" and docs[0].id == "undated" and docs[0].date is None


def test_reextracting_the_stored_documents_with_other_rules_replaces_their_relations(clean_db, neo4j_settings):
    """Last here: it empties the database the others share."""
    from graph.extraction.extract import extract
    from graph.extraction.rules import load_rules
    from graph.model import Document
    from graph.pipeline import reextract

    s = Store(clean_db, neo4j_settings.database)
    rules = load_rules()
    text = "NATO warned Russia about troops. Russia criticized NATO."
    s.load([extract(rules, Document("doc-1", text, "One", "2022-01-05"))])
    before = s.stats().count("WARNS")
    assert before >= 1
    summary = reextract(s, rules)
    assert summary.documents == 1 and summary.loaded.documents == 1 and summary.loaded.replaced == 1
    assert s.stats().count("WARNS") == before  # the same rules give the same graph
