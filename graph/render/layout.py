"""Deterministic node positions, computed with igraph's compiled Fruchterman-Reingold.

vis-network's own physics needs almost a minute to settle 500 nodes in a browser; with positions
given and physics off it draws 2,000 nodes in about a second. networkx' pure-Python spring layout
is too slow for that size, igraph's C implementation is not. The same subgraph and seed always
give the same positions (nodes are ordered by id, the start is a seeded circle, the iteration
count is fixed), so snapshots are reproducible and a cached layout can be reused.

A view that changes (a new focus, an expanded actor, a filter) keeps the user's mental map:
:func:`positions` takes the positions already drawn as ``fixed``; those actors stay exactly where
they are, and only the new ones are laid out, starting next to the neighbours they are linked to
(igraph pins a vertex by giving it equal lower and upper bounds).
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from types import TracebackType
from typing import Any

from ..model import Subgraph

#: The typical (median) distance between linked actors, in drawing units (pixels at zoom 1). Labels
#: are about this wide at the base font size, so a fitted view of a few dozen actors is drawn at a
#: zoom near 1 and every label can be read.
EDGE_LENGTH = 160.0
#: Actors closer than this after the layout are pushed apart (views up to :data:`SPREAD_UP_TO`
#: actors), so a node and its label do not sit on another's.
MIN_GAP = 130.0
SPREAD_UP_TO = 160


def _iterations(n: int) -> int:
    """Fewer iterations for big graphs keeps a 2,000-node layout under a second."""
    if n <= 300:
        return 500
    return max(80, int(150_000 / n))


def positions(
    sub: Subgraph,
    seed: int = 7,
    scale: float | None = None,
    fixed: Mapping[str, tuple[float, float]] | None = None,
    hints: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y), centred on 0.

    A fresh layout is scaled so that linked actors are typically :data:`EDGE_LENGTH` apart, or, with
    ``scale``, so that its longer side is ``scale`` wide. Actors in ``fixed`` keep those positions;
    the others are placed around them, starting from ``hints`` where given (the members of a group
    just opened start where the group was)."""
    return arrange([n.id for n in sub.nodes], [(e.source, e.target) for e in sub.edges], seed, scale, fixed, hints)


