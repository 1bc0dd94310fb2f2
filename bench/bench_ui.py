"""The explorer at 100, 500 and 2,000-node views: server time from a filter change to the graph
ready (store query, then what the page does: grouping above 150 actors, layout, vis-network data),
and browser time to a drawing that is drawn and still (the real app in headless Chromium), for the
page as users get it (big views grouped) and with grouping off (``group=0``: every actor drawn).
Each browser figure is the median of three page loads (the machine is shared). Baselines in the same run: the old store model (one
relationship per occurrence, aggregated at read time: bench/legacy.py) on the same corpus for the
server time; "before" columns: the server's query and drawing data as the page made them before the
workbench (every actor laid out afresh, no grouping), and the browser's drawing of the same data by
one fresh vis.Network (no kept positions, no re-framing, no label budget) — the explorer must be no
slower than these; and the same graph with pyvis' default physics (no positions) timed to
stabilisation, capped, for the drawing.

Server times are measured on both corpora of bench_store.generate (``news``: recurring dyads;
``independent``: the worst case), 60k relations between 5k actors; the browser on ``news``.
Uses a scratch Neo4j (bench/out/neo4j-ui, ports 7698/7498).

    python bench/bench_ui.py [--skip-legacy] [--skip-browser] [--relations N --actors N]

(``--relations 6000 --actors 800`` is a quick check while developing; the figures to report come
from the default size on a quiet machine.)
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
from graph.render import layout, visual  # noqa: E402
from graph.store import config, server  # noqa: E402
from graph.store.store import Store  # noqa: E402

SIZES = (100, 500, 2000)
CAP_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_times(store: Store, hub: str) -> dict[int, tuple[float, int, float, int, float]]:
    """Per size: (store query + the page's drawing, nodes drawn, the same with grouping off, nodes,
    and the baseline: the query + the drawing data as the page made it before the workbench, every
    actor laid out afresh by ``visual.vis_data``)."""
    out = {}
    visual.drawing(store.neighbourhood(ViewParams(focus=hub, depth=1, limit=20)), focus=hub)  # imports warm
    for n in SIZES:
        view = ViewParams(focus=hub, depth=3, limit=n)
        store.neighbourhood(view)  # warm the page cache; Streamlit caches repeated views anyway
        # each pass lays its view out afresh (the layout cache would serve the later passes)
        layout.clear_cache()
        t = time.perf_counter()
        sub = store.neighbourhood(ViewParams(focus=hub, depth=3, limit=n, min_evidence=1, include_negated=True))
        grouped = visual.drawing(sub, focus=hub, keep={hub})
        g = time.perf_counter() - t
        layout.clear_cache()
        t = time.perf_counter()
        sub = store.neighbourhood(ViewParams(focus=hub, depth=3, limit=n, min_evidence=1, include_negated=True))
        visual.drawing(sub, focus=hub, keep={hub}, grouped=False)
        u = time.perf_counter() - t
        layout.clear_cache()
        t = time.perf_counter()
        sub = store.neighbourhood(ViewParams(focus=hub, depth=3, limit=n, min_evidence=1, include_negated=True))
        visual.vis_data(sub, focus=hub)
        out[n] = (g, len(grouped.data["nodes"]), u, len(sub.nodes), time.perf_counter() - t)
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


SCALE = {"relations": 60_000, "actors": 5_000}


def corpus(mode: str):
    return generate(SCALE["relations"], SCALE["actors"], seed=11, mode=mode)


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


def browser_times(
    url: str, hub: str, physics_pages: dict[int, Path], static_pages: dict[int, Path]
) -> tuple[dict, dict, dict]:
    from playwright.sync_api import sync_playwright

    app: dict = {}
    base: dict = {}
    before: dict = {}
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = b.new_page(viewport={"width": 1500, "height": 1100})
        for extra in ("", "&group=0"):
            for n in SIZES:
                page.goto(f"{url}/?focus={hub}&depth=3&limit={n}{extra}")
                page.wait_for_function(
                    "() => { const e = document.querySelector('.ag-network'); return e && e.dataset.ready === '1'; }",
                    timeout=CAP_S * 1000,
                )
                runs = []
                for _ in range(3):
                    # the measured step: a filter change (the same view with explicit defaults) as a URL change
                    t = time.perf_counter()
                    page.goto(f"{url}/?focus={hub}&depth=3&limit={n}&min=1&neg=1{extra}")
                    page.wait_for_function(
                        "() => { const e = document.querySelectorAll('.ag-network');"
                        " return e.length === 1 && e[0].dataset.ready === '1'; }",
                        timeout=CAP_S * 1000,
                    )
                    total = time.perf_counter() - t
                    draw_ms = int(page.locator(".ag-network").get_attribute("data-draw-ms") or 0)
                    runs.append((total, draw_ms / 1000, int(page.locator(".ag-network").get_attribute("data-nodes"))))
                app[(n, extra)] = sorted(runs)[1]
        for n, path in static_pages.items():  # the drawing as the page drew it before: one fresh network
            runs = []
            for _ in range(3):
                page.goto(path.as_uri())
                page.wait_for_function("() => window.drawMs !== undefined", timeout=CAP_S * 1000)
                runs.append(page.evaluate("() => window.drawMs") / 1000)
            before[n] = sorted(runs)[1]
        for n, path in physics_pages.items():
            t = time.perf_counter()
            try:
                page.goto(path.as_uri(), wait_until="commit", timeout=CAP_S * 1000)
                page.wait_for_function("() => window.stabilised === true", timeout=CAP_S * 1000)
                base[n] = time.perf_counter() - t
            except Exception:
                base[n] = float("inf")
        b.close()
    return app, base, before


def static_page(sub, hub: str, path: Path) -> Path:
    """The baseline drawing: every actor (``group=0``), given positions and physics off, drawn once
    by a fresh vis.Network in a canvas the size of the explorer's and fitted, as the explorer drew
    a view before the workbench (no kept positions, no re-framing, no label budget); ``drawMs`` is
    the time from creating the network to its first drawing."""
    js, css = visual.vis_assets()
    data = visual.vis_data(sub, focus=hub)
    path.write_text(
        f"<html><head><style>{css}</style><script>{js}</script></head><body>"
        f"<div id='n' style='width:820px;height:600px'></div><script>var d={visual.safe_json(data)};"
        "var t0=performance.now();var net=new vis.Network(document.getElementById('n'),"
        "{nodes:new vis.DataSet(d.nodes),edges:new vis.DataSet(d.edges)},d.options);"
        "net.once('afterDrawing',function(){window.drawMs=performance.now()-t0;});net.fit();</script></body></html>"
    )
    return path


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
    ap.add_argument("--relations", type=int, default=SCALE["relations"], help="Relations in each corpus.")
    ap.add_argument("--actors", type=int, default=SCALE["actors"], help="Actors in each corpus.")
    args = ap.parse_args()
    SCALE.update(relations=args.relations, actors=args.actors)
    load_before = os.getloadavg()
    OUT.mkdir(parents=True, exist_ok=True)
    server.start(timeout=180)
    proc = None
    app: dict = {}
    base: dict = {}
    before: dict = {}
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
                statics = {
                    n: static_page(
                        store.neighbourhood(
                            ViewParams(focus=hub, depth=3, limit=n, min_evidence=1, include_negated=True)
                        ),
                        hub,
                        OUT / f"static-{n}.html",
                    )
                    for n in SIZES
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
            app, base, before = browser_times(url, hub, pages, statics)
    finally:
        if proc:
            proc.terminate()
        server.stop()
    print(f"load average before/after: {load_before} / {os.getloadavg()}; {SCALE}")
    print(
        f"{'graph':12} {'view':>6} {'drawn':>6} {'server: query+drawing':>22} {'| group=0: nodes':>17}"
        f" {'server':>7} {'| before: server':>17} {'old model: query':>17}"
    )
    for mode, r in srv.items():
        for n in SIZES:
            old = r.get("old", {}).get(n)
            g, drawn, u, nodes, pre_srv = r["new"][n]
            print(
                f"{mode:12} {n:6d} {drawn:6d} {g:21.2f}s {nodes:17d} {u:6.2f}s {pre_srv:16.2f}s "
                + (f"{old:16.2f}s" if old is not None else f"{'-':>17}")
            )
    if app:
        print(
            f"\n{'view':>6} {'drawn':>6} {'browser: change->still':>23} {'of which drawing':>17}"
            f" {'| group=0: drawn':>17} {'browser':>8} {'drawing':>8} {'| before: drawing':>18} {'pyvis physics':>14}"
        )
        for n in SIZES:
            b = base.get(n)
            bs = "-" if b is None else (f">{CAP_S}s" if b == float("inf") else f"{b:.1f}s")
            g, u = app[(n, "")], app[(n, "&group=0")]
            pre = f"{before[n]:.2f}s" if n in before else "-"
            print(
                f"{n:6d} {g[2]:6d} {g[0]:22.2f}s {g[1]:16.2f}s {u[2]:17d} {u[0]:7.2f}s {u[1]:7.2f}s {pre:>18} {bs:>14}"
            )
        for n in (100, 500):
            if base.get(n) not in (None, float("inf")):
                print(
                    f"  {n} nodes: drawn and still {base[n] / max(app[(n, '&group=0')][1], 1e-3):.0f}x sooner than "
                    "with pyvis' default physics"
                )


if __name__ == "__main__":
    main()
