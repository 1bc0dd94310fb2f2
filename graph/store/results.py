"""A user's query result as plain data, and the one way it is written out as CSV, JSON or table cells.

The driver answers with its own node, relationship and path objects; they become JSON-safe dicts
and lists here (``plain``), and the actors and relations among them become a ``Subgraph`` the
explorer can draw (``graph_of``). The CLI's ``query --format csv|json`` and the Cypher page's
downloads both call ``to_csv``/``to_json``, so a file from either is the same.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from ..model import RELATION_TYPES, ActorType, Edge, Node, QueryResult, RelationType, Subgraph

if TYPE_CHECKING:
    from neo4j import Record
    from neo4j.graph import Node as N4Node


def plain(value: object) -> Any:
    """A JSON-safe value: nodes, relationships and paths become dicts, dates strings."""
    from neo4j.graph import Node as N4Node
    from neo4j.graph import Path, Relationship

    if isinstance(value, N4Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {
            "type": value.type,
            "start": _get(value.start_node, "id"),
            "end": _get(value.end_node, "id"),
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _get(node: N4Node | None, key: str) -> Any:
    """A property of a relationship's end (None when the driver did not send the end)."""
    return None if node is None else node.get(key)


def _weight(rel: Any) -> int:
    """How many occurrences a relationship stands for: an aggregate edge carries ``count``."""
    n = rel.get("count")
    return n if isinstance(n, int) and n > 0 else 1


def graph_of(records: Iterable[Record]) -> Subgraph:
    """The actors and relations inside a result (bare nodes, relationships, paths, lists of them)."""
    from neo4j.graph import Node as N4Node
    from neo4j.graph import Path, Relationship

    nodes: dict[str, Node] = {}
    edges: Counter[tuple[str, str, str, bool]] = Counter()
    dates: dict[tuple[str, str, str, bool], list[str]] = defaultdict(list)

    def visit(v: object) -> None:
        if isinstance(v, N4Node) and "Actor" in v.labels and v.get("id"):
            nodes.setdefault(
                v["id"],
                Node(
                    v["id"],
                    v.get("name", v["id"]),
                    cast(ActorType, v.get("type", "Organisation")),
                    tuple(v.get("aliases") or ()),
                ),
            )
        elif isinstance(v, Relationship) and v.type in RELATION_TYPES:
            visit(v.start_node)
            visit(v.end_node)
            start, end = _get(v.start_node, "id"), _get(v.end_node, "id")
            if start is not None and end is not None:
                key = (start, end, v.type, bool(v.get("negated")))
                edges[key] += _weight(v)
                for prop in ("date", "first", "last"):
                    if v.get(prop):
                        dates[key].append(v[prop])
        elif isinstance(v, Path):
            for x in (*v.nodes, *v.relationships):
                visit(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            for x in v.values():
                visit(x)

    for r in records:
        for v in r.values():
            visit(v)
    es = tuple(
        Edge(
            s,
            t,
            cast(RelationType, ty),
            n,
            c,
            min(dates[(s, t, ty, n)], default=None),
            max(dates[(s, t, ty, n)], default=None),
        )
        for (s, t, ty, n), c in edges.items()
        if s in nodes and t in nodes
    )
    return Subgraph(tuple(nodes.values()), es)


def query_result(
    keys: Sequence[str], records: Sequence[Record], row_cap: int, notifications: tuple[str, ...] = (), note: str = ""
) -> QueryResult:
    """A ``QueryResult`` from at most ``row_cap + 1`` driver records (one more says it was cut);
    ``note`` says where the console cut the answer ("stopped at 1,000 rows"), if it did."""
    truncated = len(records) > row_cap or bool(note)
    records = records[:row_cap]
    if truncated and not note:
        note = f"stopped at {row_cap:,} rows"
    return QueryResult(
        tuple(keys),
        tuple(tuple(plain(v) for v in r.values()) for r in records),
        graph_of(records),
        truncated,
        tuple(notifications),
        tuple(tuple(text(v) for v in r.values()) for r in records),
        note,
    )


def _name(node: N4Node | None) -> str:
    if node is None:
        return "node"
    return str(node.get("name") or node.get("title") or node.get("id") or ":".join(sorted(node.labels)) or "node")


def text(value: object) -> Any:
    """A value as a screen shows it: an actor by its name, a relation as ``A -TYPE-> B``, a path as
    its chain of names and relation types; none of the stored bookkeeping (ids, spans, alias text).
    Other values as :func:`plain` gives them."""
    from neo4j.graph import Node as N4Node
    from neo4j.graph import Path, Relationship

    if isinstance(value, N4Node):
        kind = next((lab for lab in sorted(value.labels) if lab != "Actor"), "")
        return f"{_name(value)} ({kind})" if kind else _name(value)
    if isinstance(value, Relationship):
        neg = "NOT " if value.get("negated") else ""
        return f"{_name(value.start_node)} -{neg}{value.type}-> {_name(value.end_node)}"
    if isinstance(value, Path):
        nodes, rels = list(value.nodes), list(value.relationships)
        out = _name(nodes[0])
        for before, rel, after in zip(nodes, rels, nodes[1:]):
            neg = "NOT " if rel.get("negated") else ""
            forward = rel.start_node is not None and rel.start_node.element_id == before.element_id
            out += f" -{neg}{rel.type}-> " if forward else f" <-{neg}{rel.type}- "
            out += _name(after)
        return out
    if isinstance(value, (list, tuple)) and any(isinstance(v, (N4Node, Relationship, Path)) for v in value):
        return "; ".join(str(text(v)) for v in value)
    return cell(plain(value))


# --- writing a result out -------------------------------------------------------------------


def cell(value: Any) -> Any:
    """A table cell: lists and maps as compact JSON (as in CSV), everything else as is."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def records(result: QueryResult) -> list[dict[str, Any]]:
    """The rows as ``{column: value}`` dicts (the JSON form)."""
    return [dict(zip(result.columns, row)) for row in result.rows]


def to_json(result: QueryResult) -> str:
    """The rows as a JSON array of objects, values as Neo4j gave them (maps and lists nested)."""
    return json.dumps(records(result), ensure_ascii=False, indent=2)


def to_csv(result: QueryResult) -> str:
    """A header row of column names, then one line per row; maps and lists as JSON in their cell."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(result.columns)
    for row in result.rows:
        w.writerow([cell(v) for v in row])
    return buf.getvalue()


def table_rows(result: QueryResult) -> list[dict[str, Any]]:
    """The rows for an on-screen table: ``{column: cell}``; actors, relations and paths as short text
    (:func:`text`), other maps and lists as JSON text."""
    if result.display and len(result.display) == len(result.rows):
        return [dict(zip(result.columns, row)) for row in result.display]
    return [{k: cell(v) for k, v in r.items()} for r in records(result)]
