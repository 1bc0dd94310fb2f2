"""Rule files are validated data: a broken file names file, line, rule and problem, and loads nothing."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from graph.errors import RuleError
from graph.extraction.rules import BUNDLED_DIR, json_schema, load_rules

GOOD_RELATION = """\
relations:
  - id: warns-simple
    type: WARNS
    cues: [warned]
"""


def _write(tmp_path, body: str, name: str = "pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _problems(tmp_path, body: str, extra: dict | None = None) -> str:
    _write(tmp_path, body)
    for name, text in (extra or {}).items():
        _write(tmp_path, text, name)
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    return str(err.value)


def test_bundled_pack_loads_with_every_un_member_state():
    rules = load_rules()
    states = {a.actor.name for a in rules.actors.values() if a.actor.type == "State"}
    assert len(states) == 193 + 4  # and Taiwan, Kosovo, Palestine, the Holy See: they act as states in the news
    assert {"Taiwan", "Kosovo", "Palestine", "Holy See"} <= states
    russia = rules.by_name("Russia")
    assert "Moscow" in russia.actor.aliases and "Russian" in russia.demonyms
    assert rules.by_name("Kyiv").actor.name == "Ukraine"


def test_bad_yaml_names_file_and_line(tmp_path):
    msg = _problems(tmp_path, "relations:\n  - id: x\n    cues: [warned\n")
    assert "pack.yaml:" in msg and "invalid YAML" in msg


def test_unknown_relation_type_names_rule_and_line(tmp_path):
    msg = _problems(tmp_path, GOOD_RELATION + "  - id: praises\n    type: PRAISES\n    cues: [praised]\n")
    assert "pack.yaml:5: rule 'praises'" in msg and "type" in msg


def test_missing_field_is_named(tmp_path):
    msg = _problems(tmp_path, "relations:\n  - id: no-cues\n    type: WARNS\n")
    assert "rule 'no-cues'" in msg and "cues" in msg and "Field required" in msg


def test_duplicate_id_across_files_names_both_places(tmp_path):
    msg = _problems(tmp_path, GOOD_RELATION, {"more.yaml": GOOD_RELATION})
    assert "duplicate id" in msg and "warns-simple" in msg and "more.yaml:2" in msg and "pack.yaml:2" in msg


def test_reference_to_unknown_actor_is_named(tmp_path):
    msg = _problems(
        tmp_path,
        """\
        actors:
          - {id: org:x, name: X Agency, type: Organisation, member_of: org:nowhere}
        """,
    )
    assert "rule 'org:x'" in msg and "unknown actor 'org:nowhere'" in msg


def test_bad_pattern_is_named(tmp_path):
    msg = _problems(tmp_path, "relations:\n  - id: bad-cue\n    type: WARNS\n    cues: ['warn(ed']\n")
    assert "rule 'bad-cue'" in msg and "cue" in msg


def test_a_broken_file_loads_nothing(tmp_path):
    _write(tmp_path, GOOD_RELATION, "a.yaml")
    _write(tmp_path, "relations:\n  - id: b\n    type: NOPE\n    cues: [x]\n", "b.yaml")
    with pytest.raises(RuleError):
        load_rules([tmp_path])


def test_every_problem_is_reported_at_once(tmp_path):
    msg = _problems(tmp_path, "relations:\n  - id: a\n    type: NOPE\n    cues: [x]\n  - id: b\n    type: WARNS\n")
    assert "rule 'a'" in msg and "rule 'b'" in msg


def test_published_json_schema_matches_the_models():
    published = json.loads((BUNDLED_DIR / "schema.json").read_text())
    assert published == json_schema()
    assert "relations" in published["properties"]


def test_rule_examples_all_pass():
    from graph.extraction.ruletest import run_examples

    results = run_examples(load_rules())
    assert len(results) >= 30
    assert [r for r in results if not r.ok] == []


def test_writing_rules_guide_names_every_slot_kind_and_frame():
    from graph.extraction.clauses import FRAMES
    from graph.extraction.slots import OBJECT_SLOTS, SUBJECT_SLOTS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    missing = [name for name in (*SUBJECT_SLOTS, *OBJECT_SLOTS, *FRAMES) if f"`{name}`" not in guide]
    assert missing == []


USER_PREDICATE = """\
actors:
  - {id: org:acme, name: Acme, type: Organisation}
  - {id: org:zenith, name: Zenith, type: Organisation}
predicates:
  - id: rebuff
    type: CRITICIZES
    verbs: [rebuff, snub]
    nouns: [snub]
    object: [direct, of]
"""


def _relations(rules, text: str) -> set[tuple[str, str, str, bool]]:
    from graph.extraction.extract import extract
    from graph.model import Document

    ex = extract(rules, Document(id="t", text=text))
    return {(r.subject.name, r.type, r.object.name, r.negated) for r in ex.relations}


def test_a_users_predicate_entry_inflects_and_gets_the_shared_grammar(tmp_path):
    _write(tmp_path, USER_PREDICATE)
    rules = load_rules([tmp_path])
    fact = {("Acme", "CRITICIZES", "Zenith", False)}
    assert _relations(rules, "Acme rebuffed Zenith on Monday.") == fact
    assert _relations(rules, "Acme has repeatedly snubbed Zenith.") == fact
    assert _relations(rules, "Zenith was pointedly rebuffed by Acme.") == fact
    assert _relations(rules, "Acme's snub of Zenith surprised nobody.") == fact
    assert _relations(rules, "Acme did not rebuff Zenith.") == {("Acme", "CRITICIZES", "Zenith", True)}
    assert _relations(rules, "If Acme rebuffs Zenith, talks end.") == set()


def test_a_predicate_entry_with_an_unknown_frame_names_file_line_and_entry(tmp_path):
    problems = _problems(tmp_path, USER_PREDICATE.replace("object: [direct, of]", "object: [direct, beside]"))
    assert "pack.yaml:5: rule 'rebuff' predicates.0.object.1" in problems
