"""Cypher: the user's own queries, read-only, with a timeout and a row cap; a table and a network.

Ctrl+Enter in the editor runs the query (as the button does); the session keeps a history of what
ran. The table shows actors by name and relations and paths as chains (the downloads keep every
field); the server's warnings (a misspelt property, a label that does not exist) are shown; the
actors and relations in a result are drawn, and an actor opens in Explore (double-click it, or
choose it below the drawing).
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from graph.errors import ActorgraphError
from graph.model import QueryResult
from graph.render import layout, visual
from graph.store import results
from ui import data
from ui.network import event, network
from ui.safety import md

EXAMPLES = {
    "Who demands what of whom": "MATCH (a:Actor)-[r:DEMANDS]->(b:Actor) WHERE NOT r.negated\nRETURN a.name AS actor, b.name AS of, r.count AS times, r.docs AS articles\nORDER BY times DESC LIMIT 25",
    "NATO's relations as a graph": "MATCH p = (:Actor {id: 'org:nato'})-[r:WARNS|DEMANDS|THREATENS|SUPPORTS|MEETS|CRITICIZES|DEPLOYS|MEMBER_OF]-(:Actor)\nRETURN p LIMIT 100",
    "The sentences behind one relation": "MATCH (:Actor {id: 'state:rus'})-[r:DEMANDS]->(:Actor {id: 'org:nato'})\nMATCH (e:Evidence {key: r.key}) MATCH (d:Document {id: e.doc})\nRETURN e.date, d.title, e.sentence, e.rule ORDER BY e.date",
    "Negated relations": "MATCH (a:Actor)-[r]->(b:Actor) WHERE r.negated\nRETURN a.name, type(r) AS relation, b.name, r.count LIMIT 50",
    "People and whom they belong to": "MATCH p = (:Person)-[:MEMBER_OF]->(:Actor)\nRETURN p LIMIT 200",
    "Relations in January 2022": "MATCH (e:Evidence) WHERE e.date >= '2022-01-01' AND e.date < '2022-02-01'\nRETURN e.type, count(*) AS occurrences ORDER BY occurrences DESC",
}
EXPLORE_PAGE = "views/explore.py"
NET = "cy-net"
HISTORY = 20
GRAPH_HEIGHT = 400
ss = st.session_state


def _run_requested() -> None:
    """Ctrl+Enter in the editor (which commits its text) and the button both run the query."""
    ss["cy_go"] = True


def _load(text: str) -> None:
    ss["cy_text"] = text
    ss["cy_go"] = True


def _example() -> None:
    ss["cy_text"] = EXAMPLES[ss["cy_example"]]


def _from_history() -> None:
    picked = ss.get("cy_hist_pick")
    if picked:
        _load(picked)
        ss["cy_hist_pick"] = None


def _on_focus() -> None:
    ss["cy_open"] = event(NET, "focus")


def _on_select() -> None:
    value = event(NET, "select")
    ss["cy_sel"] = value["id"] if isinstance(value, dict) and value.get("kind") == "node" else None


if ss.get("cy_open"):  # a double-clicked actor opens in Explore
    st.switch_page(EXPLORE_PAGE, query_params={"focus": ss.pop("cy_open")})


def _run(cypher: str) -> str | None:
    """Run the query (before the page is drawn, so the history shows it); an error message or None."""
    try:
        res = data.store().read_query(
            cypher, timeout=float(ss.get("cy_timeout", 10)), row_cap=int(ss.get("cy_cap", 1000))
        )
    except ActorgraphError as exc:
        ss.pop("cy_result", None)
        return str(exc)
    ss["cy_result"] = (cypher, res)
    ss["cy_sel"] = None
    history = [h for h in ss["cy_history"] if h["query"] != cypher]
    ss["cy_history"] = [{"query": cypher, "rows": len(res.rows), "at": datetime.now().isoformat()}, *history][:HISTORY]
    return None


ss.setdefault("cy_history", [])
ss.setdefault("cy_text", EXAMPLES[next(iter(EXAMPLES))])
failed = _run(ss["cy_text"]) if ss.pop("cy_go", False) else None

st.title("Cypher")
st.caption(
    "Queries run in a read-only transaction (the server refuses writes), stop after the timeout and "
    "return at most the row cap (and a byte cap). Ctrl+Enter in the editor runs the query."
)
# one row of settings above the editor, so the result (table and graph) is in sight at 1400x900
c1, c2, c3, c4 = st.columns([3, 3, 1, 1], vertical_alignment="bottom")
c1.selectbox(
    "Examples", list(EXAMPLES), index=None, placeholder="Load an example…", key="cy_example", on_change=_example
)
c2.selectbox(
    f"History ({len(ss['cy_history'])} this session)",
    [h["query"] for h in ss["cy_history"]],
    index=None,
    placeholder="Run a query again…",
    key="cy_hist_pick",
    on_change=_from_history,
    format_func=lambda q: " ".join(q.split())[:90],
)
timeout = c3.number_input("Timeout (s)", 1, 120, 10, key="cy_timeout")
row_cap = c4.number_input("Row cap", 1, 10000, 1000, key="cy_cap")
cypher = st.text_area("Query", key="cy_text", height=110, on_change=_run_requested)
st.button("Run query", type="primary", key="cy_run", on_click=_run_requested)
if failed:
    st.error(md(failed))
    st.stop()

shown = ss.get("cy_result")
if not shown:
    st.stop()
ran, res = shown
assert isinstance(res, QueryResult)
if ran != cypher:
    st.caption("The result below is from the previous query; press Run (or Ctrl+Enter) to run this one.")
for note in res.notifications:
    st.warning(f"The server warns: {md(note)}")
st.caption(f"{len(res.rows)} rows" + (f" ({res.note})" if res.truncated else ""))
# the table and, when the result holds actors, their graph beside it: both in sight at once
if not res.subgraph.nodes:
    st.dataframe(results.table_rows(res), width="stretch")
else:
    table_col, graph_col = st.columns([2, 3], gap="small")
    table_col.dataframe(results.table_rows(res), width="stretch", height=GRAPH_HEIGHT)
    with graph_col:
        st.markdown(f'<div style="font-size:13px">{visual.legend_html(res.subgraph)}</div>', unsafe_allow_html=True)
        positions = layout.positions(res.subgraph, fixed=ss.get("cy_positions"))
        ss["cy_positions"] = positions
        picked = ss.get("cy_sel")
        network(
            visual.vis_data(res.subgraph, positions=positions),
            key=NET,
            height=GRAPH_HEIGHT - 40,
            selected={"kind": "node", "id": picked} if picked else None,
            handlers={"focus": _on_focus, "select": _on_select},
        )
    names = {n.id: n.name for n in res.subgraph.nodes}
    actor_ids = sorted(names, key=lambda i: names[i].lower())
    o1, o2 = st.columns([2, 1], vertical_alignment="bottom")
    chosen = o1.selectbox(
        "Open an actor of this result in Explore (or double-click it)",
        actor_ids,
        index=actor_ids.index(picked) if picked in actor_ids else None,
        format_func=lambda i: names[i],
        key="cy_open_pick",
        placeholder="Choose an actor…",
    )
    if chosen:
        o2.page_link(EXPLORE_PAGE, label=f"Open {md(names[chosen])} in Explore", query_params={"focus": chosen})
d1, d2 = st.columns(2)
d1.download_button("Download CSV", results.to_csv(res), file_name="query.csv", mime="text/csv", on_click="ignore")
d2.download_button(
    "Download JSON",
    results.to_json(res),
    file_name="query.json",
    mime="application/json",
    on_click="ignore",
)
