"""Documents: what was read, and one document with its actor mentions and relations.

Every mention is marked in its actor type's colour and names its actor on hover; ``hl=start-end`` in
the URL (from an evidence sentence in Explore) marks that passage and scrolls to it; each relation
opens its edge in Explore.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from graph.model import ACTOR_TYPES
from graph.render import style
from ui import data, state
from ui.text import STYLE, h, highlight, md

EXPLORE_PAGE = "views/explore.py"
_SCROLL_JS = """
export default function () {
  const el = document.getElementById("ag-hl");
  if (el) { el.scrollIntoView({ block: "center" }); }
}
"""


@lru_cache(maxsize=1)
def _scroller():
    return st.components.v2.component("actorgraph_scroll_to_passage", js=_SCROLL_JS, isolate_styles=False)


def _band(value: str | None) -> tuple[int, int] | None:
    try:
        a, b = (int(x) for x in (value or "").split("-"))
    except ValueError:
        return None
    return (a, b) if 0 <= a < b else None


def legend(band: bool) -> str:
    chips = [f'<mark class="{t}" style="padding:0 6px">{h(t)}</mark>' for t in ACTOR_TYPES]
    text = "Mentions by actor type (hover one to see its actor): " + " ".join(chips)
    if band:
        text += ' · <span class="ag-hl" style="padding:0 6px">the passage you came from</span>'
    return f'<div class="ag-meta" style="font-size:13px;margin-bottom:6px">{text}</div>'


st.markdown(STYLE, unsafe_allow_html=True)
st.title("Documents")
docs = data.documents()
if not docs:
    st.info("No documents yet: ingest some with `actorgraph ingest PATHS`.")
    st.stop()
ids = [d.id for d in docs]
wanted = st.query_params.get("doc")
titles = {d.id: str(d.title or d.id) for d in docs}
with st.expander(f"All {len(docs)} documents", expanded=wanted is None):
    st.dataframe(
        [
            {
                "document": d.id,
                # as text: a document another tool wrote may carry a number or a list here
                "title": None if d.title is None else str(d.title),
                "date": None if d.date is None else str(d.date),
                "source": None if d.source is None else str(d.source),
                "mentions": d.mentions,
                "relations": d.relations,
            }
            for d in docs
        ],
        hide_index=True,
        width="stretch",
    )
doc_id = st.selectbox(
    "Read a document",
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    key="doc_pick",
    format_func=lambda i: f"{titles.get(i, i)} ({i})",
)
if doc_id != wanted:
    st.query_params["doc"] = doc_id
    st.query_params.pop("hl", None)
found = data.document(doc_id)
if found is None:
    st.warning("That document is not in the database.")
    st.stop()
view, relations = found
band = _band(st.query_params.get("hl")) if doc_id == wanted else None
st.subheader(md(view.summary.title or view.summary.id), anchor=False)
st.caption(
    md(
        f"{view.summary.date or 'no date'} · {view.summary.source or 'unknown source'} · {view.summary.mentions} "
        f"mentions · {view.summary.relations} relations"
    )
)
text_col, rel_col = st.columns([3, 2])
with text_col:
    st.markdown(legend(band is not None), unsafe_allow_html=True)
    spans = [(s, e, ref.type, f"{ref.name} ({ref.type})") for s, e, ref in view.spans]
    st.markdown(f'<div class="ag-doc">{highlight(view.text, spans, band)}</div>', unsafe_allow_html=True)
    if band:
        _scroller()(key="scroll", data={"band": list(band)})
# the relations stay in sight beside the text while one scrolls down a long document
st.markdown(
    '<style>[data-testid="stColumn"]:has(.st-key-doc_relations) '
    "{ position: sticky; top: 3.75rem; align-self: flex-start; }</style>",
    unsafe_allow_html=True,
)
with rel_col, st.container(key="doc_relations"):
    st.markdown(f"**Relations** ({len(relations)}) · open one in Explore")
    colour = {t: style.actor_colour(t) for t in ACTOR_TYPES}
    with st.container(height=640, border=False):
        for e in relations:
            key = state.edge_key(e.subject.id, e.type, e.object.id, e.negated)
            # the link and its evidence in one box, so a snippet is never read as the next one's
            box = st.container(border=True, gap=None)
            box.page_link(
                EXPLORE_PAGE,
                label=f"{md(e.subject.name)} {'NOT ' if e.negated else ''}{e.type} {md(e.object.name)}",
                query_params={"focus": e.subject.id, "sel": f"edge:{key}"},
                help="Open this relation in Explore",
            )
            box.markdown(
                f'<div class="ag-ev" style="border-color:{colour.get(e.subject.type, "#ccc")}">'
                f'<div class="ag-meta">{h(view.text[e.start : e.end])} · rule '
                f"<code>{h(e.rule)}</code></div></div>",
                unsafe_allow_html=True,
            )
