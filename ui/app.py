"""The explorer's entry script: ``streamlit run ui/app.py``.

Pages are described here; each page module holds its layout, the logic lives in ``graph``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` from a checkout without an install
    sys.path.insert(0, str(ROOT))

from ui import data  # noqa: E402

st.set_page_config(page_title="actorgraph", layout="wide")  # no icon: material icons load from a CDN

PAGES = [
    st.Page(str(ROOT / "ui" / "views" / "explore.py"), title="Explore", default=True),
    st.Page(str(ROOT / "ui" / "views" / "cypher.py"), title="Cypher", url_path="cypher"),
    st.Page(str(ROOT / "ui" / "views" / "documents.py"), title="Documents", url_path="documents"),
    st.Page(str(ROOT / "ui" / "views" / "rules.py"), title="Rules", url_path="rules"),
]
page = st.navigation(PAGES)

ok, message = data.available()
if not ok:
    st.error(f"**Neo4j is not reachable.** {message}")
    st.info("Start the local server with `actorgraph neo4j start` (or `make run`), then reload this page.")
    st.stop()

page.run()
