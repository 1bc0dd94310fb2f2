"""The Cypher of bounded views, as pure builders returning (text, parameters) like ``graph.store.queries``.

Views read aggregates only (see ``graph.store.aggregate`` and docs/model.md): a wide frontier
widens by reading its actors' neighbour lists (one property read per actor), a lone focus by
ordered index seeks on rank strings with a LIMIT, and the edges among the chosen actors come from
their lists and one LINKED seek per pair; so a view reads what it shows, not every relationship
of the hubs it passes. Labels and relationship types in the text come only from the closed
vocabularies in ``graph.model``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import RELATION_TYPES, ViewParams
from .aggregate import UNKNOWN, pair_key, top_props
from .date_filters import FIRST_DAY, LAST_DAY, all_types, count_expr, cut, edge_test, in_window, type_test, window
from .queries import LINKED, NO_KEY, Params, Q, actor_label, hop_bound, one_size_class, rel_pattern, relation_type, seek

# every lookup by key or id is an index seek whatever the statistics say (``queries.seek``)
ACTOR_SEEK = seek("a", "Actor", "id")
PAIR_SEEK = seek("l", LINKED, "key")
KEY_SEEK = seek("e", "Evidence", "key")
KEY_DATE_SEEK = seek("e", "Evidence", "key", "date")


def view_params(view: ViewParams) -> Params:
    win = window(view.since, view.until)
    return {
        **(win.params() if win else {}),
        "types": [relation_type(t) for t in view.relation_types],  # also checked in patterns
        "actor_types": [actor_label(t) for t in view.actor_types],
        "since": view.since,
        "until": view.until,
        # the window's ends with an open end as a bound nothing passes: one text for every window
        "w_since": view.since or FIRST_DAY,
        "w_until": view.until or LAST_DAY,
        "negated": bool(view.include_negated),
        "undated": bool(view.include_undated),
        "min_evidence": max(1, int(view.min_evidence)),
    }


def _ranked_then_rest(ranked: list[str], rest: str, var: str, per: str = "$per") -> str:
    """The ``per`` strongest by the ordered rank-index seeks in ``ranked`` (each with its own
    LIMIT), then, only when they found fewer than ``per`` (all the actor's ranked ones, so the
    scan below meets fewer than ``per`` of them), up to ``per`` unranked ones (seen once: all
    equally strong) from ``rest``, a pattern from the actor ``a``: the body of a subquery
    answering ``var`` and ``b``."""
    return (
        f"CALL (p) {{ {' UNION ALL '.join(ranked)} }} WITH collect({{x: {var}, b: b}}) AS top "
        f"CALL (a, top) {{ WITH a, top WHERE size(top) < {per} {rest} WITH {var}, b LIMIT {per} "
        f"RETURN collect({{x: {var}, b: b}}) AS more }} UNWIND top + more AS found RETURN found.x AS {var}, found.b AS b"
    )


def strongest(types: Iterable[str], per: str = "$per") -> str:
    """A subquery answering, for the actor ``a`` (``p`` its id plus ``|``), its strongest
    aggregates of each type (``r``) and the other end (``b``): ordered index seeks on the rank
    strings with a LIMIT, so a hub costs what a leaf costs."""
    parts = []
    for t in types:
        t = relation_type(t)
        ranked = [
            f"MATCH ()-[r:{t}]->(b) WHERE r.out_rank STARTS WITH p RETURN r, b ORDER BY r.out_rank LIMIT {per}",
            f"MATCH (b)-[r:{t}]->() WHERE r.in_rank STARTS WITH p RETURN r, b ORDER BY r.in_rank LIMIT {per}",
        ]
        parts.append(_ranked_then_rest(ranked, f"MATCH (a)-[r:{t}]-(b) WHERE r.out_rank IS NULL", "r", per))
    return "CALL (a, p) { " + " UNION ALL ".join(parts) + " }"


def _closest(per: str = "$per") -> str:
    """A subquery answering the strongest LINKED pairs of the actor ``a`` (``l``) and the other end (``b``)."""
    ranked = [
        f"MATCH ()-[l:{LINKED}]->(b) WHERE l.a_rank STARTS WITH p RETURN l, b ORDER BY l.a_rank LIMIT {per}",
        f"MATCH (b)-[l:{LINKED}]->() WHERE l.b_rank STARTS WITH p RETURN l, b ORDER BY l.b_rank LIMIT {per}",
    ]
    rest = f"MATCH (a)-[l:{LINKED}]-(b) WHERE l.a_rank IS NULL"
    return "CALL (a, p) { " + _ranked_then_rest(ranked, rest, "l", per) + " }"


def _needs_aggregates(view: ViewParams) -> bool:
    """Whether the view's filters look inside the aggregates (a pair's total is not enough)."""
    return bool(view.since or view.until or not view.include_negated or view.min_evidence > 1)


#: Binds each actor ``a`` of ``$ids`` and ``p``, its id plus ``|`` (the prefix of its rank strings).
_EACH = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) {ACTOR_SEEK}WITH a, id + '|' AS p "


# --- views ---------------------------------------------------------------------------------


def expand(frontier: list[str], view: ViewParams, have: list[str], per: int, limit: int) -> Q:
    """The strongest new neighbours of a set of actors under the view's filters: each frontier
    actor offers its ``per`` strongest pairs (all types) or aggregates (per chosen type and
    direction), and the others are ranked by their summed counts with the frontier. One record:
    the best ``limit`` ids and how many candidates the budgets found in all."""
    params = {**view_params(view), "ids": frontier, "have": have, "per": int(per), "limit": int(limit)}
    tail = (
        f"WITH b, sum(c) AS weight WHERE NOT b.id IN $have AND {type_test(view, 'b')} "
        "WITH b.id AS id, weight ORDER BY weight DESC, id "
        "WITH collect(id) AS found RETURN found[..$limit] AS ids, size(found) AS total"
    )
    if all_types(view):
        if not _needs_aggregates(view):
            return (f"{_EACH}{_closest()} WITH b, l.count AS c " + tail, params)
        return (f"{_EACH}{_closest()} WITH b, l {_pair_rows(view, keep='b, ')}WITH b, count AS c " + tail, params)
    return (
        f"{_EACH}{strongest(view.relation_types)} WITH b, r WHERE {edge_test(view)} "
        f"WITH b, {count_expr(view)} AS c " + tail,
        params,
    )


def dated_expand_rows(frontier: list[str], view: ViewParams, have: list[str], per: int) -> Q:
    """``expand`` under a date filter over all relation types, from the pairs' lists alone: ONE
    record of rows ``[neighbour, key, count, first, last, undated, place, histogram]`` (as
    ``dated_rows_among``'s, with the new neighbour first) for each frontier actor's ``per``
    strongest pairs; the caller counts and ranks them (``views.expand``). A short statement where
    counting on the server took one of ~28,000 characters (1-3 s to plan)."""
    params = {**view_params(view), "ids": frontier, "have": have, "per": int(per)}
    return (
        f"{_EACH}{_closest()} WITH b, l WHERE NOT b.id IN $have AND {type_test(view, 'b')} "
        + _rows(view, keep="b, ", hists=True)
        + f"WITH b, key, count, f, la, u, h, {_place(view)} AS place WHERE place <> 'out' OR ($undated AND u > 0) "
        + "RETURN collect([b.id, key, count, f, la, u, place, CASE WHEN place = 'cut' THEN h ELSE '' END]) AS rows",
        params,
    )


def _lists(view: ViewParams) -> list[list[str]]:
    """The neighbour lists a view reads (``[ids property, counts property]``): the overall one, or
    one per chosen relation type."""
    names = [""] if all_types(view) else [relation_type(t) for t in view.relation_types]
    return [list(top_props(n)) for n in names]


def _actor_filter(view: ViewParams, var: str) -> str:
    """Keeps rows whose actor id ``var`` passes the view's actor types (nothing when all pass)."""
    test = type_test(view, "x")
    return "" if test == "true" else f"MATCH (x:Actor {{id: {var}}}) WHERE {test} "


def expand_listed(frontier: list[str], view: ViewParams, have: list[str], per: int, limit: int) -> Q:
    """``expand`` for a wide frontier: each actor offers the first ``per`` entries of its
    neighbour lists (one property read per actor and list, however many relationships it has),
    ranked by their summed counts. The lists count every occurrence, so under a date or negation
    filter the candidates are the strongest overall; the edges among the chosen actors
    (``edges_among``) are then counted under the filters, and an actor without one drops out."""
    params = {
        **view_params(view),
        "ids": frontier,
        "have": have,
        "per": int(per),
        "limit": int(limit),
        "lists": _lists(view),
    }
    return (
        f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) {ACTOR_SEEK}UNWIND $lists AS list "
        "WITH coalesce(a[list[0]], [])[..$per] AS ns, coalesce(a[list[1]], []) AS cs "
        "UNWIND range(0, size(ns) - 1) AS i WITH ns[i] AS b, cs[i] AS c "
        "WHERE c >= $min_evidence AND NOT b IN $have WITH b, sum(c) AS weight "
        f"{_actor_filter(view, 'b')}"
        "WITH b, weight ORDER BY weight DESC, b "
        "WITH collect(b) AS found RETURN found[..$limit] AS ids, size(found) AS total",
        params,
    )


