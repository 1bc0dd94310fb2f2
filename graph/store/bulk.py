"""The bulk path for big corpora: extractions -> CSV files -> ``neo4j-admin database import full``.

Batched transactions load a few thousand relations a second; Neo4j's offline importer writes the
store files directly, an order of magnitude faster, but only into an empty database of a stopped
server on this machine. ``bulk_load`` checks both (a clear refusal otherwise), writes the CSVs
with every aggregate, LINKED pair and actor weight computed here by the same arithmetic as the
batched loader (``graph.store.aggregate``), stops the local server, imports, starts it again and
creates the constraints and indexes. Incremental loads afterwards use the batched loader.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _csv import Writer

from ..errors import StoreError
from ..model import ACTOR_TYPES, RELATION_TYPES, Extraction
from . import aggregate as agg
from . import config, server
from .loader import young_collections
from .queries import LINKED

#: The importer's files by kind: ``nodes`` (label -> files) and ``relationships`` (type -> files).
Files = dict[str, dict[str, list[Path]]]

ARRAY = "\x1f"  # between list elements inside a CSV cell (passed to the importer as U+001F)


@dataclass
class BulkSummary:
    documents: int = 0
    actors: int = 0
    relations: int = 0
    aggregates: int = 0
    mentions: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{k} {v:.1f}s" for k, v in self.seconds.items())
        rate = f", {self.relations / self.total:,.0f} relations/s" if self.total > 0 else ""
        return (
            f"bulk-imported {self.documents} documents, {self.actors} actors, {self.relations} relations "
            f"({self.aggregates} aggregates), {self.mentions} mention links in {self.total:.1f}s{rate} ({parts})"
        )


def _cell(values: Iterable[object]) -> str:
    return ARRAY.join(str(v) for v in values)


def _opt(value: str | None) -> str:
    return "" if value is None else value


class _Writers:
    """The CSV files, opened once and written row by row (the corpus is never all in memory)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._files: dict[str, IO[str]] = {}
        self.w: dict[str, Writer] = {}
        heads = {
            "documents": ["id:ID(Document)", "title", "date", "source", "text", "mentions:int", "relations:int"],
            "evidence": [
                "id",
                "key",
                "type",
                "subject",
                "object",
                "negated:boolean",
                "doc",
                "date",
                "sentence",
                "start:int",
                "end:int",
                "rule",
            ],
            "mentions": [":START_ID(Actor)", ":END_ID(Document)", "count:int", "starts:int[]", "ends:int[]"],
        }
        for name, head in heads.items():
            self._open(name).writerow(head)

    def _open(self, name: str) -> Writer:
        fh = open(self.folder / f"{name}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._files[name] = fh
        self.w[name] = csv.writer(fh)
        return self.w[name]

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()


def write_csvs(extractions: Iterable[Extraction], folder: Path) -> tuple[BulkSummary, Files]:
    """Write the importer's CSV files for ``extractions`` into ``folder``; answers the counts and
    the files by kind (``nodes``: label -> files, ``relationships``: type -> files)."""
    out = _Writers(folder)
    summary = BulkSummary()
    actors: dict[str, list[Any]] = {}  # id -> [name, type, aliases]
    occurrences: list[tuple[str, str, str | None]] = []
    seen_docs: set[str] = set()
    for ex in extractions:
        d = ex.document
        if d.id in seen_docs:
            raise StoreError(
                f"Document {d.id!r} appears twice in the input: a bulk import takes each document once "
                "(load without --bulk to replace documents)."
            )
        seen_docs.add(d.id)
        rels = {r.id: r for r in ex.relations}.values()
        out.w["documents"].writerow(
            [d.id, _opt(d.title), _opt(d.date), _opt(d.source), d.text, len(ex.mentions), len(ex.relations)]
        )
        for a in ex.actors:
            row = actors.setdefault(a.id, [a.name, a.type, []])
            row[0], row[1] = a.name, a.type
            row[2] += [x for x in a.aliases if x not in row[2]]
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in ex.mentions:
            actors.setdefault(m.actor.id, [m.actor.name, m.actor.type, []])
            spans[m.actor.id].append((m.start, m.end))
        for actor_id, ss in spans.items():
            out.w["mentions"].writerow([actor_id, d.id, len(ss), _cell(s for s, _ in ss), _cell(e for _, e in ss)])
            summary.mentions += 1
        for r in rels:
            for ref in (r.subject, r.object):
                actors.setdefault(ref.id, [ref.name, ref.type, []])
            key = agg.edge_key(r.subject.id, r.type, r.object.id, r.negated)
            negated = str(r.negated).lower()
            row = [r.id, key, r.type, r.subject.id, r.object.id, negated, d.id, _opt(r.date), r.sentence, r.start]
            out.w["evidence"].writerow([*row, r.end, r.rule])
            occurrences.append((key, d.id, r.date))
        summary.documents += 1
        summary.relations += len(rels)
    out.close()
    for actor_id, (_, actor_type, _) in actors.items():
        if actor_type not in ACTOR_TYPES:
            raise StoreError(f"Actor {actor_id!r} has type {actor_type!r}; actor types are {', '.join(ACTOR_TYPES)}.")
        try:
            agg.check_actor_id(actor_id)
        except ValueError as exc:
            raise StoreError(f"Actor {actor_id!r} cannot be stored: {exc}.") from None
    edges = agg.recompute(occurrences)
    del occurrences
    summary.aggregates, summary.actors = len(edges), len(actors)
    weights = agg.weight_deltas({k: p["count"] for k, p in edges.items()})
    linked = agg.linked_from(edges)
    tops = agg.tops_from({pair: agg.totals_of(p["type_counts"]) for pair, p in linked.items()})
    _write_actors(folder / "actors.csv", actors, weights, tops)
    rel_files = _write_edges(folder, edges, linked)
    files = {
        "nodes": {
            "Actor": [folder / "actors.csv"],
            "Document": [folder / "documents.csv"],
            "Evidence": [folder / "evidence.csv"],
        },
        "relationships": {"MENTIONED_IN": [folder / "mentions.csv"], **rel_files},
    }
    return summary, files


def _write_actors(
    path: Path,
    actors: dict[str, list[Any]],
    weights: dict[str, list[int]],
    tops: dict[str, dict[str, tuple[list[str], list[int]]]],
) -> None:
    zero = [0] * len(RELATION_TYPES)
    top_heads = [
        f"{p}:{kind}" for name in agg.TOP_LISTS for p, kind in zip(agg.top_props(name), ("string[]", "long[]"))
    ]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "id:ID(Actor)",
                ":LABEL",
                "name",
                "type",
                "aliases:string[]",
                "alias_text",
                "weight:long",
                "weights:long[]",
                *top_heads,
            ]
        )
        for actor_id, (name, actor_type, aliases) in actors.items():
            ws = weights.get(actor_id, zero)
            alias_text = "".join(" | " + a for a in aliases)
            lists = tops.get(actor_id, {})
            top_cells = [_cell(v) for name in agg.TOP_LISTS for v in lists.get(name, ([], []))]
            row = [actor_id, f"Actor;{actor_type}", name, actor_type, _cell(aliases), alias_text, sum(ws), _cell(ws)]
            w.writerow([*row, *top_cells])


