"""``actorgraph rules check|test|schema``, ``actorgraph extract`` and ``actorgraph eval``: the
commands that need no database."""

from __future__ import annotations

import sys

import click

from .app import cli, load_rules, open_output, output_option, output_path, progress, rules_option


@cli.group()
def rules() -> None:
    """Check, test and describe extraction rules.

    The bundled rule pack is used unless --rules names your own files or folders. See
    docs/writing-rules.md for how rules are written.
    """


@rules.command("check")
@rules_option
def rules_check(rules_dirs: tuple[str, ...]) -> None:
    """Validate rule files and report every problem.

    Each problem names the file, the line, the rule and what is wrong; exit code 1 if there is
    any (nothing is loaded while a problem remains).

    \b
    Example:
        actorgraph rules check --rules my-rules/
    """
    rs = load_rules(rules_dirs)
    click.echo(f"OK: {len(rs.files)} files, {len(rs.actors)} actors, {len(rs.relations)} relation rules")


@rules.command("test")
@rules_option
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
def rules_test(rules_dirs: tuple[str, ...], verbose: bool) -> None:
    """Run every rule's examples like unit tests.

    Prints each failing example with what was missing, unwanted and found; exit code 1 if any
    example fails.

    \b
    Example:
        actorgraph rules test --rules my-rules/ -v
    """
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
@output_option("Write the schema here (default: standard output).")
def rules_schema(output: str) -> None:
    """Print the JSON Schema of rule files.

    Point your editor's YAML support at it for completion and checking as you type.

    \b
    Example:
        actorgraph rules schema -o rules.schema.json
    """
    import json

    from ..extraction.schema import json_schema

    with open_output(output) as out:
        out.write(json.dumps(json_schema(), indent=2) + "\n")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@rules_option
@output_option("Write the JSON Lines here (default: standard output).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Extract on this many processes (0: one per core); the output is the same, in input order.",
)
def extract_cmd(paths: tuple[str, ...], rules_dirs: tuple[str, ...], output: str, jobs: int) -> None:
    """Extract actors and relations from articles as JSON Lines.

    PATHS are files (.txt, .md, .html, .jsonl), folders or globs; `-` reads JSON Lines documents
    ({"id", "text", "date", "source", "title"}) from standard input. Each document gives a
    `document` line, then its `actor`, `mention` and `relation` lines. A summary goes to stderr;
    unreadable files are skipped and listed there.

    \b
    Example:
        actorgraph extract seeds/ -o seeds.jsonl
        actorgraph extract articles/ --jobs 0 | gzip > news.jsonl.gz
        cat docs.jsonl | actorgraph extract - > extracted.jsonl
    """
    from ..pipeline import extract_paths

    rs = load_rules(rules_dirs)
    with open_output(output) as out, progress() as bar:
        summary = extract_paths(rs, paths, out, progress=bar, jobs=jobs, exclude=output_path(output))
    click.echo(summary.text(), err=True)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option("--quiet", is_flag=True, help="Only the score table, not the misses and extras.")
def eval_cmd(gold: str, paths: tuple[str, ...], rules_dirs: tuple[str, ...], quiet: bool) -> None:
    """Score extraction against a gold annotation.

    Prints precision, recall and F1 per relation type, for the primary types, for all relations
    and for actors, then every miss and every extra with its sentence. docs/guidelines.md defines
    what counts as a match. PATHS are read as by `extract`.

    \b
    Example:
        actorgraph eval tests/data/gold_seeds.yaml seeds/
    """
    from ..extraction.evaluate import format_report
    from ..pipeline import evaluate_paths

    report, summary = evaluate_paths(load_rules(rules_dirs), gold, paths)
    click.echo(format_report(report, details=not quiet))
    if summary.skipped or summary.warnings:
        click.echo(summary.text(), err=True)
