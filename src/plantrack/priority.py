"""Background parsing runs at a lower CPU priority than the pages (issue 12, many users at once).

On a 2-core server a `plantrack ingest` of a folder of plans and an upload being parsed each keep
a core busy for seconds; at the same priority as the server they took most of the CPU and every
page's latency rose tenfold. Parsing is batch work that nobody watches millisecond by millisecond,
so its processes lower their own priority (os.nice) and the scheduler serves page requests first;
on an idle machine a niced process still gets every free cycle, so nothing is slower then.

PLANTRACK_BACKGROUND_NICE (default 10, 0 keeps the priority, at most 19) is the increment; it is
applied once per process (os.nice is cumulative), and only where the platform has os.nice.
"""

from __future__ import annotations

import os

DEFAULT_NICE = 10
_lowered = False


def background_nice() -> int:
    """The nice increment for background parsing (PLANTRACK_BACKGROUND_NICE, 0–19, default 10)."""
    raw = os.environ.get("PLANTRACK_BACKGROUND_NICE", "").strip()
    if not raw:
        return DEFAULT_NICE
    try:
        return min(19, max(0, int(raw)))
    except ValueError:
        return DEFAULT_NICE


def lower_priority() -> int:
    """Make this process a background one (once); returns its niceness afterwards."""
    global _lowered
    if not hasattr(os, "nice"):
        return 0
    if not _lowered:
        _lowered = True
        increment = background_nice()
        if increment:
            try:
                return os.nice(increment)
            except OSError:  # not permitted here: run at the priority we have
                pass
    return os.nice(0)
