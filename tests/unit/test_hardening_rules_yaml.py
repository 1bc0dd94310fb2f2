"""A rule file cannot blow up the loader: YAML aliases (a ~320-byte 'billion laughs' expands to 9^9
strings) are refused at once, with a message naming the file and the line."""

from __future__ import annotations

import itertools
import resource
import subprocess
import sys

import pytest

from graph.errors import RuleError
from graph.extraction.rules import load_rules

LEVELS = "abcdefghi"


def _bomb() -> str:
    lines = ["a: &a [lo,lo,lo,lo,lo,lo,lo,lo,lo]"]
    for prev, name in itertools.pairwise(LEVELS):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_the_alias_bomb_is_small():
    assert len(_bomb().encode()) <= 321


def test_aliases_are_refused_with_file_and_line(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([path])
    message = str(err.value)
    assert f"{path}:2" in message and "alias" in message.lower()


def _limit_memory():  # 1.5 GB of address space: the bomb took 2.2 GB
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))


def test_rules_check_on_the_alias_bomb_fails_fast_with_a_message(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "graph.cli", "rules", "check", "--rules", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert out.returncode == 1
    assert str(path) in out.stderr and "alias" in out.stderr.lower()
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr


def test_a_merge_key_without_aliases_still_loads_and_plain_rules_are_unchanged():
    assert load_rules().relations  # the bundled pack uses no aliases
