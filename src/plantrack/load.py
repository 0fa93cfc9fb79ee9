"""Loading plan files into the store: parse each file (pure), then store it in its own transaction.

A file that cannot be read or parsed stores nothing and the others go on; each outcome is
reported with a Chinese reason. Parsing never happens inside the database transaction, so a slow
or failing parse holds no locks and leaves no half-written rows.

The steps are separate so every way in shares them: load_file reads a file, the upload page
reads uploaded bytes (ingest.read.read_plan_bytes); both hand the text to load_source, and the
page previews what parse_source gives before store_parsed writes it.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from . import audit
from .domain.actor import LOCAL_OPERATOR, Actor
from .corrections import reconcile
from .domain.keys import key_from_name
from .ingest.errors import PlanInputError
from .ingest.pipeline import analyse, plan_document, text_units
from .ingest.read import SourceText, read_plan_bytes, read_plan_file
from .store.db import conflict_message, write_transaction
from .store.repository import CatalogueError, StoreResult, get_plan, link_inferred, link_plans, store_plan

log = logging.getLogger(__name__)

STATUS_TEXT = {"created": "新建", "new_version": "新版本", "unchanged": "未变化", "failed": "失败"}


@dataclass
class LoadOutcome:
    path: str
    key: str
    status: str  # created | new_version | unchanged | failed
    version: int | None = None
    message: str | None = None
    links: list[tuple[str, str]] | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def plan_key_for(path: str | Path) -> str:
    """The default catalogue key: the file's name without its extension, in the keys' safe
    alphabet (domain/keys.py)."""
    return key_from_name(Path(path).stem)


class LoadRefused(Exception):
    """A file that will not be stored, with the Chinese reason naming it (unreadable, no plan in it)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class ParsedPlan:
    """A plan parsed and ready to store: what a preview shows and what store_parsed writes.

    Kept together so a caller that previews a plan (the upload page) stores exactly what it
    showed, and the parse stays outside the transaction.
    """

    source: SourceText
    document: dict
    units: list[dict]


def read_source(path: str | Path, data: bytes | None = None) -> SourceText:
    """A plan file's text, read from path, or from its bytes already in hand (an upload, named by
    path); LoadRefused naming the file when it cannot be read as a plan."""
    try:
        return read_plan_file(path) if data is None else read_plan_bytes(data, str(path))
    except PlanInputError as exc:
        raise LoadRefused(exc.message()) from None
    except Exception as exc:  # a reader defect (a malformed .docx or .pdf) must not stop the other files
        log.exception("read failed: %s", path)
        raise LoadRefused(f"读取 {path} 时出错：{type(exc).__name__}: {exc}") from None


def parse_source(source: SourceText) -> ParsedPlan:
    """Parse read text into a storable plan; LoadRefused when it holds no plan structure or the
    parser fails, so a caller can report it before anything touches the store."""
    path = source.path
    try:
        doc = analyse(source)
        document = plan_document(doc)
        units = text_units(doc)
    except PlanInputError as exc:
        raise LoadRefused(exc.message()) from None
    except Exception as exc:  # a parser defect must not stop the other files
        log.exception("parse failed: %s", path)
        raise LoadRefused(f"解析 {path} 时出错：{type(exc).__name__}: {exc}") from None
    if not document["outline"] and not document["title"] and not document["indicators"]:
        raise LoadRefused(f"{path}：未识别出规划结构（既没有标题，也没有章节或指标表），未入库")
    return ParsedPlan(source, document, units)


def store_parsed(
    factory: sessionmaker[Session],
    parsed: ParsedPlan,
    key: str,
    parent: str | None = None,
    overrides: dict | None = None,
    actor: Actor = LOCAL_OPERATOR,
) -> LoadOutcome:
    """Store a parsed plan in one transaction, then link it to its parent (given, or inferred the
    way the catalogue infers it); any failure rolls back everything of this plan. A plan stored
    (new, or a new version) is one audit event by actor, its links included; the same file again
    with a new --parent is one link event."""
    path = parsed.source.path

    def store(session: Session) -> tuple[StoreResult, list[tuple[str, str]]]:
        before = plan_state(get_plan(session, key))
        result = store_plan(session, parsed.document, parsed.source.text, parsed.units, key, overrides)
        plan = get_plan(session, key)
        links = []
        if result.status == "new_version":
            reconcile(session, plan)  # people's corrections: kept where the new rows still match
        if parent:
            link_plans(session, key, parent)
            links.append((key, parent))
        elif result.status != "unchanged":
            session.flush()
            links = link_inferred(session, plan)
        if result.status != "unchanged":
            session.flush()
            session.refresh(plan)
            after = {**plan_state(plan), "links": [list(link) for link in links]}
            audit.record(session, actor, f"plan.{'create' if result.status == 'created' else 'new_version'}",
                         "plan", key, before, after)
        elif parent and before["parent"] != parent:  # the same file, linked anew: the link is the write
            audit.record(session, actor, "plan.link", "plan", key, {"parent": before["parent"]}, {"parent": parent})
        return result, links

    try:
        # A concurrent ingest of the same plan queues behind this one (or is repeated after it),
        # and then finds the version stored: both succeed.
        result, links = write_transaction(factory, store)
    except CatalogueError as exc:
        return LoadOutcome(path, key, "failed", message=str(exc))
    except Exception as exc:
        log.exception("store failed: %s", path)
        reason = conflict_message(exc) or f"{type(exc).__name__}: {exc}"
        return LoadOutcome(path, key, "failed", message=f"保存 {path} 时出错：{reason}")
    return LoadOutcome(path, key, result.status, result.version, links=links)


