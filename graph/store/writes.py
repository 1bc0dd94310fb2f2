"""Every statement that writes: the schema, a batch's load steps, reset. Pure builders of
(text, parameters), like ``graph.store.queries``; labels and relationship types in the text come
only from the closed vocabularies in ``graph.model``."""

from __future__ import annotations

import re
from typing import Any

from ..model import ACTOR_TYPES, RELATION_TYPES
from .aggregate import UNKNOWN
from .queries import FULLTEXT_INDEX, LINKED, NO_KEY, Q, actor_label, one_size_class, relation_type, seek

# --- schema --------------------------------------------------------------------------------


def schema() -> list[str]:
    """Constraints and indexes. Aggregates and LINKED pairs are found by their unique ``key``
    (writes) and ranked by their rank strings (views); evidence is found by its edge ``key``.
    Occurrence properties (dates, documents) are not indexed on relationships: nothing seeks
    them, and every relationship index costs each write."""
    out = [
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
        "CREATE INDEX document_date IF NOT EXISTS FOR (d:Document) ON (d.date)",
        "CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type)",
        "CREATE INDEX actor_weight IF NOT EXISTS FOR (a:Actor) ON (a.weight)",
        "CREATE INDEX evidence_key IF NOT EXISTS FOR (e:Evidence) ON (e.key)",
        "CREATE INDEX evidence_doc IF NOT EXISTS FOR (e:Evidence) ON (e.doc)",
        "CREATE INDEX evidence_key_date IF NOT EXISTS FOR (e:Evidence) ON (e.key, e.date)",
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.alias_text]",
        f"CREATE CONSTRAINT linked_key IF NOT EXISTS FOR ()-[r:{LINKED}]-() REQUIRE r.key IS UNIQUE",
        f"CREATE INDEX linked_a_rank IF NOT EXISTS FOR ()-[r:{LINKED}]-() ON (r.a_rank)",
        f"CREATE INDEX linked_b_rank IF NOT EXISTS FOR ()-[r:{LINKED}]-() ON (r.b_rank)",
        # indexes nothing (no node has the label): marks a graph whose aggregates keep per-month histograms
        f"CREATE INDEX {MODEL_MARKER} IF NOT EXISTS FOR (n:ActorgraphModel) ON (n.version)",
    ]
    for t in RELATION_TYPES:
        low = t.lower()
        out += [
            f"CREATE CONSTRAINT rel_{low}_key IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.key IS UNIQUE",
            f"CREATE INDEX rel_{low}_out_rank IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.out_rank)",
            f"CREATE INDEX rel_{low}_in_rank IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.in_rank)",
        ]
    return out


def schema_names() -> Q:
    """The names of the indexes and constraints that exist (to create only what is missing)."""
    return ("SHOW INDEXES YIELD name RETURN collect(name) AS names", {})


def missing(statements: list[str], existing: set[str]) -> list[str]:
    """The schema statements whose index or constraint (a constraint's backing index has its
    name) does not exist yet."""
    return [s for s in statements if _name(s) not in existing]


def _name(statement: str) -> str:
    found = re.match(r"CREATE (?:FULLTEXT )?(?:INDEX|CONSTRAINT) (\w+)", statement)
    assert found, statement
    return found[1]


#: An index whose absence beside the others says the aggregates were written with per-day
#: histograms (before per-month ones): such a graph is re-loaded, not read with wrong counts.
MODEL_MARKER = "actorgraph_model_months"


def earlier_aggregates(existing: set[str]) -> bool:
    """Whether a graph with these index names holds aggregates of the per-day format."""
    return "evidence_key" in existing and MODEL_MARKER not in existing


#: Index names only the earlier model (one relationship per occurrence) created.
LEGACY_INDEXES = tuple(f"rel_{t.lower()}_doc" for t in RELATION_TYPES)


def legacy_indexes() -> Q:
    return (
        "SHOW INDEXES YIELD name WHERE name IN $names RETURN collect(name) AS names",
        {"names": list(LEGACY_INDEXES)},
    )


def drop_legacy_indexes() -> list[str]:
    return [f"DROP INDEX {name} IF EXISTS" for name in LEGACY_INDEXES]


#: The hint of every statement that finds actors by id (``queries.seek``).
ACTOR_SEEK = seek("a", "Actor", "id")

# --- a batch, step by step -----------------------------------------------------------------


def existing_documents(ids: list[str]) -> Q:
    return (
        f"MATCH (d:Document) {seek('d', 'Document', 'id')}WHERE d.id IN $ids RETURN collect(d.id) AS ids",
        {"ids": ids},
    )


