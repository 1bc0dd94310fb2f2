"""Filters on aggregates as Cypher fragments: relation types, negation and minimum evidence, and
date windows over the aggregates' per-month histograms.

A window covers some months whole (counted from the histogram's lists) and may cut one or two
months at its ends: only an aggregate whose occurrences in such a month fall on both sides of
the cut seeks ``Evidence(key, date)``, so counts, first and last dates stay exact to the day while
a dated view reads a dozen list entries per aggregate, not one per day (docs/model.md).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cached_property

from ..model import ACTOR_TYPES, RELATION_TYPES, ViewParams
from .aggregate import IMPLIED, UNKNOWN, Entry
from .queries import Params, actor_label, seek


def all_types(view: ViewParams) -> bool:
    return set(view.relation_types) >= set(RELATION_TYPES)


def type_test(view: ViewParams, var: str) -> str:
    """A label test (read from the node record, no property access); nothing when all types are in."""
    types = [actor_label(t) for t in view.actor_types]
    if set(types) >= set(ACTOR_TYPES):
        return "true"
    return "(" + " OR ".join(f"{var}:{t}" for t in types) + ")" if types else "false"


def in_window(view: ViewParams, d: str) -> str:
    """Date ``d`` inside the view's window (``$w_since``/``$w_until``; an open end is a bound all pass)."""
    return f"{d} >= $w_since AND {d} <= $w_until" if view.since or view.until else "true"


@dataclass(frozen=True)
class Window:
    """A date filter as the per-month histograms read it: the months it covers whole (``full_lo``
    to ``full_hi``, counted from the lists alone) and at most two months it cuts (``parts``:
    ``{name: (month, first day, last day)}``, ``lo`` the earlier), where only the evidence of an
    aggregate whose occurrences that month straddle the cut is read (a range seek on (key, date)).
    Bounds that are no ISO day give one part without a month: every aggregate seeks its evidence."""

    full_lo: str
    full_hi: str
    parts: tuple[tuple[str, str | None, str, str], ...]

    @cached_property
    def cut_days(self) -> dict[str, tuple[int, int]]:
        """``{month: (first day, last day)}`` of the window in each month it cuts."""
        return {month: (int(a[8:10]), int(b[8:10])) for _, month, a, b in self.parts if month}

    @cached_property
    def months(self) -> tuple[str, ...] | None:
        """Every month the window touches, in order (the ones it cuts too), when they are few
        (at most ``FEW_MONTHS``): a histogram is then searched for these instead of read whole."""
        if not (self.full_lo and self.full_hi != "9999-12") or self.full_lo == "~":
            return None
        whole: list[str] = []
        month = self.full_lo
        while month <= self.full_hi and len(whole) <= FEW_MONTHS:
            whole.append(month)
            month = _month_after(month, 1)
        found = sorted({*whole, *self.cut_days})
        return tuple(found) if len(found) <= FEW_MONTHS else None

    def params(self) -> Params:
        """Every part's parameters, a part the window lacks as one that matches no month and no
        day, so that every window of ISO days runs one statement text (``PARTS``)."""
        out: Params = {"w_lo": self.full_lo or NO_MONTH, "w_hi": self.full_hi}
        for name in PARTS:
            out.update({f"{name}_m": NO_MONTH, f"{name}_a": LAST_DAY, f"{name}_b": FIRST_DAY})
            out.update({f"{name}_ad": 0, f"{name}_bd": 99})
        for name, month, a, b in self.parts:
            out.update({f"{name}_m": month, f"{name}_a": a, f"{name}_b": b})
            out.update({f"{name}_ad": int(a[8:10]) if month else 0, f"{name}_bd": int(b[8:10]) if month else 99})
        return out

    @property
    def by_day(self) -> bool:
        """Whether a bound is no ISO day: the evidence is then compared date by date."""
        return bool(self.parts) and self.parts[0][1] is None


