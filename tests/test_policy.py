"""The policy table: each role's rights and how far its region reaches."""

from __future__ import annotations

import pytest

from plantrack.domain.actor import LOCAL_OPERATOR, PUBLIC, Actor
from plantrack.policy import POLICY, UnknownAction, permission_allowed, region_chain

YUNCHENG, YANHU, TAIYUAN, SHANXI = "140800", "140802", "140100", "140000"
planning = Actor("yc", "planning", region_code=YUNCHENG)
unit = Actor("u", "unit", region_code=YUNCHENG, unit="运城市林业局")
evaluator = Actor("e", "evaluator")
admin = Actor("a", "admin")


def test_the_region_chain_runs_up_the_gazetteer():
    assert region_chain(YANHU) == (YANHU, YUNCHENG, SHANXI, "000000")


@pytest.mark.parametrize("actor, action, resource, allowed", [
    (planning, "observations.write", YANHU, True),      # a county below its city
    (planning, "observations.write", YUNCHENG, True),
    (planning, "observations.write", SHANXI, False),    # not the province above it
    (planning, "plans.write", TAIYUAN, False),          # nor a sibling city
    (unit, "observations.write", YUNCHENG, True),
    (unit, "observations.write", YANHU, False),         # a lead unit: its own region only
    (unit, "plans.write", YUNCHENG, False),
    (evaluator, "plans.export", None, True),
    (evaluator, "observations.write", YUNCHENG, False),
    (admin, "users.manage", None, True),
    (LOCAL_OPERATOR, "plans.write", TAIYUAN, True),
    (PUBLIC, "plans.read", None, True),
    (PUBLIC, "observations.write", None, False),
    (PUBLIC, "account.self", None, False),
    (Actor("x", "planning"), "plans.write", YUNCHENG, False),  # a scoped role without a region
    (Actor("x", "owner"), "plans.read", None, False),           # an unknown role has no rights
])
def test_rights(actor, action, resource, allowed):
    assert permission_allowed(actor, action, resource) is allowed


def test_only_administrators_manage_accounts_and_nobody_but_them_writes_everywhere():
    assert [a for a, row in POLICY.items() if row[-1] != "all"] == []
    assert POLICY["users.manage"][:-1] == ("no",) * 4


def test_an_undeclared_action_is_an_error_not_a_refusal():
    with pytest.raises(UnknownAction):
        permission_allowed(admin, "plans.delete")
