"""The console against the real server: it cannot end or watch other sessions' work, drop
connections or read the server's configuration, and its answer is capped in bytes as well as rows
(in the library, and so in the CLI and the Cypher page)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from graph.errors import QueryError
from graph.store.store import Store

pytestmark = pytest.mark.neo4j

ONE_MIB_ROWS = "UNWIND range(1, 300) AS i RETURN i, reduce(s = 'x', k IN range(1, 20) | s + s) AS big"


@pytest.fixture
def store(neo4j_driver, neo4j_settings):
    return Store(neo4j_driver, neo4j_settings.database, neo4j_settings.uri)


@pytest.fixture
def victim(neo4j_driver, neo4j_settings):
    """Another session's open transaction, and its id as the server knows it."""
    with neo4j_driver.session(database=neo4j_settings.database) as session:
        tx = session.begin_transaction(metadata={"probe": "victim"})
        tx.run("RETURN 'victim' AS who").consume()
        records, _, _ = neo4j_driver.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.probe = 'victim' RETURN transactionId",
            database_=neo4j_settings.database,
        )
        yield tx, records[0]["transactionId"]
        if not tx.closed():
            tx.rollback()


def _still_works(tx) -> bool:
    return tx.run("RETURN 1 AS one").single()["one"] == 1


@pytest.mark.parametrize(
    "cypher",
    [
        "TERMINATE TRANSACTIONS $id",
        "SHOW TRANSACTIONS YIELD transactionId AS t WHERE t = $id TERMINATE TRANSACTIONS t",
        "terminate /* quiet */ transaction $id",
    ],
)
def test_the_console_cannot_terminate_another_sessions_transaction(store, victim, cypher):
    tx, tx_id = victim
    with pytest.raises(QueryError, match="administration command"):
        store.read_query(cypher, {"id": tx_id})
    assert _still_works(tx)


def test_the_console_cannot_see_other_sessions_queries_and_parameters(store, victim):
    with pytest.raises(QueryError, match="SHOW TRANSACTIONS"):
        store.read_query("SHOW TRANSACTIONS YIELD currentQuery, parameters, metaData RETURN *")


@pytest.mark.parametrize(
    "cypher",
    [
        "CALL dbms.listConnections() YIELD connectionId WITH collect(connectionId) AS ids "
        "CALL dbms.killConnections(ids) YIELD connectionId RETURN count(*) AS n",
        "CALL `dbms`.`killConnections`(['bolt-0', 'bolt-1', 'bolt-2', 'bolt-3', 'bolt-4', 'bolt-5'])",
    ],
)
def test_the_console_cannot_drop_connections(store, victim, cypher):
    tx, _ = victim
    with pytest.raises(QueryError, match="dbms"):
        store.read_query(cypher)
    assert _still_works(tx)


@pytest.mark.parametrize(
    "cypher", ["CALL dbms.listConfig() YIELD name, value RETURN name, value", "SHOW SETTINGS", "SHOW USERS"]
)
def test_the_console_does_not_show_the_servers_configuration_or_users(store, cypher):
    with pytest.raises(QueryError, match=r"not allowed"):
        store.read_query(cypher)


def test_the_read_procedures_on_the_allowlist_run(store):
    labels = store.read_query("CALL db.labels() YIELD label RETURN label")
    assert labels.columns == ("label",)
    assert store.read_query("SHOW INDEXES YIELD name RETURN name").rows


def test_the_answer_is_capped_in_bytes_as_well_as_rows(store):
    res = store.read_query(ONE_MIB_ROWS, row_cap=1000, byte_cap=8 * 2**20)
    assert res.truncated and 0 < len(res.rows) <= 8
    assert "MB" in res.note
    rows = store.read_query("UNWIND range(1, 50) AS x RETURN x", row_cap=10)
    assert rows.truncated and len(rows.rows) == 10 and "10 rows" in rows.note
    whole = store.read_query("UNWIND range(1, 5) AS x RETURN x")
    assert not whole.truncated and whole.note == ""


def test_the_cli_output_is_capped_in_bytes(neo4j_settings):
    env = dict(os.environ, NEO4J_URI=neo4j_settings.uri, NEO4J_PASSWORD=neo4j_settings.password)
    out = subprocess.run(
        [sys.executable, "-m", "graph.cli", "query", "--format", "json", ONE_MIB_ROWS],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert len(out.stdout) < 20 * 2**20  # was 314 MB
    assert 0 < len(json.loads(out.stdout)) < 300
    assert "MB" in out.stderr and "cap" in out.stderr and "Traceback" not in out.stderr
