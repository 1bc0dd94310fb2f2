"""What a user reads when something is wrong: one message that says what and what to do, an exit
code scripts can test, never a traceback. None of these needs a server."""

from __future__ import annotations

import pytest
from support import SEEDS, free_port, run_cli


def test_neo4j_down_names_the_uri_and_how_to_start_it():
    uri = f"bolt://127.0.0.1:{free_port()}"
    out = run_cli("query", "RETURN 1", env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "x"})
    assert out.exit_code == 1 and uri in out.stderr and "actorgraph neo4j start" in out.stderr
    assert out.stderr.startswith("Error: ") and "Traceback" not in out.stderr


@pytest.mark.parametrize("uri", ["bolt://no-such-host.invalid:7687", "http//not-a-uri"])
def test_wrong_uri_gives_one_clear_message(uri):
    out = run_cli("ingest", SEEDS, env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "x"})
    assert out.exit_code == 1 and uri in out.stderr and "Traceback" not in out.stderr


def test_a_usage_error_exits_2_and_shows_the_usage():
    out = run_cli("extract")
    assert out.exit_code == 2 and "Usage: actorgraph extract" in out.stderr and "Missing argument" in out.stderr


def test_an_unknown_command_exits_2():
    out = run_cli("extrakt", SEEDS)
    assert out.exit_code == 2 and "No such command" in out.stderr
