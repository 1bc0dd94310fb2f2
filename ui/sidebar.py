"""The explorer's sidebar: search, Back/Forward/Overview, filters, the timeline, display, paths.

Each widget is set from the URL at the top of every run and writes the URL back in its callback
(``ui.nav``), so the URL stays the one source of the view: Back, a shared link and a widget all
agree, and nothing a widget remembers can pull the view back later.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from graph.model import ACTOR_TYPES, DEFAULT_VIEW_LIMIT, RELATION_TYPES, ViewParams
from graph.render import style
from ui import data, nav, timeline
from ui.state import Workbench
from ui.text import md

LIMITS = (50, 100, 300, 500, 1000, 2000)


def render(view: ViewParams, wb: Workbench, hidden_count: int) -> None:
    search()
    history()
    filters(view)
    timeline.render(view)
    display(wb, hidden_count)
    path_finder(wb)


# --- search --------------------------------------------------------------------------------


def search() -> None:
    q = st.text_input("Search actors", placeholder="NATO, Stoltenberg, Kyiv…", key="search")
    if q:
        suggestions(q, "Suggestions", "suggest", _picked, with_degree=True)


def suggestions(
    q: str,
    label: str,
    key: str,
    on_change: Callable[..., None],
    args: tuple = (),
    with_degree: bool = False,
    collapsed: bool = False,
) -> None:
    """The actors matching ``q`` as a select box (key ``key``; its options, label to id, kept in
    ``st.session_state["_" + key + "_options"]`` for ``on_change``), or a word that none matches.
    The search box and the path finder's pickers share it, so both rank and word alike."""
    found = data.search(q)
    if not found:
        st.caption("No actor matches.")
        return
    degree = (lambda n: f", {n.degree} relations") if with_degree else (lambda n: "")
    options = {f"{n.name} ({n.type}{degree(n)})": n.id for n in found}
    st.session_state[f"_{key}_options"] = options
    st.selectbox(
        label,
        list(options),
        index=None,
        placeholder="Choose an actor",
        key=key,
        on_change=on_change,
        args=args,
        label_visibility="collapsed" if collapsed else "visible",
    )


def _picked() -> None:
    """A suggestion is a one-off jump: focus it, then empty the search so nothing re-applies it."""
    ss = st.session_state
    target = ss.get("_suggest_options", {}).get(ss.get("suggest"))
    ss["search"] = ""
    ss["suggest"] = None
    if target:
        nav.focus(target)


def history() -> None:
    ss = st.session_state
    back, fwd, home = st.columns([1, 1, 2.2], gap="small")
    back.button("◀", on_click=nav.back, disabled=not ss.get("history"), width="stretch", key="nav_back", help="Back")
    fwd.button("▶", on_click=nav.forward, disabled=not ss.get("future"), width="stretch", key="nav_fwd", help="Forward")
    home.button("Overview", on_click=nav.overview, width="stretch", key="nav_home")


# --- filters -------------------------------------------------------------------------------


def filters(view: ViewParams) -> None:
    ss = st.session_state
    ss["f_types"] = list(view.relation_types)
    with st.container(key="reltypes"):
        st.pills(
            "Relations",
            RELATION_TYPES,
            selection_mode="multi",
            key="f_types",
            on_change=_types,
            format_func=lambda t: t.replace("_", " ").lower(),
        )
    ss["f_atypes"] = list(view.actor_types)
    with st.container(key="actortypes"):
        st.pills("Actors", ACTOR_TYPES, selection_mode="multi", key="f_atypes", on_change=_atypes)
    c1, c2 = st.columns([1.35, 1], gap="small")  # the depth control's three buttons need the room
    ss["f_depth"] = view.depth
    c1.segmented_control(
        "Depth", (1, 2, 3), key="f_depth", on_change=_depth, help="Hops from the focus", width="stretch"
    )
    limits = sorted({*LIMITS, view.limit})
    ss["f_limit"] = view.limit
    c2.selectbox("Max actors", limits, key="f_limit", on_change=_set, args=("f_limit", "limit", DEFAULT_VIEW_LIMIT))
    ss["f_min"] = view.min_evidence
    c3, c4 = st.columns(2, gap="small", vertical_alignment="bottom")  # a row of its own: nothing cut off
    c3.number_input("Min. sentences", 1, 1000, key="f_min", on_change=_set, args=("f_min", "min", 1))
    ss["f_neg"] = view.include_negated
    c4.toggle("Negated", key="f_neg", on_change=_negated, help="Show negated relations (dashed)")


