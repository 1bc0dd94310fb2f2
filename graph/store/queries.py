"""Every Cypher statement actorgraph sends, as small pure builders returning (text, parameters).

Values always travel as parameters. The few things Cypher cannot take as parameters (relationship
types in CREATE, labels, variable-length bounds) come only from the closed vocabularies in
``graph.model`` or from integers validated here, never from a user's string.
"""

from __future__ import annotations

import re

from ..model import ACTOR_TYPES, RELATION_TYPES, ViewParams

Q = tuple[str, dict]

FULLTEXT_INDEX = "actor_names"


def _rel_type(t: str) -> str:
    if t not in RELATION_TYPES:
        raise ValueError(f"unknown relation type {t!r}")
    return t


def _label(t: str) -> str:
    if t not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {t!r}")
    return t


def _hops(n: int, lo: int = 1, hi: int = 4) -> int:
    n = int(n)
    if not lo <= n <= hi:
        raise ValueError(f"depth must be between {lo} and {hi}")
    return n


# --- schema --------------------------------------------------------------------------------


def schema() -> list[str]:
    """Constraints and indexes: unique ids, document dates, each relation type's ``doc`` (to replace a
    document's relations), names and aliases for search.

    Relationship ``id`` and ``date`` are deliberately not indexed: every relationship index is
    maintained on every insert, and the two halved the load rate (bench/bench_store.py) while no
    query needs them (views filter dates while expanding from an actor). Earlier versions created
    them, so they are dropped here."""
    out = [
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
        "CREATE INDEX document_date IF NOT EXISTS FOR (d:Document) ON (d.date)",
        "CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type)",
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.alias_text]",
    ]
    for t in RELATION_TYPES:
        low = t.lower()
        out.append(f"CREATE INDEX rel_{low}_doc IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.doc)")
        out += [f"DROP INDEX rel_{low}_id IF EXISTS", f"DROP INDEX rel_{low}_date IF EXISTS"]
    return out


# --- loading -------------------------------------------------------------------------------


def existing_documents(ids: list[str]) -> Q:
    return ("MATCH (d:Document) WHERE d.id IN $ids RETURN collect(d.id) AS ids", {"ids": ids})


def delete_document_relations(rel_type: str, ids: list[str]) -> Q:
    t = _rel_type(rel_type)
    return (f"UNWIND $ids AS id MATCH ()-[r:{t}]->() WHERE r.doc = id DELETE r", {"ids": ids})


def delete_document_mentions(ids: list[str]) -> Q:
    return ("UNWIND $ids AS id MATCH (:Document {id: id})<-[m:MENTIONED_IN]-() DELETE m", {"ids": ids})


def merge_actors(actor_type: str, rows: list[dict]) -> Q:
    """Actors of one type, created or updated; answers each one's element id so the batch's
    relationships find their ends by direct record lookup instead of two index seeks each.

    An actor that is already stored as given is not written again: most actors of a batch are
    stored already, and rewriting their names would re-index them in the full-text index at every
    commit. A changed type moves the actor to its new label."""
    label = _label(actor_type)
    others = ":".join(t for t in ACTOR_TYPES if t != label)
    alias_text = "reduce(s = '', x IN a.aliases | s + ' | ' + x)"
    return (
        "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) "
        f"ON CREATE SET a:{label}, a.name = row.name, a.type = row.type, a.aliases = row.aliases "
        f"ON CREATE SET a.alias_text = {alias_text} "
        "WITH a, row CALL (a, row) { "
        "WITH a, row WHERE a.name <> row.name OR a.type <> row.type "
        "OR any(x IN row.aliases WHERE NOT x IN a.aliases) "
        f"REMOVE a:{others} SET a:{label}, a.name = row.name, a.type = row.type, "
        "a.aliases = reduce(acc = coalesce(a.aliases, []), x IN row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END) "
        f"SET a.alias_text = {alias_text} }} "
        "RETURN collect(row.id) AS ids, collect(elementId(a)) AS eids",
        {"rows": rows},
    )


