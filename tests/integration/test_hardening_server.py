"""A server ``actorgraph neo4j start`` runs survives its console: a read-only query that builds a
string of gigabytes answers an error and the server still answers afterwards; its folder is
private to the user; a ``neo4j://`` client is routed back to it.

These tests start a server instance of their own (a query that kills a server must never kill the
session's shared one)."""

from __future__ import annotations

import logging
import os
import secrets
import stat
import subprocess
import sys

import pytest
import support

from graph.errors import QueryError
from graph.store import config, server
from graph.store.store import Store

pytestmark = pytest.mark.neo4j

MEMORY_BOMB = "RETURN size(reduce(s='', x IN range(1,30) | s + s + 'xxxxxxxxxxxxxxxxxxxxxxxx')) AS n"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("hardening-neo4j") / "neo4j"
    home.mkdir(mode=0o755)
    (home / "logs").mkdir(mode=0o755)
    (home / "logs" / "old.log").write_text("written by an older version with loose permissions\n")
    os.chmod(home / "logs" / "old.log", 0o644)
    # a leading dash: 1 in 64 generated passwords has one
    with support.own_server(home, password="-" + secrets.token_urlsafe(12)) as inst:
        yield inst


def _settings(inst, scheme="bolt") -> config.Settings:
    return config.Settings(f"{scheme}://127.0.0.1:{inst.bolt_port}", "neo4j", inst.password, "neo4j")


def _answers(inst) -> bool:
    with config.driver(_settings(inst)) as drv:
        records, _, _ = drv.execute_query("RETURN 1 AS one")
        return records[0]["one"] == 1


def test_the_memory_bomb_answers_an_error_and_the_server_stays_up(own_server, caplog):
    with (
        config.driver(_settings(own_server)) as drv,
        caplog.at_level(logging.INFO, logger="neo4j"),
        pytest.raises(QueryError) as err,
    ):
        Store(drv).read_query(MEMORY_BOMB, timeout=60)
    assert "memory" in str(err.value).lower()
    assert not [r for r in caplog.records if "retried" in r.getMessage()], "a user's query must not be retried"
    assert server.running_pid(own_server) and _answers(own_server)


def test_the_memory_bomb_from_the_cli_is_one_message_and_the_server_stays_up(own_server):
    env = dict(os.environ, NEO4J_URI=_settings(own_server).uri, NEO4J_PASSWORD=own_server.password)
    out = subprocess.run(
        [sys.executable, "-m", "graph.cli", "query", MEMORY_BOMB],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1
    assert "memory" in out.stderr.lower() and "Traceback" not in out.stderr
    assert server.running_pid(own_server) and _answers(own_server)


def test_a_query_over_the_transaction_memory_limit_fails_alone(own_server):
    with config.driver(_settings(own_server)) as drv, pytest.raises(QueryError) as err:
        Store(drv).read_query("UNWIND range(1, 50000000) AS i WITH collect(i) AS c RETURN size(c) AS n", timeout=60)
    assert "memory" in str(err.value).lower()
    assert _answers(own_server)


def test_a_routing_client_is_sent_back_to_the_port_the_server_listens_on(own_server):
    with config.driver(_settings(own_server, "neo4j")) as drv:
        records, _, _ = drv.execute_query("RETURN 42 AS answer", routing_="r")
        assert records[0]["answer"] == 42
        table, _, _ = drv.execute_query("CALL dbms.routing.getRoutingTable({}, 'neo4j')")
    addresses = {a for server_ in table[0]["servers"] for a in server_["addresses"]}
    assert addresses == {f"127.0.0.1:{own_server.bolt_port}"}


def test_the_server_folder_and_its_files_are_private_to_the_user(own_server):
    loose = []
    for root, dirs, files in os.walk(own_server.home):
        for name in [*dirs, *files]:
            path = os.path.join(root, name)
            mode = os.lstat(path).st_mode
            if (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and mode & 0o077:
                loose.append(f"{oct(mode & 0o777)} {os.path.relpath(path, own_server.home)}")
    assert stat.S_IMODE(os.stat(own_server.home).st_mode) == 0o700
    assert (own_server.data / "dbms" / "auth.ini").exists()
    assert not loose, loose
