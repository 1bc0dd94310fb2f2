"""The real app in headless Chromium: a Streamlit server on the test Neo4j, loaded with the seeds
and one hostile document; screenshots go to test-artifacts/<run name>/ (look at them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
from support import free_port

from graph.extraction.rules import load_rules
from graph.pipeline import ingest
from graph.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "Hostile page\n\nNATO warned Russia <script>window.__xss = 1; alert('xss')</script> about "
    "<img src=x onerror=\"window.__xss = 2; alert('img')\"> troops. Russia criticized NATO <b>bold</b>.\n"
)


@pytest.fixture(scope="session")
def shots() -> Path:
    run = os.environ.get("ACTORGRAPH_RUN") or datetime.now().strftime("run-%Y%m%d-%H%M%S")
    path = ROOT / "test-artifacts" / run
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def app_url(neo4j_driver, neo4j_settings, tmp_path_factory):
    from support import wipe

    wipe(neo4j_driver, neo4j_settings.database)
    store = Store(neo4j_driver, neo4j_settings.database)
    folder = tmp_path_factory.mktemp("corpus")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    ingest(store, load_rules(), [str(folder)])
    port = free_port()
    env = dict(os.environ, NEO4J_URI=neo4j_settings.uri, NEO4J_PASSWORD=neo4j_settings.password)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "ui" / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("the app did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def page(browser, app_url):
    ctx = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.external = []
    pg.on("request", lambda r: pg.external.append(r.url) if not r.url.startswith((app_url, "data:", "blob:")) else None)
    yield pg
    ctx.close()
