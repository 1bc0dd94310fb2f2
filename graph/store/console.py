"""The Cypher console's gate: what a user's own query may do, and how much of its answer comes back.

The console reads. Neo4j enforces part of that itself (a READ transaction refuses writes, the
transaction timeout and memory limits stop runaway queries), but a read transaction still lets a
query list and end other sessions' transactions (``SHOW``/``TERMINATE TRANSACTIONS``), drop every
connection (``dbms.killConnections``), read the server's configuration (``dbms.listConfig``,
``SHOW SETTINGS``) or switch to the ``system`` database (``USE``). So the console also checks the
statement before sending it: reading clauses, the schema listings (``SHOW INDEXES``,
``SHOW CONSTRAINTS``, ``SHOW FUNCTIONS``, ``SHOW PROCEDURES``) and an allowlist of read
procedures only. The check works on tokens (comments dropped, strings and backtick-quoted names
read as Cypher reads them), so case, comments, odd spaces and quoting do not get a command past it.

``run`` sends an accepted query in one explicit transaction, never retried (a query that failed for
lack of memory would only fail again, and a retry doubles the load it puts on the server), and
keeps at most ``row_cap`` rows and ``byte_cap`` bytes of the answer: 300 rows of one megabyte each
are 300 MB however small the row cap looks.

Everything but ``run`` is a pure function, tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import QueryError

if TYPE_CHECKING:
    from neo4j import Driver, Record, ResultSummary

DEFAULT_ROW_CAP = 1000
DEFAULT_BYTE_CAP = 16 * 2**20
FETCH_SIZE = 25  # records per network round trip: the byte cap can overshoot by at most this many rows

#: Read procedures the console may call (exact names), and name prefixes ending in a dot.
READ_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.",
    "db.index.vector.queryNodes",
    "db.index.vector.queryRelationships",
    "db.ping",
)
#: What ``SHOW`` may list: the schema and the callable functions and procedures.
SCHEMA_LISTINGS = {"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS", "PROCEDURE", "PROCEDURES"}
_SHOW_MODIFIERS = {
    "ALL", "RANGE", "FULLTEXT", "TEXT", "POINT", "VECTOR", "LOOKUP", "BTREE", "UNIQUE", "UNIQUENESS", "EXIST",
    "EXISTENCE", "EXISTS", "NODE", "RELATIONSHIP", "REL", "PROPERTY", "KEY", "TYPE", "BUILT", "IN", "USER", "DEFINED",
    "EXECUTABLE", "BY", "CURRENT", "DEFAULT", "HOME", "POPULATED", "SUPPORTED",
}  # fmt: skip
#: What ``SHOW`` lists that is not this graph's: other sessions, users, roles, databases, settings.
_ADMIN_LISTINGS = {
    "TRANSACTION", "TRANSACTIONS", "USER", "USERS", "ROLE", "ROLES", "DATABASE", "DATABASES", "SETTING", "SETTINGS",
    "SERVER", "SERVERS", "PRIVILEGE", "PRIVILEGES", "ALIAS", "ALIASES", "CONFIGURATION",
}  # fmt: skip
_CLAUSE_WRITES = {"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "INSERT"}
_ADMIN_START = {"GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"}
_ADMIN_OBJECTS = {
    "USER", "USERS", "ROLE", "ROLES", "DATABASE", "DATABASES", "ALIAS", "ALIASES", "SERVER", "SERVERS",
    "COMPOSITE", "PRIVILEGE", "PRIVILEGES",
}  # fmt: skip
_PREFIXES = {"EXPLAIN", "PROFILE"}

READ_ONLY = "This console is read-only"


# --- tokens --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """A word (``quoted`` when it was backtick-quoted, which makes it a name, never a keyword), a
    string literal, a number, a parameter or a single punctuation character."""

    kind: str  # word | string | number | param | punct
    text: str
    quoted: bool = False

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" and not self.quoted else None


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n\r]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>\d[\w.]*)
  | (?P<word>\w+)
  | (?P<punct>.)
    """,
    re.S | re.X,
)


def tokens(cypher: str) -> list[Token]:
    """The statement as Cypher's lexer sees it, without spaces and comments."""
    out = []
    for m in _TOKEN.finditer(cypher):
        kind, text = m.lastgroup or "punct", m.group()
        if kind in ("space", "comment"):
            continue
        if kind == "quoted":
            out.append(Token("word", text[1:].removesuffix("`").replace("``", "`"), quoted=True))
        else:
            out.append(Token(kind, text))
    return out


