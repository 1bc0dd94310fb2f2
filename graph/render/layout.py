"""Deterministic node positions, computed with igraph's compiled Fruchterman-Reingold.

vis-network's own physics needs almost a minute to settle 500 nodes in a browser; with positions
given and physics off it draws 2,000 nodes in about a second. networkx' pure-Python spring layout
is too slow for that size, igraph's C implementation is not. The same subgraph and seed always
give the same positions (nodes are ordered by id, the start is a seeded circle, the iteration
count is fixed), so snapshots are reproducible and a cached layout can be reused.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from functools import lru_cache

from ..model import Subgraph


def _iterations(n: int) -> int:
    """Fewer iterations for big graphs keeps a 2,000-node layout under a second."""
    if n <= 300:
        return 500
    return max(80, int(150_000 / n))


def positions(sub: Subgraph, seed: int = 7, scale: float = 1000.0) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) in a box about ``scale`` wide, centred on 0."""
    ids = tuple(sorted(n.id for n in sub.nodes))
    pairs = tuple(sorted({(e.source, e.target) for e in sub.edges if e.source != e.target}))
    return dict(zip(ids, _layout(ids, pairs, seed, scale)))


@lru_cache(maxsize=64)
def _layout(
    ids: tuple[str, ...], pairs: tuple[tuple[str, str], ...], seed: int, scale: float
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
    rng = random.Random(seed)
    start = [
        (
            math.cos(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05),
            math.sin(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05),
        )
        for i in range(n)
    ]
    ig.set_random_number_generator(random.Random(seed))  # igraph's FR jitters with its own RNG
    try:
        coords = graph.layout_fruchterman_reingold(seed=start, niter=_iterations(n), grid="auto").coords
    finally:
        ig.set_random_number_generator(random)
    return tuple(_fit(coords, scale * max(1.0, math.sqrt(n / 50))))


def _fit(coords: Sequence[Sequence[float]], size: float) -> list[tuple[float, float]]:
    """Centre on 0 and scale the longer side to ``size``; round so output is stable across platforms."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    k = size / span
    return [(round((x - cx) * k, 1), round((y - cy) * k, 1)) for x, y in coords]
