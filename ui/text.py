"""Text from documents becomes HTML only here, escaped first (``ui.safety.h``: HTML, and the
Markdown and LaTeX that Streamlit still reads inside HTML), then marked up.

Names, titles and sources that reach Markdown (``st.title``, ``st.caption``, ``st.subheader``) go
through :func:`md` (``ui.safety.md``) instead, so a document titled ``**Breaking** [news](x)``
stays plain text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from ui.safety import h, md

__all__ = ["OBJECT", "STYLE", "SUBJECT", "evidence_spans", "h", "highlight", "mark_names", "md", "sentence_start"]

#: Mark classes for the two ends of a relation, and a light one per actor type for other mentions.
SUBJECT, OBJECT = "subj", "obj"
PRONOUNS = re.compile(r"(he|she|it|they|we|i|his|her|its|their|him|them|us|our)\b", re.I)


def highlight(text: str, spans: Iterable[Sequence], band: tuple[int, int] | None = None) -> str:
    """``text`` as HTML with each ``(start, end, css class[, tooltip])`` span wrapped in ``<mark>``
    (overlapping spans: the first one wins) and ``band`` (start, end), if given, wrapped in
    ``<span class="ag-hl" id="ag-hl">``; everything escaped."""
    marks, end_at = [], -1
    for s in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = int(s[0]), int(s[1])
        if start < end_at or start < 0 or end > len(text) or start >= end:
            continue
        marks.append((start, end, s[2], s[3] if len(s) > 3 else None))
        end_at = end
    cut_set = {0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks}
    lo, hi = (max(0, band[0]), min(len(text), band[1])) if band else (0, 0)
    has_band = lo < hi
    if has_band:
        cut_set |= {lo, hi}
    out: list[str] = []
    mi, in_band = 0, False
    for a, b in itertools.pairwise(sorted(cut_set)):
        want_band = has_band and lo <= a < hi
        if want_band != in_band:
            out.append('<span class="ag-hl" id="ag-hl">' if want_band else "</span>")
            in_band = want_band
        while mi < len(marks) and marks[mi][1] <= a:
            mi += 1
        piece = h(text[a:b])
        if mi < len(marks) and marks[mi][0] <= a < marks[mi][1]:
            _, _, cls, tip = marks[mi]
            title = f' data-tip="{h(tip)}"' if tip else ""  # shown on hover (STYLE), escaped
            piece = f'<mark class="{h(cls)}"{title}>{piece}</mark>'
        out.append(piece)
    if in_band:
        out.append("</span>")
    return "".join(out).replace("\n", "<br>")


def mark_names(sentence: str, names: list[tuple[str, str]]) -> str:
    """The sentence with each name (or alias) found in it marked, escaped (the fallback when the
    document's mention spans are not available)."""
    spans = []
    low = sentence.lower()
    for name, cls in names:
        if not name:
            continue
        i = low.find(name.lower())
        while i >= 0:
            spans.append((i, i + len(name), cls))
            i = low.find(name.lower(), i + len(name))
    return highlight(sentence, spans)


def sentence_start(doc_text: str, sentence: str, start: int, end: int) -> int | None:
    """Where ``sentence`` (which holds the evidence span ``start``..``end``) begins in the document."""
    if not sentence:
        return None
    i = doc_text.find(sentence, max(0, end - len(sentence)))
    while 0 <= i <= start:
        if i + len(sentence) >= end:
            return i
        i = doc_text.find(sentence, i + 1)
    return None


def evidence_spans(doc_text: str, mentions, ev) -> list[tuple[int, int, str, str]] | None:
    """Marks for one evidence sentence, relative to it: the subject and the object wherever the
    document's stored mention spans put them (name, alias or title), the other actors lightly, and
    a pronoun that stands for an end at the edge of the evidence span. None when the sentence is
    not found in the document text."""
    s0 = sentence_start(doc_text, ev.sentence, ev.start, ev.end)
    if s0 is None:
        return None
    s1 = s0 + len(ev.sentence)
    ends = {ev.subject.id: (SUBJECT, "subject"), ev.object.id: (OBJECT, "object")}
    out, covered = [], {SUBJECT: False, OBJECT: False}
    for a, b, ref in mentions:
        if a < s0 or b > s1:
            continue
        cls, role = ends.get(ref.id, (ref.type, ""))
        out.append((a - s0, b - s0, cls, f"{ref.name} ({role or ref.type})"))
        if cls in covered and ev.start <= a and b <= ev.end:
            covered[cls] = True
    for cls, ref, at_start in ((SUBJECT, ev.subject, True), (OBJECT, ev.object, False)):
        if covered[cls]:
            continue
        word = _edge_pronoun(doc_text, ev.start, ev.end, at_start) or _edge_pronoun(
            doc_text, ev.start, ev.end, not at_start
        )
        if word:
            a, b = word
            if not any(m[0] <= a - s0 < m[1] for m in out):
                out.append((a - s0, b - s0, cls, f"{ref.name} ({'subject' if cls == SUBJECT else 'object'}, pronoun)"))
    return out


def _edge_pronoun(text: str, start: int, end: int, at_start: bool) -> tuple[int, int] | None:
    """The pronoun the evidence span starts (or ends) with, as (start, end) in the document."""
    if at_start:
        m = PRONOUNS.match(text, start, end)
        return (m.start(), m.end()) if m else None
    m = re.search(r"\b(\w+)\W*$", text[start:end])
    if m and PRONOUNS.fullmatch(m.group(1)):
        return start + m.start(1), start + m.end(1)
    return None


STYLE = """<style>
mark.subj { background: #ffd95e; box-shadow: inset 0 -2px #c99700; font-weight: 600; padding: 0 2px; border-radius: 3px; }
mark.obj { background: #8cc8ff; box-shadow: inset 0 -2px #2f75b5; font-weight: 600; padding: 0 2px; border-radius: 3px; }
mark.State { background: #d5e3f2; } mark.Organisation { background: #fde1c6; } mark.Person { background: #d7ecd3; }
mark[data-tip] { cursor: help; position: relative; }
mark[data-tip]:hover::after { content: attr(data-tip); position: absolute; left: 0; top: calc(100% + 2px);
  z-index: 20; background: #262730; color: #fff; font-size: 12px; font-weight: 400; line-height: 1.3;
  padding: 2px 6px; border-radius: 4px; white-space: nowrap; pointer-events: none; }
.ag-hl { background: #fff6d5; outline: 2px solid #f2c14e; border-radius: 3px; }
.ag-doc { line-height: 1.6; font-size: 15px; }
.ag-ev { border-left: 3px solid #ccc; padding: 2px 10px; margin: 6px 0; font-size: 14px; }
.ag-meta { color: #666; font-size: 12px; }
.ag-legend span.ag-chip { display: inline-block; padding: 0 6px; border-radius: 3px; margin-right: 6px; }
</style>"""
