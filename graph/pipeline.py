"""Runs that tie the pure core to files and the store: read, extract, write or load, report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .extraction.documents import Skipped, Warning_, read_documents
from .extraction.extract import extract
from .extraction.jsonl import write_jsonl
from .extraction.rules import RuleSet
from .model import Document, Extraction


@dataclass
class RunSummary:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    mentions: int = 0
    relations: Counter = field(default_factory=Counter)
    loaded: object = None

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


def extractions(
    rules: RuleSet, paths: Iterable[str], summary: RunSummary, progress=None, exclude: Path | None = None
) -> Iterator[Extraction]:
    """Extract every readable document under ``paths``, counting into ``summary`` as it goes
    (``exclude``: the run's own output file, which may lie inside an input folder)."""
    from .extraction.documents import expand

    files = [f for f in expand(paths) if exclude is None or f.resolve() != exclude]
    task = progress.add_task("extracting", total=len(files)) if progress else None
    last_path = None
    for item in read_documents(files):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        elif isinstance(item, Warning_):
            summary.warnings.append(item)
        elif isinstance(item, Document):
            ex = extract(rules, item)
            summary.documents += 1
            summary.mentions += len(ex.mentions)
            summary.relations.update(r.type for r in ex.relations)
            yield ex
        path = getattr(item, "path", None)
        if progress and path and path.split(":")[0] != last_path:
            last_path = path.split(":")[0]
            progress.advance(task)


def extract_paths(rules: RuleSet, paths: Iterable[str], out: IO[str], progress=None) -> RunSummary:
    summary = RunSummary()
    name = getattr(out, "name", None)
    own = Path(name).resolve() if isinstance(name, str) and Path(name).is_file() else None
    write_jsonl(extractions(rules, paths, summary, progress, exclude=own), out)
    return summary


def ingest(store, rules: RuleSet, paths: Iterable[str], batch_size: int = 500, progress=None) -> RunSummary:
    """Extract every document under ``paths`` and load it: one pass, documents streamed in batches."""
    summary = RunSummary()
    summary.loaded = store.load(extractions(rules, paths, summary, progress), batch_size=batch_size)
    return summary


def load_file(store, path: str, batch_size: int = 500, progress=None):
    """Load a JSON Lines file ``actorgraph extract`` (or another tool keeping the contract) wrote."""
    from .extraction.jsonl import read_jsonl

    return store.load(read_jsonl(path), batch_size=batch_size, progress=progress)
