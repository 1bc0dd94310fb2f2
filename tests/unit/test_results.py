"""A query result is written out one way, whether the CLI or the Cypher page asks."""

from __future__ import annotations

import csv
import io
import json

from graph.model import QueryResult
from graph.store import results

RES = QueryResult(
    ("name", "props", "n"),
    (('NATO, "the" alliance', {"id": "org:nato", "aliases": ["North Atlantic"]}, 3), ("Ёлка", [1, 2], None)),
)


def test_csv_has_a_header_and_json_cells_for_maps_and_lists():
    rows = list(csv.reader(io.StringIO(results.to_csv(RES))))
    assert rows[0] == ["name", "props", "n"]
    assert rows[1][0] == 'NATO, "the" alliance' and json.loads(rows[1][1])["aliases"] == ["North Atlantic"]
    assert rows[2] == ["Ёлка", "[1, 2]", ""]


def test_json_is_an_array_of_objects_with_nested_values_kept():
    data = json.loads(results.to_json(RES))
    assert data[0]["props"]["id"] == "org:nato" and data[1] == {"name": "Ёлка", "props": [1, 2], "n": None}


def test_table_cells_match_the_csv_cells():
    assert results.table_rows(RES)[1]["props"] == "[1, 2]" and results.table_rows(RES)[0]["n"] == 3
