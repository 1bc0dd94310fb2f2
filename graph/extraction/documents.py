"""Reading articles: files, folders, globs and JSON Lines, each turned into a ``Document``.

A document's id is its file name. The article's own date, source and title are taken from the
text where it states them. Page furniture (menus, "ALSO READ", "Previous Story", "Latest from",
"Don't Miss" teaser blocks, datelines) is removed before extraction, because what it mentions is
not what the article says. One bad file never stops a run: it is skipped and reported.
"""

from __future__ import annotations

import glob
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..model import Document

TEXT_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm"}
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Skipped:
    """A file that was not read, and why (reported, never fatal)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Warning_:
    """A file that was read with a problem worth telling (e.g. invalid UTF-8 replaced)."""

    path: str
    message: str


# --- dates ---------------------------------------------------------------------------------

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = "|".join(m.capitalize() for m in _MONTHS) + "|" + "|".join(m[:3].capitalize() + r"\.?" for m in _MONTHS)
_ISO_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b(.*)$", re.I | re.M)
_US_DATE = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*(\d{{4}})\b")
_UK_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE}),?\s*(\d{{4}})\b")


def _month(name: str) -> int:
    return _MONTHS.index(next(m for m in _MONTHS if m.startswith(name.rstrip(".").lower()[:3]))) + 1


def _iso(y: str, m: int, d: str) -> str | None:
    try:
        return datetime(int(y), m, int(d)).date().isoformat()
    except ValueError:
        return None


def iso_date(value) -> str | None:
    """The ISO day (``YYYY-MM-DD``) of ``value``, None for no date; ``ValueError`` for anything
    else. An ISO date-time counts by its day. A date goes into the store only through here: the
    explorer sorts, filters and parses dates, and one ``"last Tuesday"`` or ``20220105`` among them
    used to break every view."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"a date must be an ISO date (YYYY-MM-DD) or null, not a {_kind(value)}")
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    raise ValueError(f"{value[:40]!r} is not an ISO date (YYYY-MM-DD)")


