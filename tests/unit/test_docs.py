"""Documentation is checked: every command has help text and a README section."""

from __future__ import annotations

import re
from pathlib import Path

import click

from graph.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path + " ")


def test_every_command_has_help_text():
    missing = [path for path, cmd in _commands(cli) if not (cmd.help or "").strip()]
    assert not missing, f"commands without help: {missing}"


def test_every_command_has_a_readme_section():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = " ".join(re.findall(r"^#{2,4} .*$", readme, flags=re.M))
    missing = [
        path
        for path, cmd in _commands(cli)
        if not isinstance(cmd, click.Group) and f"actorgraph {path.split(' ')[0]}" not in headings
    ]
    assert not missing, f"commands without a README section: {missing}"


def test_readme_names_the_two_commands_and_they_exist_in_the_makefile():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, flags=re.M)
    assert "bash .ci/run" in readme or "make test" in (ROOT / ".ci" / "run").read_text()
