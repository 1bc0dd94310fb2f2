"""Extraction throughput on a >= 50 MB corpus of real news sentences, against a naive baseline.

The corpus recombines the seeds' sentences with actors swapped in from the rule pack (another
state for a state, another person for a person, ...), so it reads like news about everyone. It is
written once to ``bench/data/extract_corpus_<MB>mb.jsonl`` (git-ignored) and reused by later runs.

Reported in one run, as a table (and as JSON in ``bench/out/bench_extract.json``):
- actorgraph on one process: MB/s, documents/s, words/s, by wall clock and by CPU time (the
  machine is shared, so CPU time is the steadier figure);
- actorgraph on all cores (multiprocessing, fork, workers inheriting the compiled rule set), by
  wall clock and by the workers' CPU time divided by the number of cores (what the run would take
  with every core free for it);
- the simplest correct baseline, on the first documents of the same corpus: one compiled regex
  per actor name/alias/demonym and per relation cue, each run over every document, plus the same
  sentence split. It only *finds* what the automaton finds (no slot filling, no relations), so the
  ratio understates the gap. Both are timed on the same documents in the same process;
- peak memory: the process's peak RSS after building the corpus and after extracting it, the
  workers' peak RSS, and tracemalloc's peak for extracting one document at a time.

    python bench/bench_extract.py [--mb 50] [--baseline-docs 300]

``--cli-jobs N`` measures only ``actorgraph extract --jobs`` instead (see ``cli_jobs``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import resource
import time
import tracemalloc
from pathlib import Path

from graph.extraction.clauses import sentences
from graph.extraction.documents import read_documents
from graph.extraction.extract import extract
from graph.extraction.predicates import forms as predicate_forms
from graph.extraction.rules import load_rules
from graph.model import Document

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"
_RULES = None


# --- corpus --------------------------------------------------------------------------------


def build_corpus(target_mb: int, seed: int = 1) -> list[Document]:
    """Documents of 15-40 seed sentences each, every known actor swapped for a random one of its type."""
    rules = load_rules()
    rng = random.Random(seed)
    seeds = [d for d in read_documents([ROOT / "seeds"]) if isinstance(d, Document)]
    sents = [d.text[s:e] for d in seeds for s, e in sentences(d.text)]
    by_type: dict[str, list[str]] = {}
    for info in rules.actors.values():
        by_type.setdefault(info.actor.type, []).append(info.actor.name)
    joined = " ".join(sents)
    swap = {info.actor.name: info.actor.type for info in rules.actors.values() if info.actor.name in joined}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(swap, key=len, reverse=True)) + r")\b")
    docs, size, i = [], 0, 0
    while size < target_mb * 1_000_000:
        body = " ".join(
            pattern.sub(lambda m: rng.choice(by_type[swap[m.group(0)]]), rng.choice(sents))
            for _ in range(rng.randint(15, 40))
        )
        docs.append(Document(id=f"bench-{i:06d}.txt", text=body, date="2022-01-15"))
        size += len(body.encode("utf-8"))
        i += 1
    return docs


def corpus(target_mb: int) -> list[Document]:
    """The corpus from bench/data if an earlier run wrote it, else built and written there."""
    path = DATA / f"extract_corpus_{target_mb}mb.jsonl"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for d in build_corpus(target_mb):
                fh.write(json.dumps({"id": d.id, "text": d.text, "date": d.date}) + "\n")
        tmp.replace(path)
    with open(path, encoding="utf-8") as fh:
        return [Document(id=r["id"], text=r["text"], date=r["date"]) for r in map(json.loads, fh)]


# --- runs ----------------------------------------------------------------------------------


def _init():
    """Compile the rule set once; forked workers inherit the parent's copy."""
    global _RULES
    if _RULES is None:
        _RULES = load_rules()
        _RULES.lexicon  # noqa: B018 - build the automaton now, not inside a timed run


def _work(doc: Document) -> int:
    return len(extract(_RULES, doc).relations)


