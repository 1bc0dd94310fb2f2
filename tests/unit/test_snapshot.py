"""Snapshots: every format valid, the same data and seed give the same SVG, the HTML draws offline."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pytest
from support import news_graph

from graph.render import snapshot


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
