"""Rules: the loaded rule files, their validation status, hits per rule; re-run and reload.

The page reads only what the app is configured to read (``graph.corpus``): the bundled rule pack
or a folder of ``ACTORGRAPH_RULES_DIR``, articles of ``ACTORGRAPH_CORPUS_DIR`` and files the user
uploads. No field takes a path.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from graph import corpus
from graph.errors import ConfigError, RuleError
from graph.extraction.rules import RelationRule, RuleSet, load_rules
from graph.extraction.ruletest import run_examples
from ui import data, safety

st.title("Rules")
try:
    configured = safety.settings(corpus.CORPUS_KEY, corpus.RULES_KEY)
    folders = corpus.rule_folders(corpus.rules_root(configured))
    corpus_dir = corpus.corpus_root(configured)
except ConfigError as exc:
    st.error(safety.md(str(exc)))
    st.stop()
labels = {("The bundled rule pack" if i == 0 else str(f)): f for i, f in enumerate(folders)}
choice = st.selectbox(
    "Rule folder",
    list(labels),
    key="rules_dir",
    help=f"The bundled pack, or a folder of {corpus.RULES_KEY} (set it to offer your own rule folders).",
)
files = corpus.rule_files_in(labels[choice])
rules: RuleSet | None
try:
    rules = load_rules(files)
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
    names = corpus.files(corpus_dir)
    every = st.checkbox(
        f"All {len(names)} articles of the corpus folder", value=True, key="rerun_all", help=f"{corpus.CORPUS_KEY}"
    )
    picked = names if every else st.multiselect("Articles of the corpus folder", names, key="rerun_files")
    st.caption(f"Corpus folder: {safety.md(corpus_dir)}")
    uploads = st.file_uploader(
        "Or upload articles (.txt, .md, .html, .jsonl)",
        type=sorted(s.lstrip(".") for s in corpus.DOCUMENT_SUFFIXES),
        accept_multiple_files=True,
        key="rerun_uploads",
    )
    if st.button("Extract and reload", type="primary", key="rerun"):
        from graph.pipeline import ingest

        with st.spinner("Extracting and loading…"), tempfile.TemporaryDirectory(prefix="actorgraph-upload-") as tmp:
            written, refused = corpus.save_uploads(((u.name, u.getvalue()) for u in uploads or []), Path(tmp))
            chosen = [corpus.inside(corpus_dir, n) for n in picked]
            summary = ingest(data.store(), rules, [*chosen, *written])
        summary.skipped[:0] = refused
        data.clear()
        st.success("Extracted and reloaded.")
        st.code(summary.text(), language=None)
