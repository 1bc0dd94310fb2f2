"""Snapshot render times for 100 and 1,000-node views of news shape (hubs and leaves), per format,
against a baseline in the same run: networkx' spring layout plus nx.draw for the same graph.

    python bench/bench_snapshot.py
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from graph.model import ACTOR_TYPES, RELATION_TYPES, Edge, Node, Subgraph  # noqa: E402
from graph.render import layout, snapshot  # noqa: E402


def news_view(n: int, seed: int = 1) -> Subgraph:
    rng = random.Random(seed)
    hubs = max(3, n // 50)
    nodes = [
        Node(f"a{i}", f"Actor {i}", ACTOR_TYPES[i % 3], degree=(200 if i < hubs else rng.randint(1, 8)))
        for i in range(n)
    ]
    edges = {}
    for i in range(hubs, n):
        for _ in range(rng.randint(1, 2)):
            h = f"a{rng.randrange(hubs)}"
            t = rng.choice(RELATION_TYPES)
            edges[(f"a{i}", h, t)] = Edge(
                f"a{i}", h, t, rng.random() < 0.1, rng.randint(1, 9), "2022-01-01", "2022-02-01"
            )
    return Subgraph(tuple(nodes), tuple(edges.values()), documents=n // 3, date_from="2022-01-01", date_to="2022-02-01")


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def baseline(sub: Subgraph) -> float:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    def run():
        g = snapshot.to_networkx(sub)
        pos = nx.spring_layout(g, seed=7)
        fig = plt.figure(figsize=(16, 10), dpi=100)
        nx.draw(g, pos, node_size=30, with_labels=True, font_size=7)
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)

    return timed(run)


def main():
    snapshot.snapshot(news_view(20), "png")  # warm-up: imports and fonts
    print(f"{'nodes':>6} {'edges':>6} {'format':>8} {'seconds':>8}")
    for n in (100, 1000):
        sub = news_view(n)
        layout.clear_cache()
        t_layout = timed(lambda sub=sub: layout.positions(sub))
        for fmt in snapshot.FORMATS:
            layout.clear_cache()
            secs = timed(lambda sub=sub, fmt=fmt: snapshot.snapshot(sub, fmt))
            print(f"{n:6d} {len(sub.edges):6d} {fmt:>8} {secs:8.2f}")
        layout.clear_cache()
        ours = timed(lambda sub=sub: snapshot.snapshot(sub, "png"))
        base = baseline(sub)
        print(
            f"  layout alone {t_layout:.2f}s; PNG {ours:.2f}s vs networkx spring_layout + nx.draw {base:.2f}s "
            f"= {base / ours:.1f}x faster"
        )


if __name__ == "__main__":
    main()
