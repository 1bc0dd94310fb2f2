"""The Cypher console's own gate, without a server: only reading queries and an allowlist of read
procedures pass; administration commands (other sessions' transactions, users, connections,
configuration) are refused with a message, however they are spelled."""

from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.store import console


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n:Actor) RETURN n.name LIMIT 5",
        "MATCH (a)-[r:WARNS|DEMANDS]->(b) WHERE r.date >= '2022-01-01' RETURN a, r, b",
        "MATCH (n) WHERE n.name = 'SHOW TRANSACTIONS; CALL dbms.killConnections()' RETURN n",
        "// CALL dbms.listConfig()\nMATCH (n) RETURN count(n)",
        "/* TERMINATE TRANSACTIONS 'x' */ RETURN 1",
        "CALL db.labels()",
        "CALL db.labels() YIELD label RETURN label ORDER BY label",
        "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
        "CALL db.propertyKeys()",
        "CALL db.schema.visualization()",
        "CALL db.index.fulltext.queryNodes('actor_names', 'nato~') YIELD node, score RETURN node.name, score",
        "SHOW INDEXES",
        "SHOW FULLTEXT INDEXES YIELD name RETURN name",
        "show constraints",
        "SHOW FUNCTIONS",
        "EXPLAIN MATCH (n) RETURN n",
        "PROFILE MATCH (n) RETURN n",
        "CYPHER runtime=slotted MATCH (n) RETURN n",
        "MATCH (n) CALL (n) { MATCH (n)--(m) RETURN count(m) AS c } RETURN n.name, c",
        "MATCH (n) CALL { WITH n RETURN n.id AS x } RETURN x",
        "MATCH (show:Actor) RETURN show.name",
        "MATCH (start)-[r]->(end) RETURN start.set, end.create, r.delete",
        "RETURN {set: 1, delete: 2} AS m",
        "MATCH (n) RETURN n;",
        "RETURN size(reduce(s='', x IN range(1,3) | s + 'x')) AS n",
    ],
)
def test_reading_queries_and_read_procedures_pass(cypher):
    assert console.refusal(cypher) is None
    console.check(cypher)


@pytest.mark.parametrize(
    ("cypher", "named"),
    [
        ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS"),
        ("show transactions yield transactionId, currentQuery, parameters", "SHOW TRANSACTIONS"),
        ("SHOW TRANSACTIONS YIELD transactionId AS t WHERE t <> '' TERMINATE TRANSACTIONS t", "TRANSACTIONS"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-42'", "TERMINATE TRANSACTIONS"),
        ("terminate  \t transaction 'neo4j-transaction-42'", "TERMINATE TRANSACTION"),
        ("SHOW USERS", "SHOW USERS"),
        ("SHOW CURRENT USER", "SHOW CURRENT USER"),
        ("SHOW DATABASES", "SHOW DATABASES"),
        ("SHOW SETTINGS YIELD name, value", "SHOW SETTINGS"),
        ("SHOW ROLES", "SHOW ROLES"),
        ("SHOW PRIVILEGES", "SHOW PRIVILEGES"),
        ("SHOW SERVERS", "SHOW SERVERS"),
        ("EXPLAIN SHOW TRANSACTIONS", "SHOW TRANSACTIONS"),
        ("/* hi */ SHOW/* x */TRANSACTIONS", "SHOW TRANSACTIONS"),
        ("CALL dbms.killConnections(['bolt-1'])", "dbms.killConnections"),
        ("CALL dbms.killConnection('bolt-1')", "dbms.killConnection"),
        ("call DBMS.listConfig() yield name, value return name, value", "DBMS.listConfig"),
        ("CALL `dbms`.`killConnections`(['bolt-1'])", "dbms.killConnections"),
        ("CALL `dbms.listConfig`()", "dbms.listConfig"),
        ("CALL dbms . listConnections()", "dbms.listConnections"),
        ("CALL dbms.listConnections() YIELD connectionId RETURN connectionId", "dbms.listConnections"),
        ("CALL dbms.components()", "dbms.components"),
        ("CALL db.createLabel('Sneaky')", "db.createLabel"),
        ("CALL db.clearQueryCaches()", "db.clearQueryCaches"),
        ("CALL db.stats.collect('QUERIES')", "db.stats.collect"),
        ("CALL apoc.load.json('file:///etc/passwd')", "apoc.load.json"),
        ("MATCH (n) WITH n CALL tx.setMetaData({}) RETURN n", "tx.setMetaData"),
        ("RETURN dbms.info()", "dbms.info"),
        ("USE system SHOW USERS", "USE"),
        ("USE neo4j MATCH (n) RETURN n", "USE"),
        ("MATCH (n) CALL { USE system RETURN 1 AS x } RETURN x", "USE"),
        ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "one statement"),
        ("RETURN 1; SHOW TRANSACTIONS", "one statement"),
        ("GRANT ROLE admin TO bob", "GRANT"),
        ("ALTER USER neo4j SET PASSWORD 'x'", "ALTER"),
        ("STOP DATABASE neo4j", "STOP DATABASE"),
        ("CREATE (n:X)", "CREATE"),
        ("MATCH (n) DETACH DELETE n", "DELETE"),
        ("match (n) set n.x = 1", "SET"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("INSERT (n:X)", "INSERT"),
        ("MATCH (n) FOREACH (x IN [1] | SET n.x = x)", "FOREACH"),
    ],
)
def test_administration_and_writes_are_refused_with_a_message(cypher, named):
    message = console.refusal(cypher)
    assert message is not None and named.lower() in message.lower()
    with pytest.raises(QueryError) as err:
        console.check(cypher)
    assert str(err.value) == message
    assert "read-only" in message or "one statement" in message


def test_writing_mode_allows_writes_but_still_no_administration():
    assert console.refusal("MATCH (n:X) SET n.y = 1", write=True) is None
    assert console.refusal("CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.y)", write=True) is None
    assert "dbms.killConnections" in console.refusal("CALL dbms.killConnections(['x'])", write=True)
    assert "TERMINATE" in console.refusal("TERMINATE TRANSACTIONS 'x'", write=True)
    assert "SHOW USERS" in console.refusal("SHOW USERS", write=True)
    assert "CREATE USER" in console.refusal("CREATE USER eve SET PASSWORD 'abcdefgh'", write=True)


def test_the_refusal_names_the_procedures_that_are_allowed():
    message = console.refusal("CALL dbms.listConfig()")
    assert "db.labels" in message and "db.index.fulltext." in message


@pytest.mark.parametrize(
    ("value", "size"),
    [
        ("x" * 1000, 1000),
        (["ab", "cd"], 4),
        ({"name": "xyz"}, 7),
        (None, 0),
        (12345, 8),
    ],
)
def test_value_size_counts_text_bytes(value, size):
    assert size <= console.value_bytes(value) <= size + 16


def test_value_size_counts_utf8_bytes_not_characters():
    assert console.value_bytes("é" * 100) >= 200


@pytest.mark.parametrize(
    "cypher",
    ["MATCH (n) WITH n AS show RETURN show ORDER BY show", "MATCH (n:`CREATE`) RETURN n", "MATCH (n) RETURN n.`set`"],
)
def test_keywords_used_as_names_are_names(cypher):
    assert console.refusal(cypher) is None


@pytest.mark.parametrize("cypher", ["CALL { SHOW TRANSACTIONS }", "SHOW DEFAULT DATABASE", "SHOW HOME DATABASE"])
def test_administration_listings_are_refused_anywhere(cypher):
    assert "administration" in console.refusal(cypher)
