"""`actorgraph snapshot` writes the seeds' NATO view in every format from the real store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import networkx as nx
import pytest
from support import ROOT, SEEDS

from graph.render import snapshot


@pytest.mark.neo4j
def test_cli_writes_the_seeds_nato_view_in_every_format(clean_db, neo4j_settings, tmp_path):
    env = dict(os.environ, NEO4J_URI=neo4j_settings.uri, NEO4J_PASSWORD=neo4j_settings.password)
    run = lambda *a: subprocess.run([sys.executable, "-m", "graph.cli", *a], env=env, capture_output=True, text=True)
    assert run("ingest", str(SEEDS)).returncode == 0
    art = ROOT / "test-artifacts"
    art.mkdir(exist_ok=True)
    for fmt in snapshot.FORMATS:
        out = tmp_path / f"nato.{snapshot.EXTENSION.get(fmt, fmt)}"
        res = run(
            "snapshot",
            "--focus",
            "NATO",
            "--types",
            "DEMANDS,WARNS,SUPPORTS,MEMBER_OF,DEPLOYS",
            "-o",
            str(out),
            "--format",
            fmt,
        )
        assert res.returncode == 0, res.stderr
        assert out.stat().st_size > 200
        if fmt in ("png", "svg"):
            shutil.copy(out, art / f"seeds-nato.{fmt}")
    g = nx.read_graphml(tmp_path / "nato.graphml")
    assert "org:nato" in g and g.nodes["state:rus"]["label"] == "Russia"
    bad = run("snapshot", "--focus", "NATO", "--types", "LOVES", "-o", str(tmp_path / "x.png"))
    assert bad.returncode == 1 and "unknown relation types: LOVES" in bad.stderr
