"""The real app in headless Chromium at 1400×900: a Streamlit server on the test Neo4j, loaded with
the seeds, one hostile document and a synthetic alliance of 300 actors (a view big enough to be
grouped); screenshots go to test-artifacts/<run name>/ (look at them)."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from support import explorer

from graph.extraction.rules import load_rules
from graph.model import ActorRef, Document, Extraction, Mention, Relation
from graph.pipeline import ingest
from graph.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "Hostile page\n\nNATO warned Russia <script>window.__xss = 1; alert('xss')</script> about "
    "<img src=x onerror=\"window.__xss = 2; alert('img')\"> troops. Russia criticized NATO <b>bold</b>.\n"
)


#: The synthetic alliance: a hub and four blocs of 75 members, each bloc tightly knit, dated mid-2020
#: (far from the seeds' winter 2021/22, so the timeline has two humps).
HUB = ActorRef("syn:hub", "Synthetic Hub", "Organisation")
BLOCS = "ABCD"


def synthetic_alliance() -> list[Extraction]:
    members = {b: [ActorRef(f"syn:{b}{i:03d}", f"Bloc {b} member {i:03d}", "State") for i in range(75)] for b in BLOCS}
    out = []
    for b, people in members.items():
        for i, m in enumerate(people):
            doc = f"syn-{b}{i:03d}"
            date = f"2020-{6 + BLOCS.index(b):02d}-{1 + i % 28:02d}"
            rels = [Relation(doc, HUB, "SUPPORTS", m, False, f"{HUB.name} supports {m.name}.", 0, 30, date, "syn")]
            for k in (1, 2, 3):  # ties inside the bloc
                other = people[(i + k) % len(people)]
                rels.append(
                    Relation(
                        doc, m, "MEETS", other, False, f"{m.name} meets {other.name}.", 40 * k, 40 * k + 30, date, "syn"
                    )
                )
            text = " ".join(r.sentence for r in rels)
            refs = {HUB, m, *(r.object for r in rels)}
            out.append(
                Extraction(
                    Document(doc, text, f"Synthetic report {b}{i:03d}", date, "Synthetic wire"),
                    tuple(Mention(doc, a, 0, 5, "x") for a in refs),
                    tuple(rels),
                )
            )
    return out


@pytest.fixture(scope="session")
def shots() -> Path:
    run = os.environ.get("ACTORGRAPH_RUN") or datetime.now().strftime("run-%Y%m%d-%H%M%S")
    path = ROOT / "test-artifacts" / run
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def rules_root(tmp_path_factory) -> Path:
    """The app's ``ACTORGRAPH_RULES_DIR``: empty, for the Rules page's own rule files."""
    return tmp_path_factory.mktemp("user-rules").resolve()


@pytest.fixture(scope="session")
def app_url(neo4j_driver, neo4j_settings, tmp_path_factory, rules_root):
    from support import wipe

    wipe(neo4j_driver, neo4j_settings.database)
    store = Store(neo4j_driver, neo4j_settings.database)
    folder = tmp_path_factory.mktemp("corpus")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    ingest(store, load_rules(), [str(folder)])
    store.load(synthetic_alliance())
    env = dict(
        os.environ,
        NEO4J_URI=neo4j_settings.uri,
        NEO4J_PASSWORD=neo4j_settings.password,
        ACTORGRAPH_CORPUS_DIR=str(folder),
        ACTORGRAPH_RULES_DIR=str(rules_root),
    )
    with explorer(env) as url:
        yield url


@pytest.fixture
def page(browser, app_url):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.external = []
    pg.on("request", lambda r: pg.external.append(r.url) if not r.url.startswith((app_url, "data:", "blob:")) else None)
    yield pg
    crashed = pg.locator("[data-testid='stException']").count() if not pg.is_closed() else 0
    ctx.close()
    assert crashed == 0, "the page showed a Python exception"
