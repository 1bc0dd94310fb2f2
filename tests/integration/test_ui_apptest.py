"""The explorer's page logic with Streamlit's AppTest, against the real Neo4j loaded with the seeds.
(AppTest does not run component JavaScript: clicks are in tests/browser.)"""

from __future__ import annotations

import socket

import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT, SEEDS

from graph.extraction.rules import load_rules
from graph.pipeline import ingest
from graph.store.store import Store

pytestmark = pytest.mark.neo4j
APP = str(ROOT / "ui" / "app.py")


@pytest.fixture
def seeded(clean_db, neo4j_settings, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    ingest(Store(clean_db, neo4j_settings.database), load_rules(), [str(SEEDS)])
    from streamlit import cache_data

    cache_data.clear()
    return neo4j_settings


def app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def test_focus_from_the_url_draws_that_actors_network(seeded):
    at = app(focus="org:nato")
    assert not at.exception
    assert at.title[0].value == "NATO's network"
    assert "actors" in at.caption[0].value and "documents" in at.caption[0].value
    assert at.subheader[-2].value == "NATO" or any(s.value == "NATO" for s in at.subheader)


def test_search_suggests_actors_and_choosing_one_focuses_it(seeded):
    at = app()
    at.text_input(key="search").input("stoltenb").run()
    options = at.selectbox(key="suggest").options
    assert any(o.startswith("Jens Stoltenberg") for o in options)
    at.selectbox(key="suggest").select(next(o for o in options if o.startswith("Jens Stoltenberg"))).run()
    assert at.query_params["focus"] == "person:jens-stoltenberg"


def test_filters_go_into_the_url_and_narrow_the_view(seeded):
    at = app(focus="org:nato")
    at.multiselect(key="f_types").set_value(["DEMANDS", "WARNS"])
    at.checkbox(key="f_neg").uncheck()
    at.button[[b.label for b in at.button].index("Apply filters")].click().run()
    assert at.query_params["types"] == "DEMANDS,WARNS" and at.query_params["neg"] == "0"
    at2 = app(focus="org:nato", types="DEMANDS,WARNS", neg="0")
    assert "relations" in at2.caption[0].value and not at2.exception


def test_overview_without_focus_and_unknown_focus(seeded):
    assert app().title[0].value.startswith("Overview")
    assert app(focus="nobody:here").title[0].value == "Actor not found"


def test_empty_database_offers_to_ingest_the_seeds(clean_db, neo4j_settings, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    from streamlit import cache_data

    cache_data.clear()
    at = app()
    assert "empty" in at.info[0].value
    at.button[0].click().run()
    assert Store(clean_db, neo4j_settings.database).stats().count("Document") == 5


def test_neo4j_down_shows_a_banner_with_what_to_do(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    at = app()
    assert not at.exception
    assert "not reachable" in at.error[0].value and "actorgraph neo4j start" in at.info[0].value


def test_cypher_page_shows_results_and_refuses_writes_as_messages(seeded):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/cypher.py").run()
    at.button(key="cy_run").click().run()
    assert not at.exception and len(at.dataframe) == 1 and at.dataframe[0].value.shape[0] > 0
    at.text_area(key="cy_text").input("MATCH (n) DETACH DELETE n").run()
    at.button(key="cy_run").click().run()
    assert not at.exception and "read-only" in at.error[0].value
    assert Store.connect().stats().count("Document") == 5


def test_documents_page_lists_and_shows_a_document(seeded):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/documents.py").run()
    assert not at.exception
    assert at.dataframe[0].value.shape[0] == 5
    html = " ".join(m.value for m in at.markdown)
    assert "<mark" in html and "Relations" in html


def test_rules_page_shows_validation_and_hits(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_RULES_DIR", str(tmp_path))
    (tmp_path / "bad.yaml").write_text("relations:\n  - id: x\n    type: NOPE\n    cues: [a]\n")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/rules.py").run()
    assert not at.exception and "Valid" in at.success[0].value
    table = at.dataframe[1].value
    assert "hits in the graph" in table.columns and table["hits in the graph"].sum() > 0
    at.selectbox(key="rules_dir").select(str(tmp_path.resolve())).run()
    assert "problems" in at.error[0].value and "bad.yaml:2" in at.code[0].value