def merge_documents(rows: list[dict]) -> Q:
    return (
        "UNWIND $rows AS row MERGE (d:Document {id: row.id}) "
        "SET d.title = row.title, d.date = row.date, d.source = row.source, d.text = row.text, "
        "d.mentions = row.mentions, d.relations = row.relations "
        "RETURN collect(row.id) AS ids, collect(elementId(d)) AS eids",
        {"rows": rows},
    )


def create_relations(rel_type: str, rows: list[dict]) -> Q:
    """One relationship per occurrence. ``s``/``o`` are element ids answered by ``merge_actors``
    in the same transaction (so they cannot be stale). CREATE, not MERGE: the documents' previous
    relations were deleted first in that transaction, which keeps loading idempotent."""
    t = _rel_type(rel_type)
    return (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.s MATCH (b) WHERE elementId(b) = row.o "
        f"CREATE (a)-[r:{t}]->(b) SET r = row.props",
        {"rows": rows},
    )


def create_mentions(rows: list[dict]) -> Q:
    """CREATE, not MERGE: a document's old mention links are deleted first in the same transaction,
    and MERGE would scan every MENTIONED_IN of a hub actor for each row. Ends are element ids."""
    return (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.actor MATCH (d) WHERE elementId(d) = row.doc "
        "CREATE (a)-[m:MENTIONED_IN]->(d) SET m.count = row.count, m.starts = row.starts, m.ends = row.ends",
        {"rows": rows},
    )


def reset() -> list[str]:
    """Relationships first, in bounded transactions: detaching a hub with 50k relationships in a
    batch of nodes would exceed the server's transaction memory."""
    return [
        "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
    ]


def is_empty() -> Q:
    return ("MATCH (n) RETURN count(n) = 0 AS empty LIMIT 1", {})


# --- reading -------------------------------------------------------------------------------

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(text: str) -> str:
    """Prefix and fuzzy search terms for the full-text index, with Lucene syntax escaped."""
    terms = [_LUCENE_SPECIAL.sub(r"\\\1", t) for t in text.split() if t.strip()]
    if not terms:
        return ""
    parts = []
    for t in terms:
        fuzzy = f" OR {t}~" if len(t) >= 4 else ""
        parts.append(f"({t}^3 OR {t}*{fuzzy})")
    return " AND ".join(parts)


def search_actors(text: str, limit: int = 10) -> Q:
    """The best full-text hits, then (for those only) their degree as a tie-breaker: a common
    prefix matches thousands of actors, and counting everyone's relations first was the slow part."""
    return (
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q, {{limit: $hits}}) YIELD node, score "
        "RETURN node.id AS id, node.name AS name, node.type AS type, node.aliases AS aliases, "
        f"COUNT {{ (node)-[:{ALL_RELATIONS}]-() }} AS degree, COUNT {{ (node)-[:MENTIONED_IN]->() }} AS mentions, score "
        "ORDER BY score DESC, degree DESC LIMIT $limit",
        {"q": lucene_query(text), "limit": int(limit), "hits": 5 * int(limit)},
    )


def rel_pattern(types) -> str:
    """``WARNS|DEMANDS``: a typed pattern lets Neo4j skip other relationships (and use degree counts)."""
    return "|".join(_rel_type(t) for t in (types or RELATION_TYPES))


ALL_RELATIONS = rel_pattern(RELATION_TYPES)


def _filters(view: ViewParams, var: str = "r") -> str:
    """Only the predicates the view sets: an unset filter costs nothing per relationship (reading a
    relationship's properties is what makes expanding a hub slow)."""
    parts = []
    dated = []
    if view.since:
        dated.append(f"{var}.date >= $since")
    if view.until:
        dated.append(f"{var}.date <= $until")
    if dated and view.include_undated:
        parts.append(f"({var}.date IS NULL OR ({' AND '.join(dated)}))")
    else:
        parts += dated
    if not view.include_negated:
        parts.append(f"NOT {var}.negated")
    return " AND ".join(parts) or "true"


