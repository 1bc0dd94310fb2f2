"""From a ``Subgraph`` to a vis-network drawing: the data and options (built with pyvis) and a
self-contained, offline HTML page.

pyvis builds the node and edge records and the options; we do not use its page template, because
even with ``cdn_resources="in_line"`` it links Bootstrap from a CDN and inserts ``heading`` and
select-menu values unescaped. Our page embeds the vis-network script and stylesheet that the pyvis
package ships, and puts the data in as JSON with ``<``, ``>`` and ``&`` escaped, so no text from a
document can close the script or become markup. vis-network 9 shows string tooltips with
``innerText``, so titles stay plain text; the page's heading is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import SYMMETRIC_RELATION_TYPES, Edge, Node, Subgraph
from . import group, layout, style
from .edges import curves, group_edges, group_title

#: Above this many nodes the drawing uses precomputed positions with physics off. Measured in
#: headless Chromium: even 100 nodes took ~45 s to stabilise with physics, igraph lays them out
#: in 0.02 s, so by default every view comes with positions (and the same view looks the same).
PHYSICS_NODE_LIMIT = 0


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet that ship inside the pyvis package (no CDN)."""
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def safe_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: nothing in it can end the element."""
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def node_title(node: Node) -> str:
    lines = [node.name, node.type]
    if node.aliases:
        lines.append("also: " + ", ".join(node.aliases[:8]))
    lines.append(f"{node.degree} relations, {node.mentions} mentions")
    return "\n".join(lines)


def edge_title(edge: Edge, names: dict[str, str]) -> str:
    neg = "NOT " if edge.negated else ""
    dates = ""
    if edge.first_date or edge.last_date:
        dates = f"\n{edge.first_date or '?'} to {edge.last_date or '?'}"
    return (
        f"{names.get(edge.source, edge.source)} {neg}{edge.type} {names.get(edge.target, edge.target)}"
        f"\n{edge.count} evidence sentence{'s' if edge.count != 1 else ''}{dates}"
    )


def vis_data(
    sub: Subgraph,
    *,
    size_by: str = "degree",
    focus: str | None = None,
    seed: int = 7,
    physics: bool | None = None,
    edge_labels: bool | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    grouping: group.Grouping | None = None,
) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, as plain JSON-able data.

    With more than ``PHYSICS_NODE_LIMIT`` nodes (or ``physics=False``) positions come from
    :func:`graph.render.layout.positions` (or ``positions``) and physics is off, so big views draw at
    once and stay still. With a ``grouping`` (:func:`graph.render.group.group_view`) its collapsed
    actors are drawn as one node per group, placed at their members' centre, and the edges touching a
    group become one grey edge per pair of ends with the sum of their sentences.

    Sizes: ``value`` is the square root of the degree (or mentions), which vis-network maps onto
    the node size and label size between the bounds in :func:`options`; labels too small to read at
    the current zoom are not drawn (``drawThreshold``) rather than drawn tiny.
    """
    from pyvis.network import Network

    use_physics = len(sub.nodes) <= PHYSICS_NODE_LIMIT if physics is None else physics
    member_of = grouping.member_of if grouping else {}
    drawn_edges = [e for e in sub.edges if e.source not in member_of and e.target not in member_of]
    show_labels = len(drawn_edges) <= 300 if edge_labels is None else edge_labels
    pos = {} if use_physics else (positions if positions is not None else layout.positions(sub, seed=seed))
    net = Network(directed=True, cdn_resources="in_line")
    names = {n.id: n.name for n in sub.nodes}
    label = _label_sizes(
        [
            style.node_value(n.mentions if size_by == "mentions" else n.degree)
            for n in sub.nodes
            if n.id not in member_of
        ]
        + [style.node_value(g.degree) for g in (grouping.groups if grouping else ())]
    )
    for node in sorted(sub.nodes, key=lambda n: n.id):
        if node.id in member_of:
            continue
        value = node.mentions if size_by == "mentions" else node.degree
        extra = {"x": pos[node.id][0], "y": pos[node.id][1]} if node.id in pos else {}
        net.add_node(
            node.id,
            label=node.name,
            title=node_title(node),
            shape=style.actor_shape(node.type),
            color=style.actor_colour(node.type),
            value=style.node_value(value),
            size=style.node_size(value),
            font={"size": label(style.node_value(value))},
            label_size=label(style.node_value(value)),
            actor_type=node.type,
            borderWidth=4 if node.id == focus else 1,
            **extra,
        )
    for g in grouping.groups if grouping else ():
        placed = [pos[m] for m in g.members if m in pos]
        at: dict[str, float] = {}
        if g.id in pos:
            at = {"x": pos[g.id][0], "y": pos[g.id][1]}
        elif placed:
            at = {"x": round(sum(p[0] for p in placed) / len(placed), 1)}
            at["y"] = round(sum(p[1] for p in placed) / len(placed), 1)
        net.add_node(
            g.id,
            label=g.label,
            title=group_title(g, names),
            shape="hexagon",
            color={"background": "#eeeeee", "border": "#666666"},
            value=style.node_value(g.degree),
            size=style.node_size(g.degree),
            font={"size": label(style.node_value(g.degree))},
            label_size=label(style.node_value(g.degree)),
            actor_type="Group",
            members=len(g.members),
            borderWidth=2,
            borderWidthSelected=3,
            **at,
        )
    for edge, smooth in zip(drawn_edges, curves(drawn_edges)):
        if edge.source not in names or edge.target not in names:
            continue
        net.add_edge(
            edge.source,
            edge.target,
            id=edge.key,
            title=edge_title(edge, names),
            label=edge.type if show_labels else None,
            color=style.relation_colour(edge.type),
            width=style.edge_width(edge.count),
            dashes=edge.negated,
            arrows="" if edge.type in SYMMETRIC_RELATION_TYPES else "to",
            smooth=smooth,
            relation=edge.type,
            negated=edge.negated,
            count=edge.count,
        )
    for agg in group_edges(sub, member_of, grouping, names):
        net.add_edge(agg.pop("from"), agg.pop("to"), **agg)
    net.set_options(json.dumps(options(use_physics, big=len(drawn_edges) > 500)))
    edges = [{k: v for k, v in e.items() if v is not None} for e in net.edges]
    return {"nodes": net.nodes, "edges": edges, "options": net.options}


