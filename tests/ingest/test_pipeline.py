"""The whole parse of a small plan: the stages wired together, as the contract JSON."""

from plantrack.ingest.pipeline import parse_bytes

from .national_plan import EXPECTED_COUNTS, TEXT as NATIONAL


def test_the_plan_json_counts_its_outline_by_kind():
    plan = parse_bytes(NATIONAL.encode("utf-8"), "national.txt")
    assert plan["outline_counts"] == EXPECTED_COUNTS
