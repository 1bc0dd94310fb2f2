"""What the loader keeps exact at write time, as pure functions over plain values.

Views read aggregates, never occurrences: one relationship per (subject, type, object, negated)
with its ``count``, ``docs``, ``first``/``last`` date and a per-month histogram (``months`` with
each month's count and first and last day: a date filter counts the months it covers whole from
it and seeks the evidence only for a month it cuts), and one ``LINKED`` relationship per pair of
actors with the pair's total and the keys of its aggregates. Rank strings (``out_rank``,
``in_rank``, ``a_rank``, ``b_rank``: the actor's id, then the count inverted and zero-padded) let an
index hand out an actor's strongest edges in order, so a view reads what it shows and no more.

Each actor also keeps its strongest neighbours as lists (``top_ids``/``top_counts`` over all
relation types, ``top_ids_<TYPE>``/``top_counts_<TYPE>`` per type, at most ``NEIGHBOURS`` each,
strongest first, ties by id): a view widening from hundreds of actors reads one property per
actor instead of one index seek per neighbour (``merge_top`` keeps them exact).

The loader computes changes here from the occurrences a batch adds and removes, and the same
functions build the bulk importer's rows, so both paths write identical values.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import RELATION_TYPES

SEP = "|"
_INV = 9_999_999_999  # counts are inverted so that an ascending index order is strongest first
#: Only aggregates and pairs seen this often carry rank strings (and index entries): most edges of
#: a corpus are seen once, are all equally strong, and a view takes them in any order.
RANKED_FROM = 2
#: How many strongest neighbours each actor lists (overall and per relation type).
NEIGHBOURS = 64
#: The lists' names: ``""`` for all relation types, else the type.
TOP_LISTS: tuple[str, ...] = ("", *RELATION_TYPES)


def edge_key(subject: str, type_: str, object_: str, negated: bool) -> str:
    """The aggregate's key: ``state:rus|DEMANDS|org:nato|0``."""
    return f"{subject}{SEP}{type_}{SEP}{object_}{SEP}{int(bool(negated))}"


def parse_edge_key(key: str) -> tuple[str, str, str, bool]:
    s, t, o, n = key.split(SEP)
    return s, t, o, n == "1"


def pair_key(a: str, b: str) -> str:
    """An unordered pair of actors: the smaller id first."""
    return f"{a}{SEP}{b}" if a <= b else f"{b}{SEP}{a}"


def rank(actor: str, count: int, other: str) -> str:
    """``actor|<inverted count>|other``: ascending order is the actor's strongest first."""
    return f"{actor}{SEP}{_INV - max(0, int(count)):010d}{SEP}{other}"


def check_actor_id(actor_id: str) -> None:
    if SEP in actor_id:
        raise ValueError(f"actor id {actor_id!r} contains {SEP!r}, which keys use as separator")


@dataclass
class Delta:
    """The change a batch makes to one aggregate."""

    count: int = 0
    docs: int = 0
    days: Counter[str] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.count or self.docs or any(self.days.values()))


def deltas(
    added: Iterable[tuple[str, str, str | None]], removed: Iterable[tuple[str, str, str | None]]
) -> dict[str, Any]:
    """``{key: Delta}`` from occurrences ``(key, doc, date)`` added and removed; keys whose
    changes cancel out (a document re-loaded unchanged) are left out."""
    out: dict[str, Delta] = defaultdict(Delta)
    for sign, occurrences in ((1, added), (-1, removed)):
        seen = set()
        for key, doc, date in occurrences:
            d = out[key]
            d.count += sign
            if date:
                d.days[date] += sign
            if (key, doc) not in seen:
                seen.add((key, doc))
                d.docs += sign
    return {k: d for k, d in out.items() if d}


#: A month's occurrences and the days of its first and last one: ``{"2022-03": [count, 2, 28]}``.
Months = dict[str, list[int]]


def months_of(days: dict[str, int]) -> Months:
    """A per-month histogram from per-day counts ``{"2022-03-02": n}`` (days with no occurrence left out)."""
    out: Months = {}
    for day in sorted(days):
        n = days[day]
        if n <= 0:
            continue
        d = _day_of(day)
        m = out.get(day[:7])
        if m is None:
            out[day[:7]] = [n, d, d]
        else:
            m[0] += n
            m[2] = d
    return out


def _day_of(day: str) -> int:
    return int(day[8:10])


def day_string(month: str, day: int) -> str:
    return f"{month}-{day:02d}"


