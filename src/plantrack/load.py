"""Loading plan files into the store: parse each file (pure), then store it in its own transaction.

A file that cannot be read or parsed stores nothing and the others go on; each outcome is
reported with a Chinese reason. Parsing never happens inside the database transaction, so a slow
or failing parse holds no locks and leaves no half-written rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from .ingest.errors import PlanInputError
from .ingest.pipeline import analyse, plan_document, text_units
from .ingest.read import read_plan_file
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
    """The default catalogue key: the file's name without its extension."""
    return Path(path).stem


def load_file(
    factory: sessionmaker[Session],
    path: str | Path,
    key: str | None = None,
    parent: str | None = None,
    overrides: dict | None = None,
) -> LoadOutcome:
    """Parse one file and store it; any failure leaves the store as it was."""
    key = key or plan_key_for(path)
    try:
        source = read_plan_file(path)
        doc = analyse(source)
        document = plan_document(doc)
        units = text_units(doc)
    except PlanInputError as exc:
        return LoadOutcome(str(path), key, "failed", message=exc.message())
    except Exception as exc:  # a parser defect must not stop the other files
        log.exception("parse failed: %s", path)
        return LoadOutcome(str(path), key, "failed", message=f"解析 {path} 时出错：{type(exc).__name__}: {exc}")
    if not document["outline"] and not document["title"] and not document["indicators"]:
        return LoadOutcome(
            str(path), key, "failed", message=f"{path}：未识别出规划结构（既没有标题，也没有章节或指标表），未入库"
        )
    try:
        with factory.begin() as session:
            result: StoreResult = store_plan(session, document, source.text, units, key, overrides)
            plan = get_plan(session, key)
            links = []
            if parent:
                link_plans(session, key, parent)
                links.append((key, parent))
            elif result.status != "unchanged":
                session.flush()
                links = link_inferred(session, plan)
    except CatalogueError as exc:
        return LoadOutcome(str(path), key, "failed", message=str(exc))
    except Exception as exc:
        log.exception("store failed: %s", path)
        return LoadOutcome(str(path), key, "failed", message=f"保存 {path} 时出错：{type(exc).__name__}: {exc}")
    return LoadOutcome(str(path), key, result.status, result.version, links=links)


def load_files(
    factory: sessionmaker[Session],
    paths: Iterable[str | Path],
    key: str | None = None,
    parent: str | None = None,
    overrides: dict | None = None,
    progress: Callable[[LoadOutcome], None] | None = None,
) -> list[LoadOutcome]:
    outcomes = []
    for path in paths:
        outcome = load_file(factory, path, key=key, parent=parent, overrides=overrides)
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    return outcomes
