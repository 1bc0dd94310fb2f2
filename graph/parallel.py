"""An ordered, bounded map over worker processes: results come back in input order, and only a few
chunks are in flight at a time, so a corpus of millions of documents streams through in constant
memory.

Workers start from a fresh ``forkserver`` process rather than a fork of the caller: the caller may
run threads (a progress bar, a store's prefetching), and forking a process with threads can
deadlock the child. Each worker gets the shared state once, through ``initializer``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


def workers(jobs: int) -> int:
    """The number of worker processes ``jobs`` asks for (0: one per core)."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def ordered_map(
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    ahead: int = 2,
) -> Iterator[Any]:
    """``map(fn, items)`` on ``jobs`` processes, in input order, with at most ``ahead`` items per
    worker submitted and not yet returned. An exception in a worker is raised here."""
    n = workers(jobs)
    ctx = mp.get_context("forkserver")
    pool = ProcessPoolExecutor(n, mp_context=ctx, initializer=initializer, initargs=initargs)
    pending: deque[Future[Any]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= ahead * n:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
