"""The bulk path: refusals that protect a graph, and a bulk import followed by incremental loads
whose aggregates still equal a recount of the evidence."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest
from support import SEEDS, assert_aggregates_exact, own_server, rows, run_cli, settings_of

from graph.errors import StoreError
from graph.extraction.documents import read_documents
from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import Document, ViewParams
from graph.store import Store, bulk, config

pytestmark = pytest.mark.neo4j


def _corpus(copies: int, prefix: str = "") -> list:
    rules = load_rules()
    docs = [d for d in read_documents([SEEDS]) if isinstance(d, Document)]
    return [extract(rules, replace(d, id=f"{prefix}{i:02d}-{d.id}")) for i in range(copies) for d in docs]


def test_bulk_refuses_a_remote_server_before_touching_anything(tmp_path):
    remote = config.Settings("neo4j+s://abcd1234.databases.neo4j.io", "neo4j", "secret", "neo4j")
    with pytest.raises(StoreError, match="not on this machine"):
        bulk.bulk_load(_corpus(1), remote)
    (tmp_path / "x.jsonl").write_text("")
    out = run_cli("load", "--bulk", str(tmp_path / "x.jsonl"), env={"NEO4J_URI": remote.uri})
    assert out.exit_code == 1 and "not on this machine" in out.stderr


def test_bulk_refuses_a_database_that_holds_data(clean_db, neo4j_settings):
    store = Store(clean_db, neo4j_settings.database)
    store.load(_corpus(1)[:1])
    before = store.stats().counts
    with pytest.raises(StoreError, match="needs an empty database"):
        bulk.bulk_load(_corpus(1), neo4j_settings)
    assert store.stats().counts == before


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory):
    """A server of this module's own: the import stops and starts it."""
    with own_server(tmp_path_factory.mktemp("bulk-neo4j"), pagecache="256m") as inst:
        yield inst, settings_of(inst)


def test_a_bulk_import_whose_input_fails_leaves_the_server_up_and_the_database_empty(bulk_server):
    """The server stops while the CSVs are written; bad input found then must not leave it down."""
    inst, cfg = bulk_server
    corpus = _corpus(1)
    with pytest.raises(StoreError, match="appears twice"):
        bulk.bulk_load([*corpus, corpus[0]], cfg, inst, echo=lambda m: None)
    with Store.connect(cfg) as store:
        assert store.is_empty()


def test_a_bulk_import_then_incremental_loads_keep_aggregates_exact(bulk_server):
    inst, cfg = bulk_server
    first = _corpus(4)
    summary = bulk.bulk_load(first, cfg, inst, echo=lambda m: None)
    assert summary.documents == len(first) and summary.relations == sum(len(e.relations) for e in first)
    assert gc.isenabled()  # paused while the CSVs were written, given back
    with Store.connect(cfg) as store:
        n = assert_aggregates_exact(store)
        assert n == summary.aggregates and store.stats().count("Evidence") == summary.relations
        assert (
            rows(store, "MATCH (a:Actor)-[r:DEMANDS]->(b:Actor {id: 'org:nato'}) RETURN max(r.count) AS c")[0]["c"] >= 4
        )
        # incremental loads after the import: new documents, and imported ones again with fewer relations
        store.load(_corpus(1, prefix="new-"))
        trimmed = [replace(ex, relations=ex.relations[::2]) for ex in first[:5]]
        store.load(trimmed)
        assert assert_aggregates_exact(store) > 0
        assert store.view(ViewParams(focus="org:nato", depth=2)).edges
        with pytest.raises(StoreError, match="needs an empty database"):
            bulk.bulk_load(_corpus(1, prefix="again-"), cfg, inst)