def pill_css() -> str:
    """Relation and actor type toggles in the colours the network uses (an outline when off)."""
    groups = [
        ("reltypes", [style.relation_colour(t) for t in RELATION_TYPES]),
        ("actortypes", [style.actor_colour(a) for a in ACTOR_TYPES]),
    ]
    rules = []
    for key, colours in groups:
        for i, c in enumerate(colours, start=1):
            button = f'.st-key-{key} [data-testid="stButtonGroup"] button:nth-of-type({i})'
            rules.append(
                f'{button} {{ border: 2px solid {c}; }} {button}[aria-pressed="true"] {{ background: {c}; color: #fff; }}'
            )
    return "<style>" + "\n".join(rules) + "</style>"


def _types() -> None:
    picked = st.session_state.get("f_types") or []
    nav.change(
        types=",".join(t for t in RELATION_TYPES if t in picked) if 0 < len(picked) < len(RELATION_TYPES) else None
    )


def _atypes() -> None:
    picked = st.session_state.get("f_atypes") or []
    nav.change(atypes=",".join(t for t in ACTOR_TYPES if t in picked) if 0 < len(picked) < len(ACTOR_TYPES) else None)


def _depth() -> None:
    d = st.session_state.get("f_depth")
    if d:
        nav.change(depth=None if d == 1 else str(d))


def _negated() -> None:
    nav.change(neg=None if st.session_state.get("f_neg") else "0")


def _set(key: str, param: str, default) -> None:
    value = st.session_state.get(key)
    nav.set_params({param: None if value in (None, default) else str(value)})


# --- display -------------------------------------------------------------------------------


def display(wb: Workbench, hidden_count: int) -> None:
    ss = st.session_state
    ss.setdefault("size_by", "degree")
    st.segmented_control("Size nodes by", ("degree", "mentions"), key="size_by", width="stretch")
    ss["f_group"] = wb.grouped
    st.toggle(
        "Group big views",
        key="f_group",
        on_change=lambda: nav.change(group=None if st.session_state.get("f_group") else "0"),
        help="Above 150 actors, draw communities as one node each (double-click opens one)",
    )
    if hidden_count:
        st.button(
            f"Show {hidden_count} hidden actor{'s' if hidden_count != 1 else ''}",
            key="show_hidden",
            on_click=nav.change,
            kwargs={"hide": None},
            width="stretch",
        )


# --- path finder ---------------------------------------------------------------------------


def path_finder(wb: Workbench) -> None:
    ss = st.session_state
    if wb.path and ss.get("_path_shown") != wb.path:  # a path from the URL fills the pickers once
        ss["pf_from"], ss["pf_to"] = wb.path
        ss["_path_shown"] = wb.path
    with st.expander("Path finder", expanded=bool(wb.path) or bool(ss.get("pf_from") or ss.get("pf_to"))):
        actor_picker("From", "pf_from")
        actor_picker("To", "pf_to")
        a, b = ss.get("pf_from"), ss.get("pf_to")
        c1, c2 = st.columns(2, gap="small")
        c1.button(
            "Find paths",
            key="pf_go",
            type="primary",
            disabled=not (a and b) or a == b,
            on_click=nav.set_params,
            args=({"from": a, "to": b},),
            kwargs={"drop": ("sel",)},
            width="stretch",
        )
        c2.button("Clear path", key="pf_clear", disabled=not wb.path, on_click=_clear_path, width="stretch")


def _clear_path() -> None:
    ss = st.session_state
    ss["pf_from"] = ss["pf_to"] = None
    ss["_path_shown"] = None
    nav.set_params({"from": None, "to": None}, drop=("sel",))


def actor_picker(label: str, key: str) -> None:
    """A text box with suggestions; the chosen actor's id goes to ``st.session_state[key]``."""
    ss = st.session_state
    chosen = ss.get(key)
    q = st.text_input(
        label,
        key=f"{key}_q",
        placeholder=_actor_name(chosen) if chosen else "Type a name…",
        help=f"Chosen: {md(_actor_name(chosen))}" if chosen else None,
    )
    if chosen and not q:
        st.caption(f"{label}: **{md(_actor_name(chosen))}**")
    if q:
        suggestions(q, f"{label} suggestions", f"{key}_pick", _chose, args=(key,), collapsed=True)


def _chose(key: str) -> None:
    ss = st.session_state
    ss[key] = ss.get(f"_{key}_pick_options", {}).get(ss.get(f"{key}_pick"))
    ss[f"{key}_q"] = ""
    ss[f"{key}_pick"] = None


def _actor_name(actor_id: str | None) -> str:
    if not actor_id:
        return ""
    found = data.actor(actor_id)
    return found.name if found else actor_id