def _type_test(view: ViewParams, var: str) -> str:
    """A label test (read from the node record, no property access); nothing when all types are in."""
    types = [_label(t) for t in view.actor_types]
    if set(types) >= set(ACTOR_TYPES):
        return "true"
    return "(" + " OR ".join(f"{var}:{t}" for t in types) + ")" if types else "false"


def view_params(view: ViewParams) -> dict:
    return {
        "types": [_rel_type(t) for t in view.relation_types],  # also checked in patterns
        "actor_types": [_label(t) for t in view.actor_types],
        "since": view.since,
        "until": view.until,
        "negated": bool(view.include_negated),
        "min_evidence": max(1, int(view.min_evidence)),
    }


def expand(frontier: list[str], view: ViewParams, limit: int) -> Q:
    """The strongest neighbours of a set of actors under the view's filters, at most ``limit``, and
    how many there are in all (the caller drops actors it already has, so the scan reads no
    property of the many candidates)."""
    return (
        f"UNWIND $frontier AS fid MATCH (a:Actor {{id: fid}})-[r:{rel_pattern(view.relation_types)}]-(b:Actor) "
        f"WHERE {_filters(view)} AND {_type_test(view, 'b')} "
        "WITH b, count(r) AS weight ORDER BY weight DESC, b.id "
        "WITH collect(b.id) AS found RETURN found[..$limit] AS ids, size(found) AS total",
        {**view_params(view), "frontier": frontier, "limit": int(limit)},
    )


def top_actors(view: ViewParams, limit: int) -> Q:
    """Actors with the most relations under the view's filters (the view when nothing is focused)."""
    return (
        f"MATCH (a:Actor)-[r:{rel_pattern(view.relation_types)}]-(b:Actor) "
        f"WHERE {_filters(view)} AND {_type_test(view, 'a')} AND {_type_test(view, 'b')} "
        "WITH a, count(r) AS weight ORDER BY weight DESC, a.id LIMIT $limit RETURN a.id AS id",
        {**view_params(view), "limit": int(limit)},
    )


def edges_among(eids: list[str], view: ViewParams, limit: int = 10000, first: str | None = None) -> Q:
    """Aggregated edges between the given actors (by element id): one per (source, type, target,
    negated), strongest first, at most ``limit``; answered as ONE record (``edges``, ``documents``
    behind them, ``more`` when the limit cut some off), which the driver decodes far faster than
    thousands of records. Edges of the actor whose element id is ``first`` (the focus) come before
    the others, so a limit never hides the focus's own links.

    Each actor's relationships are expanded once and the other end is tested by element id before
    any relationship property is read, so relationships leaving the view cost little."""
    return (
        "UNWIND $eids AS e MATCH (a) WHERE elementId(a) = e "
        f"MATCH (a)-[r:{rel_pattern(view.relation_types)}]->(b) WHERE elementId(b) IN $eids AND {_filters(view)} "
        "WITH a, b, type(r) AS type, r.negated AS negated, count(r) AS count, "
        "min(r.date) AS first_date, max(r.date) AS last_date, collect(DISTINCT r.doc) AS docs "
        "WHERE count >= $min_evidence "
        "WITH a.id AS source, b.id AS target, type, negated, count, first_date, last_date, docs, "
        "elementId(a) = $first OR elementId(b) = $first AS own "
        "ORDER BY own DESC, count DESC, source, target, type, negated LIMIT $limit + 1 "
        "WITH collect({source: source, target: target, type: type, negated: negated, count: count, "
        "first_date: first_date, last_date: last_date}) AS edges, collect(docs) AS doc_lists "
        "CALL (doc_lists) { UNWIND doc_lists[..$limit] AS ds UNWIND ds AS d RETURN count(DISTINCT d) AS documents } "
        "RETURN edges[..$limit] AS edges, documents, size(edges) > $limit AS more",
        {**view_params(view), "eids": eids, "limit": int(limit), "first": first},
    )


