"""Loading and querying at scale: >= 1M relation occurrences between 50k actors.

Runs its own Neo4j (a scratch instance in bench/out/neo4j on ports 7697/7497, so your data is never
touched) and reports, in one run:
- first-load and idempotent re-load rates of ``Store.load`` (batched UNWIND, one transaction per batch);
- (a) one MERGE per transaction, on a sample, as users of a naive loader get;
- (b) py2neo's bulk API, if py2neo still installs and talks to Neo4j 5 (tried in a throwaway venv);
- (c) ``neo4j-admin database import full`` of the same data, the near-physical reference;
- p50/p95 latency of a depth-2 neighbourhood and of a name search at that scale.

    python bench/bench_store.py [--relations 1000000] [--actors 50000]
"""

from __future__ import annotations

import argparse
import csv
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
sys.path.insert(0, str(ROOT))

os.environ.update(NEO4J_URI="bolt://127.0.0.1:7697", ACTORGRAPH_NEO4J_HTTP_PORT="7497",
                  ACTORGRAPH_NEO4J_DIR=str(OUT / "neo4j"), ACTORGRAPH_NEO4J_HEAP="3g", ACTORGRAPH_NEO4J_PAGECACHE="3g")
os.environ.pop("NEO4J_PASSWORD", None)

from graph import config, server  # noqa: E402
from graph.model import RELATION_TYPES, ActorRef, Document, Extraction, Mention, Relation, ViewParams  # noqa: E402
from graph.store import Store  # noqa: E402

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
    actors = [ActorRef(f"bench:{i}", f"Actor {i} {rng.choice(['Alpha', 'Borealis', 'Cortex', 'Delta'])}",
                       types[i % 10]) for i in range(n_actors)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]
    out = []
    for d in range(n_rel // per_doc):
        doc_id = f"bench-{d:07d}"
        date = f"2022-{1 + d % 12:02d}-{1 + d % 28:02d}"
        picks = rng.choices(actors, weights, k=per_doc * 2)
        rels, mentions = [], []
        for k in range(per_doc):
            s, o = picks[2 * k], picks[2 * k + 1]
            if s.id == o.id:
                o = actors[(int(o.id.split(":")[1]) + 1) % n_actors]
            t = RELATION_TYPES[k % len(RELATION_TYPES)]
            sentence = rng.choice(SENTENCES).format(s=s.name, o=o.name)
            rels.append(Relation(doc_id, s, t, o, k % 9 == 0, sentence, k * 200, k * 200 + len(sentence), date, "bench"))
            mentions += [Mention(doc_id, s, k * 200, k * 200 + 5, s.name), Mention(doc_id, o, k * 200 + 20, k * 200 + 25, o.name)]
        out.append(Extraction(Document(doc_id, "", f"Bench {d}", date, "bench"), tuple(mentions), tuple(rels)))
    return out


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def one_merge_per_tx(store: Store, exs: list[Extraction], sample: int = 1000) -> float:
    rels = [r for ex in exs for r in ex.relations][:sample]
    t = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for r in rels:
            session.execute_write(lambda tx, r=r: tx.run(
                "MERGE (a:Actor {id: $s}) MERGE (b:Actor {id: $o}) MERGE (a)-[x:WARNS {id: $id}]->(b) SET x.sentence = $sentence",
                s=r.subject.id, o=r.object.id, id=r.id + "-naive", sentence=r.sentence).consume())
    return len(rels) / (time.perf_counter() - t)


def try_py2neo() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "py2neo"], capture_output=True, text=True)
        if pip.returncode != 0:
            return "py2neo does not install: " + (pip.stderr.strip().splitlines() or ["?"])[-1]
        cfg = config.settings()
        code = ("import time; from py2neo import Graph; from py2neo.bulk import create_relationships;"
                f"g = Graph('{cfg.uri}', auth=('neo4j', '{cfg.password}'));"
                "rows = [((f'bench:{i}'), {'sentence': 'x'}, (f'bench:{i+1}')) for i in range(20000)];"
                "t = time.perf_counter();"
                "create_relationships(g.auto(), rows, 'PY2NEO', start_node_key=('Actor', 'id'), end_node_key=('Actor', 'id'));"
                "print(len(rows) / (time.perf_counter() - t))")
        run = subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            return "py2neo fails on Neo4j 5: " + (run.stderr.strip().splitlines() or ["?"])[-1][:200]
        return f"{float(run.stdout.strip()):,.0f} relations/s"


