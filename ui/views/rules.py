"""Rules: the loaded rule files, their validation status, hits per rule; re-run and reload."""

from __future__ import annotations

import streamlit as st

from graph.errors import RuleError
from graph.extraction.rules import BUNDLED_DIR, RelationRule, load_rules, rule_files
from graph.extraction.ruletest import run_examples
from ui import data

st.title("Rules")
folder = st.text_input("Rule folder", value=str(BUNDLED_DIR), key="rules_dir")
files = rule_files([folder])
try:
    rules = load_rules([folder])
    st.success(f"Valid: {len(files)} files, {len(rules.actors)} actors, {len(rules.relations)} relation rules.")
except RuleError as exc:
    rules = None
    st.error("The rule files have problems; nothing is loaded until they are fixed:")
    st.code("\n".join(exc.problems), language=None)

st.dataframe([{"file": f.name, "size": f"{f.stat().st_size:,} bytes"} for f in files], hide_index=True)
if rules is not None:
    hits = data.rule_hits()
    examples = run_examples(rules)
    by_rule: dict[str, list] = {}
    for ex in examples:
        by_rule.setdefault(ex.rule, []).append(ex)
    st.subheader("Relation rules")
    st.dataframe(
        [
            {
                "rule": r.id,
                "type": r.type,
                "defined at": rules.sources.get(r.id, "").split("/")[-1],
                "hits in the graph": hits.get(r.id, 0),
                "examples": f"{sum(e.ok for e in by_rule.get(r.id, []))}/{len(by_rule.get(r.id, []))} pass",
                "cues": ", ".join(cues[:6]) + ("…" if len(cues) > 6 else ""),
            }
            for r in rules.relations
            # a construction rule's cue phrases, a predicate entry's lemmas
            for cues in [r.cues if isinstance(r, RelationRule) else [*r.verbs, *r.nouns, *r.agent_nouns]]
        ],
        hide_index=True,
        width="stretch",
    )
    other = {k: v for k, v in hits.items() if k not in {r.id for r in rules.relations}}
    if other:
        st.caption("Built-in rules: " + ", ".join(f"{k} ({v})" for k, v in sorted(other.items())))
    failing = [e for e in examples if not e.ok]
    if failing:
        st.warning(f"{len(failing)} rule examples fail:")
        for e in failing:
            st.text(
                f"{e.rule}: {e.text}\n  missing: {', '.join(e.missing) or '-'}  unwanted: {', '.join(e.unwanted) or '-'}"
            )

    st.subheader("Re-run extraction and reload")
    paths = st.text_input(
        "Articles (files, folders or globs, comma-separated)", value=str(data.SEEDS), key="rerun_paths"
    )
    if st.button("Extract and reload", type="primary", key="rerun"):
        from graph.pipeline import ingest

        with st.spinner("Extracting and loading…"):
            summary = ingest(data.store(), rules, [p.strip() for p in paths.split(",") if p.strip()])
        data.clear()
        st.success(summary.text())
