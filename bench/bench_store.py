"""The store at scale: 1M relation occurrences between 50k actors, on two graphs, old model beside new.

Two corpora from one generator (``generate``):
- ``news``: what news looks like. Most occurrences repeat a dyad already seen (preferential reuse:
  a seen aggregate is picked in proportion to its count), the rest are fresh dyads between actors
  drawn by Zipf popularity; types and negation follow what extraction finds. Calibrated on the
  extraction of the seeds (5 articles on one crisis: 2.4 occurrences per aggregate, 58% of
  aggregates seen once, the busiest actor in 18% of relation ends) and of the development set
  (30 articles, many crises; same type mix): ``REUSE`` = 1/0.58 - 1 = 0.72 gives the seeds' share
  of aggregates seen once (Yule-Simon), ``ZIPF`` = 1.0 a top actor in ~9% of ends at 50k actors.
- ``independent``: subject and object drawn independently for every occurrence (pairs almost
  never repeat), today's generator, kept as the worst case for aggregates.

For each graph, in one run on a scratch server (bench/out/neo4j, ports 7697/7497 or
ACTORGRAPH_BENCH_BOLT_PORT/ACTORGRAPH_BENCH_HTTP_PORT; your data is never touched):
- bulk load of the whole corpus (CSV + ``neo4j-admin database import`` with the JVM's start, then
  restart and indexes) beside ``neo4j-admin`` alone on the same CSVs;
- the batched loader (``Store.load``) on a sample into an empty database, wall and CPU time, beside
  the old model's loader (one relationship per occurrence) on the same sample;
- depth-2 neighbourhood (limit 500) p50/p95 for hub and ordinary foci, without filters, with a
  type filter, a one-month date filter and both, and name search, on the new model and on the old
  one (the same corpus imported as one relationship per occurrence, the old queries).

    python bench/bench_store.py [--scale 1.0] [--graphs news,independent] [--sample 0.2]
                                [--skip-legacy] [--skip-batched]

Server CPU (the Neo4j process's user+system time) is reported beside wall time: it holds on a
busy machine where wall time does not. Results: bench/out/bench_store.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

#: The scratch server's ports (another benchmark may hold the defaults at the same time).
BOLT_PORT = os.environ.get("ACTORGRAPH_BENCH_BOLT_PORT", "7697")
HTTP_PORT = os.environ.get("ACTORGRAPH_BENCH_HTTP_PORT", "7497")
os.environ.update(
    NEO4J_URI=f"bolt://127.0.0.1:{BOLT_PORT}",
    ACTORGRAPH_NEO4J_HTTP_PORT=HTTP_PORT,
    ACTORGRAPH_NEO4J_DIR=str(OUT / "neo4j"),
    ACTORGRAPH_NEO4J_HEAP="3g",
    ACTORGRAPH_NEO4J_PAGECACHE="3g",
)
os.environ.pop("NEO4J_PASSWORD", None)

from graph.model import RELATION_TYPES, ActorRef, Document, Extraction, Mention, Relation, ViewParams  # noqa: E402
from graph.store import Store, bulk, config, server  # noqa: E402

SENTENCES = [
    "{s} has warned {o} that any attempt to destabilise the region would be a strategic mistake.",
    "{s} demanded legally binding guarantees from {o} on Tuesday.",
    "{s} and its allies said they would support {o} with weapons and aid.",
    "Officials said {s} met with {o} in Geneva to discuss the crisis.",
]

#: Calibration of the news graph (see the module doc): share of occurrences repeating a seen
#: aggregate, Zipf exponent of actor popularity, type mix and negation of seeds + dev extraction.
REUSE = 0.72
ZIPF = 1.0
TYPE_MIX = {
    "MEMBER_OF": 0.53,
    "MEETS": 0.13,
    "DEMANDS": 0.10,
    "SUPPORTS": 0.07,
    "DEPLOYS": 0.07,
    "CRITICIZES": 0.06,
    "WARNS": 0.03,
    "THREATENS": 0.02,
}
NEGATED = 0.09


def _cumulative(n: int, exponent: float) -> list[float]:
    cum, total = [], 0.0
    for i in range(n):
        total += 1.0 / (i + 1) ** exponent
        cum.append(total)
    return cum


def generate(
    n_rel: int, n_actors: int, per_doc: int = 20, seed: int = 3, mode: str = "independent"
) -> list[Extraction]:
    """Extractions with hub actors and a long tail; ``mode`` ``news`` (recurring dyads) or
    ``independent`` (every pair drawn afresh: the worst case for aggregates)."""
    rng = random.Random(seed)
    types = ["State"] * 2 + ["Organisation"] * 3 + ["Person"] * 5
    actors = [
        ActorRef(f"bench:{i}", f"Actor {i} {rng.choice(['Alpha', 'Borealis', 'Cortex', 'Delta'])}", types[i % 10])
        for i in range(n_actors)
    ]
    cum = _cumulative(n_actors, ZIPF if mode == "news" else 0.8)
    type_names, type_cum = list(TYPE_MIX), []
    acc = 0.0
    for t in type_names:
        acc += TYPE_MIX[t]
        type_cum.append(acc)
    seen: list[tuple] = []  # one entry per occurrence: picking one is picking an aggregate by its count
    out = []
    for d in range(n_rel // per_doc):
        doc_id = f"bench-{d:07d}"
        date = f"2022-{1 + d % 12:02d}-{1 + d % 28:02d}"
        rels, mentions = [], []
        for k in range(per_doc):
            if mode == "news":
                if seen and rng.random() < REUSE:
                    s, t, o, neg = seen[rng.randrange(len(seen))]
                else:
                    s, o = rng.choices(actors, cum_weights=cum, k=2)
                    if s.id == o.id:
                        o = actors[(int(o.id.split(":")[1]) + 1) % n_actors]
                    t = rng.choices(type_names, cum_weights=type_cum)[0]
                    neg = rng.random() < NEGATED
                seen.append((s, t, o, neg))
            else:
                s, o = rng.choices(actors, cum_weights=cum, k=2)
                if s.id == o.id:
                    o = actors[(int(o.id.split(":")[1]) + 1) % n_actors]
                t, neg = RELATION_TYPES[k % len(RELATION_TYPES)], k % 9 == 0
            sentence = rng.choice(SENTENCES).format(s=s.name, o=o.name)
            rels.append(Relation(doc_id, s, t, o, neg, sentence, k * 200, k * 200 + len(sentence), date, "bench"))
            mentions += [
                Mention(doc_id, s, k * 200, k * 200 + 5, s.name),
                Mention(doc_id, o, k * 200 + 20, k * 200 + 25, o.name),
            ]
        out.append(Extraction(Document(doc_id, "", f"Bench {d}", date, "bench"), tuple(mentions), tuple(rels)))
    return out


def shape(exs: list[Extraction]) -> dict:
    """What a corpus looks like: occurrences per aggregate, share of aggregates seen once, top actor."""
    from collections import Counter

    agg = Counter((r.subject.id, r.type, r.object.id, r.negated) for e in exs for r in e.relations)
    ends = Counter(x for e in exs for r in e.relations for x in (r.subject.id, r.object.id))
    n = sum(agg.values())
    return {
        "aggregates": len(agg),
        "occurrences_per_aggregate": round(n / len(agg), 2),
        "aggregates_seen_once": round(sum(c == 1 for c in agg.values()) / len(agg), 2),
        "top_aggregate": max(agg.values()),
        "top_actor_share": round(ends.most_common(1)[0][1] / (2 * n), 3),
    }


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def server_cpu() -> float:
    """CPU seconds the scratch Neo4j has used so far (user + system)."""
    pid = server.status().pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settings() -> config.Settings:
    return config.settings()


def run_statements(store: Store, statements) -> None:
    """Auto-commit statements (the old model's schema, awaiting indexes) on the store's own
    driver: what ``Store.ensure_schema`` does for the new model, done here for the old one."""
    with store.driver.session(database=store.database) as session:
        for statement in statements:
            session.run(statement).consume()


def reader(store: Store):
    """A function that answers the records of one ``(text, params)`` query in a READ transaction,
    as the store sends its own view queries (the old model's views are timed through it)."""

    def read(query):
        text, params = query
        with store.driver.session(
            database=store.database, default_access_mode="READ", notifications_min_severity="OFF"
        ) as session:
            return session.execute_read(lambda tx: list(tx.run(text, params)))

    return read


def empty(store: Store) -> None:
    """An empty graph with its schema, after a pause for the server's background work."""
    store.reset()
    store.ensure_schema()
    time.sleep(5)


def batched(store: Store, sample: list[Extraction], legacy_load=None, schema=()) -> dict:
    """One batched load of ``sample`` into an empty graph: rate, client and server CPU. ``schema``:
    statements run after emptying (the old model's own indexes, which ``empty`` drops)."""
    empty(store)
    run_statements(store, [*schema, "CALL db.awaitIndexes(600)"])
    n = sum(len(e.relations) for e in sample)
    c0, s0, t0 = time.process_time(), server_cpu(), time.perf_counter()
    if legacy_load:
        legacy_load(store.driver, store.database, sample)
    else:
        store.load(sample)  # the default batch size, as a user gets it (the old loader: its own, 500)
    wall = time.perf_counter() - t0
    client, srv = time.process_time() - c0, server_cpu() - s0
    return {"rate": n / wall, "seconds": wall, "client_cpu": client, "server_cpu": srv, "cpu_rate": n / (client + srv)}


VARIANTS = {
    "no filter": {},
    "type": {"relation_types": ("WARNS", "DEMANDS", "SUPPORTS")},
    "date": {"since": "2022-03-01", "until": "2022-03-31"},
    "type+date": {"relation_types": ("WARNS", "DEMANDS", "SUPPORTS"), "since": "2022-03-01", "until": "2022-03-31"},
}


def foci(store: Store, n_actors: int) -> dict[str, list[str]]:
    rng = random.Random(5)
    hubs = [n.id for n in store.stats().top_actors[:10]]
    ordinary = [f"bench:{rng.randrange(100, n_actors)}" for _ in range(30)]
    return {"hub": hubs, "ordinary": ordinary}


def latencies(store: Store, focus: dict, view_fn) -> dict:
    """p50/p95 wall ms and mean server CPU ms of a depth-2 view (limit 500) per focus kind and filter."""
    out = {}
    for variant, kw in VARIANTS.items():
        for kind, ids in focus.items():
            for f in ids:  # plan, JIT and page cache warm: the timed pass measures the steady state
                view_fn(ViewParams(focus=f, depth=2, limit=500, **kw))
            lat, sizes = [], []
            s0 = server_cpu()
            for f in ids:
                t = time.perf_counter()
                sizes.append(view_fn(ViewParams(focus=f, depth=2, limit=500, **kw)))
                lat.append((time.perf_counter() - t) * 1000)
            out[f"{variant} / {kind}"] = {
                "p50": pct(lat, 50),
                "p95": pct(lat, 95),
                "server_cpu_ms": (server_cpu() - s0) * 1000 / len(ids),
                "size": f"{statistics.median(n for n, _ in sizes):.0f}/{statistics.median(e for _, e in sizes):.0f}",
            }
    return out


def search_latency(search_fn) -> dict:
    for word in ["warm up", "Actor 1", "Borea", "Cortx", "Delta 42", "Actor 999", "Alpha"]:
        search_fn(word)
    lat = []
    for word in ["Actor 1", "Borea", "Cortx", "Delta 42", "Actor 999", "Alpha"] * 7:
        t = time.perf_counter()
        search_fn(word)
        lat.append((time.perf_counter() - t) * 1000)
    return {"p50": pct(lat, 50), "p95": pct(lat, 95)}


def new_view(store: Store):
    def run(view: ViewParams):
        sub = store.neighbourhood(view)
        return len(sub.nodes), len(sub.edges)

    return run


def bench_graph(mode: str, n_rel: int, n_actors: int, args) -> dict:
    t = time.perf_counter()
    exs = generate(n_rel, n_actors, mode=mode)
    gc.freeze()
    sample = exs[: max(1, int(len(exs) * args.sample))]
    r: dict = {"shape": shape(exs), "generated_s": time.perf_counter() - t, "load_average": os.getloadavg()}
    print(f"\n== {mode}: {n_rel:,} relations, {n_actors:,} actors: {r['shape']}", flush=True)
    inst = server.instance()
    server.start(timeout=180)
    cfg = settings()  # after the first start: the password is generated then
    with Store.connect(cfg) as store:
        store.reset()
    # the bulk path: everything, then the same CSVs through neo4j-admin alone
    summary = bulk.bulk_load(exs, cfg, inst, echo=lambda m: None)
    r["bulk"] = {"seconds": summary.seconds, "relations": summary.relations, "aggregates": summary.aggregates}
    print(f"bulk: {summary}", flush=True)
    work = OUT / "csv"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    _, files = bulk.write_csvs(exs, work)
    server.stop(inst)
    r["admin_alone_s"] = bulk.run_import(inst, cfg.database, files, work)
    server.start(inst, timeout=180)
    with Store.connect(cfg) as store:
        store.ensure_schema()
        focus = foci(store, n_actors)
        r["views"] = latencies(store, focus, new_view(store))
        r["search"] = search_latency(store.search_actors)
        print(f"views (new): {json.dumps(r['views'])}", flush=True)
        if not args.skip_batched:
            r["batched"] = batched(store, sample)
            print(f"batched (new): {r['batched']}", flush=True)
    if not args.skip_legacy:
        import legacy

        with Store.connect(cfg) as store:
            store.reset()
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        files = legacy.write_csvs(exs, work)
        server.stop(inst)
        bulk.run_import(inst, cfg.database, files, work)
        server.start(inst, timeout=180)
        with Store.connect(cfg) as store:
            run_statements(store, [*legacy.schema(), "CALL db.awaitIndexes(600)"])
            read = reader(store)  # the old queries through the same session code as the new ones
            r["legacy_views"] = latencies(store, focus, lambda v: legacy.neighbourhood(read, v))
            r["legacy_search"] = search_latency(lambda w: legacy.search(read, w))
            print(f"views (old): {json.dumps(r['legacy_views'])}", flush=True)
            if not args.skip_batched:
                store.reset()
                r["legacy_batched"] = batched(store, sample, legacy.load, legacy.schema())
                print(f"batched (old): {r['legacy_batched']}", flush=True)
            store.reset()
    shutil.rmtree(work, ignore_errors=True)
    r["sample_relations"] = sum(len(e.relations) for e in sample)
    del exs, sample
    gc.unfreeze()
    gc.collect()
    return r


def report(results: dict) -> None:
    for mode, r in results["graphs"].items():
        print(f"\n### {mode} graph: {results['relations']:,} relations, {results['actors']:,} actors; {r['shape']}")
        print(f"load average at its start: {' '.join(f'{x:.2f}' for x in r['load_average'])}")
        b = r["bulk"]["seconds"]
        total, admin = sum(b.values()), r["admin_alone_s"]
        n = r["bulk"]["relations"]
        print(
            f"bulk: csv {b['csv']:.1f}s + stop {b.get('stop', 0):.1f}s + import {b['import']:.1f}s + restart "
            f"{b['restart']:.1f}s + indexes "
            f"{b['indexes']:.1f}s = {total:.1f}s ({n / total:,.0f} rel/s); csv+import {n / (b['csv'] + b['import']):,.0f} "
            f"rel/s; neo4j-admin alone {admin:.1f}s ({n / admin:,.0f} rel/s); csv+import / admin "
            f"{(b['csv'] + b['import']) / admin:.2f}x, total / admin {total / admin:.2f}x"
        )
        if "batched" in r:
            nb, ob = r["batched"], r.get("legacy_batched")
            line = f"batched load of {r['sample_relations']:,}: new {nb['rate']:,.0f} rel/s wall, {nb['cpu_rate']:,.0f} rel/CPU-s"
            if ob:
                line += f"; old {ob['rate']:,.0f} rel/s wall, {ob['cpu_rate']:,.0f} rel/CPU-s"
            print(line)
        print(
            f"{'depth-2 view, limit 500':28} {'new p50':>8} {'p95':>7} {'srv CPU':>8} {'size':>9}   {'old p50':>8} {'p95':>7} {'srv CPU':>8}"
        )
        for key, v in r["views"].items():
            o = r.get("legacy_views", {}).get(key)
            old = f"{o['p50']:8.0f} {o['p95']:7.0f} {o['server_cpu_ms']:8.0f}" if o else ""
            print(f"{key:28} {v['p50']:8.1f} {v['p95']:7.1f} {v['server_cpu_ms']:8.1f} {v['size']:>9}   {old}")
        s, o = r["search"], r.get("legacy_search")
        print(
            f"search: new p50 {s['p50']:.1f} p95 {s['p95']:.1f} ms"
            + (f"; old p50 {o['p50']:.1f} p95 {o['p95']:.1f} ms" if o else "")
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="Fraction of 1M relations / 50k actors.")
    ap.add_argument("--graphs", default="news,independent", help="Which corpora: news, independent.")
    ap.add_argument("--sample", type=float, default=0.2, help="Fraction of documents the batched loaders load.")
    ap.add_argument("--skip-legacy", action="store_true", help="Do not measure the old model.")
    ap.add_argument("--skip-batched", action="store_true", help="Do not measure the batched loaders.")
    args = ap.parse_args()
    n_rel, n_actors = int(1_000_000 * args.scale), int(50_000 * args.scale)
    OUT.mkdir(parents=True, exist_ok=True)
    results = {
        "command": " ".join(sys.argv),
        "relations": n_rel,
        "actors": n_actors,
        "load_average": os.getloadavg(),
        "graphs": {},
    }
    try:
        for mode in args.graphs.split(","):
            results["graphs"][mode] = bench_graph(mode, n_rel, n_actors, args)
    finally:
        server.stop()
    results["load_average_after"] = os.getloadavg()
    print(f"\n$ python {results['command']}")
    report(results)
    print(f"\nload average before {results['load_average']}, after {results['load_average_after']}")
    (OUT / "bench_store.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
