"""What the installed program reads comes with the package (graph/resources.py), not from the checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

from graph import resources
from graph.extraction.rules import load_rules, rule_files

ROOT = Path(__file__).resolve().parents[2]


def _contents(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file()}


def test_the_packaged_demo_articles_are_the_seeds_folder():
    packaged = _contents(resources.demo_corpus())
    assert packaged, "no demo articles in the package"
    assert packaged == _contents(ROOT / "seeds"), "seeds/ and graph/demo/ differ: copy the change to both"


def test_the_default_rule_set_is_the_bundled_pack_with_its_schema():
    pack = resources.rule_pack()
    assert (pack / "schema.json").is_file()
    assert rule_files() == rule_files([pack])
    rules = load_rules()
    assert rules.files == rule_files([pack]) and rules.actors


def test_every_explorer_page_and_the_streamlit_config_come_with_the_package():
    app = resources.explorer_app()
    for name in ("explore", "cypher", "documents", "rules"):
        page = resources.explorer_page(name)
        assert page.parent.parent == app.parent
    config = tomllib.loads((app.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