def top_actors(view: ViewParams, limit: int) -> Q:
    """The actors with the most occurrences of the view's relation types (the view without a
    focus): the heaviest by the ``actor_weight`` index, re-ranked by the chosen types' weights."""
    idx = [RELATION_TYPES.index(relation_type(t)) for t in view.relation_types]
    typed = "a.weight" if all_types(view) else "reduce(s = 0, i IN $idx | s + coalesce(a.weights[i], 0))"
    return (
        f"MATCH (a:Actor) WHERE a.weight > 0 AND {type_test(view, 'a')} "
        "WITH a ORDER BY a.weight DESC LIMIT $candidates "
        f"WITH a, {typed} AS w WHERE w > 0 RETURN a.id AS id ORDER BY w DESC, id LIMIT $limit",
        {"idx": idx, "limit": int(limit), "candidates": int(limit) * (1 if all_types(view) else 10)},
    )


def _rows(view: ViewParams, keep: str = "", hists: bool = False) -> str:
    """From LINKED pairs ``l`` to one row per aggregate of the chosen types and negation, from the
    pair's own lists: ``key``, ``count``, ``f`` and ``la`` (first and last date, ``""`` for none),
    ``u`` (undated occurrences), with ``hists`` also ``h`` (its histogram as text,
    ``aggregate.hist_text``; ``aggregate.UNKNOWN`` where the pair lists none), and the variables
    ``keep`` names."""
    h_list = ", coalesce(l.hists, []) AS hists" if hists else ""
    h_row = f", coalesce(hists[i], '{UNKNOWN}') AS h" if hists else ""
    return (
        f"WITH {keep}l.keys AS keys, l.counts AS counts, coalesce(l.firsts, []) AS firsts, "
        f"coalesce(l.lasts, []) AS lasts, coalesce(l.undated, []) AS undated{h_list} "
        f"UNWIND range(0, size(keys) - 1) AS i WITH {keep}keys[i] AS key, counts[i] AS count, "
        f"coalesce(firsts[i], '') AS f, coalesce(lasts[i], '') AS la, coalesce(undated[i], 0) AS u{h_row} "
        f"WITH {keep}key, count, f, la, u{', h' if hists else ''} WHERE {_key_test(view)} "
    )


