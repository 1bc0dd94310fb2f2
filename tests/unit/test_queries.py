"""Cypher builders are pure: checked without a server."""

from __future__ import annotations

import pytest

from graph.model import RELATION_TYPES, ViewParams
from graph.store import queries as q
from graph.store import view_queries as vq
from graph.store import writes as w


def test_relationship_types_only_come_from_the_vocabulary():
    for t in RELATION_TYPES:
        assert f":{t}]" in w.create_relationships(t, [])[0]
    with pytest.raises(ValueError):
        w.create_relationships("WARNS]->() DETACH DELETE n //", [])
    with pytest.raises(ValueError):
        q.evidence("a", "b", "X`", None, None, None)
    with pytest.raises(ValueError):
        vq.expand(["x"], ViewParams(relation_types=("WARNS`",)), [], 5, 5)


def test_values_travel_as_parameters():
    text, params = q.evidence("a'); DROP", "b", "WARNS", True, "2022-01-01", None)
    assert "DROP" not in text and params["source"] == "a'); DROP"
    text, params = vq.expand(["x"], ViewParams(relation_types=("WARNS",), since="2022-01-01"), [], 10, 10)
    assert params["since"] == "2022-01-01" and "[r:WARNS]" in text and "$w_lo" in text and "2022-01" not in text


def test_statements_keep_one_text_whatever_their_data_touches():
    """Neo4j caches a plan by its text: a batch's lock on its aggregates and a dated view's read of
    the aggregates it straddles must not spell a new text for each mix of relation types (planning
    either anew cost ~0.4 s, more than the work)."""
    one = w.lock_edges({"WARNS": ["a|WARNS|b|0"]})
    other = w.lock_edges({"MEETS": ["a|MEETS|b|0"], "DEMANDS": ["a|DEMANDS|b|0"]})
    assert one[0] == other[0] and one[1]["k_WARNS"] == ["a|WARNS|b|0"] and other[1]["k_WARNS"] == [q.NO_KEY]
    view = ViewParams(since="2022-01-10", until="2022-03-20")
    warns, mixed = vq.straddling(["a|WARNS|b|0"], view), vq.straddling(["a|MEETS|b|0", "c|WARNS|d|0"], view)
    assert warns[0] == mixed[0] and mixed[1]["k_MEETS"] == ["a|MEETS|b|0"]
    with pytest.raises(ValueError):
        w.lock_edges({"WARNS`": ["x"]})


@pytest.mark.parametrize(
    "n,floor",
    [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 3),
        (10, 3),
        (11, 11),
        (100, 11),
        (101, 101),
        (1000, 101),
        (1001, 1001),
        (10001, 10001),
    ],
)
def test_size_classes_follow_what_neo4j_plans_again_for(n, floor):
    assert q.size_class_floor(n) == floor


def test_a_batch_lock_is_planned_once_per_size_class_of_its_longest_list():
    """Neo4j plans a statement again for each new mix of its list parameters' size classes (the
    lock's eight lists changed mix in most batches, ~0.4 s each): the lists are padded to the
    longest one's class with a key no aggregate has, and every key asked is still asked."""

    def keys(t, n):
        return [f"a{i}|{t}|b|0" for i in range(n)]

    def shape(statement):
        text, params = statement
        return text, sorted((name, q.size_class_floor(len(v))) for name, v in params.items() if isinstance(v, list))

    one = w.lock_edges({"WARNS": keys("WARNS", 700), "MEETS": keys("MEETS", 3)})
    other = w.lock_edges(
        {"DEMANDS": keys("DEMANDS", 150), "MEMBER_OF": keys("MEMBER_OF", 999), "WARNS": keys("WARNS", 12)}
    )
    assert shape(one) == shape(other)
    asked = [k for v in other[1].values() for k in v if k != q.NO_KEY]
    assert sorted(asked) == sorted(keys("DEMANDS", 150) + keys("MEMBER_OF", 999) + keys("WARNS", 12))
    view = ViewParams(since="2022-01-10", until="2022-03-20")
    assert shape(vq.straddling(keys("WARNS", 40), view)) == shape(
        vq.straddling(keys("MEETS", 2) + keys("WARNS", 90), view)
    )


