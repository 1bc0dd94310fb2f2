"""Cached access to the store for the pages: one driver per process (``st.cache_resource``, the
driver is thread-safe), query results cached by their parameters (``st.cache_data``)."""

from __future__ import annotations

import contextlib
import os
import threading

import streamlit as st

from graph.errors import StoreError
from graph.model import ViewParams
from graph.resources import demo_corpus
from graph.store import Store, config, failures

TTL = 300
SEEDS = demo_corpus()  # the packaged demo articles (the same as the checkout's seeds/)


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
    s = Store.connect(config.Settings(uri, username, password, database))
    warm_in_background(s)
    return s


_warming = threading.Lock()


def warm_in_background(s: Store) -> None:
    """Plan the common views on a thread of their own (``Store.warm_up``) while the user reads the
    first page: a first click would otherwise pay up to a second or two of planning. One at a time;
    a failure here is the next query's to report."""

    def run() -> None:
        if not _warming.acquire(blocking=False):
            return
        try:
            s.warm_up()
        except Exception:  # the pages report the store's state themselves
            pass
        finally:
            _warming.release()

    threading.Thread(target=run, name="actorgraph-warm-up", daemon=True).start()


def store() -> Store:
    """The shared store; raises ``StoreError`` (not cached) while Neo4j does not answer."""
    for key, value in _secrets().items():
        os.environ.setdefault(key, value)
    cfg = config.settings()
    return _store(cfg.uri, cfg.username, cfg.password, cfg.database)


def clear() -> None:
    """After the data changed: cached answers dropped, and the views planned again for the new
    statistics (Neo4j re-plans a statement when a load has moved them)."""
    st.cache_data.clear()
    with contextlib.suppress(StoreError):  # not answering: the pages say so
        warm_in_background(store())


@st.cache_data(ttl=TTL, show_spinner=False)
def stats():
    return store().stats()


@st.cache_data(ttl=TTL, show_spinner=False)
def search(text: str, limit: int = 8):
    return store().search_actors(text, limit)


@st.cache_data(ttl=TTL, show_spinner=False)
def view(params: ViewParams, expanded: tuple[str, ...] = ()):
    """The focus neighbourhood plus the neighbourhoods of expanded actors, merged."""
    return store().view(params, expanded)


@st.cache_data(ttl=TTL, show_spinner=False)
def actor(actor_id: str):
    return store().actor(actor_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def evidence(
    source: str,
    target: str,
    type_: str,
    negated: bool | None,
    since: str | None,
    until: str | None,
    include_undated: bool = True,
):
    return store().evidence(source, target, type_, negated, since, until, include_undated=include_undated)


@st.cache_data(ttl=TTL, show_spinner=False)
def paths(source: str, target: str, params: ViewParams):
    return store().paths(source, target, params)


@st.cache_data(ttl=TTL, show_spinner=False)
def documents():
    return store().documents()


@st.cache_data(ttl=TTL, show_spinner=False)
def document(doc_id: str):
    """(the document, its relations), or None when it is not stored."""
    s = store()
    found = s.document(doc_id)
    return None if found is None else (found, s.document_relations(doc_id))


def document_view(doc_id: str):
    """The stored document (text and mention spans), or None."""
    found = document(doc_id)
    return found[0] if found else None


@st.cache_data(ttl=TTL, show_spinner=False)
def rule_hits() -> dict[str, int]:
    return store().rule_hits()


@st.cache_data(ttl=TTL, show_spinner=False)
def relations_by_day():
    return store().relations_by_day()


def available() -> tuple[bool, str]:
    """(True, "") when Neo4j answers now, else (False, a message saying what to do). Asked on every
    run, so a server that stopped while the app is open gives that message instead of tracebacks
    or views silently answered from the cache."""
    try:
        s = store()
        s.driver.verify_connectivity()
        return True, ""
    except StoreError as exc:
        return False, str(exc)
    except failures.driver_errors() as exc:
        return False, str(failures.store_error(exc, config.settings().uri))
