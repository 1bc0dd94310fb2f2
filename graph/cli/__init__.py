"""The ``actorgraph`` command, one module per command group.

Each command parses its options, calls one library function and prints what it returns; the root
group (``app``) turns the library's errors into a message and an exit code, in one place. The
reference in ``docs/cli.md`` is generated from the commands' help (``reference``).
"""

from . import database, extract, server, snapshot  # noqa: F401 - each module registers its commands
from .app import cli, main

__all__ = ["cli", "main"]
