"""JSON Lines documents are validated record by record: a bad record (a date that is no ISO date, a
number for a date, a map for a source or title) is skipped and reported by its line, the rest load.
Dates leave the reader as ISO days or None, nothing else."""

from __future__ import annotations

import json

import pytest

from graph.errors import ActorgraphError
from graph.extraction.documents import Skipped, iso_date, read_documents
from graph.extraction.jsonl import read_jsonl
from graph.model import Document

TEXT = "NATO warned Russia about troops near the border."


def _write(path, records) -> None:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_bad_records_are_skipped_by_line_and_the_rest_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    _write(
        feed,
        [
            {"id": "good-1", "text": TEXT, "date": "2022-01-05", "title": "One", "source": "Wire"},
            {"id": "bad-date", "text": TEXT, "date": "2022-13-45"},
            {"id": "words-date", "text": TEXT, "date": "last Tuesday"},
            {"id": "number-date", "text": TEXT, "date": 20220105},
            {"id": "map-source", "text": TEXT, "source": {"name": "Wire", "url": "http://x"}},
            {"id": "list-title", "text": TEXT, "title": ["a", "b"]},
            {"id": {"nested": 1}, "text": TEXT},
            {"id": "no-text", "text": 42},
            "not json at all",
            {"id": "good-2", "text": TEXT, "date": None, "title": None, "source": None},
            {"id": "datetime", "text": TEXT, "date": "2022-02-24T04:50:00+02:00"},
            {"id": 7, "text": TEXT},
        ],
    )
    items = list(read_documents([feed]))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = {s.path.rsplit(":", 1)[1]: s.reason for s in items if isinstance(s, Skipped)}
    assert [d.id for d in docs] == ["good-1", "good-2", "datetime", "7"]
    assert [d.date for d in docs] == ["2022-01-05", None, "2022-02-24", None]
    assert sorted(skipped, key=int) == ["2", "3", "4", "5", "6", "7", "8", "9"]
    assert "date" in skipped["2"] and "2022-13-45" in skipped["2"]
    assert "date" in skipped["4"] and "number" in skipped["4"]
    assert "source" in skipped["5"] and "title" in skipped["6"] and "id" in skipped["7"]
    assert "text" in skipped["8"] and "JSON" in skipped["9"]
    assert all(str(feed) in s.path for s in items if isinstance(s, Skipped))


@pytest.mark.parametrize(
    ("value", "iso"),
    [(None, None), ("", None), ("2022-01-05", "2022-01-05"), ("2022-01-05T10:00:00Z", "2022-01-05")],
)
def test_iso_date_accepts_iso_days_and_times(value, iso):
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    "value", ["2022-13-45", "2022-02-30", "05/01/2022", "yesterday", 20220105, 2022.1, ["2022"], True]
)
def test_iso_date_refuses_everything_else(value):
    with pytest.raises(ValueError):
        iso_date(value)


def test_an_extraction_file_with_a_bad_document_date_names_file_and_line(tmp_path):
    path = tmp_path / "extracted.jsonl"
    _write(
        path,
        [
            {"kind": "document", "doc": "a", "text": "x", "date": "2022-01-01"},
            {"kind": "document", "doc": "b", "text": "y", "date": {"when": "today"}},
        ],
    )
    with pytest.raises(ActorgraphError, match=r"extracted\.jsonl:2.*date"):
        list(read_jsonl(path))


def test_an_endless_sentence_gives_evidence_capped_to_a_window_around_the_cue():
    """A 1 MB line without a full stop: extraction takes seconds (it took minutes, growing with the
    square of the length), and the evidence is a window of the line around the cue."""
    from graph.extraction.extract import extract
    from graph.extraction.rules import load_rules

    filler = "and the talks went on " * 25_000  # ~0.5 MB a side, ~1 MB in all, and not one full stop
    text = "Talks\n\n" + filler + "while NATO warned Russia about its troops " + filler
    ex = extract(load_rules(), Document("endless", text))
    warns = [r for r in ex.relations if r.type == "WARNS"]
    assert warns
    for r in warns:
        assert len(r.sentence) <= 1000
        assert "NATO warned Russia" in r.sentence
        assert text[r.start : r.end] in r.sentence  # the evidence itself is whole, its offsets are the document's


@pytest.mark.parametrize(
    "doc",
    [
        Document("a", TEXT, date="2022-13-45"),
        Document("a", TEXT, date="last Tuesday"),
        Document("a", TEXT, date=20220105),  # type: ignore[arg-type]
        Document("a", TEXT, source={"name": "Wire"}),  # type: ignore[arg-type]
        Document("a", TEXT, title=["x"]),  # type: ignore[arg-type]
    ],
)
def test_the_store_refuses_a_document_it_could_not_show(doc):
    from graph.errors import StoreError
    from graph.model import Extraction
    from graph.store.loader import rows_for

    with pytest.raises(StoreError, match="'a'"):
        rows_for([Extraction(doc)])
    assert rows_for([Extraction(Document("b", TEXT, date="2022-01-05", title="T", source="S"))])["docs"]