#: The parts a window may cut (the month of its start, of its end). The statements name both
#: whatever the window (an absent part's parameters match nothing): Neo4j caches plans by text, and
#: planning a dated view's statements took 1-3 s each, for every shape of window a user brushed.
PARTS = ("lo", "hi")
#: Stand-ins for an absent part or an open end, as long as a real month or day: Neo4j caches a
#: plan by its text and its parameters' types, and a string's length counts in the type.
NO_MONTH, FIRST_DAY, LAST_DAY = "0000-00", "0000-00-00", "9999-99-99"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Up to this many months a window's months are looked up in a histogram's text one by one.
FEW_MONTHS = 6


def _month_after(month: str, step: int) -> str:
    y, m = int(month[:4]), int(month[5:7]) - 1 + step
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def window(since: str | None, until: str | None) -> Window | None:
    """How a filter from ``since`` to ``until`` (either may be None) cuts the months."""
    if not (since or until):
        return None
    if not all(_ISO_DAY.fullmatch(x) for x in (since, until) if x):
        return Window("~", "", (("lo", None, since or "", until or "~"),))
    if since and until and since > until:
        return Window("~", "", ())
    parts = []
    full_lo, full_hi = "", "9999-12"
    if since:
        sm = since[:7]
        full_lo = sm if since.endswith("-01") else _month_after(sm, 1)
        if not since.endswith("-01"):
            parts.append(("lo", sm, since, until if until and until[:7] == sm else f"{sm}-31"))
    if until:
        um = until[:7]
        last_day = calendar.monthrange(int(um[:4]), int(um[5:7]))[1] if 1 <= int(um[5:7]) <= 12 else 31
        if int(until[8:10]) >= last_day:
            full_hi = um
        else:
            full_hi = _month_after(um, -1)
            if not (parts and parts[0][1] == um):
                parts.append(("hi", um, max(since or "", f"{um}-01"), until))
    return Window(full_lo, full_hi, tuple(parts))


def _histogram(r: str = "r") -> str:
    """An aggregate's per-month histogram as one list ``[months, counts, first days, last days]``
    (dated occurrences only); the lists are not stored when all its dated occurrences fall in the
    month of ``first`` and none is undated (or none is dated): then ``first`` and ``last`` say it."""
    implied = f"CASE WHEN {r}.first IS NULL THEN [] ELSE [{{}}] END"
    return (
        f"[coalesce({r}.months, {implied.format(f'left({r}.first, 7)')}), "
        f"coalesce({r}.month_counts, {implied.format(f'{r}.count')}), "
        f"coalesce({r}.month_firsts, {implied.format(f'toInteger(substring({r}.first, 8))')}), "
        f"coalesce({r}.month_lasts, {implied.format(f'toInteger(substring({r}.last, 8))')})]"
    )


def _seek(r: str, part: str, what: str = "count") -> str:
    """The evidence of aggregate ``r`` inside part ``part`` of the window (a range seek on (key,
    date)): its ``count``, or its ``first`` or ``last`` date."""
    match = f"MATCH (e:Evidence) {seek('e', 'Evidence', 'key', 'date')}WHERE e.key = {r}.key AND e.date >= ${part}_a AND e.date <= ${part}_b"
    if what == "count":
        return f"COUNT {{ {match} }}"
    order = "" if what == "first" else " DESC"
    return f"COLLECT {{ {match} RETURN e.date AS d ORDER BY d{order} LIMIT 1 }}[0]"


def _day(h: str, i: str, which: int) -> str:
    return f"{h}[0][{i}] + CASE WHEN {h}[{which}][{i}] < 10 THEN '-0' ELSE '-' END + toString({h}[{which}][{i}])"


