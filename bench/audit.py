"""操作记录 at scale: response times of /audit (filtered, paged, exported) and of a plan page with
its 修改记录, over a SQLite store holding N audit events (default 20,000).

    PYTHONPATH=src .venv/bin/python bench/audit.py [-n EVENTS] [-r RUNS]

The events are inserted in one statement (the bench measures reading the trail, not writing it);
requests go through TestClient as a logged-in administrator. Prints best-of-RUNS milliseconds per
address; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fastapi.testclient import TestClient

from plantrack.api import create_app
from plantrack.domain.actor import Actor
from plantrack.load import load_file
from plantrack.store.db import open_store
from plantrack.store.models import AuditEvent

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

ADMIN = Actor(name="基准管理员", role="admin", user_id=1)
ADDRESSES = ("/audit?format=json", "/audit", "/audit?format=json&user=用户7", "/audit?format=json&object=jz",
             "/audit?format=json&page=200", "/audit?format=xlsx&user=用户7", "/plans/jz?format=json")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", "--events", type=int, default=20_000)
    parser.add_argument("-r", "--runs", type=int, default=5)
    args = parser.parse_args()
    factory = open_store(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    load_file(factory, REPO / "tests" / "fixtures" / "jiangzhou-ecology-14th-plan.txt", key="jz")
    now = datetime.now(timezone.utc)
    with factory.begin() as s:
        s.execute(AuditEvent.__table__.insert(), [
            {"at": now - timedelta(seconds=n), "actor_name": f"用户{n % 50}", "role": "planning",
             "action": "indicator.override", "object_type": "indicator", "object_key": f"jz/指标{n % 300}",
             "before": {"direction": None}, "after": {"direction": "higher"}} for n in range(args.events)])
    app = create_app(factory)

    @app.middleware("http")
    async def as_admin(request, call_next):
        request.state.actor = ADMIN
        return await call_next(request)

    client = TestClient(app)
    print(f"{args.events} 条操作记录，最优 {args.runs} 次（毫秒）")
    for url in ADDRESSES:
        assert client.get(url).status_code == 200, url
        print(f"{best_of(args.runs, lambda: client.get(url)) * 1000:8.1f}  {url}")


if __name__ == "__main__":
    main()
