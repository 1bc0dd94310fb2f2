"""actorgraph core: rules, extraction, the Neo4j store, snapshots and the CLI."""
