"""Driving the explorer in headless Chromium as a person does, and reading what vis-network drew
(through the hooks the network component keeps for tests: window.actorgraphNetwork and the data
attributes of .ag-network). A uniquely named module shared by the browser test modules."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Error as PlaywrightError

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


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_url(page, predicate: str, timeout: int = 30_000):
    """Wait until the decoded query string satisfies a JavaScript expression over ``q``."""
    page.wait_for_function(
        f"() => {{ const q = decodeURIComponent(location.search); return {predicate}; }}", timeout=timeout
    )


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


def positions(page) -> dict:
    return page.evaluate("() => window.actorgraphNetwork.getPositions()")


def edges(page) -> list[dict]:
    return page.evaluate("() => window.actorgraphNetwork.body.data.edges.get()")


def node_ids(page) -> set[str]:
    return set(page.evaluate("() => window.actorgraphNetwork.body.data.nodes.getIds()"))


def cut_off(page) -> list[str]:
    """The actors whose node or drawn label reaches past the canvas edge (a hidden label does not count)."""
    return page.evaluate(
        """() => { const n = window.actorgraphNetwork, r = n.body.container.getBoundingClientRect();
        const s = n.getScale(), out = [];
        for (const id of n.body.data.nodes.getIds()) {
            const node = n.body.nodes[id];
            if (node.labelModule.fontOptions.size * s < node.options.scaling.label.drawThreshold - 1) continue;
            const b = n.getBoundingBox(id);
            const a = n.canvasToDOM({x: b.left, y: b.top}), z = n.canvasToDOM({x: b.right, y: b.bottom});
            if (a.x < -1 || a.y < -1 || z.x > r.width + 1 || z.y > r.height + 1) out.push(id);
        }
        return out; }"""
    )


def overlapping_labels(page) -> list[list[str]]:
    """Pairs of actors whose drawn labels overlap on screen (vis-network's own label boxes)."""
    return page.evaluate(
        """() => { const n = window.actorgraphNetwork, s = n.getScale(), boxes = [];
        for (const id of n.body.data.nodes.getIds()) {
            const node = n.body.nodes[id], z = node.labelModule.size;
            if (node.labelModule.fontOptions.size * s < node.options.scaling.label.drawThreshold - 1) continue;
            boxes.push({id, l: z.left, r: z.left + z.width, t: z.top, b: z.top + z.height});
        }
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], c = boxes[j];
            if (a.l < c.r && c.l < a.r && a.t < c.b && c.t < a.b) out.push([a.id, c.id]);
        }
        return out; }"""
    )


def label_sizes(page) -> list[dict]:
    """Each drawn actor's id, label size on screen (px) and node size (canvas units), at the current zoom."""
    return page.evaluate(
        """() => { const n = window.actorgraphNetwork, s = n.getScale();
        return Object.values(n.body.nodes).filter(x => !x.isCluster && n.body.data.nodes.get(x.id)).map(x =>
            ({id: x.id, px: x.labelModule.fontOptions.size * s, size: x.options.size})); }"""
    )


def inspector(page):
    return page.locator(".st-key-inspector")


def rest_mouse(page):
    """Move the pointer to an empty corner of the canvas so no tooltip covers the screenshot."""
    box = page.locator(".ag-network").bounding_box() if page.locator(".ag-network").count() else None
    if box:
        page.mouse.move(box["x"] + 4, box["y"] + box["height"] - 4)
    page.mouse.move(700, 895)
    page.wait_for_timeout(200)


def choose(page, opener, option: str, tries: int = 3):
    """Open a select box's list (``opener``, a locator) and click the option matching ``option``;
    again if the list was drawn anew under the pointer (the app still rerunning)."""
    for attempt in range(tries):
        try:
            opener.click()
            page.keyboard.press("ArrowDown")  # opens the list
            page.get_by_role("option", name=re.compile(option)).first.click(timeout=10_000)
            return
        except PlaywrightError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            page.wait_for_timeout(500)