def _kind(value) -> str:
    """How a JSON value is called in messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {dict: "map", list: "list", str: "string"}
    return names.get(type(value), type(value).__name__)


def find_date(text: str) -> str | None:
    """The article's own date: a ' date YYYY-MM-DD' header, a 'February 1, 2022' line, or a
    '22nd December, 2021' dateline, looked for in the first lines only (not in the story)."""
    head = "\n".join(text.splitlines()[:12])[:2000]
    m = _ISO_HEADER.search(head)
    if m:
        return m.group(1)
    for line in head.splitlines():
        s = line.strip()
        m = _US_DATE.search(s)
        if m and (len(s) <= 40 or s.startswith(m.group(0)) or "(" in s[: m.start()]):
            return _iso(m.group(3), _month(m.group(1)), m.group(2))
        m = _UK_DATE.search(s)
        if m and (len(s) <= 40 or "(" in s[: m.start()]):
            return _iso(m.group(3), _month(m.group(2)), m.group(1))
    return None


# --- furniture -----------------------------------------------------------------------------

_FURNITURE_START = re.compile(
    r"^\s*(ALSO READ\b|Also read\b|Previous Story\b|Next Story\b|Latest from\b|Don'?t Miss\b|Don’t Miss\b|"
    r"Related (Articles|Stories|News)\b|Read more\b|You may also like\b|More from\b|Recommended\b|Trending\b)",
    re.M,
)
_MENU_LINE = re.compile(
    r"^\s*(Go to ?Top|Share( this)?|Tweet|Subscribe|Advertisement|\d+ mins? read|Print)\s*$", re.I | re.M
)
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{2,40})\s*\(([^()\n]{3,120}?\d{4})\)\s*", re.M)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>\n]{1,400}>")


def strip_furniture(text: str) -> str:
    """Cut page furniture: everything from the first teaser-block marker in the latter part of the
    page, menu lines, datelines like 'MOSCOW (Agency - 22nd December, 2021)'."""
    m = _FURNITURE_START.search(text, len(text) // 3)
    if m:
        text = text[: m.start()]
    text = _MENU_LINE.sub("", text)
    text = _DATELINE.sub("", text)
    return text


def html_to_text(text: str) -> str:
    """Markup is not article text: drop scripts and styles, tags, and unescape entities."""
    text = _SCRIPT.sub(" ", text)
    text = re.sub(r"<(br|/p|/div|/h\d|/li)\b[^>]*>", "\n", text, flags=re.I)
    text = _TAG.sub(" ", text)
    return html.unescape(text)


def _looks_like_html(text: str, suffix: str) -> bool:
    """An HTML page, by its name or its opening; markup quoted inside a plain-text article stays text."""
    return suffix in {".html", ".htm"} or bool(re.match(r"\s*(<!doctype html|<html\b)", text[:500], re.I))


def _title_and_source(raw_lines: list[str]) -> tuple[str | None, str | None]:
    source = None
    title = None
    for line in raw_lines[:15]:
        s = line.strip()
        if not s:
            continue
        m = _ISO_HEADER.match(line)
        if m:
            rest = m.group(2).strip()
            source = rest or source
            continue
        if find_date(s) and len(s) <= 40:
            continue
        if _MENU_LINE.fullmatch(s):
            continue
        s = re.sub(r"^#{1,6}\s+", "", s)  # a Markdown heading's marker is not part of the title
        title = s if (len(s) <= 160 and not s.endswith((".", "”", '"'))) else None
        break
    if source is None:
        m = re.search(r"(?:…|\.\.\.)?\breports ([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})", "\n".join(raw_lines[:20]))
        if m:
            source = m.group(1).strip()
    return title, source


def clean(text: str) -> tuple[str, str | None, str | None, str | None]:
    """(article text, date, title, source) of a raw page."""
    date = find_date(text)
    lines = text.splitlines()
    title, source = _title_and_source(lines)
    body = _ISO_HEADER.sub("", text, count=1)
    body = strip_furniture(body).strip()
    if title is None:
        first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0].strip()
        title = (first[:90] + "…") if len(first) > 90 else (first or None)
    return body, date, title, source


def from_text(
    doc_id: str,
    raw: str,
    *,
    path: str | None = None,
    date: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    """A ``Document`` from raw text; explicit metadata wins over what the text states."""
    body, found_date, found_title, found_source = clean(raw)
    return Document(
        id=doc_id,
        text=body,
        title=title or found_title,
        date=date or found_date,
        source=source or found_source,
        path=path,
    )


# --- files ---------------------------------------------------------------------------------


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, inside folders (recursively) or matched by globs, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and (f.suffix.lower() in TEXT_SUFFIXES | {".jsonl"}))
            )
        elif any(ch in str(raw) for ch in "*?["):
            out.extend(sorted(Path(x) for x in glob.glob(str(raw), recursive=True) if Path(x).is_file()))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and control / len(sample) > 0.05


def read_file(path: Path) -> Iterator[Document | Skipped | Warning_]:
    """Documents of one file (a ``.jsonl`` file holds many), or why it was skipped."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Skipped(str(path), f"larger than {MAX_BYTES // 2**20} MB")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"unreadable: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Skipped(str(path), "empty")
        return
    if _is_binary(data):
        yield Skipped(str(path), "binary, not text")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        yield Warning_(str(path), f"invalid UTF-8 at byte {exc.start}: decoded with replacement characters")
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl_documents(text.splitlines(), str(path))
        return
    if _looks_like_html(text, path.suffix.lower()):
        text = html_to_text(text)
    doc = from_text(path.name, text, path=str(path))
    if not doc.text.strip():
        yield Skipped(str(path), "no article text after removing markup and page furniture")
        return
    yield doc


def document_fields(rec) -> dict:
    """The fields of one JSON Lines document record, checked: ``text`` a non-empty string, ``id`` a
    string or whole number (or absent), ``date`` an ISO date or null, ``title`` and ``source``
    strings or null. ``ValueError`` names the first field that is wrong."""
    if not isinstance(rec, dict):
        raise ValueError(f"a record must be a JSON object, not a {_kind(rec)}")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(
            "no 'text' field" if text is None else f"'text' must be a non-empty string, not a {_kind(text)}"
        )
    doc_id = rec.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        raise ValueError(f"'id' must be a string, not a {_kind(doc_id)}")
    try:
        date = iso_date(rec.get("date"))
    except ValueError as exc:
        raise ValueError(f"'date': {exc}") from None
    for key in ("title", "source"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise ValueError(f"'{key}' must be a string or null, not a {_kind(rec[key])}")
    return {
        "id": str(doc_id) if doc_id not in (None, "") else None,
        "text": text,
        "date": date,
        "title": rec.get("title") or None,
        "source": rec.get("source") or None,
    }


def read_jsonl_documents(lines: Iterable[str], name: str) -> Iterator[Document | Skipped]:
    """Documents of JSON Lines ``{"id", "text", "date", "source", "title"}`` (a ``.jsonl`` file or
    standard input, called ``name`` in messages); each record is checked (``document_fields``) and a
    bad one is skipped and reported by its line, never fatal: the others load."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            fields = document_fields(json.loads(line))
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON: {exc.msg}")
            continue
        except ValueError as exc:
            yield Skipped(where, str(exc))
            continue
        doc_id = fields["id"] or f"{Path(name).name}:{n}"
        yield from_text(
            doc_id, fields["text"], path=where, date=fields["date"], title=fields["title"], source=fields["source"]
        )


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Skipped | Warning_]:
    """Every document under ``paths``; problems come as ``Skipped``/``Warning_`` items, in order."""
    for path in expand(paths):
        if not path.exists():
            yield Skipped(str(path), "no such file")
            continue
        yield from read_file(path)
