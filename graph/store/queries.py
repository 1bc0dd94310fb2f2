"""The Cypher actorgraph reads with (search, evidence, documents, statistics), as small pure
builders returning (text, parameters); the views' own are in ``graph.store.view_queries``, the
writes in ``graph.store.writes``.

Values always travel as parameters. The few things Cypher cannot take as parameters (relationship
types and labels in patterns, variable-length bounds) come only from the closed vocabularies in
``graph.model`` or from integers validated here, never from a user's string.

Views read aggregates only (see ``graph.store.aggregate`` and docs/model.md): an actor's strongest
neighbours come from ordered index seeks on rank strings with a LIMIT, so a view reads what it
shows, not every relationship of the hubs it passes. Writes are in ``graph.store.writes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import ACTOR_TYPES, RELATION_TYPES
from .aggregate import edge_key

#: A statement: its text and its parameters.
Params = dict[str, Any]
Q = tuple[str, Params]

FULLTEXT_INDEX = "actor_names"
#: One relationship per pair of actors related at all: the pair's total count and its aggregates' keys.
LINKED = "LINKED"


#: Pads lists of aggregate keys (``one_size_class``): no aggregate has an empty key, so its seek finds nothing.
NO_KEY = ""


def seek(var: str, label: str, *props: str) -> str:
    """A planner hint: find ``var`` by a seek of the index on ``label`` (a node label or a
    relationship type) and ``props``. Plans are made once per text and size class and then kept
    (``CYPHER replan=skip`` in the loader), so a plan made when an index was nearly empty stays:
    inside a load's second batch Neo4j 5.26 planned ``UNWIND $pairs AS k MATCH ()-[l:LINKED {key:
    k}]->()`` as a scan of the whole index filtered on each key, and that one statement took 30 to
    87 s of a 100k-relation load that otherwise takes 20 (measured). A seek is always right here:
    every statement that carries this hint looks keys up one by one."""
    return f"USING INDEX SEEK {var}:{label}({', '.join(props)}) "


def size_class_floor(n: int) -> int:
    """The smallest length of the size class a list of ``n`` falls in. Neo4j 5.26 keys a cached
    plan on its text and on the size class of each list parameter: 0, 1, 2, 3-10, 11-100,
    101-1000, 1001-10000 and so on (measured: a statement plans again the first time a list
    crosses a class, not within one)."""
    if n <= 2:
        return n
    lo, hi = 3, 10
    while n > hi:
        lo, hi = hi + 1, hi * 10
    return lo


def one_size_class(lists: dict[str, list[Any]], filler: Any) -> dict[str, list[Any]]:
    """The lists, each padded with ``filler`` (a value that matches nothing) to the size class of
    the longest: a statement with several list parameters is planned once per class of the
    longest, not once per mix of classes. A batch's lock on its aggregates (eight lists, one per
    relation type, of ever-changing lengths) was planned anew in most batches, ~0.4 s each; with
    the padding sought as well, its share of a 100k-relation load fell from 7.3 s to 1.2 s."""
    floor = size_class_floor(max((len(v) for v in lists.values()), default=0))
    return {k: v + [filler] * (floor - len(v)) if len(v) < floor else v for k, v in lists.items()}


def relation_type(t: str) -> str:
    if t not in RELATION_TYPES:
        raise ValueError(f"unknown relation type {t!r}")
    return t


def actor_label(t: str) -> str:
    if t not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {t!r}")
    return t


def hop_bound(n: int, lo: int = 1, hi: int = 4) -> int:
    n = int(n)
    if not lo <= n <= hi:
        raise ValueError(f"depth must be between {lo} and {hi}")
    return n


def rel_pattern(types: Iterable[str] | None) -> str:
    """``WARNS|DEMANDS``: a typed pattern lets Neo4j skip other relationships (and use degree counts)."""
    return "|".join(relation_type(t) for t in (types or RELATION_TYPES))


ALL_RELATIONS = rel_pattern(RELATION_TYPES)


def is_empty() -> Q:
    return ("MATCH (n) RETURN count(n) = 0 AS empty LIMIT 1", {})


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
    """The best full-text hits, then (for those only) their occurrence count as a tie-breaker."""
    return (
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q, {{limit: $hits}}) YIELD node, score "
        "RETURN node.id AS id, node.name AS name, node.type AS type, node.aliases AS aliases, "
        "coalesce(node.weight, 0) AS degree, COUNT { (node)-[:MENTIONED_IN]->() } AS mentions, score "
        "ORDER BY score DESC, degree DESC LIMIT $limit",
        {"q": lucene_query(text), "limit": int(limit), "hits": 5 * int(limit)},
    )


# --- one edge, one actor -------------------------------------------------------------------

#: What an evidence row returns (``store._evidence``): the occurrence, its document's title, both ends.
EVIDENCE_COLUMNS = (
    "RETURN e.id AS relation_id, e.doc AS doc, d.title AS title, e.date AS date, e.sentence AS sentence, "
    "e.start AS start, e.end AS end, e.rule AS rule, e.negated AS negated, "
    "a.id AS s_id, a.name AS s_name, a.type AS s_type, e.type AS type, b.id AS o_id, b.name AS o_name, "
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
    """The occurrences behind one edge, by the evidence index on its aggregate's key; under
    ``since``/``until`` undated ones too unless ``include_undated`` is False."""
    t = relation_type(rel_type)
    keys = [edge_key(source, t, target, n) for n in ((False, True) if negated is None else (negated,))]
    return (
        "MATCH (a:Actor {id: $source}), (b:Actor {id: $target}) UNWIND $keys AS k MATCH (e:Evidence {key: k}) "
        "WHERE ($since IS NULL OR e.date >= $since) AND ($until IS NULL OR e.date <= $until) "
        "OR ($undated AND e.date IS NULL) "
        "MATCH (d:Document {id: e.doc}) " + EVIDENCE_COLUMNS + " ORDER BY e.date, e.doc, e.start LIMIT $limit",
        {
            "source": source,
            "target": target,
            "keys": keys,
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
        "coalesce(a.weight, 0) AS degree, COUNT { (a)-[:MENTIONED_IN]->() } AS mentions, "
        "COLLECT { MATCH (a)-[r:MEMBER_OF]->(b:Actor) WHERE NOT r.negated RETURN DISTINCT b.name } AS member_of, "
        "COLLECT { MATCH (a)-[m:MENTIONED_IN]->(d:Document) RETURN d.id ORDER BY m.count DESC LIMIT 20 } AS documents",
        {"id": actor_id},
    )


# --- documents, rules and statistics -------------------------------------------------------


def documents(limit: int = 500) -> Q:
    return (
        "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.date AS date, d.source AS source, "
        "coalesce(d.mentions, 0) AS mentions, coalesce(d.relations, 0) AS relations "
        "ORDER BY d.date DESC, d.id LIMIT $limit",
        {"limit": int(limit)},
    )


def stored_documents(after: str, limit: int) -> Q:
    """The next ``limit`` stored documents with their text, in id order after ``after`` (paging on
    the id constraint's index, so reading a million documents never holds them all at once)."""
    return (
        "MATCH (d:Document) WHERE d.id > $after "
        "RETURN d.id AS id, d.title AS title, d.date AS date, d.source AS source, d.text AS text "
        "ORDER BY d.id LIMIT $limit",
        {"after": after, "limit": int(limit)},
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
        "MATCH (d:Document {id: $id}) MATCH (e:Evidence {doc: $id}) "
        "MATCH (a:Actor {id: e.subject}) MATCH (b:Actor {id: e.object}) "
        + EVIDENCE_COLUMNS
        + " ORDER BY e.start, e.id LIMIT $limit",
        {"id": doc_id, "limit": int(limit)},
    )


def rule_hits() -> Q:
    return ("MATCH (e:Evidence) RETURN e.rule AS rule, count(*) AS hits ORDER BY hits DESC, rule", {})


def counts() -> list[Q]:
    """Node counts (count store, constant time) and occurrences per relation type (the sum of
    the aggregates' counts)."""
    out: list[Q] = [
        ("MATCH (n:Actor) RETURN 'Actor' AS key, count(n) AS n", {}),
        ("MATCH (n:Document) RETURN 'Document' AS key, count(n) AS n", {}),
        ("MATCH (n:Evidence) RETURN 'Evidence' AS key, count(n) AS n", {}),
    ]
    out += [(f"MATCH (n:{actor_label(t)}) RETURN '{t}' AS key, count(n) AS n", {}) for t in ACTOR_TYPES]
    out += [
        (f"MATCH ()-[r:{relation_type(t)}]->() RETURN '{t}' AS key, coalesce(sum(r.count), 0) AS n", {})
        for t in RELATION_TYPES
    ]
    return out


def top_by_degree(limit: int = 10) -> Q:
    return (
        "MATCH (a:Actor) WHERE a.weight > 0 RETURN a.id AS id, a.name AS name, a.type AS type, a.weight AS degree "
        "ORDER BY a.weight DESC, a.id LIMIT $limit",
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
