"""Text from documents becomes HTML only here, escaped first, then marked up."""

from __future__ import annotations

import html


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` as HTML with each (start, end, css class) span wrapped in <mark>; everything escaped."""
    out, pos = [], 0
    for start, end, cls in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{html.escape(cls)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def mark_names(sentence: str, names: list[tuple[str, str]]) -> str:
    """The sentence with each name (or alias) found in it marked, escaped."""
    spans = []
    low = sentence.lower()
    for name, cls in names:
        if not name:
            continue
        i = low.find(name.lower())
        while i >= 0:
            spans.append((i, i + len(name), cls))
            i = low.find(name.lower(), i + len(name))
    spans.sort()
    kept, end = [], -1
    for s in spans:
        if s[0] >= end:
            kept.append(s)
            end = s[1]
    return highlight(sentence, kept)


STYLE = """<style>
mark.subj { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
mark.obj { background: #a8d8ff; padding: 0 2px; border-radius: 3px; }
mark.State { background: #d5e3f2; } mark.Organisation { background: #fde1c6; } mark.Person { background: #d7ecd3; }
.ag-doc { line-height: 1.6; font-size: 15px; }
.ag-ev { border-left: 3px solid #ccc; padding: 2px 10px; margin: 6px 0; }
.ag-meta { color: #666; font-size: 12px; }
</style>"""
