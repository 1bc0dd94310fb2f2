"""``python -m graph.cli``: the same command as ``actorgraph``."""

from . import main

main()