#: Label sizes at zoom 1, from the smallest actor of a view to the biggest (canvas units).
LABEL_MIN, LABEL_MAX = 14.0, 22.0


def _label_sizes(values: list[float]) -> Callable[[float], float]:
    """Label size by ``value``, spread linearly over the view's range as vis-network spreads node
    sizes. The size is given per node (not left to vis-network's label scaling) so the explorer can
    enlarge the biggest actors' labels when one zooms out and put them back exactly after."""
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)

    def size(v: float) -> float:
        t = 0.5 if hi == lo else max(0.0, (v - lo) / (hi - lo))
        return round(LABEL_MIN + t * (LABEL_MAX - LABEL_MIN), 2)

    return size


@dataclass(frozen=True)
class Drawing:
    """A view ready for the network: vis data, where each drawn node is, and the grouping used."""

    data: dict[str, Any]
    positions: dict[str, tuple[float, float]]
    grouping: group.Grouping | None


def drawing(
    sub: Subgraph,
    *,
    focus: str | None = None,
    keep: Iterable[str] = (),
    opened: Iterable[str] = (),
    grouped: bool = True,
    fixed: Mapping[str, tuple[float, float]] | None = None,
    hints: Mapping[str, tuple[float, float]] | None = None,
    size_by: str = "degree",
) -> Drawing:
    """What the explorer draws for a view: grouped when it is too big to read (keeping ``keep`` and
    the members of ``opened`` groups single), laid out as drawn with the ``fixed`` actors where they
    were, then turned into vis-network data."""
    grouping = group.group_view(sub, keep=keep, opened=opened) if grouped else None
    ids, links = group.drawn_shape(sub, grouping)
    positions = layout.arrange(ids, links, fixed=fixed, hints=hints)
    data = vis_data(sub, size_by=size_by, focus=focus, positions=positions, grouping=grouping)
    return Drawing(data, positions, grouping)