def arrange(
    node_ids: Iterable[str],
    links: Iterable[tuple[str, str]],
    seed: int = 7,
    scale: float | None = None,
    fixed: Mapping[str, tuple[float, float]] | None = None,
    hints: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """:func:`positions` for any ids and links (a grouped view's groups and single actors)."""
    ids = tuple(sorted(set(node_ids)))
    pairs = tuple(sorted({(a, b) for a, b in links if a != b}))
    pinned = {i: fixed[i] for i in ids if fixed and i in fixed}
    if pinned:
        return incremental(ids, pairs, pinned, seed, hints)
    return dict(zip(ids, _layout(ids, pairs, seed, scale)))


@lru_cache(maxsize=64)
def _layout(
    ids: tuple[str, ...], pairs: tuple[tuple[str, str], ...], seed: int, scale: float | None
) -> tuple[tuple[float, float], ...]:
    n = len(ids)
    if n == 0:
        return ()
    if n == 1:
        return ((0.0, 0.0),)
    import igraph as ig

    index = {node: i for i, node in enumerate(ids)}
    edges = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    graph = ig.Graph(n=n, edges=edges, directed=False)
    parts = sorted(graph.connected_components(), key=lambda c: (-len(c), min(c)))
    if len(parts) > 1:
        # each connected part laid out on its own at the same edge length, then packed in rows: one
        # layout of all would squeeze a small part (the news around a crisis beside a big alliance)
        packed: list[tuple[float, float]] = [(0.0, 0.0)] * n
        for members, at in zip(parts, _pack([_part(graph, m, seed) for m in parts])):
            for k, xy in zip(members, at):
                packed[k] = xy
        span = max(max(c[i] for c in packed) - min(c[i] for c in packed) for i in (0, 1)) or 1.0
        return tuple(_spread(_fit(packed, scale if scale is not None else span)))
    rng = random.Random(seed)
    start = [
        (
            math.cos(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05),
            math.sin(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05),
        )
        for i in range(n)
    ]
    with _seeded(seed):
        coords = graph.layout_fruchterman_reingold(seed=start, niter=_iterations(n), grid="auto").coords
    if scale is None:
        lengths = [math.dist(coords[a], coords[b]) for a, b in edges if coords[a] != coords[b]]
        typical = statistics.median(lengths) if lengths else None
        span = max(max(c[i] for c in coords) - min(c[i] for c in coords) for i in (0, 1)) or 1.0
        scale = span * EDGE_LENGTH / typical if typical else EDGE_LENGTH * 1.6 * math.sqrt(n)
    return tuple(_spread(_fit(coords, scale)))


def _part(graph: Any, members: list[int], seed: int) -> list[tuple[float, float]]:
    """One connected part laid out alone, its typical edge :data:`EDGE_LENGTH` long, centred on 0."""
    if len(members) == 1:
        return [(0.0, 0.0)]
    sub = graph.induced_subgraph(members)
    ids = tuple(str(i) for i in range(len(members)))
    pairs = tuple(sorted({(str(min(e.tuple)), str(max(e.tuple))) for e in sub.es}))
    return list(_layout(ids, pairs, seed, None))


def _pack(parts: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Place the parts (biggest first) in rows of about the square root of their total area, a
    typical edge length apart."""
    gap = EDGE_LENGTH
    boxes = []
    for pts in parts:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    row_width = max(max(b[2] for b in boxes), math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.2)
    out, x, y, row_h = [], 0.0, 0.0, 0.0
    for pts, (x0, y0, w, h) in zip(parts, boxes):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out.append([(px - x0 + x, py - y0 + y) for px, py in pts])
        x += w
        row_h = max(row_h, h)
    return out


def clear_cache() -> None:
    """Forget the fresh layouts computed so far (each is kept for the next view of the same graph),
    so the next call lays the graph out anew: for determinism tests and benchmarks."""
    _layout.cache_clear()


def _spread(points: list[tuple[float, float]], movable: Sequence[bool] | None = None) -> list[tuple[float, float]]:
    """Push apart actors closer than :data:`MIN_GAP` (a few vectorised sweeps; only ``movable``
    ones move)."""
    n = len(points)
    if n < 2 or n > SPREAD_UP_TO:
        return points
    import numpy as np

    pts = np.array(points, dtype=float)
    can = np.array(list(movable) if movable is not None else [True] * n, dtype=float)
    if not can.any():
        return points
    rng = np.random.default_rng(7)
    for _ in range(10):
        diff = pts[:, None, :] - pts[None, :, :]  # i - j
        dist = np.hypot(diff[..., 0], diff[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < MIN_GAP
        if not close.any():
            break
        same = dist < 1e-6
        if same.any():  # identical points: nudge apart at random first
            pts += rng.normal(0, 1.0, pts.shape) * can[:, None]
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            push = np.where(close, (MIN_GAP - dist) / dist, 0.0)
        # each close pair moves apart by the missing gap, shared by the ends that may move
        weight = can[:, None] / np.maximum(can[:, None] + can[None, :], 1.0)
        pts += (diff * (push * weight)[..., None]).sum(axis=1)
    return [(round(float(x), 1), round(float(y), 1)) for x, y in pts]


class _seeded:
    """igraph's layouts and community detection draw from igraph's own RNG: seed it for the call."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def __enter__(self) -> None:
        import igraph as ig

        ig.set_random_number_generator(random.Random(self.seed))

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        import igraph as ig

        ig.set_random_number_generator(random)


def seeded(seed: int) -> _seeded:
    """A context in which igraph's random choices repeat (layouts, Leiden)."""
    return _seeded(seed)


def incremental(
    ids: tuple[str, ...],
    pairs: tuple[tuple[str, str], ...],
    pinned: Mapping[str, tuple[float, float]],
    seed: int = 7,
    hints: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions for ``ids`` where the ``pinned`` ones do not move and the others settle near the
    actors they are linked to.

    The layout runs in units of the pinned drawing's typical edge length (igraph's Fruchterman-
    Reingold balances a linked pair at distance ~1), so new actors sit as far from their neighbours
    as the drawn ones do."""
    new = [i for i in ids if i not in pinned]
    if not new:
        return {i: pinned[i] for i in ids}
    unit = _typical_length(pairs, pinned)
    rng = random.Random(seed)
    at = {i: (pinned[i][0] / unit, pinned[i][1] / unit) for i in pinned}
    neighbours: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in pairs:
        if a in neighbours and b in neighbours:
            neighbours[a].append(b)
            neighbours[b].append(a)
    # breadth-first from what is drawn: each new actor starts next to its placed neighbours
    xs = [p[0] for p in at.values()]
    ys = [p[1] for p in at.values()]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    radius = max(max(abs(x - cx) for x in xs), max(abs(y - cy) for y in ys), 1.0)
    for i in new:
        if hints and i in hints:
            angle = rng.uniform(0, 2 * math.pi)
            at[i] = (hints[i][0] / unit + 0.7 * math.cos(angle), hints[i][1] / unit + 0.7 * math.sin(angle))
    todo = sorted((i for i in new if i not in at), key=lambda i: (-sum(n in at for n in neighbours[i]), i))
    while todo:
        placed_now = False
        for i in list(todo):
            near = [at[n] for n in neighbours[i] if n in at]
            if not near:
                continue
            mx, my = sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)
            angle = rng.uniform(0, 2 * math.pi)
            at[i] = (mx + math.cos(angle), my + math.sin(angle))
            todo.remove(i)
            placed_now = True
        if not placed_now:  # not linked to anything drawn: start on a ring just outside the drawing
            i = todo.pop(0)
            angle = rng.uniform(0, 2 * math.pi)
            at[i] = (cx + (radius + 1.5) * math.cos(angle), cy + (radius + 1.5) * math.sin(angle))
    import igraph as ig

    index = {node: k for k, node in enumerate(ids)}
    graph = ig.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b in pairs if a in index and b in index])
    start = [list(at[i]) for i in ids]
    lo_x = [at[i][0] if i in pinned else -1e9 for i in ids]
    lo_y = [at[i][1] if i in pinned else -1e9 for i in ids]
    hi_x = [at[i][0] if i in pinned else 1e9 for i in ids]
    hi_y = [at[i][1] if i in pinned else 1e9 for i in ids]
    with _seeded(seed):
        coords = graph.layout_fruchterman_reingold(
            seed=start,
            niter=120,
            start_temp=0.08,  # new actors settle where they start (next to their neighbours), at most ~5 units off
            minx=lo_x,
            maxx=hi_x,
            miny=lo_y,
            maxy=hi_y,
            grid="nogrid" if len(ids) < 1000 else "grid",
        ).coords
    placed = [pinned[i] if i in pinned else (x * unit, y * unit) for i, (x, y) in zip(ids, coords)]
    spread = _spread(placed, [i not in pinned for i in ids])
    return {i: (pinned[i] if i in pinned else spread[k]) for k, i in enumerate(ids)}


def _typical_length(pairs: Sequence[tuple[str, str]], pinned: Mapping[str, tuple[float, float]]) -> float:
    """The median length of the drawn edges among pinned actors (or the fresh layout's spacing)."""
    lengths = [
        math.dist(pinned[a], pinned[b]) for a, b in pairs if a in pinned and b in pinned and pinned[a] != pinned[b]
    ]
    return float(statistics.median(lengths)) if lengths else EDGE_LENGTH


def _fit(coords: Sequence[Sequence[float]], size: float) -> list[tuple[float, float]]:
    """Centre on 0 and scale the longer side to ``size``; round so output is stable across platforms."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    k = size / span
    return [(round((x - cx) * k, 1), round((y - cy) * k, 1)) for x, y in coords]
