"""Explore: the network and an inspector side by side.

One click selects an actor or a relation (the inspector shows it, the view stays), a double-click
makes an actor the focus, "Expand" adds its neighbours; actors already drawn keep their places when
the view changes. Big views are grouped into communities. Everything that makes the view is in the
URL (``ui.state``), Back and Forward in the session (``ui.nav``).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from graph.errors import ParamError
from graph.model import Subgraph, ViewParams
from graph.render import snapshot, visual
from ui import data, inspector, nav, sidebar, state, timeline
from ui.network import event, network
from ui.text import STYLE, md

NET = "explore-net"
HEIGHT = 600

PAGE_CSS = """<style>
[data-testid="stSidebarHeader"] { height: 2.2rem; padding-top: 0.4rem; padding-bottom: 0; }
[data-testid="stSidebarUserContent"] { padding-top: 0; }
[data-testid="stSidebarUserContent"] [data-testid="stVerticalBlock"] { gap: 0.45rem; }
[data-testid="stSidebarUserContent"] h3 { font-size: 1rem; padding: 0.2rem 0 0 0; }
.st-key-inspector h3 { font-size: 1.15rem; padding-top: 0; }
.st-key-insp_strong { gap: 0; }
.st-key-insp_strong button { min-height: 1.5rem; padding: 0 0.2rem; justify-content: flex-start; }
</style>"""

st.markdown(STYLE + PAGE_CSS + sidebar.pill_css(), unsafe_allow_html=True)
stats = data.stats()

if stats.count("Actor") == 0:
    st.title("Explore")
    st.info("The database is empty. Ingest the bundled demo articles to start (or run `actorgraph ingest PATHS`).")
    if st.button("Ingest the seeds", type="primary"):
        from graph.extraction.rules import load_rules
        from graph.pipeline import ingest

        with st.spinner("Extracting and loading the seeds…"):
            summary = ingest(data.store(), load_rules(), [str(data.SEEDS)])
        data.clear()
        st.success(summary.text())
        st.rerun()
    st.stop()

try:
    view, expanded = state.from_query(st.query_params)
except ParamError as exc:  # a hand-edited or old URL: say what is wrong, show the default view
    st.warning(f"Ignoring the link's view settings: {md(str(exc))}")
    view, expanded = ViewParams(), ()
wb = state.workbench_from_query(st.query_params)
ss = st.session_state


# --- what the network reports (callbacks run before the next run draws the new view) ----------


def _on_select() -> None:
    value = event(NET, "select")
    if isinstance(value, dict) and value.get("kind") in ("node", "edge"):
        nav.select(value["kind"], str(value["id"]))
    else:
        nav.select(None)


def _on_focus() -> None:
    value = event(NET, "focus")
    if value:
        nav.focus(str(value))


def _on_open() -> None:
    value = event(NET, "open")
    if value:
        nav.add_to("open", str(value), sel=None)


def _on_hide() -> None:
    value = event(NET, "hide")
    if value and value != view.focus:
        nav.add_to("hide", str(value), sel=None)


def _on_expand() -> None:
    value = event(NET, "expand")
    if value and value != view.focus:
        nav.add_to("expand", str(value))


HANDLERS = {"select": _on_select, "focus": _on_focus, "open": _on_open, "hide": _on_hide, "expand": _on_expand}


def without(sub: Subgraph, hidden: set[str]) -> Subgraph:
    """The view without the actors the user hid (and their relations)."""
    if not hidden:
        return sub
    return replace(
        sub,
        nodes=tuple(n for n in sub.nodes if n.id not in hidden),
        edges=tuple(e for e in sub.edges if e.source not in hidden and e.target not in hidden),
    )


def _members(group_id: str) -> tuple[str, ...]:
    """The actors of a group drawn in the previous view."""
    return tuple(ss.get("explore_groups", {}).get(group_id, ()))


def cap_note(sub: Subgraph) -> str:
    """How the view's limit chose the actors, when it cut some off."""
    if not sub.truncated:
        return ""
    if not view.focus:
        return f"The overview shows the {min(view.limit, 150)} actors with the most relations under these filters."
    names = ("direct neighbours", "at two hops", "at three hops")
    parts = [f"{shown:,} of {found:,} {names[i]}" for i, (shown, found) in enumerate(sub.hops[:3]) if found]
    return (
        f"Capped at {view.limit} actors, the most evidence sentences first, each hop getting an equal share: "
        + ", ".join(parts)
        + "."
    )


hidden = set(wb.hidden) - {view.focus}


def side() -> None:
    """The sidebar, drawn after the network (a widget's place in the script does not matter to
    Streamlit, and the network then reaches the browser first)."""
    with st.sidebar:
        sidebar.render(view, wb, len(hidden))


# --- the view ------------------------------------------------------------------------------
if wb.path:
    sub = data.paths(wb.path[0], wb.path[1], view)
