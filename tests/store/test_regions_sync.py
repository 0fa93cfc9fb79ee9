"""Filling the region table: every start inserts what is missing, and plans stored before the
gazetteer knew their region are filed once it does."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from plantrack.store.models import Plan, Region
from plantrack.store.regions import load_regions
from plantrack.store.regions_sync import sync_regions


def test_a_second_sync_inserts_nothing(session_factory):
    with session_factory.begin() as s:
        assert s.scalar(select(func.count()).select_from(Region)) == len(load_regions())
        assert sync_regions(s) == 0


def test_plans_stored_under_a_smaller_gazetteer_are_filed_once_it_grows(session_factory):
    with session_factory.begin() as s:  # as a store made when only 山西 was listed
        s.add_all([Plan(key="changchun", region_name="长春市", level="city"),
                   Plan(key="gulou", region_name="鼓楼区", level="county"),
                   Plan(key="nowhere", region_name="某某市", level="city")])
        s.flush()
        s.execute(delete(Region).where(Region.code.in_(["220104", "220105"])))
    with session_factory.begin() as s:
        assert sync_regions(s) == 2
        codes = dict(s.execute(select(Plan.key, Plan.region_code)).all())
    assert codes["changchun"] == "220100"
    assert codes["gulou"] is None  # four 鼓楼区 in China: not guessed
    assert codes["nowhere"] is None
