"""The arithmetic that keeps aggregates exact, checked without a server."""

from __future__ import annotations

from graph.model import RELATION_TYPES
from graph.store import aggregate as agg

K = agg.edge_key("state:rus", "DEMANDS", "org:nato", False)


def test_keys_and_ranks_order_the_strongest_first():
    assert K == "state:rus|DEMANDS|org:nato|0" and agg.parse_edge_key(K) == ("state:rus", "DEMANDS", "org:nato", False)
    assert agg.pair_key("state:rus", "org:nato") == agg.pair_key("org:nato", "state:rus") == "org:nato|state:rus"
    ranks = sorted(agg.rank("a", c, "b") for c in (1, 70, 3))
    assert [r.split("|")[1] for r in ranks] == ["9999999929", "9999999996", "9999999998"]


def test_deltas_count_occurrences_documents_and_days_and_drop_what_cancels():
    added = [(K, "d1", "2022-01-01"), (K, "d1", "2022-01-01"), (K, "d2", None)]
    d = agg.deltas(added, [])[K]
    assert (d.count, d.docs, dict(d.days)) == (3, 2, {"2022-01-01": 2})
    assert agg.deltas(added, added) == {}  # a document re-loaded unchanged changes nothing


def test_apply_then_give_back_returns_to_the_start():
    start = agg.apply(None, agg.deltas([(K, "d1", "2022-01-01"), (K, "d2", "2022-02-03")], [])[K], K)
    assert (start["count"], start["docs"], start["first"], start["last"]) == (2, 2, "2022-01-01", "2022-02-03")
    assert start["months"] == ["2022-01", "2022-02"] and start["month_counts"] == [1, 1]
    assert (start["month_firsts"], start["month_lasts"]) == ([1, 3], [1, 3])
    grown = agg.apply(start, agg.deltas([(K, "d3", "2022-02-07")], [])[K], K)
    assert grown["month_counts"] == [1, 2] and grown["month_lasts"] == [1, 7] and grown["last"] == "2022-02-07"
    assert grown["out_rank"] == "state:rus|9999999996|org:nato"
    removal = agg.deltas([], [(K, "d3", "2022-02-07")])[K]
    assert agg.stale_months(grown, removal) == ["2022-02"]  # February's last day may move: the evidence says where
    back = agg.apply(grown, removal, K, {"2022-02": ("2022-02-03", "2022-02-03")})
    assert back == start
    assert agg.apply(back, agg.deltas([], [(K, "d1", "2022-01-01"), (K, "d2", "2022-02-03")])[K], K) is None


def test_a_removal_inside_a_month_moves_no_bound():
    three = agg.apply(
        None, agg.deltas([(K, "d1", "2022-01-01"), (K, "d2", "2022-01-05"), (K, "d3", "2022-01-09")], [])[K], K
    )
    removal = agg.deltas([], [(K, "d2", "2022-01-05")])[K]
    assert agg.stale_months(three, removal) == []
    assert agg.apply(three, removal, K) == agg.recompute([(K, "d1", "2022-01-01"), (K, "d3", "2022-01-09")])[K]


def test_a_histogram_that_says_nothing_more_than_first_and_last_is_not_stored_and_still_counts():
    one_month = agg.apply(None, agg.deltas([(K, "d1", "2022-01-01"), (K, "d1", "2022-01-20")], [])[K], K)
    assert one_month["months"] is None and (one_month["first"], one_month["last"]) == ("2022-01-01", "2022-01-20")
    assert agg.stored_months(one_month) == {"2022-01": [2, 1, 20]}
    more = agg.apply(one_month, agg.deltas([(K, "d2", "2022-03-09")], [])[K], K)
    assert more["months"] == ["2022-01", "2022-03"] and more["month_counts"] == [2, 1]
    undated = agg.apply(one_month, agg.deltas([(K, "d2", None)], [])[K], K)
    assert undated["months"] == ["2022-01"] and undated["count"] == 3  # one undated: the list says how many are dated
    single = agg.apply(None, agg.deltas([(K, "d1", None)], [])[K], K)
    assert single["out_rank"] is None and single["first"] is None and single["months"] is None


