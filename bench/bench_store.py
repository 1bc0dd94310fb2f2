"""Loading and querying at scale: >= 1M relation occurrences between 50k actors.

Runs its own Neo4j (a scratch instance in bench/out/neo4j on ports 7697/7497, so your data is never
touched) and reports, in one run:
- first-load and idempotent re-load rates of ``Store.load`` (batched UNWIND, one transaction per batch);
- (a) one MERGE per transaction, on a sample, as users of a naive loader get;
- (b) py2neo's bulk API, if py2neo still installs and talks to Neo4j 5 (tried in a throwaway venv);
- (c) ``neo4j-admin database import full`` of the same data, the near-physical reference;
- p50/p95 latency of a depth-2 neighbourhood and of a name search at that scale.

    python bench/bench_store.py [--scale 1.0] [--skip-py2neo] [--skip-import]

The reference loaders (a) and (b) load a sample (5% of the documents by default) into an empty
graph, as does Store.load for the side-by-side rate; (a) takes a tenth of that sample and its rate
is extrapolated. Results are saved to bench/out/bench_store.json.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

os.environ.update(
    NEO4J_URI="bolt://127.0.0.1:7697",
    ACTORGRAPH_NEO4J_HTTP_PORT="7497",
    ACTORGRAPH_NEO4J_DIR=str(OUT / "neo4j"),
    ACTORGRAPH_NEO4J_HEAP="3g",
    ACTORGRAPH_NEO4J_PAGECACHE="3g",
)
os.environ.pop("NEO4J_PASSWORD", None)

from graph.model import RELATION_TYPES, ActorRef, Document, Extraction, Mention, Relation, ViewParams  # noqa: E402
from graph.store import config, server  # noqa: E402
from graph.store.store import Store  # noqa: E402

SENTENCES = [
    "{s} has warned {o} that any attempt to destabilise the region would be a strategic mistake.",
    "{s} demanded legally binding guarantees from {o} on Tuesday.",
    "{s} and its allies said they would support {o} with weapons and aid.",
    "Officials said {s} met with {o} in Geneva to discuss the crisis.",
]


def generate(n_rel: int, n_actors: int, per_doc: int = 20, seed: int = 3) -> list[Extraction]:
    """Extractions shaped like the real corpus: hub actors (states, alliances) and a long tail."""
    rng = random.Random(seed)
    types = ["State"] * 2 + ["Organisation"] * 3 + ["Person"] * 5
    actors = [
        ActorRef(f"bench:{i}", f"Actor {i} {rng.choice(['Alpha', 'Borealis', 'Cortex', 'Delta'])}", types[i % 10])
        for i in range(n_actors)
    ]
    cum, total = [], 0.0
    for i in range(n_actors):
        total += 1.0 / (i + 1) ** 0.8  # Zipf-like: a few hubs, a long tail
        cum.append(total)
    out = []
    for d in range(n_rel // per_doc):
        doc_id = f"bench-{d:07d}"
        date = f"2022-{1 + d % 12:02d}-{1 + d % 28:02d}"
        picks = rng.choices(actors, cum_weights=cum, k=per_doc * 2)
        rels, mentions = [], []
        for k in range(per_doc):
            s, o = picks[2 * k], picks[2 * k + 1]
            if s.id == o.id:
                o = actors[(int(o.id.split(":")[1]) + 1) % n_actors]
            t = RELATION_TYPES[k % len(RELATION_TYPES)]
            sentence = rng.choice(SENTENCES).format(s=s.name, o=o.name)
            rels.append(
                Relation(doc_id, s, t, o, k % 9 == 0, sentence, k * 200, k * 200 + len(sentence), date, "bench")
            )
            mentions += [
                Mention(doc_id, s, k * 200, k * 200 + 5, s.name),
                Mention(doc_id, o, k * 200 + 20, k * 200 + 25, o.name),
            ]
        out.append(Extraction(Document(doc_id, "", f"Bench {d}", date, "bench"), tuple(mentions), tuple(rels)))
    return out


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def one_merge_per_tx(store: Store, exs: list[Extraction]) -> float:
    """(a) What a naive loader gets: one MERGE statement, one transaction, per relation."""
    rels = [r for ex in exs for r in ex.relations]
    t = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for r in rels:
            session.execute_write(
                lambda tx, r=r: tx.run(
                    f"MERGE (a:Actor {{id: $s}}) ON CREATE SET a.name = $sn, a.type = $st "
                    f"MERGE (b:Actor {{id: $o}}) ON CREATE SET b.name = $on, b.type = $ot "
                    f"MERGE (a)-[x:{r.type} {{id: $id}}]->(b) SET x += $props",
                    s=r.subject.id,
                    sn=r.subject.name,
                    st=r.subject.type,
                    o=r.object.id,
                    on=r.object.name,
                    ot=r.object.type,
                    id=r.id,
                    props=_props(r),
                ).consume()
            )
    return len(rels) / (time.perf_counter() - t)


def _props(r: Relation) -> dict:
    return {
        "id": r.id,
        "doc": r.doc,
        "date": r.date,
        "sentence": r.sentence,
        "start": r.start,
        "end": r.end,
        "rule": r.rule,
        "negated": r.negated,
    }


PY2NEO_RUNNER = """
import json, sys, time
from py2neo import Graph
from py2neo.bulk import create_relationships, merge_nodes
cfg = json.loads(sys.argv[1])
data = json.load(open(cfg["data"]))
g = Graph(cfg["uri"], auth=(cfg["user"], cfg["password"]))
t = time.perf_counter()
for label, rows in data["actors"].items():
    for k in range(0, len(rows), 10000):
        tx = g.begin()
        merge_nodes(tx, rows[k:k + 10000], merge_key=("Actor", "id"), labels={"Actor", label})
        g.commit(tx)
