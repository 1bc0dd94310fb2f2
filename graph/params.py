"""View parameters from text, the one parser the CLI, the explorer's URL and notebooks share.

A view is described by a handful of strings wherever it comes from (``--types WARNS,DEMANDS``,
``?types=WARNS,DEMANDS``); parsing them here once means a wrong value gets the same clear
``ParamError`` everywhere instead of an error in one place and a silent drop in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TypeVar

from .errors import ParamError
from .model import ACTOR_TYPES, DEFAULT_VIEW_LIMIT, MAX_VIEW_LIMIT, RELATION_TYPES, ActorType, RelationType, ViewParams

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Name = TypeVar("Name", bound=str)


def _names(value: str | Iterable[str] | None, allowed: tuple[Name, ...], what: str) -> tuple[Name, ...]:
    """A comma-separated list (or an iterable) of names from ``allowed``, in ``allowed``'s order;
    nothing given means all of them. Case-insensitive, so ``warns`` is ``WARNS``."""
    if value is None:
        return allowed
    items = value.split(",") if isinstance(value, str) else list(value)
    picked = [v.strip() for v in items if v and v.strip()]
    if not picked:
        return allowed
    by_key = {a.lower(): a for a in allowed}
    bad = [v for v in picked if v.lower() not in by_key]
    if bad:
        raise ParamError(f"unknown {what}: {', '.join(bad)} (choose from {', '.join(allowed)})")
    chosen = {by_key[v.lower()] for v in picked}
    return tuple(a for a in allowed if a in chosen)


def parse_relation_types(value: str | Iterable[str] | None) -> tuple[RelationType, ...]:
    """``"WARNS,demands"`` -> ``("WARNS", "DEMANDS")``; empty means every type."""
    return _names(value, RELATION_TYPES, "relation types")


def parse_actor_types(value: str | Iterable[str] | None) -> tuple[ActorType, ...]:
    """``"State,person"`` -> ``("Person", "State")``; empty means every type."""
    return _names(value, ACTOR_TYPES, "actor types")


def parse_date(value: str | date | None, what: str = "date") -> str | None:
    """An ISO day ``YYYY-MM-DD`` (checked to exist) or None; anything else is a ``ParamError``."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise ParamError(f"{what} {value!r} is not a date: write YYYY-MM-DD, e.g. 2022-02-24") from None
    return text


def parse_int(value: object, what: str, lo: int, hi: int) -> int:
    """An integer within ``[lo, hi]``; a clear ``ParamError`` otherwise."""
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise ParamError(f"{what} {value!r} is not a whole number") from None
    if not lo <= n <= hi:
        raise ParamError(f"{what} must be between {lo} and {hi}, not {n}")
    return n


def parse_view(
    focus: str | None = None,
    depth: int | str = 1,
    relation_types: str | Iterable[str] | None = None,
    actor_types: str | Iterable[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    min_evidence: int | str = 1,
    include_negated: bool = True,
    limit: int | str = DEFAULT_VIEW_LIMIT,
    include_undated: bool = True,
) -> ViewParams:
    """A checked ``ViewParams`` from loose values (strings from a command line or a URL)."""
    since_, until_ = parse_date(since, "since"), parse_date(until, "until")
    if since_ and until_ and since_ > until_:
        raise ParamError(f"since ({since_}) is after until ({until_})")
    return ViewParams(
        focus=(focus or None),
        depth=parse_int(depth, "depth", 1, 3),
        relation_types=parse_relation_types(relation_types),
        actor_types=parse_actor_types(actor_types),
        since=since_,
        until=until_,
        min_evidence=parse_int(min_evidence, "minimum evidence", 1, 1000),
        include_negated=bool(include_negated),
        limit=parse_int(limit, "limit", 1, MAX_VIEW_LIMIT),
        include_undated=bool(include_undated),
    )


# --- the explorer's URL --------------------------------------------------------------------

#: URL key -> ViewParams field. The URL holds only what differs from the defaults.
URL_KEYS = {
    "focus": "focus",
    "depth": "depth",
    "types": "relation_types",
    "atypes": "actor_types",
    "since": "since",
    "until": "until",
    "min": "min_evidence",
    "neg": "include_negated",
    "limit": "limit",
    "undated": "include_undated",
}


def from_url(query: Mapping[str, str]) -> tuple[ViewParams, tuple[str, ...]]:
    """(view, expanded actor ids) from a URL's query parameters (``?focus=org:nato&depth=2``).
    Raises ``ParamError`` naming the bad value; the caller shows it and falls back to defaults."""
    get = query.get
    v = parse_view(
        focus=get("focus"),
        depth=get("depth") or 1,
        relation_types=get("types"),
        actor_types=get("atypes"),
        since=get("since"),
        until=get("until"),
        min_evidence=get("min") or 1,
        include_negated=(get("neg") or "1") != "0",
        limit=get("limit") or DEFAULT_VIEW_LIMIT,
        include_undated=(get("undated") or "1") != "0",
    )
    expanded = tuple(x for x in (get("expand") or "").split(",") if x)
    return v, expanded


def to_url(v: ViewParams, expanded: tuple[str, ...] = ()) -> dict[str, str]:
    """The query parameters of a view: only what differs from the defaults, so URLs stay short."""
    default = ViewParams()
    out: dict[str, str] = {}
    for key, name in URL_KEYS.items():
        value = getattr(v, name)
        if value == getattr(default, name) or value is None:
            continue
        if isinstance(value, bool):
            out[key] = "1" if value else "0"
        elif isinstance(value, tuple):
            out[key] = ",".join(value)
        else:
            out[key] = str(value)
    if expanded:
        out["expand"] = ",".join(expanded)
    return out