def options(physics: bool, big: bool = False) -> dict[str, Any]:
    """Drawing options: sizes and label sizes follow ``value`` within wide bounds, labels too small
    to read at the current zoom are hidden (and fade in as one zooms in), edges of big views are
    hidden while the view is dragged or zoomed."""
    opts: dict[str, Any] = {
        "nodes": {
            "font": {"size": 16, "face": "DejaVu Sans, Arial, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # hubs up to 5x a leaf; each node's label size comes with it (``_label_sizes``), hidden
            # below 10 px on screen (the explorer keeps the biggest actors' labels readable at any
            # zoom: ui/network.js, legible)
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {"enabled": False, "drawThreshold": 10, "maxVisible": 24},
            },
        },
        "edges": {
            "font": {
                "size": 14,
                "align": "middle",
                "color": "#333333",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "face": "DejaVu Sans, Arial, sans-serif",
            },
            "scaling": {"label": {"drawThreshold": 9, "maxVisible": 22}},
            "smooth": {"enabled": physics, "type": "dynamic"} if physics else False,
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "navigationButtons": False,
            "multiselect": False,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
    }
    if physics:
        opts["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        }
    else:
        opts["physics"] = {"enabled": False}
        opts["layout"] = {"improvedLayout": False}
    return opts


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="actorgraph">
<title>{title}</title>
<style>{css}</style>
<style>
  html, body {{ margin: 0; font-family: DejaVu Sans, Arial, sans-serif; background: #fff; }}
  header {{ padding: 8px 14px; border-bottom: 1px solid #ddd; }}
  header h1 {{ font-size: 18px; margin: 0 0 4px 0; }}
  header p {{ font-size: 12px; color: #555; margin: 0; }}
  #legend {{ font-size: 12px; padding: 4px 14px; }}
  #legend span {{ margin-right: 14px; white-space: nowrap; }}
  #legend i {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }}
  #network {{ width: {width}; height: {height}; }}
</style>
<script>{js}</script>
</head>
<body>
<header><h1>{title}</h1><p>{caption}</p></header>
<div id="legend">{legend}</div>
<div id="network" data-nodes="{n_nodes}" data-edges="{n_edges}"></div>
<script>
  var data = {data};
  var network = new vis.Network(document.getElementById("network"),
      {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}}, data.options);
  network.once("stabilizationIterationsDone", function () {{
      network.setOptions({{physics: {{enabled: false}}}});
  }});
  window.actorgraphReady = false;
  network.once("afterDrawing", function () {{ window.actorgraphReady = true; }});
</script>
</body>
</html>
"""


_SYMBOL = {"dot": "●", "diamond": "◆", "triangle": "▲"}


def legend_html(sub: Subgraph) -> str:
    """The legend for the types present in the view, with inline styles only (so it survives
    Markdown sanitising) and escaped text."""
    item = '<span style="margin-right:14px;white-space:nowrap">{}</span>'
    parts = [
        item.format(
            f'<span style="color:{style.actor_colour(t)}">{_SYMBOL.get(style.actor_shape(t), "●")}</span> '
            f"{html.escape(t)}"
        )
        for t in sorted({n.type for n in sub.nodes})
    ]
    parts += [
        item.format(f'<span style="color:{style.relation_colour(t)};font-weight:bold">━━</span> {html.escape(t)}')
        for t in sorted({e.type for e in sub.edges})
    ]
    if any(e.negated for e in sub.edges):
        parts.append(item.format('<span style="color:#666">╌╌</span> negated'))
    return "".join(parts)


def caption(sub: Subgraph) -> str:
    """What the view shows: sizes, date range and how many documents stand behind it."""
    span = f"{sub.date_from or '…'} to {sub.date_to or '…'}" if (sub.date_from or sub.date_to) else "all dates"
    text = (
        f"{len(sub.nodes)} actors, {len(sub.edges)} relations, {span}, "
        f"from {sub.documents} document{'s' if sub.documents != 1 else ''}"
    )
    return text + (" (truncated by the view's limit)" if sub.truncated else "")


def html_page(
    sub: Subgraph,
    *,
    title: str = "actorgraph",
    width: str = "100%",
    height: str = "800px",
    seed: int = 7,
    size_by: str = "degree",
    focus: str | None = None,
) -> str:
    """A self-contained HTML page that draws ``sub`` offline."""
    js, css = vis_assets()
    data = vis_data(sub, seed=seed, size_by=size_by, focus=focus)
    return PAGE.format(
        title=html.escape(title),
        css=css,
        js=js,
        width=html.escape(width),
        height=html.escape(height),
        caption=html.escape(caption(sub)),
        legend=legend_html(sub),
        data=safe_json(data),
        n_nodes=len(data["nodes"]),
        n_edges=len(data["edges"]),
    )
