"""Bounded views: which actors and edges a view shows, at a cost that depends on what it shows.

Every step reads aggregates through ordered index seeks with a LIMIT (``graph.store.queries``):
a frontier actor offers at most ``per`` strongest neighbours, a shown actor at most ``per``
strongest pairs for the edges among the view, so a depth-2 view around a hub with 50,000
relationships reads what a leaf's does. What a budget cuts off is what a drawing of that size
could not show anyway; ``Subgraph.truncated`` says when it happened.

The functions take ``read``, a callable running one ``(text, params)`` query in a READ
transaction and answering its records (``Store._read``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, cast

from neo4j import Record

from ..model import Edge, Node, RelationType, Subgraph, ViewParams
from . import view_queries as q
from .aggregate import NEIGHBOURS, UNKNOWN, pair_key, parse_edge_key
from .date_filters import Seeks, all_types, histogram_cut, window
from .queries import Q

Read = Callable[[Q], list[Record]]

#: Occurrences a view reads at most to count the documents behind it exactly.
DOCUMENT_BUDGET = 2000


def edge_limit(view: ViewParams) -> int:
    """At most this many aggregated edges in a view: several per actor, the strongest first (more
    cannot be read on a drawing, and a hub's view would otherwise carry tens of thousands)."""
    return max(200, min(10000, 5 * int(view.limit)))


def expand_budget(room: int, frontier: int, have: int) -> int:
    """How many neighbours each frontier actor offers (per pair or per type and direction): all
    the room (and what is already shown) for a lone focus, a fair share (four times the average
    need) for a wide frontier, never fewer than 16."""
    need = room + have + 1
    return max(1, min(need, max(16, math.ceil(4 * room / max(1, frontier)))))


def pair_budget(view: ViewParams, shown: int) -> int:
    """How many strongest pairs each shown actor offers to the edges among the view."""
    return max(8, min(NEIGHBOURS, math.ceil(2 * edge_limit(view) / max(1, shown))))


def node_records(read: Read, ids: list[str]) -> dict[str, Node]:
    return {r[0]: Node(r[0], r[1], r[2], tuple(r[3]), r[4], r[5]) for r in read(q.nodes(ids))[0]["rows"]}


def neighbourhood(read: Read, view: ViewParams) -> Subgraph:
    """The focus actor and its neighbours up to ``view.depth`` hops, strongest first, at most
    ``view.limit`` actors, under the view's filters."""
    if not view.focus:
        return overview(read, view)
    if not node_records(read, [view.focus]):
        return Subgraph()
    ids, frontier, truncated = [view.focus], [view.focus], False
    depth = max(1, min(3, view.depth))
    hops: list[tuple[int, int]] = []
    for hop in range(1, depth + 1):
        # each hop still to come gets an equal share of the room left, so under a cap depth 2
        # holds the strongest direct neighbours and the strongest actors two hops out
        room = -(-(view.limit - len(ids)) // (depth - hop + 1))
        if room <= 0 or not frontier:
            truncated = truncated or room <= 0
            break
        per = expand_budget(room, len(frontier), len(ids))
        # a wide frontier reads its actors' neighbour lists; a narrow one (a lone focus) asks
        # for more than a list holds and seeks the rank indexes instead
        rec = expand(read, frontier, view, ids, per, room)
        new = rec["ids"]
        truncated = truncated or rec["total"] > room
        ids += new
        frontier = new
        hops.append((len(new), rec["total"]))
    sub = subgraph(read, ids, view, keep={view.focus}, truncated=truncated)
    return replace(sub, hops=tuple(hops))


def expand(
    read: Read, frontier: list[str], view: ViewParams, have: list[str], per: int, limit: int
) -> Mapping[str, Any]:
    """The strongest new neighbours of ``frontier`` (``ids``, the best ``limit``, and ``total``,
    how many the budgets found): a wide frontier reads its actors' neighbour lists, a narrow one
    (a lone focus) asks for more than a list holds and seeks the rank indexes instead; under a
    date filter over all types, the pairs' lists are counted here (``_counted``)."""
    if per <= NEIGHBOURS:
        return read(q.expand_listed(frontier, view, have, per, limit))[0]
    if not (view.since or view.until) or not all_types(view):
        return read(q.expand(frontier, view, have, per, limit))[0]
    rows = read(q.dated_expand_rows(frontier, view, have, per))[0]["rows"]
    counted = _counted(read, [r[1:] for r in rows], view)
    weight: dict[str, int] = defaultdict(int)
    for b, key, *_ in rows:
        n = counted[key][0]
        if n >= max(1, int(view.min_evidence)):
            weight[b] += n
    found = sorted(weight, key=lambda b: (-weight[b], b))
    return {"ids": found[:limit], "total": len(found)}


def overview(read: Read, view: ViewParams) -> Subgraph:
    """The most connected actors under the view's filters, and the edges among them."""
    ids = [r["id"] for r in read(q.top_actors(view, min(view.limit, 150)))]
    return subgraph(read, ids, view)


def subgraph(
    read: Read, ids: Iterable[str], view: ViewParams, keep: Iterable[str] = (), truncated: bool = False
) -> Subgraph:
    """The actors ``ids`` (those with an edge under the view's filters, and those in ``keep``)
    and the aggregated edges among them, the strongest first."""
    ids = list(dict.fromkeys(ids))
    found = node_records(read, ids)
    known = [i for i in ids if i in found]
    if not known:
        return Subgraph()
    per, limit = pair_budget(view, len(known)), edge_limit(view)
    if view.since or view.until:
        rec: Mapping[str, Any] = _dated_edges(read, known, view, per, limit)
    else:
        rec = read(q.edges_among(known, view, per, limit, view.focus))[0]
    return _assemble(read, known, view, rec, keep, truncated, found)


def _counted(read: Read, rows: list[list[Any]], view: ViewParams) -> dict[str, tuple[int, str | None, str | None]]:
    """``{key: (occurrences, first, last)}`` under the view's dates, from rows ``[key, count,
    first, last, undated, place, histogram]`` of the pairs' lists: wholly inside or outside the
    window from the row, straddling it from its histogram, completed where the window cuts a month
    on both sides of its occurrences by one range seek per month cut (``part_evidence``); pairs
    loaded before they listed histograms by reading the aggregates (``straddling``)."""
    win = window(view.since, view.until)
    assert win is not None
    undated_too = view.include_undated
    out: dict[str, tuple[int, str | None, str | None]] = {}
    cut = []
    for key, count, f, la, u, place, hist in rows:
        if place == "in":
            out[key] = (count - u + (u if undated_too else 0), f or None, la or None)
        elif place != "cut":
            out[key] = ((u if undated_too else 0), None, None)
        elif (found := histogram_cut(win, (count, f or None, la or None, u, hist), undated_too)) is not None:
            out[key] = found
        else:
            cut.append((key, count, f, la, u, hist))
    listed = [r for r in cut if r[5] != UNKNOWN and not win.by_day]
    if listed:  # the months it cuts, from the evidence; the rest from the histogram
        asks = [{"key": r[0], "month": m, "a": a, "b": b} for r in listed for _, m, a, b in win.parts if m]
        seeks: dict[str, Seeks] = defaultdict(dict)
        for key, month, n, lo, hi in read(q.part_evidence(asks))[0]["found"]:
            seeks[key][month] = (n, lo, hi)
        for key, count, f, la, u, hist in listed:
            found = histogram_cut(win, (count, f or None, la or None, u, hist), undated_too, seeks[key])
            if found is not None:  # every month it cuts was sought, so always
                out[key] = found
    older = list(dict.fromkeys(r[0] for r in cut if r[0] not in out))  # pairs without histograms
    if older:
        out.update({k: (n, f, la) for k, n, f, la in read(q.straddling(older, view))[0]["rows"]})
    return out


def _dated_edges(read: Read, ids: list[str], view: ViewParams, per: int, limit: int) -> dict[str, Any]:
    """``edges_among`` under a date filter, in at most two queries: the pairs' lists give each
    aggregate's place against the window and, for one that straddles it, its per-month
    histogram, which counts it unless the window cuts a month in which it has occurrences on both
    sides of the cut; for those, one range seek on the evidence per month cut (``part_evidence``)
    tells what lies inside, and the histogram the rest. The same edges, order and cut as
    ``edges_among``'s."""
    rows = read(q.dated_rows_among(ids, view, per, limit, view.focus))[0]["rows"]
    counted = _counted(read, rows, view)
    edges = []
    for key, *_, u, _, _ in rows:
        n, first, last = counted[key]
        if n >= max(1, int(view.min_evidence)):
            edges.append([key, n, first, last, u])
    focus = view.focus
    own: tuple[str, ...] = (f"{focus}|", f"|{focus}|0", f"|{focus}|1") if focus else ()

    def order(e: list[Any]) -> tuple[bool, int, str]:
        key = e[0]
        mine = bool(own) and (key.startswith(own[0]) or key.endswith(own[1:]))
        return (not mine, -e[1], key)

    edges.sort(key=order)
    return {"edges": edges[:limit], "more": len(edges) > limit}


def _assemble(
    read: Read,
    ids: list[str],
    view: ViewParams,
    rec: Mapping[str, Any],
    keep: Iterable[str] = (),
    truncated: bool = False,
    found: dict[str, Node] | None = None,
) -> Subgraph:
    """A ``Subgraph`` from the actors ``ids`` and one edges record: actors without an edge drop
    out (unless kept), dates and the documents behind the edges are filled in."""
    found = found if found is not None else node_records(read, ids)
    raw = rec["edges"]  # rows [key, count, first date, last date, undated occurrences]
    edges = tuple(_edge(*row) for row in raw)
    documents, exact = 0, True
    if raw:
        undated = [r[0] for r in raw if r[4]]
        docs = read(q.documents_behind([r[0] for r in raw], view, DOCUMENT_BUDGET, undated))[0]
        documents, exact = docs["documents"], docs["exact"]
    dates = [d for e in edges for d in (e.first_date, e.last_date) if d]
    linked = {e.source for e in edges} | {e.target for e in edges} | set(keep)
    return Subgraph(
        tuple(found[i] for i in ids if i in found and i in linked),
        edges,
        documents,
        view.since or (min(dates) if dates else None),
        view.until or (max(dates) if dates else None),
        truncated or bool(rec["more"]),
        documents_exact=exact,
    )


def _edge(key: str, count: int, first: str | None, last: str | None, undated: int = 0) -> Edge:
    """An ``Edge`` from a view's edge row (its aggregate's key says the ends, type and negation)."""
    s, t, o, negated = parse_edge_key(key)
    return Edge(s, o, cast(RelationType, t), negated, count, first, last)


def merged(read: Read, params: ViewParams, expanded: Iterable[str]) -> Subgraph:
    """The view plus the direct neighbours of each ``expanded`` actor, with the edges among all."""
    sub = neighbourhood(read, params)
    expanded = [x for x in expanded if x]
    if not expanded:
        return sub
    ids = [n.id for n in sub.nodes]
    for actor_id in expanded:
        extra = neighbourhood(read, replace(params, focus=actor_id, depth=1, limit=min(200, params.limit)))
        ids += [n.id for n in extra.nodes if n.id not in ids]
    whole = subgraph(read, ids, params, keep={params.focus} if params.focus else set())
    return replace(whole, truncated=sub.truncated or whole.truncated, hops=sub.hops)


def paths(read: Read, source: str, target: str, view: ViewParams, max_hops: int = 4, limit: int = 5) -> Subgraph:
    """The shortest paths between two actors under the view's filters (at most ``limit``)."""
    found = read(q.shortest_paths(source, target, view, max_hops, limit))
    ids = list(dict.fromkeys(i for r in found for i in r["ids"]))
    if not ids:
        return Subgraph()
    pairs = sorted({pair_key(a, b) for r in found for a, b in zip(r["ids"], r["ids"][1:])})
    return _assemble(read, ids, view, read(q.pair_edges(pairs, view, edge_limit(view)))[0], keep=ids)