else:
    sub = data.view(view, expanded)
sub = without(sub, hidden)
names = {n.id: n.name for n in sub.nodes}
focus_node = next((n for n in sub.nodes if n.id == view.focus), None)

if wb.path:
    title = f"Paths from {inspector.actor_name(wb.path[0])} to {inspector.actor_name(wb.path[1])}"
elif focus_node:
    title = f"{focus_node.name}'s network"
elif view.focus:
    title = "Actor not found"
else:
    title = "Overview: the most connected actors"

head, export = st.columns([5, 1], vertical_alignment="bottom")
head.title(md(title), anchor=False)
caption = visual.caption(replace(sub, truncated=False) if view.focus else sub)
caption += f" · expanded: {len(expanded)}" if expanded else ""
caption += f" · {len(hidden)} hidden" if hidden else ""
head.caption(caption + (" · " + cap_note(sub) if cap_note(sub) else ""))

if not sub.edges:
    side()
    if view.since or view.until:
        st.info(
            f"No relation between {view.since or 'the beginning'} and {view.until or 'now'} matches this view. "
            + timeline.where_the_data_lies(view)
        )
    elif wb.path:
        st.info("No path of up to 4 relations links these actors under the current filters.")
    else:
        st.info("Nothing matches this view. Loosen the filters or search another actor.")
    st.stop()

with export.popover("Export", width="stretch"):
    fmt = st.selectbox("Format", snapshot.FORMATS, index=1, key="export_fmt")
    ext = snapshot.EXTENSION.get(fmt, fmt)
    st.download_button(
        f"Download {fmt.upper()}",
        lambda: snapshot.snapshot(
            sub, fmt, title=title, caption=snapshot.describe(view, focus_node.name if focus_node else None)
        ),
        file_name=f"actorgraph-{(view.focus or 'overview').replace(':', '-')}.{ext}",
        mime=snapshot.MIME[fmt],
        width="stretch",
        key="download",
        on_click="ignore",
    )
    st.caption("Share this view: copy the page URL; it holds the focus, filters and selection.")

net_col, insp_col = st.columns([3, 2], gap="small")
centre = None if wb.path else view.focus  # a path is drawn whole, not around the actor viewed before
with net_col:
    keep = {x for x in (view.focus, *expanded, *(wb.path or ())) if x}
    if wb.selected and wb.selected[0] == "node":
        keep.add(wb.selected[1])
    memory = ss.get("explore_positions") or {}
    # the members of a group just opened start where the group was drawn
    hints = {m: memory[gid] for gid in wb.opened if gid in memory for m in _members(gid)}
    drawn = visual.drawing(
        sub,
        focus=centre,
        keep=keep,
        opened=wb.opened,
        grouped=wb.grouped and not wb.path,
        fixed=memory,
        hints=hints,
        size_by=ss.get("size_by") or "degree",
    )
    grouping = drawn.grouping
    ss["explore_positions"] = drawn.positions  # the next view keeps these (only these) where they are
    if grouping:
        ss["explore_groups"] = {g.id: g.members for g in grouping.groups}
    vis = drawn.data
    st.markdown(
        f'<div class="ag-legend" style="font-size:12px">{visual.legend_html(sub)}</div>', unsafe_allow_html=True
    )
    selected = {"kind": wb.selected[0], "id": wb.selected[1]} if wb.selected else None
    network(vis, key=NET, height=HEIGHT, focus=centre, selected=selected, handlers=HANDLERS)
    hint = "Click selects · double-click focuses · drag moves · scroll zooms · keys on a selected actor: Enter focus, e expand, Delete hide"
    if grouping:
        singles = len(sub.nodes) - len(grouping.member_of)
        hint = (
            f"{len(sub.nodes)} actors drawn as {len(grouping.groups)} groups and {singles} single "
            f"actor{'s' if singles != 1 else ''}, grouped by {grouping.method}; double-click a group to open it. "
            + hint
        )
    st.caption(hint)

side()
with insp_col, st.container(height=HEIGHT + 60, border=True, key="inspector"):
    member_of = grouping.member_of if grouping else {}
    if wb.selected and wb.selected[0] == "edge":
        if wb.path:
            st.button("◀ Back to the path", key="insp_path", on_click=nav.select, args=(None,))
        inspector.edge(wb.selected[1], view, names)
    elif wb.selected and wb.selected[0] == "node" and wb.selected[1].startswith("group:"):
        inspector.group_members(grouping, wb.selected[1], names)
    elif wb.selected and wb.selected[0] == "node":
        inspector.actor(wb.selected[1], view, sub, member_of)
    elif wb.path:
        inspector.path(sub, wb.path, names)
    elif view.focus and focus_node:
        inspector.actor(view.focus, view, sub, member_of)
    else:
        inspector.overview_help(sub)
