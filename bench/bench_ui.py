"""The explorer at 100, 500 and 2,000-node views: server time from a filter change to the graph
ready (store query, then what the page does: grouping above 150 actors, layout, vis-network data),
and browser time to a drawing that is drawn and still (the real app in headless Chromium), for the
page as users get it (big views grouped) and with grouping off (``group=0``: every actor drawn).
Each browser figure is the median of five page loads, the variants taking turns (the machine is shared). Baselines in the same run: the old store model (one
relationship per occurrence, aggregated at read time: bench/legacy.py) on the same corpus for the
server time; "before": the server's query and drawing data made as the page made them before the
workbench (every actor laid out afresh, no grouping), and in the browser the explorer of the commit
before the workbench landed (``--before``, run from a ``git archive`` of it against the same
database), measured the same way right after the current one — the explorer must be no slower
than it; and the same graph with pyvis' default physics (no positions) timed to stabilisation,
capped, for the drawing.

Server times are measured on both corpora of bench_store.generate (``news``: recurring dyads;
``independent``: the worst case), 60k relations between 5k actors; the browser on ``news``.
Uses a scratch Neo4j (bench/out/neo4j-ui, ports 7698/7498).

    python bench/bench_ui.py [--skip-legacy] [--skip-browser] [--relations N --actors N] [--before REF]

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))
os.environ.update(
    NEO4J_URI="bolt://127.0.0.1:7698", ACTORGRAPH_NEO4J_HTTP_PORT="7498", ACTORGRAPH_NEO4J_DIR=str(OUT / "neo4j-ui")
)
os.environ.pop("NEO4J_PASSWORD", None)

from bench_store import generate, reader, run_statements  # noqa: E402

from graph.model import ViewParams  # noqa: E402
from graph.render import layout, visual  # noqa: E402
from graph.store import config, server  # noqa: E402
from graph.store.store import Store  # noqa: E402

SIZES = (100, 500, 2000)
#: The explorer before the workbench (issue 10): the last commit before it landed.
BEFORE = "0e02f90"
HEADLESS = ("--server.headless", "true", "--browser.gatherUsageStats", "false")
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
    read = reader(store)
    for n in SIZES:
        legacy.neighbourhood(read, ViewParams(focus=hub, depth=3, limit=n))
        t = time.perf_counter()
        legacy.neighbourhood(read, ViewParams(focus=hub, depth=3, limit=n, min_evidence=1))
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
            run_statements(store, legacy.schema())
            legacy.load(store.driver, store.database, exs, batch_size=1000)
            out[mode]["old"] = legacy_times(store, hub)
        store.reset()
    return out


ROUNDS = 5


def view_times(page, variants: dict[str, str], hub: str) -> dict[str, dict[int, tuple[float, float, int]]]:
    """Per variant (name -> explorer URL plus query suffix) and size: (a filter change to a drawing
    that is drawn and still, of which the drawing, nodes drawn), the median of ROUNDS; the variants
    take turns within each round, so a change in the machine's load falls on all of them alike."""
    runs: dict[str, dict[int, list]] = {v: {n: [] for n in SIZES} for v in variants}
    ready = (
        "() => { const e = document.querySelectorAll('.ag-network');"
        " return e.length === 1 && e[0].dataset.ready === '1'; }"
    )
    for n in SIZES:
        for base in variants.values():  # warm: the server's caches and the browser's
            url, extra = base.split("#")
            page.goto(f"{url}/?focus={hub}&depth=3&limit={n}{extra}")
            page.wait_for_function(ready, timeout=CAP_S * 1000)
        for _ in range(ROUNDS):
            for name, base in variants.items():
                url, extra = base.split("#")
                # the measured step: a filter change (the same view with explicit defaults) as a URL change
                t = time.perf_counter()
                page.goto(f"{url}/?focus={hub}&depth=3&limit={n}&min=1&neg=1{extra}")
                page.wait_for_function(ready, timeout=CAP_S * 1000)
                total = time.perf_counter() - t
                box = page.locator(".ag-network")
                draw = int(box.get_attribute("data-draw-ms") or 0) / 1000
                runs[name][n].append((total, draw, int(box.get_attribute("data-nodes") or 0)))
    return {v: {n: sorted(r)[len(r) // 2] for n, r in by_n.items()} for v, by_n in runs.items()}


@contextmanager
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield b.new_page(viewport={"width": 1500, "height": 1100})
        finally:
            b.close()


@contextmanager
def explorer(root: Path, env: dict) -> Iterator[str]:
    """The explorer of the source tree ``root`` (this one, or an older commit's copy) on a free port;
    ``graph`` and ``ui`` are imported from ``root`` (PYTHONPATH comes before the editable install)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / "ui" / "app.py"), "--server.port", str(port), *HEADLESS],
        cwd=root,
        env=dict(env, PYTHONPATH=str(root)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def source_of(ref: str) -> Path:
    """The source tree of commit ``ref`` (``git archive``), to run the explorer as it was."""
    target = OUT / f"before-{ref}"
    if not (target / "ui" / "app.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def physics_times(page, physics_pages: dict[int, Path]) -> dict[int, float]:
    base = {}
    for n, path in physics_pages.items():
        t = time.perf_counter()
        try:
            page.goto(path.as_uri(), wait_until="commit", timeout=CAP_S * 1000)
            page.wait_for_function("() => window.stabilised === true", timeout=CAP_S * 1000)
            base[n] = time.perf_counter() - t
        except Exception:
            base[n] = float("inf")
    return base


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
    ap.add_argument("--before", default=BEFORE, help=f"The commit whose explorer is the baseline (default {BEFORE}).")
    args = ap.parse_args()
    SCALE.update(relations=args.relations, actors=args.actors)
    load_before = os.getloadavg()
    OUT.mkdir(parents=True, exist_ok=True)
    server.start(timeout=180)
    app: dict = {}
    base: dict = {}
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
            cfg = config.settings()
            env = dict(os.environ, NEO4J_URI=cfg.uri, NEO4J_PASSWORD=cfg.password)
            old_tree = source_of(args.before)
            with browser() as page, explorer(ROOT, env) as now, explorer(old_tree, env) as before:
                app = view_times(page, {"now": f"{now}#", "group=0": f"{now}#&group=0", "before": f"{before}#"}, hub)
                base = physics_times(page, pages)
    finally:
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
            f"\nbrowser, a filter change to a still drawing (of which the drawing) · nodes drawn;"
            f" before = the explorer of {args.before}"
        )
        print(
            f"{'view':>6} | {'now (grouped)':>24} | {'now, group=0':>24} | {'before':>24} |"
            f" {'now/before':>10} | {'group=0/before':>14} | {'pyvis physics':>13}"
        )
        for n in SIZES:
            b = base.get(n)
            bs = "-" if b is None else (f">{CAP_S}s" if b == float("inf") else f"{b:.1f}s")
            cells = [f"{t:5.2f}s ({d:4.2f}s) · {k:5d}" for t, d, k in (app[c][n] for c in ("now", "group=0", "before"))]
            ratio, flat = (app[c][n][0] / max(app["before"][n][0], 1e-3) for c in ("now", "group=0"))
            print(
                f"{n:6d} | {cells[0]:>24} | {cells[1]:>24} | {cells[2]:>24} | {ratio:9.2f}x | {flat:13.2f}x | {bs:>13}"
            )
        for n in (100, 500):
            if base.get(n) not in (None, float("inf")):
                print(
                    f"  {n} nodes: drawn and still {base[n] / max(app['group=0'][n][1], 1e-3):.0f}x sooner than "
                    "with pyvis' default physics"
                )


if __name__ == "__main__":
    main()
