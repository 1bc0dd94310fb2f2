"""The view state lives in the URL's query parameters, so the same URL gives the same view:
``?focus=org:nato&depth=2&types=DEMANDS,WARNS&since=2022-01-01``."""

from __future__ import annotations

from dataclasses import replace

from graph.model import ACTOR_TYPES, RELATION_TYPES, ViewParams


def _list(value: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        return allowed
    picked = tuple(v for v in value.split(",") if v in allowed)
    return picked or allowed


def _int(value, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(value)))
    except (TypeError, ValueError):
        return default


def _date(value: str | None) -> str | None:
    import re

    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def from_query(q) -> tuple[ViewParams, tuple[str, ...]]:
    """(view, expanded actor ids) from query parameters; anything malformed falls back to defaults."""
    view = ViewParams(
        focus=q.get("focus") or None,
        depth=_int(q.get("depth"), 1, 1, 3),
        relation_types=_list(q.get("types"), RELATION_TYPES),
        actor_types=_list(q.get("atypes"), ACTOR_TYPES),
        since=_date(q.get("since")),
        until=_date(q.get("until")),
        min_evidence=_int(q.get("min"), 1, 1, 100),
        include_negated=q.get("neg", "1") != "0",
        limit=_int(q.get("limit"), 300, 10, 2000),
    )
    expanded = tuple(x for x in (q.get("expand") or "").split(",") if x)
    return view, expanded


def to_query(view: ViewParams, expanded: tuple[str, ...] = ()) -> dict[str, str]:
    """Only what differs from the defaults, so URLs stay short and readable."""
    out: dict[str, str] = {}
    if view.focus:
        out["focus"] = view.focus
    if view.depth != 1:
        out["depth"] = str(view.depth)
    if tuple(view.relation_types) != RELATION_TYPES:
        out["types"] = ",".join(view.relation_types)
    if tuple(view.actor_types) != ACTOR_TYPES:
        out["atypes"] = ",".join(view.actor_types)
    if view.since:
        out["since"] = view.since
    if view.until:
        out["until"] = view.until
    if view.min_evidence != 1:
        out["min"] = str(view.min_evidence)
    if not view.include_negated:
        out["neg"] = "0"
    if view.limit != 300:
        out["limit"] = str(view.limit)
    if expanded:
        out["expand"] = ",".join(expanded)
    return out


def with_focus(view: ViewParams, focus: str | None) -> ViewParams:
    return replace(view, focus=focus)
