"""Paths and helpers shared by test modules (a uniquely named module: several conftest.py exist)."""

from __future__ import annotations

import socket
from pathlib import Path

from graph.model import Edge, Node, Subgraph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold_seeds.yaml"
DEV = ROOT / "tests" / "data" / "dev"  # byte-identical copy of the development set (30 annotated articles)


def run_cli(*args, input: str | None = None, env: dict | None = None):
    """``actorgraph ARGS`` run in this process as a user runs it: the exit code, stdout and stderr
    apart. A bug (an exception the command does not turn into a message) fails the test."""
    from click.testing import CliRunner

    from graph.cli import cli

    runner = CliRunner(env=env)
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False, prog_name="actorgraph")


def free_port() -> int:
    """A port nothing listens on right now (for the test servers and apps the suite starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wipe(drv, database: str) -> None:
    """Empty the graph (the schema stays)."""
    with drv.session(database=database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def news_graph(n: int = 12) -> Subgraph:
    """A hub-and-spoke view like a real one: two hubs, leaves, parallel and negated edges."""
    nodes = [Node("org:nato", "NATO", "Organisation", degree=40), Node("state:rus", "Russia", "State", degree=30)]
    nodes += [
        Node(f"p{i}", f"Person <{i}> & co", ("Person", "State", "Organisation")[i % 3], degree=i) for i in range(n - 2)
    ]
    edges = [
        Edge("state:rus", "org:nato", "DEMANDS", False, 7, "2021-12-18", "2022-02-01"),
        Edge("state:rus", "org:nato", "CRITICIZES", False, 1, "2022-01-05", "2022-01-05"),
    ]
    edges += [
        Edge(
            f"p{i}",
            "org:nato" if i % 2 else "state:rus",
            ("MEMBER_OF", "WARNS", "MEETS", "DEPLOYS")[i % 4],
            i % 5 == 0,
            1 + i % 3,
            "2022-01-0" + str(1 + i % 9),
        )
        for i in range(n - 2)
    ]
    return Subgraph(tuple(nodes), tuple(edges), documents=4, date_from="2021-12-18", date_to="2022-02-01")
