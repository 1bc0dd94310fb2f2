"""The view state lives in the URL's query parameters, so the same URL gives the same view:
``?focus=org:nato&depth=2&types=DEMANDS,WARNS&since=2022-01-01``. Parsing is the core's
(``graph.params``), shared with the CLI: a bad value is a ``ParamError`` naming it."""

from __future__ import annotations

from dataclasses import replace

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