def _is_clause_word(toks: list[Token], i: int) -> bool:
    """A keyword in clause position: not a property (``n.set``), label or type (``:Set``,
    ``:A|Set``), map key (``{set: 1}``) or parameter."""
    t = toks[i]
    if t.keyword is None:
        return False
    before = toks[i - 1].text if i else ""
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    return before not in {".", ":", "|", "&", "!", "$"} and after != ":"


def _name_at(toks: list[Token], i: int) -> tuple[str, int]:
    """A dotted name starting at ``i`` (``db.index.fulltext.queryNodes``, ``` `dbms`.`x` ```),
    and the index after it."""
    parts = []
    while i < len(toks) and toks[i].kind == "word":
        parts.append(toks[i].text)
        if i + 2 < len(toks) and toks[i + 1].text == "." and toks[i + 2].kind == "word":
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def _procedure_allowed(name: str, write: bool) -> bool:
    low = name.lower()
    if low.startswith("dbms.") or "." not in low:
        return False
    if write and low.startswith("db."):
        return True
    return any(low.startswith(p.lower()) if p.endswith(".") else low == p.lower() for p in READ_PROCEDURES)


def _allowed_list() -> str:
    return ", ".join(p + "*" if p.endswith(".") else p for p in READ_PROCEDURES)


# --- the gate ------------------------------------------------------------------------------


def refusal(cypher: str, write: bool = False) -> str | None:
    """Why the console will not run ``cypher`` (a message for the user), or None when it may.

    ``write=True`` is the CLI's explicit ``query --write``: clauses that change the graph and
    ``db.*`` procedures are allowed there, administration still is not."""
    toks = tokens(cypher)
    admin = (
        f"{READ_ONLY}: {{}} is an administration command (other sessions, users, databases or the server) "
        "and is not allowed here."
    )
    for i, t in enumerate(toks):
        if t.text == ";" and any(x.text != ";" for x in toks[i + 1 :]):
            return "The console runs one statement at a time: remove the ';' and what follows, or run it separately."
    first = next((i for i, t in enumerate(toks) if t.keyword and t.keyword not in _PREFIXES), None)
    writes: list[str] = []
    for i, t in enumerate(toks):
        if not _is_clause_word(toks, i):
            continue
        kw = t.keyword
        nxt = toks[i + 1].keyword if i + 1 < len(toks) else None
        if kw == "SHOW":
            j = i + 1
            words: list[str] = []
            while j < len(toks) and toks[j].keyword in _SHOW_MODIFIERS:
                words.append(toks[j].keyword or "")
                j += 1
            noun = toks[j].keyword if j < len(toks) else None
            if noun in SCHEMA_LISTINGS and "USER" not in words[-1:]:
                continue
            if i == first or noun in _ADMIN_LISTINGS or (words and words[-1] == "USER"):
                return admin.format(f"`{' '.join(['SHOW', *words, noun or ''])}`".replace(" `", "`"))
        elif kw == "TERMINATE" and nxt in {"TRANSACTION", "TRANSACTIONS"}:
            return admin.format(f"`TERMINATE {nxt}`") + " It would end other sessions' queries."
        elif kw == "USE" and i + 1 < len(toks) and toks[i + 1].kind == "word":
            return (
                f"{READ_ONLY} and reads this graph only: `USE {toks[i + 1].text}` switches to another "
                "database and is not allowed here."
            )
        elif kw in {"START", "STOP"} and nxt in {"DATABASE", "SERVER"}:
            return admin.format(f"`{kw} {nxt}`")
        elif kw in _ADMIN_START and i == first:
            return admin.format(f"`{kw}`")
        elif kw in {"CREATE", "DROP"} and nxt in _ADMIN_OBJECTS | {"OR"}:
            obj = nxt if nxt != "OR" else "OR REPLACE"
            return admin.format(f"`{kw} {obj}`")
        elif kw == "CALL" and i + 1 < len(toks) and toks[i + 1].kind == "word":
            name, _ = _name_at(toks, i + 1)
            if not _procedure_allowed(name, write):
                return (
                    f"{READ_ONLY}: procedure `{name}` is not allowed here. The console calls only these "
                    f"read procedures: {_allowed_list()}."
                )
        elif kw == "LOAD" and nxt == "CSV":
            writes.append("LOAD CSV")
        elif kw in _CLAUSE_WRITES:
            writes.append(kw)
    for i, t in enumerate(toks):  # functions in the dbms namespace (dbms.info(), ...), not after CALL
        if t.kind == "word" and (i == 0 or toks[i - 1].text != "."):
            name, j = _name_at(toks, i)
            called = "." in name and j < len(toks) and toks[j].text == "("
            if called and name.lower().startswith("dbms.") and not (i and toks[i - 1].keyword == "CALL"):
                return f"{READ_ONLY}: function `{name}` reads the server, not the graph, and is not allowed here."
    if writes and not write:
        listed = ", ".join(dict.fromkeys(writes))
        if writes == ["LOAD CSV"]:
            return f"{READ_ONLY}: LOAD CSV reads files on the server and is not allowed here."
        return (
            f"{READ_ONLY}: {listed} changes the graph and is not allowed here "
            "(use `actorgraph query --write` to change the graph)."
        )
    return None