for k in range(0, len(data["docs"]), 500):
    tx = g.begin()
    merge_nodes(tx, data["docs"][k:k + 500], merge_key=("Document", "id"))
    g.commit(tx)
for k in range(0, len(data["mentions"]), 20000):
    tx = g.begin()
    create_relationships(tx, [(m["actor"], {"count": m["count"], "starts": m["starts"], "ends": m["ends"]}, m["doc"])
                              for m in data["mentions"][k:k + 20000]], "MENTIONED_IN",
                         start_node_key=("Actor", "id"), end_node_key=("Document", "id"))
    g.commit(tx)
for rel_type, rows in data["relations"].items():
    for k in range(0, len(rows), 10000):
        tx = g.begin()
        create_relationships(tx, [(r["s"], r["props"], r["o"]) for r in rows[k:k + 10000]], rel_type,
                             start_node_key=("Actor", "id"), end_node_key=("Actor", "id"))
        g.commit(tx)
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def try_py2neo(store: Store, exs: list[Extraction]) -> float | str:
    """(b) py2neo's bulk API (merge_nodes, create_relationships), in a throwaway venv, writing the
    same graph as Store.load (actors, documents, mention links, relations; first load, no
    replacement): a rate, or the exact reason it cannot give one."""
    from graph.store.store import rows_for

    rows = rows_for(exs)
    n_rel = sum(len(v) for v in rows["relations"].values())
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "py2neo"], capture_output=True, text=True)
        if pip.returncode != 0:
            return "py2neo does not install: " + (pip.stderr.strip().splitlines() or ["?"])[-1]
        version = subprocess.run(
            [str(venv / "bin" / "python"), "-c", "import py2neo; print(py2neo.__version__)"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        data = Path(tmp) / "data.json"
        data.write_text(json.dumps(rows))  # the same actors, documents, mention links and relations
        cfg = config.settings()
        arg = json.dumps({"uri": cfg.uri, "user": cfg.username, "password": cfg.password, "data": str(data)})
        run = subprocess.run(
            [str(venv / "bin" / "python"), "-c", PY2NEO_RUNNER, arg], capture_output=True, text=True, timeout=3600
        )
        if run.returncode != 0:
            return f"py2neo {version} fails on Neo4j 5: " + (run.stderr.strip().splitlines() or ["?"])[-1][:300]
        print(f"  (py2neo {version} installed and ran)")
        return n_rel / json.loads(run.stdout.strip().splitlines()[-1])["seconds"]


def admin_import(exs: list[Extraction]) -> float:
    """neo4j-admin database import full of the same nodes and relationships into a scratch home."""
    home = OUT / "import-home"
    subprocess.run(["rm", "-rf", str(home)], check=True)
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text(
        f"server.directories.data={home / 'data'}\nserver.directories.logs={home / 'logs'}\n"
    )
    csv_dir = home / "csv"
    csv_dir.mkdir()
    actors = {}
    with open(csv_dir / "rels.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                ":START_ID",
                ":END_ID",
                ":TYPE",
                "id",
                "doc",
                "date",
                "sentence",
                "start:int",
                "end:int",
                "rule",
                "negated:boolean",
            ]
        )
        for ex in exs:
            for r in ex.relations:
                actors[r.subject.id] = r.subject
                actors[r.object.id] = r.object
                w.writerow(
                    [
                        r.subject.id,
                        r.object.id,
                        r.type,
                        r.id,
                        r.doc,
                        r.date,
                        r.sentence,
                        r.start,
                        r.end,
                        r.rule,
                        str(r.negated).lower(),
                    ]
                )
    with open(csv_dir / "actors.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id:ID", "name", "type", ":LABEL"])
        for a in actors.values():
            w.writerow([a.id, a.name, a.type, f"Actor;{a.type}"])
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    t = time.perf_counter()
    run = subprocess.run(
        [
            "java",
            "-cp",
            f"{server.cache_dir() / 'lib'}/*",
            server.ADMIN_TOOL,
            "database",
            "import",
            "full",
            f"--nodes={csv_dir / 'actors.csv'}",
            f"--relationships={csv_dir / 'rels.csv'}",
            f"--report-file={home / 'import.report'}",
            "--overwrite-destination",
            "neo4j",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - t
    if run.returncode != 0:
        raise RuntimeError(run.stdout[-2000:] + run.stderr[-2000:])
    return sum(len(ex.relations) for ex in exs) / elapsed, elapsed


def fresh(store: Store) -> None:
    """An empty graph with its schema, after a pause for the server's background work (Community has
    no db.checkpoint()), so that no loader pays for the deletes before it."""
    store.reset()
    store.ensure_schema()
    time.sleep(10)


def latencies(store: Store, n_actors: int) -> dict:
    """p50/p95 of a depth-2 neighbourhood (hubs and ordinary actors) and of a name search."""
    rng = random.Random(5)
    focus = [f"bench:{rng.randrange(0, 100)}" for _ in range(10)] + [
        f"bench:{rng.randrange(100, n_actors)}" for _ in range(30)
    ]
    store.neighbourhood(ViewParams(focus=focus[0], depth=2, limit=500))  # warm-up
    lat_n, lat_s, sizes = [], [], []
    for f in focus:
        t = time.perf_counter()
        sub = store.neighbourhood(ViewParams(focus=f, depth=2, limit=500))
        lat_n.append((time.perf_counter() - t) * 1000)
        sizes.append(len(sub.nodes))
    store.search_actors("warm up")
    for word in ["Actor 1", "Borea", "Cortx", "Delta 42", "Actor 999", "Alpha"] * 7:
        t = time.perf_counter()
        store.search_actors(word)
        lat_s.append((time.perf_counter() - t) * 1000)
    return {
        "neighbourhood_p50_ms": pct(lat_n, 50),
        "neighbourhood_p95_ms": pct(lat_n, 95),
        "neighbourhood_nodes_median": statistics.median(sizes),
        "search_p50_ms": pct(lat_s, 50),
        "search_p95_ms": pct(lat_s, 95),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--scale", type=float, default=1.0, help="Fraction of 1M relations / 50k actors (0.1 for a quick run)."
    )
    ap.add_argument("--batch-size", type=int, default=500, help="Documents per transaction (20 relations each).")
    ap.add_argument("--sample", type=float, default=0.05, help="Fraction of documents the reference loaders load.")
    ap.add_argument("--skip-py2neo", action="store_true")
    ap.add_argument("--skip-import", action="store_true")
    args = ap.parse_args()
    n_rel, n_actors = int(1_000_000 * args.scale), int(50_000 * args.scale)
    OUT.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    exs = generate(n_rel, n_actors)
    sample = exs[: max(1, int(len(exs) * args.sample))]
    gc.freeze()  # a million long-lived objects: keep the collector from walking them again and again
    n_rel = sum(len(e.relations) for e in exs)
    n_sample = sum(len(e.relations) for e in sample)
    print(
        f"data: {len(exs):,} documents, {n_rel:,} relations, {n_actors:,} actors "
        f"(generated in {time.perf_counter() - t:.0f}s); reference sample: {n_sample:,} relations"
    )
    server.start(timeout=180)
    results: dict = {
        "relations": n_rel,
        "actors": n_actors,
        "sample_relations": n_sample,
        "batch_size": args.batch_size,
    }
    try:
        with Store.connect() as store:
            # The sample, into an empty graph each time, by each loader: rates side by side (after
            # one unmeasured load, so that no loader pays for the server's warm-up).
            store.reset()
            store.load(sample, batch_size=args.batch_size)
            fresh(store)
            ours = [n_sample / store.load(sample, batch_size=args.batch_size).seconds]
            fresh(store)
            results["sample_one_merge_per_tx"] = one_merge_per_tx(store, sample[: max(1, len(sample) // 10)])
            fresh(store)
            results["sample_py2neo"] = "skipped" if args.skip_py2neo else try_py2neo(store, sample)
            fresh(store)  # ours again, last: its rate is the mean of first and last place
            ours.append(n_sample / store.load(sample, batch_size=args.batch_size).seconds)
            results["sample_actorgraph_runs"] = ours
            results["sample_actorgraph"] = statistics.mean(ours)
            # The whole corpus: first load, then an idempotent re-load of the same.
            fresh(store)
            first = store.load(exs, batch_size=args.batch_size)
            results["first_load"] = n_rel / first.seconds
            again = store.load(exs, batch_size=args.batch_size)
            results["reload"] = n_rel / again.seconds
            st = store.stats()
            assert st.count("Actor") <= n_actors and sum(st.count(t) for t in RELATION_TYPES) == n_rel
            results.update(latencies(store, n_actors))
    finally:
        server.stop()
    if not args.skip_import:
        results["admin_import"], results["admin_import_seconds"] = admin_import(exs)
    report(results)
    (OUT / "bench_store.json").write_text(json.dumps(results, indent=2))


def report(r: dict) -> None:
    def rate(v):
        return f"{v:14,.0f}" if isinstance(v, (int, float)) else f"{'-':>14}"

    def ratio(v, base):
        return f"{v / base:13.2f}x" if isinstance(v, (int, float)) else f"  {v}"

    print(f"\nsample of {r['sample_relations']:,} relations into an empty graph (same run, same server):")
    print(f"{'loader':44} {'relations/s':>14} {'vs Store.load':>14}")
    base = r["sample_actorgraph"]
    for key, label in [
        ("sample_actorgraph", "actorgraph Store.load (mean of 2 runs)"),
        ("sample_one_merge_per_tx", "(a) one MERGE per transaction (1/10 sample)"),
        ("sample_py2neo", "(b) py2neo bulk API, same graph"),
    ]:
        print(f"{label:44} {rate(r[key])} {ratio(r[key], base)}")
    print(f"\nall {r['relations']:,} relations, {r['actors']:,} actors:")
    base = r["first_load"]
    rows = [
        ("first_load", "actorgraph Store.load, first load"),
        ("reload", "actorgraph Store.load, idempotent re-load"),
    ]
    if "admin_import" in r:
        rows.append(("admin_import", f"(c) neo4j-admin import ({r['admin_import_seconds']:.0f}s with JVM start)"))
    for key, label in rows:
        print(f"{label:44} {rate(r[key])} {ratio(r[key], base)}")
    print(
        f"\ndepth-2 neighbourhood (limit 500; median {r['neighbourhood_nodes_median']:.0f} nodes): "
        f"p50 {r['neighbourhood_p50_ms']:.1f} ms, p95 {r['neighbourhood_p95_ms']:.1f} ms"
    )
    print(f"search (full-text, prefix + fuzzy): p50 {r['search_p50_ms']:.1f} ms, p95 {r['search_p95_ms']:.1f} ms")


if __name__ == "__main__":
    main()
