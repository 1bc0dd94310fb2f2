"""Moving between views: the URL holds the view, the session holds Back and Forward.

Every change goes through :func:`go`, usually from a widget's or the network's callback, which runs
before the page script: the run that follows draws the new view at once (no second rerun), and the
widgets are set from the URL at the top of that run, so a picked suggestion or a clicked node is a
one-off jump that nothing re-applies later.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

#: URL keys that belong to one view of one actor: a new focus or the overview drops them.
VIEW_LOCAL = ("sel", "expand", "open", "from", "to")


def current() -> dict[str, str]:
    return {k: st.query_params[k] for k in st.query_params}


def go(query: dict[str, str], remember: bool = True) -> None:
    """Show the view ``query`` describes; ``remember`` puts the current one on the Back stack."""
    ss = st.session_state
    now = current()
    if query == now:
        return
    if remember:
        ss.setdefault("history", []).append(now)
        ss["future"] = []
    st.query_params.from_dict({k: v for k, v in query.items() if v not in (None, "")})


def change(remember: bool = True, drop: tuple[str, ...] = (), **values: str | None) -> None:
    """The current URL with ``values`` set (None removes a key) and the keys in ``drop`` removed."""
    set_params(values, remember, drop)


def set_params(values: Mapping[str, str | None], remember: bool = True, drop: tuple[str, ...] = ()) -> None:
    """:func:`change` for keys that are not Python names (``from``) or computed."""
    q = {k: v for k, v in current().items() if k not in drop}
    for k, v in values.items():
        if v in (None, ""):
            q.pop(k, None)
        else:
            q[k] = v
    go(q, remember)


def listed(key: str) -> list[str]:
    return [x for x in (st.query_params.get(key) or "").split(",") if x]


def add_to(key: str, item: str, **also: str | None) -> None:
    items = listed(key)
    if item not in items:
        set_params({key: ",".join([*items, item]), **also})


def focus(actor_id: str) -> None:
    change(drop=VIEW_LOCAL, focus=actor_id)


def overview() -> None:
    change(drop=(*VIEW_LOCAL, "focus"))


def select(kind: str | None, ident: str | None = None) -> None:
    """Selecting changes the inspector only: it replaces the URL without a Back step."""
    change(remember=False, sel=f"{kind}:{ident}" if kind and ident else None)


def back() -> None:
    ss = st.session_state
    if ss.get("history"):
        ss.setdefault("future", []).append(current())
        st.query_params.from_dict(ss["history"].pop())


def forward() -> None:
    ss = st.session_state
    if ss.get("future"):
        ss.setdefault("history", []).append(current())
        st.query_params.from_dict(ss["future"].pop())