def test_every_lookup_by_key_in_a_load_is_an_index_seek_whatever_the_statistics():
    """A plan is kept for a load's whole run: one made when an index was nearly empty scanned the
    whole index once per key (30-85 s of a 20 s load), so each lookup names its index seek."""
    by_key = {
        "existing documents": w.existing_documents(["d1"]),
        "evidence of re-loaded documents": w.remove_document_evidence(["d1"]),
        "mentions of re-loaded documents": w.delete_document_mentions(["d1"]),
        "month bounds": w.month_bounds([{"key": "a|WARNS|b|0", "month": "2024-01"}]),
        "pairs": w.lock_linked(["a|b"]),
        "weights": w.add_weights([{"id": "a", "w": [0] * len(RELATION_TYPES)}]),
        "lists": w.lock_tops([{"id": "a", "props": []}]),
        "new lists": w.set_tops([{"id": "a", "props": {}}]),
        "recount": w.actor_pairs(["a"]),
    }
    for name, (text, _) in by_key.items():
        assert "USING INDEX SEEK" in text, name
    lock, _ = w.lock_edges({"WARNS": ["a|WARNS|b|0"]})
    for t in RELATION_TYPES:
        assert f"USING INDEX SEEK r:{t}(key)" in lock


def test_views_seek_pairs_and_evidence_by_index():
    view = ViewParams(focus="a", since="2024-01-01", until="2024-01-31")
    among, _ = vq.edges_among(["a", "b"], ViewParams(focus="a"), 8, 100, "a")
    assert among.count("USING INDEX SEEK l:LINKED(key)") == 2  # the focus's pairs and the others
    assert "USING INDEX SEEK e:Evidence(key, date)" in vq.documents_behind(["a|WARNS|b|0"], view, 100)[0]
    assert "USING INDEX SEEK a:Actor(id)" in vq.nodes(["a"])[0]


def test_every_window_of_days_runs_one_statement_text():
    """Planning a dated view's statements took 1-3 s each: windows that cut a month at their start,
    their end, both or neither, or leave an end open, must not each spell a text of their own."""
    windows = [("2022-01-01", "2022-03-31"), ("2022-01-10", "2022-03-05"), ("2022-02-03", "2022-02-20")]
    windows += [("2022-01-05", "2022-02-28"), ("2022-01-01", "2022-02-14"), ("2021-11-15", None), (None, "2022-03-07")]
    keys = ["a|WARNS|b|0", "c|MEETS|d|1"]

    def texts(since, until):
        view = ViewParams(since=since, until=until)
        return (
            vq.expand(["a"], view, [], 80, 40)[0],
            vq.dated_rows_among(["a", "b"], view, 10, 100, "a")[0],
            vq.straddling(keys, view)[0],
            vq.documents_behind(keys, view, 100, ["a|WARNS|b|0"])[0],
        )

    assert len({texts(*w) for w in windows}) == 1


def test_view_params_reject_unknown_types_and_depths():
    with pytest.raises(ValueError):
        vq.view_params(ViewParams(actor_types=("Robot",)))
    with pytest.raises(ValueError):
        vq.shortest_paths("a", "b", ViewParams(), max_hops=99)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("NATO", "(NATO^3 OR NATO* OR NATO~)"),
        ("eu", "(eu^3 OR eu*)"),
        ("a:b", "(a\\:b^3 OR a\\:b* OR a\\:b~)"),
        ("", ""),
    ],
)
def test_lucene_query_is_prefix_and_fuzzy_with_syntax_escaped(text, expected):
    assert q.lucene_query(text) == expected


@pytest.mark.parametrize(
    "cypher,bad",
    [
        ("MATCH (n) RETURN n", []),
        ("MATCH (n) WHERE n.name = 'CREATE' RETURN n", []),
        ("// DELETE everything\nMATCH (n) RETURN n", []),
        ("match (n) detach delete n", ["DELETE", "DETACH"]),
        ("LOAD  CSV FROM 'x' AS r RETURN r", ["LOAD  CSV"]),
    ],
)
def test_write_clauses_are_found_outside_strings_and_comments(cypher, bad):
    assert [b.replace("  ", " ") for b in q.write_clauses(cypher)] == [b.replace("  ", " ") for b in bad]


def test_schema_has_constraints_fulltext_and_the_indexes_views_seek():
    stmts = " ".join(w.schema())
    assert "REQUIRE a.id IS UNIQUE" in stmts and "FULLTEXT INDEX" in stmts and "ON (d.date)" in stmts
    for t in RELATION_TYPES:
        assert f"FOR ()-[r:{t}]-() REQUIRE r.key IS UNIQUE" in stmts and f"[r:{t}]-() ON (r.out_rank)" in stmts
    assert "ON (e.key)" in stmts and "ON (e.doc)" in stmts and "ON (r.a_rank)" in stmts


def test_only_missing_schema_is_created():
    names = {"actor_id", "actor_names", "rel_warns_key"}
    todo = " ".join(w.missing(w.schema(), names))
    assert "actor_id" not in todo and "actor_names" not in todo and "rel_warns_key " not in todo
    assert "rel_warns_out_rank" in todo and "document_id" in todo
