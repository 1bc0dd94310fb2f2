"""Big views as groups: communities of actors drawn as one node each, opened on demand.

Above :data:`READABLE` actors a drawing is a hairball in which a hub looks like a leaf. Like
Gephi's and Linkurious' grouped views, the actors are split into communities with igraph's Leiden
algorithm (modularity, edges weighted by their evidence sentences; seeded, so the same view always
gives the same groups), and each community becomes one node named after its best-connected member
("Russia +41"). The focus, the actors the user expanded or selected and the members of opened
groups stay single. An opened group that is itself too big is split again, and where Leiden finds
no split the strongest members are shown and the rest stays one "N more" group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Subgraph
from .layout import seeded

#: The most actors a drawing shows one by one; bigger views are grouped.
READABLE = 150
#: Smaller communities than this stay single actors: a group of two hides more than it shows.
MIN_GROUP = 4

METHOD = "Leiden communities (igraph; modularity, weighted by evidence sentences)"


@dataclass(frozen=True, slots=True)
class Group:
    """Actors drawn as one node: ``id`` is stable for the same view (``group:`` + its top member)."""

    id: str
    members: tuple[str, ...]  # strongest (by degree in the view) first
    label: str
    degree: int  # relations of its members inside the view


@dataclass(frozen=True, slots=True)
class Grouping:
    groups: tuple[Group, ...] = ()
    member_of: dict[str, str] = field(default_factory=dict)  # collapsed actor id -> group id
    method: str = METHOD

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


def communities(sub: Subgraph, ids: Iterable[str] | None = None, seed: int = 7) -> list[list[str]]:
    """Communities among ``ids`` (default: every actor of ``sub``), each sorted by id, biggest first."""
    members = sorted(ids if ids is not None else (n.id for n in sub.nodes))
    if len(members) < 2:
        return [members] if members else []
    import igraph as ig

    index = {a: i for i, a in enumerate(members)}
    weight: Counter[tuple[int, int]] = Counter()
    for e in sub.edges:
        if e.source in index and e.target in index and e.source != e.target:
            a, b = index[e.source], index[e.target]
            weight[(a, b) if a < b else (b, a)] += e.count
    pairs = sorted(weight)
    graph = ig.Graph(n=len(members), edges=pairs, directed=False)
    with seeded(seed):
        part = graph.community_leiden(
            objective_function="modularity", weights=[weight[p] for p in pairs] or None, n_iterations=-1
        )
    found: dict[int, list[str]] = defaultdict(list)
    for i, c in enumerate(part.membership):
        found[c].append(members[i])
    return sorted(found.values(), key=lambda c: (-len(c), c[0]))


def group_view(
    sub: Subgraph,
    keep: Iterable[str] = (),
    opened: Iterable[str] = (),
    readable: int = READABLE,
    seed: int = 7,
) -> Grouping | None:
    """How to draw ``sub`` grouped, or None when it is small enough to draw actor by actor."""
    if len(sub.nodes) <= readable:
        return None
    degree: Counter[str] = Counter()
    for e in sub.edges:
        degree[e.source] += e.count
        degree[e.target] += e.count
    names = {n.id: n.name for n in sub.nodes}
    keep_set = {k for k in keep if k in names}
    opened_set = set(opened)
    groups: list[Group] = []

    def strongest(ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda i: (-degree[i], i))

    def make(ids: list[str], more: bool = False) -> Group:
        ranked = strongest(ids)
        top = ranked[0]
        gid = f"group:{'more:' if more else ''}{top}"
        short = names[top] if len(names[top]) <= 18 else names[top][:17].rstrip() + "…"
        label = f"{len(ranked)} more" if more else f"{short} +{len(ranked) - 1}"
        return Group(gid, tuple(ranked), label, sum(degree[i] for i in ranked))

    def top_n(ids: list[str]) -> None:
        """The strongest half of what can be read stays single, the rest is one "N more" group."""
        ranked = strongest(ids)
        if len(ranked) <= readable:
            return
        rest = make(ranked[readable // 2 :], more=True)
        if rest.id not in opened_set:
            groups.append(rest)
        else:
            top_n(list(rest.members))

    def split(ids: list[str], level: int) -> None:
        """Group ``ids`` by community; open what the user opened (splitting it again if too big)."""
        parts = [[i for i in p if i not in keep_set] for p in communities(sub, ids, seed)]
        parts = [p for p in parts if p]
        if level >= 3 or (len(parts) == 1 and len(parts[0]) > readable):
            top_n([i for p in parts for i in p])
            return
        top_n([a for p in parts if len(p) < MIN_GROUP for a in p])
        for part in (p for p in parts if len(p) >= MIN_GROUP):
            g = make(part)
            if g.id not in opened_set:
                groups.append(g)
            elif len(part) > readable:
                split(part, level + 1)

    split([n.id for n in sub.nodes], 0)
    member_of = {m: g.id for g in groups for m in g.members}
    return Grouping(tuple(groups), member_of)


def drawn_shape(sub: Subgraph, grouping: Grouping | None) -> tuple[list[str], list[tuple[str, str]]]:
    """The ids and links of the view as it is drawn: single actors and one node per group, linked
    where any of their actors are. Laid out as such, a grouped view of 2,000 actors fills the
    canvas like a view of a few dozen."""
    member_of = grouping.member_of if grouping else {}
    ids = [n.id for n in sub.nodes if n.id not in member_of]
    ids += [g.id for g in grouping.groups] if grouping else []
    pairs = {(member_of.get(e.source, e.source), member_of.get(e.target, e.target)) for e in sub.edges}
    return ids, sorted((a, b) for a, b in pairs if a != b)