def _part_value(h: str, i: str, r: str, part: str, what: str) -> str:
    """Month ``i`` of histogram ``h`` cut by part ``part``: its count, first or last date inside."""
    first, last = f"{h}[2][{i}]", f"{h}[3][{i}]"
    lo, hi = f"${part}_ad", f"${part}_bd"
    none = "0" if what == "count" else "null"
    if what == "count":
        whole = f"{h}[1][{i}]"
        inside = f"{first} >= {lo} AND {last} <= {hi}"
    elif what == "first":
        whole, inside = _day(h, i, 2), f"{first} >= {lo} AND {first} <= {hi}"
    else:
        whole, inside = _day(h, i, 3), f"{last} >= {lo} AND {last} <= {hi}"
    return (
        f"CASE WHEN {inside} THEN {whole} WHEN {last} < {lo} OR {first} > {hi} THEN {none} "
        f"ELSE {_seek(r, part, what)} END"
    )


def _months_of(h: str) -> str:
    return f"range(0, size({h}[0]) - 1)"


def _count_in(win: Window, view: ViewParams, h: str, r: str) -> str:
    """Occurrences of ``r`` (histogram ``h``) inside the window; its undated ones too if the view keeps them."""
    if win.by_day:
        dated = _seek(r, "lo")
    else:
        cases = [f"WHEN {h}[0][i] >= $w_lo AND {h}[0][i] <= $w_hi THEN {h}[1][i]"]
        cases += [f"WHEN {h}[0][i] = ${p}_m THEN {_part_value(h, 'i', r, p, 'count')}" for p in PARTS]
        dated = f"reduce(n = 0, i IN {_months_of(h)} | n + CASE {' '.join(cases)} ELSE 0 END)"
    if not view.include_undated:
        return dated
    return f"({dated} + {r}.count - reduce(n = 0, x IN {h}[1] | n + x))"  # + the undated ones


def count_expr(view: ViewParams, r: str = "r") -> str:
    """An aggregate's occurrences under the view's dates: its ``count``, or what its per-month
    histogram and (for a month the window cuts) its evidence say (exact to the day)."""
    win = window(view.since, view.until)
    if win is None:
        return f"{r}.count"
    return f"head([h IN [{_histogram(r)}] | {_count_in(win, view, 'h', r)}])"


def _first_last(win: Window, h: str, r: str) -> tuple[str, str]:
    """The first and last date of ``r``'s occurrences (histogram ``h``) inside the window."""
    if win.by_day:
        return _seek(r, "lo", "first"), _seek(r, "lo", "last")
    full = f"[i IN {_months_of(h)} WHERE {h}[0][i] >= $w_lo AND {h}[0][i] <= $w_hi"
    parts = {p: f"[i IN {_months_of(h)} WHERE {h}[0][i] = ${p}_m | " for p in PARTS}
    firsts = [f"head({parts['lo']}{_part_value(h, 'i', r, 'lo', 'first')}])"]
    firsts += [f"head({full} | {_day(h, 'i', 2)}])"]
    firsts += [f"head({parts['hi']}{_part_value(h, 'i', r, 'hi', 'first')}])"]
    lasts = [f"head({parts['hi']}{_part_value(h, 'i', r, 'hi', 'last')}])"]
    lasts += [f"last({full} | {_day(h, 'i', 3)}])"]
    lasts += [f"head({parts['lo']}{_part_value(h, 'i', r, 'lo', 'last')}])"]
    return f"coalesce({', '.join(firsts)})", f"coalesce({', '.join(lasts)})"


def edge_test(view: ViewParams, r: str = "r") -> str:
    """Negation and minimum evidence on an aggregate (its count under the view's dates)."""
    parts = [f"{count_expr(view, r)} >= $min_evidence"]
    if not view.include_negated:
        parts.insert(0, f"NOT {r}.negated")
    return " AND ".join(parts)


