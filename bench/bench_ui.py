"""The explorer at 100, 500 and 2,000-node views: server time from a filter change to the graph
ready (store query + vis-network data), and browser time to a drawing that is drawn and still
(the real app in headless Chromium). Baselines in the same run: the old store model (one
relationship per occurrence, aggregated at read time: bench/legacy.py) on the same corpus for the
server time, and the same graph with pyvis' default physics (no positions) timed to stabilisation,
capped, for the drawing.

Server times are measured on both corpora of bench_store.generate (``news``: recurring dyads;
``independent``: the worst case), 60k relations between 5k actors; the browser on ``news``.
Uses a scratch Neo4j (bench/out/neo4j-ui, ports 7698/7498).

    python bench/bench_ui.py [--skip-legacy] [--skip-browser]
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


def legacy_times(store: Store, hub: str) -> dict[int, float]:
    """The old model's query time for the same views (no drawing data: it is the same code)."""
    import legacy

    out = {}
    for n in SIZES:
        legacy.neighbourhood(store._read, ViewParams(focus=hub, depth=3, limit=n))
        t = time.perf_counter()
        legacy.neighbourhood(store._read, ViewParams(focus=hub, depth=3, limit=n, min_evidence=1))
        out[n] = time.perf_counter() - t
    return out


def corpus(mode: str):
    return generate(60_000, 5_000, seed=11, mode=mode)


def measure_server(store: Store, skip_legacy: bool) -> dict:
    """Server times for each corpus, new model and (same corpus, same server) the old one."""
    import legacy

    out = {}
    for mode in ("news", "independent"):
        exs = corpus(mode)
        store.reset()
        store.load(exs, batch_size=1000)
        hub = store.stats().top_actors[0].id
        out[mode] = {"hub": hub, "new": server_times(store, hub)}
        if not skip_legacy:
            store.reset()
            for stmt in legacy.schema():
                store._auto(stmt)
            legacy.load(store.driver, store.database, exs, batch_size=1000)
            out[mode]["old"] = legacy_times(store, hub)
        store.reset()
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
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skip-legacy", action="store_true", help="Do not time the old store model.")
    ap.add_argument("--skip-browser", action="store_true", help="Server times only.")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    server.start(timeout=180)
    proc = None
    app, base = {}, {}
    try:
        with Store.connect() as store:
            srv = measure_server(store, args.skip_legacy)
            if not args.skip_browser:
                store.load(corpus("news"), batch_size=1000)
                hub = srv["news"]["hub"]
                pages = {
                    n: physics_page(
                        store.neighbourhood(ViewParams(focus=hub, depth=3, limit=n)), OUT / f"physics-{n}.html"
                    )
                    for n in (100, 500)
                }
        if not args.skip_browser:
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
    print(f"load average {os.getloadavg()}")
    print(f"{'graph':12} {'view':>6} {'nodes':>6} {'server: query+data':>19} {'old model: query':>17}")
    for mode, r in srv.items():
        for n in SIZES:
            old = r.get("old", {}).get(n)
            print(
                f"{mode:12} {n:6d} {r['new'][n][1]:6d} {r['new'][n][0]:18.2f}s "
                + (f"{old:16.2f}s" if old is not None else f"{'-':>17}")
            )
    if app:
        print(
            f"\n{'view':>6} {'nodes':>6} {'browser: change->still':>23} {'of which drawing':>17} {'pyvis physics':>14}"
        )
        for n in SIZES:
            b = base.get(n)
            bs = "-" if b is None else (f">{CAP_S}s" if b == float("inf") else f"{b:.1f}s")
            print(f"{n:6d} {app[n][2]:6d} {app[n][0]:22.2f}s {app[n][1]:16.2f}s {bs:>14}")
        for n in (100, 500):
            if base.get(n) not in (None, float("inf")):
                print(
                    f"  {n} nodes: drawn and still {base[n] / max(app[n][1], 1e-3):.0f}x sooner than with pyvis' default physics"
                )


if __name__ == "__main__":
    main()