def run_single(docs) -> tuple[float, float, int]:
    _init()
    w, c = time.perf_counter(), time.process_time()
    rels = sum(_work(d) for d in docs)
    return time.perf_counter() - w, time.process_time() - c, rels


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_pool(docs, procs: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of all workers, relations) over all documents on ``procs`` workers.
    On a machine shared with other work the wall time says little; the workers' CPU time says what
    the cores would do if they were free."""
    _init()
    cpu0 = _children_cpu()
    pool = mp.get_context("fork").Pool(procs, initializer=_init)
    pool.map(_work, docs[:procs])  # workers up before the clock starts
    t = time.perf_counter()
    rels = sum(pool.imap_unordered(_work, docs, chunksize=32))
    wall = time.perf_counter() - t
    pool.close()
    pool.join()  # reaped workers count in RUSAGE_CHILDREN
    return wall, _children_cpu() - cpu0, rels


def baseline(docs) -> float:
    """CPU seconds of the simplest correct lookup: one compiled regex per alias and one per cue (every
    inflected form of the predicate lexicon), each run over every document, then the same sentence split."""
    rules = load_rules()
    alias_res = [
        re.compile(r"\b" + re.escape(a) + r"\b")
        for info in rules.actors.values()
        for a in (info.actor.name, *info.actor.aliases, *info.demonyms)
    ]
    cues = [c for rel in rules.relations for c in (rel.cues if hasattr(rel, "cues") else predicate_forms(rel))]
    cue_res = [re.compile(r"\b" + re.escape(c) + r"\b", re.I) for c in cues]
    t = time.process_time()
    for d in docs:
        hits = [m.span() for r in alias_res for m in r.finditer(d.text)]
        cues = [m.span() for r in cue_res for m in r.finditer(d.text)]
        sentences(d.text)
        _ = (len(hits), len(cues))
    return time.process_time() - t


def ours_cpu(docs) -> float:
    _init()
    t = time.process_time()
    for d in docs:
        _work(d)
    return time.process_time() - t


def traced_peak(docs) -> float:
    """tracemalloc's peak (MB) while extracting these documents one at a time, results dropped."""
    _init()
    tracemalloc.start()
    for d in docs:
        _work(d)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def _rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


# --- actorgraph extract --jobs (the command end to end) -------------------------------------


def _forkserver_children_cpu() -> float:
    """CPU seconds of the worker processes the forkserver has reaped (its ``cutime + cstime`` in
    /proc): the workers are the forkserver's children, not this process's."""
    from multiprocessing import forkserver

    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def cli_jobs(target_mb: int, jobs: int, rounds: int = 2) -> None:
    """What ``actorgraph extract CORPUS.jsonl -o OUT --jobs N`` gains over ``--jobs 1``: the
    command's own function (read, extract, write JSON Lines) on the corpus file, runs alternated
    ``rounds`` times so that other work on the machine weighs on both alike; outputs compared
    byte for byte. Besides the wall clock, the CPU time of the main process and of the workers:
    on a shared machine the wall clock says little, while ``max(main, (main + workers) / N)`` CPU
    seconds is what the run would take with N cores free for it."""
    import hashlib
    import tempfile

    from graph.parallel import workers
    from graph.pipeline import extract_paths

    corpus(target_mb)  # written once
    path = DATA / f"extract_corpus_{target_mb}mb.jsonl"
    rules = load_rules()
    n = workers(jobs)
    runs: dict[int, list[tuple[float, float, float]]] = {1: [], n: []}  # (wall, main CPU, workers' CPU)
    digests = set()
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            for j in (1, n):
                out = Path(tmp) / f"out-{j}.jsonl"
                w0, c0, k0 = time.perf_counter(), time.process_time(), _forkserver_children_cpu()
                with open(out, "w", encoding="utf-8") as fh:
                    extract_paths(rules, [path], fh, jobs=j)  # returns once its workers have exited
                runs[j].append((time.perf_counter() - w0, time.process_time() - c0, _forkserver_children_cpu() - k0))
                digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
                load.append(os.getloadavg()[0])
    mb = path.stat().st_size / 1e6
    best = {j: min(r, key=lambda x: x[0]) for j, r in runs.items()}
    capacity = {j: max(main, (main + workers_cpu) / j) for j, (_, main, workers_cpu) in best.items()}
    print(f"actorgraph extract {path.name} ({mb:.1f} MB of JSON Lines), best of {rounds} alternated runs:")
    for j, (wall, main, workers_cpu) in best.items():
        print(
            f"  --jobs {j}: {wall:6.1f} s wall ({mb / wall:5.2f} MB/s); CPU: main {main:5.1f} s, "
            f"workers {workers_cpu:5.1f} s; with {j} free core(s): {capacity[j]:5.1f} s ({mb / capacity[j]:5.2f} MB/s)"
        )
    print(
        f"speed-up --jobs {n} vs --jobs 1: {best[1][0] / best[n][0]:.2f}x by the wall clock, "
        f"{capacity[1] / capacity[n]:.2f}x with the cores free (CPU time); outputs byte-identical: "
        f"{len(digests) == 1}; load average {min(load):.1f}-{max(load):.1f} on {os.cpu_count()} cores"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_extract_jobs.json").write_text(
        json.dumps(
            {
                "mb": mb,
                "jobs": n,
                "runs": {j: [dict(zip(("wall", "main_cpu", "workers_cpu"), r)) for r in rs] for j, rs in runs.items()},
                "speedup_wall": best[1][0] / best[n][0],
                "speedup_cpu": capacity[1] / capacity[n],
                "identical": len(digests) == 1,
                "loadavg": load,
            },
            indent=2,
        )
    )


