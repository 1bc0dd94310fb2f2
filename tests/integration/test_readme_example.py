"""The README's Python example runs as written, against the suite's own Neo4j."""

from __future__ import annotations

import re

import pytest
from support import ROOT

pytestmark = pytest.mark.neo4j


def test_the_readme_python_example_runs(clean_db, tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, flags=re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert "Japan WARNS China" in capsys.readouterr().out
    assert (tmp_path / "japan.png").read_bytes().startswith(b"\x89PNG")
