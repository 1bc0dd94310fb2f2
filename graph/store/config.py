"""Connection settings, read the way Neo4j's own tools read them.

``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` come from the
environment, else from a ``.env`` file in the working directory. Without a URI the local server
that ``actorgraph neo4j start`` provisions is meant; without a password, the one that server
generated and keeps (mode 0600) in its folder. No password is ever written in code.

This module is the one place that builds a driver.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import ConfigError

if TYPE_CHECKING:
    from neo4j import Driver

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"


def neo4j_dir() -> Path:
    """The project-local folder holding the local server's configuration, data, logs and password."""
    return Path(os.environ.get("ACTORGRAPH_NEO4J_DIR", ".neo4j")).resolve()


def load_dotenv_once() -> None:
    """Read ``.env`` from the working directory without overriding the real environment."""
    try:
        from dotenv import load_dotenv
    except ImportError:  # pragma: no cover - dependency is declared
        return
    load_dotenv(Path.cwd() / ".env", override=False)


@dataclass(frozen=True)
class Settings:
    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str | None = None
    database: str = DEFAULT_DATABASE

    @property
    def host(self) -> str:
        return urlsplit(self.uri).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.uri).port or 7687

    @property
    def is_local(self) -> bool:
        """True when the URI points at this machine, i.e. at a server ``actorgraph neo4j`` can manage."""
        return self.host in {"127.0.0.1", "localhost", "::1"}

    def with_overrides(self, **values: str | None) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def settings(overrides: dict[str, str | None] | None = None) -> Settings:
    """Resolve the settings: explicit overrides, then the environment and ``.env``, then defaults."""
    load_dotenv_once()
    env = os.environ
    base = Settings(
        uri=env.get("NEO4J_URI") or DEFAULT_URI,
        username=env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or DEFAULT_USERNAME,
        password=env.get("NEO4J_PASSWORD") or None,
        database=env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
    )
    if overrides:
        base = base.with_overrides(**overrides)
    if base.password is None and base.is_local:
        stored = neo4j_dir() / "password"
        if stored.exists():
            base = replace(base, password=stored.read_text(encoding="utf-8").strip())
    return base


def driver(cfg: Settings | None = None) -> Driver:
    """Build the official Neo4j driver for ``cfg`` (the resolved settings by default)."""
    from neo4j import GraphDatabase

    cfg = cfg or settings()
    if cfg.password is None:
        raise ConfigError(
            f"No password for {cfg.uri}: set NEO4J_PASSWORD (or put it in .env), "
            "or start the local server with `actorgraph neo4j start`."
        )
    return GraphDatabase.driver(
        cfg.uri,
        auth=(cfg.username, cfg.password),
        connection_timeout=5.0,
        max_transaction_retry_time=15.0,
        user_agent="actorgraph/0.1",
    )
