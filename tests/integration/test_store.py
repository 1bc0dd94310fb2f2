"""The store against the real Neo4j: idempotent loads, replacement on re-load, resumable loads."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time

import pytest
from support import SEEDS, assert_aggregates_exact, dump, rows

from graph.extraction.documents import read_documents
from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import ActorRef, Document, Extraction, Mention, Relation
from graph.pipeline import ingest
from graph.store import Store
from graph.store.loader import rows_for

pytestmark = pytest.mark.neo4j

A, B, C = (
    ActorRef("state:aaa", "Aland", "State"),
    ActorRef("org:bbb", "Borg", "Organisation"),
    ActorRef("person:c", "Cee", "Person"),
)


def _rel(doc, s, t, o, start, negated=False, date="2022-01-01", rule="r1"):
    return Relation(doc, s, t, o, negated, f"sentence {start}", start, start + 5, date, rule)


def _ex(doc_id, rels, date="2022-01-01"):
    doc = Document(doc_id, "text " * 20, f"Title {doc_id}", date, "Wire")
    mentions = tuple(Mention(doc_id, ref, 0, 4, "text") for ref in {r.subject for r in rels} | {r.object for r in rels})
    return Extraction(doc, mentions, tuple(rels))


@pytest.fixture
def store(clean_db, neo4j_settings):
    return Store(clean_db, neo4j_settings.database)


def test_rows_group_relations_by_type_and_count_mentions():
    batch = rows_for(
        [_ex("d1", [_rel("d1", A, "WARNS", B, 1), _rel("d1", A, "WARNS", B, 9), _rel("d1", C, "MEMBER_OF", A, 3)])]
    )
    assert sorted(e["props"]["key"] for e in batch["evidence"]) == [
        "person:c|MEMBER_OF|state:aaa|0",
        "state:aaa|WARNS|org:bbb|0",
        "state:aaa|WARNS|org:bbb|0",
    ]
    assert {r["id"] for rs in batch["actors"].values() for r in rs} == {A.id, B.id, C.id}
    assert all(m["count"] == 1 for m in batch["mentions"])


def test_model_is_one_aggregate_per_relation_with_evidence_per_occurrence(store):
    store.load(
        [
            _ex("d1", [_rel("d1", A, "DEMANDS", B, 1), _rel("d1", A, "DEMANDS", B, 40, date="2022-01-03")]),
            _ex("d2", [_rel("d2", A, "DEMANDS", B, 1, date="2022-02-01")]),
        ]
    )
    rec = rows(
        store,
        "MATCH (a:Actor:State)-[r:DEMANDS]->(b:Actor:Organisation) "
        "RETURN a.name AS a, r.count AS count, r.docs AS docs, r.first AS first, r.last AS last, b.name AS b",
    )
    assert rec == [{"a": "Aland", "count": 3, "docs": 2, "first": "2022-01-01", "last": "2022-02-01", "b": "Borg"}]
    ev = rows(store, "MATCH (e:Evidence {key: 'state:aaa|DEMANDS|org:bbb|0'}) RETURN e")
    assert len(ev) == 3 and {"id", "doc", "date", "sentence", "start", "end", "rule", "negated"} <= set(ev[0]["e"])
    assert rows(store, "MATCH (:Actor)-[m:MENTIONED_IN]->(:Document {id:'d1'}) RETURN count(m) AS n")[0]["n"] == 2
    assert assert_aggregates_exact(store) == 1


def test_loading_twice_changes_nothing(store):
    batch = [_ex("d1", [_rel("d1", A, "WARNS", B, 1)]), _ex("d2", [_rel("d2", B, "SUPPORTS", C, 2)])]
    store.load(batch)
    first = dump(store)
    summary = store.load(batch)
    assert dump(store) == first and summary.replaced == 2
    assert_aggregates_exact(store)


def test_reloading_a_document_replaces_its_relations(store):
    store.load([_ex("d1", [_rel("d1", A, "WARNS", B, 1), _rel("d1", A, "THREATENS", B, 2)])])
    store.load([_ex("d1", [_rel("d1", A, "WARNS", B, 1, rule="r2")])])  # e.g. after a rule change
    ev = rows(store, "MATCH (e:Evidence) RETURN e.type AS t, e.rule AS rule")
    assert [(r["t"], r["rule"]) for r in ev] == [("WARNS", "r2")]
    assert [
        r["t"] for r in rows(store, "MATCH (:Actor)-[r]->(:Actor) WHERE type(r) <> 'LINKED' RETURN type(r) AS t")
    ] == ["WARNS"]
    assert_aggregates_exact(store)


def test_ingesting_the_seeds_twice_leaves_identical_counts(store):
    rules = load_rules()
    ingest(store, rules, [str(SEEDS)])
    first, picture = store.stats().counts, dump(store)
    ingest(store, rules, [str(SEEDS)])
    assert store.stats().counts == first and dump(store) == picture
    assert store.stats().count("Document") == 5 and store.stats().count("DEMANDS") > 5
    assert assert_aggregates_exact(store) > 20


def test_a_reload_with_changed_rules_gives_what_a_clean_load_with_them_gives(store, tmp_path):
    import shutil

    from graph.resources import rule_pack

    changed = tmp_path / "pack"
    shutil.copytree(rule_pack(), changed)
    (changed / "media.yaml").unlink()  # the media outlets are no longer actors: their relations go
    ingest(store, load_rules(), [str(SEEDS)])
    before = store.stats().count("Evidence")
    ingest(store, load_rules([changed]), [str(SEEDS)])
    assert 0 < store.stats().count("Evidence") < before
    assert assert_aggregates_exact(store) > 20
    reloaded = dump(store)[1]
    store.reset()
    ingest(store, load_rules([changed]), [str(SEEDS)])
    assert dump(store)[1] == reloaded  # every aggregate, pair and mention as a clean load leaves them


def test_a_full_neighbour_list_that_weakens_is_recounted(store):
    hub = ActorRef("org:hub", "Hub", "Organisation")
    others = [ActorRef(f"person:n{i:02d}", f"N{i}", "Person") for i in range(70)]
    store.load([_ex("a", [_rel("a", hub, "WARNS", o, i) for i, o in enumerate(others)])])
    store.load([_ex("b", [_rel("b", hub, "WARNS", o, i) for i, o in enumerate(others[:10])])])
    assert assert_aggregates_exact(store)
    # re-loaded after a rule change: the ten strongest weaken, ten others (listed or not) grow
    store.load([_ex("b", [_rel("b", hub, "WARNS", o, i) for i, o in enumerate(others[60:])])])
    assert assert_aggregates_exact(store)
    top = rows(store, "MATCH (a:Actor {id: 'org:hub'}) RETURN a.top_ids AS ids, a.top_counts AS c")[0]
    assert top["ids"][:10] == [o.id for o in others[60:]] and top["c"][:11] == [2] * 10 + [1]


def test_a_load_killed_half_way_and_rerun_gives_the_identical_graph(store, neo4j_settings, tmp_path):
    rules = load_rules()
    docs = [d for d in read_documents([SEEDS]) if isinstance(d, Document)]
    many = [Document(f"{i:03d}-{d.id}", d.text, d.title, d.date) for i in range(40) for d in docs]
    path = tmp_path / "big.jsonl"
    from graph.extraction.jsonl import write_jsonl

    with open(path, "w") as fh:
        write_jsonl((extract(rules, d) for d in many), fh)
    store.load(__import__("graph.extraction.jsonl", fromlist=["read_jsonl"]).read_jsonl(path), batch_size=10)
    clean = dump(store)
    store.reset()
    env = dict(os.environ, NEO4J_URI=neo4j_settings.uri, NEO4J_PASSWORD=neo4j_settings.password)
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "load", str(path), "--batch-size", "10"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:  # kill it once some batches, not all, are in
        n = store.stats().count("Document")
        if 0 < n < len(many):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = store.stats().count("Document")
    assert partial < len(many)
    assert_aggregates_exact(store)  # a killed load leaves whole batches: aggregates match their evidence
    store.load(__import__("graph.extraction.jsonl", fromlist=["read_jsonl"]).read_jsonl(path), batch_size=10)
    assert dump(store) == clean
    assert_aggregates_exact(store)


def test_a_document_twice_in_one_batch_counts_once(store):
    batch = rows_for([_ex("d1", [_rel("d1", A, "WARNS", B, 1)]), _ex("d1", [_rel("d1", A, "WARNS", B, 1, rule="r2")])])
    assert len(batch["docs"]) == 1 and [r["props"]["rule"] for r in batch["evidence"]] == ["r2"]
    store.load([_ex("d1", [_rel("d1", A, "WARNS", B, 1)]), _ex("d1", [_rel("d1", A, "WARNS", B, 1)])])
    assert store.stats().count("WARNS") == 1


def test_an_error_between_batches_then_a_rerun_gives_the_identical_graph(store):
    docs = [
        _ex(f"d{i}", [_rel(f"d{i}", A, "WARNS", B, i), _rel(f"d{i}", C, "MEMBER_OF", B, i + 100)]) for i in range(30)
    ]
    store.load(docs, batch_size=4)
    clean = dump(store)
    store.reset()

    def failing():
        for i, ex in enumerate(docs):
            if i == 17:
                raise OSError("disk went away")
            yield ex

    with pytest.raises(OSError):
        store.load(failing(), batch_size=4)
    assert gc.isenabled()  # the load paused the collector; a failed load gives it back too
    assert 0 < store.stats().count("Document") < len(docs)
    store.load(docs, batch_size=4)
    assert dump(store) == clean
    assert_aggregates_exact(store)


def test_a_load_leaves_the_garbage_collector_as_it_found_it(store):
    """A load pauses Python's collector and collects after each batch itself; an application that
    turned the collector off keeps it off, one that has it on gets it back on."""
    docs = [_ex(f"d{i}", [_rel(f"d{i}", A, "WARNS", B, i)]) for i in range(6)]
    gc.disable()
    try:
        store.load(docs, batch_size=2)
        assert not gc.isenabled()
    finally:
        gc.enable()
    store.load(docs, batch_size=2)
    assert gc.isenabled()


def test_actor_aliases_accumulate_and_a_changed_type_moves_the_label(store):
    from graph.model import Actor

    def with_actor(actor):
        ex = _ex("d1", [_rel("d1", A, "WARNS", B, 1)])
        return Extraction(ex.document, ex.mentions, ex.relations, (actor,))

    store.load([with_actor(Actor(B.id, "Borg", "Organisation", ("The Collective",)))])
    store.load([with_actor(Actor(B.id, "Borg", "State", ("Unimatrix",)))])
    rec = rows(store, "MATCH (a:Actor {id: $id}) RETURN labels(a) AS l, a.aliases AS al", id=B.id)[0]
    assert sorted(rec["l"]) == ["Actor", "State"] and rec["al"] == ["The Collective", "Unimatrix"]
    assert store.search_actors("unimatrix")[0].id == B.id


def test_a_cut_view_keeps_every_edge_of_the_focus(store):
    from graph.model import ViewParams

    hubs = [ActorRef(f"state:h{i:02d}", f"Hub {i}", "State") for i in range(25)]
    focus = ActorRef("person:f", "Focus", "Person")
    rels = [
        _rel("d1", a, "MEETS", b, 100 * i + j + k * 5000)
        for i, a in enumerate(hubs)
        for j, b in enumerate(hubs)
        if a != b
        for k in range(2)
    ]
    rels += [_rel("d1", focus, "WARNS", h, 90000 + i) for i, h in enumerate(hubs)]
    store.load([_ex("d1", rels)])
    sub = store.neighbourhood(ViewParams(focus=focus.id, depth=1, limit=26))
    assert sub.truncated and len(sub.edges) < 600 + 25
    assert {e.target for e in sub.edges if e.source == focus.id} == {h.id for h in hubs}
    assert len(sub.nodes) == 26 and sub.documents == 1


def test_warming_up_an_empty_graph_has_nothing_to_do(store):
    assert store.is_empty() and store.warm_up() == {}
