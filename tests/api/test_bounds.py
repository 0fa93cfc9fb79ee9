"""Numbers from URLs are bounded before they reach the database: a page whose offset reaches 2**63
and a row id beyond the INTEGER range gave a 500; now a Chinese 422 (paging) or 404 (ids)."""

from __future__ import annotations

import pytest

from plantrack.api.deps import MAX_PAGE

from .test_api import QINGHE, client, error_of  # noqa: F401  (client is a fixture)

HUGE = 2**63 // 20 + 1  # with the default 20 per page the offset passes 2**63


@pytest.mark.parametrize("url", [
    f"/api/plans?page={HUGE}", f"/api/plans?page={2**63}", f"/api/plans?page={MAX_PAGE + 1}",
    f"/api/regions?page={HUGE}", f"/api/regions?page={2**64}",
    f"/api/search?q=森林&page={HUGE}", f"/api/search?q=森林&page={2**63}&per_page=200",
])
def test_pages_beyond_the_last_possible_are_a_chinese_422(client, url):
    message = error_of(client.get(url), 422, "invalid_parameter")
    assert message.startswith("查询参数“page”不能大于") and str(MAX_PAGE) in message


def test_the_last_allowed_page_is_an_empty_page(client):
    body = client.get(f"/api/plans?page={MAX_PAGE}&per_page=200").json()
    assert body["items"] == [] and body["total"] == 2
    assert client.get(f"/api/regions?page={MAX_PAGE}&per_page=1000").json()["items"] == []
    assert client.get(f"/api/search?q=森林&page={MAX_PAGE}").json()["items"] == []


@pytest.mark.parametrize("indicator_id", [2**31, 2**63, 2**63 + 1, 2**64, 0, -1])
def test_indicator_ids_beyond_the_row_range_are_a_404(client, indicator_id):
    resp = client.get(f"/plans/{QINGHE}/indicators/{indicator_id}")
    assert resp.status_code == 404
    assert f"没有编号为 {indicator_id} 的指标" in resp.text
