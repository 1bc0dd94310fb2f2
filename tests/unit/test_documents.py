"""Reading articles: dates, titles and furniture from the text; odd files skipped and reported."""

from __future__ import annotations

import json

from support import SEEDS

from graph.extraction.documents import (
    Skipped,
    Warning_,
    find_date,
    read_documents,
    strip_furniture,
)
from graph.model import Document


def _read(*paths):
    items = list(read_documents([str(p) for p in paths]))
    return (
        [i for i in items if isinstance(i, Document)],
        [i for i in items if isinstance(i, Skipped)],
        [i for i in items if isinstance(i, Warning_)],
    )


def test_seed_dates_come_from_the_articles_own_headers_and_datelines():
    docs, skipped, _ = _read(SEEDS)
    dates = {d.id: d.date for d in docs}
    assert not skipped and len(docs) == 5
    assert dates["000_ee9984eb4188a190.txt"] == "2021-12-18"  # ' date 2021-12-18' header
    assert dates["002_72fcc66e931bedad.txt"] == "2022-02-01"  # 'February 1, 2022' line
    assert dates["003_7687692cd4fda39e.txt"] == "2021-12-22"
    assert dates["001_051bb416b91fbc6c.txt"] is None


def test_date_formats():
    assert find_date("MOSCOW (Agency - 22nd December, 2021) The minister said") == "2021-12-22"
    assert find_date("February 1, 2022\nText") == "2022-02-01"
    assert find_date(" date 2021-12-18 \nText") == "2021-12-18"
    assert find_date("The war began on February 24, 2022, when troops crossed the border and more text here.") is None


def test_page_furniture_is_removed_before_extraction():
    docs, _, _ = _read(SEEDS / "002_72fcc66e931bedad.txt")
    text = docs[0].text
    assert "Lavrov previously derided" in text
    for furniture in ("ALSO READ", "Previous Story", "Latest from", "Don't Miss", "Houthi", "Kim Jong-un"):
        assert furniture not in text
    assert docs[0].title.startswith("NATO, UK will")


def test_datelines_are_not_article_text():
    text = strip_furniture(
        "Title line\n\nMOSCOW (UrduPoint News / Sputnik - 22nd December, 2021) The UK minister met NATO."
    )
    assert "Sputnik" not in text and "The UK minister met NATO." in text


def test_empty_and_binary_files_are_skipped_and_reported(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "ok.txt").write_text("NATO warned Russia.")
    docs, skipped, _ = _read(tmp_path)
    assert [d.id for d in docs] == ["ok.txt"]
    reasons = {s.path.split("/")[-1]: s.reason for s in skipped}
    assert reasons == {"empty.txt": "empty", "blob.txt": "binary, not text"}


def test_latin1_is_decoded_with_replacement_and_reported(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Macron said the café in Paris was closed.".encode("latin-1"))
    docs, skipped, warnings = _read(tmp_path)
    assert len(docs) == 1 and "caf\ufffd" in docs[0].text and not skipped
    assert "invalid UTF-8" in warnings[0].message


def test_a_20mb_single_line_is_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(("NATO warned Russia. " * 1_100_000)[:20_000_000])
    docs, skipped, _ = _read(big)
    assert len(docs) == 1 and len(docs[0].text) > 19_000_000 and not skipped


def test_html_scripts_are_dropped_and_text_kept(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><script>alert('x')</script><style>p{}</style></head>"
        "<body><p>NATO &amp; the EU warned Russia.</p></body></html>"
    )
    docs, _, _ = _read(tmp_path)
    assert "alert" not in docs[0].text and "NATO & the EU warned Russia." in docs[0].text


def test_markup_quoted_in_a_text_article_stays_text(tmp_path):
    (tmp_path / "a.txt").write_text("NATO said <script>alert(1)</script> was posted.")
    docs, _, _ = _read(tmp_path)
    assert "<script>alert(1)</script>" in docs[0].text


def test_jsonl_documents_keep_their_metadata_and_bad_lines_are_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": "NATO warned Russia.", "date": "2022-01-05", "source": "Wire", "title": "A"})
        + "\n{broken\n"
        + json.dumps({"id": "a2"})
        + "\n"
    )
    docs, skipped, _ = _read(path)
    assert [(d.id, d.date, d.source, d.title) for d in docs] == [("a1", "2022-01-05", "Wire", "A")]
    assert len(skipped) == 2 and "invalid JSON" in skipped[0].reason


def test_one_unreadable_file_does_not_stop_the_run(tmp_path):
    (tmp_path / "a.txt").write_text("NATO warned Russia.")
    docs, skipped, _ = _read(tmp_path / "missing.txt", tmp_path / "a.txt")
    assert [d.id for d in docs] == ["a.txt"] and skipped[0].reason == "no such file"
