"""What the explorer may read from the machine it runs on: the documents of one configured corpus
folder and the rule files of one configured rule folder, nothing else.

Whoever reaches the explorer reaches its file system through it. When its Rules page took any path
in a text field, ``/etc/passwd`` or the Neo4j password file could be ingested and then read on the
Documents page. So the pages offer choices instead of a path field: the document files under
``ACTORGRAPH_CORPUS_DIR`` (default: the bundled demo articles), the rule folders under
``ACTORGRAPH_RULES_DIR`` (besides the bundled pack), and files the user uploads from their own
machine. Every chosen name is resolved and checked to lie inside its folder, with a document
extension; a symbolic link out of the folder does not count as inside.

Pure path logic over explicit folders, so it is tested without Streamlit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import ConfigError
from .extraction.documents import MAX_BYTES, TEXT_SUFFIXES, Skipped

DOCUMENT_SUFFIXES = frozenset({*TEXT_SUFFIXES, ".jsonl"})
RULE_SUFFIXES = frozenset({".yaml", ".yml"})
CORPUS_KEY = "ACTORGRAPH_CORPUS_DIR"
RULES_KEY = "ACTORGRAPH_RULES_DIR"


def _setting(key: str, settings: Mapping[str, str] | None) -> str | None:
    value = (settings or {}).get(key) or os.environ.get(key)
    return str(value) if value else None


def corpus_root(settings: Mapping[str, str] | None = None) -> Path:
    """The corpus folder: ``ACTORGRAPH_CORPUS_DIR`` (``settings`` first, then the environment),
    else the bundled demo articles."""
    from .resources import demo_corpus

    value = _setting(CORPUS_KEY, settings)
    root = Path(value).expanduser() if value else demo_corpus()
    if not root.is_dir():
        raise ConfigError(f"{CORPUS_KEY}={root} is not a folder: set it to the folder of your articles.")
    return root.resolve()


def rules_root(settings: Mapping[str, str] | None = None) -> Path | None:
    """The folder of the user's rule folders (``ACTORGRAPH_RULES_DIR``), or None."""
    value = _setting(RULES_KEY, settings)
    if not value:
        return None
    root = Path(value).expanduser()
    if not root.is_dir():
        raise ConfigError(f"{RULES_KEY}={root} is not a folder: set it to the folder holding your rule files.")
    return root.resolve()


def inside(root: Path, name: str | Path, suffixes: Iterable[str] = DOCUMENT_SUFFIXES) -> Path:
    """The file ``name`` (relative to ``root``) resolved, if it is a regular file inside ``root``
    with one of ``suffixes``; ``ValueError`` otherwise."""
    base = root.resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        raise ValueError(f"{name} is outside the corpus folder {base}")
    if path.suffix.lower() not in set(suffixes):
        raise ValueError(f"{name} is not a document ({', '.join(sorted(suffixes))})")
    if not path.is_file():
        raise ValueError(f"{name} is not a file in {base}")
    return path


def files(root: Path, suffixes: Iterable[str] = DOCUMENT_SUFFIXES) -> list[str]:
    """The names (relative to ``root``, with ``/``) of the files inside ``root`` with ``suffixes``,
    in name order; links that lead out of ``root`` are left out."""
    allowed = set(suffixes)
    out = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        try:
            inside(root, rel, allowed)
        except (ValueError, OSError):
            continue
        out.append(rel)
    return sorted(out)


def rule_folders(root: Path | None) -> list[Path]:
    """The rule folders a user may choose: the bundled pack, then ``root`` and each folder in it
    that holds rule files."""
    from .resources import rule_pack

    out = [rule_pack()]
    if root is not None:
        base = root.resolve()
        for folder in [base, *sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))]:
            folder = folder.resolve()
            if folder.is_relative_to(base) and rule_files_in(folder):
                out.append(folder)
    return out


def rule_files_in(folder: Path) -> list[Path]:
    """The rule files directly in ``folder``, each resolved inside it (a link out is left out)."""
    found = []
    for path in sorted(folder.iterdir()):
        try:
            found.append(inside(folder, path.name, RULE_SUFFIXES))
        except (ValueError, OSError):
            continue
    return found


_UNSAFE = re.compile(r"[^\w.\- ]+")


def safe_name(name: str) -> str:
    """An uploaded file's name as a plain file name: its last part, no path, no odd characters."""
    base = Path(name.replace("\\", "/")).name
    return _UNSAFE.sub("_", base).strip(" .") or "upload"


def save_uploads(uploads: Iterable[tuple[str, bytes]], folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Write uploaded ``(name, content)`` pairs into ``folder`` as documents to ingest: documents
    only (by extension), at most ``MAX_BYTES`` each, under safe, distinct names. Answers the files
    written and the uploads skipped, and why."""
    written: list[Path] = []
    skipped: list[Skipped] = []
    for name, content in uploads:
        clean = safe_name(name)
        path = Path(clean)
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            skipped.append(Skipped(name, f"not a document ({', '.join(sorted(DOCUMENT_SUFFIXES))})"))
            continue
        if len(content) > MAX_BYTES:
            skipped.append(Skipped(name, f"larger than {MAX_BYTES // 2**20} MB"))
            continue
        target = folder / clean
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{path.stem}-{n}{path.suffix}"
        target.write_bytes(content)
        written.append(target)
    return written, skipped
