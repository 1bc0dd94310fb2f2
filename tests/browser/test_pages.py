"""The explorer's other pages as a person uses them at 1400×900 in headless Chromium: Cypher (Ctrl+Enter,
history, paths drawn, warnings, an actor opened in Explore), Rules (folder choice, editing, reload)
and Documents (legend, mention names, relations opened in Explore). Screenshots in
test-artifacts/<run>/."""

from __future__ import annotations

import re
import shutil

import pytest
from browsing import (
    choose,
    edge_point,
    edges,
    inspector,
    node_ids,
    node_point,
    open_view,
    query,
    rest_mouse,
    wait_drawn,
)

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


# --- 8. Cypher -----------------------------------------------------------------------------


def test_cypher_runs_on_ctrl_enter_draws_paths_warns_and_opens_an_actor(page, app_url, shots):
    page.goto(app_url + "/cypher")
    editor = page.get_by_label("Query")
    editor.wait_for(timeout=60_000)
    editor.fill("MATCH p = (:Actor)-[:MEMBER_OF|DEMANDS|CRITICIZES]->(:Actor {id: 'org:nato'}) RETURN p LIMIT 20")
    editor.press("Control+Enter")  # runs the query (it used to clear the result)
    table = page.locator("[data-testid='stDataFrame']")
    table.wait_for(timeout=60_000)
    rows = int(page.get_by_text(re.compile(r"^\d+ rows")).inner_text().split()[0])
    wait_drawn(page)
    drawn = node_ids(page)
    # a table and a graph: the paths' actors drawn, one edge per relation, both in sight at once
    assert rows >= 3 and "org:nato" in drawn and {"state:rus", "person:jens-stoltenberg"} <= drawn
    assert len(edges(page)) >= 3 and {e["to"] for e in edges(page)} == {"org:nato"}
    net, grid = page.locator(".ag-network").bounding_box(), table.bounding_box()
    assert net["y"] + net["height"] <= 900 and grid["y"] + 40 <= 900 and grid["x"] + grid["width"] <= net["x"]
    cells = table.text_content() or ""  # the grid's cells as its accessible table holds them
    rest_mouse(page)
    page.screenshot(path=shots / "10a-cypher-path-graph.png")
    assert "Jens Stoltenberg -MEMBER_OF-> NATO" in cells  # a path as a chain of names ...
    assert "alias_text" not in cells and "element_id" not in cells and "{" not in cells  # ... no internal fields
    editor.fill("MATCH (a:Actor) RETURN a.nmae AS name LIMIT 3")
    editor.press("Control+Enter")
    page.get_by_text(re.compile(r"The server warns: .*nmae")).wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"History \(2 this session\)")).wait_for()
    page.screenshot(path=shots / "10b-cypher-warning.png")
    page.get_by_label(re.compile("^History")).click()
    page.get_by_role("option", name=re.compile("MATCH p = ")).click()
    wait_drawn(page)
    p = node_point(page, "org:nato")
    page.mouse.dblclick(p["x"], p["y"])
    page.get_by_role("heading", name="NATO's network").wait_for(timeout=60_000)
    assert query(page)["focus"] == "org:nato"


# --- 9. Rules ------------------------------------------------------------------------------


