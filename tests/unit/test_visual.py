"""The shared drawing layer: offline pages, escaped text, stable layouts, still big views."""

from __future__ import annotations

import re

from graph.model import Edge, Node, Subgraph
from graph.render import layout, visual


def _graph(n: int, hostile: str = "") -> Subgraph:
    nodes = tuple(
        Node(id=f"a{i}", name=f"Actor {i}{hostile}", type=("State", "Person", "Organisation")[i % 3], degree=i)
        for i in range(n)
    )
    edges = tuple(
        Edge(source=f"a{i}", target=f"a{(i * 7 + 1) % n}", type="WARNS", count=1 + i % 4, negated=i % 5 == 0)
        for i in range(n)
        if (i * 7 + 1) % n != i
    )
    return Subgraph(nodes=nodes, edges=edges, documents=2, date_from="2022-01-01", date_to="2022-02-01")


def test_page_loads_nothing_from_the_network():
    page = visual.html_page(_graph(10), title="NATO")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "jsdelivr" not in page and "cdnjs" not in page and "unpkg" not in page
    assert "new vis.Network" in page and "vis.DataSet" in page


def test_document_text_cannot_become_markup_or_close_the_script():
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    page = visual.html_page(_graph(4, hostile), title=hostile)
    assert "<img src=x" not in page
    assert "<script>alert(1)" not in page  # the data cannot close our script element
    assert "&lt;/script&gt;" in page  # the title is escaped in the heading


def test_same_graph_and_seed_give_the_same_positions():
    sub = _graph(400)
    layout.clear_cache()
    first = layout.positions(sub, seed=3)
    layout.clear_cache()
    assert layout.positions(sub, seed=3) == first
    assert layout.positions(sub, seed=4) != first


def test_views_come_with_positions_and_physics_off():
    for n in (20, 500):
        data = visual.vis_data(_graph(n))
        assert data["options"]["physics"]["enabled"] is False
        assert all("x" in node and "y" in node for node in data["nodes"])
    assert visual.vis_data(_graph(20), physics=True)["options"]["physics"]["enabled"] is True


def test_negated_edges_are_dashed_and_styles_follow_types():
    data = visual.vis_data(_graph(10))
    by_id = {e["id"]: e for e in data["edges"]}
    assert any(e["dashes"] for e in by_id.values()) and not all(e["dashes"] for e in by_id.values())
    shapes = {n["actor_type"]: n["shape"] for n in data["nodes"]}
    assert len(set(shapes.values())) == 3


def test_caption_names_the_view():
    text = visual.caption(_graph(6))
    assert "6 actors" in text and "2022-01-01 to 2022-02-01" in text and "2 documents" in text


def test_each_actor_brings_a_label_size_by_its_weight_within_bounds():
    data = visual.vis_data(_graph(12))
    assert data["options"]["nodes"]["scaling"]["label"]["enabled"] is False  # sizes come per node
    by_value = sorted(data["nodes"], key=lambda n: n["value"])
    sizes = [n["font"]["size"] for n in by_value]
    assert sizes == sorted(sizes) and sizes[0] == visual.LABEL_MIN and sizes[-1] == visual.LABEL_MAX
    assert all(n["label_size"] == n["font"]["size"] for n in by_value)  # kept to restore an enlarged label