def cut(win: Window, view: ViewParams, r: str, carry: str = "") -> str:
    """From a matched aggregate ``r`` whose dates straddle an end of the window to ``n`` (its
    occurrences under the view's dates), ``first_date`` and ``last_date``: its histogram read
    once, the months the window covers whole found once (then counted and dated by index)."""
    if win.by_day:
        first, last = _first_last(win, "h", r)
        return (
            f"WITH {carry}{r}, {_histogram(r)} AS h "
            f"RETURN {carry}{_count_in(win, view, 'h', r)} AS n, {first} AS first_date, {last} AS last_date"
        )
    months = _months_of("h")
    found = "".join(f", head([i IN {months} WHERE h[0][i] = ${p}_m]) AS i_{p}" for p in PARTS)
    n = "reduce(n = 0, i IN full | n + h[1][i])" + "".join(
        f" + CASE WHEN i_{p} IS NULL THEN 0 ELSE {_part_value('h', f'i_{p}', r, p, 'count')} END" for p in PARTS
    )
    if view.include_undated:
        n += f" + {r}.count - reduce(n = 0, c IN h[1] | n + c)"

    def part(p: str, what: str) -> str:
        return f"CASE WHEN i_{p} IS NULL THEN null ELSE {_part_value('h', f'i_{p}', r, p, what)} END"

    whole = "CASE WHEN size(full) > 0 THEN {} END"
    firsts = [part("lo", "first"), whole.format(_day("h", "full[0]", 2)), part("hi", "first")]
    lasts = [part("hi", "last"), whole.format(_day("h", "last(full)", 3)), part("lo", "last")]
    return (
        f"WITH {carry}{r}, {_histogram(r)} AS h "
        f"WITH {carry}{r}, h, [i IN {months} WHERE h[0][i] >= $w_lo AND h[0][i] <= $w_hi] AS full{found} "
        f"RETURN {carry}{n} AS n, coalesce({', '.join(firsts)}) AS first_date, coalesce({', '.join(lasts)}) AS last_date"
    )


#: What the evidence of one aggregate holds inside one month the window cuts: occurrences, first and
#: last day (``view_queries.part_evidence``), by month.
Seeks = dict[str, tuple[int, str | None, str | None]]


def histogram_cut(
    win: Window, entry: Entry, include_undated: bool, seeks: Seeks | None = None
) -> tuple[int, str | None, str | None] | None:
    """What ``cut`` computes on the server, from an aggregate's entry in its pair's lists
    (``aggregate.entry``: count, first, last, undated, histogram text): its occurrences under the
    window, and their first and last date. None when the window cuts a month in which the
    aggregate has occurrences on both sides of the cut and ``seeks`` does not say what its
    evidence holds there, when the pair does not list the histogram, or when a bound is no ISO day.

    A view runs this on thousands of entries, so a month outside the window costs a slice and two
    comparisons: only the months that count are split."""
    count, first, last, undated, text = entry
    if text == UNKNOWN or not text or win.by_day:
        return None
    if text == IMPLIED:
        items = [f"{first[:7]}:{count - undated}:{first[8:10]}:{(last or first)[8:10]}"] if first else []
    elif win.months is not None:  # a short window: find its few months rather than split them all
        items = []
        for month in win.months:
            at = text.find(month)
            if at >= 0:
                end = text.find(" ", at)
                items.append(text[at:] if end < 0 else text[at:end])
    else:
        items = text.split(" ")
    lo, hi, cuts = win.full_lo, win.full_hi, win.cut_days
    n, first_in, last_in = 0, None, None
    for item in items:
        month = item[:7]
        if lo <= month <= hi:
            _, c, f, la = item.split(":")
        elif month in cuts:
            _, c, f, la = item.split(":")
            a, b = cuts[month]
            if int(la) < a or int(f) > b:
                continue  # outside the window
            if not (int(f) >= a and int(la) <= b):  # on both sides of the cut: the evidence says
                if seeks is None or month not in seeks:
                    return None
                c_n, c_first, c_last = seeks[month]
                if c_n:
                    n += c_n
                    first_in, last_in = first_in or c_first, c_last
                continue
        else:
            continue
        n += int(c)
        first_in = first_in or f"{month}-{int(f):02d}"
        last_in = f"{month}-{int(la):02d}"
    return (n + (undated if include_undated else 0), first_in, last_in)
