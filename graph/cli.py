"""The ``actorgraph`` command: each command parses its options, calls one library function and
turns ``ActorgraphError`` into a message and a non-zero exit. No logic lives here."""

from __future__ import annotations

import functools
import sys

import click

from .errors import ActorgraphError
from .store import server


def friendly(fn):
    """Map the library's errors to a one-paragraph message and exit code 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ActorgraphError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actorgraph")
def cli():
    """actorgraph: who warns, demands, threatens, supports and belongs to whom, in a pile of news."""


# --- neo4j ---------------------------------------------------------------------------------


@cli.group()
def neo4j():
    """Run a local Neo4j 5.26 Community server (no Docker needed; Java 17 + Maven)."""


def _use_docker(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    try:
        server.check_prerequisites()
        return False
    except ActorgraphError:
        return server.docker_engine_available()


docker_option = click.option(
    "--docker/--no-docker",
    default=None,
    help="Use `docker compose` (default: only when Java/Maven are missing and a Docker engine runs).",
)


@neo4j.command("start")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for Bolt to answer.")
@docker_option
@friendly
def neo4j_start(timeout: float, docker: bool | None):
    """Start the server in the background and wait until it answers (harmless if it runs)."""
    if _use_docker(docker):
        sys.exit(server.compose("up", "-d", "--wait", "neo4j"))
    st = server.start(timeout=timeout, echo=lambda m: click.echo(m, err=True))
    click.echo(f"Neo4j running (pid {st.pid}) at {st.uri}; data and logs in {st.home}")


@neo4j.command("stop")
@docker_option
@friendly
def neo4j_stop(docker: bool | None):
    """Shut the server down cleanly; no process is left behind."""
    if _use_docker(docker):
        sys.exit(server.compose("stop", "neo4j"))
    click.echo("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@neo4j.command("status")
@friendly
def neo4j_status():
    """Print running/stopped and the URI; exit 0 when running, 3 when stopped."""
    st = server.status()
    if st.running:
        click.echo(f"running (pid {st.pid}) {st.uri}")
    else:
        click.echo(f"stopped {st.uri}")
        sys.exit(3)


@neo4j.command("logs")
@click.option("-n", "--lines", default=50, show_default=True, help="How many of the last log lines.")
@friendly
def neo4j_logs(lines: int):
    """Show the last lines of the server's neo4j.log."""
    click.echo(server.logs(lines))


# --- extraction (rules, extract, eval) -----------------------------------------------------

rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(exists=True),
    help="Rule files or folders (default: the bundled rule pack). Repeatable.",
)


def _load_rules(rules_dirs):
    from .extraction.rules import load_rules

    return load_rules([*rules_dirs] or None)


@cli.group()
def rules():
    """Check, test and describe extraction rules."""


@rules.command("check")
@rules_option
@friendly
def rules_check(rules_dirs):
    """Validate rule files; every problem names file, line, rule and what is wrong."""
    rs = _load_rules(rules_dirs)
    click.echo(f"OK: {len(rs.files)} files, {len(rs.actors)} actors, {len(rs.relations)} relation rules")


@rules.command("test")
@rules_option
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
@friendly
def rules_test(rules_dirs, verbose):
    """Run every rule's examples like unit tests; exit 1 if any fails."""
    from .extraction.ruletest import run_examples

    results = run_examples(_load_rules(rules_dirs))
    for r in results:
        if verbose or not r.ok:
            click.echo(f"{'PASS' if r.ok else 'FAIL'} {r.rule} ({r.where}): {r.text}")
            for m in r.missing:
                click.echo(f"    missing:  {m}")
            for u in r.unwanted:
                click.echo(f"    unwanted: {u}")
            if not r.ok:
                click.echo(f"    found:    {', '.join(r.found) or '(nothing)'}")
    failed = sum(not r.ok for r in results)
    click.echo(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


@rules.command("schema")
def rules_schema():
    """Print the JSON Schema of rule files (for editor completion and checking)."""
    import json

    from .extraction.rules import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=not sys.stderr.isatty(),
    )


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Write JSON Lines here (default: stdout).")
@friendly
def extract_cmd(paths, rules_dirs, out_path):
    """Extract actors and relations from articles (.txt, .md, .html, .jsonl; files, folders, globs)."""
    from .pipeline import extract_paths

    rs = _load_rules(rules_dirs)
    out = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115 - closed below
    try:
        with _progress() as progress:
            summary = extract_paths(rs, paths, out, progress=progress)
    finally:
        if out_path:
            out.close()
    click.echo(summary.text(), err=True)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--quiet", is_flag=True, help="Only the score table, not the misses and extras.")
