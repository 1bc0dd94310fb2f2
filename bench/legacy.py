"""Today's model before aggregates, kept only to measure it beside the new one in the same run:
one relationship per occurrence (``(a)-[:WARNS {doc, date, sentence, ...}]->(b)``), views that
aggregate those at read time. The statements are the ones actorgraph sent until the aggregates
landed (graph/store/queries.py at 700b1b4), trimmed to what the benchmark runs."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.model import RELATION_TYPES, ViewParams
from graph.store import writes
from graph.store.loader import batches, element_ids, prefetched, rows_for

ALL = "|".join(RELATION_TYPES)


def schema() -> list[str]:
    out = [s for s in writes.schema() if "()-[r:" not in s]  # the node indexes are the same
    out += [f"CREATE INDEX rel_{t.lower()}_doc IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.doc)" for t in RELATION_TYPES]
    return out


def _write_batch(tx, rows: dict) -> None:
    ids = [d["id"] for d in rows["docs"]]
    existing = tx.run(*writes.existing_documents(ids)).single()["ids"]
    if existing:
        for t in RELATION_TYPES:
            tx.run(f"UNWIND $ids AS id MATCH ()-[r:{t}]->() WHERE r.doc = id DELETE r", ids=existing).consume()
        tx.run(*writes.delete_document_mentions(existing)).consume()
    eid = {}
    for t, actor_rows in rows["actors"].items():
        eid.update(element_ids(tx.run(*writes.merge_actors(t, actor_rows)).single()))
    doc_eid = element_ids(tx.run(*writes.merge_documents(rows["docs"])).single())
    by_type: dict[str, list] = {}
    for e in rows["evidence"]:
        p = e["props"]
        props = {k: p[k] for k in ("id", "doc", "date", "sentence", "start", "end", "rule", "negated")}
        by_type.setdefault(p["type"], []).append({"s": eid[p["subject"]], "o": eid[p["object"]], "props": props})
    for t, rel_rows in by_type.items():
        rel_rows.sort(key=lambda r: (r["s"], r["o"]))
        for part in batches(rel_rows, 20000):
            tx.run(
                "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.s MATCH (b) WHERE elementId(b) = row.o "
                f"CREATE (a)-[r:{t}]->(b) SET r = row.props",
                rows=part,
            ).consume()
    mention_rows = [{**m, "actor": eid[m["actor"]], "doc": doc_eid[m["doc"]]} for m in rows["mentions"]]
    tx.run(*writes.create_mentions(mention_rows)).consume()


def load(driver, database: str, extractions, batch_size: int = 500) -> None:
    """The batched loader as it was: one transaction per batch, one relationship per occurrence."""
    for rows in prefetched(rows_for(b) for b in batches(extractions, batch_size)):
        with driver.session(database=database) as session:
            session.execute_write(_write_batch, rows)


def write_csvs(exs, folder: Path) -> dict:
    """The same corpus for neo4j-admin in the old model."""
    actors = {}
    with open(folder / "rels.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "id", "doc", "date", "sentence", "start:int", "end:int", "rule"])
        for ex in exs:
            for r in ex.relations:
                actors[r.subject.id] = r.subject
                actors[r.object.id] = r.object
                w.writerow([r.subject.id, r.object.id, r.type, r.id, r.doc, r.date, r.sentence, r.start, r.end, r.rule])
    with open(folder / "actors.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id:ID", "name", "type", "alias_text", ":LABEL"])
        for a in actors.values():
            w.writerow([a.id, a.name, a.type, "", f"Actor;{a.type}"])
    return {"nodes": {"Actor": [folder / "actors.csv"]}, "relationships": {"": [folder / "rels.csv"]}}


def _filters(view: ViewParams, var: str = "r") -> str:
    parts = []
    if view.since:
        parts.append(f"{var}.date >= $since")
    if view.until:
        parts.append(f"{var}.date <= $until")
    if not view.include_negated:
        parts.append(f"NOT {var}.negated")
    return " AND ".join(parts) or "true"


def _params(view: ViewParams) -> dict:
    return {"since": view.since, "until": view.until, "min_evidence": max(1, int(view.min_evidence))}


def neighbourhood(read, view: ViewParams) -> int:
    """Today's depth-N view (expand by read-time counts, then every occurrence among the chosen
    actors aggregated); answers the numbers of actors and edges, to check the work was done."""
    pattern = "|".join(view.relation_types)
    ids, frontier = [view.focus], [view.focus]
    for _ in range(view.depth):
        room = view.limit - len(ids)
        if room <= 0 or not frontier:
            break
        have = set(ids)
        found = read(
            (
                f"UNWIND $frontier AS fid MATCH (a:Actor {{id: fid}})-[r:{pattern}]-(b:Actor) WHERE {_filters(view)} "
                "WITH b, count(r) AS weight ORDER BY weight DESC, b.id LIMIT $limit RETURN b.id AS id",
                {**_params(view), "frontier": frontier, "limit": room + len(have) + 1},
            )
        )
        new = [r["id"] for r in found if r["id"] not in have][:room]
        ids += new
        frontier = new
    nodes = read(
        (
            "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, elementId(a) AS eid, a.name AS name, "
            f"COUNT {{ (a)-[:{ALL}]-() }} AS degree, COUNT {{ (a)-[:MENTIONED_IN]->() }} AS mentions",
            {"ids": ids},
        )
    )
    eids = [r["eid"] for r in nodes]
    rec = read(
        (
            "UNWIND $eids AS e MATCH (a) WHERE elementId(a) = e "
            f"MATCH (a)-[r:{pattern}]->(b) WHERE elementId(b) IN $eids AND {_filters(view)} "
            "WITH a, b, type(r) AS type, r.negated AS negated, count(r) AS count, "
            "min(r.date) AS first_date, max(r.date) AS last_date, collect(DISTINCT r.doc) AS docs "
            "WHERE count >= $min_evidence "
            "WITH a.id AS source, b.id AS target, type, negated, count, first_date, last_date, docs "
            "ORDER BY count DESC, source, target, type, negated LIMIT $limit + 1 "
            "WITH collect({source: source, target: target, type: type, count: count}) AS edges, "
            "collect(docs) AS doc_lists "
            "CALL (doc_lists) { UNWIND doc_lists[..$limit] AS ds UNWIND ds AS d RETURN count(DISTINCT d) AS documents } "
            "RETURN edges[..$limit] AS edges, documents",
            {**_params(view), "eids": eids, "limit": max(200, min(10000, 5 * view.limit))},
        )
    )
    return len(ids), len(rec[0]["edges"])


def search(read, text: str, limit: int = 10) -> list:
    from graph.store.queries import FULLTEXT_INDEX, lucene_query

    return read(
        (
            f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q, {{limit: $hits}}) YIELD node, score "
            f"RETURN node.id AS id, COUNT {{ (node)-[:{ALL}]-() }} AS degree, score "
            "ORDER BY score DESC, degree DESC LIMIT $limit",
            {"q": lucene_query(text), "limit": limit, "hits": 5 * limit},
        )
    )
