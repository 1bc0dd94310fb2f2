"""The store commands as a user runs them against the real Neo4j: load, ingest, reset and query,
with their messages, exit codes and output formats."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from support import SEEDS, run_cli

from graph.extraction.documents import read_documents
from graph.extraction.extract import extract
from graph.extraction.rules import load_rules
from graph.model import Document

pytestmark = pytest.mark.neo4j


@pytest.fixture
def empty(clean_db):
    """The suite's own server with an empty graph (the CLI finds it through NEO4J_*)."""
    return clean_db


def _json(*args, input=None):
    run = run_cli("query", *args, "--format", "json", input=input)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def _graph() -> dict:
    """Everything a user can read back: every node and every relationship with its properties."""
    nodes = _json("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p ORDER BY n.id", "--max-rows", "100000")
    rels = _json(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
        "ORDER BY a, t, b, coalesce(r.id, '')",
        "--max-rows",
        "100000",
    )
    return {"nodes": nodes, "relationships": rels}


def test_wrong_password_says_so(empty, neo4j_settings):
    out = run_cli("query", "RETURN 1", env={"NEO4J_PASSWORD": "definitely-wrong"})
    assert out.exit_code == 1
    assert neo4j_settings.uri in out.stderr and "wrong username or password" in out.stderr


def test_ingest_then_query_counts_what_extraction_found(empty):
    assert run_cli("ingest", SEEDS).exit_code == 0
    rules = load_rules()
    found = Counter(
        r.object.name
        for d in read_documents([SEEDS])
        if isinstance(d, Document)
        for r in extract(rules, d).relations
        if r.subject.id == "state:rus" and r.type == "DEMANDS"
    )
    records = _json(
        "MATCH (a:Actor {id: $id})-[r:DEMANDS]->(b) RETURN b.name AS target, sum(r.count) AS n ORDER BY n DESC, target",
        "--param",
        "id",
        "state:rus",
    )
    assert found["NATO"] >= 3
    assert records == [{"target": t, "n": n} for t, n in sorted(found.items(), key=lambda x: (-x[1], x[0]))]


def test_param_passes_a_string_and_param_json_passes_json(empty):
    records = _json(
        "RETURN $id AS id, $n AS n, $ids AS ids",
        "--param",
        "id",
        "123",
        "--param-json",
        "n",
        "123",
        "--param-json",
        "ids",
        '["a", "b"]',
    )
    assert records == [{"id": "123", "n": 123, "ids": ["a", "b"]}]
    bad = run_cli("query", "RETURN $n", "--param-json", "n", "{oops")
    assert bad.exit_code == 2 and "--param-json" in bad.stderr and "is not JSON" in bad.stderr


def test_dash_reads_the_query_from_stdin(empty):
    assert _json("-", input="UNWIND [1, 2, 3] AS x\nRETURN x\n") == [{"x": 1}, {"x": 2}, {"x": 3}]


def test_max_rows_caps_the_rows_and_says_so(empty):
    run = run_cli("query", "UNWIND range(1, 10) AS x RETURN x", "--format", "csv", "--max-rows", "4")
    assert run.exit_code == 0 and run.stdout.splitlines() == ["x", "1", "2", "3", "4"]
    assert "stopped at 4 rows" in run.stderr


def test_csv_output_file_keeps_maps_and_lists_as_json(empty, tmp_path):
    out = tmp_path / "r.csv"
    run = run_cli("query", "RETURN {a: 1} AS m, [1, 'x'] AS l, 'plain' AS s", "--format", "csv", "-o", out)
    assert run.exit_code == 0 and run.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines() == ["m,l,s", '"{""a"": 1}","[1, ""x""]",plain']


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:X)",
        "MERGE (n:X {id: 1})",
        "MATCH (n) DELETE n",
        "MATCH (n) SET n.x = 1",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    ],
)
def test_query_refuses_writes_without_the_write_flag(empty, cypher):
    out = run_cli("query", cypher)
    assert out.exit_code == 1 and "read-only" in out.stderr and "Traceback" not in out.stderr


def test_query_write_flag_allows_writes(empty):
    assert run_cli("query", "CREATE (n:Note {text: 'x'}) RETURN n.text AS t", "--write").exit_code == 0
    assert _json("MATCH (n:Note) RETURN n.text AS text") == [{"text": "x"}]


def test_reset_asks_for_confirmation(empty):
    run_cli("ingest", SEEDS)
    count = lambda: _json("MATCH (n) RETURN count(n) AS n")[0]["n"]
    refused = run_cli("reset", input="n\n")
    assert refused.exit_code == 1 and "Delete the whole graph" in refused.stdout
    assert count() > 0
    assert run_cli("reset", "--yes").exit_code == 0 and count() == 0


def test_extract_then_load_gives_the_graph_ingest_gives(empty, tmp_path):
    out = tmp_path / "seeds.jsonl"
    assert run_cli("extract", SEEDS, "-o", out).exit_code == 0
    load = run_cli("load", out)
    assert load.exit_code == 0 and "loaded 5 documents" in load.stderr
    loaded = _graph()
    assert run_cli("reset", "--yes").exit_code == 0
    assert run_cli("ingest", SEEDS).exit_code == 0
    ingested = _graph()
    assert len(loaded["relationships"]) > 100
    assert loaded == ingested


def test_load_dash_reads_extract_output_from_stdin(empty, tmp_path):
    extracted = run_cli("extract", SEEDS)
    load = run_cli("load", "-", input=extracted.stdout)
    assert load.exit_code == 0 and "loaded 5 documents" in load.stderr
    assert _json("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 5}]


def test_ingest_dash_reads_json_lines_documents_from_stdin(empty):
    docs = [
        {"id": "brief-1", "text": "Japan has warned China.", "date": "2024-05-01", "title": "Warning"},
        {"id": "brief-2", "text": "India met with Brazil.", "date": "2024-05-02"},
    ]
    run = run_cli("ingest", "-", input="".join(json.dumps(d) + "\n" for d in docs))
    assert run.exit_code == 0 and "2 documents read" in run.stderr
    assert _json("MATCH (d:Document) RETURN d.id AS id, d.date AS date, d.title AS title ORDER BY id") == [
        {"id": "brief-1", "date": "2024-05-01", "title": "Warning"},
        {"id": "brief-2", "date": "2024-05-02", "title": "India met with Brazil."},
    ]
    assert _json(
        "MATCH (a)-[r:WARNS]->(b) MATCH (e:Evidence {key: r.key}) RETURN a.name AS a, b.name AS b, e.doc AS doc"
    ) == [{"a": "Japan", "b": "China", "doc": "brief-1"}]
