"""Runs that tie the pure core to files and the store: read, extract, write or load, report.

Extraction itself (``graph.extraction``) is a pure function of (rules, document); this module
reads the documents (files, folders, globs, or JSON Lines on standard input), runs it on one or
several processes, and writes JSON Lines or loads the store, counting what happened.
"""

from __future__ import annotations

import io
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .extraction.documents import Skipped, Warning_, expand, read_file, read_jsonl_documents
from .extraction.extract import extract
from .extraction.jsonl import write_jsonl
from .extraction.rules import RuleSet
from .model import BATCH_DOCUMENTS, Document, Extraction, LoadSummary

if TYPE_CHECKING:
    from rich.progress import Progress

    from .extraction.evaluate import Report
    from .store import Store

#: The path that means "JSON Lines documents on standard input".
STDIN = "-"


@dataclass
class RunSummary:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    mentions: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    loaded: LoadSummary | None = None

    def count(self, ex: Extraction) -> None:
        self.mentions += len(ex.mentions)
        self.relations.update(r.type for r in ex.relations)

    def text(self) -> str:
        lines = [
            f"{self.documents} documents read, {len(self.skipped)} skipped; {self.mentions} mentions; "
            f"{sum(self.relations.values())} relations"
            + (" (" + ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) + ")" if self.relations else "")
        ]
        lines += [f"  skipped {s.path}: {s.reason}" for s in self.skipped]
        lines += [f"  warning {w.path}: {w.message}" for w in self.warnings]
        if self.loaded is not None:
            lines.append(str(self.loaded))
        return "\n".join(lines)


def _sources(paths: Iterable[str | Path], exclude: Path | None) -> list[Path | str]:
    """The files under ``paths`` in order, with ``STDIN`` kept where it was named."""
    out: list[Path | str] = []
    run: list[str | Path] = []
    for raw in [*paths, None]:
        if raw is None or str(raw) == STDIN:
            out += [f for f in expand(run) if exclude is None or f.resolve() != exclude]
            run = []
            if raw is not None:
                out.append(STDIN)
        else:
            run.append(raw)
    return out


def documents(
    paths: Iterable[str | Path],
    summary: RunSummary,
    progress: Progress | None = None,
    exclude: str | Path | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Document]:
    """Every readable document under ``paths`` (``-``: JSON Lines documents on ``stdin``), counting
    skipped files and warnings into ``summary``. ``exclude`` is the run's own output file, which
    may lie inside an input folder and is never read."""
    own = Path(exclude).resolve() if exclude else None
    sources = _sources(paths, own)
    task = progress.add_task("extracting", total=len(sources)) if progress else None
    for source in sources:
        if source == STDIN:
            items: Iterable[Document | Skipped | Warning_] = read_jsonl_documents(
                stdin if stdin is not None else sys.stdin, "stdin"
            )
        elif not Path(source).exists():
            items = [Skipped(str(source), "no such file")]
        else:
            items = read_file(Path(source))
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
            elif isinstance(item, Warning_):
                summary.warnings.append(item)
            else:
                summary.documents += 1
                yield item
        if progress is not None and task is not None:
            progress.advance(task)


def extractions(
    rules: RuleSet, paths: Iterable[str | Path], summary: RunSummary, progress: Progress | None = None
) -> Iterator[Extraction]:
    """Extract every readable document under ``paths``, counting into ``summary`` as it goes."""
    for doc in documents(paths, summary, progress):
        ex = extract(rules, doc)
        summary.count(ex)
        yield ex


def reextract(store: Store, rules: RuleSet, batch_size: int = BATCH_DOCUMENTS) -> RunSummary:
    """Extract every stored document again with ``rules`` and load the result: after a rule change,
    the graph is the one these rules give, without the original files."""
    summary = RunSummary()

    def run() -> Iterator[Extraction]:
        for doc in store.stored_documents(batch_size):
            summary.documents += 1
            ex = extract(rules, doc)
            summary.count(ex)
            yield ex

    summary.loaded = store.load(run(), batch_size=batch_size)
    return summary


def evaluate_paths(rules: RuleSet, gold: str | Path, paths: Iterable[str | Path]) -> tuple[Report, RunSummary]:
    """(the evaluation report, the run summary) of extracting ``paths`` against ``gold``."""
    from .extraction.evaluate import evaluate

    summary = RunSummary()
    return evaluate(gold, list(extractions(rules, paths, summary))), summary


# --- extract to JSON Lines, on one process or several ---------------------------------------

_FIRST_CHUNK, _LARGEST_CHUNK = 4_000, 256_000  # characters of text per task sent to a worker
_worker_rules: RuleSet | None = None


def _set_worker_rules(rules: RuleSet) -> None:
    global _worker_rules
    _worker_rules = rules


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Documents in tasks that start small, so every worker starts at once even on a few articles,
    and double up to a size that makes a task's transfer cost nothing next to its extraction."""
    chunk: list[Document] = []
    size, target = 0, _FIRST_CHUNK
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if size >= target:
            yield chunk
            chunk, size, target = [], 0, min(2 * target, _LARGEST_CHUNK)
    if chunk:
        yield chunk


def _extract_chunk(docs: list[Document], rules: RuleSet | None = None) -> tuple[str, int, Counter[str]]:
    """JSON Lines of the documents' extractions, and their mention and relation counts. Runs in
    a worker (rules set once per worker) or in this process: the same code either way."""
    rules = rules or _worker_rules
    assert rules is not None, "a worker without rules"
    buf = io.StringIO()
    counted = RunSummary()
    exs = [extract(rules, d) for d in docs]
    for ex in exs:
        counted.count(ex)
    write_jsonl(exs, buf)
    return buf.getvalue(), counted.mentions, counted.relations


def extract_paths(
    rules: RuleSet,
    paths: Iterable[str | Path],
    out: IO[str],
    progress: Progress | None = None,
    jobs: int = 1,
    exclude: str | Path | None = None,
    stdin: IO[str] | None = None,
) -> RunSummary:
    """Extract every document under ``paths`` and write JSON Lines to ``out``, in input order.
    ``jobs`` > 1 extracts on that many processes (0: one per core); the output is the same."""
    from .parallel import ordered_map, workers

    summary = RunSummary()
    chunks = _chunks(documents(paths, summary, progress, exclude=exclude, stdin=stdin))
    if workers(jobs) == 1:
        results: Iterable[tuple[str, int, Counter[str]]] = (_extract_chunk(c, rules) for c in chunks)
    else:
        results = ordered_map(_extract_chunk, chunks, jobs, initializer=_set_worker_rules, initargs=(rules,))
    for text, mentions, relations in results:
        out.write(text)
        summary.mentions += mentions
        summary.relations.update(relations)
    return summary


# --- into the store -------------------------------------------------------------------------


def ingest(
    store: Store,
    rules: RuleSet,
    paths: Iterable[str | Path],
    batch_size: int = BATCH_DOCUMENTS,
    progress: Progress | None = None,
) -> RunSummary:
    """Extract every document under ``paths`` and load it: one pass, documents streamed in batches."""
    summary = RunSummary()
    summary.loaded = store.load(extractions(rules, paths, summary, progress), batch_size=batch_size)
    return summary


def load_file(
    store: Store, path: str | Path | IO[str], batch_size: int = BATCH_DOCUMENTS, progress: Progress | None = None
) -> LoadSummary:
    """Load a JSON Lines file ``actorgraph extract`` (or another tool keeping the contract) wrote,
    named by its path or given as an open text stream."""
    from .extraction.jsonl import read_jsonl

    return store.load(read_jsonl(path), batch_size=batch_size, progress=progress)
