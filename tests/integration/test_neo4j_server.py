"""The foundation: a real Neo4j 5.26 answers through the official driver, and the local server's
lifecycle leaves nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import free_port, run_cli

from graph.store import config, server

pytestmark = pytest.mark.neo4j


def test_driver_writes_and_reads_back_through_real_neo4j(clean_db, neo4j_settings):
    clean_db.execute_query("CREATE (:Probe {name: $name})", name="hello", database_=neo4j_settings.database)
    records, _, _ = clean_db.execute_query("MATCH (p:Probe) RETURN p.name AS name", database_=neo4j_settings.database)
    assert [r["name"] for r in records] == ["hello"]


def test_server_is_neo4j_5_26_community(neo4j_driver, neo4j_settings):
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition",
        database_=neo4j_settings.database,
    )
    assert records[0]["v"].startswith("5.26")
    assert records[0]["edition"] == "community"


def _gone(pid: int) -> bool:
    """No such process, or only a zombie waiting for a parent (it holds no ports or files)."""
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().split()[2] == "Z"


def test_start_status_stop_leaves_no_process(tmp_path):
    """A second instance in its own folder and ports: start, start again, status, stop; nothing left."""
    bolt, http = free_port(), free_port()
    env = {
        "ACTORGRAPH_NEO4J_DIR": str(tmp_path / "n4j"),
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
        "ACTORGRAPH_NEO4J_HTTP_PORT": str(http),
        "ACTORGRAPH_NEO4J_HEAP": "512m",
        "ACTORGRAPH_NEO4J_PAGECACHE": "128m",
        "NEO4J_PASSWORD": None,
    }
    started = run_cli("neo4j", "start", env=env)
    assert started.exit_code == 0, started.stderr
    pid = int((tmp_path / "n4j" / "run" / "neo4j.pid").read_text())
    try:
        assert run_cli("neo4j", "start", env=env).exit_code == 0  # twice is harmless
        assert int((tmp_path / "n4j" / "run" / "neo4j.pid").read_text()) == pid
        st = run_cli("neo4j", "status", env=env)
        assert st.exit_code == 0 and st.stdout.startswith("running") and f":{bolt}" in st.stdout
        pw = tmp_path / "n4j" / "password"
        assert pw.stat().st_mode & 0o777 == 0o600  # generated, private
        cfg = config.Settings(uri=f"bolt://127.0.0.1:{bolt}", password=pw.read_text().strip())
        with config.driver(cfg) as drv:
            drv.verify_connectivity()
    finally:
        stopped = run_cli("neo4j", "stop", env=env)
    assert stopped.exit_code == 0
    assert _gone(pid)
    st = run_cli("neo4j", "status", env=env)
    assert st.exit_code == 3 and st.stdout.startswith("stopped")


def test_taken_port_gives_a_clear_message(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        env = {"ACTORGRAPH_NEO4J_DIR": str(tmp_path / "n4j"), "NEO4J_URI": f"bolt://127.0.0.1:{port}"}
        out = run_cli("neo4j", "start", env=env)
    assert out.exit_code != 0
    assert f"Port {port}" in out.stderr and "taken" in out.stderr


def test_config_reads_neo4j_tool_variables(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7690")
    monkeypatch.setenv("NEO4J_USERNAME", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("NEO4J_DATABASE", "news")
    cfg = config.settings()
    assert (cfg.uri, cfg.username, cfg.password, cfg.database) == (
        "neo4j://db.example:7690",
        "analyst",
        "s3cret",
        "news",
    )
    assert not cfg.is_local and cfg.port == 7690


def test_config_reads_dotenv_without_overriding_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for k in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USERNAME"):
        monkeypatch.delenv(k, raising=False)
    (tmp_path / ".env").write_text("NEO4J_URI=bolt://127.0.0.1:7999\nNEO4J_PASSWORD=fromdotenv\n")
    monkeypatch.setenv("NEO4J_USERNAME", "fromenv")
    cfg = config.settings()
    assert cfg.uri == "bolt://127.0.0.1:7999" and cfg.password == "fromdotenv" and cfg.username == "fromenv"
    for k in ("NEO4J_URI", "NEO4J_PASSWORD"):
        os.environ.pop(k, None)


def test_missing_prerequisites_name_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr("graph.store.runtime.shutil.which", lambda name: None)
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path))
    with pytest.raises(server.ServerError) as err:
        server.check_prerequisites()
    assert "Java 17" in str(err.value) and "Maven" in str(err.value) and "docker compose" in str(err.value)
