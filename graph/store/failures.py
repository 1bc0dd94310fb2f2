"""The driver's exceptions as one message each: what happened at which server, and what to do.

The official driver raises a family of exceptions (``ServiceUnavailable`` when nothing answers,
``SessionExpired`` and ``IncompleteCommit`` when the server goes away mid-request, ``AuthError``,
``TransientError`` for a query that ran out of memory, ``ClientError`` for a query the server
refused). They surface wherever the store is used, so the edges (the CLI's one error mapping, the
explorer's pages) pass any of them through ``store_error`` and show its message, never a traceback.
"""

from __future__ import annotations

from ..errors import ActorgraphError, QueryError, StoreError

_MEMORY_CODES = ("OutOfMemoryError", "MemoryPoolOutOfMemoryError", "TransactionOutOfMemoryError")
_TIMEOUT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")
_START = "Start the local server with `actorgraph neo4j start`, or set NEO4J_URI to a running Neo4j 5"


def driver_errors() -> tuple[type[BaseException], ...]:
    """The exception classes of the driver, for ``except`` clauses at the edges."""
    from neo4j.exceptions import DriverError, Neo4jError

    return (Neo4jError, DriverError)


def is_driver_error(exc: BaseException) -> bool:
    return isinstance(exc, driver_errors())


def _setting(message: str) -> str:
    for name in ("db.memory.transaction.max", "dbms.memory.transaction.total.max", "db.memory.transaction.total.max"):
        if name in message:
            return name
    return "the heap"


def store_error(exc: BaseException, uri: str, *, timeout: float | None = None) -> ActorgraphError:
    """One ``StoreError`` (the server, the connection) or ``QueryError`` (this query) for a driver
    exception, its message naming ``uri`` and what to do."""
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        ConfigurationError,
        IncompleteCommit,
        Neo4jError,
        ServiceUnavailable,
        SessionExpired,
        TransientError,
    )

    if isinstance(exc, ActorgraphError):
        return exc
    code = getattr(exc, "code", None) or ""
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
        return StoreError(
            f"Neo4j at {uri} refused the sign-in: wrong username or password. Set NEO4J_USERNAME and "
            "NEO4J_PASSWORD (environment, .env or the app's Streamlit secrets)."
        )
    if isinstance(exc, IncompleteCommit):
        return StoreError(
            f"Neo4j at {uri} went away while committing: the last batch may or may not be stored. "
            f"{_START}, then run the same command again (loading is idempotent: a re-run gives the same graph)."
        )
    if isinstance(exc, SessionExpired):
        return StoreError(
            f"The connection to Neo4j at {uri} was lost during the request. Check the server "
            "(`actorgraph neo4j status`, `actorgraph neo4j logs`) and try again."
        )
    if isinstance(exc, ServiceUnavailable):
        return StoreError(f"Neo4j at {uri} does not answer. {_START}; then try again.")
    if any(code.endswith(c) for c in _MEMORY_CODES):
        return QueryError(
            f"The query needed more memory than Neo4j at {uri} allows ({_setting(message)}); it was stopped "
            "and the server carries on. Ask for less: a LIMIT, fewer or smaller values, aggregation earlier."
        )
    if any(code.endswith(c) for c in _TIMEOUT_CODES) or (
        isinstance(exc, ClientError) and "terminated" in message.lower()
    ):
        limit = f"{timeout:g}s" if timeout is not None else "its timeout"
        return QueryError(f"The query ran longer than {limit} and was stopped.")
    if code.startswith("Neo.ClientError.Statement.AccessMode") or "read access mode" in message.lower():
        return QueryError("This console is read-only: the server refused a write.")
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return StoreError(f"Neo4j at {uri} has no such database ({message}). Set NEO4J_DATABASE to one it has.")
    if isinstance(exc, TransientError):
        return StoreError(f"Neo4j at {uri} could not serve the request just now ({code}: {message}). Try again.")
    if isinstance(exc, ClientError):
        return QueryError(f"{code}: {message}")
    if isinstance(exc, ConfigurationError):
        return StoreError(f"NEO4J_URI={uri!r} cannot be used ({message}). Use e.g. bolt://127.0.0.1:7687.")
    if isinstance(exc, Neo4jError):
        return StoreError(f"Neo4j at {uri} failed: {code or exc.__class__.__name__}: {message}")
    return StoreError(f"Neo4j at {uri}: {exc.__class__.__name__}: {message}")
