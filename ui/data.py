"""Cached access to the store for the pages: one driver per process (``st.cache_resource``, the
driver is thread-safe), query results cached by their parameters (``st.cache_data``)."""

from __future__ import annotations

import os

import streamlit as st

from graph.errors import StoreError
from graph.model import ViewParams
from graph.store import config
from graph.store.store import Store

TTL = 300
SEEDS = __import__("pathlib").Path(__file__).resolve().parent.parent / "seeds"


def _secrets() -> dict:
    """NEO4J_* from Streamlit secrets, when the app has a secrets.toml."""
    try:
        return {
            k: str(st.secrets[k])
            for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
            if k in st.secrets
        }
    except Exception:  # no secrets file: the environment and .env are enough
        return {}


@st.cache_resource(show_spinner=False)
def _store(uri: str, username: str, password: str | None, database: str) -> Store:
    return Store.connect(config.Settings(uri, username, password, database))


def store() -> Store:
    """The shared store; raises ``StoreError`` (not cached) while Neo4j does not answer."""
    for key, value in _secrets().items():
        os.environ.setdefault(key, value)
    cfg = config.settings()
    return _store(cfg.uri, cfg.username, cfg.password, cfg.database)


def settings() -> config.Settings:
    return config.settings()


def clear() -> None:
    st.cache_data.clear()


@st.cache_data(ttl=TTL, show_spinner=False)
def stats():
    return store().stats()


@st.cache_data(ttl=TTL, show_spinner=False)
def search(text: str, limit: int = 8):
    return store().search_actors(text, limit)


@st.cache_data(ttl=TTL, show_spinner=False)
def view(params: ViewParams, expanded: tuple[str, ...] = ()):
    """The focus neighbourhood plus the neighbourhoods of expanded actors, merged."""
    from graph.model import Subgraph

    s = store()
    sub = s.neighbourhood(params)
    if not expanded:
        return sub
    ids = [n.id for n in sub.nodes]
    for actor_id in expanded:
        extra = s.neighbourhood(ViewParams(**{**_as_dict(params), "focus": actor_id, "depth": 1, "limit": 200}))
        ids += [n.id for n in extra.nodes if n.id not in ids]
    merged = s._subgraph(ids, params, keep={params.focus} if params.focus else set())
    return Subgraph(merged.nodes, merged.edges, merged.documents, merged.date_from, merged.date_to, sub.truncated)


def _as_dict(params: ViewParams) -> dict:
    return {f: getattr(params, f) for f in params.__dataclass_fields__}


@st.cache_data(ttl=TTL, show_spinner=False)
def actor(actor_id: str):
    return store().actor(actor_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def evidence(source: str, target: str, type_: str, negated: bool | None, since: str | None, until: str | None):
    return store().evidence(source, target, type_, negated, since, until)


@st.cache_data(ttl=TTL, show_spinner=False)
def paths(source: str, target: str, params: ViewParams):
    return store().paths(source, target, params)


@st.cache_data(ttl=TTL, show_spinner=False)
def documents():
    return store().documents()


@st.cache_data(ttl=TTL, show_spinner=False)
def document(doc_id: str):
    return store().document(doc_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def rule_hits():
    res = store().read_query(
        "MATCH ()-[r:MEMBER_OF|WARNS|DEMANDS|THREATENS|SUPPORTS|MEETS|CRITICIZES|DEPLOYS]->() "
        "RETURN r.rule AS rule, count(*) AS hits ORDER BY hits DESC",
        row_cap=500,
    )
    return dict(res.rows)


def available() -> tuple[bool, str]:
    """(True, "") when Neo4j answers, else (False, a message saying what to do)."""
    try:
        store()
        return True, ""
    except StoreError as exc:
        return False, str(exc)
