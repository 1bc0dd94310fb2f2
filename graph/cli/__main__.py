"""``python -m graph.cli``: the same command as ``actorgraph``."""

from . import main

if __name__ == "__main__":  # not when a worker process imports the main module
    main()
