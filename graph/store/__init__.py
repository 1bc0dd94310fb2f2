"""The Neo4j store: connection settings, the local server, Cypher builders and the store itself.

``from graph.store import Store`` is the entry point for notebooks and scripts."""

from .store import Store

__all__ = ["Store"]
