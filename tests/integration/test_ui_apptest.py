"""The explorer's page logic with Streamlit's AppTest, against the real Neo4j loaded with the seeds.
(AppTest does not run component JavaScript: clicks on the network are in tests/browser; here the
drawing is read from the data the page hands to the network component.)"""

from __future__ import annotations

import json
import socket

import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT, SEEDS

from graph.extraction.rules import load_rules
from graph.pipeline import ingest
from graph.store.store import Store

pytestmark = pytest.mark.neo4j
APP = str(ROOT / "ui" / "app.py")


@pytest.fixture(scope="module")
def seeded(neo4j_driver, neo4j_settings):
    from support import wipe

    wipe(neo4j_driver, neo4j_settings.database)
    ingest(Store(neo4j_driver, neo4j_settings.database), load_rules(), [str(SEEDS)])
    yield neo4j_settings
    wipe(neo4j_driver, neo4j_settings.database)


@pytest.fixture(autouse=True)
def _server(request, monkeypatch):
    """Every app in this module talks to the test server; caches start empty."""
    if "neo4j_settings" in request.fixturenames or "seeded" in request.fixturenames:
        cfg = request.getfixturevalue("neo4j_settings")
        monkeypatch.setenv("NEO4J_URI", cfg.uri)
        monkeypatch.setenv("NEO4J_PASSWORD", cfg.password)
    from streamlit import cache_data

    cache_data.clear()


def app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def drawn(at: AppTest) -> dict:
    """What the page gave the network component: {"graph": {"nodes", "edges", "options"}, "focus", …}."""
    found = [e for e in at.get("bidi_component") if e.proto.component_name == "actorgraph_network"]
    assert len(found) == 1, "exactly one network on the page"
    return json.loads(found[0].proto.json)


def node_ids(at: AppTest) -> set[str]:
    return {n["id"] for n in drawn(at)["graph"]["nodes"]}


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_focus_from_the_url_draws_that_actors_network(seeded):
    at = app(focus="org:nato")
    assert not at.exception
    assert at.title[0].value == "NATO's network"
    data = drawn(at)
    assert data["focus"] == "org:nato" and {"org:nato", "state:rus", "state:ukr"} <= node_ids(at)
    caption = at.caption[0].value
    assert f"{len(data['graph']['nodes'])} actors" in caption and "documents" in caption
    # the inspector beside the network shows the focus with what can be done with it
    assert at.subheader[0].value == "NATO"
    assert button(at, "Focus").disabled and button(at, "Hide").disabled  # the focus stays


def test_picking_a_suggestion_jumps_once_and_empties_the_search(seeded):
    at = app()
    at.text_input(key="search").input("stoltenb").run()
    options = at.selectbox(key="suggest").options
    pick = next(o for o in options if o.startswith("Jens Stoltenberg"))
    at.selectbox(key="suggest").select(pick).run()
    assert at.query_params["focus"] == "person:jens-stoltenberg"
    assert at.text_input(key="search").value == "" and not [s for s in at.selectbox if s.key == "suggest"]
    # the regression: later navigation is not pulled back to the picked actor
    button(at, "Overview").click().run()
    assert "focus" not in at.query_params
    at.run()
    assert "focus" not in at.query_params and at.title[0].value.startswith("Overview")
    button(at, "◀").click().run()
    assert at.query_params["focus"] == "person:jens-stoltenberg"


def test_filters_go_into_the_url_and_narrow_the_view(seeded):
    at = app(focus="org:nato")
    before = drawn(at)["graph"]["edges"]
    assert {e["relation"] for e in before} - {"DEMANDS", "WARNS"} and any(e.get("dashes") for e in before)
    at.button_group(key="f_types").set_value(["DEMANDS", "WARNS"]).run()
    at.toggle(key="f_neg").set_value(False).run()
    assert at.query_params["types"] == "WARNS,DEMANDS" and at.query_params["neg"] == "0"
    after = drawn(at)["graph"]["edges"]
    assert after and len(after) < len(before)
    assert {e["relation"] for e in after} <= {"DEMANDS", "WARNS"} and not any(e["negated"] for e in after)
    assert f"{len(after)} relations" in at.caption[0].value
    # the same URL opened afresh gives the same drawing
    again = app(focus="org:nato", types="WARNS,DEMANDS", neg="0")
    assert [e["id"] for e in drawn(again)["graph"]["edges"]] == [e["id"] for e in after]


def test_expand_and_hide_from_the_inspector(seeded):
    at = app(focus="org:nato", sel="node:state:rus")
    base = node_ids(at)
    assert at.subheader[0].value == "Russia"
    button(at, "Expand").click().run()
    assert at.query_params["expand"] == "state:rus" and node_ids(at) > base
    at = app(focus="org:nato", sel="node:state:rus")
    button(at, "Hide").click().run()
    assert at.query_params["hide"] == "state:rus" and "sel" not in at.query_params
    assert "state:rus" not in node_ids(at) and "1 hidden" in at.caption[0].value
    button(at, "Show 1 hidden actor").click().run()
    assert "state:rus" in node_ids(at)


def test_a_selected_relation_shows_every_sentence_with_both_ends_marked(seeded):
    at = app(focus="org:nato", sel="edge:state:rus|DEMANDS|org:nato|0")
    assert at.subheader[0].value == "Russia DEMANDS NATO"
    html = " ".join(m.value for m in at.markdown)
    assert html.count('class="ag-ev"') >= 2 and 'mark class="subj"' in html and 'mark class="obj"' in html
    assert all(p.proto.page.endswith("documents") or "documents" in p.proto.page for p in at.get("page_link"))


def test_overview_without_focus_and_unknown_focus(seeded):
    assert app().title[0].value.startswith("Overview")
    assert app(focus="nobody:here").title[0].value == "Actor not found"


def test_a_date_range_without_relations_says_where_the_data_lies(seeded):
    at = app(focus="org:nato", since="2019-01-01", until="2019-02-01", undated="0")
    assert not at.exception
    text = at.info[0].value
    assert "2019-01-01" in text and "The relations lie between 2021-" in text


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


def test_empty_database_offers_to_ingest_the_seeds(clean_db, neo4j_settings):
    """Last in this module: it empties the database the others share."""
    at = app()
    assert "empty" in at.info[0].value
    at.button[0].click().run()
    assert Store(clean_db, neo4j_settings.database).stats().count("Document") == 5
