"""The files actorgraph ships with, found the way an installed package finds them.

The bundled rule pack, the demo articles and the explorer's scripts and Streamlit configuration
are package data: inside the wheel, next to the modules. ``importlib.resources`` resolves them
the same way in a wheel install (``pip install actorgraph-*.whl``, ``pipx``), in an editable
checkout (``make setup``) and in any working directory, so nothing here depends on where the
source tree is or which folder the user runs from.

Callers get real file-system paths because their consumers need them: Streamlit runs scripts by
path and the readers take folders. pip always installs wheels unpacked; a zipped install is
refused with a message rather than failing later with a missing file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import ConfigError


def package_path(package: str, *parts: str) -> Path:
    """The file or folder ``parts`` inside the installed ``package``, as a real path."""
    resource = files(package).joinpath(*parts)
    if not isinstance(resource, Path):
        raise ConfigError(f"{package} is installed zipped; install actorgraph with pip (unpacked) to use it.")
    if not resource.exists():
        raise ConfigError(f"{'/'.join(parts)} is missing from the installed {package} package; reinstall actorgraph.")
    return resource


def rule_pack() -> Path:
    """The bundled rule pack's folder (``graph/extraction/pack``: YAML rule files, JSON Schema)."""
    return package_path("graph.extraction", "pack")


def demo_corpus() -> Path:
    """The demo articles ``actorgraph up`` and the explorer ingest when the user names none.

    ``graph/demo/`` is the packaged copy of the repository's top-level ``seeds/`` (the folder a
    user of the checkout sees); a unit test keeps the two identical.
    """
    return package_path("graph", "demo")


def explorer_app() -> Path:
    """The explorer's entry script; its ``.streamlit/config.toml`` beside it is Streamlit's
    script-level configuration, so it applies wherever ``streamlit run`` is started from."""
    return package_path("ui", "app.py")


def explorer_page(name: str) -> Path:
    """One explorer page script (``ui/views/<name>.py``)."""
    return package_path("ui.views", f"{name}.py")
