"""The state table and the periods, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from plantrack.duties.reporting_periods import (PeriodError, is_last_of_year, owed_periods, period_bounds, period_due,
                                                period_label, periods_of_year)
from plantrack.duties.reporting_states import TRANSITIONS, TransitionRefused, actions_from, move_for


def test_the_loop_draft_submit_return_resubmit_approve():
    state = "new"
    for action in ("save", "submit", "return", "save", "submit", "approve"):
        state = move_for(action, state).to
    assert state == "approved"


def test_an_approved_item_is_locked_until_the_office_reopens_it():
    for action in ("save", "submit", "return", "approve"):
        with pytest.raises(TransitionRefused, match="已审定并锁定"):
            move_for(action, "approved")
    reopen = move_for("reopen", "approved")
    assert reopen.to == "returned" and reopen.policy_action == "approvals.write" and reopen.needs_comment
    assert move_for("save", reopen.to).to == "returned"


def test_units_write_and_offices_review():
    by_policy = {m.policy_action for (a, _), m in TRANSITIONS.items() if a in ("save", "submit")}
    assert by_policy == {"reports.write"}
    assert {m.policy_action for (a, _), m in TRANSITIONS.items() if a in ("return", "approve", "reopen")} == {"approvals.write"}
    assert move_for("return", "submitted").needs_comment and not move_for("approve", "submitted").needs_comment
    with pytest.raises(TransitionRefused, match="待审"):
        move_for("save", "submitted")  # a submitted item waits for the office
    with pytest.raises(TransitionRefused):
        move_for("approve", "draft")  # nothing is approved that was not submitted
    assert actions_from("submitted") == ["return", "approve"]


def test_periods_and_their_labels():
    assert periods_of_year(2025, "year") == ["2025"]
    assert periods_of_year(2025, "half") == ["2025H1", "2025H2"]
    assert periods_of_year(2025, "quarter") == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
    assert period_bounds("2024Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    assert period_bounds("2025H2") == (date(2025, 7, 1), date(2025, 12, 31))
    assert [period_label(p) for p in ("2025", "2025H1", "2025Q3")] == ["2025年", "2025年上半年", "2025年第三季度"]
    assert [is_last_of_year(p) for p in ("2025", "2025H1", "2025H2", "2025Q3", "2025Q4")] == [True, False, True, False, True]
    with pytest.raises(PeriodError):
        period_bounds("2025Q5")


def test_a_period_is_due_on_the_assignments_date_inside_it_else_a_month_after_it_ends():
    assert period_due("2026", "2026-06-30") == date(2026, 6, 30)
    assert period_due("2026Q1", "2026-06-30") == date(2026, 4, 30)
    assert period_due("2026Q2", "2026-06-30") == date(2026, 6, 30)
    assert period_due("2027", "2026-06-30") == date(2028, 1, 30)
    assert period_due("2026H1", None) == date(2026, 7, 30)


def test_the_periods_owed_are_those_begun_since_the_assignment():
    assert owed_periods("year", "2026-06-30", date(2026, 5, 1), date(2026, 12, 3)) == ["2026"]
    assert owed_periods("quarter", None, date(2026, 5, 1), date(2026, 8, 1)) == ["2026Q1", "2026Q2", "2026Q3"]
    assert owed_periods("half", "2025-12-31", date(2026, 1, 5), date(2026, 3, 1)) == ["2025H1", "2025H2", "2026H1"]
