"""The Neo4j store: a thin layer that sends ``graph.store.queries`` and turns records into model types.

The driver is injected (``Store(driver)``) and the constructor does no I/O; ``Store.connect``
builds one from the settings and checks it, turning Neo4j's exceptions into one clear
``StoreError`` that names the URI and what to do. Loads are batched ``UNWIND`` statements, one
transaction per batch, keyed by deterministic ids: re-loading a document deletes its previous
relations and mention links and writes the new ones in the same transaction, so a re-run (or a run
after a rule change, or after a load was killed half-way) leaves exactly the graph a clean load
gives.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from ..errors import QueryError, StoreError
from ..model import (
    ACTOR_TYPES,
    RELATION_TYPES,
    ActorDetails,
    ActorRef,
    DocumentSummary,
    DocumentView,
    Edge,
    Evidence,
    Extraction,
    LoadSummary,
    Node,
    QueryResult,
    Stats,
    StrongRelation,
    Subgraph,
    ViewParams,
)
from . import config
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


def _evidence(rec) -> Evidence:
    return Evidence(
        relation_id=rec["relation_id"],
        doc=rec["doc"],
        title=rec["title"],
        date=rec["date"],
        sentence=rec["sentence"],
        start=rec["start"],
        end=rec["end"],
        rule=rec["rule"],
        negated=rec["negated"],
        subject=ActorRef(rec["s_id"], rec["s_name"], rec["s_type"]),
        type=rec["type"],
        object=ActorRef(rec["o_id"], rec["o_name"], rec["o_type"]),
    )


def edge_limit(view: ViewParams) -> int:
    """At most this many aggregated edges in a view: several per actor, the strongest first (more
    cannot be read on a drawing, and a hub's view would otherwise carry tens of thousands)."""
    return max(200, min(10000, 5 * int(view.limit)))


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


class Store:
    """Reads and writes the actor graph in one Neo4j database."""

    def __init__(self, driver, database: str = "neo4j", uri: str | None = None):
        self.driver = driver
        self.database = database
        self.uri = uri or "Neo4j"

    @classmethod
    def connect(cls, cfg: config.Settings | None = None) -> Store:
        """A store on the configured server, checked to answer; ``StoreError`` says what to do if not."""
        from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

        cfg = cfg or config.settings()
        try:
            drv = config.driver(cfg)
        except (ValueError, ConfigurationError) as exc:
            raise StoreError(
                f"NEO4J_URI={cfg.uri!r} is not a Neo4j URI ({exc}). Use e.g. bolt://127.0.0.1:7687."
            ) from exc
        except Exception as exc:
            raise StoreError(str(exc)) from exc
        try:
            drv.verify_connectivity()
        except AuthError as exc:
            drv.close()
            raise StoreError(
                f"Neo4j at {cfg.uri} refused user {cfg.username!r}: wrong username or password. "
                "Set NEO4J_USERNAME/NEO4J_PASSWORD (environment or .env)."
            ) from exc
        except (ServiceUnavailable, OSError) as exc:
            drv.close()
            raise StoreError(
                f"Neo4j at {cfg.uri} does not answer ({exc.__class__.__name__}). Start the local server "
                "with `actorgraph neo4j start`, or set NEO4J_URI to a running Neo4j 5."
            ) from exc
        return cls(drv, cfg.database, cfg.uri)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- sending ---------------------------------------------------------------------------

    def _read(self, query: q.Q) -> list:
        text, params = query
        records, _, _ = self.driver.execute_query(text, params, database_=self.database, routing_="r")
        return records

    # --- schema and loading ----------------------------------------------------------------

    def _auto(self, statement: str, patience: float = 30.0) -> None:
        """An auto-commit statement (schema changes, ``CALL … IN TRANSACTIONS``), retried while the
        server reports a transient error such as a database still starting."""
        from neo4j.exceptions import ServiceUnavailable, TransientError

        deadline = time.monotonic() + patience
        while True:
            try:
                with self.driver.session(database=self.database) as session:
                    session.run(statement).consume()
                return
            except (TransientError, ServiceUnavailable):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def ensure_schema(self) -> None:
        for stmt in q.schema():
            self._auto(stmt)
        self._auto("CALL db.awaitIndexes(300)")

    def reset(self) -> None:
        for stmt in q.reset():
            self._auto(stmt)

    def is_empty(self) -> bool:
        return bool(self._read(q.is_empty())[0]["empty"])

    def load(self, extractions: Iterable[Extraction], batch_size: int = 500, progress=None) -> LoadSummary:
        """Write extractions in batches of documents, one transaction per batch; idempotent.

        Each batch's transaction first deletes the relations and mention links of those of its
        documents that are already stored, then writes them anew: a re-run, a run after a rule
        change and a run after a load was killed half-way all end in the graph one clean load gives.
        """
        self.ensure_schema()
        started = time.perf_counter()
        totals = Counter()
        actor_ids: set[str] = set()
        task = progress.add_task("loading", total=None) if progress else None
        for rows in _prefetched(rows_for(b) for b in _batches(extractions, batch_size)):
            with self.driver.session(database=self.database) as session:
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

    # --- views -----------------------------------------------------------------------------

    def search_actors(self, text: str, limit: int = 10) -> list[Node]:
        if not text.strip():
            return []
        return [
            Node(r["id"], r["name"], r["type"], tuple(r["aliases"] or ()), r["degree"], r["mentions"])
            for r in self._read(q.search_actors(text, limit))
        ]

    def _node_records(self, ids: list[str]) -> dict[str, tuple[Node, str]]:
        """Each actor's ``Node`` and element id."""
        return {
            r["id"]: (Node(r["id"], r["name"], r["type"], tuple(r["aliases"]), r["degree"], r["mentions"]), r["eid"])
            for r in self._read(q.nodes(ids))
        }

    def _nodes(self, ids: list[str]) -> dict[str, Node]:
        return {i: n for i, (n, _) in self._node_records(ids).items()}

    def _subgraph(self, ids: list[str], view: ViewParams, keep: set[str] = frozenset(), truncated=False) -> Subgraph:
        """The actors ``ids`` (those with an edge in the view, and ``keep``) and the edges among them."""
        found = self._node_records(ids)
        first = found[view.focus][1] if view.focus in found else None
        rec = self._read(q.edges_among([eid for _, eid in found.values()], view, edge_limit(view), first))[0]
        edges = tuple(
            Edge(e["source"], e["target"], e["type"], bool(e["negated"]), e["count"], e["first_date"], e["last_date"])
            for e in rec["edges"]
        )
        dates = [d for e in edges for d in (e.first_date, e.last_date) if d]
        linked = {e.source for e in edges} | {e.target for e in edges} | set(keep)
        return Subgraph(
            tuple(found[i][0] for i in ids if i in found and i in linked),
            edges,
            rec["documents"],
            view.since or (min(dates) if dates else None),
            view.until or (max(dates) if dates else None),
            truncated or bool(rec["more"]),
        )

    def neighbourhood(self, view: ViewParams) -> Subgraph:
        """The focus actor and its neighbours up to ``view.depth`` hops, strongest first, at most
        ``view.limit`` actors, under the view's filters."""
        if not view.focus:
            return self.overview(view)
        if not self._read(q.nodes([view.focus])):
            return Subgraph()
        ids, frontier, truncated = [view.focus], [view.focus], False
        for _ in range(max(1, min(3, view.depth))):
            room = view.limit - len(ids)
            if room <= 0 or not frontier:
                truncated = truncated or room <= 0
                break
            have = set(ids)
            # ask for enough to fill the room after dropping actors already in the view
            found = [r["id"] for r in self._read(q.expand(frontier, view, room + len(have) + 1))]
            new = [i for i in found if i not in have]
            truncated = truncated or len(new) > room
            ids += new[:room]
            frontier = new[:room]
        return self._subgraph(ids, view, keep={view.focus}, truncated=truncated)

    def overview(self, view: ViewParams) -> Subgraph:
        ids = [r["id"] for r in self._read(q.top_actors(view, min(view.limit, 150)))]
        return self._subgraph(ids, view)

    def paths(self, source_id: str, target_id: str, view: ViewParams, max_hops: int = 4, limit: int = 5) -> Subgraph:
        ids: list[str] = []
        for r in self._read(q.shortest_paths(source_id, target_id, view, max_hops, limit)):
            ids += [i for i in r["ids"] if i not in ids]
        if not ids:
            return Subgraph()
        sub = self._subgraph(ids, view, keep=set(ids))
        on_path = set()
        for r in self._read(q.shortest_paths(source_id, target_id, view, max_hops, limit)):
            on_path.update(zip(r["ids"], r["ids"][1:]))
        edges = tuple(e for e in sub.edges if (e.source, e.target) in on_path or (e.target, e.source) in on_path)
        return Subgraph(sub.nodes, edges, sub.documents, sub.date_from, sub.date_to)

    def evidence(
        self,
        source_id: str,
        target_id: str,
        type: str,
        negated: bool | None = None,
        since=None,
        until=None,
        limit: int = 200,
    ) -> list[Evidence]:
        return [_evidence(r) for r in self._read(q.evidence(source_id, target_id, type, negated, since, until, limit))]

    def actor(self, actor_id: str) -> ActorDetails | None:
        recs = self._read(q.actor(actor_id))
        if not recs:
            return None
        r = recs[0]
        strong = tuple(
            StrongRelation(s["type"], s["outgoing"], s["other_id"], s["other"], bool(s["negated"]), s["count"])
            for s in self._read(q.strongest_relations(actor_id))
        )
        return ActorDetails(
            r["id"],
            r["name"],
            r["type"],
            tuple(r["aliases"]),
            r["degree"],
            r["mentions"],
            tuple(r["member_of"]),
            tuple(r["documents"]),
            strong,
        )

    # --- documents and statistics ----------------------------------------------------------

    def documents(self, limit: int = 500) -> list[DocumentSummary]:
        return [
            DocumentSummary(r["id"], r["title"], r["date"], r["source"], r["mentions"], r["relations"])
            for r in self._read(q.documents(limit))
        ]

    def document(self, doc_id: str) -> tuple[DocumentView, list[Evidence]] | None:
        recs = self._read(q.document(doc_id))
        if not recs:
            return None
        r = recs[0]
        spans = sorted(
            (
                (s, e, ActorRef(a["id"], a["name"], a["type"]))
                for a in r["actors"]
                for s, e in zip(a["starts"] or [], a["ends"] or [])
            ),
            key=lambda x: (x[0], x[1], x[2].id),
        )
        view = DocumentView(
            DocumentSummary(r["id"], r["title"], r["date"], r["source"], r["mentions"], r["relations"]),
            r["text"] or "",
            tuple(spans),
        )
        return view, [_evidence(x) for x in self._read(q.document_relations(doc_id))]

    def document_graph(self, doc_id: str) -> Subgraph:
        found = self.document(doc_id)
        if not found:
            return Subgraph()
        _, evidence = found
        agg: dict[tuple, list] = defaultdict(list)
        for e in evidence:
            agg[(e.subject.id, e.object.id, e.type, e.negated)].append(e)
        edges = tuple(Edge(s, o, t, n, len(v), v[0].date, v[0].date) for (s, o, t, n), v in sorted(agg.items()))
        ids = list(dict.fromkeys([x for e in edges for x in (e.source, e.target)]))
        nodes = self._nodes(ids)
        return Subgraph(
            tuple(nodes[i] for i in ids if i in nodes),
            edges,
            1 if edges else 0,
            found[0].summary.date,
            found[0].summary.date,
        )

    def stats(self) -> Stats:
        counts = []
        for query in q.counts():
            counts += [(r["key"], r["n"]) for r in self._read(query)]
        top = tuple(Node(r["id"], r["name"], r["type"], degree=r["degree"]) for r in self._read(q.top_by_degree(10)))
        dr = self._read(q.date_range())
        first, last = (dr[0]["first"], dr[0]["last"]) if dr else (None, None)
        return Stats(tuple(counts), top, first, last)

    # --- the user's Cypher -----------------------------------------------------------------

    def read_query(
        self, cypher: str, params: dict | None = None, timeout: float = 10.0, row_cap: int = 1000, write: bool = False
    ) -> QueryResult:
        """Run a user's Cypher in a read-only transaction (the server refuses writes), with a
        timeout and a row cap. ``write=True`` is for the CLI's explicit ``--write`` only."""
        from neo4j import unit_of_work
        from neo4j.exceptions import ClientError, Neo4jError

        if not write:
            bad = q.write_clauses(cypher)
            if bad:
                raise QueryError(
                    f"This console is read-only: {', '.join(bad)} is not allowed here "
                    "(use `actorgraph query --write` to change the graph)."
                )

        @unit_of_work(timeout=timeout)
        def work(tx):
            result = tx.run(cypher, params or {})
            records = result.fetch(row_cap + 1)
            keys = tuple(result.keys())
            result.consume()
            return keys, records

        try:
            with self.driver.session(database=self.database) as session:
                keys, records = (session.execute_write if write else session.execute_read)(work)
        except ClientError as exc:
            msg = exc.message or str(exc)
            if "read access mode" in msg.lower() or ("write" in (exc.code or "").lower() and not write):
                raise QueryError("This console is read-only: the server refused a write.") from exc
            if "timeout" in (exc.code or "").lower() or "terminated" in msg.lower():
                raise QueryError(f"The query ran longer than {timeout:g}s and was stopped.") from exc
            raise QueryError(f"{exc.code}: {msg}") from exc
        except Neo4jError as exc:
            raise QueryError(f"{exc.code}: {exc.message or exc}") from exc
        truncated = len(records) > row_cap
        records = records[:row_cap]
        return QueryResult(
            keys, tuple(tuple(_plain(v) for v in r.values()) for r in records), _graph_of(records), truncated
        )


def _plain(value):
    """A JSON-safe value: nodes, relationships and paths become dicts, dates strings."""
    from neo4j.graph import Node as N4Node
    from neo4j.graph import Path, Relationship

    if isinstance(value, N4Node):
        return {"labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {
            "type": value.type,
            "start": value.start_node.get("id"),
            "end": value.end_node.get("id"),
            **{k: _plain(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _graph_of(records) -> Subgraph:
    """The actors and relations inside a result (bare nodes, relationships, paths, lists of them)."""
    from neo4j.graph import Node as N4Node
    from neo4j.graph import Path, Relationship

    nodes: dict[str, Node] = {}
    edges: Counter = Counter()
    dates: dict[tuple, list] = defaultdict(list)

    def visit(v):
        if isinstance(v, N4Node) and "Actor" in v.labels and v.get("id"):
            nodes.setdefault(
                v["id"],
                Node(v["id"], v.get("name", v["id"]), v.get("type", "Organisation"), tuple(v.get("aliases") or ())),
            )
        elif isinstance(v, Relationship) and v.type in RELATION_TYPES:
            visit(v.start_node)
            visit(v.end_node)
            key = (v.start_node.get("id"), v.end_node.get("id"), v.type, bool(v.get("negated")))
            if None not in key[:2]:
                edges[key] += 1
                if v.get("date"):
                    dates[key].append(v["date"])
        elif isinstance(v, Path):
            for x in (*v.nodes, *v.relationships):
                visit(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            for x in v.values():
                visit(x)

    for r in records:
        for v in r.values():
            visit(v)
    es = tuple(
        Edge(s, t, ty, n, c, min(dates[(s, t, ty, n)], default=None), max(dates[(s, t, ty, n)], default=None))
        for (s, t, ty, n), c in edges.items()
        if s in nodes and t in nodes
    )
    return Subgraph(tuple(nodes.values()), es)
