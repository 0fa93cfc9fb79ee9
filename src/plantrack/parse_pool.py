"""Parsing an uploaded plan off the request thread, in a bounded pool of worker processes.

Parsing is pure-Python CPU work: run in the server's thread pool it holds the GIL, and the probe
(issue 12) saw one .docx bomb raise every page's latency tenfold. Here the upload pages hand the
bytes to a separate process (read_source + parse_source, the same two steps the CLI runs), so the
server's own process keeps answering other users. The pool is bounded twice: PLANTRACK_PARSE_WORKERS
processes (default 1) and at most PLANTRACK_PARSE_QUEUE uploads waiting or running (default 4;
past it the upload is refused at once with a Chinese "try again" rather than queued without end).
Each worker's address space is capped (PLANTRACK_PARSE_MEMORY_MB, default 2048), so a file the
limits in domain/limits.py did not catch ends in a MemoryError and a Chinese refusal, not in a
server that swaps; a worker that dies is replaced and the upload refused. Workers run at a lower
CPU priority (priority.py, PLANTRACK_BACKGROUND_NICE): a parse takes the cores the pages leave.

Workers are started with "spawn": forking a server that runs threads can copy a held lock.
PLANTRACK_PARSE_WORKERS=0 parses in the calling thread (a one-user CLI or a debugger).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .domain.limits import LimitExceeded, _number
from .load import LoadRefused, ParsedPlan, parse_source, read_source

BUSY = "服务器正在解析其他上传的规划，请稍后再试（同时解析的上传数可用环境变量 PLANTRACK_PARSE_QUEUE 调整）。"

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_slots: threading.BoundedSemaphore | None = None
_slots_size = 0


def workers() -> int:
    raw = os.environ.get("PLANTRACK_PARSE_WORKERS", "1").strip()
    return int(raw) if raw.isdigit() else 1


def queue_size() -> int:
    return int(_number("PLANTRACK_PARSE_QUEUE", 4))


def memory_bytes() -> int:
    return int(_number("PLANTRACK_PARSE_MEMORY_MB", 2048) * 1024 * 1024)


def _start_worker(limit: int) -> None:
    """Worker initializer: a background process (priority.py) with a capped address space, that
    ends when its server process does."""
    from .priority import lower_priority

    lower_priority()
    _limit_memory(limit)
    _end_with_parent(os.getppid())


def _end_with_parent(parent: int, every: float = 1.0) -> None:
    """A server process killed (or stopped before its pool) left its parse workers behind, idle,
    holding their memory for good: each worker watches for its parent to go (it is then adopted by
    another process) and exits. A thread, not PR_SET_PDEATHSIG: that signal follows the thread that
    started the worker, and the server's pool threads come and go."""
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="parse-worker-parent-watch", daemon=True).start()


def _limit_memory(limit: int) -> None:
    """Cap this process's address space (Linux; elsewhere left as it is)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def read_and_parse(name: str, data: bytes) -> ParsedPlan:
    """What a worker runs: read the bytes as a plan file and parse it (LoadRefused when it is not one)."""
    try:
        return parse_source(read_source(name, data))
    except MemoryError:
        raise LoadRefused(f"解析 {name} 所需内存超过上限（PLANTRACK_PARSE_MEMORY_MB），未入库。") from None


def worker_pid() -> int:
    """The pid of the process that runs this: used by tests to see that parsing left the server's process."""
    return os.getpid()


def worker_niceness() -> int:
    """The niceness of the process that runs this: used by tests to see that parsing runs in the background."""
    return os.nice(0)


def _executor() -> tuple[ProcessPoolExecutor, threading.BoundedSemaphore]:
    global _pool, _slots, _slots_size
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(max_workers=workers(), mp_context=context,
                                        initializer=_start_worker, initargs=(memory_bytes(),))
        if _slots is None or _slots_size != queue_size():
            _slots_size = queue_size()
            _slots = threading.BoundedSemaphore(_slots_size)
        return _pool, _slots


def _reset() -> None:
    """Drop a broken pool (a worker was killed); the next upload starts a fresh one."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def run(function, *args):
    """function(*args) in a worker process, within the bounds; LoadRefused (Chinese) when busy or broken."""
    if workers() == 0:
        return function(*args)
    try:
        pool, slots = _executor()
    except LimitExceeded as exc:
        raise LoadRefused(str(exc)) from None
    if not slots.acquire(blocking=False):
        raise LoadRefused(BUSY)
    try:
        return pool.submit(function, *args).result()
    except BrokenProcessPool:
        _reset()
        raise LoadRefused("解析进程意外退出（文件可能过大或已损坏），未入库；请检查文件后重试。") from None
    finally:
        slots.release()


def parse_upload(name: str, data: bytes) -> ParsedPlan:
    """An uploaded plan's bytes read and parsed in a worker process; LoadRefused as parse_source says."""
    return run(read_and_parse, name, data)