def nodes(ids: list[str]) -> Q:
    return (
        "MATCH (a:Actor) WHERE a.id IN $ids "
        "RETURN a.id AS id, elementId(a) AS eid, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases, "
        f"COUNT {{ (a)-[:{ALL_RELATIONS}]-() }} AS degree, COUNT {{ (a)-[:MENTIONED_IN]->() }} AS mentions",
        {"ids": ids},
    )


def shortest_paths(source: str, target: str, view: ViewParams, max_hops: int = 4, limit: int = 5) -> Q:
    hops = _hops(max_hops, 1, 6)
    return (
        "MATCH (a:Actor {id: $source}), (b:Actor {id: $target}) "
        f"MATCH p = allShortestPaths((a)-[:{rel_pattern(view.relation_types)}*..{hops}]-(b)) "
        f"WHERE all(r IN relationships(p) WHERE {_filters(view, 'r')}) "
        "RETURN [n IN nodes(p) | n.id] AS ids LIMIT $limit",
        {**view_params(view), "source": source, "target": target, "limit": int(limit)},
    )


#: What an evidence row returns: the relation, its document's title and both ends (``store._evidence``).
EVIDENCE_COLUMNS = (
    "RETURN r.id AS relation_id, r.doc AS doc, d.title AS title, r.date AS date, r.sentence AS sentence, "
    "r.start AS start, r.end AS end, r.rule AS rule, r.negated AS negated, "
    "a.id AS s_id, a.name AS s_name, a.type AS s_type, type(r) AS type, b.id AS o_id, b.name AS o_name, "
    "b.type AS o_type"
)


def evidence(
    source: str,
    target: str,
    rel_type: str,
    negated: bool | None,
    since: str | None,
    until: str | None,
    limit: int = 200,
    include_undated: bool = True,
) -> Q:
    t = _rel_type(rel_type)
    return (
        f"MATCH (a:Actor {{id: $source}})-[r:{t}]->(b:Actor {{id: $target}}) "
        "WHERE ($negated IS NULL OR r.negated = $negated) "
        "AND (($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until) "
        "OR ($undated AND r.date IS NULL)) "
        "OPTIONAL MATCH (d:Document {id: r.doc}) " + EVIDENCE_COLUMNS + " ORDER BY r.date, r.doc, r.start LIMIT $limit",
        {
            "source": source,
            "target": target,
            "negated": negated,
            "since": since,
            "until": until,
            "limit": int(limit),
            "undated": bool(include_undated),
        },
    )


def actor(actor_id: str) -> Q:
    return (
        "MATCH (a:Actor {id: $id}) "
        "RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases, "
        f"COUNT {{ (a)-[:{ALL_RELATIONS}]-() }} AS degree, COUNT {{ (a)-[:MENTIONED_IN]->() }} AS mentions, "
        "COLLECT { MATCH (a)-[r:MEMBER_OF]->(b:Actor) WHERE NOT r.negated RETURN DISTINCT b.name } AS member_of, "
        "COLLECT { MATCH (a)-[m:MENTIONED_IN]->(d:Document) RETURN d.id ORDER BY m.count DESC LIMIT 20 } AS documents",
        {"id": actor_id},
    )


def strongest_relations(actor_id: str, limit: int = 10) -> Q:
    return (
        f"MATCH (a:Actor {{id: $id}})-[r:{rel_pattern([t for t in RELATION_TYPES if t != 'MEMBER_OF'])}]-(b:Actor) "
        "WITH type(r) AS type, startNode(r) = a AS outgoing, b, r.negated AS negated, count(r) AS count "
        "RETURN type, outgoing, b.id AS other_id, b.name AS other, negated, count "
        "ORDER BY count DESC, other LIMIT $limit",
        {"id": actor_id, "limit": int(limit)},
    )


