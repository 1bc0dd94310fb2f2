"""Documents: what was read, and one document with its actor mentions and relations."""

from __future__ import annotations

import html

import streamlit as st

from ui import data
from ui.text import STYLE, highlight

st.markdown(STYLE, unsafe_allow_html=True)
st.title("Documents")
docs = data.documents()
if not docs:
    st.info("No documents yet: ingest some with `actorgraph ingest PATHS`.")
    st.stop()
st.dataframe(
    [
        {
            "document": d.id,
            "title": d.title,
            "date": d.date,
            "source": d.source,
            "mentions": d.mentions,
            "relations": d.relations,
        }
        for d in docs
    ],
    hide_index=True,
    width="stretch",
)
ids = [d.id for d in docs]
wanted = st.query_params.get("doc")
doc_id = st.selectbox("Read a document", ids, index=ids.index(wanted) if wanted in ids else 0, key="doc_pick")
if doc_id != wanted:
    st.query_params["doc"] = doc_id
found = data.document(doc_id)
if found is None:
    st.warning("That document is not in the database.")
    st.stop()
view, relations = found
st.subheader(view.summary.title or view.summary.id)
st.caption(
    f"{view.summary.date or 'no date'} · {view.summary.source or 'unknown source'} · {view.summary.mentions} "
    f"mentions · {view.summary.relations} relations"
)
text_col, rel_col = st.columns([3, 2])
with text_col:
    spans = [(s, e, ref.type) for s, e, ref in view.spans]
    st.markdown(f'<div class="ag-doc">{highlight(view.text, spans)}</div>', unsafe_allow_html=True)
with rel_col:
    st.markdown("**Relations**")
    for e in relations:
        st.markdown(
            f'<div class="ag-ev"><b>{html.escape(e.subject.name)}</b> {"NOT " if e.negated else ""}'
            f'{html.escape(e.type)} <b>{html.escape(e.object.name)}</b><div class="ag-meta">'
            f"{html.escape(view.text[e.start : e.end])} · rule <code>{html.escape(e.rule)}</code></div></div>",
            unsafe_allow_html=True,
        )
