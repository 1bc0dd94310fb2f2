"""What a person sees of the explorer ``actorgraph up`` serves from the installed wheel: every page
opened in headless Chromium, its heading shown and no exception on it. Run by .ci/smoke.py with the
repository's venv (the one with Playwright), since the smoke venv holds only the wheel.

    python smoke_browser.py URL SCREENSHOT_FOLDER
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

PAGES = {  # path -> the page's heading, and what else must show (a CSS selector)
    "/?focus=org:nato": ("NATO's network", "canvas"),  # the network, drawn by vis-network
    "/cypher": ("Cypher", None),
    "/documents": ("Documents", None),
    "/rules": ("Rules", None),
}


def settle(page: Page) -> None:
    """Wait until the page's script has finished: Streamlit's running indicator stays away for 2 s."""
    quiet = 0
    for _ in range(240):
        quiet = 0 if page.locator('[data-testid="stStatusWidget"]').count() else quiet + 1
        if quiet >= 4:
            return
        page.wait_for_timeout(500)


def main() -> None:
    url, shots = sys.argv[1].rstrip("/"), Path(sys.argv[2])
    shots.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("smoke: Chromium is missing (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path, (heading, shown) in PAGES.items():
            page.goto(url + path)
            page.get_by_role("heading", name=heading).first.wait_for(timeout=90_000)
            if shown:
                page.locator(shown).first.wait_for(timeout=90_000)
            settle(page)
            errors = page.locator('[data-testid="stException"]').all_inner_texts()
            name = path.strip("/").split("?")[0] or "explore"
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
            if errors:
                sys.exit(f"smoke: {path} shows an exception: {errors[0][:1000]}")
            print(
                f"smoke: browser {path}: {heading!r}{f' and {shown}' if shown else ''} shown, no exception", flush=True
            )
        browser.close()


if __name__ == "__main__":
    main()
