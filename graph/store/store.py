"""The Neo4j store's public face: one ``Store`` that the CLI, the explorer and notebooks share.

``Store(driver)`` does no I/O; ``Store.connect()`` builds a driver from the settings and checks it,
turning Neo4j's exceptions into one ``StoreError`` that names the URI and what to do. Every read
runs in a READ transaction (a cluster routes it to a secondary); loading is ``graph.store.loader``;
Cypher comes only from ``graph.store.queries``; a user's own Cypher goes through ``read_query``
(read-only, enforced by the server) or ``write_query`` (explicitly writing).

    with Store.connect() as store:
        sub = store.view(parse_view(focus="org:nato", depth=2))
        for e in store.evidence("state:rus", "org:nato", "DEMANDS"):
            print(e.date, e.sentence)
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StoreError
from ..model import (
    BATCH_DOCUMENTS,
    ActorDetails,
    ActorRef,
    DayCount,
    Document,
    DocumentSummary,
    DocumentView,
    Edge,
    Evidence,
    Extraction,
    LoadSummary,
    Node,
    QueryResult,
    RelationType,
    Stats,
    StrongRelation,
    Subgraph,
    ViewParams,
)
from . import config, console, failures, loader, views
from . import queries as q
from . import view_queries as vq
from . import writes as w
from .results import query_result

if TYPE_CHECKING:
    from neo4j import Driver, Record, ResultSummary
    from rich.progress import Progress

T = TypeVar("T")


def _evidence(rec: Record) -> Evidence:
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


class Store:
    """Reads and writes the actor graph in one Neo4j database."""

    def __init__(self, driver: Driver, database: str = "neo4j", uri: str | None = None) -> None:
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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- sending ---------------------------------------------------------------------------

    def _read(self, query: q.Q) -> list[Record]:
        """Records of one of our own queries, in a READ transaction of its own."""
        return self._in_one_read(lambda read: read(query))

    def _in_one_read(self, work: Callable[[views.Read], T]) -> T:
        """``work(read)`` with ``read`` running each query in ONE READ transaction (routed to a
        reader): a view's five or six queries then cost one BEGIN and COMMIT instead of one each
        (measured: six trivial queries 11 ms apart, 5 ms in one transaction). ``execute_read`` may
        run ``work`` again after a transient error, which is safe because it only reads. The
        server's notifications are off here: our queries name every relationship type, and a
        database that has not seen one yet is normal, not worth a warning."""
        with self.driver.session(
            database=self.database, default_access_mode="READ", notifications_min_severity="OFF"
        ) as session:
            return session.execute_read(lambda tx: work(lambda query: list(tx.run(*query))))

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
        """Constraints and indexes (idempotent). A database written by the earlier model (one
        relationship per occurrence) is refused with what to do: its views would be wrong."""
        if self._read(w.legacy_indexes())[0]["names"]:
            if not self.is_empty():
                raise StoreError(
                    f"The graph in {self.uri} ({self.database}) was loaded by an earlier actorgraph that kept one "
                    "relationship per occurrence; this one keeps aggregates and evidence. Run `actorgraph reset "
                    "--yes` and load your documents again."
                )
            for stmt in w.drop_legacy_indexes():
                self._auto(stmt)
        existing = set(self._read(w.schema_names())[0]["names"])
        if w.earlier_aggregates(existing) and not self.is_empty():
            raise StoreError(
                f"The graph in {self.uri} ({self.database}) was loaded by an earlier actorgraph whose aggregates "
                "kept per-day histograms; this one keeps per-month ones. Run `actorgraph reset --yes` and load "
                "your documents again."
            )
        todo = w.missing(w.schema(), existing)
        for stmt in todo:
            self._auto(stmt)
        if todo:
            self._auto("CALL db.awaitIndexes(300)")

    def reset(self) -> None:
        for stmt in w.reset():
            self._auto(stmt)

    def is_empty(self) -> bool:
        return bool(self._read(w.is_empty())[0]["empty"])

    def load(
        self, extractions: Iterable[Extraction], batch_size: int = BATCH_DOCUMENTS, progress: Progress | None = None
    ) -> LoadSummary:
        """Write extractions in batches of documents, one transaction per batch; idempotent (a
        re-loaded document's old relations go in the same transaction as its new ones arrive)."""
        self.ensure_schema()
        return loader.load(self.driver, self.database, extractions, batch_size, progress)

    # --- views -----------------------------------------------------------------------------

    def view(self, params: ViewParams, expanded: Iterable[str] = ()) -> Subgraph:
        """What the explorer draws: the focus's neighbourhood (or the overview without a focus),
        plus the direct neighbours of each ``expanded`` actor, with the edges among all of them."""
        return self._in_one_read(lambda read: views.merged(read, params, expanded))

    def neighbourhood(self, view: ViewParams) -> Subgraph:
        """The focus actor and its neighbours up to ``view.depth`` hops, strongest first, at most
        ``view.limit`` actors, under the view's filters (the overview without a focus)."""
        return self._in_one_read(lambda read: views.neighbourhood(read, view))

    def overview(self, view: ViewParams) -> Subgraph:
        """The most connected actors under the view's filters, and the edges among them."""
        return self._in_one_read(lambda read: views.overview(read, view))

    def subgraph(
        self, ids: Iterable[str], view: ViewParams, keep: Iterable[str] = (), truncated: bool = False
    ) -> Subgraph:
        """The actors ``ids`` (those with an edge under the view's filters, and those in ``keep``)
        and the aggregated edges among them, the strongest first."""
        return self._in_one_read(lambda read: views.subgraph(read, ids, view, keep, truncated))

    def paths(self, source_id: str, target_id: str, view: ViewParams, max_hops: int = 4, limit: int = 5) -> Subgraph:
        """The shortest paths between two actors under the view's filters (at most ``limit``)."""
        return self._in_one_read(lambda read: views.paths(read, source_id, target_id, view, max_hops, limit))

    def document_graph(self, doc_id: str) -> Subgraph:
        """The actors and relations one document states (its own view)."""
        doc = self.document(doc_id)
        if doc is None:
            return Subgraph()
        agg: dict[tuple[str, str, RelationType, bool], list[Evidence]] = defaultdict(list)
        for e in self.document_relations(doc_id):
            agg[(e.subject.id, e.object.id, e.type, e.negated)].append(e)
        edges = tuple(Edge(s, o, t, n, len(v), v[0].date, v[0].date) for (s, o, t, n), v in sorted(agg.items()))
        ids = list(dict.fromkeys([x for e in edges for x in (e.source, e.target)]))
        nodes = {n.id: n for n in self.nodes(ids)}
        return Subgraph(
            tuple(nodes[i] for i in ids if i in nodes),
            edges,
            1 if edges else 0,
            doc.summary.date,
            doc.summary.date,
        )

    # --- one edge, one actor ----------------------------------------------------------------

    def evidence(
        self,
        source_id: str,
        target_id: str,
        type: str,
        negated: bool | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 200,
        include_undated: bool = True,
    ) -> list[Evidence]:
        """The sentences behind one edge (``source -type-> target``), oldest first; under
        ``since``/``until``, those of undated documents too unless ``include_undated`` is False."""
        return [
            _evidence(r)
            for r in self._read(q.evidence(source_id, target_id, type, negated, since, until, limit, include_undated))
        ]

    def nodes(self, ids: Iterable[str]) -> list[Node]:
        """The actors with these ids (unknown ids are left out), in the order asked."""
        ids = list(dict.fromkeys(ids))
        found = views.node_records(self._read, ids)
        return [found[i] for i in ids if i in found]

    def search_actors(self, text: str, limit: int = 10) -> list[Node]:
        """Actors whose name or alias matches ``text`` (prefix, typo-tolerant), best first."""
        if not text.strip():
            return []
        return [
            Node(r["id"], r["name"], r["type"], tuple(r["aliases"] or ()), r["degree"], r["mentions"])
            for r in self._read(q.search_actors(text, limit))
        ]

    def resolve_actor(self, text: str) -> Node | None:
        """The actor ``text`` means: an actor id as is, else the best name or alias match."""
        text = (text or "").strip()
        if not text:
            return None
        exact = self.nodes([text])
        if exact:
            return exact[0]
        hits = self.search_actors(text, 1)
        return hits[0] if hits else None

    def actor(self, actor_id: str) -> ActorDetails | None:
        """An actor with its aliases, memberships, documents and strongest relations."""
        recs = self._read(q.actor(actor_id))
        if not recs:
            return None
        r = recs[0]
        strong = tuple(
            StrongRelation(s["type"], s["outgoing"], s["other_id"], s["other"], bool(s["negated"]), s["count"])
            for s in self._read(vq.strongest_relations(actor_id))
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

    # --- documents, rules and statistics ----------------------------------------------------

    def documents(self, limit: int = 500) -> list[DocumentSummary]:
        """The stored documents, newest first."""
        return [
            DocumentSummary(r["id"], r["title"], r["date"], r["source"], r["mentions"], r["relations"])
            for r in self._read(q.documents(limit))
        ]

    def stored_documents(self, batch: int = 500) -> Iterator[Document]:
        """Every stored document with its text (to extract again with other rules), in id order,
        read ``batch`` at a time."""
        after = ""
        while True:
            page = self._read(q.stored_documents(after, batch))
            for r in page:
                yield Document(r["id"], r["text"] or "", r["title"], r["date"], r["source"])
            if len(page) < batch:
                return
            after = page[-1]["id"]

    def document(self, doc_id: str) -> DocumentView | None:
        """One document: its text and where each actor is mentioned (None if not stored)."""
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
        return DocumentView(
            DocumentSummary(r["id"], r["title"], r["date"], r["source"], r["mentions"], r["relations"]),
            r["text"] or "",
            tuple(spans),
        )

    def document_relations(self, doc_id: str) -> list[Evidence]:
        """The relations one document states, in text order, each with its evidence."""
        return [_evidence(x) for x in self._read(q.document_relations(doc_id))]

    def rule_hits(self) -> dict[str, int]:
        """How many stored relations each rule produced, the most productive first."""
        return {r["rule"]: r["hits"] for r in self._read(q.rule_hits())}

    def relations_by_day(self) -> list[DayCount]:
        """The corpus over time: relations and documents per document date, undated ones as None."""
        return [DayCount(r["day"], r["relations"], r["documents"]) for r in self._read(q.relations_by_day())]

    def stats(self) -> Stats:
        """Counts of actors (by type), documents and relations (by type), the busiest actors, the dates."""
        counts = []
        for query in q.counts():
            counts += [(r["key"], r["n"]) for r in self._read(query)]
        top = tuple(Node(r["id"], r["name"], r["type"], degree=r["degree"]) for r in self._read(q.top_by_degree(10)))
        dr = self._read(q.date_range())
        first, last = (dr[0]["first"], dr[0]["last"]) if dr else (None, None)
        return Stats(tuple(counts), top, first, last)

    def warm_up(self) -> dict[str, float]:
        """Run the explorer's common kinds of view once so that their plans are ready before a
        user's first click (``graph.store.warmup``); answers the seconds each took. Reads only."""
        from .warmup import warm_up

        return warm_up(self)

    # --- the user's Cypher -----------------------------------------------------------------

    def read_query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        timeout: float = 10.0,
        row_cap: int = console.DEFAULT_ROW_CAP,
        byte_cap: int = console.DEFAULT_BYTE_CAP,
    ) -> QueryResult:
        """Run a user's Cypher through the console's gate (``graph.store.console``): reading clauses
        and read procedures only, in a READ transaction (the server refuses writes), never retried,
        with a timeout and caps on rows and bytes; ``QueryError`` says what went wrong."""
        return self._user_query(cypher, params, timeout, row_cap, byte_cap, write=False)

    def write_query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        timeout: float = 30.0,
        row_cap: int = console.DEFAULT_ROW_CAP,
        byte_cap: int = console.DEFAULT_BYTE_CAP,
    ) -> QueryResult:
        """Run a user's Cypher that may change the graph, in a WRITE transaction (the CLI's
        ``query --write``; never the explorer's console). Administration is refused here too."""
        return self._user_query(cypher, params, timeout, row_cap, byte_cap, write=True)

    def _user_query(
        self, cypher: str, params: dict[str, Any] | None, timeout: float, row_cap: int, byte_cap: int, write: bool
    ) -> QueryResult:
        try:
            ans = console.run(
                self.driver,
                self.database,
                cypher,
                params,
                timeout=timeout,
                row_cap=row_cap,
                byte_cap=byte_cap,
                write=write,
            )
        except failures.driver_errors() as exc:
            raise failures.store_error(exc, self.uri, timeout=timeout) from exc
        return query_result(
            ans.keys, ans.records, row_cap, _notifications(ans.summary), console.cap_note(ans.cut, row_cap, byte_cap)
        )


def _notifications(summary: ResultSummary | None) -> tuple[str, ...]:
    """The server's warnings about a query (a misspelt property or label, a cartesian product), as
    "what, where" lines: a query that silently returns nulls says why."""
    out: list[str] = []
    for status in getattr(summary, "gql_status_objects", None) or ():
        if not status.is_notification:
            continue
        where = f" (line {status.position.line}, column {status.position.column})" if status.position else ""
        out.append(f"{status.status_description}{where}")
    return tuple(dict.fromkeys(out))
