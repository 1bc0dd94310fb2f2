"""``actorgraph load``, ``ingest``, ``reset`` and ``query``: the commands that read or write Neo4j."""

from __future__ import annotations

import sys

import click

from .app import cli, connect, load_rules, progress, rules_option


@cli.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--batch-size", default=500, show_default=True, help="Documents per transaction.")
def load_cmd(file, batch_size):
    """Load an extraction JSONL file into Neo4j (idempotent; re-loaded documents are replaced)."""
    from ..pipeline import load_file

    with connect() as store, progress() as bar:
        summary = load_file(store, file, batch_size=batch_size, progress=bar)
    click.echo(str(summary), err=True)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--batch-size", default=500, show_default=True, help="Documents per transaction.")
def ingest_cmd(paths, rules_dirs, batch_size):
    """Extract articles and load them into Neo4j in one go (idempotent)."""
    from ..pipeline import ingest

    rs = load_rules(rules_dirs)
    with connect() as store, progress() as bar:
        summary = ingest(store, rs, paths, batch_size=batch_size, progress=bar)
    click.echo(summary.text(), err=True)


@cli.command("reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset_cmd(yes):
    """Delete every actor, document and relation from the database (asks first)."""
    with connect() as store:
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
def query_cmd(cypher, params, fmt, write, timeout, row_cap):
    """Run your own Cypher (read-only unless --write), with a timeout and a row cap."""
    import csv
    import json

    with connect() as store:
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
