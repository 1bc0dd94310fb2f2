"""Fixtures shared by every tier (``unit/``: no server; ``integration/``: the real Neo4j;
``browser/``: the real app in headless Chromium).

The suite never touches the user's graph. Before any test runs, the ``NEO4J_*`` variables of the
user's shell (and so of ``.env`` and Streamlit secrets, which never override the environment) are
replaced by the test server's: the suite starts its own Neo4j in its temp dir on free ports, or uses
the one ``ACTORGRAPH_TEST_NEO4J_URI`` names (with ``ACTORGRAPH_TEST_NEO4J_PASSWORD``, ``_USERNAME``,
``_DATABASE``), which it may wipe. Even there it refuses to wipe a database holding data it did not
create: it marks the databases it owns with an index named ``actorgraph_test_marker``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from support import own_server, settings_of, wipe

from graph.store import config

MARKER = "actorgraph_test_marker"
_USER_KEYS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


def pytest_configure(config) -> None:
    """Point everything the tests run (in-process code and child processes alike) away from the
    user's server: a port where nothing answers until the test server is up, a private server folder."""
    for key in _USER_KEYS:
        os.environ.pop(key, None)
    os.environ.update(
        NEO4J_URI="bolt://127.0.0.1:9",
        NEO4J_USERNAME="neo4j",
        NEO4J_PASSWORD="no-test-server-yet",
        NEO4J_DATABASE="neo4j",
        ACTORGRAPH_NEO4J_DIR=tempfile.mkdtemp(prefix="actorgraph-tests-") + "/neo4j",
    )


def _claim(drv, database: str) -> None:
    """Mark the test database as ours, or stop the session if it holds someone else's data."""
    with drv.session(database=database) as s:
        marked = s.run("SHOW INDEXES YIELD name WHERE name = $m RETURN count(*) AS n", m=MARKER).single()["n"]
        if marked:
            return
        if s.run("MATCH (n) RETURN count(n) AS n").single()["n"]:
            pytest.exit(
                f"Refusing to use {drv.get_server_info().address}/{database} for tests: it holds data the "
                "test suite did not create. Point ACTORGRAPH_TEST_NEO4J_URI at a server the tests may wipe, "
                "or unset it to let the suite start its own.",
                returncode=3,
            )
        s.run(f"CREATE INDEX {MARKER} IF NOT EXISTS FOR (n:ActorgraphTestMarker) ON (n.id)").consume()


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory) -> Iterator[config.Settings]:
    """The test server's settings; its own local server unless ACTORGRAPH_TEST_NEO4J_URI names one."""
    env = os.environ
    with ExitStack() as stack:
        if env.get("ACTORGRAPH_TEST_NEO4J_URI"):
            cfg = config.Settings(
                env["ACTORGRAPH_TEST_NEO4J_URI"],
                env.get("ACTORGRAPH_TEST_NEO4J_USERNAME", "neo4j"),
                env.get("ACTORGRAPH_TEST_NEO4J_PASSWORD"),
                env.get("ACTORGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
            )
        else:
            inst = stack.enter_context(own_server(tmp_path_factory.mktemp("neo4j"), heap="1g", pagecache="512m"))
            cfg = settings_of(inst)
        env.update(
            NEO4J_URI=cfg.uri,
            NEO4J_USERNAME=cfg.username,
            NEO4J_PASSWORD=cfg.password or "",
            NEO4J_DATABASE=cfg.database,
        )
        with config.driver(cfg) as drv:
            drv.verify_connectivity()
            _claim(drv, cfg.database)
        yield cfg


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    with config.driver(neo4j_settings) as drv:
        drv.verify_connectivity()
        yield drv


@pytest.fixture
def clean_db(neo4j_driver, neo4j_settings):
    """A driver on an empty graph (schema kept), for tests that write."""
    wipe(neo4j_driver, neo4j_settings.database)
    return neo4j_driver


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's; browsers cannot be downloaded here) for every browser test."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Browser tests need Chromium: `apt-get install chromium` (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()
