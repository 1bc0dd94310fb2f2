"""Beyond one machine: a routing URI (``neo4j://``, as for Aura and clusters) works against the test
server, and every read the explorer makes runs in a READ transaction a cluster can send to a
secondary."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.model import ActorRef, Document, Extraction, Mention, Relation, ViewParams
from graph.store import Store, config

pytestmark = pytest.mark.neo4j

RUS = ActorRef("state:rus", "Russia", "State")
NATO = ActorRef("org:nato", "NATO", "Organisation")
UKR = ActorRef("state:ukr", "Ukraine", "State")


def _doc(doc_id: str, date: str, rels) -> Extraction:
    relations = tuple(
        Relation(doc_id, s, t, o, False, f"{s.name} {t} {o.name}.", i, i + 5, date, "r")
        for i, (s, t, o) in enumerate(rels)
    )
    mentions = tuple(Mention(doc_id, a, 0, 4, "x") for a in {RUS, NATO, UKR})
    return Extraction(Document(doc_id, "some text", doc_id, date, "Wire"), mentions, relations)


class Recording:
    """A driver that hands out sessions noting how each transaction was run."""

    def __init__(self, driver):
        self.driver, self.calls = driver, []

    def session(self, **kwargs):
        outer = self
        real = self.driver.session(**kwargs)

        class Session:
            def __enter__(self):
                real.__enter__()
                return self

            def __exit__(self, *exc):
                return real.__exit__(*exc)

            def execute_read(self, work, *a, **k):
                outer.calls.append(("read", kwargs.get("default_access_mode", "WRITE")))
                return real.execute_read(work, *a, **k)

            def execute_write(self, work, *a, **k):
                outer.calls.append(("write", kwargs.get("default_access_mode", "WRITE")))
                return real.execute_write(work, *a, **k)

            def begin_transaction(self, *a, **k):  # the console runs a user's query this way
                outer.calls.append(("tx", kwargs.get("default_access_mode", "WRITE")))
                return real.begin_transaction(*a, **k)

            def run(self, *a, **k):
                outer.calls.append(("auto", kwargs.get("default_access_mode", "WRITE")))
                return real.run(*a, **k)

        return Session()

    def execute_query(self, *a, **k):
        self.calls.append(("query", k.get("routing_")))
        return self.driver.execute_query(*a, **k)

    def close(self):
        self.driver.close()


@pytest.fixture
def routed(clean_db, neo4j_settings):
    cfg = replace(neo4j_settings, uri=neo4j_settings.uri.replace("bolt://", "neo4j://"))
    assert cfg.uri.startswith("neo4j://")
    with Store.connect(cfg) as store:
        store.load(
            [
                _doc("d1", "2022-01-05", [(RUS, "DEMANDS", NATO), (NATO, "SUPPORTS", UKR)]),
                _doc("d2", "2022-02-07", [(RUS, "DEMANDS", NATO), (RUS, "THREATENS", UKR)]),
            ]
        )
        yield store, cfg


def test_a_routing_uri_loads_and_reads(routed):
    store, cfg = routed
    assert config.settings({"uri": cfg.uri}).is_local  # a neo4j:// URI on this machine is still local
    sub = store.view(ViewParams(focus="org:nato", depth=2))
    assert {n.id for n in sub.nodes} == {"org:nato", "state:rus", "state:ukr"}
    demands = next(e for e in sub.edges if e.type == "DEMANDS")
    assert (demands.count, demands.first_date, demands.last_date) == (2, "2022-01-05", "2022-02-07")
    assert [e.doc for e in store.evidence("state:rus", "org:nato", "DEMANDS")] == ["d1", "d2"]
    assert store.read_query("MATCH (:Actor)-[r:DEMANDS]->(:Actor) RETURN r.count AS n").rows == ((2,),)


READING = {("read", "READ"), ("tx", "READ")}  # managed reads; the console's one explicit READ transaction


def test_every_read_runs_in_a_read_transaction(routed):
    _, cfg = routed
    recording = Recording(config.driver(cfg))
    reader = Store(recording, cfg.database, cfg.uri)
    view = ViewParams(focus="org:nato", depth=2, relation_types=("DEMANDS", "SUPPORTS"), since="2022-01-01")
    reader.view(view, expanded=("state:ukr",))
    reader.view(ViewParams())
    reader.paths("state:rus", "state:ukr", ViewParams())
    reader.evidence("state:rus", "org:nato", "DEMANDS")
    reader.search_actors("nat")
    reader.resolve_actor("Russia")
    reader.actor("org:nato")
    reader.documents()
    reader.document("d1")
    reader.document_relations("d1")
    reader.document_graph("d1")
    reader.rule_hits()
    reader.relations_by_day()
    reader.stats()
    reader.read_query("MATCH (n) RETURN count(n) AS n")
    reader.close()
    assert recording.calls, "no session was opened"
    wrong = [(kind, mode) for kind, mode in recording.calls if kind != "query" and (kind, mode) not in READING]
    assert not wrong, wrong
    assert all(mode == "r" for kind, mode in recording.calls if kind == "query")