def remove_document_evidence(ids: list[str]) -> Q:
    """Delete the evidence of re-loaded documents, answering what it was (``removed``: a list of
    ``[key, doc, date]``; a list per row, since ``collect`` would drop a missing date) so that
    the aggregates can give it back."""
    return (
        f"UNWIND $ids AS id MATCH (e:Evidence {{doc: id}}) {seek('e', 'Evidence', 'doc')}"
        "WITH e, [e.key, id, e.date] AS row DELETE e RETURN collect(row) AS removed",
        {"ids": ids},
    )


def delete_document_mentions(ids: list[str]) -> Q:
    return (
        f"UNWIND $ids AS id MATCH (d:Document {{id: id}})<-[m:MENTIONED_IN]-() {seek('d', 'Document', 'id')}DELETE m",
        {"ids": ids},
    )


def merge_actors(actor_type: str, rows: list[dict[str, Any]]) -> Q:
    """Actors of one type, created or updated; answers each one's element id so the batch's
    relationships find their ends by direct record lookup instead of two index seeks each.

    An actor that is already stored as given is not written again: most actors of a batch are
    stored already, and rewriting their names would re-index them in the full-text index at every
    commit. A changed type moves the actor to its new label."""
    label = actor_label(actor_type)
    others = ":".join(t for t in ACTOR_TYPES if t != label)
    alias_text = "reduce(s = '', x IN a.aliases | s + ' | ' + x)"
    return (
        "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) "
        f"ON CREATE SET a:{label}, a.name = row.name, a.type = row.type, a.aliases = row.aliases, a.weight = 0 "
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


def merge_documents(rows: list[dict[str, Any]]) -> Q:
    return (
        "UNWIND $rows AS row MERGE (d:Document {id: row.id}) "
        "SET d.title = row.title, d.date = row.date, d.source = row.source, d.text = row.text, "
        "d.mentions = row.mentions, d.relations = row.relations "
        "RETURN collect(row.id) AS ids, collect(elementId(d)) AS eids",
        {"rows": rows},
    )


def create_evidence(rows: list[dict[str, Any]]) -> Q:
    """One ``Evidence`` node per occurrence (its document by ``doc``, indexed: a relationship to
    the document cost a third more per occurrence and no view follows it). CREATE, not MERGE:
    a re-loaded document's evidence was deleted first."""
    return ("UNWIND $rows AS props CREATE (e:Evidence) SET e = props", {"rows": rows})


def lock_edges(keys: dict[str, list[str]]) -> Q:
    """The stored state of the aggregates ``{type: [key, ...]}`` (``[key, elementId, [the
    aggregate.STORED properties]]``), write-locked first (a no-op SET) so that two loaders cannot
    both read a count and both add to it. One record of lists.

    The text names every relation type in one fixed order, whichever types a batch touches (an
    absent one unwinds an empty list): Neo4j caches plans by text, and planning this eight-branch
    union anew took ~0.4 s, more than reading the batch's thousands of aggregates; for the same
    reason its eight lists are padded to one size class (``queries.one_size_class``)."""
    from .aggregate import STORED

    unknown = set(keys) - set(RELATION_TYPES)
    if unknown:
        raise ValueError(f"not relation types: {sorted(unknown)}")
    values = ", ".join(f"r.{p}" for p in STORED)
    parts = [
        f"UNWIND $k_{relation_type(t)} AS k MATCH ()-[r:{t} {{key: k}}]->() {seek('r', t, 'key')}SET r.count = r.count "
        f"RETURN [k, elementId(r), [{values}]] AS row"
        for t in RELATION_TYPES
    ]
    return (
        "CALL () { " + " UNION ALL ".join(parts) + " } RETURN collect(row) AS found",
        one_size_class({f"k_{t}": list(keys.get(t, [])) for t in RELATION_TYPES}, NO_KEY),
    )


def month_bounds(rows: list[dict[str, Any]]) -> Q:
    """``{key, month}`` rows: the first and last day of each month's occurrences of each aggregate
    as the evidence has them now (``[key, month, first, last]``; a range seek on (key, date))."""
    return (
        f"UNWIND $rows AS row CALL (row) {{ MATCH (e:Evidence) {seek('e', 'Evidence', 'key', 'date')}WHERE e.key = row.key "
        "AND e.date >= row.month + '-01' AND e.date <= row.month + '-31' "
        "RETURN min(e.date) AS lo, max(e.date) AS hi } "
        "RETURN collect([row.key, row.month, lo, hi]) AS found",
        {"rows": rows},
    )


def lock_linked(pairs: list[str]) -> Q:
    """The stored LINKED pairs (``[key, elementId, type_counts]``: their totals, not their lists),
    write-locked first."""
    return (
        f"UNWIND $pairs AS k MATCH ()-[l:{LINKED} {{key: k}}]->() {seek('l', LINKED, 'key')}SET l.count = l.count "
        "RETURN collect([k, elementId(l), l.type_counts]) AS found",
        {"pairs": pairs},
    )


def splice_linked(rows: list[dict[str, Any]]) -> Q:
    """``{eid, keys, counts, firsts, lasts, undated, hists, props}`` rows: in each stored LINKED pair, the
    entries of the aggregates ``keys`` replaced by the given ones (a count of 0 drops the entry),
    every other entry kept as stored, and its totals ``props`` set. The server splices the lists,
    so a batch neither reads nor sends back the entries it does not change (a pair of two busy
    actors lists a dozen aggregates or more)."""
    lists = ("counts", "firsts", "lasts", "undated", "hists")
    # an import may leave a list out; a pair written before pairs listed histograms has none
    blank = {"counts": "0", "firsts": "''", "lasts": "''", "undated": "0", "hists": f"'{UNKNOWN}'"}
    stored = ", ".join(f"coalesce(l.{p}, []) AS o_{p}" for p in lists)  # each list read once
    keep = ", ".join(f"[i IN keep | coalesce(o_{p}[i], {blank[p]})] + [j IN add | row.{p}[j]] AS n_{p}" for p in lists)
    sets = ", ".join(f"l.{p} = n_{p}" for p in lists)
    return (
        "UNWIND $rows AS row MATCH ()-[l]->() WHERE elementId(l) = row.eid "
        f"WITH l, row, coalesce(l.keys, []) AS ks, {stored} "
        f"WITH l, row, ks, {', '.join(f'o_{p}' for p in lists)}, "
        "[i IN range(0, size(ks) - 1) WHERE NOT ks[i] IN row.keys] AS keep, "
        "[j IN range(0, size(row.keys) - 1) WHERE row.counts[j] > 0] AS add "
        f"WITH l, row, [i IN keep | ks[i]] + [j IN add | row.keys[j]] AS n_keys, {keep} "
        f"SET l.keys = n_keys, {sets}, l += row.props",
        {"rows": rows},
    )


def update_relationships(rows: list[dict[str, Any]]) -> Q:
    """``{eid, props}`` rows: new values for stored aggregates or pairs."""
    return ("UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r += row.props", {"rows": rows})


def delete_relationships(eids: list[str]) -> Q:
    return ("UNWIND $eids AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r", {"eids": eids})


def create_relationships(kind: str, rows: list[dict[str, Any]]) -> Q:
    """``{s, o, props}`` rows, ``s``/``o`` the ends' element ids; ``kind`` a relation type or LINKED."""
    t = kind if kind == LINKED else relation_type(kind)
    return (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.s MATCH (b) WHERE elementId(b) = row.o "
        f"CREATE (a)-[r:{t}]->(b) SET r = row.props",
        {"rows": rows},
    )


def add_weights(rows: list[dict[str, Any]]) -> Q:
    """``{id, w}`` rows, ``w`` the change of the actor's occurrence counts per relation type:
    ``weights`` (per type, ``RELATION_TYPES`` order) and their sum ``weight``."""
    n = len(RELATION_TYPES)
    return (
        f"UNWIND $rows AS row MATCH (a:Actor {{id: row.id}}) {ACTOR_SEEK}"
        f"WITH a, [i IN range(0, {n - 1}) | coalesce(a.weights[i], 0) + row.w[i]] AS w "
        "SET a.weights = w, a.weight = reduce(s = 0, x IN w | s + x)",
        {"rows": rows},
    )


def lock_tops(rows: list[dict[str, Any]]) -> Q:
    """``{id, props}`` rows: the named neighbour-list properties of these actors as stored
    (``[id, [list, ...]]``, in the order asked: only the lists a batch changes), write-locked first."""
    return (
        f"UNWIND $rows AS row MATCH (a:Actor {{id: row.id}}) {ACTOR_SEEK}SET a.weight = a.weight "
        "RETURN collect([row.id, [p IN row.props | a[p]]]) AS found",
        {"rows": rows},
    )


def actor_pairs(ids: list[str]) -> Q:
    """Every LINKED pair of these actors (to recount their neighbour lists): ``[pair key, type_counts]``."""
    return (
        f"UNWIND $ids AS id MATCH (a:Actor {{id: id}})-[l:{LINKED}]-() {ACTOR_SEEK}"
        "RETURN collect(DISTINCT [l.key, l.type_counts]) AS pairs",
        {"ids": ids},
    )


def set_tops(rows: list[dict[str, Any]]) -> Q:
    """``{id, props}`` rows: actors' new neighbour lists (a null removes a list)."""
    return (f"UNWIND $rows AS row MATCH (a:Actor {{id: row.id}}) {ACTOR_SEEK}SET a += row.props", {"rows": rows})


def create_mentions(rows: list[dict[str, Any]]) -> Q:
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
