"""Cypher: the user's own queries, read-only, with a timeout and a row cap; a table and a network."""

from __future__ import annotations

import streamlit as st

from graph.errors import ActorgraphError
from graph.render import visual
from graph.store import results
from ui import data, safety
from ui.network import network

EXAMPLES = {
    "Who demands what of whom": "MATCH (a:Actor)-[r:DEMANDS]->(b:Actor)\nRETURN a.name AS actor, b.name AS of, count(r) AS times\nORDER BY times DESC LIMIT 25",
    "NATO's relations as a graph": "MATCH p = (:Actor {id: 'org:nato'})-[r]-(:Actor)\nRETURN p LIMIT 100",
    "Negated relations with their sentences": "MATCH (a:Actor)-[r]->(b:Actor) WHERE r.negated\nRETURN a.name, type(r) AS relation, b.name, r.sentence LIMIT 50",
    "People and whom they belong to": "MATCH p = (:Person)-[:MEMBER_OF]->(:Actor)\nRETURN p LIMIT 200",
    "Warnings in January 2022": "MATCH p = (:Actor)-[r:WARNS]->(:Actor)\nWHERE r.date >= '2022-01-01' AND r.date < '2022-02-01'\nRETURN p",
}

st.title("Cypher")
st.caption(
    "Queries run in a read-only transaction (the server refuses writes), stop after the timeout and "
    "return at most the row cap."
)
example = st.selectbox("Examples", list(EXAMPLES), index=0, key="cy_example")
if st.session_state.get("cy_last_example") != example:
    st.session_state["cy_text"] = EXAMPLES[example]
    st.session_state["cy_last_example"] = example
cypher = st.text_area("Query", key="cy_text", height=140)
c1, c2, c3 = st.columns([1, 1, 2])
timeout = c1.number_input("Timeout (s)", 1, 120, 10, key="cy_timeout")
row_cap = c2.number_input("Row cap", 1, 10000, 1000, key="cy_cap")
run = c3.button("Run query", type="primary", key="cy_run")

if run or st.session_state.get("cy_result_for") == cypher:
    try:
        res = data.store().read_query(cypher, timeout=float(timeout), row_cap=int(row_cap))
        st.session_state["cy_result_for"] = cypher
    except ActorgraphError as exc:
        st.session_state.pop("cy_result_for", None)
        st.error(safety.md(str(exc)))
        st.stop()
    st.caption(f"{len(res.rows)} rows" + (f" ({res.note})" if res.truncated else ""))
    if res.subgraph.nodes:
        st.markdown(f'<div style="font-size:13px">{visual.legend_html(res.subgraph)}</div>', unsafe_allow_html=True)
        network(visual.vis_data(res.subgraph), key=f"cy-net-{hash(cypher) & 0xFFFFFFFF}", height=480)
    st.dataframe(results.table_rows(res), width="stretch")
    d1, d2 = st.columns(2)
    d1.download_button("Download CSV", results.to_csv(res), file_name="query.csv", mime="text/csv", on_click="ignore")
    d2.download_button(
        "Download JSON",
        results.to_json(res),
        file_name="query.json",
        mime="application/json",
        on_click="ignore",
    )
