"""Names, titles and sources are text wherever they reach Streamlit's Markdown: an image, a link,
LaTeX, HTML or a heading in them renders as the characters they are."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from ui.safety import WORD_JOINER, h, md

PAYLOADS = [
    "![x](http://203.0.113.9/pixel.png)",
    "[click me](http://203.0.113.9/)",
    "<img src=http://203.0.113.9/x.png onerror=alert(1)>",
    "<script>alert(1)</script>",
    "$\\href{http://203.0.113.9}{x}$ and $$\\frac{a}{b}$$",
    "# Heading",
    "- list item",
    "1. first",
    "**bold** _it_ `code` ~~del~~",
    ":red[alarm] :material/warning:",
    "<http://203.0.113.9/auto>",
    "a\nb\n\n![y](http://203.0.113.9/y.png)",
    "bare http://203.0.113.9/t.png and www.example.org",
]
_RENDER = MarkdownIt("commonmark").enable("strikethrough")


def _text(html: str) -> str:
    import html as html_lib
    import re

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_payloads_render_as_their_own_text(payload):
    rendered = _RENDER.render(md(payload))
    assert "<img" not in rendered and "<a " not in rendered and "<script" not in rendered
    assert "<h1" not in rendered and "<li" not in rendered and "<strong" not in rendered and "<code" not in rendered
    assert _text(rendered).replace(WORD_JOINER, "") == " ".join(payload.split())
    assert "$" not in md(payload).replace("\\$", "")  # no bare dollar for Streamlit's LaTeX
    # Streamlit's GitHub-flavoured Markdown links a bare URL even with its punctuation escaped
    assert "://" not in md(payload).replace("\\", "") and "www." not in md(payload).replace("\\", "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_payloads_are_inert(payload):
    out = h(payload)
    assert "<" not in out and ">" not in out and "$" not in out and "![" not in out and "](" not in out


def test_the_apps_own_messages_keep_a_server_uri_as_typed():
    shown = md("Neo4j at bolt://127.0.0.1:7687 does not answer", urls=True).replace("\\", "")
    assert "bolt://127.0.0.1:7687" in shown and WORD_JOINER not in shown
