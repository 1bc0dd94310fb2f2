"""The test suite never touches the user's graph: with the user's own Neo4j running and holding data
(named by NEO4J_URI, as after `actorgraph up`), a test run that wipes its database leaves the user's
data as it was; pointed at the user's server as its test server, the suite refuses to start."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import ROOT, own_server, settings_of

from graph.store import config

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def users_server(tmp_path_factory):
    with own_server(tmp_path_factory.mktemp("users-neo4j"), pagecache="128m") as inst:
        cfg = settings_of(inst)
        with config.driver(cfg) as drv:
            drv.execute_query("UNWIND range(1, 25) AS i CREATE (:Actor {id: 'user:' + i, name: 'Mine ' + i})")
        yield cfg


def _users_actors(cfg) -> list[str]:
    with config.driver(cfg) as drv:
        records, _, _ = drv.execute_query("MATCH (a:Actor) RETURN a.id AS id ORDER BY id")
    return [r["id"] for r in records]


def _pytest(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_test_run_that_wipes_its_database_leaves_the_users_data_unchanged(users_server):
    before = _users_actors(users_server)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTORGRAPH_TEST_")}
    env.update(NEO4J_URI=users_server.uri, NEO4J_PASSWORD=users_server.password)
    run = _pytest("tests/integration/test_store.py", "-k", "reload", env=env)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "passed" in run.stdout
    assert _users_actors(users_server) == before and len(before) == 25


def test_the_suite_refuses_a_test_server_holding_data_it_did_not_create(users_server):
    env = dict(
        os.environ, ACTORGRAPH_TEST_NEO4J_URI=users_server.uri, ACTORGRAPH_TEST_NEO4J_PASSWORD=users_server.password
    )
    run = _pytest("tests/integration/test_store.py", "-k", "reload", env=env)
    assert run.returncode == 3
    assert "Refusing to use" in run.stdout + run.stderr and "did not create" in run.stdout + run.stderr
    assert len(_users_actors(users_server)) == 25