def admin_import(exs: list[Extraction]) -> float:
    """neo4j-admin database import full of the same nodes and relationships into a scratch home."""
    home = OUT / "import-home"
    subprocess.run(["rm", "-rf", str(home)], check=True)
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text(f"server.directories.data={home / 'data'}\nserver.directories.logs={home / 'logs'}\n")
    csv_dir = home / "csv"
    csv_dir.mkdir()
    actors = {}
    with open(csv_dir / "rels.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "id", "doc", "date", "sentence", "start:int", "end:int", "rule", "negated:boolean"])
        for ex in exs:
            for r in ex.relations:
                actors[r.subject.id] = r.subject
                actors[r.object.id] = r.object
                w.writerow([r.subject.id, r.object.id, r.type, r.id, r.doc, r.date, r.sentence, r.start, r.end, r.rule, str(r.negated).lower()])
    with open(csv_dir / "actors.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id:ID", "name", "type", ":LABEL"])
        for a in actors.values():
            w.writerow([a.id, a.name, a.type, f"Actor;{a.type}"])
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    t = time.perf_counter()
    run = subprocess.run(["java", "-cp", f"{server.cache_dir() / 'lib'}/*", server.ADMIN_TOOL, "database", "import", "full",
                          f"--nodes={csv_dir / 'actors.csv'}", f"--relationships={csv_dir / 'rels.csv'}", f"--report-file={home / 'import.report'}", "--overwrite-destination",
                          "neo4j"], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if run.returncode != 0:
        raise RuntimeError(run.stdout[-2000:] + run.stderr[-2000:])
    return sum(len(ex.relations) for ex in exs) / elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--relations", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=50_000)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--skip-py2neo", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    exs = generate(args.relations, args.actors)
    n_rel = sum(len(e.relations) for e in exs)
    print(f"data: {len(exs):,} documents, {n_rel:,} relations, {args.actors:,} actors (generated in {time.perf_counter() - t:.0f}s)")
    server.start(timeout=180)
    results = {}
    try:
        with Store.connect() as store:
            store.reset()
            store.ensure_schema()
            first = store.load(exs, batch_size=args.batch_size)
            results["first_load"] = n_rel / first.seconds
            again = store.load(exs, batch_size=args.batch_size)
            results["reload"] = n_rel / again.seconds
            results["one_merge_per_tx"] = one_merge_per_tx(store, exs)
            store.read_query("MATCH ()-[r:WARNS]->() WHERE r.id ENDS WITH '-naive' DELETE r", write=True)
            rng = random.Random(5)
            hubs = [f"bench:{rng.randrange(0, 2000)}" for _ in range(40)]
            lat_n, lat_s = [], []
            store.neighbourhood(ViewParams(focus=hubs[0], depth=2, limit=500))  # warm-up
            for h in hubs:
                t = time.perf_counter()
                store.neighbourhood(ViewParams(focus=h, depth=2, limit=500))
                lat_n.append((time.perf_counter() - t) * 1000)
            for word in ["Actor 1", "Borea", "Cortx", "Delta 42", "Actor 999", "Alpha"] * 7:
                t = time.perf_counter()
                store.search_actors(word)
                lat_s.append((time.perf_counter() - t) * 1000)
            results["neighbourhood_p50_ms"], results["neighbourhood_p95_ms"] = pct(lat_n, 50), pct(lat_n, 95)
            results["search_p50_ms"], results["search_p95_ms"] = pct(lat_s, 50), pct(lat_s, 95)
            counts = store.stats()
            assert counts.count("Actor") <= args.actors and sum(counts.count(t) for t in RELATION_TYPES) == n_rel
            results["py2neo"] = "skipped" if args.skip_py2neo else try_py2neo()
    finally:
        server.stop()
    results["admin_import"] = admin_import(exs)
    print(f"\n{'loader':40} {'relations/s':>14} {'vs actorgraph':>14}")
    ours = results["first_load"]
    for key, label in [("first_load", "actorgraph Store.load, first load"), ("reload", "actorgraph Store.load, idempotent re-load"),
                       ("one_merge_per_tx", "(a) one MERGE per transaction"), ("admin_import", "(c) neo4j-admin database import")]:
        print(f"{label:40} {results[key]:14,.0f} {results[key] / ours:13.2f}x")
    print(f"{'(b) py2neo bulk API':40} {results['py2neo']}")
    print(f"\ndepth-2 neighbourhood (limit 500): p50 {results['neighbourhood_p50_ms']:.1f} ms, p95 {results['neighbourhood_p95_ms']:.1f} ms")
    print(f"search (full-text, prefix+fuzzy):   p50 {results['search_p50_ms']:.1f} ms, p95 {results['search_p95_ms']:.1f} ms")
    (OUT / "bench_store.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
