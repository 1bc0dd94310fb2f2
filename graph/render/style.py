"""One visual vocabulary for the explorer, the HTML snapshot and the static drawings, so a picture
in a report looks like the screen it came from."""

from __future__ import annotations

import math

#: Actor type -> (fill colour, vis-network shape, matplotlib marker).
ACTOR_STYLE: dict[str, tuple[str, str, str]] = {
    "State": ("#4C78A8", "dot", "o"),
    "Organisation": ("#F58518", "diamond", "D"),
    "Person": ("#54A24B", "triangle", "^"),
}
DEFAULT_ACTOR_STYLE = ("#9D9D9D", "dot", "o")

#: Relation type -> edge colour (colour-blind-safe Tableau 10 subset, one per type).
RELATION_COLOURS: dict[str, str] = {
    "MEMBER_OF": "#7F7F7F",
    "WARNS": "#E45756",
    "DEMANDS": "#B279A2",
    "THREATENS": "#9D2A2A",
    "SUPPORTS": "#54A24B",
    "MEETS": "#4C78A8",
    "CRITICIZES": "#FF9DA6",
    "DEPLOYS": "#8C564B",
}
DEFAULT_RELATION_COLOUR = "#BBBBBB"


def actor_colour(actor_type: str) -> str:
    return ACTOR_STYLE.get(actor_type, DEFAULT_ACTOR_STYLE)[0]


def actor_shape(actor_type: str) -> str:
    return ACTOR_STYLE.get(actor_type, DEFAULT_ACTOR_STYLE)[1]


def actor_marker(actor_type: str) -> str:
    return ACTOR_STYLE.get(actor_type, DEFAULT_ACTOR_STYLE)[2]


def relation_colour(relation_type: str) -> str:
    return RELATION_COLOURS.get(relation_type, DEFAULT_RELATION_COLOUR)


def node_size(value: int, smallest: int = 12, largest: int = 48, scale: int = 4) -> float:
    """Node size grows with the square root of degree or mentions, within bounds, so hubs stand out
    without swallowing the view."""
    return float(min(largest, smallest + scale * max(value, 0) ** 0.5))


def node_value(value: int) -> float:
    """What vis-network scales node and label sizes by: the square root of degree or mentions, so a
    hub with 100 relations is clearly bigger than one with 10 without dwarfing everything."""
    return round(math.sqrt(max(value, 0)), 3)


def edge_width(count: int) -> float:
    """Edge width grows with the evidence count (log-like), 1 to 8 pixels."""
    return float(min(8.0, 1.0 + 1.5 * max(count - 1, 0) ** 0.5))
