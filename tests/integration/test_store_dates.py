"""Date filters count exactly on per-month histograms: windows that cover months whole, cut one or
two months, or lie inside one, against a recount of the occurrences; and a re-load that moves a
month's first or last day keeps the histogram exact."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support import assert_aggregates_exact
from support import extraction as ex
from support import relation as R

from graph.model import ActorRef, ViewParams
from graph.store import Store

pytestmark = pytest.mark.neo4j

HUB = ActorRef("org:hub", "Hub", "Organisation")
OTHERS = [ActorRef(f"state:s{i}", f"State {i}", "State") for i in range(4)]
#: (other actor, type, date) of every occurrence; dates spread over months, days and years
OCCURRENCES = [
    (0, "WARNS", "2021-12-30"),
    (0, "WARNS", "2022-01-05"),
    (0, "WARNS", "2022-01-20"),
    (0, "WARNS", "2022-02-10"),
    (0, "WARNS", "2022-03-03"),
    (0, "WARNS", None),
    (1, "MEETS", "2022-01-14"),
    (1, "MEETS", "2022-01-14"),
    (1, "MEETS", "2022-01-15"),
    (2, "DEMANDS", "2022-02-28"),
    (2, "DEMANDS", "2022-03-01"),
    (2, "DEMANDS", "2022-03-31"),
    (2, "DEMANDS", "2022-04-01"),
    (3, "SUPPORTS", None),
    (3, "SUPPORTS", "2022-01-31"),
]
WINDOWS = [
    ("2022-01-01", "2022-01-31"),  # one month whole
    ("2022-01-10", "2022-01-31"),  # cuts January at its start
    ("2022-01-01", "2022-01-14"),  # cuts January at its end
    ("2022-01-15", "2022-01-15"),  # one day inside a month
    ("2021-12-31", "2022-03-02"),  # cuts two months, two whole between
    ("2022-02-28", "2022-03-01"),  # the ends of two months
    ("2022-03-01", None),
    (None, "2022-01-14"),
    ("2022-02-01", "2022-02-28"),  # February whole
    ("2022-05-01", "2022-06-30"),  # nothing inside
    ("2022-03-02", "2022-01-01"),  # since after until: nothing
    ("2022-01", "2022-02"),  # no ISO days: compared as text, like every date in the store
]


def _docs(occurrences):
    out = []
    for n, (other, t, date) in enumerate(occurrences):
        out.append(ex(f"d{n:02d}", date, [R(f"d{n:02d}", HUB, t, OTHERS[other], n, date)]))
    return out


def _expected(since, until, undated, occurrences=OCCURRENCES):
    want: dict[tuple, list] = {}
    for other, t, date in occurrences:
        inside = date is not None and (since is None or date >= since) and (until is None or date <= until)
        if inside or (date is None and undated):
            e = want.setdefault((OTHERS[other].id, t), [0, [], []])
            e[0] += 1
            if inside:
                e[1].append(date)
    return {k: (n, min(ds) if ds else None, max(ds) if ds else None) for k, (n, ds, _) in want.items()}


@pytest.fixture(scope="module")
def store(neo4j_driver, neo4j_settings):
    from support import wipe

    wipe(neo4j_driver, neo4j_settings.database)
    s = Store(neo4j_driver, neo4j_settings.database)
    s.load(_docs(OCCURRENCES))
    yield s
    wipe(neo4j_driver, neo4j_settings.database)


@pytest.mark.parametrize("since,until", WINDOWS)
@pytest.mark.parametrize("undated", [True, False])
def test_a_date_filter_counts_and_dates_each_edge_exactly(store, since, until, undated):
    view = ViewParams(focus=HUB.id, depth=1, since=since, until=until, include_undated=undated)
    got = {(e.target, e.type): (e.count, e.first_date, e.last_date) for e in store.neighbourhood(view).edges}
    assert got == _expected(since, until, undated)
    typed = store.neighbourhood(replace(view, relation_types=("WARNS", "DEMANDS")))
    want = {k: v for k, v in _expected(since, until, undated).items() if k[1] in ("WARNS", "DEMANDS")}
    assert {(e.target, e.type): (e.count, e.first_date, e.last_date) for e in typed.edges} == want


def test_a_reload_that_moves_a_months_first_and_last_day_keeps_the_histogram_exact(clean_db, neo4j_settings):
    s = Store(clean_db, neo4j_settings.database)
    docs = _docs(OCCURRENCES)
    s.load(docs)
    # d01 held January's first WARNS (01-05), d12 April's only DEMANDS, d03 February's only WARNS:
    # re-loaded without their relations, January starts on the 20th and two months empty
    s.load([ex(d.document.id, d.document.date, []) for d in (docs[1], docs[12], docs[3])])
    assert assert_aggregates_exact(s) == 4
    # and back: the first days return
    s.load([docs[1], docs[12], docs[3]])
    assert assert_aggregates_exact(s) == 4
    jan = s.neighbourhood(ViewParams(focus=HUB.id, depth=1, since="2022-01-01", until="2022-01-31"))
    assert {(e.target, e.type): (e.count, e.first_date) for e in jan.edges}[(OTHERS[0].id, "WARNS")] == (
        3,
        "2022-01-05",
    )


def test_pairs_without_histograms_from_an_older_load_still_count_each_edge_exactly(clean_db, neo4j_settings):
    """A graph loaded before pairs listed their aggregates' histograms: a dated view reads the
    aggregates instead, and a later load that changes some of the pair's entries keeps the
    others unknown rather than guessing them."""
    s = Store(clean_db, neo4j_settings.database)
    occurrences = [*OCCURRENCES, (0, "CRITICIZES", "2022-01-25")]
    docs = _docs(occurrences)
    s.load(docs[:-1])
    s.write_query("MATCH ()-[l:LINKED]->() REMOVE l.hists")
    s.load(docs[-1:])  # a new aggregate in the pair of WARNS, whose entry stays unknown
    for since, until in WINDOWS:
        for undated in (True, False):
            view = ViewParams(focus=HUB.id, depth=1, since=since, until=until, include_undated=undated)
            got = {(e.target, e.type): (e.count, e.first_date, e.last_date) for e in s.neighbourhood(view).edges}
            assert got == _expected(since, until, undated, occurrences), (since, until, undated)