def test_rules_folder_choice_editing_and_reloading(page, app_url, shots, rules_root):
    """The user's rule folder is chosen, not typed; a broken edit is refused with the problem named,
    a good one saved into that folder only; the choice outlives a visit to another page; an article
    of the corpus is extracted again with the new rules."""
    page.goto(app_url + "/rules")
    page.get_by_text("Edit a rule file").wait_for(timeout=60_000)
    assert page.get_by_text(re.compile("Rules are edited in your own rule folder")).count() == 1
    page.locator("[data-testid='stSelectbox']").filter(has_text="Rule folder").locator("input").click()
    page.get_by_role("option", name=str(rules_root)).click()
    page.get_by_role("button", name="Save").wait_for(timeout=30_000)  # an empty folder of one's own: a new file
    assert page.get_by_text("Traceback").count() == 0
    area = page.get_by_label("my-rules.yaml")
    area.wait_for(timeout=30_000)
    area.scroll_into_view_if_needed()
    page.screenshot(path=shots / "11a-rules-new-file.png")
    area.fill("relations:\n  - id: x\n    type: NOPE\n    cues: [a]\n")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Not saved").wait_for(timeout=30_000)
    assert not (rules_root / "my-rules.yaml").exists()
    area.fill(
        "actors:\n  - id: org:test-alliance\n    name: Test Alliance\n    type: Organisation\n"
        "    aliases: [the Test Alliance]\n"
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_text(re.compile("Saved .*my-rules.yaml")).wait_for(timeout=30_000)
    assert "Test Alliance" in (rules_root / "my-rules.yaml").read_text()
    page.get_by_text(re.compile(r"Valid: \d+ files")).wait_for(timeout=30_000)
    # the folder is kept when the user goes elsewhere and comes back
    page.get_by_role("link", name="Explore").click()
    wait_drawn(page)
    page.get_by_role("link", name="Rules").click()
    page.get_by_text("Edit a rule file").wait_for(timeout=60_000)
    page.get_by_label("my-rules.yaml").wait_for(timeout=30_000)  # still the user's folder, not the pack
    assert page.get_by_label("my-rules.yaml").input_value().startswith("actors:")
    assert page.get_by_text(re.compile("Rules are edited in your own rule folder")).count() == 0
    # one article of the corpus extracted again with these rules (the others' graph stays as it is)
    page.get_by_text(re.compile(r"All \d+ articles of the corpus folder")).click()
    choose(page, page.get_by_label("Articles of the corpus folder", exact=True), r"^000_")
    page.keyboard.press("Escape")
    page.locator(".st-key-rerun_files").get_by_text(re.compile(r"^000_")).wait_for(timeout=30_000)
    page.get_by_role("button", name="Extract and reload").click()
    page.get_by_text("Extracted and reloaded.").wait_for(timeout=180_000)
    summary = page.locator("[data-testid='stCode']").last
    summary.scroll_into_view_if_needed()
    page.screenshot(path=shots / "11b-rules-saved-and-reloaded.png")
    assert re.match(r"1 documents read, 0 skipped", summary.inner_text()), summary.inner_text()


def test_a_chosen_rule_folder_that_is_gone_is_said_never_swapped_in_silence(page, app_url, shots, rules_root):
    """A folder chosen on the Rules page and then deleted is named in a warning when the user comes
    back (the bundled pack is not used silently in its place)."""
    team = rules_root / "team-rules"
    team.mkdir(exist_ok=True)
    (team / "team.yaml").write_text(
        "actors:\n  - id: org:team-alliance\n    name: Team Alliance\n    type: Organisation\n", encoding="utf-8"
    )
    try:
        page.goto(app_url + "/rules")
        page.get_by_text("Edit a rule file").wait_for(timeout=60_000)
        page.locator("[data-testid='stSelectbox']").filter(has_text="Rule folder").locator("input").click()
        page.get_by_role("option", name=str(team.resolve()), exact=True).click()
        page.get_by_label("team.yaml").wait_for(timeout=30_000)
    finally:
        shutil.rmtree(team)
    page.get_by_role("link", name="Explore").click()
    wait_drawn(page)
    page.get_by_role("link", name="Rules").click()
    warning = page.get_by_text(re.compile("is not there any more"))
    warning.wait_for(timeout=60_000)
    assert str(team.resolve()) in warning.inner_text() and page.get_by_text("Traceback").count() == 0
    page.get_by_text(re.compile(r"Valid: \d+ files")).wait_for(timeout=30_000)  # the bundled pack, said so
    page.screenshot(path=shots / "11c-rules-folder-gone.png")


# --- 10. Documents -------------------------------------------------------------------------


def test_documents_legend_mention_names_and_relations_open_in_explore(page, app_url, shots):
    page.goto(app_url + "/documents?doc=000_ee9984eb4188a190.txt")
    page.get_by_text("Mentions by actor type").wait_for(timeout=60_000)
    mark = page.locator(".ag-doc mark").first
    assert re.search(r"\((State|Person|Organisation)\)$", mark.get_attribute("data-tip"))
    link = page.get_by_role("link", name=re.compile(r"MEMBER_OF United Kingdom")).first
    link.wait_for(timeout=30_000)
    mark.hover()  # the mention names the actor it became ("British" is the United Kingdom)
    shown = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert mark.inner_text() == "British" and "United Kingdom (State)" in shown
    page.screenshot(path=shots / "12a-document-legend.png")
    label = link.inner_text()
    link.click()
    wait_drawn(page)
    heading = inspector(page).get_by_role("heading").first
    heading.wait_for(timeout=30_000)
    assert "MEMBER_OF United Kingdom" in heading.inner_text() and label.split(" MEMBER_OF")[0] in heading.inner_text()
    assert query(page)["sel"].startswith("edge:")
    rest_mouse(page)
    page.screenshot(path=shots / "12b-relation-opened-in-explore.png")


# --- text from documents --------------------------------------------------------------------


def test_hostile_document_text_shows_as_text_and_never_runs(page, app_url, shots):
    page.goto(app_url + "/documents?doc=zz_hostile.txt")
    page.get_by_text("<script>window.__xss = 1;", exact=False).first.wait_for(timeout=60_000)
    page.get_by_text("<img src=x onerror=", exact=False).first.wait_for()
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    assert page.locator(".ag-doc img").count() == 0 and page.locator(".ag-doc script").count() == 0
    page.screenshot(path=shots / "16-hostile-document.png")
    open_view(page, app_url + "/?focus=org:nato", "org:nato")
    p = edge_point(page, "org:nato|WARNS|state:rus|0")
    assert p is not None
    page.mouse.click(p["x"], p["y"])
    page.get_by_text("<img src=x onerror=", exact=False).first.wait_for(timeout=30_000)
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    rest_mouse(page)
    page.screenshot(path=shots / "17-hostile-evidence.png")
