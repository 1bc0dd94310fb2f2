"""The JSON Lines contract other tools read: one ``document`` line, then its ``mention`` and
``relation`` lines (field names are fixed; more fields may be added, never renamed)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..model import Actor, ActorRef, Document, Extraction, Mention, Relation
from .documents import document_fields, iso_date


def records(ex: Extraction) -> Iterator[dict]:
    d = ex.document
    yield {
        "kind": "document",
        "doc": d.id,
        "title": d.title,
        "date": d.date,
        "source": d.source,
        "text": d.text,
        "path": d.path,
    }
    for a in ex.actors:
        yield {"kind": "actor", "doc": d.id, "id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases)}
    for m in ex.mentions:
        yield {
            "kind": "mention",
            "doc": m.doc,
            "actor": m.actor.to_dict(),
            "start": m.start,
            "end": m.end,
            "text": m.text,
        }
    for r in ex.relations:
        yield {
            "kind": "relation",
            "id": r.id,
            "doc": r.doc,
            "subject": r.subject.to_dict(),
            "type": r.type,
            "object": r.object.to_dict(),
            "negated": r.negated,
            "sentence": r.sentence,
            "start": r.start,
            "end": r.end,
            "date": r.date,
            "rule": r.rule,
        }


def write_jsonl(extractions: Iterable[Extraction], out: IO[str]) -> None:
    for ex in extractions:
        for rec in records(ex):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _ref(d: dict) -> ActorRef:
    return ActorRef(d["id"], d["name"], d["type"])


def read_jsonl(path: str | Path | IO[str]) -> Iterator[Extraction]:
    """Extractions back from a file ``write_jsonl`` (or another tool keeping the contract) wrote,
    named by its path or given as an open text stream (standard input, say)."""
    doc: Document | None = None
    mentions: list[Mention] = []
    relations: list[Relation] = []
    actors: dict[str, Actor] = {}

    def flush() -> Extraction:
        assert doc is not None
        for m in mentions:
            actors.setdefault(m.actor.id, Actor(m.actor.id, m.actor.name, m.actor.type))
        for r in relations:
            for ref in (r.subject, r.object):
                actors.setdefault(ref.id, Actor(ref.id, ref.name, ref.type))
        return Extraction(doc, tuple(mentions), tuple(relations), tuple(actors.values()))

    with open(path, encoding="utf-8") if isinstance(path, str | Path) else contextlib.nullcontext(path) as fh:
        name = getattr(fh, "name", "stdin") if fh is path else path
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                kind = rec["kind"]
                if kind == "document":
                    if doc is not None:
                        yield flush()
                    fields = document_fields({**rec, "id": rec["doc"], "text": rec.get("text") or " "})
                    doc = Document(
                        str(rec["doc"]),
                        rec.get("text") or "",
                        fields["title"],
                        fields["date"],
                        fields["source"],
                        rec.get("path") if isinstance(rec.get("path"), str) else None,
                    )
                    mentions, relations, actors = [], [], {}
                elif doc is None or rec.get("doc") != doc.id:
                    raise ValueError(f"a {kind} line for {rec.get('doc')!r} outside its document")
                elif kind == "actor":
                    actors[rec["id"]] = Actor(rec["id"], rec["name"], rec["type"], tuple(rec.get("aliases") or ()))
                elif kind == "mention":
                    mentions.append(Mention(rec["doc"], _ref(rec["actor"]), rec["start"], rec["end"], rec["text"]))
                elif kind == "relation":
                    relations.append(
                        Relation(
                            rec["doc"],
                            _ref(rec["subject"]),
                            rec["type"],
                            _ref(rec["object"]),
                            bool(rec["negated"]),
                            rec["sentence"],
                            rec["start"],
                            rec["end"],
                            iso_date(rec.get("date")),
                            rec["rule"],
                        )
                    )
            except (KeyError, ValueError, TypeError) as exc:
                from ..errors import ActorgraphError

                raise ActorgraphError(f"{name}:{n}: not an actorgraph JSONL record: {exc}") from exc
    if doc is not None:
        yield flush()
