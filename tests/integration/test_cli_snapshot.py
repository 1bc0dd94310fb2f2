"""`actorgraph snapshot` writes the seeds' NATO view in every format from the real store."""

from __future__ import annotations

import shutil

import networkx as nx
import pytest
from support import ROOT, SEEDS, run_cli

from graph.render import snapshot

pytestmark = pytest.mark.neo4j


def test_cli_writes_the_seeds_nato_view_in_every_format(clean_db, tmp_path):
    assert run_cli("ingest", SEEDS).exit_code == 0
    art = ROOT / "test-artifacts"
    art.mkdir(exist_ok=True)
    for fmt in snapshot.FORMATS:
        out = tmp_path / f"nato.{snapshot.EXTENSION.get(fmt, fmt)}"
        res = run_cli(
            "snapshot",
            "--focus",
            "NATO",
            "--types",
            "DEMANDS,WARNS,SUPPORTS,MEMBER_OF,DEPLOYS",
            "-o",
            out,
            "--format",
            fmt,
        )
        assert res.exit_code == 0, res.stderr
        assert out.stat().st_size > 200 and f"wrote {out}" in res.stderr
        if fmt in ("png", "svg"):
            shutil.copy(out, art / f"seeds-nato.{fmt}")
    g = nx.read_graphml(tmp_path / "nato.graphml")
    assert "org:nato" in g and g.nodes["state:rus"]["label"] == "Russia"
    assert {d["relation"] for _, _, d in g.edges(data=True)} <= {"DEMANDS", "WARNS", "SUPPORTS", "MEMBER_OF", "DEPLOYS"}


def test_max_actors_bounds_the_view(clean_db, tmp_path):
    assert run_cli("ingest", SEEDS).exit_code == 0
    out = tmp_path / "top.graphml"
    assert run_cli("snapshot", "--max-actors", "5", "-o", out).exit_code == 0
    assert 0 < nx.read_graphml(out).number_of_nodes() <= 5


def test_an_unknown_actor_says_so(clean_db, tmp_path):
    assert run_cli("ingest", SEEDS).exit_code == 0
    bad = run_cli("snapshot", "--focus", "Atlantis Federation", "-o", tmp_path / "x.png")
    assert bad.exit_code == 1 and "no actor matches 'Atlantis Federation'" in bad.stderr
    assert not (tmp_path / "x.png").exists()
