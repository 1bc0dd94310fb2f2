"""``actorgraph snapshot`` checks its view options with the parser the explorer's URL uses, before
it connects to anything: a bad value is a usage error that names the option and what is allowed."""

from __future__ import annotations

import click
import pytest
from support import run_cli

from graph.cli import cli
from graph.render import snapshot


@pytest.mark.parametrize(
    "args, message",
    [
        (["--types", "DEMANDS,LOVES"], "Invalid value for '--types': unknown relation types: LOVES (choose from"),
        (["--actor-types", "Robot"], "Invalid value for '--actor-types': unknown actor types: Robot"),
        (["--since", "2022-13-01"], "Invalid value for '--since'"),
        (["--until", "31/01/2022"], "Invalid value for '--until'"),
        (["--max-actors", "0"], "Invalid value for '--max-actors'"),
        (["--depth", "4"], "Invalid value for '--depth'"),
    ],
)
def test_a_bad_view_option_is_a_usage_error_naming_it(tmp_path, args, message):
    run = run_cli("snapshot", *args, "-o", tmp_path / "x.png")
    assert run.exit_code == 2 and message in run.stderr
    assert not (tmp_path / "x.png").exists()


def test_since_after_until_is_refused_before_connecting(tmp_path):
    run = run_cli("snapshot", "--since", "2022-02-01", "--until", "2022-01-01", "-o", tmp_path / "x.png")
    assert run.exit_code == 1 and "since (2022-02-01) is after until (2022-01-01)" in run.stderr


def test_the_output_file_is_required():
    run = run_cli("snapshot", "--focus", "NATO")
    assert run.exit_code == 2 and "Missing option '-o' / '--output'" in run.stderr


def test_the_format_choices_are_the_snapshot_formats():
    fmt = next(p for p in cli.commands["snapshot"].params if p.name == "fmt")
    assert isinstance(fmt.type, click.Choice) and tuple(fmt.type.choices) == snapshot.FORMATS
