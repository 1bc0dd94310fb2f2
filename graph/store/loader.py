"""Writing extractions to Neo4j in batches: one transaction per batch of documents.

A batch's transaction writes its documents, actors, mention links and one ``Evidence`` node per
occurrence, and brings the aggregates up to date in the same transaction: the aggregate of each
(subject, type, object, negated), the ``LINKED`` pair and both actors' weights. Re-loading a
document first deletes its old evidence and gives its contributions back, so a re-run, a run
after a rule change and a run after a load was killed half-way all end in the graph a clean load
gives, aggregates included (``graph.store.aggregate`` holds the arithmetic).
"""

from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StoreError
from ..model import ACTOR_TYPES, BATCH_DOCUMENTS, RELATION_TYPES, Document, Extraction, LoadSummary
from . import aggregate as agg
from . import writes as w
from .queries import LINKED, Q

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction, Record
    from rich.progress import Progress

T = TypeVar("T")
#: A batch's parameter rows (``rows_for``), and any one row.
Rows = dict[str, Any]


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
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


def rows_for(batch: list[Extraction]) -> Rows:
    """The parameter rows of one batch (pure, so it is tested without a server).

    A document that appears twice in a batch counts once (the later extraction wins, as it would
    across batches), and so does a relation that appears twice in a document."""
    latest = {ex.document.id: ex for ex in batch}
    actors: dict[str, Rows] = {}
    evidence: dict[str, Rows] = {}
    mentions: dict[tuple[str, str], Rows] = {}
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
            mention = mentions.get(key)
            if mention is None:
                mention = mentions[key] = {"actor": m.actor.id, "doc": d.id, "count": 0, "starts": [], "ends": []}
            mention["count"] += 1
            mention["starts"].append(m.start)
            mention["ends"].append(m.end)
        for r in ex.relations:
            for ref in (r.subject, r.object):
                if ref.id not in actors:
                    actors[ref.id] = {"id": ref.id, "name": ref.name, "type": ref.type, "aliases": []}
            rid = r.id
            evidence[rid] = {
                "doc": d.id,
                "props": {
                    "id": rid,
                    "key": agg.edge_key(r.subject.id, r.type, r.object.id, r.negated),
                    "type": r.type,
                    "subject": r.subject.id,
                    "object": r.object.id,
                    "negated": r.negated,
                    "doc": d.id,
                    "date": r.date,
                    "sentence": r.sentence,
                    "start": r.start,
                    "end": r.end,
                    "rule": r.rule,
                },
            }
    by_type: dict[str, list[Rows]] = defaultdict(list)
    for row in actors.values():
        if row["type"] not in ACTOR_TYPES:
            raise StoreError(f"Actor {row['id']!r} has type {row['type']!r}; actor types are {', '.join(ACTOR_TYPES)}.")
        try:
            agg.check_actor_id(row["id"])
        except ValueError as exc:
            raise StoreError(f"Actor {row['id']!r} cannot be stored: {exc}.") from None
        by_type[row["type"]].append(row)
    return {
        "docs": docs,
        "actors": dict(by_type),
        "evidence": list(evidence.values()),
        "mentions": list(mentions.values()),
    }


