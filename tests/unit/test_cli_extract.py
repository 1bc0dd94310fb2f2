"""``actorgraph extract``: the JSON Lines contract other tools read, and the run summary."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import ActorgraphError
from graph.extraction.documents import read_documents
from graph.extraction.extract import extract
from graph.extraction.jsonl import read_jsonl, write_jsonl
from graph.extraction.rules import load_rules
from graph.model import Document

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_the_contract_fields(tmp_path):
    out = tmp_path / "out.jsonl"
    run = _run("extract", str(DATA), "--out", str(out))
    assert run.returncode == 0, run.stderr
    recs = _records(out)
    docs = {r["doc"]: r for r in recs if r["kind"] == "document"}
    assert set(docs) == {"baltic_brief.md", "wire-001", "wire-002"}
    brief = docs["baltic_brief.md"]
    assert (brief["title"], brief["date"]) == ("Baltic states press for more air defence", "2023-03-03")
    assert (docs["wire-001"]["date"], docs["wire-001"]["source"]) == ("2023-04-12", "Example Wire")
    for m in (r for r in recs if r["kind"] == "mention"):
        assert set(m) >= {"doc", "actor", "start", "end", "text"} and set(m["actor"]) >= {"id", "name", "type"}
        assert docs[m["doc"]]["text"][m["start"] : m["end"]] == m["text"]
    rels = [r for r in recs if r["kind"] == "relation"]
    for r in rels:
        assert set(r) >= {"doc", "subject", "type", "object", "negated", "sentence", "start", "end", "date", "rule"}
        text = docs[r["doc"]]["text"]
        assert r["sentence"] in text and text[r["start"] : r["end"]] in r["sentence"]
        assert r["date"] == docs[r["doc"]]["date"]
    facts = {(r["doc"], r["subject"]["name"], r["type"], r["object"]["name"], r["negated"]) for r in rels}
    assert {
        ("baltic_brief.md", "Arvydas Anusauskas", "MEMBER_OF", "Lithuania", False),
        ("baltic_brief.md", "Arvydas Anusauskas", "MEETS", "Jens Stoltenberg", False),
        ("baltic_brief.md", "Estonia", "WARNS", "Belarus", False),
        ("baltic_brief.md", "Sweden", "MEMBER_OF", "NATO", True),
        ("wire-001", "South Korea", "THREATENS", "North Korea", False),
        ("wire-002", "Canada", "DEPLOYS", "Haiti", True),
    } <= facts


def test_page_furniture_gives_no_mentions(tmp_path):
    out = tmp_path / "out.jsonl"
    _run("extract", str(DATA / "baltic_brief.md"), "--out", str(out))
    recs = _records(out)
    doc = next(r for r in recs if r["kind"] == "document")
    assert "ALSO READ" not in doc["text"] and "Riga" not in doc["text"]


def test_summary_counts_documents_skips_and_relations_by_type(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "a.txt").write_text("Japan has warned China. India met with Brazil.")
    run = _run("extract", str(tmp_path), "--out", str(tmp_path / "o.jsonl"))
    assert run.returncode == 0
    assert "1 documents read, 1 skipped" in run.stderr and "empty.txt: empty" in run.stderr
    assert "MEETS 1" in run.stderr and "WARNS 1" in run.stderr


def test_without_out_the_records_go_to_stdout(tmp_path):
    (tmp_path / "a.txt").write_text("Japan has warned China.")
    run = _run("extract", str(tmp_path / "a.txt"))
    kinds = [json.loads(line)["kind"] for line in run.stdout.splitlines()]
    assert kinds[0] == "document" and "relation" in kinds and "documents read" not in run.stdout


def test_a_written_file_reads_back_as_the_same_extractions(tmp_path):
    rules = load_rules()
    exs = [extract(rules, d) for d in read_documents([DATA]) if isinstance(d, Document)]
    buf = io.StringIO()
    write_jsonl(exs, buf)
    path = tmp_path / "roundtrip.jsonl"
    path.write_text(buf.getvalue(), encoding="utf-8")
    back = list(read_jsonl(path))
    assert back == exs
    stoltenberg = next(a for ex in back for a in ex.actors if a.name == "Jens Stoltenberg")
    assert "Stoltenberg" in stoltenberg.aliases


def test_a_broken_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"kind": "document", "doc": "a", "text": "x"}) + '\n{"kind": "mention"}\n')
    with pytest.raises(ActorgraphError, match=r"bad\.jsonl:2"):
        list(read_jsonl(path))
