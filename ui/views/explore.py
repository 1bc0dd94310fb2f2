"""Explore: search an actor, see its network, click to focus or expand, read the evidence."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

import streamlit as st

from graph.errors import ParamError
from graph.model import ACTOR_TYPES, DEFAULT_VIEW_LIMIT, RELATION_TYPES, ViewParams
from graph.render import snapshot, style, visual
from ui import data, state
from ui.network import network
from ui.text import STYLE, mark_names

st.markdown(STYLE, unsafe_allow_html=True)
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
    st.warning(f"Ignoring the link's view settings: {exc}")
    view, expanded = ViewParams(), ()
ss = st.session_state
ss.setdefault("history", [])
ss.setdefault("future", [])
ss.setdefault("selected", None)  # ("node", id) | ("edge", key)


def go(new_view: ViewParams, new_expanded: tuple[str, ...] = (), remember: bool = True) -> None:
    """Change the view: the URL changes, so the same URL gives the same view."""
    if remember:
        ss.history.append(state.to_query(view, expanded))
        ss.future.clear()
    st.query_params.from_dict(state.to_query(new_view, new_expanded))


# --- sidebar: search, filters, history, paths ----------------------------------------------
with st.sidebar:
    st.subheader("Actor")
    query = st.text_input("Search actors", placeholder="NATO, Stoltenberg, Kyiv…", key="search")
    if query:
        found = data.search(query)
        if found:
            labels = {f"{n.name} ({n.type}, {n.degree} relations)": n.id for n in found}
            pick = st.selectbox("Suggestions", list(labels), index=None, placeholder="Choose an actor", key="suggest")
            if pick and labels[pick] != view.focus:
                ss.selected = None
                go(state.with_focus(view, labels[pick]))
                st.rerun()
        else:
            st.caption("No actor matches.")
    back, fwd, clear = st.columns(3)
    if back.button("◀ Back", disabled=not ss.history, width="stretch"):
        ss.future.append(state.to_query(view, expanded))
        st.query_params.from_dict(ss.history.pop())
        st.rerun()
    if fwd.button("Forward ▶", disabled=not ss.future, width="stretch"):
        ss.history.append(state.to_query(view, expanded))
        st.query_params.from_dict(ss.future.pop())
        st.rerun()
    if clear.button("Overview", width="stretch"):
        go(state.with_focus(view, None))
        st.rerun()

    st.subheader("Filters")
    with st.form("filters", border=False):
        types = st.multiselect("Relations", RELATION_TYPES, default=list(view.relation_types), key="f_types")
        atypes = st.multiselect("Actor types", ACTOR_TYPES, default=list(view.actor_types), key="f_atypes")
        first = date.fromisoformat(stats.first_date) if stats.first_date else date(2000, 1, 1)
        last = date.fromisoformat(stats.last_date) if stats.last_date else date.today()
        since = st.date_input(
            "From",
            value=date.fromisoformat(view.since) if view.since else None,
            key="f_since",
            min_value=date(1900, 1, 1),
            help=f"Documents span {first} to {last}",
        )
        until = st.date_input(
            "Until",
            value=date.fromisoformat(view.until) if view.until else None,
            key="f_until",
            min_value=date(1900, 1, 1),
        )
        min_ev = st.slider("Minimum evidence (sentences)", 1, 20, view.min_evidence, key="f_min")
        neg = st.checkbox("Show negated relations", value=view.include_negated, key="f_neg")
        depth = st.slider("Depth", 1, 3, view.depth, key="f_depth")
        limit = st.select_slider(
            "Max actors",
            [50, 100, 300, 500, 1000, 2000],
            value=view.limit if view.limit in (50, 100, 300, 500, 1000, 2000) else DEFAULT_VIEW_LIMIT,
            key="f_limit",
        )
        if st.form_submit_button("Apply filters", type="primary", width="stretch"):
            go(
                replace(
                    view,
                    relation_types=tuple(types) or RELATION_TYPES,
                    actor_types=tuple(atypes) or ACTOR_TYPES,
                    since=since.isoformat() if since else None,
                    until=until.isoformat() if until else None,
                    min_evidence=min_ev,
                    include_negated=neg,
                    depth=depth,
                    limit=limit,
                ),
                expanded,
            )
            st.rerun()

    st.subheader("Display")
    size_by = st.radio("Size nodes by", ["degree", "mentions"], horizontal=True, key="size_by")
    click_mode = st.radio("Clicking a node", ["focuses it", "expands it"], horizontal=True, key="click_mode")

    st.subheader("Path finder")
    p_from = st.text_input("From actor", key="p_from", placeholder="e.g. Boris Johnson")
    p_to = st.text_input("To actor", key="p_to", placeholder="e.g. NATO")
    want_path = st.button("Find paths", width="stretch")

# --- the view ------------------------------------------------------------------------------
sub = data.view(view, expanded)
focus_node = next((n for n in sub.nodes if n.id == view.focus), None)
if want_path and p_from and p_to:
    a, b = data.search(p_from, 1), data.search(p_to, 1)
    if a and b:
        sub = data.paths(a[0].id, b[0].id, view)
        st.caption(f"Shortest paths between {a[0].name} and {b[0].name}")
    else:
        st.warning("Both ends of a path must be actors the search finds.")

title = (
    f"{focus_node.name}'s network"
    if focus_node
    else ("Overview: the most connected actors" if not view.focus else "Actor not found")
)
st.title(title)
st.caption(visual.caption(sub) + (f" · expanded: {len(expanded)}" if expanded else ""))
if not sub.nodes:
    st.info("Nothing matches this view. Loosen the filters or search another actor.")
    st.stop()

st.markdown(f'<div class="ag-legend" style="font-size:13px">{visual.legend_html(sub)}</div>', unsafe_allow_html=True)
vis = visual.vis_data(sub, size_by=size_by, focus=view.focus)
result = network(vis, key=f"net-{hash((view, expanded, size_by)) & 0xFFFFFFFF}", height=620, focus=view.focus)

clicked_node = getattr(result, "node", None)
clicked_edge = getattr(result, "edge", None)
if clicked_node:
    if click_mode == "expands it" and view.focus:
        ss.selected = ("node", clicked_node)
        if clicked_node not in expanded and clicked_node != view.focus:
            go(view, (*expanded, clicked_node))
            st.rerun()
    else:
        ss.selected = ("node", clicked_node)
        if clicked_node != view.focus:
            go(state.with_focus(view, clicked_node))
            st.rerun()
elif clicked_edge:
    ss.selected = ("edge", clicked_edge)

# --- details -------------------------------------------------------------------------------
left, right = st.columns([3, 2])
with left:
    sel = ss.selected
    names = {n.id: n for n in sub.nodes}
    if sel and sel[0] == "edge" and sel[1].count("|") == 3:
        source, rel_type, target, neg_flag = sel[1].split("|")
        s_node, t_node = names.get(source), names.get(target)
        st.subheader(
            f"{s_node.name if s_node else source} {'NOT ' if neg_flag == '1' else ''}{rel_type} "
            f"{t_node.name if t_node else target}"
        )
        ev = data.evidence(source, target, rel_type, neg_flag == "1", view.since, view.until)
        st.caption(f"{len(ev)} evidence sentence{'s' if len(ev) != 1 else ''}")
        for e in ev:
            marks = [(n, "subj") for n in (e.subject.name, *(s_node.aliases if s_node else ()))] + [
                (n, "obj") for n in (e.object.name, *(t_node.aliases if t_node else ()))
            ]
            st.markdown(
                f'<div class="ag-ev">{mark_names(e.sentence, marks)}<div class="ag-meta">'
                f"{html.escape(e.title or e.doc)} · {html.escape(e.date or 'no date')} · rule "
                f"<code>{html.escape(e.rule)}</code> · {html.escape(e.doc)}</div></div>",
                unsafe_allow_html=True,
            )
    else:
        actor_id = sel[1] if sel and sel[0] == "node" else view.focus
        details = data.actor(actor_id) if actor_id else None
        if details:
            st.subheader(details.name)
            st.markdown(
                f'<span style="color:{style.actor_colour(details.type)}">●</span> {html.escape(details.type)} · '
                f"{details.degree} relations · mentioned in {details.mentions} documents",
                unsafe_allow_html=True,
            )
            if details.aliases:
                st.text("Also: " + ", ".join(details.aliases))
            if details.member_of:
                st.text("Member of / office in: " + ", ".join(details.member_of))
            if details.strongest:
                st.markdown("**Strongest relations**")
                st.dataframe(
                    [
                        {
                            "relation": ("" if r.outgoing else "← ") + r.type + (" (negated)" if r.negated else ""),
                            "with": r.other,
                            "sentences": r.count,
                        }
                        for r in details.strongest
                    ],
                    hide_index=True,
                    width="stretch",
                )
        else:
            st.caption("Click a node to focus it, an edge to read its evidence.")

with right:
    st.subheader("Export this view")
    fmt = st.selectbox("Format", snapshot.FORMATS, index=1, key="export_fmt")
    caption = snapshot.describe(view, focus_node.name if focus_node else None)
    ext = snapshot.EXTENSION.get(fmt, fmt)
    st.download_button(
        f"Download {fmt.upper()}",
        lambda: snapshot.snapshot(sub, fmt, title=title, caption=caption),
        file_name=f"actorgraph-{(view.focus or 'overview').replace(':', '-')}.{ext}",
        mime=snapshot.MIME[fmt],
        width="stretch",
        key="download",
        on_click="ignore",
    )
    st.caption("Share this view: copy the page URL; it holds the focus and filters.")
