"""Extraction: documents in, mentions and relations out. Pure functions over plain data, no I/O."""
