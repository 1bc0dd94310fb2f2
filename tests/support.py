"""Paths and helpers shared by test modules (a uniquely named module: several conftest.py exist)."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.model import ActorRef, Document, Edge, Extraction, Mention, Node, Relation, Subgraph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold_seeds.yaml"
DEV = ROOT / "tests" / "data" / "dev"  # byte-identical copy of the development set (30 annotated articles)


def run_cli(*args, input: str | None = None, env: dict | None = None):
    """``actorgraph ARGS`` run in this process as a user runs it: the exit code, stdout and stderr
    apart. A bug (an exception the command does not turn into a message) fails the test."""
    from click.testing import CliRunner

    from graph.cli import cli

    runner = CliRunner(env=env)
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False, prog_name="actorgraph")


def free_port() -> int:
    """A port nothing listens on right now (for the test servers and apps the suite starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def own_server(home: Path, heap: str = "512m", pagecache: str = "64m", password: str | None = None) -> Iterator:
    """A Neo4j server of a test's own in ``home`` (free ports, a generated password), stopped after.

    For tests that stop, break or must not share the suite's server; yields the ``server.Instance``
    (its ``uri`` and ``password`` make the settings: ``settings_of``)."""
    from graph.store import server

    inst = server.Instance(
        home=home,
        bolt_port=free_port(),
        http_port=free_port(),
        heap=heap,
        pagecache=pagecache,
        password=password or secrets.token_urlsafe(16),
    )
    server.start(inst, timeout=240)
    try:
        yield inst
    finally:
        server.stop(inst)


@contextmanager
def explorer(env: dict, timeout: float = 120.0) -> Iterator[str]:
    """The real explorer (``streamlit run ui/app.py``) on a free port with ``env``, headless; yields
    its URL once it answers, stops it after."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "ui" / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the explorer did not start") from None
                time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def settings_of(inst):
    """The settings that reach a server started by ``own_server`` (its default database)."""
    from graph.store import config

    return config.Settings(inst.uri, "neo4j", inst.password, "neo4j")


def relation(
    doc: str, s: ActorRef, t: str, o: ActorRef, start: int, date: str | None, neg: bool = False, rule: str = "rule-x"
) -> Relation:
    """One occurrence at ``start`` in ``doc``: a sentence that names both ends (distinct per start)."""
    return Relation(doc, s, t, o, neg, f"{s.name} {t} {o.name} ({start})", start, start + 10, date, rule)


def extraction(doc: str, date: str | None, rels: list[Relation]) -> Extraction:
    """A document ``doc`` carrying ``rels``, titled "Title DOC", with a mention of every actor they name."""
    refs = {r.subject for r in rels} | {r.object for r in rels}
    return Extraction(
        Document(doc, f"text of {doc}", f"Title {doc}", date, "Wire"),
        tuple(Mention(doc, a, 0, 4, "text") for a in refs),
        tuple(rels),
    )


def wipe(drv, database: str) -> None:
    """Empty the graph (the schema stays)."""
    with drv.session(database=database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def news_graph(n: int = 12) -> Subgraph:
    """A hub-and-spoke view like a real one: two hubs, leaves, parallel and negated edges."""
    nodes = [Node("org:nato", "NATO", "Organisation", degree=40), Node("state:rus", "Russia", "State", degree=30)]
    nodes += [
        Node(f"p{i}", f"Person <{i}> & co", ("Person", "State", "Organisation")[i % 3], degree=i) for i in range(n - 2)
    ]
    edges = [
        Edge("state:rus", "org:nato", "DEMANDS", False, 7, "2021-12-18", "2022-02-01"),
        Edge("state:rus", "org:nato", "CRITICIZES", False, 1, "2022-01-05", "2022-01-05"),
    ]
    edges += [
        Edge(
            f"p{i}",
            "org:nato" if i % 2 else "state:rus",
            ("MEMBER_OF", "WARNS", "MEETS", "DEPLOYS")[i % 4],
            i % 5 == 0,
            1 + i % 3,
            "2022-01-0" + str(1 + i % 9),
        )
        for i in range(n - 2)
    ]
    return Subgraph(tuple(nodes), tuple(edges), documents=4, date_from="2021-12-18", date_to="2022-02-01")


# --- reading a store back (through its public console path) ---------------------------------


def rows(store, cypher: str, **params) -> list[dict]:
    """Every row of a read query as ``{column: value}``."""
    res = store.read_query(cypher, params, timeout=120, row_cap=10**7)
    return [dict(zip(res.columns, r)) for r in res.rows]


def dump(store) -> tuple:
    """A canonical picture of the whole graph, to compare two loads exactly."""
    nodes = rows(store, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = rows(store, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p, b.key AS bk")
    return (
        sorted((sorted(r["l"]), sorted(r["p"].items(), key=str)) for r in nodes),
        sorted((r["a"], r["t"], r["b"], r["bk"], sorted(r["p"].items(), key=str)) for r in rels),
    )


def assert_aggregates_exact(store) -> int:
    """Recompute every aggregate, LINKED pair and actor weight from the evidence alone (counted
    here, independently of the loader's arithmetic) and compare with what is stored; answers
    the number of aggregates checked."""
    from collections import Counter, defaultdict

    from graph.model import RELATION_TYPES
    from graph.store import aggregate as agg

    expected: dict[tuple, dict] = defaultdict(lambda: {"count": 0, "docs": set(), "days": Counter()})
    for e in rows(
        store,
        "MATCH (e:Evidence) MATCH (d:Document {id: e.doc}) RETURN e.subject AS s, e.type AS t, e.object AS o, "
        "e.negated AS n, e.key AS key, d.id AS doc, e.date AS date",
    ):
        k = (e["s"], e["t"], e["o"], bool(e["n"]))
        assert e["key"] == f"{e['s']}|{e['t']}|{e['o']}|{int(bool(e['n']))}"
        x = expected[k]
        x["count"] += 1
        x["docs"].add(e["doc"])
        if e["date"]:
            x["days"][e["date"]] += 1
    stored = rows(
        store,
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) <> 'LINKED' "
        "RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS p",
    )
    got = {(r["s"], r["t"], r["o"], bool(r["p"]["negated"])): r["p"] for r in stored}
    hists = {}  # each aggregate's histogram as its pair lists it: "month:count:first:last ..." or "-" if not stored
    assert len(got) == len(stored), "two aggregates for one (subject, type, object, negated)"
    assert set(got) == set(expected)
    for k, p in got.items():
        x = expected[k]
        days = sorted(x["days"])
        assert (p["count"], p["docs"]) == (x["count"], len(x["docs"])), k
        assert (p.get("first"), p.get("last")) == ((days[0], days[-1]) if days else (None, None)), k
        months = {}  # month: [occurrences, first day, last day], recounted from the evidence's days
        for day in days:
            m = months.setdefault(day[:7], [0, int(day[8:]), int(day[8:])])
            m[0] += x["days"][day]
            m[2] = int(day[8:])
        hist = {
            m: [n, f, la]
            for m, n, f, la in zip(
                p.get("months") or [],
                p.get("month_counts") or [],
                p.get("month_firsts") or [],
                p.get("month_lasts") or [],
            )
        }
        if "months" not in p:  # not stored when every dated occurrence is in the month of ``first`` and none is undated
            assert len(months) <= 1 and sum(x["days"].values()) in (0, x["count"]), k
            hist = {p["first"][:7]: [p["count"], int(p["first"][8:]), int(p["last"][8:])]} if p.get("first") else {}
        assert hist == months, k
        hists[k] = " ".join(f"{m}:{n}:{f}:{la}" for m, (n, f, la) in sorted(months.items())) if "months" in p else "-"
        assert p["key"] == "|".join((k[0], k[1], k[2], str(int(k[3]))))
        ranked = x["count"] >= 2
        assert p.get("out_rank") == (f"{k[0]}|{9_999_999_999 - x['count']:010d}|{k[2]}" if ranked else None)
        assert p.get("in_rank") == (f"{k[2]}|{9_999_999_999 - x['count']:010d}|{k[0]}" if ranked else None)
    pairs: dict[tuple, dict] = defaultdict(lambda: {"count": 0, "keys": set()})
    weights: dict[str, list] = defaultdict(lambda: [0] * len(RELATION_TYPES))
    for (s, t, o, _), p in got.items():
        pair = pairs[tuple(sorted((s, o)))]
        pair["count"] += p["count"]
        pair["keys"].add(p["key"])
        for actor in {s, o}:
            weights[actor][RELATION_TYPES.index(t)] += p["count"]
    linked = rows(store, "MATCH (a:Actor)-[l:LINKED]->(b:Actor) RETURN a.id AS a, b.id AS b, properties(l) AS p")
    assert {(r["a"], r["b"]) for r in linked} == set(pairs) and len(linked) == len(pairs)
    for r in linked:
        x = pairs[(r["a"], r["b"])]
        assert (r["p"]["count"], sorted(r["p"]["keys"])) == (x["count"], sorted(x["keys"]))
        per_type = [sum(got[_ends(k)]["count"] for k in x["keys"] if k.split("|")[1] == t) for t in RELATION_TYPES]
        assert r["p"]["type_counts"] == per_type, (r["a"], r["b"])
        assert r["p"]["key"] == f"{r['a']}|{r['b']}"
        listed = agg.linked_entries(r["p"])  # what a view reads before (or instead of) the aggregates
        assert listed == {
            k: (
                got[_ends(k)]["count"],
                got[_ends(k)].get("first"),
                got[_ends(k)].get("last"),
                expected[_ends(k)]["count"] - sum(expected[_ends(k)]["days"].values()),
                hists[_ends(k)],
            )
            for k in x["keys"]
        }
    # each actor's strongest neighbours, overall and per type: recounted from the aggregates
    neighbours: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    for (s, t, o, _), p in got.items():
        for name in ("", t):
            for end, other in {(s, o), (o, s)}:  # a relation of an actor with itself lists it once
                neighbours[(end, name)][other] += p["count"]
    for r in rows(store, "MATCH (a:Actor) RETURN a.id AS id, a.weight AS w, a.weights AS ws, properties(a) AS p"):
        want = weights.get(r["id"], [0] * len(RELATION_TYPES))
        assert (r["w"] or 0) == sum(want) and (r["ws"] or [0] * len(RELATION_TYPES)) == want, r["id"]
        for name in ("", *RELATION_TYPES):
            suffix = f"_{name}" if name else ""
            best = sorted(neighbours[(r["id"], name)].items(), key=lambda x: (-x[1], x[0]))[: agg.NEIGHBOURS]
            stored = list(zip(r["p"].get(f"top_ids{suffix}") or [], r["p"].get(f"top_counts{suffix}") or []))
            assert stored == best, (r["id"], name)
    return len(got)


def _ends(key: str) -> tuple:
    s, t, o, n = key.split("|")
    return (s, t, o, n == "1")