def edge_props(key: str, count: int, docs: int, months: Months) -> dict[str, Any]:
    """Every stored property of an aggregate relationship, from its count, documents and per-month
    histogram (``months_of``): ``months`` with their ``month_counts`` and the day of each month's
    first and last occurrence (``month_firsts``, ``month_lasts``), so a date filter counts exactly
    the months it covers whole from the lists and seeks the evidence only for the months it cuts.

    A property that is None is not stored (``SET r += props`` removes it): the histogram when
    it says no more than ``first`` and ``last`` do (every dated occurrence in one month and none
    undated, or none dated), the rank strings below ``RANKED_FROM``. Readers fill them in
    (``date_filters.count_expr``)."""
    s, _, o, negated = parse_edge_key(key)
    names = sorted(m for m, v in months.items() if v[0] > 0)
    rows = [months[m] for m in names]
    implied = not names or (len(names) == 1 and rows[0][0] == count)
    ranked = count >= RANKED_FROM
    return {
        "key": key,
        "negated": negated,
        "count": count,
        "docs": docs,
        "first": day_string(names[0], rows[0][1]) if names else None,
        "last": day_string(names[-1], rows[-1][2]) if names else None,
        "months": None if implied else names,
        "month_counts": None if implied else [r[0] for r in rows],
        "month_firsts": None if implied else [r[1] for r in rows],
        "month_lasts": None if implied else [r[2] for r in rows],
        "out_rank": rank(s, count, o) if ranked else None,
        "in_rank": rank(o, count, s) if ranked else None,
    }


#: The per-month histogram's properties (absent when implied by ``first`` and ``last``).
HISTOGRAM = ("months", "month_counts", "month_firsts", "month_lasts")
#: The stored properties ``apply`` reads back.
STORED = ("count", "docs", "first", "last", "months", "month_counts", "month_firsts", "month_lasts")


def stored_months(current: dict[str, Any] | None) -> Months:
    """The per-month histogram of a stored aggregate (``STORED`` properties), the implied one too."""
    cur = current or {}
    if cur.get("months") is None:
        first: str | None = cur.get("first")
        if not first:
            return {}
        last: str = cur.get("last") or first
        return {first[:7]: [int(cur.get("count") or 0), _day_of(first), _day_of(last)]}
    return {
        m: [int(n), int(f), int(la)]
        for m, n, f, la in zip(cur["months"], cur["month_counts"], cur["month_firsts"], cur["month_lasts"])
    }


def stale_months(current: dict[str, Any] | None, delta: Delta) -> list[str]:
    """The months whose first or last day a removal may move (a removed occurrence on the stored
    first or last day of a month that keeps others): the loader reads them back from the evidence
    (``apply``'s ``bounds``). Only re-loads remove occurrences."""
    months = stored_months(current)
    out = set()
    for day, n in delta.days.items():
        m = months.get(day[:7])
        if n < 0 and m is not None and _day_of(day) in (m[1], m[2]):
            out.add(day[:7])
    return sorted(out)


def apply(
    current: dict[str, Any] | None,
    delta: Delta,
    key: str,
    bounds: dict[str, tuple[str, str]] | None = None,
) -> dict[str, Any] | None:
    """The aggregate's new properties after ``delta`` (None: no occurrence is left, delete it).
    ``current`` holds the ``STORED`` properties, or is None if new; ``bounds`` the first and
    last day of each of its ``stale_months`` as the evidence has them after this batch."""
    months = stored_months(current)
    for day, n in sorted(delta.days.items()):
        if not n:
            continue
        name, d = day[:7], _day_of(day)
        m = months.get(name)
        if m is None:
            months[name] = [n, d, d]
        else:
            m[0] += n
            if n > 0:
                m[1], m[2] = min(m[1], d), max(m[2], d)
    for name, (lo, hi) in (bounds or {}).items():
        if name in months:
            months[name][1:] = [_day_of(lo), _day_of(hi)]
    cur = current or {}
    count = int(cur.get("count") or 0) + delta.count
    docs = int(cur.get("docs") or 0) + delta.docs
    if count <= 0:
        return None
    return edge_props(key, count, max(docs, 0), {k: v for k, v in months.items() if v[0] > 0})


#: What a LINKED pair lists of each of its aggregates: count, first and last date, undated
#: occurrences, and its per-month histogram as text (``hist_text``).
Entry = tuple[int, str | None, str | None, int, str]

#: A pair entry's histogram when the aggregate stores none (``first`` and ``last`` say it all).
IMPLIED = "-"
#: A pair entry's histogram when the pair does not list it (a pair written before pairs listed
#: histograms): a dated view reads the aggregate instead.
UNKNOWN = "?"


