"""Rules: the loaded rule files, their validation status, hits per rule; edit a rule file of your
own; extract again and reload (the stored documents, articles of the corpus folder, uploads).

The page reads only what the app is configured to read (``graph.corpus``): the bundled rule pack
or a folder of ``ACTORGRAPH_RULES_DIR``, articles of ``ACTORGRAPH_CORPUS_DIR`` and files the user
uploads. No field takes a path. Rule-file access goes through ``ui.rulefiles``: the bundled pack is
only read; a user's file is saved only after the whole rule set loads with it, and only into the
chosen folder. The chosen folder is kept for the session (leaving the page does not reset it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from graph import corpus
from graph.errors import ConfigError, RuleError
from graph.extraction.rules import RelationRule, RuleSet
from graph.extraction.ruletest import run_examples
from ui import data, rulefiles, safety
from ui.safety import md

NEW = "+ New rule file…"
BUNDLED = "The bundled rule pack"

ss = st.session_state

st.title("Rules")
try:
    configured = safety.settings(corpus.CORPUS_KEY, corpus.RULES_KEY)
    offered = rulefiles.choices(configured)
    corpus_dir = corpus.corpus_root(configured)
except ConfigError as exc:
    st.error(md(str(exc)))
    st.stop()
labels = {(BUNDLED if i == 0 else str(f)): f for i, f in enumerate(offered)}
kept = ss.get("rules_dir")
if kept is not None and kept not in labels:  # a folder chosen earlier that is no longer there
    ss.pop("rules_dir", None)
    ss["rules_gone"] = kept
choice = st.selectbox(
    "Rule folder",
    list(labels),
    key="rules_dir",
    help=f"The bundled pack, or a folder of {corpus.RULES_KEY} (set it to offer your own rule folders).",
    persist_state="session",
    on_change=lambda: ss.pop("rules_gone", None),
)
if ss.get("rules_gone") and choice == BUNDLED:  # said until another folder is chosen, never silent
    st.warning(
        f"The rule folder you chose, {md(ss['rules_gone'])}, is not there any more (moved, deleted or no "
        f"longer under {corpus.RULES_KEY}): the bundled pack is shown and would be used until you choose "
        "another folder."
    )
folder = rulefiles.folder(labels[choice], offered)
with_pack = st.toggle(
    "Load the bundled pack too", value=True, key="rules_with_pack", persist_state="session", disabled=folder.bundled
)
if folder.problem:
    st.error(md(folder.problem))
    st.caption("Until then the bundled pack is shown.")
elif folder.bundled:
    st.caption(
        "Showing the bundled rule pack (read-only here). "
        + (
            "Choose a folder of your own above to add and edit rules."
            if len(offered) > 1
            else f"Set {corpus.RULES_KEY} to a folder for your own rule files to add and edit rules."
        )
    )

files = rulefiles.files(folder, with_pack)
rules: RuleSet | None
try:
    rules = rulefiles.load(folder, with_pack)
    st.success(f"Valid: {len(files)} files, {len(rules.actors)} actors, {len(rules.relations)} relation rules.")
except RuleError as exc:
    rules = None
    st.error("The rule files have problems; nothing is loaded until they are fixed:")
    st.code("\n".join(exc.problems), language=None)

st.dataframe(
    [
        {
            "file": f.name,
            "folder": BUNDLED if rulefiles.is_bundled(f) else str(f.parent),
            "size": f"{f.stat().st_size:,} bytes",
        }
        for f in files
    ],
    hide_index=True,
)

# --- editing a rule file of one's own ------------------------------------------------------
st.subheader("Edit a rule file", anchor=False)
if not folder.writable:
    st.info("Rules are edited in your own rule folder, never in the bundled pack: choose one above.")
else:
    own = rulefiles.own_files(folder)
    pick = st.selectbox("Rule file", [*own, NEW], key="rules_file")
    name = (
        st.text_input("Name of the new rules (ends in .yaml)", value="my-rules.yaml", key="rules_new_name")
        if pick == NEW
        else pick
    )
    editor_key = f"rules_text::{folder.path}::{name}"
    if editor_key not in ss:
        ss[editor_key] = rulefiles.read(folder, name) or (rulefiles.TEMPLATE if pick == NEW else "")
    text = st.text_area(md(name), key=editor_key, height=320)
    c1, c2 = st.columns(2)
    if c1.button("Check", key="rules_check", width="stretch"):
        problems = rulefiles.check(folder, name, text, with_pack)
        ss["rules_feedback"] = ("error", problems) if problems else ("ok", [f"{name} is valid with the rest."])
    if c2.button("Save", key="rules_save", type="primary", width="stretch"):
        problems = rulefiles.save(folder, name, text, with_pack)
        if problems:
            ss["rules_feedback"] = ("error", problems)
        else:
            ss["rules_feedback"] = ("ok", [f"Saved {folder.path}/{name}. Extract and reload to apply it."])
            st.rerun()
    kind, lines = ss.get("rules_feedback", (None, []))
    if kind == "error":
        st.error("Not saved: the rule set would not load.")
        st.code("\n".join(lines), language=None)
    elif kind == "ok":
        st.success(md(" ".join(lines)))

if rules is not None:
    st.subheader("Extract again and reload", anchor=False)
    st.caption(
        "With the rules above: every stored document again (their text is stored, no file is needed), "
        "or articles of the corpus folder and files you upload."
    )
    if st.button("Re-extract the stored documents", key="reextract"):
        from graph.pipeline import reextract

        with st.spinner("Extracting and loading…"):
            summary = reextract(data.store(), rules)
        data.clear()
        st.success("Extracted the stored documents again and reloaded.")
        st.code(summary.text(), language=None)
    names = corpus.files(corpus_dir)
    every = st.checkbox(
        f"All {len(names)} articles of the corpus folder", value=True, key="rerun_all", help=f"{corpus.CORPUS_KEY}"
    )
    picked = names if every else st.multiselect("Articles of the corpus folder", names, key="rerun_files")
    st.caption(f"Corpus folder: {md(corpus_dir)}")
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

    hits = data.rule_hits()
    examples = run_examples(rules)
    by_rule: dict[str, list] = {}
    for ex in examples:
        by_rule.setdefault(ex.rule, []).append(ex)
    st.subheader("Relation rules", anchor=False)
    st.dataframe(
        [
            {
                "rule": r.id,
                "kind": "construction" if isinstance(r, RelationRule) else "predicate",
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
