"""``actorgraph snapshot``: a view of the graph saved as a picture, a page or data, for reports."""

from __future__ import annotations

from dataclasses import replace

import click

from ..model import ACTOR_TYPES, DEFAULT_VIEW_LIMIT, MAX_VIEW_LIMIT, RELATION_TYPES, ActorType, RelationType
from ..params import parse_actor_types, parse_date, parse_relation_types
from .app import Parsed, cli, connect, output_option


@cli.command("snapshot")
@click.option("--focus", help="Actor id or name to centre the view on (default: the most connected actors).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 3), help="Steps out from the focus.")
@click.option(
    "--types",
    type=Parsed(parse_relation_types, "TYPE,..."),
    help=f"Relation types, comma-separated (default: all): {', '.join(RELATION_TYPES)}.",
)
@click.option(
    "--actor-types",
    type=Parsed(parse_actor_types, "TYPE,..."),
    help=f"Actor types, comma-separated (default: all): {', '.join(ACTOR_TYPES)}.",
)
@click.option("--since", type=Parsed(parse_date, "YYYY-MM-DD"), help="Only relations on or after this day.")
@click.option("--until", type=Parsed(parse_date, "YYYY-MM-DD"), help="Only relations on or before this day.")
@click.option("--min-evidence", default=1, show_default=True, help="Minimum evidence sentences per edge.")
@click.option("--no-negated", is_flag=True, help="Leave negated relations out.")
@click.option(
    "--max-actors",
    "limit",
    default=DEFAULT_VIEW_LIMIT,
    show_default=True,
    type=click.IntRange(1, MAX_VIEW_LIMIT),
    help="At most this many actors in the view.",
)
@click.option("--cypher", help="A read-only Cypher query whose nodes and relationships make the view.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "png", "svg", "pdf", "graphml", "gexf", "json", "csv"]),
    help="Output format (default: from the file name).",
)
@output_option("The file to write.", required=True)
@click.option("--title", default=None, help="Title on the picture (default: the focus's network).")
@click.option("--width", default=1600, show_default=True, help="Width in pixels (PNG/SVG/PDF).")
@click.option("--height", default=1000, show_default=True, help="Height in pixels.")
@click.option("--seed", default=7, show_default=True, help="Layout seed: the same data and seed give the same file.")
def snapshot_cmd(
    focus: str | None,
    depth: int,
    types: tuple[RelationType, ...] | None,
    actor_types: tuple[ActorType, ...] | None,
    since: str | None,
    until: str | None,
    min_evidence: int,
    no_negated: bool,
    limit: int,
    cypher: str | None,
    fmt: str | None,
    output: str,
    title: str | None,
    width: int,
    height: int,
    seed: int,
) -> None:
    """Save a view of the graph for a report.

    The view is the one the explorer shows for the same focus and filters, or the nodes and
    relationships a read-only --cypher query returns. Formats, from the file name unless
    --format: html (self-contained, opens offline), png, svg, pdf (static drawings), graphml
    and gexf (Gephi, yEd, Cytoscape), json (node-link) and csv (a zip of nodes.csv and
    edges.csv). The same data and --seed give the same file.

    \b
    Example:
        actorgraph snapshot --focus NATO -o nato.png
        actorgraph snapshot --focus "Vladimir Putin" --depth 2 --types DEMANDS,WARNS \\
            --since 2022-01-01 --until 2022-01-31 -o putin-jan.svg
        actorgraph snapshot --cypher 'MATCH p=(:Actor)-[:THREATENS]->() RETURN p' -o threats.graphml
    """
    from ..errors import ActorgraphError
    from ..params import parse_view
    from ..render import snapshot as snap

    try:
        fmt = snap.format_for(output, fmt)
    except ValueError as exc:
        raise ActorgraphError(str(exc)) from exc
    view = parse_view(None, depth, types, actor_types, since, until, min_evidence, not no_negated, limit)
    with connect() as store:
        focus_id = None
        if focus:
            found = store.resolve_actor(focus)
            if found is None:
                raise ActorgraphError(f"no actor matches {focus!r}")
            focus_id = found.id
        view = replace(view, focus=focus_id)
        details = store.actor(focus_id) if focus_id else None
        name = details.name if details else None
        default_title = f"{name}'s network" if name else ("Query result" if cypher else "The most connected actors")
        data = snap.view_snapshot(
            store,
            fmt,
            view=None if cypher else view,
            cypher=cypher,
            title=title or default_title,
            width=width,
            height=height,
            seed=seed,
        )
    snap.save(data, output)
    click.echo(f"wrote {output} ({fmt}, {len(data):,} bytes)", err=True)
