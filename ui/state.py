"""The view state lives in the URL's query parameters, so the same URL gives the same view:
``?focus=org:nato&depth=2&types=DEMANDS,WARNS&since=2022-01-01``. Parsing is the core's
(``graph.params``), shared with the CLI: a bad value is a ``ParamError`` naming it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph import params
from graph.model import ViewParams


def from_query(q) -> tuple[ViewParams, tuple[str, ...]]:
    """(view, expanded actor ids) from query parameters; raises ``ParamError`` on a bad value."""
    return params.from_url(q)


def to_query(view: ViewParams, expanded: tuple[str, ...] = ()) -> dict[str, str]:
    """Only what differs from the defaults, so URLs stay short and readable."""
    return params.to_url(view, expanded)


def with_focus(view: ViewParams, focus: str | None) -> ViewParams:
    return replace(view, focus=focus)


# --- what the explorer's URL holds besides the view's filters --------------------------------


@dataclass(frozen=True)
class Workbench:
    """The explorer's own state in the URL: what is selected, hidden, opened, and the path.

    ``sel`` is ``node:<actor id>`` or ``edge:<edge key>``; ``path`` holds both ends of the path
    finder's search until it is cleared; ``open`` lists the groups of a big view the user opened,
    ``group=0`` draws a big view without groups."""

    hidden: tuple[str, ...] = ()
    opened: tuple[str, ...] = ()
    grouped: bool = True
    path: tuple[str, str] | None = None
    selected: tuple[str, str] | None = None  # ("node"|"edge", id)


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for x in (value or "").split(",") if x))


def workbench_from_query(q) -> Workbench:
    sel = q.get("sel") or ""
    kind, _, ident = sel.partition(":")
    path = (q.get("from"), q.get("to"))
    return Workbench(
        hidden=_ids(q.get("hide")),
        opened=_ids(q.get("open")),
        grouped=q.get("group", "1") != "0",
        path=path if all(path) else None,
        selected=(kind, ident) if kind in ("node", "edge") and ident else None,
    )


def workbench_to_query(wb: Workbench) -> dict[str, str]:
    out: dict[str, str] = {}
    if wb.hidden:
        out["hide"] = ",".join(wb.hidden)
    if wb.opened:
        out["open"] = ",".join(wb.opened)
    if not wb.grouped:
        out["group"] = "0"
    if wb.path:
        out["from"], out["to"] = wb.path
    if wb.selected:
        out["sel"] = f"{wb.selected[0]}:{wb.selected[1]}"
    return out


def edge_key(source: str, type_: str, target: str, negated: bool) -> str:
    """The id a drawn edge has (``graph.model.Edge.key``), for links that open an edge."""
    return f"{source}|{type_}|{target}|{int(bool(negated))}"


def parse_edge_key(key: str) -> tuple[str, str, str, bool] | None:
    parts = key.split("|")
    if len(parts) != 4 or parts[3] not in ("0", "1"):
        return None
    return parts[0], parts[1], parts[2], parts[3] == "1"
