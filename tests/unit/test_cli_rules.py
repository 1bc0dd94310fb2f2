"""``actorgraph rules check|test|schema`` as a rule writer runs them."""

from __future__ import annotations

import json
import textwrap

from support import run_cli

from graph.extraction.rules import json_schema


def _pack(tmp_path, body: str):
    (tmp_path / "pack.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


def test_check_counts_the_bundled_pack():
    run = run_cli("rules", "check")
    assert run.exit_code == 0 and run.stdout.startswith("OK: ") and "relation rules" in run.stdout


def test_check_names_file_line_and_rule_and_exits_1(tmp_path):
    _pack(tmp_path, "relations:\n  - id: a\n    type: NOPE\n    cues: [x]\n  - id: b\n    type: WARNS\n")
    run = run_cli("rules", "check", "--rules", tmp_path)
    assert run.exit_code == 1
    assert "pack.yaml:2: rule 'a'" in run.stderr and "rule 'b'" in run.stderr and "Traceback" not in run.stderr


def test_rules_test_reports_each_failing_example(tmp_path):
    _pack(
        tmp_path,
        """\
        actors:
          - {id: org:acme, name: Acme, type: Organisation}
          - {id: org:zenith, name: Zenith, type: Organisation}
        relations:
          - id: warns-simple
            type: WARNS
            cues: [warned]
            examples:
              - {text: "Acme warned Zenith.", expect: [[Acme, WARNS, Zenith]]}
              - {text: "Zenith warned Acme.", expect: [[Acme, WARNS, Zenith]]}
        """,
    )
    run = run_cli("rules", "test", "--rules", tmp_path)
    assert run.exit_code == 1
    assert "1 passed, 1 failed" in run.stdout and "missing:  Acme WARNS Zenith" in run.stdout
    assert "PASS" not in run.stdout
    verbose = run_cli("rules", "test", "--rules", tmp_path, "-v")
    assert "PASS warns-simple" in verbose.stdout


def test_bundled_examples_all_pass():
    run = run_cli("rules", "test")
    assert run.exit_code == 0 and run.stdout.strip().endswith(" 0 failed")


def test_schema_goes_to_stdout_or_the_output_file(tmp_path):
    printed = run_cli("rules", "schema")
    assert json.loads(printed.stdout) == json_schema()
    written = run_cli("rules", "schema", "-o", tmp_path / "s.json")
    assert written.stdout == "" and (tmp_path / "s.json").read_text(encoding="utf-8") == printed.stdout