@friendly
def eval_cmd(gold, paths, rules_dirs, quiet):
    """Score extraction against a gold annotation: P/R/F1 per type, primary, all, actors."""
    from .extraction.documents import read_documents
    from .extraction.evaluate import evaluate, format_report
    from .extraction.extract import extract
    from .model import Document

    rs = _load_rules(rules_dirs)
    exs = [extract(rs, d) for d in read_documents(paths) if isinstance(d, Document)]
    click.echo(format_report(evaluate(gold, exs), details=not quiet))


# --- store (load, ingest, reset, query) ----------------------------------------------------


def _store():
    from .store.store import Store

    return Store.connect()


@cli.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--batch-size", default=500, show_default=True, help="Documents per transaction.")
@friendly
def load_cmd(file, batch_size):
    """Load an extraction JSONL file into Neo4j (idempotent; re-loaded documents are replaced)."""
    from .pipeline import load_file

    with _store() as store, _progress() as progress:
        summary = load_file(store, file, batch_size=batch_size, progress=progress)
    click.echo(str(summary), err=True)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--batch-size", default=500, show_default=True, help="Documents per transaction.")
@friendly
def ingest_cmd(paths, rules_dirs, batch_size):
    """Extract articles and load them into Neo4j in one go (idempotent)."""
    from .pipeline import ingest

    rs = _load_rules(rules_dirs)
    with _store() as store, _progress() as progress:
        summary = ingest(store, rs, paths, batch_size=batch_size, progress=progress)
    click.echo(summary.text(), err=True)


@cli.command("reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly
def reset_cmd(yes):
    """Delete every actor, document and relation from the database (asks first)."""
    with _store() as store:
        if not yes:
            click.confirm(f"Delete the whole graph in {store.uri} ({store.database})?", abort=True)
        store.reset()
    click.echo("Graph deleted.")


def _param(values):
    import json

    out = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        key, raw = item.split("=", 1)
        try:
            out[key] = json.loads(raw)
        except ValueError:
            out[key] = raw
    return out


@cli.command("query")
@click.argument("cypher")
@click.option("--param", "params", multiple=True, help="A query parameter as key=value (JSON values allowed).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow writes (otherwise a read-only transaction the server enforces).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds before the server stops the query.")
@click.option("--limit", "row_cap", default=1000, show_default=True, help="At most this many rows.")
@friendly
def query_cmd(cypher, params, fmt, write, timeout, row_cap):
    """Run your own Cypher (read-only unless --write), with a timeout and a row cap."""
    import csv
    import json

    with _store() as store:
        res = store.read_query(cypher, _param(params), timeout=timeout, row_cap=row_cap, write=write)
    records = [dict(zip(res.columns, row)) for row in res.rows]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(res.columns)
        for row in res.rows:
            w.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for v in row])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*res.columns)
        for row in res.rows:
            table.add_row(*[json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else str(v) for v in row])
        Console().print(table)
    if res.truncated:
        click.echo(f"(stopped at {row_cap} rows)", err=True)


# --- snapshot ------------------------------------------------------------------------------