def documents(limit: int = 500) -> Q:
    return (
        "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.date AS date, d.source AS source, "
        "coalesce(d.mentions, 0) AS mentions, coalesce(d.relations, 0) AS relations "
        "ORDER BY d.date DESC, d.id LIMIT $limit",
        {"limit": int(limit)},
    )


def document(doc_id: str) -> Q:
    return (
        "MATCH (d:Document {id: $id}) "
        "RETURN d.id AS id, d.title AS title, d.date AS date, d.source AS source, d.text AS text, "
        "coalesce(d.mentions, 0) AS mentions, coalesce(d.relations, 0) AS relations, "
        "COLLECT { MATCH (a:Actor)-[m:MENTIONED_IN]->(d) RETURN {id: a.id, name: a.name, type: a.type, "
        "starts: m.starts, ends: m.ends} } AS actors",
        {"id": doc_id},
    )


def document_relations(doc_id: str, limit: int = 2000) -> Q:
    return (
        f"MATCH (d:Document {{id: $id}})<-[:MENTIONED_IN]-(a:Actor)-[r:{ALL_RELATIONS}]->(b:Actor) WHERE r.doc = $id "
        + EVIDENCE_COLUMNS
        + " ORDER BY r.start LIMIT $limit",
        {"id": doc_id, "limit": int(limit)},
    )


def counts() -> list[Q]:
    """Node and relationship counts (count-store lookups, constant time at any size)."""
    out = [
        ("MATCH (n:Actor) RETURN 'Actor' AS key, count(n) AS n", {}),
        ("MATCH (n:Document) RETURN 'Document' AS key, count(n) AS n", {}),
    ]
    out += [(f"MATCH (n:{_label(t)}) RETURN '{t}' AS key, count(n) AS n", {}) for t in ACTOR_TYPES]
    out += [(f"MATCH ()-[r:{_rel_type(t)}]->() RETURN '{t}' AS key, count(r) AS n", {}) for t in RELATION_TYPES]
    return out


def top_by_degree(limit: int = 10) -> Q:
    return (
        f"MATCH (a:Actor) WITH a, COUNT {{ (a)-[:{ALL_RELATIONS}]-() }} AS degree ORDER BY degree DESC, a.id LIMIT $limit "
        "RETURN a.id AS id, a.name AS name, a.type AS type, degree",
        {"limit": int(limit)},
    )


def relations_by_day() -> Q:
    """Relations and documents per document date (None: undated), from the documents' own counts:
    a pass over documents, not over relationships, so the explorer's timeline stays cheap at 1M."""
    return (
        "MATCH (d:Document) WITH CASE WHEN d.date IS NULL THEN null ELSE substring(d.date, 0, 10) END AS day, d "
        "RETURN day, sum(coalesce(d.relations, 0)) AS relations, count(d) AS documents ORDER BY day",
        {},
    )


def date_range() -> Q:
    return ("MATCH (d:Document) WHERE d.date IS NOT NULL RETURN min(d.date) AS first, max(d.date) AS last", {})


_WRITE_CLAUSE = re.compile(r"\b(LOAD\s+CSV|CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH)\b", re.I)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def write_clauses(cypher: str) -> list[str]:
    """Clauses that write or read files, outside strings and comments (the server's read-only
    transaction is the real guard; this catches LOAD CSV, which reads, and gives a clear message)."""
    return sorted({m.group(1).upper().replace("  ", " ") for m in _WRITE_CLAUSE.finditer(_STRINGS.sub(" ", cypher))})


def rule_hits() -> Q:
    return (
        f"MATCH ()-[r:{ALL_RELATIONS}]->() RETURN r.rule AS rule, count(*) AS hits ORDER BY hits DESC, rule",
        {},
    )
