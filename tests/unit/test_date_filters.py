"""A dated view counts an aggregate that straddles its window from the histogram its pair lists,
exactly as a recount of the occurrences would, and asks for the evidence only when the window cuts
a month on both sides of the aggregate's occurrences."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from graph.store import aggregate as agg
from graph.store.date_filters import histogram_cut, window

KEY = "state:a|WARNS|state:b|0"


def _listed(days: list[str | None]) -> agg.Entry:
    """The entry a pair lists for an aggregate with these occurrence days (count, first, last,
    undated, histogram text), as a view reads it."""
    dated = Counter(d for d in days if d)
    return agg.entry(agg.edge_props(KEY, len(days), len(days), agg.months_of(dated)))


def _recount(days, since, until, include_undated):
    inside = sorted(d for d in days if d and (since is None or d >= since) and (until is None or d <= until))
    undated = sum(1 for d in days if d is None) if include_undated else 0
    return (len(inside) + undated, inside[0] if inside else None, inside[-1] if inside else None)


def _random_days(rng: random.Random) -> list[str | None]:
    days: list[str | None] = []
    for _ in range(rng.randint(1, 9)):
        month = rng.choice(["2021-12", "2022-01", "2022-02", "2022-03"])
        days.append(f"{month}-{rng.randint(1, 28):02d}")
    return days + [None] * rng.choice([0, 0, 1, 2])


def _random_day(rng: random.Random) -> str | None:
    return rng.choice([None, f"{rng.choice(['2021-12', '2022-01', '2022-02', '2022-03'])}-{rng.randint(1, 31):02d}"])


def _random_cases(seed: int, n: int = 3000):
    """``(days, since, until, window)``: an aggregate's occurrence days and a window with at least one end."""
    rng = random.Random(seed)
    for _ in range(n):
        days = _random_days(rng)
        since, until = _random_day(rng), _random_day(rng)
        if since or until:
            win = window(since, until)
            assert win is not None
            yield days, since, until, win


def test_a_histogram_that_can_say_gives_what_a_recount_of_the_occurrences_gives():
    answered = 0
    for days, since, until, win in _random_cases(3):
        listed = _listed(days)
        for include_undated in (True, False):
            got = histogram_cut(win, listed, include_undated)
            if got is not None:
                answered += 1
                assert got == _recount(days, since, until, include_undated), (days, since, until)
    assert answered > 3000  # most windows cut no month on both sides of an aggregate's days


@pytest.mark.parametrize("since,until", [("2022-01-01", "2022-02-28"), ("2021-12-01", None), (None, "2022-01-31")])
def test_a_window_of_whole_months_is_always_counted_from_the_histogram(since, until):
    rng = random.Random(5)
    win = window(since, until)
    assert win is not None
    for _ in range(500):
        days = _random_days(rng)
        assert histogram_cut(win, _listed(days), True) == _recount(days, since, until, True)


def test_a_window_that_cuts_a_month_between_two_occurrences_asks_for_the_evidence():
    win = window("2022-01-10", "2022-02-28")
    assert win is not None
    assert histogram_cut(win, _listed(["2022-01-05", "2022-01-20", "2022-02-03"]), False) is None
    # the same window on days both after the cut: counted
    assert histogram_cut(win, _listed(["2022-01-12", "2022-01-20", "2022-02-03"]), False) == (
        3,
        "2022-01-12",
        "2022-02-03",
    )


def test_an_aggregate_in_one_month_is_counted_from_its_dates_alone():
    listed = _listed(["2022-01-03", "2022-01-09"])
    assert listed[4] == agg.IMPLIED
    win = window("2022-01-01", "2022-01-31")
    assert win is not None
    assert histogram_cut(win, listed, False) == (2, "2022-01-03", "2022-01-09")


def test_a_pair_that_does_not_list_the_histogram_asks_for_the_evidence():
    count, first, last, undated, _ = _listed(["2022-01-05", "2022-02-01"])
    win = window("2022-01-01", "2022-01-31")
    assert win is not None
    assert histogram_cut(win, (count, first, last, undated, agg.UNKNOWN), False) is None


def test_bounds_that_are_no_iso_days_always_ask_for_the_evidence():
    win = window("2022-01", "2022-02")
    assert win is not None
    assert histogram_cut(win, _listed(["2022-01-05"]), False) is None


def test_what_the_evidence_holds_in_the_months_cut_completes_any_histogram_exactly():
    """Where the histogram cannot say, the view seeks each month the window cuts in the evidence
    (``part_evidence``); with those answers every window counts as a recount does."""
    completed = 0
    for days, since, until, win in _random_cases(11):
        seeks = {}
        for _, month, a, b in win.parts:
            inside = sorted(d for d in days if d and a <= d <= b)
            seeks[month] = (len(inside), inside[0] if inside else None, inside[-1] if inside else None)
        for include_undated in (True, False):
            if histogram_cut(win, _listed(days), include_undated) is None:
                completed += 1
            got = histogram_cut(win, _listed(days), include_undated, seeks)
            assert got == _recount(days, since, until, include_undated), (days, since, until)
    assert completed > 100  # the case the seeks are for did come up
