"""The network view: vis-network (in line, from the pyvis package) as a Streamlit components-v2
component (``ui/network.js``) whose clicks reach Python.

pyvis builds the nodes, edges and options (``graph.render.visual.vis_data``); the component draws
them and reports what a person does as trigger values: ``select`` (one click on an actor or a
relation), ``focus`` (double-click on an actor), ``open`` (double-click on a group), ``hide`` and
``expand`` (keys on the selected actor). Trigger values live for one rerun, so pages handle them in
callbacks (``on_<event>``) before the script runs, and the next view is drawn in the same run.

With one ``key`` per page the component lives across views: a new view updates the drawing in place
and actors already drawn keep their positions. ``version`` tells it whether the graph changed or
only the selection did.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import streamlit as st

from graph.render import visual

EVENTS = ("select", "focus", "open", "hide", "expand")

_CSS = """
.ag-wrap { position: relative; outline: none; background: #ffffff; }
.ag-wrap:focus-visible { box-shadow: 0 0 0 2px #9ab6e0; border-radius: 6px; }
.ag-wrap.ag-full { position: fixed; inset: 0; z-index: 1000000; }
.ag-network { width: 100%; border: 1px solid #e6e6e6; border-radius: 6px; background: #ffffff; }
.ag-tools { position: absolute; top: 6px; right: 8px; z-index: 5; display: flex; gap: 4px; }
.ag-tool { font: 12px sans-serif; padding: 3px 8px; border: 1px solid #ccc; border-radius: 4px;
           background: rgba(255,255,255,0.92); cursor: pointer; color: #333; }
.ag-tool:hover { background: #f0f4fa; border-color: #9ab6e0; }
div.vis-tooltip { white-space: pre-line; font-family: sans-serif; font-size: 12px; max-width: 420px; }
"""


@lru_cache(maxsize=1)
def _component():
    js, css = visual.vis_assets()
    own = (resources.files("ui") / "network.js").read_text(encoding="utf-8")
    return st.components.v2.component("actorgraph_network", js=js + "\n" + own, css=css + _CSS, isolate_styles=False)


def version(data: dict) -> str:
    """A short digest of what is drawn, so the browser redraws only when the graph changed."""
    return hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=8).hexdigest()


def network(
    data: dict,
    *,
    key: str,
    height: int = 640,
    focus: str | None = None,
    selected: dict | None = None,
    handlers: dict[str, Callable[[], None]] | None = None,
):
    """Draw ``data`` (from ``visual.vis_data``). ``selected`` is ``{"kind": "node"|"edge", "id": …}``;
    ``handlers`` maps event names to callbacks run before the next script run (they read the value
    with :func:`event`). Returns the component result, whose attributes hold this run's triggers."""
    payload = {"graph": data, "version": version(data), "height": height, "focus": focus, "selected": selected}
    callbacks = {f"on_{e}_change": (handlers or {}).get(e, _ignore) for e in EVENTS}
    return _component()(data=payload, key=key, height=height + 4, **callbacks)


def event(key: str, name: str):
    """The value of trigger ``name`` of the component ``key``, inside its callback."""
    value = st.session_state.get(key)
    if value is None:
        return None
    try:
        return value[name]
    except (KeyError, TypeError):
        return getattr(value, name, None)


def _ignore() -> None:
    return None
