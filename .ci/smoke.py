"""Smoke test of the installed package, as a user gets it: run by .ci/wheel-smoke with the python of
a fresh venv holding only the wheel, from an empty folder outside the repository.

    python -I smoke.py SEEDS_DIR

Checks the CLI (help, ``rules check`` and ``extract`` with the bundled pack), then ``actorgraph up``
in the empty folder: it starts a Neo4j of its own (folder ``./.neo4j``, free ports, never the user's
server), ingests the demo articles that come with the package and serves the explorer on
127.0.0.1 only; every explorer page is then run through Streamlit's ``AppTest`` against that
server and, when ``SMOKE_BROWSER_PYTHON`` names a python with Playwright (.ci/wheel-smoke passes
the repository's), opened in headless Chromium from the running explorer (smoke_browser.py;
screenshots in test-artifacts/wheel-smoke/). Everything it started is stopped at the end.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PAGES = {  # page script -> a word the page shows once the demo articles are loaded
    "views/explore.py": "NATO",
    "views/cypher.py": "Cypher",
    "views/documents.py": "Wallace",  # a demo article's title
    "views/rules.py": "Rules",
}


def step(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def actorgraph(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the installed console script; fail with its output when it fails."""
    exe = Path(sys.executable).with_name("actorgraph")
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:
        sys.exit(f"smoke: `actorgraph {' '.join(args)}` failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout + proc.stderr


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def check_installed_package() -> None:
    import graph

    location = Path(graph.__file__).resolve()
    assert location.is_relative_to(Path(sys.prefix).resolve()), f"graph imported from {location}, not the venv"
    step(f"graph imported from {location.parent}")


def check_cli(seeds: Path) -> None:
    help_text = actorgraph("--help")
    for command in ("up", "extract", "rules", "ingest", "snapshot", "neo4j"):
        assert command in help_text, f"`actorgraph --help` does not list {command}"
    check = actorgraph("rules", "check")
    assert check.startswith("OK"), check
    step(f"rules check (bundled pack): {check.strip()}")
    actorgraph("extract", str(seeds), "-o", "seeds.jsonl")
    records = [json.loads(line) for line in Path("seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    documents = {r["doc"] for r in records if r["kind"] == "document"}
    relations = [r for r in records if r["kind"] == "relation"]
    assert len(documents) == len([f for f in seeds.iterdir() if f.is_file()]), documents
    assert relations, "no relations extracted from the seeds"
    step(f"extract: {len(documents)} documents, {len(relations)} relations")


def wait_for_explorer(proc: subprocess.Popen[bytes], port: int, log: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"smoke: `actorgraph up` ended ({proc.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"smoke: the explorer did not answer within {timeout:.0f}s:\n{log.read_text()}")


def page_text(at: object) -> str:
    """Everything a page shows as text (titles, markdown, captions, notices, choices, tables)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for box in (*at.selectbox, *at.multiselect, *at.radio):  # type: ignore[attr-defined]
        parts += [str(o) for o in box.options]
    parts += [e.value.to_string() for e in at.dataframe]  # type: ignore[attr-defined]
    return "\n".join(parts)


def check_pages() -> None:
    from streamlit.testing.v1 import AppTest

    from graph import resources

    at = AppTest.from_file(str(resources.explorer_app()), default_timeout=120)
    at.query_params["focus"] = "org:nato"
    at.run()
    for page, needle in PAGES.items():
        if page != "views/explore.py":
            at.switch_page(page).run()
        assert not at.exception, f"{page}: {[e.message for e in at.exception]}"
        assert not at.error, f"{page}: {[e.value for e in at.error]}"
        text = page_text(at)
        assert needle in text, f"{page} does not show {needle!r}:\n{text[:2000]}"
        step(f"page {page}: {text.splitlines()[0] if text else ''}")


def main() -> None:
    seeds = Path(sys.argv[1]).resolve()
    here = Path.cwd()
    assert not any(here.iterdir()), f"run me in an empty folder, not {here}"
    check_installed_package()
    check_cli(seeds)

    # A Neo4j of the smoke test's own: free ports, its folder in this (empty) working directory.
    for key in [k for k in os.environ if k.startswith(("NEO4J_", "ACTORGRAPH_NEO4J_"))]:
        del os.environ[key]
    os.environ.update(
        NEO4J_URI=f"bolt://127.0.0.1:{free_port()}",
        ACTORGRAPH_NEO4J_HTTP_PORT=str(free_port()),
        ACTORGRAPH_NEO4J_HEAP="512m",
        ACTORGRAPH_NEO4J_PAGECACHE="256m",
    )
    port = free_port()
    log = here / "up.log"
    step(f"actorgraph up --port {port} (Neo4j at {os.environ['NEO4J_URI']}, folder {here / '.neo4j'})")
    with log.open("wb") as out:
        up = subprocess.Popen(
            [str(Path(sys.executable).with_name("actorgraph")), "up", "--no-browser", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_explorer(up, port, log)
        addresses = listening_addresses(port)
        assert addresses == {"0100007F"}, f"the explorer listens on {addresses}, not 127.0.0.1 only"
        step(f"explorer up on 127.0.0.1:{port} only; {log.read_text().strip().splitlines()[-2:]}")
        check_pages()
        browser_python = os.environ.get("SMOKE_BROWSER_PYTHON")
        if browser_python:
            ci = Path(__file__).resolve().parent
            shots = ci.parent / "test-artifacts" / "wheel-smoke"
            done = subprocess.run(
                [browser_python, str(ci / "smoke_browser.py"), f"http://127.0.0.1:{port}", str(shots)]
            )
            if done.returncode != 0:
                sys.exit(done.returncode)
        else:
            step("SMOKE_BROWSER_PYTHON unset: pages not opened in a browser")
    finally:
        up.terminate()
        try:
            up.wait(30)
        except subprocess.TimeoutExpired:
            up.kill()
        actorgraph("neo4j", "stop")
    step("passed")


if __name__ == "__main__":
    main()
