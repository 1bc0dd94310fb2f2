"""The explorer at 100, 500 and 2,000-node views: server time from a filter change to the graph
ready (store query + vis-network data), and browser time to a drawing that is drawn and still
(the real app in headless Chromium). Baseline in the same run: the same graph with pyvis' default
physics (no positions), timed to stabilisation, capped.

Uses a scratch Neo4j (bench/out/neo4j-ui, ports 7698/7498) loaded with a synthetic graph.

    python bench/bench_ui.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))
os.environ.update(
    NEO4J_URI="bolt://127.0.0.1:7698", ACTORGRAPH_NEO4J_HTTP_PORT="7498", ACTORGRAPH_NEO4J_DIR=str(OUT / "neo4j-ui")
)
os.environ.pop("NEO4J_PASSWORD", None)

from bench_store import generate  # noqa: E402

from graph.model import ViewParams  # noqa: E402
from graph.render import visual  # noqa: E402
from graph.store import config, server  # noqa: E402
from graph.store.store import Store  # noqa: E402

SIZES = (100, 500, 2000)
CAP_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_times(store: Store, hub: str) -> dict[int, tuple[float, int]]:
    out = {}
    for n in SIZES:
        view = ViewParams(focus=hub, depth=3, limit=n)
        store.neighbourhood(view)  # warm the page cache; Streamlit caches repeated views anyway
        t = time.perf_counter()
        sub = store.neighbourhood(ViewParams(focus=hub, depth=3, limit=n, min_evidence=1, include_negated=True))
        visual.vis_data(sub)
        out[n] = (time.perf_counter() - t, len(sub.nodes))
    return out


def browser_times(url: str, hub: str, physics_pages: dict[int, Path]) -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    app, base = {}, {}
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = b.new_page(viewport={"width": 1500, "height": 1100})
        for n in SIZES:
            page.goto(f"{url}/?focus={hub}&depth=3&limit={n}")
            page.wait_for_function(
                "() => { const e = document.querySelector('.ag-network'); return e && e.dataset.ready === '1'; }",
                timeout=CAP_S * 1000,
            )
            # now the measured step: a filter change (depth 3 -> 2 -> 3 keeps the size) as a URL change
            t = time.perf_counter()
            page.goto(f"{url}/?focus={hub}&depth=3&limit={n}&min=1&neg=1")
            page.wait_for_function(
                "() => { const e = document.querySelectorAll('.ag-network');"
                " return e.length === 1 && e[0].dataset.ready === '1'; }",
                timeout=CAP_S * 1000,
            )
            total = time.perf_counter() - t
            draw_ms = int(page.locator(".ag-network").get_attribute("data-draw-ms") or 0)
            app[n] = (total, draw_ms / 1000, int(page.locator(".ag-network").get_attribute("data-nodes")))
        for n, path in physics_pages.items():
            t = time.perf_counter()
            try:
                page.goto(path.as_uri(), wait_until="commit", timeout=CAP_S * 1000)
                page.wait_for_function("() => window.stabilised === true", timeout=CAP_S * 1000)
                base[n] = time.perf_counter() - t
            except Exception:
                base[n] = float("inf")
        b.close()
    return app, base


def physics_page(sub, path: Path) -> Path:
    """The pyvis-default way: physics on, no positions, wait for stabilisation."""
    js, css = visual.vis_assets()
    data = visual.vis_data(sub, physics=True)
    data["options"]["physics"] = {"enabled": True}  # pyvis' default solver settings
    path.write_text(
        f"<html><head><style>{css}</style><script>{js}</script></head><body>"
        f"<div id='n' style='width:1400px;height:900px'></div><script>var d={visual.safe_json(data)};"
        "var net=new vis.Network(document.getElementById('n'),{nodes:new vis.DataSet(d.nodes),"
        "edges:new vis.DataSet(d.edges)},d.options);window.stabilised=false;"
        "net.once('stabilized',function(){window.stabilised=true;});</script></body></html>"
    )
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    server.start(timeout=180)
    proc = None
    try:
        with Store.connect() as store:
            store.reset()
            store.load(generate(60_000, 5_000, seed=11), batch_size=1000)
            hub = "bench:0"
            srv = server_times(store, hub)
            pages = {
                n: physics_page(store.neighbourhood(ViewParams(focus=hub, depth=3, limit=n)), OUT / f"physics-{n}.html")
                for n in (100, 500)
            }
        port = free_port()
        cfg = config.settings()
        env = dict(os.environ, NEO4J_URI=cfg.uri, NEO4J_PASSWORD=cfg.password)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "ui" / "app.py"),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        app, base = browser_times(url, hub, pages)
    finally:
        if proc:
            proc.terminate()
        server.stop()
    print(
        f"{'view':>6} {'nodes':>6} {'server: query+data':>19} {'browser: change->still':>23} {'of which drawing':>17} {'pyvis physics':>14}"
    )
    for n in SIZES:
        b = base.get(n)
        bs = "-" if b is None else (f">{CAP_S}s" if b == float("inf") else f"{b:.1f}s")
        print(f"{n:6d} {app[n][2]:6d} {srv[n][0]:18.2f}s {app[n][0]:22.2f}s {app[n][1]:16.2f}s {bs:>14}")
    for n in (100, 500):
        if base.get(n) not in (None, float("inf")):
            print(
                f"  {n} nodes: drawn and still {base[n] / max(app[n][1], 1e-3):.0f}x sooner than with pyvis' default physics"
            )


if __name__ == "__main__":
    main()
