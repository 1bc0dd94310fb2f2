"""The store commands as a user runs them: clear messages and exit codes, JSON output, refusals."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
from support import SEEDS

pytestmark = pytest.mark.neo4j


def run(*args, env=None, input=None):
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", *args], env=env, input=input, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def env(clean_db, neo4j_settings):
    return dict(
        os.environ,
        NEO4J_URI=neo4j_settings.uri,
        NEO4J_PASSWORD=neo4j_settings.password,
        NEO4J_USERNAME=neo4j_settings.username,
    )


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_down_names_the_uri_and_how_to_start_it(env):
    uri = f"bolt://127.0.0.1:{_unused_port()}"
    out = run("query", "RETURN 1", env=dict(env, NEO4J_URI=uri, NEO4J_PASSWORD="x"))
    assert out.returncode == 1 and uri in out.stderr and "actorgraph neo4j start" in out.stderr
    assert "Traceback" not in out.stderr


def test_wrong_password_says_so(env, neo4j_settings):
    out = run("query", "RETURN 1", env=dict(env, NEO4J_PASSWORD="definitely-wrong"))
    assert out.returncode == 1 and neo4j_settings.uri in out.stderr and "wrong username or password" in out.stderr


@pytest.mark.parametrize("uri", ["bolt://no-such-host.invalid:7687", "http//not-a-uri"])
def test_wrong_uri_gives_one_clear_message(env, uri):
    out = run("ingest", str(SEEDS), env=dict(env, NEO4J_URI=uri))
    assert out.returncode == 1 and uri in out.stderr and "Traceback" not in out.stderr


def test_ingest_then_query_as_json(env):
    assert run("ingest", str(SEEDS), env=env).returncode == 0
    out = run(
        "query",
        "MATCH (a:Actor {id: $id})-[r:DEMANDS]->(b) RETURN b.name AS target, count(r) AS n ORDER BY n DESC",
        "--param",
        "id=state:rus",
        "--format",
        "json",
        env=env,
    )
    records = json.loads(out.stdout)
    assert out.returncode == 0 and {"target": "NATO", "n": records[0]["n"]} in records and records[0]["n"] >= 3


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
def test_query_refuses_writes_without_the_write_flag(env, cypher):
    out = run("query", cypher, env=env)
    assert out.returncode == 1 and "read-only" in out.stderr


def test_query_write_flag_allows_writes(env):
    assert run("query", "CREATE (n:Note {text: 'x'}) RETURN n.text AS t", "--write", env=env).returncode == 0
    out = run("query", "MATCH (n:Note) RETURN count(n) AS n", "--format", "csv", env=env)
    assert out.stdout.splitlines() == ["n", "1"]


def test_reset_asks_for_confirmation(env):
    run("ingest", str(SEEDS), env=env)
    refused = run("reset", env=env, input="n\n")
    assert refused.returncode == 1
    count = lambda: json.loads(run("query", "MATCH (n) RETURN count(n) AS n", "--format", "json", env=env).stdout)[0][
        "n"
    ]
    assert count() > 0
    assert run("reset", "--yes", env=env).returncode == 0 and count() == 0


def test_extract_then_load_equals_ingest(env, tmp_path):
    out = tmp_path / "seeds.jsonl"
    assert run("extract", str(SEEDS), "--out", str(out), env=env).returncode == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert {x["kind"] for x in lines} == {"document", "actor", "mention", "relation"}
    rel = next(x for x in lines if x["kind"] == "relation")
    assert {"doc", "subject", "type", "object", "negated", "sentence", "start", "end", "date", "rule"} <= set(rel)
    load = run("load", str(out), env=env)
    assert load.returncode == 0 and "loaded 5 documents" in load.stderr
