"""Documentation is checked: every command has a summary that fits the command list and an
example, docs/cli.md is the current --help, the README's two commands are real, links resolve."""

from __future__ import annotations

import re

import click
import pytest
from support import ROOT, run_cli

from graph.cli import cli
from graph.cli.reference import commands, reference

COMMANDS = list(commands(cli))
LEAVES = [(words, cmd) for words, cmd in COMMANDS if not isinstance(cmd, click.Group)]
GROUPS = [(), *(words for words, cmd in COMMANDS if isinstance(cmd, click.Group))]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _name(words) -> str:
    return " ".join(("actorgraph", *words))


@pytest.mark.parametrize("words, cmd", COMMANDS, ids=[_name(w) for w, _ in COMMANDS])
def test_every_command_has_a_one_line_summary_and_a_description(words, cmd):
    first, _, rest = (cmd.help or "").strip().partition("\n\n")
    assert first and "\n" not in first and first.endswith("."), f"{_name(words)}: summary {first!r}"
    assert rest.strip(), f"{_name(words)} says no more than its summary"


@pytest.mark.parametrize("words, cmd", LEAVES, ids=[_name(w) for w, _ in LEAVES])
def test_every_command_shows_an_example_of_itself(words, cmd):
    helped = run_cli(*words, "--help")
    example = helped.stdout.split("Example:", 1)[-1]
    assert "Example:" in helped.stdout and f"\n      {_name(words)}" in example, helped.stdout


@pytest.mark.parametrize("words", GROUPS, ids=[_name(w) for w in GROUPS])
def test_command_lists_show_every_summary_whole_on_an_80_column_terminal(words):
    from click.testing import CliRunner

    out = CliRunner().invoke(cli, [*words, "--help"], prog_name="actorgraph", terminal_width=80).stdout
    listing = out.split("Commands:\n", 1)[1]
    assert "..." not in listing, listing


def test_the_cli_reference_is_the_current_help():
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == reference(), "docs/cli.md is out of date: run `python -m graph.cli.reference docs/cli.md`"
    for words, _ in COMMANDS:
        assert f" {_name(words)}\n" in written


def test_readme_names_the_two_commands_and_they_exist_in_the_makefile():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^run:.*\n\t\$\(BIN\)/actorgraph up$", makefile, flags=re.M), "make run is actorgraph up"


_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_relative_link_resolves(doc):
    text = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S)  # links in code are not links
    targets = [t for t in _LINK.findall(text) if not re.match(r"[a-z]+:", t)]
    broken = [t for t in targets if not (doc.parent / t.split("#")[0]).exists()]
    assert not broken, f"{doc.name} links to missing files: {broken}"


def test_the_docs_are_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in DOCS[1:]:
        assert f"](docs/{doc.name})" in readme, f"README does not link docs/{doc.name}"
