"""Paths and helpers shared by test modules (a uniquely named module: several conftest.py exist)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold_seeds.yaml"


def wipe(drv, database: str) -> None:
    """Empty the graph (the schema stays)."""
    with drv.session(database=database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
