"""``actorgraph extract`` and ``eval`` as a user runs them: the JSON Lines contract other tools
read, standard input and output, several processes, the run summary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from support import GOLD, SEEDS, run_cli

from graph.errors import ActorgraphError
from graph.extraction.documents import read_documents
from graph.extraction.extract import extract
from graph.extraction.jsonl import read_jsonl, write_jsonl
from graph.extraction.rules import load_rules
from graph.model import Document

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_extract_writes_the_contract_fields(tmp_path):
    out = tmp_path / "out.jsonl"
    run = run_cli("extract", DATA, "-o", out)
    assert run.exit_code == 0, run.stderr
    recs = _records(out.read_text(encoding="utf-8"))
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


def test_page_furniture_gives_no_mentions():
    run = run_cli("extract", DATA / "baltic_brief.md")
    doc = next(r for r in _records(run.stdout) if r["kind"] == "document")
    assert "ALSO READ" not in doc["text"] and "Riga" not in doc["text"]


def test_summary_on_stderr_counts_documents_skips_and_relations_by_type(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "a.txt").write_text("Japan has warned China. India met with Brazil.")
    run = run_cli("extract", tmp_path)
    assert run.exit_code == 0
    assert "1 documents read, 1 skipped" in run.stderr and "empty.txt: empty" in run.stderr
    assert "MEETS 1" in run.stderr and "WARNS 1" in run.stderr
    assert "documents read" not in run.stdout


def test_records_go_to_stdout_by_default_and_to_the_output_file_with_o(tmp_path):
    (tmp_path / "a.txt").write_text("Japan has warned China.")
    to_stdout = run_cli("extract", tmp_path / "a.txt")
    kinds = [r["kind"] for r in _records(to_stdout.stdout)]
    assert kinds[0] == "document" and "relation" in kinds
    to_file = run_cli("extract", tmp_path / "a.txt", "--output", tmp_path / "a.jsonl")
    assert to_file.stdout == "" and (tmp_path / "a.jsonl").read_text(encoding="utf-8") == to_stdout.stdout


def test_the_output_file_inside_an_input_folder_is_never_read(tmp_path):
    (tmp_path / "a.txt").write_text("Japan has warned China.")
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", tmp_path, "-o", out).exit_code == 0
    again = run_cli("extract", tmp_path, "-o", out)
    assert "1 documents read" in again.stderr
    assert [r["doc"] for r in _records(out.read_text()) if r["kind"] == "document"] == ["a.txt"]


def test_dash_reads_json_lines_documents_from_stdin_in_order_with_files(tmp_path):
    (tmp_path / "b.txt").write_text("India met with Brazil.")
    lines = [
        json.dumps({"id": "wire-9", "text": "Japan has warned China.", "date": "2024-05-01", "title": "T"}),
        "{not json",
        json.dumps({"id": "no-text"}),
    ]
    run = run_cli("extract", "-", tmp_path / "b.txt", input="\n".join(lines) + "\n")
    assert run.exit_code == 0, run.stderr
    docs = [r for r in _records(run.stdout) if r["kind"] == "document"]
    assert [(d["doc"], d["date"], d["title"]) for d in docs] == [
        ("wire-9", "2024-05-01", "T"),
        ("b.txt", None, "India met with Brazil."),
    ]
    rels = {
        (r["subject"]["name"], r["type"], r["object"]["name"]) for r in _records(run.stdout) if r["kind"] == "relation"
    }
    assert ("Japan", "WARNS", "China") in rels
    assert "stdin:2: invalid JSON" in run.stderr and "stdin:3: no 'text' field" in run.stderr


def test_jobs_2_gives_byte_identical_output_to_jobs_1():
    one = run_cli("extract", SEEDS, "--jobs", "1")
    two = run_cli("extract", SEEDS, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert len([r for r in _records(one.stdout) if r["kind"] == "document"]) == 5
    assert two.stdout.encode() == one.stdout.encode()
    assert two.stderr == one.stderr  # the same summary


def test_jobs_must_be_a_count():
    run = run_cli("extract", SEEDS, "--jobs", "-1")
    assert run.exit_code == 2 and "--jobs" in run.stderr


def test_a_broken_rule_file_stops_extract_before_it_writes(tmp_path):
    (tmp_path / "pack.yaml").write_text("relations:\n  - id: a\n    type: NOPE\n    cues: [x]\n")
    out = tmp_path / "out.jsonl"
    run = run_cli("extract", SEEDS, "--rules", tmp_path, "-o", out)
    assert run.exit_code == 1 and "pack.yaml:2: rule 'a'" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


def test_eval_prints_the_score_table_then_misses_and_extras():
    run = run_cli("eval", GOLD, SEEDS)
    assert run.exit_code == 0
    table = run.stdout.splitlines()
    assert table[0].split() == ["P", "R", "F1", "tp", "fp", "fn"] and table[1].startswith("primary")
    assert "Misses (" in run.stdout and "Extras (" in run.stdout
    quiet = run_cli("eval", GOLD, SEEDS, "--quiet")
    assert quiet.stdout.splitlines() == table[: len(quiet.stdout.splitlines())] and "Misses (" not in quiet.stdout


# --- the JSON Lines contract, read back ----------------------------------------------------


def test_a_written_file_reads_back_as_the_same_extractions(tmp_path):
    rules = load_rules()
    exs = [extract(rules, d) for d in read_documents([DATA]) if isinstance(d, Document)]
    buf = io.StringIO()
    write_jsonl(exs, buf)
    path = tmp_path / "roundtrip.jsonl"
    path.write_text(buf.getvalue(), encoding="utf-8")
    back = list(read_jsonl(path))
    assert back == exs
    assert list(read_jsonl(io.StringIO(buf.getvalue()))) == exs  # an open stream (standard input) reads alike
    stoltenberg = next(a for ex in back for a in ex.actors if a.name == "Jens Stoltenberg")
    assert "Stoltenberg" in stoltenberg.aliases


def test_a_broken_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"kind": "document", "doc": "a", "text": "x"}) + '\n{"kind": "mention"}\n')
    with pytest.raises(ActorgraphError, match=r"bad\.jsonl:2"):
        list(read_jsonl(path))
