"""Markdown and HTML in every name, title and source field renders as text in the real app, and no
page makes the browser fetch anything from outside it (every request is recorded).

The graph here is loaded directly with hostile values (an extraction as another tool could write
it): an organisation and a person whose names and aliases carry an image, a link, LaTeX, HTML and a
script; a document whose title and source carry the same. A server and an app of their own, so the
shared test graph stays as the other browser tests expect it."""

from __future__ import annotations

import os
import re

import pytest
from support import explorer, own_server, settings_of

from graph.model import Actor, ActorRef, Document, Extraction, Mention, Relation
from graph.store import Store, config

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

OUT = "203.0.113.9"  # TEST-NET-3: never a real host; a request to it is what we look for
ORG = f"![img](http://{OUT}/name.png) [link](http://{OUT}/l) $\\href{{http://{OUT}}}{{x}}$ Org"
PERSON = f"<img src=http://{OUT}/p.png onerror=window.__xss=1> <script>window.__xss=2</script> Bob"
ALIAS = f"![alias](http://{OUT}/alias.png)"
TITLE = f"# Title ![t](http://{OUT}/title.png) $$x^2$$ [t](http://{OUT}/t)"
SOURCE = f"[src](http://{OUT}/src) ![s](http://{OUT}/src.png) :red[wire]"


def _extraction() -> Extraction:
    text = f"{ORG} warned {PERSON} on Monday."
    org, person = ActorRef("org:payload", ORG, "Organisation"), ActorRef("person:payload", PERSON, "Person")
    o0, p0 = 0, text.index(PERSON)
    doc = Document("payload-doc", text, TITLE, "2022-01-05", SOURCE)
    return Extraction(
        doc,
        (
            Mention(doc.id, org, o0, o0 + len(ORG), ORG),
            Mention(doc.id, person, p0, p0 + len(PERSON), PERSON),
        ),
        (Relation(doc.id, org, "WARNS", person, False, text, 0, len(text) - 1, doc.date, "payload-rule"),),
        (Actor(org.id, ORG, "Organisation", (ALIAS,)), Actor(person.id, PERSON, "Person", (ALIAS,))),
    )


@pytest.fixture(scope="module")
def payload_app(tmp_path_factory):
    with own_server(tmp_path_factory.mktemp("payload-neo4j") / "neo4j") as inst:
        cfg = settings_of(inst)
        with config.driver(cfg) as drv:
            Store(drv, "neo4j", cfg.uri).load([_extraction()])
        env = dict(os.environ, NEO4J_URI=cfg.uri, NEO4J_PASSWORD=inst.password)
        with explorer(env) as url:
            yield url


@pytest.fixture
def tab(browser, payload_app):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.outside = []
    pg.on(
        "request", lambda r: pg.outside.append(r.url) if not r.url.startswith((payload_app, "data:", "blob:")) else None
    )
    yield pg
    ctx.close()


def _shown(text: str) -> re.Pattern:
    """``text`` as the page shows it: a bare URL's scheme or ``www`` may carry an invisible word
    joiner (``ui.safety.md`` stops Markdown from linking it)."""
    return re.compile(re.escape(text).replace(":", ":\u2060?").replace("www", "www\u2060?"))


def _settle(page, text: str) -> None:
    page.get_by_text(_shown(text)).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # images would have been requested by now


def _inert(page) -> None:
    assert page.outside == [], page.outside
    assert page.locator(f"img[src*='{OUT}'], a[href*='{OUT}'], .katex").count() == 0
    assert page.evaluate("() => window.__xss === undefined")


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/?focus=org:payload", f"![img](http://{OUT}/name.png)"),
        ("/?focus=person:payload", "<script>window.__xss=2</script>"),
        ("/documents?doc=payload-doc", f"![t](http://{OUT}/title.png)"),
        ("/", "Org"),
    ],
)
def test_hostile_names_titles_and_sources_render_as_text_with_no_outside_request(tab, payload_app, shots, path, shown):
    tab.goto(payload_app + path)
    _settle(tab, shown)
    if "focus=" in path:  # the inspector beside the network shows the name, aliases and relations too
        tab.locator(".st-key-inspector h3").first.wait_for(timeout=60_000)
        tab.wait_for_timeout(1500)
    _inert(tab)
    name = path.strip("/?").replace("=", "-").replace(":", "-").replace("?", "-") or "overview"
    tab.screenshot(path=shots / f"hardening-payload-{name}.png", full_page=True)


def test_the_documents_page_shows_the_source_as_text(tab, payload_app):
    tab.goto(payload_app + "/documents?doc=payload-doc")
    _settle(tab, f"[src](http://{OUT}/src)")
    _inert(tab)
