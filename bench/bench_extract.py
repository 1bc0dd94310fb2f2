"""Extraction throughput on a >= 50 MB corpus of real news sentences, against a naive baseline.

The corpus recombines the seeds' sentences with actors swapped in from the rule pack (another
state for a state, another person for a person), so it reads like news about everyone.
Reports MB/s, documents/s and words/s on one process and on all cores, peak memory, and the same
on a subset for the simplest correct baseline (one regex pass per alias and per cue), so the
figure is a ratio measured in the same run.

    python bench/bench_extract.py [--mb 50]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.documents import read_documents  # noqa: E402
from graph.extract import extract, sentences  # noqa: E402
from graph.model import Document  # noqa: E402
from graph.rules import load_rules  # noqa: E402

_RULES = None


def build_corpus(target_mb: int, seed: int = 1) -> list[Document]:
    rules = load_rules()
    rng = random.Random(seed)
    seeds = [d for d in read_documents([ROOT / "seeds"]) if isinstance(d, Document)]
    sents = [d.text[s:e] for d in seeds for s, e in sentences(d.text)]
    by_type: dict[str, list[str]] = {}
    for info in rules.actors.values():
        by_type.setdefault(info.actor.type, []).append(info.actor.name)
    swap = {}
    for info in rules.actors.values():
        if info.actor.name in " ".join(sents):
            swap[info.actor.name] = info.actor.type
    pattern = re.compile("|".join(re.escape(n) for n in sorted(swap, key=len, reverse=True)))
    docs, size, i = [], 0, 0
    while size < target_mb * 1_000_000:
        body = " ".join(pattern.sub(lambda m: rng.choice(by_type[swap[m.group(0)]]), rng.choice(sents))
                        for _ in range(rng.randint(15, 40)))
        docs.append(Document(id=f"bench-{i:06d}.txt", text=body, date="2022-01-15"))
        size += len(body.encode("utf-8"))
        i += 1
    return docs


def _init():
    global _RULES
    _RULES = load_rules()
    _RULES.lexicon  # noqa: B018 - compile once per worker


def _work(doc: Document) -> int:
    return len(extract(_RULES, doc).relations)


def run_single(docs) -> tuple[float, int]:
    _init()
    t = time.perf_counter()
    rels = sum(_work(d) for d in docs)
    return time.perf_counter() - t, rels


def run_pool(docs, procs: int) -> tuple[float, int]:
    with mp.get_context("fork").Pool(procs, initializer=_init) as pool:
        t = time.perf_counter()
        rels = sum(pool.imap_unordered(_work, docs, chunksize=64))
        return time.perf_counter() - t, rels


def baseline(docs) -> float:
    """The simplest correct approach: one compiled regex per alias and one per cue, each run over
    every document, then the same sentence bookkeeping."""
    rules = load_rules()
    alias_res = [re.compile(r"\b" + re.escape(a) + r"\b") for info in rules.actors.values()
                 for a in (info.actor.name, *info.actor.aliases, *info.demonyms)]
    cue_res = [re.compile(r"\b" + re.escape(c) + r"\b", re.I) for rel in rules.relations for c in rel.cues]
    t = time.perf_counter()
    for d in docs:
        hits = [m.span() for r in alias_res for m in r.finditer(d.text)]
        cues = [m.span() for r in cue_res for m in r.finditer(d.text)]
        sentences(d.text)
        _ = (len(hits), len(cues))
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--baseline-docs", type=int, default=300)
    args = ap.parse_args()
    t = time.perf_counter()
    docs = build_corpus(args.mb)
    mb = sum(len(d.text.encode()) for d in docs) / 1e6
    words = sum(len(d.text.split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB, {words / 1e6:.1f}M words (built in {time.perf_counter() - t:.0f}s)")
    single, rels = run_single(docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    procs = os.cpu_count() or 1
    pooled, rels2 = run_pool(docs, procs)
    assert rels == rels2
    sub = docs[: args.baseline_docs]
    sub_words = sum(len(d.text.split()) for d in sub)
    base = baseline(sub)
    _init()
    t = time.perf_counter()
    for d in sub:
        _work(d)
    ours_sub = time.perf_counter() - t
    print(f"{'run':28} {'MB/s':>8} {'docs/s':>9} {'words/s':>11}")
    print(f"{'actorgraph, 1 process':28} {mb / single:8.2f} {len(docs) / single:9.0f} {words / single:11,.0f}")
    print(f"{f'actorgraph, {procs} processes':28} {mb / pooled:8.2f} {len(docs) / pooled:9.0f} {words / pooled:11,.0f}")
    print(f"{'baseline (regex per alias)':28} {'':8} {len(sub) / base:9.0f} {sub_words / base:11,.0f}   (first {len(sub)} docs)")
    print(f"speed-up over baseline (same docs): {base / ours_sub:.1f}x; {procs} processes vs 1: {single / pooled:.2f}x")
    print(f"relations: {rels:,}; peak memory (1 process incl. corpus): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
