"""The CLI reference (``docs/cli.md``), generated from the commands' own ``--help``, so that it
cannot drift from the code (``tests/unit/test_docs.py`` checks it is current).

    python -m graph.cli.reference docs/cli.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

#: The help is rendered at this width, whatever the terminal that generates it.
WIDTH = 88

HEADER = """\
# CLI reference

Every `actorgraph` command with its `--help`. This file is generated from the code
(`python -m graph.cli.reference docs/cli.md`); a test fails when it is out of date.
The [README](../README.md) shows the commands in use.
"""


def commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command below ``group`` as (its words after ``actorgraph``, the command), in the order
    ``--help`` lists them, each group before its subcommands."""
    ctx = click.Context(group, info_name=" ".join(("actorgraph", *path)))
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        yield (*path, name), cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, (*path, name))


def help_text(words: tuple[str, ...] = ()) -> str:
    """What ``actorgraph WORDS --help`` prints on a terminal ``WIDTH`` columns wide."""
    from click.testing import CliRunner

    from . import cli

    result = CliRunner().invoke(cli, [*words, "--help"], prog_name="actorgraph", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"actorgraph {' '.join(words)} --help failed: {result.output}")
    return result.stdout


def reference() -> str:
    """The whole reference as Markdown: the root's help, then one section per command."""
    from . import cli

    parts = [HEADER, "```", help_text().rstrip(), "```"]
    for words, _cmd in commands(cli):
        heading = "#" * min(len(words) + 1, 4)
        parts += ["", f"{heading} actorgraph {' '.join(words)}", "", "```", help_text(words).rstrip(), "```"]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    text = reference()
    if args:
        with open(args[0], "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