def test_recompute_and_linked_pairs_and_weights_agree():
    occ = [
        (K, "d1", "2022-01-01"),
        (agg.edge_key("org:nato", "WARNS", "state:rus", True), "d1", "2022-01-02"),
        (agg.edge_key("state:rus", "MEETS", "state:ukr", False), "d2", None),
    ]
    edges = agg.recompute(occ)
    linked = agg.linked_from(edges)
    assert linked["org:nato|state:rus"]["count"] == 2 and len(linked["org:nato|state:rus"]["keys"]) == 2
    w = agg.weight_deltas({k: p["count"] for k, p in edges.items()})
    assert sum(w["state:rus"]) == 3 and w["state:ukr"][RELATION_TYPES.index("MEETS")] == 1


def test_neighbour_lists_merge_growth_and_ask_for_a_recount_when_a_full_list_weakens():
    ids, counts = agg.ranked({"b": 3, "a": 3, "c": 1}, k=2)
    assert (ids, counts) == (["a", "b"], [3, 3])  # strongest first, ties by id, at most k
    assert agg.merge_top(ids, counts, {"c": (1, 5)}, k=2) == (["c", "a"], [5, 3])  # an unlisted one grows in
    assert agg.merge_top(ids, counts, {"a": (3, 2)}, k=2) is None  # a listed one weakens: the third is unknown
    assert agg.merge_top(["a"], [3], {"a": (3, 0)}, k=2) == ([], [])  # a short list holds everyone
    lists = agg.tops_from({agg.pair_key("x", "y"): {"": 3, "WARNS": 2, "MEETS": 1}})
    assert lists["y"]["WARNS"] == (["x"], [2]) and lists["x"][""] == (["y"], [3])
    values = agg.top_values(lists["x"])
    assert values["top_ids"] == ["y"] and values["top_counts_MEETS"] == [1] and values["top_ids_DEMANDS"] is None


def test_a_pair_lists_each_aggregate_with_its_undated_occurrences_and_its_histogram():
    occ = [(K, "d1", "2022-01-01"), (K, "d2", None), (K, "d3", "2022-01-05")]
    edges = agg.recompute(occ)
    assert agg.entry(edges[K]) == (3, "2022-01-01", "2022-01-05", 1, "2022-01:2:1:5")
    pair = agg.linked_from(edges)["org:nato|state:rus"]
    assert agg.linked_entries(pair) == {K: (3, "2022-01-01", "2022-01-05", 1, "2022-01:2:1:5")}


def test_an_aggregate_in_one_month_lists_its_histogram_as_implied_by_its_dates():
    edges = agg.recompute([(K, "d1", "2022-01-03"), (K, "d2", "2022-01-09")])
    assert agg.entry(edges[K]) == (2, "2022-01-03", "2022-01-09", 0, agg.IMPLIED)


def test_a_pair_change_moves_exactly_the_lists_whose_count_for_it_changed():
    """What the loader merges into both actors' neighbour lists: every list whose count changed
    (per type and all types), none whose count stayed (a swap between types keeps the total)."""
    import random

    rng = random.Random(7)
    n = len(RELATION_TYPES)
    for _ in range(500):
        before = [rng.choice([0, 0, 1, 3]) for _ in range(n)]
        after = [max(0, x + rng.choice([-1, 0, 0, 1])) for x in before]
        if rng.random() < 0.2:  # one occurrence moved from one type to another
            i, j = rng.sample(range(n), 2)
            after = list(before)
            if after[i]:
                after[i] -= 1
                after[j] += 1
        old, new = agg.totals_of(before), agg.totals_of(after)
        expected = {name: (old.get(name, 0), new.get(name, 0)) for name in set(old) | set(new)}
        expected = {name: v for name, v in expected.items() if v[0] != v[1]}
        assert {name: (o, nw) for name, o, nw in agg.list_changes(before, after)} == expected