def _write_edges(
    folder: Path, edges: dict[str, dict[str, Any]], linked: dict[str, dict[str, Any]]
) -> dict[str, list[Path]]:
    by_type: dict[str, list[str]] = defaultdict(list)
    for k in edges:
        by_type[agg.parse_edge_key(k)[1]].append(k)
    files: dict[str, list[Path]] = {}
    head = [
        ":START_ID(Actor)",
        ":END_ID(Actor)",
        "key",
        "negated:boolean",
        "count:long",
        "docs:long",
        "first",
        "last",
        "months:string[]",
        "month_counts:long[]",
        "month_firsts:long[]",
        "month_lasts:long[]",
        "out_rank",
        "in_rank",
    ]
    for t, keys in by_type.items():
        path = folder / f"rel_{t.lower()}.csv"
        files[t] = [path]
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            for k in keys:
                p = edges[k]
                s, _, o, _ = agg.parse_edge_key(k)
                months = ["" if p[h] is None else _cell(p[h]) for h in agg.HISTOGRAM]
                row = [s, o, k, str(p["negated"]).lower(), p["count"], p["docs"], _opt(p["first"]), _opt(p["last"])]
                w.writerow([*row, *months, _opt(p["out_rank"]), _opt(p["in_rank"])])
    path = folder / "linked.csv"
    files[LINKED] = [path]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        head = [":START_ID(Actor)", ":END_ID(Actor)", "key", "count:long", "type_counts:long[]", "keys:string[]"]
        head += ["counts:long[]"]
        w.writerow([*head, "firsts:string[]", "lasts:string[]", "undated:long[]", "hists:string[]", "a_rank", "b_rank"])
        for pair, p in linked.items():
            a, b = pair.split(agg.SEP)
            lists = [_cell(p[name]) for name in ("keys", "counts", "firsts", "lasts", "undated", "hists")]
            w.writerow([a, b, pair, p["count"], _cell(p["type_counts"]), *lists, _opt(p["a_rank"]), _opt(p["b_rank"])])
    return files


