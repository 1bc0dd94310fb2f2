"""Neo4j stopping under a running command: one message naming the URI and what to do, never a
traceback. Each test stops a server instance of its own (never the session's shared one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from support import ROOT, own_server

from graph.store import config, server

pytestmark = pytest.mark.neo4j


@pytest.fixture
def doomed_server(tmp_path):
    with own_server(tmp_path / "neo4j") as inst:
        yield inst


def _corpus(path, n: int) -> None:
    """``n`` short articles as JSON Lines documents."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Report {i}\n\nNATO warned Russia on day {i}. Germany supported Ukraine and criticized Moscow."
            fh.write(json.dumps({"id": f"doc-{i}", "text": text, "date": "2022-01-01"}) + "\n")


def _documents(inst) -> int:
    cfg = config.Settings(inst.uri, "neo4j", inst.password, "neo4j")
    try:
        with config.driver(cfg) as drv:
            records, _, _ = drv.execute_query("MATCH (d:Document) RETURN count(d) AS n")
            return records[0]["n"]
    except Exception:
        return 0


def test_neo4j_stopped_mid_load_gives_one_message(doomed_server, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 20000)
    env = dict(os.environ, NEO4J_URI=doomed_server.uri, NEO4J_PASSWORD=doomed_server.password)
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "ingest", str(corpus), "--batch-size", "20"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while _documents(doomed_server) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert proc.poll() is None, "the load ended before the server could be stopped"
        server.stop(doomed_server)
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    assert doomed_server.uri in err
    assert "actorgraph neo4j start" in err
    assert err.count("Error:") == 1
