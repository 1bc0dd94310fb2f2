"""The explorer reads only its corpus: document files inside the configured corpus folder (no path
outside it, no link out of it, no file that is not a document), rule files inside the configured
rule folder, and files the user uploads (saved under plain names)."""

from __future__ import annotations

import os

import pytest

from graph import corpus
from graph.errors import ConfigError


@pytest.fixture
def root(tmp_path):
    base = tmp_path / "corpus"
    (base / "2022").mkdir(parents=True)
    (base / "a.txt").write_text("NATO warned Russia.")
    (base / "2022" / "b.md").write_text("Russia criticized NATO.")
    (base / "feed.jsonl").write_text('{"id": "x", "text": "y"}\n')
    (base / "notes.pdf").write_bytes(b"%PDF")
    (base / ".hidden.txt").write_text("x")
    os.symlink("/etc/passwd", base / "passwd.txt")
    os.symlink("/etc", base / "etc-link")
    return base


def test_only_documents_inside_the_corpus_are_offered(root):
    assert corpus.files(root) == ["2022/b.md", "a.txt", "feed.jsonl"]


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "../../../../etc/passwd", "passwd.txt", "etc-link/passwd", "notes.pdf", "2022", "nope.txt"]
)
def test_a_name_outside_the_corpus_or_not_a_document_is_refused(root, name):
    with pytest.raises(ValueError):
        corpus.inside(root, name)


def test_a_document_inside_resolves(root):
    assert corpus.inside(root, "2022/b.md") == (root / "2022" / "b.md").resolve()


def test_the_corpus_folder_comes_from_settings_or_the_environment(root, monkeypatch):
    monkeypatch.delenv(corpus.CORPUS_KEY, raising=False)
    assert corpus.corpus_root().name == "demo"
    monkeypatch.setenv(corpus.CORPUS_KEY, str(root))
    assert corpus.corpus_root() == root.resolve()
    assert corpus.corpus_root({corpus.CORPUS_KEY: str(root / "2022")}) == (root / "2022").resolve()
    with pytest.raises(ConfigError, match=corpus.CORPUS_KEY):
        corpus.corpus_root({corpus.CORPUS_KEY: str(root / "missing")})


def test_rule_folders_are_the_bundled_pack_and_folders_of_the_rules_root(tmp_path):
    rules = tmp_path / "rules"
    (rules / "mine").mkdir(parents=True)
    (rules / "mine" / "x.yaml").write_text("relations: []\n")
    (rules / "empty").mkdir()
    os.symlink("/etc/passwd", rules / "mine" / "passwd.yaml")
    folders = corpus.rule_folders(rules)
    assert folders[0].name == "pack" and folders[1:] == [(rules / "mine").resolve()]
    assert corpus.rule_files_in(rules / "mine") == [(rules / "mine" / "x.yaml").resolve()]
    assert corpus.rule_folders(None)[0].name == "pack" and len(corpus.rule_folders(None)) == 1


def test_uploads_are_saved_under_plain_names_and_documents_only(tmp_path):
    written, skipped = corpus.save_uploads(
        [
            ("../../etc/cron.d/x.txt", b"NATO warned Russia."),
            ("a.txt", b"one"),
            ("a.txt", b"two"),
            ("C:\\Users\\me\\report.md", b"# Report"),
            ("evil.sh", b"rm -rf /"),
            ("feed.jsonl", b'{"text": "x"}\n'),
        ],
        tmp_path,
    )
    assert [p.name for p in written] == ["x.txt", "a.txt", "a-2.txt", "report.md", "feed.jsonl"]
    assert all(p.parent == tmp_path for p in written)
    assert [s.path for s in skipped] == ["evil.sh"]
