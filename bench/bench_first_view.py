"""A user's first clicks, with and without the explorer's warm-up (``Store.warm_up``).

Neo4j plans a statement the first time its text runs (and again after a load moves the graph's
statistics); Community keeps no plan across a restart. This bench imports the news graph of
``bench_store`` (bulk path) into the scratch server, then, each round: clears the server's query
caches and times a user's first clicks cold; clears them again, runs ``warm_up`` (timed) and times
the same clicks. The clicks are not the warm-up's own readings: another actor, other dates, other
search text, the same kinds of view.

    python bench/bench_first_view.py [--scale 0.2] [--rounds 3]

Run it alone on the machine. Results: bench/out/bench_first_view.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import bench_store as bs

from graph.model import ViewParams
from graph.store import Store, bulk, server


def clicks(store: Store) -> dict:
    """A session's first readings, on the third busiest actor and the month before the latest."""
    stats = store.stats()
    actor = stats.top_actors[2]
    other = stats.top_actors[3].id
    y, m = int(stats.last_date[:4]), int(stats.last_date[5:7])
    month = f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}"  # the month before the latest
    return {
        "overview": lambda: store.view(ViewParams()),
        "focus, depth 1": lambda: store.view(ViewParams(focus=actor.id)),
        "focus, depth 2": lambda: store.view(ViewParams(focus=actor.id, depth=2)),
        "one month, depth 2": lambda: store.view(
            ViewParams(focus=actor.id, depth=2, since=f"{month}-01", until=f"{month}-28")
        ),
        "brushed, depth 1": lambda: store.view(ViewParams(focus=actor.id, since=f"{month}-03", until=f"{month}-20")),
        "search": lambda: store.search_actors(actor.name[:5]),
        "actor": lambda: store.actor(actor.id),
        "paths": lambda: store.paths(actor.id, other, ViewParams()),
    }


def timed(runs: dict) -> dict:
    out = {}
    for name, run in runs.items():
        t = time.perf_counter()
        run()
        out[name] = (time.perf_counter() - t) * 1000
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=0.2, help="Fraction of 1M relations / 50k actors.")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    n_rel, n_actors = int(1_000_000 * args.scale), int(50_000 * args.scale)
    exs = bs.generate(n_rel, n_actors, mode="news")
    server.start(timeout=180)
    cfg = bs.settings()
    with Store.connect(cfg) as store:
        store.reset()
    bulk.bulk_load(exs, cfg, server.instance(), echo=lambda m: None)
    del exs
    rounds = []
    with Store.connect(cfg) as store:
        bs.run_statements(store, ["CALL db.awaitIndexes(600)"])
        runs = clicks(store)
        timed(runs)  # the JVM's first run of each path, not a plan's cost
        for _ in range(args.rounds):
            bs.run_statements(store, ["CALL db.clearQueryCaches()"])
            cold = timed(runs)
            bs.run_statements(store, ["CALL db.clearQueryCaches()"])
            warm_up = sum(store.warm_up().values()) * 1000
            warm = timed(runs)
            again = timed(runs)
            rounds.append({"cold": cold, "warm_up": warm_up, "warmed": warm, "planned": again})
    med = {
        kind: {name: statistics.median(r[kind][name] for r in rounds) for name in rounds[0]["cold"]}
        for kind in ("cold", "warmed", "planned")
    }
    print(f"first clicks, median of {args.rounds} rounds, ms ({n_rel:,} relations, news graph)")
    print(f"{'click':22s} {'cold':>8s} {'warmed':>8s} {'planned':>8s}")
    for name in med["cold"]:
        print(f"{name:22s} {med['cold'][name]:8.0f} {med['warmed'][name]:8.0f} {med['planned'][name]:8.0f}")
    total = {k: sum(v.values()) for k, v in med.items()}
    warm_up_ms = statistics.median(r["warm_up"] for r in rounds)
    print(
        f"all clicks: cold {total['cold']:.0f} ms, after warm-up {total['warmed']:.0f} ms "
        f"({total['warmed'] / total['cold']:.2f}x), planned {total['planned']:.0f} ms; warm-up itself {warm_up_ms:.0f} ms"
    )
    (bs.OUT / "bench_first_view.json").write_text(json.dumps({"rounds": rounds, "median": med}, indent=1))


if __name__ == "__main__":
    main()
