"""What every page shares to stay safe: text from documents escaped for Markdown, one message for
a store that cannot answer, the app's settings, and the optional sign-in.

Streamlit renders Markdown in titles, subheaders, captions and ``st.markdown``: an actor name, a
title or a source like ``![x](http://host/t.png)`` made every viewer's browser fetch an outside URL,
``[click](http://…)`` became a link and ``$…$`` LaTeX. ``md`` makes such text plain text; pages
call it wherever a name, title, source or other document-borne string reaches Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date

import streamlit as st

# The Markdown punctuation that acts inside a line (CommonMark lets any ASCII punctuation be
# backslash-escaped), the dollar sign Streamlit reads as LaTeX and the colon that starts :emoji:
# and :color[...] directives; what acts only at a line's start is escaped there.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$:&^])")
_MD_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


#: Streamlit's Markdown (GitHub's flavour) turns a bare ``http://…`` or ``www.…`` into a link even
#: when its punctuation is escaped; an invisible word joiner after the scheme or ``www`` stops it.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(\\:)(?=//)|(?<=www)(?=\\?\.)")
WORD_JOINER = "\u2060"


def md(text: object, *, urls: bool = False) -> str:
    """``text`` for any Streamlit Markdown: every Markdown, LaTeX and HTML character escaped, line
    breaks kept as spaces (a name never starts a heading or a list), bare URLs not linked (unless
    ``urls``: the app's own messages, whose server URI a user copies as it is)."""
    value = "" if text is None else str(text)
    value = _MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))
    if not urls:
        value = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, value)
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if not m.group(1).isdigit() else m.group(1) + "\\", value)


def h(text: object) -> str:
    """``text`` for HTML that ``st.markdown(..., unsafe_allow_html=True)`` renders: HTML-escaped,
    and with ``$`` and Markdown punctuation made inert too (Streamlit still reads Markdown there)."""
    value = html.escape("" if text is None else str(text), quote=True)
    return value.replace("$", "&#36;").replace("[", "&#91;").replace("]", "&#93;").replace("!", "&#33;")


def day(value: object) -> date | None:
    """A stored date as a ``datetime.date``, or None when it is none or not an ISO day (a document
    written into Neo4j by another tool may carry anything; a view must not break on it)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def setting(key: str) -> str | None:
    """An app setting: Streamlit secrets first, then the environment (``ACTORGRAPH_CORPUS_DIR``,
    ``ACTORGRAPH_RULES_DIR``)."""
    import os

    try:
        if key in st.secrets:
            return str(st.secrets[key])
    except Exception:  # no secrets file
        pass
    return os.environ.get(key) or None


def settings(*keys: str) -> Mapping[str, str]:
    return {k: v for k in keys if (v := setting(k))}


def store_failure(exc: BaseException) -> str:
    """The one message for a store that cannot answer: the library's own (which names the URI and
    what to do), or the driver's error turned into one."""
    from graph.errors import ActorgraphError
    from graph.store import config, failures

    if isinstance(exc, ActorgraphError):
        return str(exc)
    return str(failures.store_error(exc, config.settings().uri))


def show_failure(exc: BaseException) -> None:
    """Say on the page that its data cannot be fetched, and stop it: no stale view below."""
    st.error(f"**This page's data cannot be fetched from Neo4j.** {md(store_failure(exc), urls=True)}")
    st.stop()


# --- optional sign-in --------------------------------------------------------------------------


def login_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for Streamlit's OIDC sign-in."""
    try:
        auth = st.secrets.get("auth")
    except Exception:
        return False
    if not isinstance(auth, Mapping):
        return False
    return "redirect_uri" in auth and "cookie_secret" in auth


def require_login() -> None:
    """With sign-in configured, a visitor who has not signed in sees a sign-in button and nothing
    else; a signed-in one gets a sign-out button in the sidebar. Without it, nothing happens (the
    app serves 127.0.0.1 only: see docs/deploy.md)."""
    if not login_configured():
        return
    if not st.user.is_logged_in:
        st.title("actorgraph")
        st.info("Sign in to open the explorer.")
        st.button("Sign in", type="primary", on_click=st.login, key="sign_in")
        st.stop()
    with st.sidebar:
        st.caption(f"Signed in as {md(st.user.get('email') or st.user.get('name') or 'you')}")
        st.button("Sign out", on_click=st.logout, key="sign_out")