def prefetched(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """Iterate ``items`` computed in a background thread, at most ``depth`` ahead.

    Loading alternates Python work (reading, extracting, building rows) with waiting for Neo4j; the
    driver releases the GIL while it waits, so producing the next batch meanwhile overlaps the two.
    An exception in the producer is raised here; stopping early stops the producer."""
    import queue
    import threading

    q_: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def put(item: tuple[bool, Any]) -> bool:
        while not stop.is_set():
            try:
                q_.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
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


@contextmanager
def young_collections() -> Iterator[Callable[[], object]]:
    """Python's cyclic garbage collector paused for a load, answering a function that collects
    the youngest generation (call it after each batch).

    The driver's results sit in reference cycles, so each batch leaves its records (a hundred
    thousand lists and dicts) for the collector; collected automatically, every few hundred
    allocations, a 100k-relation load spent 6.4 s of its 32 s collecting (measured with
    ``gc.callbacks``). Collecting once per batch finds the same garbage (none is left at the end)
    for 1.2 s. Writing the bulk CSVs spent 16% of its time in the collector, for nothing: its
    structures live to the end. The collector is process-wide: it runs again as before when the
    load ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield lambda: gc.collect(0)
    finally:
        if was_enabled:
            gc.enable()


#: Every batch runs the same statements, whose plans are index seeks by key or element id that
#: suit an empty graph and a full one alike; letting Neo4j re-plan them whenever the growing
#: graph's statistics drift (every few batches of a load) cost up to ~10% of a batch (with the
#: lock's fixed text, 1.07x on a 200k load: docs/design.md).
STEADY_PLAN = "CYPHER replan=skip "


def _one(tx: ManagedTransaction, query: Q) -> Record:
    """The one record a statement of ours answers (each collects its rows into lists)."""
    text, params = query
    record = tx.run(STEADY_PLAN + text, params).single(strict=True)
    return record


def _run(tx: ManagedTransaction, query: Q) -> None:
    """A statement of ours that answers nothing."""
    text, params = query
    tx.run(STEADY_PLAN + text, params).consume()


def element_ids(record: Record) -> dict[str, str]:
    """``{id: elementId}`` from one record of two collected lists (thousands of one-row records
    cost the driver far more than two lists)."""
    return dict(zip(record["ids"], record["eids"]))


def _write_batch(tx: ManagedTransaction, rows: Rows) -> int:
    """One batch in one transaction (re-run whole by the driver on a transient error); answers
    how many of its documents were already stored and so replaced."""
    ids = [d["id"] for d in rows["docs"]]
    existing = _one(tx, w.existing_documents(ids))["ids"]
    removed: list[tuple[str, str, str | None]] = []
    if existing:
        removed = [tuple(x) for x in _one(tx, w.remove_document_evidence(existing))["removed"]]
        _run(tx, w.delete_document_mentions(existing))
    eid = {}
    for t, actor_rows in rows["actors"].items():
        eid.update(element_ids(_one(tx, w.merge_actors(t, actor_rows))))
    doc_eid = element_ids(_one(tx, w.merge_documents(rows["docs"])))
    evidence = rows["evidence"]
    for part in batches(evidence, 20000):
        _run(tx, w.create_evidence([e["props"] for e in part]))
    added = [(e["props"]["key"], e["doc"], e["props"]["date"]) for e in evidence]
    update_aggregates(tx, agg.deltas(added, removed), eid)
    mention_rows = [{**m, "actor": eid[m["actor"]], "doc": doc_eid[m["doc"]]} for m in rows["mentions"]]
    _run(tx, w.create_mentions(mention_rows))
    return len(existing)


def update_aggregates(tx: ManagedTransaction, deltas: dict[str, agg.Delta], eid: dict[str, str]) -> None:
    """Apply ``{edge key: Delta}`` to the stored aggregates, LINKED pairs and actor weights, in
    the caller's transaction. ``eid`` maps actor ids to element ids for the edges it creates
    (a new edge always comes from an occurrence of this batch, whose actors were just merged)."""
    if not deltas:
        return
    by_type: dict[str, list[str]] = defaultdict(list)
    for key in deltas:
        by_type[agg.parse_edge_key(key)[1]].append(key)
    stored = {k: (e, dict(zip(agg.STORED, values))) for k, e, values in _one(tx, w.lock_edges(by_type))["found"]}
    bounds = _month_bounds(tx, {k: agg.stale_months(stored[k][1], d) for k, d in deltas.items() if k in stored})
    updates: list[Rows] = []
    deletes: list[str] = []
    creates: dict[str, list[Rows]] = defaultdict(list)
    count_changes: dict[str, int] = {}
    now: dict[str, Rows | None] = {}  # each changed aggregate as it is after this batch (None: gone)
    for key, delta in deltas.items():
        found = stored.get(key)
        props = now[key] = agg.apply(found[1] if found else None, delta, key, bounds.get(key))
        before = int(found[1]["count"] or 0) if found else 0
        count_changes[key] = (props["count"] if props else 0) - before
        if found and props:
            updates.append({"eid": found[0], "props": props})
        elif found:
            deletes.append(found[0])
        elif props:
            s, t, o, _ = agg.parse_edge_key(key)
            creates[t].append({"s": eid[s], "o": eid[o], "props": props})
    _apply(tx, updates, deletes, creates)
    _update_tops(tx, _update_linked(tx, now, count_changes, eid))
    weights = agg.weight_deltas(count_changes)
    if weights:
        _run(tx, w.add_weights([{"id": a, "w": v} for a, v in weights.items()]))


def _month_bounds(tx: ManagedTransaction, stale: dict[str, list[str]]) -> dict[str, dict[str, tuple[str, str]]]:
    """``{key: {month: (first day, last day)}}`` read back from the evidence (this batch's already
    written) for the months a removal may have moved (``aggregate.stale_months``)."""
    rows = [{"key": k, "month": m} for k, months in stale.items() for m in months]
    out: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    if rows:
        for key, month, lo, hi in _one(tx, w.month_bounds(rows))["found"]:
            if lo and hi:
                out[key][month] = (lo, hi)
    return out


def _update_linked(
    tx: ManagedTransaction, now: dict[str, Rows | None], changes: dict[str, int], eid: dict[str, str]
) -> dict[str, list[tuple[str, int, int]]]:
    """Bring the LINKED pairs of the changed aggregates ``now`` (None: deleted; ``changes``: each
    one's change of count) up to date; answers, per pair, the neighbour lists whose count for it
    changed (``aggregate.list_changes``). A stored pair's totals are read, its lists spliced by the
    server (``writes.splice_linked``): only the entries that change travel."""
    by_pair: dict[str, list[str]] = defaultdict(list)
    for key in now:
        by_pair[agg.pair_of(key)].append(key)
    stored = {k: (e, tcs) for k, e, tcs in _one(tx, w.lock_linked(list(by_pair)))["found"]}
    splices: list[Rows] = []
    deletes: list[str] = []
    creates: dict[str, list[Rows]] = defaultdict(list)
    moved: dict[str, list[tuple[str, int, int]]] = {}
    types: dict[str, int] = {t: i for i, t in enumerate(RELATION_TYPES)}
    for pair, keys in by_pair.items():
        e, type_counts = stored.get(pair, (None, None))
        before = list(type_counts or [0] * len(RELATION_TYPES))
        after = list(before)
        for key in keys:
            after[types[key.split(agg.SEP, 2)[1]]] += changes[key]
        moved[pair] = agg.list_changes(before, after)
        if e and sum(after) > 0:
            entries = [agg.entry(p) if (p := now[k]) else (0, None, None, 0, agg.IMPLIED) for k in keys]
            splices.append(
                {
                    "eid": e,
                    "keys": keys,
                    "counts": [x[0] for x in entries],
                    "firsts": [x[1] or "" for x in entries],
                    "lasts": [x[2] or "" for x in entries],
                    "undated": [x[3] for x in entries],
                    "hists": [x[4] for x in entries],
                    "props": agg.pair_counts(pair, after),
                }
            )
        elif e:
            deletes.append(e)
        elif sum(after) > 0:  # a new pair: every aggregate it lists is new in this batch
            props = agg.linked_props(pair, {k: agg.entry(p) for k in keys if (p := now[k])})
            a, b = pair.split(agg.SEP)
            creates[LINKED].append({"s": eid[a], "o": eid[b], "props": props})
    for part in batches(splices, 20000):
        _run(tx, w.splice_linked(part))
    _apply(tx, [], deletes, creates)
    return moved


def _update_tops(tx: ManagedTransaction, moved: dict[str, list[tuple[str, int, int]]]) -> None:
    """Bring the neighbour lists of both ends of the changed pairs up to date: merged with the
    changes where the stored list suffices (``aggregate.merge_top``), else recounted from all the
    actor's pairs (in this transaction, so after this batch)."""
    changes: dict[str, dict[str, dict[str, tuple[int, int]]]] = defaultdict(lambda: defaultdict(dict))
    for pair, lists in moved.items():
        a, b = pair.split(agg.SEP)
        for name, old, new in lists:
            changes[a][name][b] = (old, new)
            changes[b][name][a] = (old, new)
    if not changes:
        return
    wanted = {actor: [p for name in sorted(lists) for p in agg.top_props(name)] for actor, lists in changes.items()}
    found = _one(tx, w.lock_tops([{"id": a, "props": ps} for a, ps in sorted(wanted.items())]))["found"]
    rows, recount = [], []
    for actor, values in found:
        stored = dict(zip(wanted[actor], values))
        props: dict[str, list[str] | list[int] | None] = {}
        for name, change in changes[actor].items():
            ids_prop, counts_prop = agg.top_props(name)
            ids, counts = stored[ids_prop] or [], stored[counts_prop] or []
            merged = agg.merge_top(ids, counts, change)
            if merged is None:
                recount.append(actor)
                break
            if merged != (ids, counts):  # only lists that change are written (a hub's are long)
                props[ids_prop], props[counts_prop] = merged[0] or None, merged[1] or None
        else:
            if props:
                rows.append({"id": actor, "props": props})
    if recount:
        pairs = {k: agg.totals_of(tcs) for k, tcs in _one(tx, w.actor_pairs(recount))["pairs"]}
        fresh = agg.tops_from(pairs)
        rows += [{"id": actor, "props": agg.top_values(fresh.get(actor, {}))} for actor in recount]
    for part in batches(rows, 20000):
        _run(tx, w.set_tops(part))


def _apply(tx: ManagedTransaction, updates: list[Rows], deletes: list[str], creates: dict[str, list[Rows]]) -> None:
    for part in batches(updates, 20000):
        _run(tx, w.update_relationships(part))
    if deletes:
        _run(tx, w.delete_relationships(deletes))
    for t, rows in creates.items():
        rows.sort(key=lambda r: (r["s"], r["o"]))  # neighbouring records together
        for part in batches(rows, 20000):
            _run(tx, w.create_relationships(t, part))


def load(
    driver: Driver,
    database: str,
    extractions: Iterable[Extraction],
    batch_size: int = BATCH_DOCUMENTS,
    progress: Progress | None = None,
) -> LoadSummary:
    """Write extractions in batches of documents, one transaction per batch; idempotent.

    Each batch's transaction first deletes the relations and mention links of those of its
    documents that are already stored, then writes them anew: a re-run, a run after a rule
    change and a run after a load was killed half-way all end in the graph one clean load gives.
    """
    started = time.perf_counter()
    totals: Counter[str] = Counter()
    actor_ids: set[str] = set()
    task = progress.add_task("loading", total=None) if progress else None
    with young_collections() as collect:
        for rows in prefetched(rows_for(b) for b in batches(extractions, batch_size)):
            with driver.session(database=database, notifications_min_severity="OFF") as session:
                replaced = session.execute_write(_write_batch, rows)
            collect()
            totals.update(
                documents=len(rows["docs"]),
                replaced=replaced,
                mentions=len(rows["mentions"]),
                relations=len(rows["evidence"]),
            )
            actor_ids.update(r["id"] for rs in rows["actors"].values() for r in rs)
            if progress and task is not None:
                progress.advance(task, len(rows["docs"]))
    return LoadSummary(
        totals["documents"],
        totals["replaced"],
        len(actor_ids),
        totals["relations"],
        totals["mentions"],
        time.perf_counter() - started,
    )
