"""The explorer's entry script: `streamlit run ui/app.py`. (Placeholder until the explorer lands.)"""

import streamlit as st

from graph import config

st.set_page_config(page_title="actorgraph", layout="wide")
st.title("actorgraph")
cfg = config.settings()
try:
    with config.driver(cfg) as drv:
        drv.verify_connectivity()
    st.success(f"Connected to Neo4j at {cfg.uri}.")
except Exception as exc:  # shown, never a traceback
    st.error(f"Neo4j at {cfg.uri} does not answer ({type(exc).__name__}). Start it with `actorgraph neo4j start`.")
