"""How relations are drawn: parallel and opposite relations of one pair of actors bent apart, and
the relations that touch a group of a big view merged into one grey edge per pair of ends."""

from __future__ import annotations

from typing import Any

from ..model import Edge, Subgraph
from . import group, style


def curves(edges: list[Edge]) -> list[dict[str, Any] | bool]:
    """vis-network ``smooth`` settings that draw parallel and opposite edges of one pair of actors
    apart: a lone edge is straight, several bend to different sides by different amounts. Offsets
    are assigned in the pair's canonical direction, so an edge drawn the other way round flips its
    bend and "A warns B" and "B warns A" curve away from each other."""
    by_pair: dict[tuple[str, str], list[Edge]] = {}
    for e in sorted(edges, key=lambda e: e.key):
        by_pair.setdefault(_pair(e.source, e.target), []).append(e)
    bend: dict[str, float] = {}
    for (a, _b), same_pair in by_pair.items():
        k = len(same_pair)
        for i, e in enumerate(same_pair):
            offset = (i - (k - 1) / 2) * 0.4
            bend[e.key] = offset if e.source == a else -offset
    out: list[dict[str, Any] | bool] = []
    for e in edges:
        b = bend.get(e.key, 0.0)
        if abs(b) < 1e-9:
            out.append(False)
        else:
            out.append({"enabled": True, "type": "curvedCW" if b > 0 else "curvedCCW", "roundness": round(abs(b), 3)})
    return out


def group_title(g: group.Group, names: dict[str, str]) -> str:
    shown = ", ".join(names.get(m, m) for m in g.members[:12])
    more = f" and {len(g.members) - 12} more" if len(g.members) > 12 else ""
    return f"{len(g.members)} actors grouped ({group.METHOD})\n{shown}{more}\nDouble-click to open"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def group_edges(
    sub: Subgraph, member_of: dict[str, str], grouping: group.Grouping | None, names: dict[str, str]
) -> list[dict[str, Any]]:
    """One grey edge per pair of drawn ends for the edges that touch a group, with the sentences summed."""
    if not member_of or grouping is None:
        return []
    label = {g.id: g.label for g in grouping.groups}
    total: dict[tuple[str, str], int] = {}
    kinds: dict[tuple[str, str], dict[str, int]] = {}
    for e in sub.edges:
        a, b = member_of.get(e.source, e.source), member_of.get(e.target, e.target)
        if a == b or (a == e.source and b == e.target):
            continue
        pair = _pair(a, b)
        total[pair] = total.get(pair, 0) + e.count
        kinds.setdefault(pair, {})
        kinds[pair][e.type] = kinds[pair].get(e.type, 0) + e.count
    out = []
    for (a, b), n in sorted(total.items()):
        detail = ", ".join(f"{t} {c}" for t, c in sorted(kinds[(a, b)].items(), key=lambda x: -x[1]))
        out.append(
            {
                "from": a,
                "to": b,
                "id": f"group-edge:{a}|{b}",
                "title": f"{label.get(a, names.get(a, a))} – {label.get(b, names.get(b, b))}\n"
                f"{n} evidence sentences: {detail}",
                "color": {"color": "#b0b0b0", "opacity": 0.7},
                "width": style.edge_width(n),
                "arrows": "",
                "smooth": False,
                "relation": "GROUP",
                "count": n,
            }
        )
    return out
