"""What a person sees and does in the explorer, in headless Chromium against the real app and Neo4j.
Each test saves a screenshot in test-artifacts/<run>/."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

READY = (
    "(focus) => { const n = document.querySelectorAll('.ag-network');"
    " return n.length === 1 && n[0].dataset.ready === '1' && (focus === null || n[0].dataset.focus === focus); }"
)


def wait_drawn(page, focus: str | None = None, timeout: int = 60_000):
    """Exactly one network on the page (the one for ``focus``), drawn and still."""
    page.wait_for_function(READY, arg=focus, timeout=timeout)
    page.wait_for_timeout(300)


def open_view(page, url: str, focus: str | None = None):
    page.goto(url)
    wait_drawn(page, focus)


def node_point(page, node_id: str) -> dict:
    return page.evaluate(
        """(id) => {
        const n = window.actorgraphNetwork, r = n.body.container.getBoundingClientRect();
        const d = n.canvasToDOM(n.getPosition(id));
        return {x: r.left + d.x, y: r.top + d.y};
    }""",
        node_id,
    )


def edge_point(page, edge_id: str) -> dict | None:
    """A point on the drawn edge where vis-network itself reports that edge (and no node)."""
    return page.evaluate(
        """(id) => {
        const n = window.actorgraphNetwork, r = n.body.container.getBoundingClientRect();
        const e = n.body.edges[id]; if (!e) return null;
        for (let t = 0.2; t <= 0.8; t += 0.01) {
            const p = n.canvasToDOM(e.edgeType.getPoint(t));  // on the drawn (possibly curved) edge
            if (n.getEdgeAt(p) === id && n.getNodeAt(p) === undefined) return {x: r.left + p.x, y: r.top + p.y};
        }
        return null;
    }""",
        edge_id,
    )


def edges(page) -> list[dict]:
    return page.evaluate("() => window.actorgraphNetwork.body.data.edges.get()")


def test_search_nato_shows_its_network(page, app_url, shots):
    open_view(page, app_url + "/")
    page.get_by_label("Search actors").fill("NATO")
    page.get_by_label("Search actors").press("Enter")
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Suggestions")
    box.wait_for(timeout=30_000)
    box.locator("input").click()
    page.get_by_role("option", name=re.compile(r"^NATO \(Organisation")).click()
    page.wait_for_function("() => decodeURIComponent(location.search).includes('focus=org:nato')", timeout=30_000)
    page.get_by_role("heading", name="NATO's network").wait_for(timeout=30_000)
    wait_drawn(page, "org:nato")
    assert int(page.locator(".ag-network").get_attribute("data-nodes")) >= 5
    page.screenshot(path=shots / "01-search-nato.png", full_page=True)
    assert page.external == []  # offline-safe: nothing loaded from outside the app


def test_clicking_a_node_moves_the_focus_there(page, app_url, shots):
    open_view(page, app_url + "/?focus=org:nato", "org:nato")
    p = node_point(page, "state:rus")
    page.mouse.click(p["x"], p["y"])
    page.wait_for_function("() => decodeURIComponent(location.search).includes('focus=state:rus')", timeout=30_000)
    page.get_by_role("heading", name="Russia's network").wait_for(timeout=30_000)
    wait_drawn(page, "state:rus")
    page.screenshot(path=shots / "02-click-node-russia.png", full_page=True)
    page.get_by_role("button", name="◀ Back").click()
    page.get_by_role("heading", name="NATO's network").wait_for(timeout=30_000)


def test_clicking_an_edge_shows_its_evidence(page, app_url, shots):
    open_view(page, app_url + "/?focus=org:nato", "org:nato")
    edge_id = "person:jens-stoltenberg|MEMBER_OF|org:nato|0"
    p = edge_point(page, edge_id)
    assert p is not None, "edge not found on the canvas"
    page.mouse.click(p["x"], p["y"])
    page.get_by_role("heading", name="Jens Stoltenberg MEMBER_OF NATO").wait_for(timeout=30_000)
    page.locator("p", has_text=re.compile(r"^\d+ evidence sentences?$")).wait_for()
    page.locator("mark.subj").first.wait_for(timeout=30_000)
    assert page.locator("mark.obj").count() >= 1
    assert page.get_by_text("member-of-title").count() >= 1  # the rule that produced it
    page.screenshot(path=shots / "03-click-edge-evidence.png", full_page=True)


def test_a_filter_changes_url_and_drawing(page, app_url, shots):
    open_view(page, app_url + "/?focus=org:nato", "org:nato")
    assert any(e.get("dashes") for e in edges(page))
    page.get_by_text("Show negated relations").click()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_function("() => location.search.includes('neg=0')", timeout=30_000)
    page.wait_for_function(
        "() => { const e = window.actorgraphNetwork.body.data.edges.get();"
        " return e.length > 0 && e.every(x => !x.dashes); }",
        timeout=30_000,
    )
    wait_drawn(page, "org:nato")
    drawn = edges(page)
    assert drawn and not any(e.get("dashes") for e in drawn)
    page.screenshot(path=shots / "04-filter-no-negated.png", full_page=True)


def test_a_shared_url_gives_the_same_view(page, app_url, shots):
    open_view(page, app_url + "/?focus=org:nato&types=DEMANDS&since=2021-12-01", "org:nato")
    drawn = edges(page)
    assert drawn and {e["relation"] for e in drawn} == {"DEMANDS"}
    page.screenshot(path=shots / "05-shared-url-demands.png", full_page=True)


def test_cypher_query_gives_a_table_and_a_graph(page, app_url, shots):
    page.goto(app_url + "/cypher")
    page.get_by_role("button", name="Run query").click()
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"^\d+ rows")).wait_for()
    page.screenshot(path=shots / "06-cypher.png", full_page=True)


def test_downloading_a_snapshot(page, app_url, shots, tmp_path):
    open_view(page, app_url + "/?focus=org:nato", "org:nato")
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="Download PNG").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name == "actorgraph-org-nato.png" and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (shots / "07-downloaded-snapshot.png").write_bytes(path.read_bytes())


def test_hostile_document_text_shows_as_text_and_never_runs(page, app_url, shots):
    page.goto(app_url + "/documents?doc=zz_hostile.txt")
    page.get_by_text("<script>window.__xss = 1;", exact=False).first.wait_for(timeout=60_000)
    page.get_by_text("<img src=x onerror=", exact=False).first.wait_for()
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    assert page.locator(".ag-doc img").count() == 0 and page.locator(".ag-doc script").count() == 0
    page.screenshot(path=shots / "08-hostile-document.png", full_page=True)
    open_view(page, app_url + "/?focus=org:nato", "org:nato")
    p = edge_point(page, "org:nato|WARNS|state:rus|0")
    assert p is not None
    page.mouse.click(p["x"], p["y"])
    page.get_by_text("<img src=x onerror=", exact=False).first.wait_for(timeout=30_000)
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    page.screenshot(path=shots / "09-hostile-evidence.png", full_page=True)