def check(cypher: str, write: bool = False) -> None:
    """Raise ``QueryError`` with the refusal message when the console will not run ``cypher``."""
    message = refusal(cypher, write)
    if message:
        raise QueryError(message)


# --- the answer's size ---------------------------------------------------------------------


def value_bytes(value: Any) -> int:
    """About how many bytes ``value`` takes written out (UTF-8 text, 8 per number): what the byte
    cap counts. Nodes, relationships and paths count their properties."""
    if value is None or isinstance(value, bool):
        return 0 if value is None else 1
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "replace"))
    if isinstance(value, (int, float)):
        return 8
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, dict):
        return sum(len(str(k)) + value_bytes(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sum(value_bytes(v) for v in value)
    if hasattr(value, "relationships") and hasattr(value, "nodes"):  # a path
        return sum(value_bytes(x) for x in (*value.nodes, *value.relationships))
    if hasattr(value, "items") and hasattr(value, "element_id"):  # a node or relationship
        return 16 + sum(len(k) + value_bytes(v) for k, v in value.items())
    return len(str(value))


@dataclass(frozen=True)
class Answer:
    """The kept part of a result: the columns, the records, and why it stops there ("" when it
    does not: the whole result; else ``"rows"`` or ``"bytes"``)."""

    keys: tuple[str, ...]
    records: list[Record]
    cut: str = ""
    summary: ResultSummary | None = None  # the server's result summary (its notifications); None when cut short


def take(records: Iterable[Record], row_cap: int, byte_cap: int) -> tuple[list[Record], str]:
    """At most ``row_cap`` records and about ``byte_cap`` bytes of ``records`` (an iterator: what
    is not taken is never read), and why they stop ("" / "rows" / "bytes")."""
    kept: list[Record] = []
    size = 0
    for record in records:
        if len(kept) >= row_cap:
            return kept, "rows"
        size += value_bytes(list(record.values()) if hasattr(record, "values") else record)
        if size > byte_cap:
            return kept, "bytes"
        kept.append(record)
    return kept, ""


def cap_note(cut: str, row_cap: int, byte_cap: int) -> str:
    """The sentence saying where the answer was cut, or ""."""
    if cut == "rows":
        return f"stopped at {row_cap:,} rows"
    if cut == "bytes":
        return f"stopped at {byte_cap / 2**20:g} MB, the cap on the answer's size"
    return ""


def run(
    driver: Driver,
    database: str,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    timeout: float,
    row_cap: int = DEFAULT_ROW_CAP,
    byte_cap: int = DEFAULT_BYTE_CAP,
    write: bool = False,
) -> Answer:
    """Check ``cypher`` and run it in one explicit transaction (READ unless ``write``), never
    retried, with the server's ``timeout``; keep at most ``row_cap`` rows and ``byte_cap`` bytes.

    A reading query whose answer is cut is rolled back there (the server stops producing it); a
    writing one runs to its end and commits. Neo4j's own errors are raised as they are: the caller
    names the server in its message."""
    import neo4j

    check(cypher, write)
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with (
        driver.session(database=database, default_access_mode=mode, fetch_size=FETCH_SIZE) as session,
        session.begin_transaction(timeout=timeout, metadata={"app": "actorgraph console"}) as tx,
    ):
        result = tx.run(cypher, params or {})
        keys = tuple(result.keys())
        records, cut = take(result, row_cap, byte_cap)
        summary = None
        if write or not cut:
            summary = result.consume()  # the rest of a writing query still runs: it commits whole
        if write:
            tx.commit()
        else:
            tx.rollback()  # a reader commits nothing; an unread rest is dropped by the server
    return Answer(keys, records, cut, summary)