def hist_text(props: dict[str, Any]) -> str:
    """An aggregate's per-month histogram as one string, ``"2022-03:5:1:28 2022-04:2:3:9"`` (month,
    occurrences, first and last day), for its pair's list: a dated view then counts an aggregate
    that straddles its window from the pair alone, without reading it. ``IMPLIED`` when the
    aggregate stores no histogram."""
    if not props.get("months"):
        return IMPLIED
    rows = zip(props["months"], props["month_counts"], props["month_firsts"], props["month_lasts"])
    return " ".join(f"{m}:{n}:{f}:{la}" for m, n, f, la in rows)


def entry(props: dict[str, Any]) -> Entry:
    """A LINKED pair's entry for the aggregate with properties ``props`` (as ``edge_props`` makes them)."""
    dated = sum(props["month_counts"]) if props.get("month_counts") else (props["count"] if props.get("first") else 0)
    return (props["count"], props.get("first"), props.get("last"), props["count"] - dated, hist_text(props))


def linked_props(pair: str, edges: dict[str, Entry]) -> dict[str, Any]:
    """A LINKED pair's properties from its aggregates ``{key: Entry}``: their keys, counts, dates,
    undated occurrences and histograms in parallel lists (so a view without a date filter needs
    nothing else, and one with a date filter reads only the aggregates whose histogram cannot say
    how many of their occurrences fall on its side of a day it cuts), the total, and the rank
    strings from ``RANKED_FROM``."""
    keys = sorted(edges)
    type_counts = [0] * len(RELATION_TYPES)
    for k in keys:
        type_counts[_TYPE_INDEX[k.split(SEP, 2)[1]]] += edges[k][0]
    return {
        **pair_counts(pair, type_counts),
        "keys": keys,
        "counts": [edges[k][0] for k in keys],
        "firsts": [edges[k][1] or "" for k in keys],  # a list cannot hold null: "" is no date
        "lasts": [edges[k][2] or "" for k in keys],
        "undated": [edges[k][3] for k in keys],
        "hists": [edges[k][4] for k in keys],
    }


_TYPE_INDEX: dict[str, int] = {t: i for i, t in enumerate(RELATION_TYPES)}


def pair_counts(pair: str, type_counts: list[int]) -> dict[str, Any]:
    """A LINKED pair's totals: ``count``, ``type_counts`` (per relation type, ``RELATION_TYPES``
    order: what its ends' per-type neighbour lists count, read without its lists) and the rank
    strings from ``RANKED_FROM``."""
    a, b = pair.split(SEP)
    count = sum(type_counts)
    ranked_ = count >= RANKED_FROM
    return {
        "key": pair,
        "count": count,
        "type_counts": type_counts,
        "a_rank": rank(a, count, b) if ranked_ else None,
        "b_rank": rank(b, count, a) if ranked_ else None,
    }


def totals_of(type_counts: list[int] | None) -> dict[str, int]:
    """A pair's occurrences per neighbour list (``pair_totals``) from its ``type_counts``."""
    out: dict[str, int] = {t: n for t, n in zip(RELATION_TYPES, type_counts or []) if n}
    if out:
        out[""] = sum(out.values())
    return out


def list_changes(before: list[int], after: list[int]) -> list[tuple[str, int, int]]:
    """The neighbour lists a pair's change of ``type_counts`` moves, ``[(list name, old count,
    new count)]``: the per-type lists whose count changed, and the all-types list ``""`` when the
    total did (what ``totals_of`` before and after would differ in, without building either)."""
    out: list[tuple[str, int, int]] = [
        (RELATION_TYPES[i], x, y) for i, (x, y) in enumerate(zip(before, after)) if x != y
    ]
    if out:
        total_before, total_after = sum(before), sum(after)
        if total_before != total_after:
            out.append(("", total_before, total_after))
    return out


def linked_entries(props: dict[str, Any] | None) -> dict[str, Entry]:
    """``{key: Entry}`` back from stored LINKED lists."""
    if not props or not props.get("keys"):
        return {}
    keys = props["keys"]
    blank, zero = [""] * len(keys), [0] * len(keys)  # an import may give back a list of "" (or of 0s) as no list
    firsts, lasts = props.get("firsts") or blank, props.get("lasts") or blank
    undated = props.get("undated") or zero
    hists = props.get("hists") or [UNKNOWN] * len(keys)
    return {
        k: (c, f or None, la or None, u, h)
        for k, c, f, la, u, h in zip(keys, props["counts"], firsts, lasts, undated, hists)
    }


def pair_of(key: str) -> str:
    s, _, o, _ = parse_edge_key(key)
    return pair_key(s, o)


def weight_deltas(changes: dict[str, int]) -> dict[str, list[int]]:
    """Per actor, the change of its occurrence count per relation type (``RELATION_TYPES``
    order), from ``{edge key: count change}``; both ends of an edge count it."""
    index: dict[str, int] = {t: i for i, t in enumerate(RELATION_TYPES)}
    out: dict[str, list[int]] = defaultdict(lambda: [0] * len(RELATION_TYPES))
    for key, dc in changes.items():
        if not dc:
            continue
        s, t, o, _ = parse_edge_key(key)
        out[s][index[t]] += dc
        if o != s:
            out[o][index[t]] += dc
    return dict(out)