def _place(view: ViewParams) -> str:
    """Where an aggregate's dates lie against the view's window: ``in`` (all inside: its dated
    occurrences count), ``out`` (none inside, or none dated) or ``cut`` (it straddles an end of
    the window: only its histogram tells)."""
    return "CASE WHEN f = '' OR la < $w_since OR f > $w_until THEN 'out' WHEN f >= $w_since AND la <= $w_until THEN 'in' ELSE 'cut' END"


def _pair_rows(view: ViewParams, keep: str = "") -> str:
    """``_rows`` under the view's dates and minimum evidence, row by row: ``count`` (under the
    view's dates), ``first_date``, ``last_date``, ``key``, ``u`` and the variables ``keep`` names.

    The pair's own lists hold each aggregate's count, first and last date and undated
    occurrences, so without a date filter no aggregate is read, and with one only those whose
    dates straddle an end of the window are: one wholly inside counts all its dated occurrences,
    one wholly outside none (its undated ones count when ``include_undated``)."""
    rows = _rows(view, keep)
    if not (view.since or view.until):
        return (
            rows + f"AND count >= $min_evidence WITH {keep}count, CASE WHEN f = '' THEN null ELSE f END "
            "AS first_date, CASE WHEN la = '' THEN null ELSE la END AS last_date, key, u "
        )
    win = window(view.since, view.until)
    assert win is not None
    straddling = [
        f"UNWIND CASE WHEN place = 'cut' AND key CONTAINS '|{t}|' THEN [key] ELSE [] END AS k "
        f"MATCH ()-[r:{t} {{key: k}}]->() {seek('r', t, 'key')}" + cut(win, view, "r")
        for t in (relation_type(x) for x in view.relation_types)
    ]
    return (
        rows + f"WITH {keep}key, count, f, la, u, {_place(view)} AS place "
        "CALL (key, count, f, la, u, place) { "
        "WITH * WHERE place <> 'cut' RETURN CASE WHEN place = 'in' THEN count - u ELSE 0 END "
        "+ CASE WHEN $undated THEN u ELSE 0 END AS n, CASE WHEN place = 'in' THEN f END AS first_date, "
        "CASE WHEN place = 'in' THEN la END AS last_date "
        "UNION ALL " + " UNION ALL ".join(straddling) + " } "
        f"WITH {keep}n AS count, first_date, last_date, key, u WHERE n >= $min_evidence "
    )


