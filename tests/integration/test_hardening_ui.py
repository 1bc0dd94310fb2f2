"""The explorer reads only its corpus and never shows a traceback (AppTest against the suite's Neo4j):
no field on any page takes a path, the Rules page ingests articles of the configured corpus folder
only (a link to /etc/passwd inside it is not offered), a bad URL date is a message."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT

from graph.extraction.rules import load_rules
from graph.pipeline import ingest
from graph.store import Store

pytestmark = pytest.mark.neo4j
APP = str(ROOT / "ui" / "app.py")
PAGES = ["views/explore.py", "views/cypher.py", "views/documents.py", "views/rules.py"]


@pytest.fixture
def app_env(clean_db, neo4j_settings, monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "brief.txt").write_text("Brief\n\nNATO warned Russia about troops near the border.\n")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink("/etc", folder / "etc")
    monkeypatch.setenv("ACTORGRAPH_CORPUS_DIR", str(folder))
    store = Store(clean_db, neo4j_settings.database, neo4j_settings.uri)
    ingest(store, load_rules(), [str(folder / "brief.txt")])
    from streamlit import cache_data

    cache_data.clear()
    return store


def _page(name: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if name != "views/explore.py":
        at.switch_page(name).run()
    return at


@pytest.mark.parametrize("name", PAGES)
def test_no_page_has_a_field_that_takes_a_path(app_env, name):
    at = _page(name)
    assert not at.exception
    for field in at.text_input:
        label = (field.label or "").lower()
        assert not any(w in label for w in ("path", "folder", "file", "article")), field.label


def test_the_rules_page_ingests_only_the_corpus_folder(app_env):
    at = _page("views/rules.py")
    assert not at.exception
    assert at.checkbox(key="rerun_all").label.startswith("All 1 articles")
    at.checkbox(key="rerun_all").uncheck().run()
    assert at.multiselect(key="rerun_files").options == ["brief.txt"]
    at.checkbox(key="rerun_all").check().run()
    at.button(key="rerun").click().run()
    assert not at.exception
    docs = app_env.documents()
    assert [d.id for d in docs] == ["brief.txt"]
    text = app_env.document("brief.txt").text
    assert "root:" not in text and "NATO warned Russia" in text


def test_a_bad_date_in_the_url_is_a_message_not_a_traceback(app_env):
    at = _page("views/explore.py", since="2022-13-45")
    assert not at.exception
    shown = " ".join(x.value for x in [*at.warning, *at.error, *at.info])
    assert "2022-13-45" in shown


def _cypher(query: str) -> AppTest:
    at = _page("views/cypher.py")
    at.text_area(key="cy_text").input(query).run()
    at.button(key="cy_run").click().run()
    return at


def test_the_cypher_page_caps_the_answer_in_bytes(app_env):
    at = _cypher("UNWIND range(1, 300) AS i RETURN i, reduce(s = 'x', k IN range(1, 20) | s + s) AS big")
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "MB" in caption and "cap" in caption
    assert at.dataframe[0].value.shape[0] < 300


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS"),
        ("CALL dbms.killConnections(['bolt-1'])", "dbms.killConnections"),
        ("SHOW USERS", "SHOW USERS"),
    ],
)
def test_the_cypher_page_refuses_administration_with_a_message(app_env, query, named):
    at = _cypher(query)
    assert not at.exception
    assert named.replace(".", "\\.") in at.error[0].value or named in at.error[0].value


@pytest.mark.parametrize("bad", ["last Tuesday", 20220105, "2022-13-45", ["2022-01-01"]])
def test_no_page_breaks_on_what_a_stored_document_carries(app_env, clean_db, bad):
    """Documents written by another tool straight into Neo4j, with a date that is no ISO day and a
    map-like source flattened to a list: every page still shows."""
    clean_db.execute_query(
        "MATCH (d:Document {id: 'brief.txt'}) SET d.date = $bad, d.source = ['a', 'b'], d.title = 42 "
        "WITH d MATCH (e:Evidence {doc: d.id}) SET e.date = $bad "
        "WITH collect(DISTINCT e.key) AS keys MATCH ()-[r]->() WHERE r.key IN keys SET r.first = $bad, r.last = $bad",
        bad=bad,
    )
    for name in PAGES:
        at = _page(name)
        assert not at.exception, (name, at.exception)
    at = _page("views/explore.py", focus="org:nato")
    assert not at.exception
    at = _page("views/explore.py", focus="org:nato", since="2022-01-01")
    assert not at.exception
    at = _page("views/documents.py", doc="brief.txt")
    assert not at.exception


@pytest.fixture
def doomed_app(tmp_path, monkeypatch):
    """The app on a server of its own, loaded with the seeds; the test stops that server."""
    from support import own_server, settings_of

    from graph.store import config

    with own_server(tmp_path / "neo4j") as inst:
        with config.driver(settings_of(inst)) as drv:
            ingest(Store(drv, "neo4j", inst.uri), load_rules(), [str(ROOT / "seeds")])
        monkeypatch.setenv("NEO4J_URI", inst.uri)
        monkeypatch.setenv("NEO4J_PASSWORD", inst.password)
        from streamlit import cache_data

        cache_data.clear()
        yield inst


def test_neo4j_stopped_while_the_app_is_open_is_one_message_not_a_stale_view(doomed_app):
    from graph.store import server

    open_pages = [_page("views/explore.py", focus="org:nato"), _page("views/cypher.py"), _page("views/documents.py")]
    for at in open_pages:
        assert not at.exception and not at.error
    server.stop(doomed_app)
    for at in open_pages:
        at.run()  # the same session again: its views are cached, the server is gone
        assert not at.exception
        shown = " ".join(e.value for e in at.error).replace("\\", "")  # Markdown escapes removed
        assert doomed_app.uri in shown and "actorgraph neo4j start" in shown
        assert not at.dataframe and not at.get("iframe")  # nothing stale below the message


def test_a_rule_folder_setting_that_names_no_folder_is_a_message(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("ACTORGRAPH_RULES_DIR", str(tmp_path / "nowhere"))
    at = _page("views/rules.py")
    assert not at.exception
    assert "is not a folder" in at.error[0].value and "nowhere" in at.error[0].value