def recompute(occurrences: Iterable[tuple[str, str, str | None]]) -> dict[str, dict[str, Any]]:
    """Every aggregate from scratch, ``{key: props}``, from all occurrences ``(key, doc, date)``:
    what the loader's incremental updates must always equal (tests and the bulk path use it)."""
    return {k: edge_props(k, d.count, d.docs, months_of(d.days)) for k, d in deltas(occurrences, ()).items()}


def linked_from(edges: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every LINKED pair from the aggregates ``{key: props}``."""
    pairs: dict[str, dict[str, Any]] = defaultdict(dict[str, Any])
    for k, p in edges.items():
        pairs[pair_of(k)][k] = entry(p)
    return {pair: linked_props(pair, entries) for pair, entries in pairs.items()}


# --- each actor's strongest neighbours -------------------------------------------------------


def top_props(name: str) -> tuple[str, str]:
    """The properties holding list ``name`` (``""``: all types): its ids and its counts."""
    suffix = f"_{name}" if name else ""
    return f"top_ids{suffix}", f"top_counts{suffix}"


def pair_totals(entries: dict[str, Entry]) -> dict[str, int]:
    """A pair's occurrences per list (``""``: all types, else per type, both directions and
    negations together) from its aggregates ``{key: Entry}``."""
    out: dict[str, int] = {"": 0}
    for key, entry_ in entries.items():
        count = entry_[0]
        out[""] += count
        t = key.split(SEP, 2)[1]
        out[t] = out.get(t, 0) + count
    return out if out[""] else {}


def ranked(counts: dict[str, int], k: int = NEIGHBOURS) -> tuple[list[str], list[int]]:
    """The ``k`` strongest of ``{other: count}``, strongest first, ties by id (a pure function
    of the counts, so every load order gives the same lists)."""
    best = sorted(((c, o) for o, c in counts.items() if c > 0), key=lambda x: (-x[0], x[1]))[:k]
    return [o for _, o in best], [c for c, _ in best]


def merge_top(
    ids: list[str], counts: list[int], changes: dict[str, tuple[int, int]], k: int = NEIGHBOURS
) -> tuple[list[str], list[int]] | None:
    """A stored list after its pairs ``{other: (old count, new count)}`` changed, or None when it
    cannot be known from the list alone and must be recounted from the actor's pairs.

    A list shorter than ``k`` holds every neighbour; a full one holds the ``k`` strongest, and
    every neighbour outside it is no stronger than its last. Counts that grow (or new pairs) keep
    that true after a merge; a listed neighbour that weakens in a full list may fall below one
    the list does not know, so that case is recounted (only re-loads remove occurrences)."""
    if len(ids) >= k:
        listed = set(ids)
        if any(new < old and other in listed for other, (old, new) in changes.items()):
            return None
        cut = (-counts[k - 1], ids[k - 1])
        if all(other not in listed and (-new, other) > cut for other, (_, new) in changes.items()):
            return ids, counts  # none of the changed pairs enters a full list: a hub's usual case
    # the stored list is in ``ranked`` order already: keep it, insert the changed pairs in place
    entries = [(-c, o) for o, c in zip(ids, counts) if o not in changes]
    for other, (_, new) in changes.items():
        if new > 0:
            bisect.insort(entries, (-new, other))
    del entries[k:]
    return [o for _, o in entries], [-c for c, _ in entries]


def tops_from(pairs: dict[str, dict[str, int]]) -> dict[str, dict[str, tuple[list[str], list[int]]]]:
    """Every actor's lists ``{actor: {list name: (ids, counts)}}`` from all pairs
    ``{pair key: pair_totals}`` (the bulk path, the recount and the tests)."""
    per: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict[str, Any]))
    for pair, totals in pairs.items():
        a, b = pair.split(SEP)
        for name, count in totals.items():
            per[a][name][b] = count
            per[b][name][a] = count
    return {actor: {name: ranked(c) for name, c in lists.items()} for actor, lists in per.items()}


def top_values(lists: dict[str, tuple[list[str], list[int]]]) -> dict[str, list[str] | list[int] | None]:
    """An actor's list properties to store (None removes an empty list: every list is written)."""
    out: dict[str, list[str] | list[int] | None] = {}
    for name in TOP_LISTS:
        ids, counts = lists.get(name, ([], []))
        id_prop, count_prop = top_props(name)
        out[id_prop], out[count_prop] = (ids or None), (counts or None)
    return out
