"""``actorgraph load``, ``ingest``, ``reset`` and ``query``: the commands that read or write Neo4j."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..model import BATCH_DOCUMENTS
from .app import cli, connect, load_rules, open_output, output_option, progress, rules_option

BULK_HELP = (
    "Into an EMPTY database of the local server: write CSVs and run neo4j-admin's offline importer "
    "(stops and restarts the server; ~10x faster on big corpora). Refused for a remote NEO4J_URI."
)


def _err(message: str) -> None:
    click.echo(message, err=True)


@cli.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--batch-size", default=BATCH_DOCUMENTS, show_default=True, help="Documents per transaction.")
@click.option("--bulk", is_flag=True, help=BULK_HELP)
def load_cmd(file: str, batch_size: int, bulk: bool) -> None:
    """Load a JSON Lines file from `extract` into Neo4j.

    FILE is what `actorgraph extract` wrote (`-`: standard input). Loading is idempotent: a
    document loaded again has its relations and mentions replaced, and a load that was stopped
    half-way and run again gives the same graph as one clean run.

    \b
    Example:
        actorgraph load seeds.jsonl
        actorgraph extract articles/ --jobs 0 | actorgraph load -
        actorgraph load --bulk corpus.jsonl     # a big first load into an empty local database
    """
    from ..pipeline import load_file

    source = sys.stdin if file == "-" else file
    if bulk:
        from ..extraction.jsonl import read_jsonl
        from ..store.bulk import bulk_load

        click.echo(str(bulk_load(read_jsonl(source), echo=_err)), err=True)
        return
    with connect() as store, progress() as bar:
        summary = load_file(store, source, batch_size=batch_size, progress=bar)
    click.echo(str(summary), err=True)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--batch-size", default=BATCH_DOCUMENTS, show_default=True, help="Documents per transaction.")
@click.option("--bulk", is_flag=True, help=BULK_HELP)
def ingest_cmd(paths: tuple[str, ...], rules_dirs: tuple[str, ...], batch_size: int, bulk: bool) -> None:
    """Extract articles and load them into Neo4j in one go.

    PATHS are read as by `extract` (`-`: JSON Lines documents on standard input). Idempotent, as
    `load` is. A summary of what was read, skipped and loaded goes to stderr.

    \b
    Example:
        actorgraph ingest seeds/
        actorgraph ingest 'news/2022-*/*.html' --rules my-rules/
    """
    from ..pipeline import ingest

    rs = load_rules(rules_dirs)
    if bulk:
        from ..pipeline import RunSummary, extractions
        from ..store.bulk import bulk_load

        summary = RunSummary()
        imported = bulk_load(extractions(rs, paths, summary), echo=_err)
        click.echo(summary.text(), err=True)
        click.echo(str(imported), err=True)
        return
    with connect() as store, progress() as bar:
        summary = ingest(store, rs, paths, batch_size=batch_size, progress=bar)
    click.echo(summary.text(), err=True)


@cli.command("reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset_cmd(yes: bool) -> None:
    """Delete the whole graph from the database.

    Removes every actor, document and relation from the database NEO4J_URI and NEO4J_DATABASE
    name (the schema stays). Asks first unless --yes.

    \b
    Example:
        actorgraph reset --yes
    """
    with connect() as store:
        if not yes:
            click.confirm(f"Delete the whole graph in {store.uri} ({store.database})?", abort=True)
        store.reset()
    click.echo("Graph deleted.")


def _params(strings: tuple[tuple[str, str], ...], jsons: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Query parameters: ``--param NAME VALUE`` as strings, ``--param-json NAME JSON`` as JSON."""
    import json

    params: dict[str, Any] = dict(strings)
    for name, raw in jsons:
        try:
            params[name] = json.loads(raw)
        except ValueError as exc:
            raise click.BadParameter(f"{name}: {raw!r} is not JSON ({exc})", param_hint="--param-json") from exc
    return params


@cli.command("query")
@click.argument("cypher")
@click.option(
    "-p",
    "--param",
    "params",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="A parameter $NAME, passed as a string. Repeatable.",
)
@click.option(
    "--param-json",
    "json_params",
    nargs=2,
    multiple=True,
    metavar="NAME JSON",
    help="A parameter $NAME given as JSON (a number, a list, a map). Repeatable.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@output_option("Write the result here (default: standard output).")
@click.option("--write", is_flag=True, help="Allow writes (otherwise a read-only transaction the server enforces).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds before the server stops the query.")
@click.option("--max-rows", default=1000, show_default=True, type=click.IntRange(min=1), help="At most this many rows.")
def query_cmd(
    cypher: str,
    params: tuple[tuple[str, str], ...],
    json_params: tuple[tuple[str, str], ...],
    fmt: str,
    output: str,
    write: bool,
    timeout: float,
    max_rows: int,
) -> None:
    """Run your own Cypher against the graph.

    CYPHER is the query, or `-` to read it from standard input. It runs in a read-only
    transaction that the server enforces (CREATE, MERGE, SET, DELETE and LOAD CSV are refused)
    unless --write is given, with a timeout and at most --max-rows rows. See docs/model.md for
    the labels, relationship types and properties.

    \b
    Example:
        actorgraph query 'MATCH (a:Actor)-[r:DEMANDS]->(b) RETURN a.name, b.name LIMIT 5'
        actorgraph query 'MATCH (a:Actor {id: $id})-[r]->(b) RETURN type(r), b.name' --param id state:rus
        actorgraph query 'RETURN $ids' --param-json ids '["org:nato", "state:rus"]' --format json
        actorgraph query - --format csv -o demands.csv < demands.cypher
    """
    from ..store import results

    if cypher == "-":
        cypher = sys.stdin.read()
    with connect() as store:
        run = store.write_query if write else store.read_query
        res = run(cypher, _params(params, json_params), timeout=timeout, row_cap=max_rows)
    with open_output(output) as out:
        if fmt == "json":
            out.write(results.to_json(res) + "\n")
        elif fmt == "csv":
            out.write(results.to_csv(res))
        else:
            from rich.console import Console
            from rich.table import Table

            table = Table(*res.columns)
            for row in res.rows:
                table.add_row(*[str(results.cell(v)) for v in row])
            Console(file=out).print(table)
    if res.truncated:
        click.echo(f"({res.note}{': --max-rows' if 'rows' in res.note else ''})", err=True)
