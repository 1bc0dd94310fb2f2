"""Shared fixtures. Store and UI tests talk to a real Neo4j 5: the one ``NEO4J_URI`` names when it
answers, else the local server this session starts (and stops again at the end)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graph.store import config, server

from support import GOLD, ROOT, SEEDS, wipe  # noqa: F401 - re-exported for older imports


def _answers(cfg: config.Settings) -> bool:
    if cfg.password is None:
        return False
    try:
        with config.driver(cfg) as drv:
            drv.verify_connectivity()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_settings() -> config.Settings:
    """Settings of a Neo4j that answers, starting the local server when none does."""
    cfg = config.settings()
    started = False
    if not _answers(cfg):
        if not cfg.is_local:
            pytest.fail(f"NEO4J_URI={cfg.uri} does not answer")
        server.start(timeout=180)
        started = True
        cfg = config.settings()
    yield cfg
    if started and not os.environ.get("ACTORGRAPH_KEEP_NEO4J"):
        server.stop()


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
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