@cli.command("snapshot")
@click.option("--focus", help="Actor id or name to centre the view on (default: the most connected actors).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 3))
@click.option("--types", help="Relation types, comma-separated (default: all).")
@click.option("--actor-types", help="Actor types, comma-separated: Person,Organisation,State.")
@click.option("--since", help="First date (YYYY-MM-DD).")
@click.option("--until", help="Last date (YYYY-MM-DD).")
@click.option("--min-evidence", default=1, show_default=True, help="Minimum evidence sentences per edge.")
@click.option("--no-negated", is_flag=True, help="Leave negated relations out.")
@click.option("--limit", default=300, show_default=True, help="At most this many actors.")
@click.option("--cypher", help="A read-only Cypher query whose nodes and relationships make the view.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "png", "svg", "pdf", "graphml", "gexf", "json", "csv"]),
    help="Output format (default: from the file name).",
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--title", default=None, help="Title on the picture (default: the focus's network).")
@click.option("--width", default=1600, show_default=True, help="Width in pixels (PNG/SVG/PDF).")
@click.option("--height", default=1000, show_default=True, help="Height in pixels.")
@click.option("--seed", default=7, show_default=True, help="Layout seed: the same data and seed give the same file.")
@friendly
def snapshot_cmd(
    focus,
    depth,
    types,
    actor_types,
    since,
    until,
    min_evidence,
    no_negated,
    limit,
    cypher,
    fmt,
    output,
    title,
    width,
    height,
    seed,
):
    """Save a view as HTML, PNG, SVG, PDF, GraphML, GEXF, node-link JSON or CSV (zip)."""
    from .errors import ActorgraphError
    from .model import ACTOR_TYPES, RELATION_TYPES, ViewParams
    from .render import snapshot as snap

    try:
        fmt = snap.format_for(output, fmt)
    except ValueError as exc:
        raise ActorgraphError(str(exc)) from exc

    def listed(value, allowed, what):
        if not value:
            return allowed
        picked = tuple(v.strip() for v in value.split(",") if v.strip())
        bad = [v for v in picked if v not in allowed]
        if bad:
            raise ActorgraphError(f"unknown {what}: {', '.join(bad)} (choose from {', '.join(allowed)})")
        return picked

    with _store() as store:
        focus_id = None
        if focus:
            focus_id = focus if store.actor(focus) else next(iter(store.search_actors(focus, 1)), None)
            focus_id = focus_id if isinstance(focus_id, str) or focus_id is None else focus_id.id
            if focus_id is None:
                raise ActorgraphError(f"no actor matches {focus!r}")
        view = ViewParams(
            focus=focus_id,
            depth=depth,
            relation_types=listed(types, RELATION_TYPES, "relation types"),
            actor_types=listed(actor_types, ACTOR_TYPES, "actor types"),
            since=since,
            until=until,
            min_evidence=min_evidence,
            include_negated=not no_negated,
            limit=limit,
        )
        name = store.actor(focus_id).name if focus_id else None
        default_title = f"{name}'s network" if name else ("Query result" if cypher else "The most connected actors")
        data = snap.view_snapshot(
            store,
            fmt,
            view=None if cypher else view,
            cypher=cypher,
            title=title or default_title,
            width=width,
            height=height,
            seed=seed,
        )
    snap.save(data, output)
    click.echo(f"wrote {output} ({fmt}, {len(data):,} bytes)", err=True)


# --- explorer (up, ui) ---------------------------------------------------------------------


@cli.command("up")
@click.option("--port", default=8501, show_default=True, help="Port of the explorer (bound to 127.0.0.1).")
@click.option(
    "--seeds",
    "seeds_dir",
    default="seeds",
    show_default=True,
    type=click.Path(),
    help="Folder of articles to ingest before opening the explorer.",
)
@click.option("--no-browser", is_flag=True, help="Do not try to open a browser.")
@friendly
def up(port: int, seeds_dir: str, no_browser: bool):
    """The main job: start Neo4j, ingest the seeds (idempotent), open the explorer."""
    import os
    from pathlib import Path

    st = server.start(echo=lambda m: click.echo(m, err=True)) if _local() else None
    if st:
        click.echo(f"Neo4j running at {st.uri}")
    if Path(seeds_dir).exists():
        from .pipeline import ingest

        with _store() as store:
            click.echo(ingest(store, _load_rules(()), [seeds_dir]).text(), err=True)
    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    click.echo(f"Explorer: http://localhost:{port}")
    args = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    if no_browser or not os.environ.get("DISPLAY"):
        args += ["--server.headless", "true"]
    os.execvp(args[0], args)


def _local() -> bool:
    from .store import config

    return config.settings().is_local


def main():  # console-script entry point
    cli(prog_name="actorgraph")


if __name__ == "__main__":
    main()
