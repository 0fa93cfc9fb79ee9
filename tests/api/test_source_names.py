"""No server paths in responses: a stored plan's source is its file's name, as the user gave it."""

from __future__ import annotations

import json

from plantrack.domain.sources import source_file_name, without_server_paths
from plantrack.store.models import PlanVersion
from plantrack.store.repository import require_plan

from .test_api import FIXTURES, JIANGZHOU, QINGHE, client  # noqa: F401  (client is a fixture)


def test_source_file_name_drops_every_directory():
    assert source_file_name("/srv/plantrack/uploads/a/规划.txt") == "规划.txt"
    assert source_file_name(r"C:\Users\张三\桌面\规划.docx") == "规划.docx"
    assert source_file_name("规划.pdf") == "规划.pdf"
    document = {"source": {"path": "/home/op/x.txt", "sha256": "s"}, "title": "t"}
    assert without_server_paths(document) == {"source": {"path": "x.txt", "sha256": "s"}, "title": "t"}
    assert document["source"]["path"] == "/home/op/x.txt"  # the input is not changed


def test_plan_detail_and_json_export_name_the_file_not_the_server_path(client, session_factory):
    assert str(FIXTURES).startswith("/")  # the plans were read from an absolute path
    detail = client.get(f"/api/plans/{QINGHE}").json()
    assert detail["source"]["path"] == "qinghe-county-14th-fyp.txt"
    exported = json.loads(client.get(f"/api/plans/{JIANGZHOU}/export?format=json").content)
    assert exported["source"]["path"] == "jiangzhou-ecology-14th-plan.txt"
    for fmt in ("json", "csv", "xlsx"):
        assert str(FIXTURES).encode() not in client.get(f"/api/plans/{QINGHE}/export?format={fmt}").content
    with session_factory() as s:
        plan = require_plan(s, QINGHE)
        assert s.get(PlanVersion, plan.current.id).source_path == "qinghe-county-14th-fyp.txt"


def test_a_plan_stored_before_the_rule_is_shown_by_its_file_name(client, session_factory):
    with session_factory.begin() as s:
        version = require_plan(s, QINGHE).current
        version.source_path = "/var/lib/plantrack/old/qinghe.txt"
        version.document = {**version.document, "source": {**version.document["source"], "path": "/var/lib/plantrack/old/qinghe.txt"}}
    assert client.get(f"/api/plans/{QINGHE}").json()["source"]["path"] == "qinghe.txt"
    body = client.get(f"/api/plans/{QINGHE}/export?format=json").content
    assert b"/var/lib" not in body and json.loads(body)["source"]["path"] == "qinghe.txt"