def _key_test(view: ViewParams) -> str:
    """The view's relation types and negation, tested on an aggregate's ``key`` (an actor id
    never holds the separator, so ``|WARNS|`` can only be the type)."""
    parts = [] if all_types(view) else ["any(t IN $types WHERE key CONTAINS '|' + t + '|')"]
    parts += [] if view.include_negated else ["key ENDS WITH '|0'"]
    return " AND ".join(parts) or "true"


def _edges_of_pairs(view: ViewParams, first: str | None) -> str:
    """The tail shared by ``edges_among`` and ``pair_edges``: from LINKED pairs ``l`` to their
    aggregates of the chosen types that pass the view's filters, the focus's (``first``) first,
    then the strongest, as ONE record: ``edges``, rows ``[key, count, first date, last date,
    undated occurrences]``, and ``more`` when the limit cut some off."""
    own = "key STARTS WITH $first_s OR key ENDS WITH $first_e0 OR key ENDS WITH $first_e1" if first else "false"
    return (
        _pair_rows(view) + f"WITH key, count, first_date, last_date, u ORDER BY {own} DESC, count DESC, key "
        "LIMIT $limit + 1 WITH collect([key, count, first_date, last_date, u]) AS edges "
        "RETURN edges[..$limit] AS edges, size(edges) > $limit AS more"
    )


def _own_params(first: str | None) -> Params:
    return {"first_s": f"{first}|", "first_e0": f"|{first}|0", "first_e1": f"|{first}|1"} if first else {}


def _among_pairs() -> str:
    """The LINKED pairs ``l`` among the actors ``$ids``: the focus's pair with every shown actor,
    then the strongest the actors' neighbour lists offer (``$per`` each), at most ``$pairs``."""
    return (
        f"CALL () {{ UNWIND $focus_pairs AS pk MATCH ()-[l:{LINKED} {{key: pk}}]->() {PAIR_SEEK}RETURN l, 1 AS own, 0 AS c "
        f"UNION ALL UNWIND $ids AS id MATCH (a:Actor {{id: id}}) {ACTOR_SEEK}UNWIND $lists AS list "
        "WITH id, list, coalesce(a[list[0]], []) AS ns, coalesce(a[list[1]], []) AS cs "
        "UNWIND [i IN range(0, size(ns) - 1) WHERE ns[i] IN $ids][..$per] AS i "
        "WITH list, CASE WHEN id < ns[i] THEN id + '|' + ns[i] ELSE ns[i] + '|' + id END AS pk, cs[i] AS c "
        "WITH pk, list, max(c) AS c WITH pk, sum(c) AS c WHERE NOT pk IN $focus_pairs "
        f"WITH pk, c ORDER BY c DESC LIMIT $pairs MATCH ()-[l:{LINKED} {{key: pk}}]->() {PAIR_SEEK}RETURN l, 0 AS own, c }} "
        "WITH l ORDER BY own DESC, c DESC LIMIT $pairs "
    )