def plan_state(plan) -> dict | None:
    """What an audit event keeps of a plan: its catalogue facts and its current version."""
    if plan is None:
        return None
    current = plan.current
    return {
        "title": plan.title, "level": plan.level, "kind": plan.kind, "region": plan.region_name,
        "parent": plan.parent.key if plan.parent else None,
        "version": current.number if current else None, "sha256": current.sha256 if current else None,
        "file": Path(current.source_path).name if current else None,
        "indicators": len(current.document.get("indicators", [])) if current else 0,
    }


def load_source(
    factory: sessionmaker[Session],
    source: SourceText,
    key: str | None = None,
    parent: str | None = None,
    overrides: dict | None = None,
    actor: Actor = LOCAL_OPERATOR,
) -> LoadOutcome:
    """Parse text already read (a file, or bytes uploaded through the web) and store it; the one
    path from text to store, so the CLI and the upload page cannot drift apart."""
    key = key or plan_key_for(source.path)
    try:
        parsed = parse_source(source)
    except LoadRefused as exc:
        return LoadOutcome(source.path, key, "failed", message=exc.message)
    return store_parsed(factory, parsed, key, parent, overrides, actor)


def load_file(
    factory: sessionmaker[Session],
    path: str | Path,
    key: str | None = None,
    parent: str | None = None,
    overrides: dict | None = None,
    actor: Actor = LOCAL_OPERATOR,
) -> LoadOutcome:
    """Read one file, parse it and store it; any failure leaves the store as it was."""
    key = key or plan_key_for(path)
    try:
        source = read_source(path)
    except LoadRefused as exc:
        return LoadOutcome(str(path), key, "failed", message=exc.message)
    return load_source(factory, source, key, parent, overrides, actor)


def load_files(
    factory: sessionmaker[Session],
    paths: Iterable[str | Path],
    key: str | None = None,
    parent: str | None = None,
    overrides: dict | None = None,
    progress: Callable[[LoadOutcome], None] | None = None,
    actor: Actor = LOCAL_OPERATOR,
    jobs: int = 1,
) -> list[LoadOutcome]:
    """Load files in the order given, each in its own transaction; outcomes (and progress) in that
    order. With jobs > 1 and several files, files are read and parsed in `jobs` worker processes
    while this one stores the ones already parsed: parsing is most of a plan's cost (CPU, in pure
    Python), so a folder of plans loads about `jobs` times as fast on as many cores. Storing stays
    here, one file after another in the given order, so links and versions come out exactly as
    one by one."""
    paths = list(paths)
    if jobs <= 1 or len(paths) < 2:
        outcomes = []
        for path in paths:
            outcome = load_file(factory, path, key=key, parent=parent, overrides=overrides, actor=actor)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
        return outcomes
    return _load_parallel(factory, paths, key, parent, overrides, progress, actor, jobs)


def _read_and_parse(path: str) -> ParsedPlan | str:
    """A worker's part of loading: the parsed plan, or the Chinese reason it cannot be stored."""
    try:
        return parse_source(read_source(path))
    except LoadRefused as exc:
        return exc.message


def _load_parallel(factory, paths, key, parent, overrides, progress, actor, jobs) -> list[LoadOutcome]:
    outcomes: list[LoadOutcome] = []
    pools = [_parse_pool(jobs)]  # a worker that dies breaks its pool: the files after it get a new one
    waiting: deque = deque()  # (path, future, pool generation), in the order given
    queued = iter(paths)
    ahead = 2 * jobs  # parsed plans held at most: memory stays bounded for any number of files

    def fill() -> None:
        for path in queued:
            waiting.append((path, pools[-1].submit(_read_and_parse, str(path)), len(pools)))
            if len(waiting) >= ahead:
                return

    try:
        fill()
        while waiting:
            path, future, generation = waiting.popleft()
            try:
                parsed = future.result()
            except BrokenProcessPool:  # out of memory, killed: every file that pool held fails, the rest go on
                parsed = f"解析 {path} 的进程意外退出（可能内存不足），未入库；可单独重新入库该文件"
                if generation == len(pools):
                    pools[-1].shutdown(wait=False, cancel_futures=True)
                    pools.append(_parse_pool(jobs))
            fill()
            plan_key = key or plan_key_for(path)
            if isinstance(parsed, str):
                outcome = LoadOutcome(str(path), plan_key, "failed", message=parsed)
            else:
                outcome = store_parsed(factory, parsed, plan_key, parent, overrides, actor)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    finally:
        pools[-1].shutdown(wait=True, cancel_futures=True)
    return outcomes


def _parse_pool(jobs: int):
    """Worker processes for _read_and_parse. "spawn": the caller may run threads (a progress bar),
    which a fork would copy mid-lock."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
