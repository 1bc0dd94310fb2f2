"""``actorgraph neo4j start|stop|status|logs`` (the local server) and ``actorgraph up`` (the main job)."""

from __future__ import annotations

import sys

import click

from ..errors import ActorgraphError
from ..store import server
from .app import cli, connect, load_rules


@cli.group()
def neo4j() -> None:
    """Run a local Neo4j 5.26 server (no Docker needed).

    The server's jars come from Maven Central once (Java 17+ and Maven needed); its folder is
    .neo4j/ (ACTORGRAPH_NEO4J_DIR), Bolt listens on NEO4J_URI's port on 127.0.0.1 only, and the
    password is generated at first start. With --docker, `docker compose` runs it instead.
    """


def _use_docker(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    try:
        server.check_prerequisites()
        return False
    except ActorgraphError:
        return server.docker_engine_available()


docker_option = click.option(
    "--docker/--no-docker",
    default=None,
    help="Use `docker compose` (default: only when Java/Maven are missing and a Docker engine runs).",
)


@neo4j.command("start")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for Bolt to answer.")
@docker_option
def neo4j_start(timeout: float, docker: bool | None) -> None:
    """Start the server and wait until it answers.

    Starting a running server is harmless. On failure the log's last lines are printed.

    \b
    Example:
        actorgraph neo4j start
        NEO4J_URI=bolt://127.0.0.1:7688 actorgraph neo4j start --timeout 300
    """
    if _use_docker(docker):
        sys.exit(server.compose("up", "-d", "--wait", "neo4j"))
    st = server.start(timeout=timeout, echo=lambda m: click.echo(m, err=True))
    click.echo(f"Neo4j running (pid {st.pid}) at {st.uri}; data and logs in {st.home}")


@neo4j.command("stop")
@docker_option
def neo4j_stop(docker: bool | None) -> None:
    """Shut the server down cleanly.

    No process is left behind; stopping a stopped server is harmless.

    \b
    Example:
        actorgraph neo4j stop
    """
    if _use_docker(docker):
        sys.exit(server.compose("stop", "neo4j"))
    click.echo("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@neo4j.command("status")
def neo4j_status() -> None:
    """Say whether the server runs, and where.

    Prints `running (pid N) URI` and exits 0, or `stopped URI` and exits 3.

    \b
    Example:
        actorgraph neo4j status || actorgraph neo4j start
    """
    st = server.status()
    if st.running:
        click.echo(f"running (pid {st.pid}) {st.uri}")
    else:
        click.echo(f"stopped {st.uri}")
        sys.exit(3)


@neo4j.command("logs")
@click.option("-n", "--lines", default=50, show_default=True, help="How many of the last log lines.")
def neo4j_logs(lines: int) -> None:
    """Show the end of the server's log.

    \b
    Example:
        actorgraph neo4j logs -n 200
    """
    click.echo(server.logs(lines))


@cli.command("up")
@click.option("--port", default=8501, show_default=True, help="Port of the explorer (bound to 127.0.0.1).")
@click.option(
    "--seeds",
    "seeds_dir",
    default=None,
    type=click.Path(exists=True),
    help="Folder of articles to ingest before opening the explorer.  [default: ./seeds if there is "
    "one, else the demo articles that come with actorgraph]",
)
@click.option("--no-browser", is_flag=True, help="Do not try to open a browser.")
def up(port: int, seeds_dir: str | None, no_browser: bool) -> None:
    """Start Neo4j, ingest the seeds and open the explorer.

    The main job, as `make run` runs it: starts the local server when NEO4J_URI points at this
    machine, ingests the --seeds folder (idempotent, so a second run changes nothing) and
    serves the explorer on http://localhost:PORT (127.0.0.1 only).

    \b
    Example:
        actorgraph up
        actorgraph up --seeds my-articles/ --port 8600 --no-browser
    """
    import os
    from pathlib import Path

    st = server.start(echo=lambda m: click.echo(m, err=True)) if _local() else None
    if st:
        click.echo(f"Neo4j running at {st.uri}")
    from .. import resources
    from ..pipeline import ingest

    folder = seeds_dir or ("seeds" if Path("seeds").is_dir() else str(resources.demo_corpus()))
    with connect() as store:
        click.echo(ingest(store, load_rules(()), [folder]).text(), err=True)
    app = resources.explorer_app()  # with its packaged .streamlit/config.toml beside it
    click.echo(f"Explorer: http://localhost:{port}")
    args = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    if no_browser or not os.environ.get("DISPLAY"):
        args += ["--server.headless", "true"]
    os.execvp(args[0], args)


def _local() -> bool:
    from ..store import config

    return config.settings().is_local