def _among_params(ids: list[str], view: ViewParams, per: int, limit: int, first: str | None) -> Params:
    return {
        **view_params(view),
        "ids": ids,
        "lists": _lists(view),
        "focus_pairs": [pair_key(first, i) for i in ids if i != first] if first in ids else [],
        "per": int(per),
        "limit": int(limit),
        **_own_params(first),
        "pairs": int(limit),
    }


def edges_among(ids: list[str], view: ViewParams, per: int, limit: int, first: str | None = None) -> Q:
    """Aggregated edges between the given actors: each actor offers the first ``per`` entries of
    its neighbour lists that are in the view (an edge budget per actor, strongest first), the
    focus (``first``) its pair with every actor shown; the pairs' aggregates of the chosen types
    pass the view's filters; strongest first, the focus's before the others, at most ``limit``
    (from the ``limit`` strongest pairs: an edge beyond them could only enter at the cut).
    Answered as ONE record (``edges``, ``more`` when the limit cut some off), which the driver
    decodes far faster than thousands. A view with a date filter uses ``dated_rows_among``."""
    return (_among_pairs() + _edges_of_pairs(view, first), _among_params(ids, view, per, limit, first))


def dated_rows_among(ids: list[str], view: ViewParams, per: int, limit: int, first: str | None = None) -> Q:
    """``edges_among``'s pairs under a date filter, as ONE record of rows ``[key, count, first,
    last, undated, place, histogram]`` from the pairs' lists alone (``place``: where the
    aggregate's dates lie against the window, ``_place``; the histogram's text only where it
    straddles the window; rows wholly outside it left out unless their undated occurrences
    count): the caller counts them itself, from the histogram where the window cuts no month the
    aggregate has occurrences on both sides of, and asks ``straddling`` for the others, once per
    relation type (not one subquery per row)."""
    return (
        _among_pairs()
        + _rows(view, hists=True)
        + f"WITH key, count, f, la, u, h, {_place(view)} AS place WHERE place <> 'out' OR ($undated AND u > 0) "
        + "RETURN collect([key, count, f, la, u, place, CASE WHEN place = 'cut' THEN h ELSE '' END]) AS rows",
        _among_params(ids, view, per, limit, first),
    )


def straddling(keys: list[str], view: ViewParams) -> Q:
    """The occurrences under the view's dates (``n``), first and last date inside its window of
    the aggregates ``keys`` (whose dates straddle an end of it): ONE record of rows ``[key, n,
    first, last]``, one index seek per aggregate."""
    win = window(view.since, view.until)
    assert win is not None
    # every type, in one order, whatever the keys: Neo4j caches plans by text (planning this costs ~0.4 s)
    by_type: dict[str, list[str]] = {t: [] for t in RELATION_TYPES}
    for k in keys:
        by_type[relation_type(k.split("|")[1])].append(k)
    if not keys:
        return ("RETURN [] AS rows", {})
    parts = [
        f"UNWIND $k_{t} AS k MATCH ()-[r:{t} {{key: k}}]->() {seek('r', t, 'key')}" + cut(win, view, "r", carry="k, ")
        for t in by_type
    ]
    return (
        "CALL () { " + " UNION ALL ".join(parts) + " } RETURN collect([k, n, first_date, last_date]) AS rows",
        {**view_params(view), **one_size_class({f"k_{t}": v for t, v in by_type.items()}, NO_KEY)},
    )


def part_evidence(rows: list[dict[str, str]]) -> Q:
    """``{key, month, a, b}`` rows: how many occurrences of each aggregate its evidence holds from
    day ``a`` to day ``b`` of the month a window cuts, and the first and last of them (ONE record,
    ``found``: ``[key, month, n, first, last]``; a range seek on (key, date) each). A short text
    with one list: Neo4j plans it in milliseconds, where ``straddling`` took seconds."""
    return (
        f"UNWIND $rows AS row CALL (row) {{ MATCH (e:Evidence) {KEY_DATE_SEEK}WHERE e.key = row.key "
        "AND e.date >= row.a AND e.date <= row.b RETURN count(e) AS n, min(e.date) AS lo, max(e.date) AS hi } "
        "RETURN collect([row.key, row.month, n, lo, hi]) AS found",
        {"rows": rows},
    )


