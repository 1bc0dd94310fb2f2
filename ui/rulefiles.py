"""The Rules page's file access, all in one place: which rule folders may be chosen, their files,
reading, checking and saving a user's rule file.

Only the folders ``graph.corpus`` offers can be chosen (the bundled pack, and the folders of
``ACTORGRAPH_RULES_DIR``): no field takes a path. The bundled pack inside the package is read,
never written. A user's file is saved only after the whole rule set it belongs to loads without a
problem (checked on a copy of the folder), only as a plain ``*.yaml`` name, and only into the
chosen folder of ``ACTORGRAPH_RULES_DIR``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph import corpus
from graph.errors import RuleError
from graph.extraction.rules import BUNDLED_DIR, RuleSet, load_rules

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml")


@dataclass(frozen=True)
class Folder:
    """The folder the user chose (None: the bundled pack) and whether it can be used."""

    path: Path | None
    problem: str | None = None

    @property
    def bundled(self) -> bool:
        return self.path is None

    @property
    def writable(self) -> bool:
        return self.path is not None and self.problem is None


def is_bundled(path: Path) -> bool:
    return path.resolve().is_relative_to(Path(BUNDLED_DIR).resolve())


def choices(settings: Mapping[str, str] | None = None) -> list[Path]:
    """The folders the page offers: the bundled pack, then ``ACTORGRAPH_RULES_DIR`` itself (also
    while it is empty, so a first rule file can be written) and each folder in it with rule files.
    ``ConfigError`` when the setting names no folder."""
    root = corpus.rules_root(settings)
    out = corpus.rule_folders(root)
    if root is not None and root not in out:
        out.insert(1, root)
    return out


def folder(path: Path | None, offered: list[Path]) -> Folder:
    """The chosen folder, if it is one of those ``offered`` and still there."""
    if path is None or is_bundled(path):
        return Folder(None)
    if path not in offered:
        return Folder(path, f"{path} is not one of the configured rule folders ({corpus.RULES_KEY}).")
    if not path.is_dir():
        return Folder(path, f"The rule folder {path} is gone: choose another one.")
    return Folder(path)


def files(f: Folder, with_pack: bool) -> list[Path]:
    """The rule files to load: the bundled pack's, the user's folder's, or both (links that lead
    out of a folder are left out)."""
    pack = corpus.rule_files_in(BUNDLED_DIR)
    if f.path is None or f.problem:
        return pack
    own = corpus.rule_files_in(f.path)
    return [*pack, *own] if with_pack else own


def own_files(f: Folder) -> list[str]:
    """The names of the rule files in the user's folder (the ones that can be edited)."""
    if not f.writable or f.path is None:
        return []
    return [p.name for p in corpus.rule_files_in(f.path)]


def load(f: Folder, with_pack: bool) -> RuleSet:
    """The rule set; raises ``RuleError`` listing every problem (an empty folder is one)."""
    chosen = files(f, with_pack)
    if not chosen:
        raise RuleError([f"{f.path}: no rule files (*.yaml) yet: write one below, or load the bundled pack too."])
    return load_rules(chosen)


def read(f: Folder, name: str) -> str:
    if f.path is None or not _NAME.fullmatch(name):
        return ""
    try:
        return corpus.inside(f.path, name, corpus.RULE_SUFFIXES).read_text(encoding="utf-8")
    except (ValueError, OSError):
        return ""


def check(f: Folder, name: str, text: str, with_pack: bool) -> list[str]:
    """The problems the rule set would have with ``text`` saved as ``name`` (empty: none). Checked on
    a copy of the folder, so nothing is written."""
    if f.path is None or not f.writable:
        return ["Choose your own rule folder first: the bundled pack is not edited here."]
    if not _NAME.fullmatch(name):
        return [f"{name!r} is not a rule file name: use letters, digits, '-', '_' and end in .yaml"]
    with tempfile.TemporaryDirectory(prefix="actorgraph-rules-") as tmp:
        copy = Path(tmp)
        for p in corpus.rule_files_in(f.path):
            shutil.copy(p, copy / p.name)
        (copy / name).write_text(text, encoding="utf-8")
        try:
            load_rules([*corpus.rule_files_in(BUNDLED_DIR), *corpus.rule_files_in(copy)] if with_pack else [copy])
        except RuleError as exc:
            return [p.replace(str(copy), str(f.path)) for p in exc.problems]
    return []


def save(f: Folder, name: str, text: str, with_pack: bool) -> list[str]:
    """Write ``text`` to ``name`` in the user's folder if the rule set then loads; else the problems."""
    problems = check(f, name, text, with_pack)
    if problems or f.path is None:
        return problems
    if is_bundled(f.path):
        return ["The bundled pack is read-only."]
    target = f.path / name
    if target.is_symlink() or not target.resolve().is_relative_to(f.path.resolve()):
        return [f"{name} leads out of the rule folder: not written."]
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".yaml", dir=f.path)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp_name, target)
    return []


TEMPLATE = """# Your own rules, loaded with the bundled pack (see docs/writing-rules.md).
# An actor the pack lacks:
actors:
  - id: org:example-alliance
    name: Example Alliance
    type: Organisation
    aliases: [the Example Alliance]
"""
