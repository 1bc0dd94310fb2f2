"""Writing extractions to Neo4j in batches: one transaction per batch of documents, keyed by
deterministic ids.

Re-loading a document deletes its previous relations and mention links and writes the new ones in
the same transaction, so a re-run (or a run after a rule change, or after a load was killed
half-way) leaves exactly the graph a clean load gives.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from ..errors import StoreError
from ..model import ACTOR_TYPES, RELATION_TYPES, Document, Extraction, LoadSummary
from . import queries as q


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _iso_day(value: object) -> bool:
    import re
    from datetime import date

    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_document(doc: Document) -> None:
    """Refuse a document whose fields the store cannot keep as the explorer reads them: a date that
    is not an ISO day (views sort, filter and parse dates), a title or source that is not text."""
    if doc.date is not None and not _iso_day(doc.date):
        raise StoreError(f"Document {doc.id!r} has date {doc.date!r}: a date is an ISO day (YYYY-MM-DD) or None.")
    for name in ("title", "source"):
        value = getattr(doc, name)
        if value is not None and not isinstance(value, str):
            raise StoreError(f"Document {doc.id!r} has a {type(value).__name__} for its {name}: text or None.")


def rows_for(batch: list[Extraction]) -> dict:
    """The parameter rows of one batch (pure, so it is tested without a server).

    A document that appears twice in a batch counts once (the later extraction wins, as it would
    across batches), and so does a relation that appears twice in a document."""
    latest = {ex.document.id: ex for ex in batch}
    actors: dict[str, dict] = {}
    rels: dict[str, dict[str, dict]] = defaultdict(dict)
    mentions: dict[tuple[str, str], dict] = {}
    docs = []
    for ex in latest.values():
        d = ex.document
        check_document(d)
        docs.append(
            {
                "id": d.id,
                "title": d.title,
                "date": d.date,
                "source": d.source,
                "text": d.text,
                "mentions": len(ex.mentions),
                "relations": len(ex.relations),
            }
        )
        for a in ex.actors:
            row = actors.setdefault(a.id, {"id": a.id, "name": a.name, "type": a.type, "aliases": []})
            row["aliases"] = list(dict.fromkeys(row["aliases"] + list(a.aliases)))
        for m in ex.mentions:
            if m.actor.id not in actors:
                actors[m.actor.id] = {"id": m.actor.id, "name": m.actor.name, "type": m.actor.type, "aliases": []}
            key = (m.actor.id, d.id)
            row = mentions.get(key)
            if row is None:
                row = mentions[key] = {"actor": m.actor.id, "doc": d.id, "count": 0, "starts": [], "ends": []}
            row["count"] += 1
            row["starts"].append(m.start)
            row["ends"].append(m.end)
        for r in ex.relations:
            for ref in (r.subject, r.object):
                if ref.id not in actors:
                    actors[ref.id] = {"id": ref.id, "name": ref.name, "type": ref.type, "aliases": []}
            rid = r.id
            rels[r.type][rid] = {
                "s": r.subject.id,
                "o": r.object.id,
                "props": {
                    "id": rid,
                    "doc": d.id,
                    "date": r.date,
                    "sentence": r.sentence,
                    "start": r.start,
                    "end": r.end,
                    "rule": r.rule,
                    "negated": r.negated,
                },
            }
    by_type: dict[str, list] = defaultdict(list)
    for row in actors.values():
        if row["type"] not in ACTOR_TYPES:
            raise StoreError(f"Actor {row['id']!r} has type {row['type']!r}; actor types are {', '.join(ACTOR_TYPES)}.")
        by_type[row["type"]].append(row)
    return {
        "docs": docs,
        "actors": dict(by_type),
        "relations": {t: list(v.values()) for t, v in rels.items()},
        "mentions": list(mentions.values()),
    }


def _prefetched(items: Iterable, depth: int = 2) -> Iterator:
    """Iterate ``items`` computed in a background thread, at most ``depth`` ahead.

    Loading alternates Python work (reading, extracting, building rows) with waiting for Neo4j; the
    driver releases the GIL while it waits, so producing the next batch meanwhile overlaps the two.
    An exception in the producer is raised here; stopping early stops the producer."""
    import queue
    import threading

    q_: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                q_.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        try:
            for item in items:
                if not put((True, item)):
                    return
            put((True, done))
        except BaseException as exc:  # handed to the consumer, raised there
            put((False, exc))

    worker = threading.Thread(target=produce, name="actorgraph-load-producer", daemon=True)
    worker.start()
    try:
        while True:
            ok, item = q_.get()
            if not ok:
                raise item
            if item is done:
                return
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def _element_ids(record) -> dict[str, str]:
    """``{id: elementId}`` from one record of two collected lists (thousands of one-row records
    cost the driver far more than two lists)."""
    return dict(zip(record["ids"], record["eids"]))


def _write_batch(tx, rows: dict) -> int:
    """One batch in one transaction (re-run whole by the driver on a transient error); answers
    how many of its documents were already stored and so replaced."""
    ids = [d["id"] for d in rows["docs"]]
    existing = tx.run(*q.existing_documents(ids)).single()["ids"]
    if existing:
        for t in RELATION_TYPES:
            tx.run(*q.delete_document_relations(t, existing)).consume()
        tx.run(*q.delete_document_mentions(existing)).consume()
    eid = {}
    for t, actor_rows in rows["actors"].items():
        eid.update(_element_ids(tx.run(*q.merge_actors(t, actor_rows)).single()))
    doc_eid = _element_ids(tx.run(*q.merge_documents(rows["docs"])).single())
    for t, rel_rows in rows["relations"].items():
        resolved = sorted(
            ({"s": eid[r["s"]], "o": eid[r["o"]], "props": r["props"]} for r in rel_rows),
            key=lambda r: (r["s"], r["o"]),
        )  # neighbouring records together
        for part in _batches(resolved, 20000):
            tx.run(*q.create_relations(t, part)).consume()
    mention_rows = [{**m, "actor": eid[m["actor"]], "doc": doc_eid[m["doc"]]} for m in rows["mentions"]]
    tx.run(*q.create_mentions(mention_rows)).consume()
    return len(existing)


def load(driver, database: str, extractions: Iterable[Extraction], batch_size: int = 500, progress=None) -> LoadSummary:
    """Write extractions in batches of documents, one transaction per batch; idempotent.

    Each batch's transaction first deletes the relations and mention links of those of its
    documents that are already stored, then writes them anew: a re-run, a run after a rule
    change and a run after a load was killed half-way all end in the graph one clean load gives.
    """
    started = time.perf_counter()
    totals = Counter()
    actor_ids: set[str] = set()
    task = progress.add_task("loading", total=None) if progress else None
    for rows in _prefetched(rows_for(b) for b in _batches(extractions, batch_size)):
        with driver.session(database=database) as session:
            replaced = session.execute_write(_write_batch, rows)
        totals.update(
            documents=len(rows["docs"]),
            replaced=replaced,
            mentions=len(rows["mentions"]),
            relations=sum(len(v) for v in rows["relations"].values()),
        )
        actor_ids.update(r["id"] for rs in rows["actors"].values() for r in rs)
        if progress:
            progress.advance(task, len(rows["docs"]))
    return LoadSummary(
        totals["documents"],
        totals["replaced"],
        len(actor_ids),
        totals["relations"],
        totals["mentions"],
        time.perf_counter() - started,
    )
