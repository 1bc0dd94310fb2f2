"""``actorgraph rules check|test|schema``, ``actorgraph extract`` and ``actorgraph eval``: the
commands that need no database."""

from __future__ import annotations

import sys

import click

from .app import cli, load_rules, progress, rules_option


@cli.group()
def rules():
    """Check, test and describe extraction rules."""


@rules.command("check")
@rules_option
def rules_check(rules_dirs):
    """Validate rule files; every problem names file, line, rule and what is wrong."""
    rs = load_rules(rules_dirs)
    click.echo(f"OK: {len(rs.files)} files, {len(rs.actors)} actors, {len(rs.relations)} relation rules")


@rules.command("test")
@rules_option
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
def rules_test(rules_dirs, verbose):
    """Run every rule's examples like unit tests; exit 1 if any fails."""
    from ..extraction.ruletest import run_examples

    results = run_examples(load_rules(rules_dirs))
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

    from ..extraction.rules import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Write JSON Lines here (default: stdout).")
def extract_cmd(paths, rules_dirs, out_path):
    """Extract actors and relations from articles (.txt, .md, .html, .jsonl; files, folders, globs)."""
    from ..pipeline import extract_paths

    rs = load_rules(rules_dirs)
    out = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115 - closed below
    try:
        with progress() as bar:
            summary = extract_paths(rs, paths, out, progress=bar)
    finally:
        if out_path:
            out.close()
    click.echo(summary.text(), err=True)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--quiet", is_flag=True, help="Only the score table, not the misses and extras.")
def eval_cmd(gold, paths, rules_dirs, quiet):
    """Score extraction against a gold annotation: P/R/F1 per type, primary, all, actors."""
    from ..extraction.documents import read_documents
    from ..extraction.evaluate import evaluate, format_report
    from ..extraction.extract import extract
    from ..model import Document

    rs = load_rules(rules_dirs)
    exs = [extract(rs, d) for d in read_documents(paths) if isinstance(d, Document)]
    click.echo(format_report(evaluate(gold, exs), details=not quiet))
