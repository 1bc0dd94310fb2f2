"""The inspector beside the network: the selected actor, relation or path, with its evidence.

Everything here reads the store through ``ui.data`` and changes the view through ``ui.nav``; text
from documents is escaped by ``ui.text`` before it becomes HTML, and names reach Markdown escaped.
"""

from __future__ import annotations

import streamlit as st

from graph.model import Subgraph, ViewParams
from graph.render import style
from ui import data, nav, state
from ui.text import OBJECT, SUBJECT, evidence_spans, h, highlight, mark_names, md, sentence_start

DOCUMENTS_PAGE = "views/documents.py"
EXPLORE_PAGE = "views/explore.py"
#: Evidence sentences shown at once for one relation (the store answers at most 200).
SHOWN = 40


def actor(actor_id: str, view: ViewParams, sub: Subgraph, grouped: dict[str, str]) -> None:
    """Details of one actor: who it is, what to do with it, its strongest relations, its documents."""
    details = data.actor(actor_id)
    if details is None:
        st.info("This actor is not in the database any more.")
        return
    st.subheader(md(details.name), anchor=False)
    st.markdown(
        f'<span style="color:{style.actor_colour(details.type)}">●</span> {h(details.type)} · '
        f"{details.degree} relations · mentioned in {details.mentions} documents",
        unsafe_allow_html=True,
    )
    if details.aliases:
        st.caption("Also: " + md(", ".join(details.aliases)))
    if details.member_of:
        more = len(details.member_of) - 12
        st.caption(
            "Member of / office in: "
            + md(", ".join(details.member_of[:12]))
            + (f" and {more} more" if more > 0 else "")
        )
    b1, b2, b3 = st.columns(3)
    b1.button(
        "Focus",
        key="insp_focus",
        on_click=nav.focus,
        args=(actor_id,),
        disabled=actor_id == view.focus,
        help="Make this actor the centre of the view (or double-click it)",
        width="stretch",
    )
    expanded = nav.listed("expand")
    b2.button(
        "Expand",
        key="insp_expand",
        on_click=nav.add_to,
        args=("expand", actor_id),
        disabled=actor_id in expanded or actor_id == view.focus,
        help="Add this actor's neighbours to the view (key: e)",
        width="stretch",
    )
    b3.button(
        "Hide",
        key="insp_hide",
        on_click=nav.add_to,
        args=("hide", actor_id),
        kwargs={"sel": None},
        disabled=actor_id == view.focus,
        help="Leave this actor out of the drawing (key: Delete)",
        width="stretch",
    )
    if actor_id in grouped:
        st.caption("Drawn inside a group of the big view.")
    if details.strongest:
        st.markdown("**Strongest relations** · select one to read its sentences")
        with st.container(key="insp_strong"):
            for r in details.strongest:
                a, b = (actor_id, r.other_id) if r.outgoing else (r.other_id, actor_id)
                arrow = "→" if r.outgoing else "←"
                st.button(
                    f"{arrow} {r.type}{' (negated)' if r.negated else ''} · {md(r.other)} · {r.count}",
                    key=f"insp_rel_{a}|{r.type}|{b}|{int(r.negated)}",
                    on_click=nav.select,
                    args=("edge", state.edge_key(a, r.type, b, r.negated)),
                    type="tertiary",
                )
    if details.documents:
        st.markdown("**Documents**")
        titles = {d.id: d.title for d in data.documents()}
        for doc_id in details.documents[:12]:
            title = str(titles.get(doc_id) or doc_id)
            st.page_link(
                DOCUMENTS_PAGE,
                label=md(shorten(title, 48)),
                query_params={"doc": doc_id},
                help=md(title) if len(title) > 48 else None,
            )