# --- report --------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=50, help="corpus size in MB (default 50)")
    ap.add_argument("--baseline-docs", type=int, default=300, help="documents the baseline runs on")
    ap.add_argument("--cli-jobs", type=int, metavar="N", help="only time `actorgraph extract --jobs N` vs --jobs 1")
    args = ap.parse_args()
    if args.cli_jobs is not None:
        return cli_jobs(args.mb, args.cli_jobs)
    t = time.perf_counter()
    docs = corpus(args.mb)
    mb = sum(len(d.text.encode()) for d in docs) / 1e6
    words = sum(len(d.text.split()) for d in docs)
    rss_corpus = _rss_mb()
    print(
        f"corpus: {len(docs):,} documents, {mb:.1f} MB, {words / 1e6:.1f}M words "
        f"(loaded in {time.perf_counter() - t:.0f}s)",
        flush=True,
    )

    wall, cpu, rels = run_single(docs)
    rss_after = _rss_mb()
    procs = os.cpu_count() or 1
    pooled, pool_cpu, rels2 = run_pool(docs, procs)
    capacity = pool_cpu / procs  # seconds the run would take with every core free for it
    assert rels == rels2, "the pool must find what one process finds"
    sub = docs[: args.baseline_docs]
    sub_mb = sum(len(d.text.encode()) for d in sub) / 1e6
    sub_words = sum(len(d.text.split()) for d in sub)
    base = baseline(sub)
    ours = ours_cpu(sub)
    peak_one = traced_peak(docs[:200])

    rows = [
        ("actorgraph, 1 process (wall)", mb / wall, len(docs) / wall, words / wall),
        ("actorgraph, 1 process (CPU)", mb / cpu, len(docs) / cpu, words / cpu),
        (f"actorgraph, {procs} processes (wall)", mb / pooled, len(docs) / pooled, words / pooled),
        (f"actorgraph, {procs} processes (CPU)", mb / capacity, len(docs) / capacity, words / capacity),
        (f"actorgraph, first {len(sub)} docs (CPU)", sub_mb / ours, len(sub) / ours, sub_words / ours),
        (f"baseline, first {len(sub)} docs (CPU)", sub_mb / base, len(sub) / base, sub_words / base),
    ]
    print(f"\n{'run':36} {'MB/s':>8} {'docs/s':>9} {'words/s':>12}")
    for name, a, b, c in rows:
        print(f"{name:36} {a:8.2f} {b:9,.0f} {c:12,.0f}")
    print(f"\nspeed-up over the regex-per-phrase baseline (same docs, CPU time): {base / ours:.1f}x")
    print(
        f"{procs} processes vs 1 (wall): {wall / pooled:.2f}x; relations found: {rels:,}; "
        f"load average during the run: {os.getloadavg()[0]:.1f} on {procs} cores"
    )
    print(
        f"peak RSS: {rss_corpus:,.0f} MB with the corpus loaded, {rss_after:,.0f} MB after extracting it in one "
        f"process; workers {_rss_mb(resource.RUSAGE_CHILDREN):,.0f} MB each at most; "
        f"tracemalloc peak per document {peak_one:.1f} MB"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_extract.json").write_text(
        json.dumps(
            {
                "documents": len(docs),
                "mb": mb,
                "words": words,
                "relations": rels,
                "processes": procs,
                "rows": [{"run": n, "mb_s": a, "docs_s": b, "words_s": c} for n, a, b, c in rows],
                "speedup_vs_baseline": base / ours,
                "pool_speedup": wall / pooled,
                "loadavg": os.getloadavg()[0],
                "rss_corpus_mb": rss_corpus,
                "rss_after_mb": rss_after,
                "tracemalloc_peak_mb": peak_one,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
