"""Snapshots for reports: a view as HTML, PNG, SVG, PDF, GraphML, GEXF, node-link JSON or CSV.

Renderers are pure functions of a ``Subgraph`` returning bytes; ``view_snapshot`` asks the store
for the view first. The same data and seed give the same file: layouts are seeded (see
``graph.render.layout``), matplotlib's SVG ids are salted with a constant and no creation dates are
written. Static drawings need no browser; the HTML page works offline.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..model import SYMMETRIC_RELATION_TYPES, QueryResult, Subgraph, ViewParams
from . import layout, style, visual

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Renderer = Callable[[Subgraph, "Options"], bytes]

FORMATS = ("html", "png", "svg", "pdf", "graphml", "gexf", "json", "csv")
MIME = {
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "graphml": "application/xml",
    "gexf": "application/xml",
    "json": "application/json",
    "csv": "application/zip",
}
EXTENSION = {"csv": "zip"}


@dataclass(frozen=True)
class Options:
    title: str = "actorgraph"
    width: int = 1600
    height: int = 1000
    seed: int = 7
    caption: str | None = None


def format_for(path: str, fmt: str | None = None) -> str:
    """The format asked for, or the one the file name's extension names."""
    fmt = (fmt or path.rsplit(".", 1)[-1]).lower()
    fmt = {"htm": "html", "zip": "csv"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ValueError(f"unknown snapshot format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def describe(view: ViewParams | None, focus_name: str | None = None, cypher: str | None = None) -> str:
    """A caption naming the view: focus, depth and filters."""
    if cypher:
        return "Cypher: " + " ".join(cypher.split())[:120]
    if view is None:
        return ""
    parts = [f"{focus_name or view.focus}, depth {view.depth}" if view.focus else "overview"]
    from ..model import ACTOR_TYPES, RELATION_TYPES

    if tuple(view.relation_types) != RELATION_TYPES:
        parts.append(", ".join(view.relation_types))
    if tuple(view.actor_types) != ACTOR_TYPES:
        parts.append("actors: " + ", ".join(view.actor_types))
    if view.min_evidence > 1:
        parts.append(f"at least {view.min_evidence} sentences")
    if not view.include_negated:
        parts.append("negated hidden")
    return "; ".join(parts)


def snapshot(
    sub: Subgraph,
    fmt: str,
    *,
    title: str = "actorgraph",
    width: int = 1600,
    height: int = 1000,
    seed: int = 7,
    caption: str | None = None,
) -> bytes:
    """Render ``sub`` in ``fmt``; the Python entry point for notebooks and report pipelines."""
    fmt = format_for("x." + fmt)
    opts = Options(title, int(width), int(height), int(seed), caption)
    return RENDERERS[fmt](sub, opts)


class ViewSource(Protocol):
    """What :func:`view_snapshot` asks of a store (``graph.store.Store`` has both)."""

    def neighbourhood(self, view: ViewParams) -> Subgraph: ...

    def read_query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult: ...


def view_snapshot(
    store: ViewSource,
    fmt: str,
    view: ViewParams | None = None,
    cypher: str | None = None,
    params: dict[str, Any] | None = None,
    **options: Any,
) -> bytes:
    """Ask the store for a view (or a read-only Cypher query) and render it."""
    if cypher:
        sub = store.read_query(cypher, params or {}).subgraph
    else:
        sub = store.neighbourhood(view or ViewParams())
    focus_name = next((n.name for n in sub.nodes if view and n.id == view.focus), None)
    options.setdefault("caption", describe(view, focus_name, cypher))
    return snapshot(sub, fmt, **options)


def save(data: bytes, path: str) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


# --- renderers -----------------------------------------------------------------------------


def _html(sub: Subgraph, o: Options) -> bytes:
    title = o.title + (f" — {o.caption}" if o.caption else "")
    return visual.html_page(sub, title=title, width="100%", height=f"{o.height}px", seed=o.seed).encode("utf-8")


def _figure(sub: Subgraph, o: Options) -> tuple[Figure, Any]:
    """A matplotlib figure of the view with the explorer's colours, a legend and a caption."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    dpi = 100
    fig = plt.figure(figsize=(o.width / dpi, o.height / dpi), dpi=dpi)
    ax = fig.add_axes((0.02, 0.09, 0.96, 0.83))
    ax.set_axis_off()
    fig.text(0.02, 0.965, o.title, fontsize=16, fontweight="bold", va="top")
    caption = "; ".join(x for x in (o.caption, visual.caption(sub)) if x)
    fig.text(0.02, 0.925, caption, fontsize=10, color="#444444", va="top")
    pos = layout.positions(sub, seed=o.seed)
    nodes = sorted(sub.nodes, key=lambda n: n.id)
    if pos:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        pad_x = (max(xs) - min(xs)) * 0.08 + 50
        pad_y = (max(ys) - min(ys)) * 0.08 + 50
        ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    if len(sub.edges) > BULK_EDGES:
        _bulk_edges(ax, sub, pos)
    pair_count: dict[tuple[str, ...], int] = {}
    for e in sorted(sub.edges, key=lambda e: e.key) if len(sub.edges) <= BULK_EDGES else ():
        if e.source not in pos or e.target not in pos:
            continue
        k = tuple(sorted((e.source, e.target)))
        pair_count[k] = pair_count.get(k, 0) + 1
        bend = 0.08 * (pair_count[k] - 1) * (1 if pair_count[k] % 2 else -1)
        arrow = FancyArrowPatch(
            pos[e.source],
            pos[e.target],
            connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-" if e.type in SYMMETRIC_RELATION_TYPES else "-|>",
            mutation_scale=12,
            color=style.relation_colour(e.type),
            linewidth=style.edge_width(e.count) * 0.8,
            linestyle=(0, (4, 3)) if e.negated else "-",
            alpha=0.8,
            shrinkA=9,
            shrinkB=9,
            zorder=1,
        )
        ax.add_patch(arrow)
    crowded = len(nodes) > 60
    shrink = 1.0 if not crowded else max(0.3, (60 / len(nodes)) ** 0.5)  # big views: smaller marks
    labelled = {n.id for n in sorted(nodes, key=lambda n: (-n.degree, n.id))[:40]} if crowded else {n.id for n in nodes}
    for t in sorted({n.type for n in nodes}):  # one scatter per actor type, not one per node
        group = [n for n in nodes if n.type == t]
        ax.scatter(
            [pos[n.id][0] for n in group],
            [pos[n.id][1] for n in group],
            s=[(style.node_size(n.degree) * 1.6 * shrink) ** 2 / 4 for n in group],
            c=style.actor_colour(t),
            marker=style.actor_marker(t),
            edgecolors="white",
            linewidths=1.0,
            zorder=2,
        )
    for n in nodes:
        x, y = pos[n.id]
        size = style.node_size(n.degree) * shrink
        if n.id in labelled:
            ax.annotate(
                n.name,
                (x, y),
                xytext=(0, -(size / 2 + 6)),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=9 if not crowded else 7,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            )
    handles = [
        Line2D(
            [],
            [],
            marker=style.actor_marker(t),
            linestyle="",
            markersize=9,
            markerfacecolor=style.actor_colour(t),
            markeredgecolor="white",
            label=t,
        )
        for t in sorted({n.type for n in nodes})
    ]
    handles += [
        Line2D([], [], color=style.relation_colour(t), linewidth=2.5, label=t)
        for t in sorted({e.type for e in sub.edges})
    ]
    if any(e.negated for e in sub.edges):
        handles.append(Line2D([], [], color="#666666", linewidth=2, linestyle=(0, (4, 3)), label="negated"))
    if handles:
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=min(len(handles), 8),
            fontsize=9,
            frameon=False,
            bbox_to_anchor=(0.5, 0.005),
        )
    return fig, plt


BULK_EDGES = 150


def _bulk_edges(ax: Axes, sub: Subgraph, pos: dict[str, tuple[float, float]]) -> None:
    """Many edges at once: straight lines in a few LineCollections (one per colour and dash style)
    and arrowheads as one PolyCollection, instead of one patch per edge."""
    import math

    from matplotlib.collections import LineCollection, PolyCollection

    xs = [p[0] for p in pos.values()] or [0.0]
    span = (max(xs) - min(xs)) or 1.0
    head, back = span * 0.008, span * 0.012
    groups: dict[tuple[str, bool], list[tuple[tuple[tuple[float, float], tuple[float, float]], float]]] = {}
    heads: list[list[tuple[float, float]]] = []
    head_colours: list[str] = []
    for e in sorted(sub.edges, key=lambda e: e.key):
        if e.source not in pos or e.target not in pos or e.source == e.target:
            continue
        (x0, y0), (x1, y1) = pos[e.source], pos[e.target]
        groups.setdefault((style.relation_colour(e.type), e.negated), []).append(
            (((x0, y0), (x1, y1)), style.edge_width(e.count) * 0.6)
        )
        if e.type not in SYMMETRIC_RELATION_TYPES:
            d = math.hypot(x1 - x0, y1 - y0) or 1.0
            ux, uy = (x1 - x0) / d, (y1 - y0) / d
            tip = (x1 - ux * back, y1 - uy * back)
            base = (tip[0] - ux * head * 2, tip[1] - uy * head * 2)
            heads.append([tip, (base[0] - uy * head, base[1] + ux * head), (base[0] + uy * head, base[1] - ux * head)])
            head_colours.append(style.relation_colour(e.type))
    for (colour, negated), items in sorted(groups.items()):
        ax.add_collection(
            LineCollection(
                [seg for seg, _ in items],
                colors=colour,
                linewidths=[w for _, w in items],
                linestyles=(0, (4, 3)) if negated else "solid",
                alpha=0.6,
                zorder=1,
            )
        )
    if heads:
        ax.add_collection(PolyCollection(heads, facecolors=head_colours, edgecolors="none", alpha=0.8, zorder=1))


def _static(fmt: str) -> Renderer:
    def render(sub: Subgraph, o: Options) -> bytes:
        import matplotlib

        matplotlib.rcParams["svg.hashsalt"] = f"actorgraph-{o.seed}"
        matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: labels are searchable in the SVG
        fig, plt = _figure(sub, o)
        buf = io.BytesIO()
        metadata = {
            "png": {"Software": None},
            "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
        }[fmt]
        fig.savefig(buf, format=fmt, dpi=100, metadata=metadata)
        plt.close(fig)
        return buf.getvalue()

    return render


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph[str]:
    """A MultiDiGraph with actor types, relation types, evidence counts and dates as attributes."""
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in sorted(sub.nodes, key=lambda n: n.id):
        g.add_node(
            n.id,
            label=n.name,
            actor_type=n.type,
            degree=n.degree,
            mentions=n.mentions,
            aliases="; ".join(n.aliases),
            color=style.actor_colour(n.type),
        )
    for e in sorted(sub.edges, key=lambda e: e.key):
        g.add_edge(
            e.source,
            e.target,
            key=e.key,
            relation=e.type,
            negated=e.negated,
            evidence=e.count,
            first_date=e.first_date or "",
            last_date=e.last_date or "",
            color=style.relation_colour(e.type),
        )
    return g


def _graphml(sub: Subgraph, o: Options) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(to_networkx(sub), buf, encoding="utf-8")
    return buf.getvalue()


def _gexf(sub: Subgraph, o: Options) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    g = to_networkx(sub)
    nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue()


def _json(sub: Subgraph, o: Options) -> bytes:
    import networkx as nx

    data = nx.node_link_data(to_networkx(sub), edges="links")
    data["graph"] = {
        "title": o.title,
        "caption": o.caption or "",
        "documents": sub.documents,
        "date_from": sub.date_from,
        "date_to": sub.date_to,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _csv(sub: Subgraph, o: Options) -> bytes:
    """A zip of nodes.csv and edges.csv (one file to download, two tables to open)."""
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.writer(nodes)
    w.writerow(["id", "name", "type", "degree", "mentions", "aliases"])
    for n in sorted(sub.nodes, key=lambda n: n.id):
        w.writerow([n.id, n.name, n.type, n.degree, n.mentions, "; ".join(n.aliases)])
    w = csv.writer(edges)
    w.writerow(["source", "target", "type", "negated", "evidence", "first_date", "last_date"])
    for e in sorted(sub.edges, key=lambda e: e.key):
        w.writerow([e.source, e.target, e.type, str(e.negated).lower(), e.count, e.first_date or "", e.last_date or ""])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("nodes.csv", nodes.getvalue()), ("edges.csv", edges.getvalue())):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buf.getvalue()


RENDERERS = {
    "html": _html,
    "png": _static("png"),
    "svg": _static("svg"),
    "pdf": _static("pdf"),
    "graphml": _graphml,
    "gexf": _gexf,
    "json": _json,
    "csv": _csv,
}
