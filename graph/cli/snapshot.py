"""``actorgraph snapshot``: a view of the graph saved as a picture, a page or data, for reports."""

from __future__ import annotations

import click

from .app import cli, connect, output_option


@cli.command("snapshot")
@click.option("--focus", help="Actor id or name to centre the view on (default: the most connected actors).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 3))
@click.option("--types", help="Relation types, comma-separated (default: all).")
@click.option("--actor-types", help="Actor types, comma-separated: Person,Organisation,State.")
@click.option("--since", help="First date (YYYY-MM-DD).")
@click.option("--until", help="Last date (YYYY-MM-DD).")
@click.option("--min-evidence", default=1, show_default=True, help="Minimum evidence sentences per edge.")
@click.option("--no-negated", is_flag=True, help="Leave negated relations out.")
@click.option("--max-actors", "limit", default=300, show_default=True, help="At most this many actors in the view.")
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
    focus,
    depth,
    types,
    actor_types,
    since,
    until,
    min_evidence,
    no_negated,
    limit,
    cypher,
    fmt,
    output,
    title,
    width,
    height,
    seed,
):
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
    from ..model import ACTOR_TYPES, RELATION_TYPES, ViewParams
    from ..render import snapshot as snap

    try:
        fmt = snap.format_for(output, fmt)
    except ValueError as exc:
        raise ActorgraphError(str(exc)) from exc

    def listed(value, allowed, what):
        if not value:
            return allowed
        picked = tuple(v.strip() for v in value.split(",") if v.strip())
        bad = [v for v in picked if v not in allowed]
        if bad:
            raise ActorgraphError(f"unknown {what}: {', '.join(bad)} (choose from {', '.join(allowed)})")
        return picked

    with connect() as store:
        focus_id = None
        if focus:
            focus_id = focus if store.actor(focus) else next(iter(store.search_actors(focus, 1)), None)
            focus_id = focus_id if isinstance(focus_id, str) or focus_id is None else focus_id.id
            if focus_id is None:
                raise ActorgraphError(f"no actor matches {focus!r}")
        view = ViewParams(
            focus=focus_id,
            depth=depth,
            relation_types=listed(types, RELATION_TYPES, "relation types"),
            actor_types=listed(actor_types, ACTOR_TYPES, "actor types"),
            since=since,
            until=until,
            min_evidence=min_evidence,
            include_negated=not no_negated,
            limit=limit,
        )
        name = store.actor(focus_id).name if focus_id else None
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
