"""A snapshot's HTML draws in headless Chromium with every outside request aborted."""

from __future__ import annotations

import pytest
from support import news_graph

from graph.render import snapshot


@pytest.mark.browser
def test_html_draws_offline_in_headless_chromium(tmp_path, browser):
    sub = news_graph(40)
    path = tmp_path / "view.html"
    path.write_bytes(snapshot.snapshot(sub, "html", title="<b>NATO</b>"))
    page = browser.new_page()
    blocked = []
    page.route(
        "**/*",
        lambda route: (
            (blocked.append(route.request.url), route.abort())
            if not route.request.url.startswith(("file:", "data:"))
            else route.continue_()
        ),
    )
    page.goto(path.as_uri())
    page.wait_for_function("() => window.actorgraphReady === true", timeout=30_000)
    drawn = page.evaluate("() => network.body.data.nodes.length")
    heading = page.inner_text("h1")
    page.close()
    assert blocked == [] and drawn == len(sub.nodes) and heading.startswith("<b>NATO</b>")
