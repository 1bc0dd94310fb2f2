"""Drawing: styles, layouts, the vis-network page and snapshots for reports."""