def import_command(inst: server.Instance, database: str, files: Files, report: Path) -> list[str]:
    """The ``neo4j-admin database import full`` command line for the instance's database."""
    cmd = [
        "java",
        "-cp",
        f"{server.cache_dir() / 'lib'}/*",
        server.ADMIN_TOOL,
        "database",
        "import",
        "full",
        database,  # before the file options, which take several values each
        "--overwrite-destination=true",
        "--array-delimiter=U+001F",
        "--multiline-fields=true",
        "--skip-bad-relationships=false",
        f"--report-file={report}",
    ]
    for label, paths in files["nodes"].items():
        cmd.append("--nodes=" + (f"{label}=" if label else "") + ",".join(str(p) for p in paths))
    for rel_type, paths in files["relationships"].items():
        cmd.append("--relationships=" + (f"{rel_type}=" if rel_type else "") + ",".join(str(p) for p in paths))
    return cmd


def run_import(inst: server.Instance, database: str, files: Files, workdir: Path) -> float:
    """Run the importer against the stopped instance's database; answers its seconds."""
    env = dict(os.environ, NEO4J_HOME=str(inst.home), NEO4J_CONF=str(inst.conf))
    started = time.perf_counter()
    run = subprocess.run(
        import_command(inst, database, files, workdir / "import.report"), env=env, capture_output=True, text=True
    )
    if run.returncode != 0:
        tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-20:])
        raise StoreError(f"neo4j-admin database import failed:\n{tail}")
    return time.perf_counter() - started


def bulk_load(
    extractions: Iterable[Extraction],
    cfg: config.Settings | None = None,
    inst: server.Instance | None = None,
    echo: Callable[[str], object] = print,
) -> BulkSummary:
    """Import ``extractions`` into the empty database of the local server (see the module doc);
    answers a ``BulkSummary``. Refuses a remote URI and a database that holds anything."""
    from .store import Store

    cfg = cfg or config.settings()
    if not cfg.is_local:
        raise StoreError(
            f"--bulk imports into the local server's files; NEO4J_URI={cfg.uri} is not on this machine. "
            "Load without --bulk (batched transactions work with any server, Aura and clusters included)."
        )
    inst = inst or server.instance()
    try:
        with Store.connect(cfg) as store:
            empty = store.is_empty()
    except StoreError:
        empty = None  # not answering: the local server is started below
    if empty is False:
        raise StoreError(
            f"--bulk needs an empty database, and {cfg.uri} ({cfg.database}) holds data. Load without --bulk "
            "to add to it, or empty it first with `actorgraph reset --yes`."
        )
    if empty is None:
        server.start(inst, echo=echo)
    elif not server.status(inst).running:
        raise StoreError(
            f"The server at {cfg.uri} is not the one `actorgraph neo4j` runs from {inst.home}, so --bulk cannot "
            "stop it to import. Stop it and let `actorgraph neo4j start` run the server, or load without --bulk."
        )
    summary = BulkSummary()
    work = Path(tempfile.mkdtemp(prefix="bulk-", dir=inst.home))
    # the server shuts down (~5 s, its last checkpoint) while the CSVs are written: nothing reads
    # it meanwhile, and the import needs it stopped
    stopping = ThreadPoolExecutor(max_workers=1, thread_name_prefix="actorgraph-bulk-stop")
    stopped = stopping.submit(server.stop, inst)
    try:
        t = time.perf_counter()
        with young_collections():  # every structure here lives to the end: nothing for it to find
            summary, files = write_csvs(extractions, work)
        summary.seconds["csv"] = time.perf_counter() - t
        t = time.perf_counter()
        stopped.result()
        summary.seconds["stop"] = time.perf_counter() - t  # what of the shutdown the CSVs did not hide
        summary.seconds["import"] = run_import(inst, cfg.database, files, work)
        t = time.perf_counter()
        server.start(inst, echo=echo)
        summary.seconds["restart"] = time.perf_counter() - t
        t = time.perf_counter()
        with Store.connect(cfg) as store:
            store.ensure_schema()
        summary.seconds["indexes"] = time.perf_counter() - t
    finally:
        stopping.shutdown(wait=True)  # a failed shutdown is raised above; here it is only awaited
        if not server.status(inst).running:
            server.start(inst, echo=echo)
        shutil.rmtree(work, ignore_errors=True)
    return summary
