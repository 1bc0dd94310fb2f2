"""The explorer's entry script, run by ``actorgraph up`` (or ``streamlit run ui/app.py``).

Pages are described here; each page module holds its layout, the logic lives in ``graph``. The
``graph`` and ``ui`` packages come from the installed distribution (a wheel, or the editable
install ``make setup`` makes): page scripts are found through ``importlib.resources``.
"""

from __future__ import annotations

import streamlit as st

from graph.errors import StoreError
from graph.resources import explorer_page
from graph.store import failures
from ui import data, safety

st.set_page_config(page_title="actorgraph", layout="wide")  # no icon: material icons load from a CDN

PAGES = [
    st.Page(explorer_page("explore"), title="Explore", default=True),
    st.Page(explorer_page("cypher"), title="Cypher", url_path="cypher"),
    st.Page(explorer_page("documents"), title="Documents", url_path="documents"),
    st.Page(explorer_page("rules"), title="Rules", url_path="rules"),
]
page = st.navigation(PAGES, position="top")
# compact pages: the work fits a 1400×900 window (no empty band above the title)
st.markdown(
    "<style>[data-testid='stMainBlockContainer'] { padding: 2.6rem 2rem 1rem 2rem; }"
    " [data-testid='stMainBlockContainer'] h1 { font-size: 1.55rem; padding: 0 0 0.1rem 0; }</style>",
    unsafe_allow_html=True,
)

safety.require_login()  # only when sign-in is configured in secrets (docs/deploy.md)

ok, message = data.available()
if not ok:
    st.error(f"**Neo4j is not reachable.** {safety.md(message, urls=True)}")
    st.info("Start the local server with `actorgraph neo4j start` (or `make run`), then reload this page.")
    st.stop()

FAILURES: tuple[type[BaseException], ...] = (StoreError, *failures.driver_errors())
try:
    page.run()
except FAILURES as exc:  # the server went away mid-page: one message
    safety.show_failure(exc)
