"""Plans before the first click.

Neo4j plans a statement the first time its text runs, and again when a load has moved the
graph's statistics enough; Community keeps no plan across a restart. A view's statements are
long (unions over relation types, date arithmetic), so on a 200k graph the first view of each
kind took 0.5-1.7 s, several times what running it takes. ``warm_up`` runs the explorer's common
kinds of view once, on the graph's own busiest actors and latest month, so that a user's first
clicks find them planned. It only reads, through the store's public methods, and an empty graph
has nothing to warm.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Stats, ViewParams

if TYPE_CHECKING:
    from .store import Store


def latest_month(last_date: str | None) -> tuple[str, str] | None:
    """The data's latest month as a date filter. Any window of ISO days runs the same statements
    (``date_filters.PARTS``), so one dated view plans them all."""
    if not last_date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", last_date):
        return None
    y, m = int(last_date[:4]), int(last_date[5:7])
    return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def shapes(stats: Stats) -> dict[str, Callable[[Store], object]]:
    """The kinds of reading a session starts with, named, on this graph's busiest actors: the
    overview, a focus at depth 1 and 2 with and without a date filter, a search, an actor's
    details, the sentences behind its strongest edge and the paths between the two busiest.
    Depth 1 is not left to depth 2: Neo4j planned a statement again when only the length of a
    list or string parameter changed (measured), and a depth-1 view asks about fewer actors."""
    if not stats.top_actors:
        return {}
    top = stats.top_actors[0]
    out: dict[str, Callable[[Store], object]] = {
        "overview": lambda s: s.view(ViewParams()),
        "focus, depth 1": _view(ViewParams(focus=top.id)),
        "focus, depth 2": _view(ViewParams(focus=top.id, depth=2)),
        "search": lambda s: s.search_actors(top.name[:4]),
        "actor": lambda s: s.actor(top.id),
        "evidence": lambda s: _strongest_evidence(s, top.id),
    }
    window = latest_month(stats.last_date)
    if window:
        for depth in (1, 2):
            dated = ViewParams(focus=top.id, depth=depth, since=window[0], until=window[1])
            out[f"focus, depth {depth}, latest month"] = _view(dated)
    if len(stats.top_actors) > 1:
        other = stats.top_actors[1].id
        out["paths"] = lambda s: s.paths(top.id, other, ViewParams())
    return out


def _view(view: ViewParams) -> Callable[[Store], object]:
    return lambda s: s.view(view)


def _strongest_evidence(store: Store, actor_id: str) -> object:
    edges = store.view(ViewParams(focus=actor_id)).edges
    if not edges:
        return []
    e = edges[0]
    return store.evidence(e.source, e.target, e.type, e.negated)


def warm_up(store: Store) -> dict[str, float]:
    """Run each of ``shapes`` once; answers the seconds each took (the first run of a kind pays
    its planning)."""
    took: dict[str, float] = {}
    for name, run in shapes(store.stats()).items():
        started = time.perf_counter()
        run(store)
        took[name] = time.perf_counter() - started
    return took
