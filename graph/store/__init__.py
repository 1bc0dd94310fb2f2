"""The Neo4j store: connection settings, the local server, Cypher builders and the store itself."""
