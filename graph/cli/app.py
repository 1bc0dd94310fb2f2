"""The root ``actorgraph`` group, the one place where library errors become messages and exit
codes, and the options several commands share."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from ..errors import ActorgraphError

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..extraction.rules import RuleSet
    from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def error_message(exc: ActorgraphError) -> str:
    """What the user reads for a library error: its message, which names the problem and what to do."""
    return str(exc)


def driver_error_message(exc: BaseException) -> str | None:
    """The message for an exception of the Neo4j driver (the server went away mid-command, ran a
    query out of memory, refused the password), naming the configured URI; None for any other."""
    if "neo4j" not in sys.modules:
        return None
    from ..store import config, failures

    if not failures.is_driver_error(exc):
        return None
    return str(failures.store_error(exc, config.settings().uri))


class ActorgraphGroup(click.Group):
    """The root group: any ``ActorgraphError`` a command raises, and any error of the Neo4j driver,
    ends the run with ``Error: <message>`` on stderr and exit code 1, never a traceback. Usage
    errors keep Click's exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActorgraphError as exc:
            raise click.ClickException(error_message(exc)) from exc
        except Exception as exc:
            message = driver_error_message(exc)
            if message is None:
                raise
            raise click.ClickException(message) from exc


@click.group(cls=ActorgraphGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="actorgraph")
def cli() -> None:
    """actorgraph: who warns, demands, threatens, supports and belongs to whom, in a pile of news.

    Extract actors and relations from articles with readable rules, load them into Neo4j, query
    them with Cypher, and explore or export the network.

    \b
    Example:
        actorgraph neo4j start
        actorgraph ingest seeds/
        actorgraph snapshot --focus NATO -o nato.png
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="actorgraph")


# --- options and helpers several commands share --------------------------------------------

rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(exists=True),
    help="Rule files or folders (default: the bundled rule pack). Repeatable.",
)


def load_rules(rules_dirs: Sequence[str]) -> RuleSet:
    from ..extraction.rules import load_rules

    return load_rules([*rules_dirs] or None)


def connect() -> Store:
    """The store the environment names (``NEO4J_URI`` ...), checked: a clear error if it does not answer."""
    from ..store import Store

    return Store.connect()


def progress() -> Progress:
    """A progress bar on stderr when it is a terminal (silent in pipes and tests)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=not sys.stderr.isatty(),
    )


def output_option(help_text: str, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FILE``, the one spelling of "write here" (``-``, the default where it is
    optional: standard output)."""
    if required:
        return click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=help_text)
    return click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True), help=help_text)


def output_path(output: str | None) -> str | None:
    """The file ``-o`` names, or None for standard output."""
    return None if output in (None, "-") else output


@contextlib.contextmanager
def open_output(output: str) -> Iterator[IO[str]]:
    """A text stream for ``-o``: the file (UTF-8), or standard output left open."""
    if output_path(output) is None:
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8") as fh:
            yield fh


class Parsed(click.ParamType):  # type: ignore[type-arg]  # generic only in recent Click
    """An option value checked by one of ``graph.params``' parsers, the ones the explorer's URL
    uses too: a bad value is a usage error naming the option, before anything runs."""

    def __init__(self, parse: Callable[[str], Any], metavar: str):
        self.parse = parse
        self.name = metavar

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return self.name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..errors import ParamError

        if not isinstance(value, str):
            return value
        try:
            return self.parse(value)
        except ParamError as exc:
            self.fail(str(exc), param, ctx)