def pair_edges(pairs: list[str], view: ViewParams, limit: int, first: str | None = None) -> Q:
    """The aggregated edges of given pairs of actors (``pair_key`` strings), e.g. along a path."""
    return (
        f"UNWIND $pairs AS pk MATCH ()-[l:{LINKED} {{key: pk}}]->() {PAIR_SEEK}" + _edges_of_pairs(view, first),
        {**view_params(view), **_own_params(first), "pairs": pairs, "limit": int(limit)},
    )


def documents_behind(keys: list[str], view: ViewParams, budget: int, undated: Sequence[str] = ()) -> Q:
    """How many documents the evidence of these aggregates comes from (under the view's dates),
    reading at most ``budget`` occurrences: ``exact`` says whether that was all of them. Under a
    date filter the dated occurrences come from a range seek on (key, date); the undated ones
    only for the aggregates ``undated`` names (those that have any, as their pair lists them)."""
    params = {
        "keys": keys,
        "w_since": view.since or FIRST_DAY,
        "w_until": view.until or LAST_DAY,
        "budget": int(budget),
    }
    window = in_window(view, "e.date")
    if window == "true":
        found = f"MATCH (e:Evidence {{key: k}}) {KEY_SEEK}RETURN e"
    else:
        found = f"MATCH (e:Evidence) {KEY_DATE_SEEK}WHERE e.key = k AND {window} RETURN e"
        if view.include_undated:
            found += (
                " UNION ALL UNWIND CASE WHEN k IN $undated THEN [k] ELSE [] END AS u "  # the test before the seek
                f"MATCH (e:Evidence {{key: u}}) {KEY_SEEK}WHERE e.date IS NULL RETURN e"
            )
            params["undated"] = list(undated)
    return (
        f"UNWIND $keys AS k CALL (k) {{ {found} }} WITH e LIMIT $budget "
        "RETURN count(DISTINCT e.doc) AS documents, count(e) < $budget AS exact",
        params,
    )


def nodes(ids: list[str]) -> Q:
    """The actors with these ids, as ONE record of rows ``[id, name, type, aliases, degree,
    mentions]`` (hundreds of small records cost the driver more than the server)."""
    return (
        f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) {ACTOR_SEEK}"
        "RETURN collect([a.id, a.name, a.type, coalesce(a.aliases, []), coalesce(a.weight, 0), "
        "COUNT { (a)-[:MENTIONED_IN]->() }]) AS rows",
        {"ids": ids},
    )


def shortest_paths(source: str, target: str, view: ViewParams, max_hops: int = 4, limit: int = 5) -> Q:
    hops = hop_bound(max_hops, 1, 6)
    return (
        "MATCH (a:Actor {id: $source}), (b:Actor {id: $target}) "
        f"MATCH p = allShortestPaths((a)-[:{rel_pattern(view.relation_types)}*..{hops}]-(b)) "
        f"WHERE all(r IN relationships(p) WHERE {edge_test(view)}) "
        "RETURN [n IN nodes(p) | n.id] AS ids LIMIT $limit",
        {**view_params(view), "source": source, "target": target, "limit": int(limit)},
    )


# --- an actor's strongest relations (its panel) ----------------------------------------------


def strongest_relations(actor_id: str, limit: int = 10) -> Q:
    """An actor's strongest aggregates other than memberships, both directions, by the rank indexes."""
    types = [t for t in RELATION_TYPES if t != "MEMBER_OF"]
    return (
        f"MATCH (a:Actor {{id: $id}}) WITH a, $id + '|' AS p {strongest(types)} "
        "RETURN type(r) AS type, startNode(r) = a AS outgoing, b.id AS other_id, b.name AS other, "
        "r.negated AS negated, r.count AS count ORDER BY count DESC, other LIMIT $per",
        {"id": actor_id, "per": int(limit)},
    )
