"""Ingesting JSON Lines documents with bad records: each bad record is skipped and reported by its
line, the rest are loaded, and every view of the result works. Dates in the store are ISO days or
null, nothing else."""

from __future__ import annotations

import json

import pytest
from support import run_cli

from graph.model import ViewParams
from graph.store.store import Store

pytestmark = pytest.mark.neo4j

TEXT = "NATO warned Russia about troops near the border. Germany supported Ukraine."


@pytest.fixture
def env(clean_db, neo4j_settings):
    return {"NEO4J_URI": neo4j_settings.uri, "NEO4J_PASSWORD": neo4j_settings.password}


def test_bad_jsonl_records_are_skipped_and_the_rest_loaded(env, clean_db, neo4j_settings, tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "good-1", "text": TEXT, "date": "2022-01-05", "source": "Wire", "title": "One"},
        {"id": "bad-date", "text": TEXT, "date": "2022-13-45"},
        {"id": "number-date", "text": TEXT, "date": 20220105},
        {"id": "map-source", "text": TEXT, "source": {"name": "Wire"}},
        {"id": "good-2", "text": TEXT, "date": "2022-02-24T04:50:00Z", "source": "Agency"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = run_cli("ingest", feed, "--batch-size", "1", env=env)
    assert out.exit_code == 0, out.output
    for line in (2, 3, 4):
        assert f"feed.jsonl:{line}" in out.stderr
    assert "2 documents read, 3 skipped" in out.stderr
    store = Store(clean_db, neo4j_settings.database, neo4j_settings.uri)
    assert sorted(d.id for d in store.documents()) == ["good-1", "good-2"]
    assert sorted(d.date for d in store.documents()) == ["2022-01-05", "2022-02-24"]
    assert store.overview(ViewParams()).nodes
    assert store.neighbourhood(ViewParams(focus="org:nato", depth=2)).edges
    st = store.stats()
    assert (st.first_date, st.last_date) == ("2022-01-05", "2022-02-24")
    records_, _, _ = clean_db.execute_query(
        "MATCH (d:Document) WHERE d.date IS NOT NULL AND NOT (d.date IS :: STRING AND d.date =~ '\\\\d{4}-\\\\d{2}-\\\\d{2}') "
        "RETURN count(d) AS n"
    )
    assert records_[0]["n"] == 0