def edge(key: str, view: ViewParams, names: dict[str, str]) -> None:
    """Every sentence behind one relation, both ends marked, with document, date and rule."""
    parsed = state.parse_edge_key(key)
    if parsed is None:
        st.info("Select a relation in the network to read its sentences.")
        return
    source, rel_type, target, negated = parsed
    s_name, t_name = names.get(source) or actor_name(source), names.get(target) or actor_name(target)
    st.subheader(f"{md(s_name)} {'NOT ' if negated else ''}{rel_type} {md(t_name)}", anchor=False)
    ev = data.evidence(source, target, rel_type, negated, view.since, view.until, view.include_undated)
    st.caption(
        f"{len(ev)} evidence sentence{'s' if len(ev) != 1 else ''}"
        + (f" · showing the first {SHOWN}" if len(ev) > SHOWN else "")
        + " · subject in bold yellow, object in bold blue, other actors lightly by type"
    )
    for e in ev[:SHOWN]:
        doc = data.document_view(e.doc)
        spans = evidence_spans(doc.text, doc.spans, e) if doc else None
        if spans is None:
            sentence = mark_names(e.sentence, [(e.subject.name, SUBJECT), (e.object.name, OBJECT)])
        else:
            sentence = highlight(e.sentence, spans)
        st.markdown(
            f'<div class="ag-ev">{sentence}<div class="ag-meta">'
            f"{h(e.title or e.doc)} · {h(e.date or 'no date')} · rule "
            f"<code>{h(e.rule)}</code></div></div>",
            unsafe_allow_html=True,
        )
        # the whole sentence is marked in the document (the evidence span where it is not found)
        at = sentence_start(doc.text, e.sentence, e.start, e.end) if doc else None
        band = f"{at}-{at + len(e.sentence)}" if at is not None else f"{e.start}-{e.end}"
        st.page_link(DOCUMENTS_PAGE, label="Read it in the document", query_params={"doc": e.doc, "hl": band})


def path(sub: Subgraph, ends: tuple[str, str], names: dict[str, str]) -> None:
    """The relations on the shortest paths, each one selectable for its evidence."""
    a, b = ends
    st.subheader(f"Paths from {md(names.get(a) or actor_name(a))} to {md(names.get(b) or actor_name(b))}", anchor=False)
    if not sub.edges:
        st.info("No path of up to 4 relations links them under the current filters.")
        return
    st.caption(f"{len(sub.nodes)} actors and {len(sub.edges)} relations on the shortest paths. Select one:")
    for e in sorted(sub.edges, key=lambda e: (-e.count, e.key)):
        label = (
            f"{md(names.get(e.source, e.source))} {'NOT ' if e.negated else ''}{e.type} "
            f"{md(names.get(e.target, e.target))} ({e.count})"
        )
        st.button(label, key=f"path_{e.key}", on_click=nav.select, args=("edge", e.key), width="stretch")


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word to at most ``width`` characters, with an ellipsis when cut (a link
    in the inspector holds one line)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:.- ") + "…"


def actor_name(actor_id: str) -> str:
    found = data.actor(actor_id)
    return found.name if found else actor_id


def group_members(grouping, group_id: str, names: dict[str, str]) -> None:
    """A group of a big view: who is in it, and a way to open it."""
    g = grouping.group(group_id) if grouping else None
    if g is None:
        st.info("This group is open now: its actors are drawn one by one.")
        return
    st.subheader(md(g.label), anchor=False)
    st.caption(f"{len(g.members)} actors grouped by {grouping.method}; {g.degree} evidence sentences among the view.")
    st.button(
        "Open this group",
        key="insp_open",
        type="primary",
        on_click=nav.add_to,
        args=("open", g.id),
        kwargs={"sel": None},
    )
    st.dataframe([{"actor": names.get(m, m)} for m in g.members[:200]], hide_index=True, width="stretch", height=300)


def overview_help(sub: Subgraph) -> None:
    st.subheader("Inspector", anchor=False)
    st.markdown(
        "Click an actor to see who it is, its strongest relations and its documents; click a relation "
        "to read every sentence behind it. Double-click an actor to make it the focus."
    )
    top = sorted(sub.nodes, key=lambda n: (-n.degree, n.id))[:8]
    if top:
        st.markdown("**Most connected here**")
        for n in top:
            st.button(
                f"{md(n.name)} · {n.degree}",
                key=f"top_{n.id}",
                on_click=nav.select,
                args=("node", n.id),
                width="stretch",
            )
