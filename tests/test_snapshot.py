"""Snapshots: every format valid, the same data and seed give the same SVG, the HTML draws offline."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pytest

from graph.render import snapshot
from graph.model import Edge, Node, Subgraph

from support import ROOT, SEEDS


def news_graph(n: int = 12) -> Subgraph:
    """A hub-and-spoke view like a real one: two hubs, leaves, parallel and negated edges."""
    nodes = [Node("org:nato", "NATO", "Organisation", degree=40), Node("state:rus", "Russia", "State", degree=30)]
    nodes += [Node(f"p{i}", f"Person <{i}> & co", ("Person", "State", "Organisation")[i % 3], degree=i) for i in range(n - 2)]
    edges = [Edge("state:rus", "org:nato", "DEMANDS", False, 7, "2021-12-18", "2022-02-01"),
             Edge("state:rus", "org:nato", "CRITICIZES", False, 1, "2022-01-05", "2022-01-05")]
    edges += [Edge(f"p{i}", "org:nato" if i % 2 else "state:rus", ("MEMBER_OF", "WARNS", "MEETS", "DEPLOYS")[i % 4],
                   i % 5 == 0, 1 + i % 3, "2022-01-0" + str(1 + i % 9)) for i in range(n - 2)]
    return Subgraph(tuple(nodes), tuple(edges), documents=4, date_from="2021-12-18", date_to="2022-02-01")


def test_svg_parses_holds_labels_and_is_byte_identical_for_the_same_seed():
    sub = news_graph()
    a = snapshot.snapshot(sub, "svg", title="NATO", seed=3)
    assert a == snapshot.snapshot(sub, "svg", title="NATO", seed=3)
    assert a != snapshot.snapshot(sub, "svg", title="NATO", seed=4)
    root = ET.fromstring(a)
    text = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "NATO" in text and "Russia" in text and "Person <1> & co" in text and "DEMANDS" in text


def test_png_has_the_requested_size():
    png = snapshot.snapshot(news_graph(), "png", width=1200, height=700)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (w, h) == (1200, 700)


def test_pdf_is_a_pdf():
    pdf = snapshot.snapshot(news_graph(), "pdf")
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:]


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_load_in_networkx_with_counts_and_attributes(tmp_path, fmt, reader):
    sub = news_graph()
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(snapshot.snapshot(sub, fmt))
    g = reader(path)
    assert g.number_of_nodes() == len(sub.nodes) and g.number_of_edges() == len(sub.edges)
    attrs = [d for _, _, d in g.edges(data=True)]
    assert {a["relation"] for a in attrs} == {e.type for e in sub.edges} and max(a["evidence"] for a in attrs) == 7
    assert {d.get("actor_type") for _, d in g.nodes(data=True)} == {"Organisation", "State", "Person"}


def test_json_and_csv_carry_the_same_graph():
    sub = news_graph()
    data = json.loads(snapshot.snapshot(sub, "json"))
    assert len(data["nodes"]) == len(sub.nodes) and len(data["links"]) == len(sub.edges)
    assert data["graph"]["documents"] == 4
    z = zipfile.ZipFile(io.BytesIO(snapshot.snapshot(sub, "csv")))
    assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
    assert len(z.read("edges.csv").decode().strip().splitlines()) == len(sub.edges) + 1


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        snapshot.format_for("view.bmp")
    assert snapshot.format_for("view.htm") == "html" and snapshot.format_for("x", "SVG") == "svg"


@pytest.mark.browser
def test_html_draws_offline_in_headless_chromium(tmp_path, browser):
    sub = news_graph(40)
    path = tmp_path / "view.html"
    path.write_bytes(snapshot.snapshot(sub, "html", title="<b>NATO</b>"))
    page = browser.new_page()
    blocked = []
    page.route("**/*", lambda route: (blocked.append(route.request.url), route.abort())
               if not route.request.url.startswith(("file:", "data:")) else route.continue_())
    page.goto(path.as_uri())
    page.wait_for_function("() => window.actorgraphReady === true", timeout=30_000)
    drawn = page.evaluate("() => network.body.data.nodes.length")
    heading = page.inner_text("h1")
    page.close()
    assert blocked == [] and drawn == len(sub.nodes) and heading.startswith("<b>NATO</b>")


@pytest.mark.neo4j
def test_cli_writes_the_seeds_nato_view_in_every_format(clean_db, neo4j_settings, tmp_path):
    env = dict(os.environ, NEO4J_URI=neo4j_settings.uri, NEO4J_PASSWORD=neo4j_settings.password)
    run = lambda *a: subprocess.run([sys.executable, "-m", "graph.cli", *a], env=env, capture_output=True, text=True)  # noqa: E731
    assert run("ingest", str(SEEDS)).returncode == 0
    art = ROOT / "test-artifacts"
    art.mkdir(exist_ok=True)
    for fmt in snapshot.FORMATS:
        out = tmp_path / f"nato.{snapshot.EXTENSION.get(fmt, fmt)}"
        res = run("snapshot", "--focus", "NATO", "--types", "DEMANDS,WARNS,SUPPORTS,MEMBER_OF,DEPLOYS", "-o", str(out),
                  "--format", fmt)
        assert res.returncode == 0, res.stderr
        assert out.stat().st_size > 200
        if fmt in ("png", "svg"):
            shutil.copy(out, art / f"seeds-nato.{fmt}")
    g = nx.read_graphml(tmp_path / "nato.graphml")
    assert "org:nato" in g and g.nodes["state:rus"]["label"] == "Russia"
    bad = run("snapshot", "--focus", "NATO", "--types", "LOVES", "-o", str(tmp_path / "x.png"))
    assert bad.returncode == 1 and "unknown relation types: LOVES" in bad.stderr
