"""The year an evaluation opens on: the latest year with enough complete data."""

from plantrack.evaluate import DEFAULT
from plantrack.evaluate.years import evaluation_year, full_year_counts


def test_a_few_early_values_of_the_newest_year_do_not_make_it_the_default():
    # the shared data: 27 values for 2023, 9 for 2024, 4 for 2025 (one a January-October average)
    counts = {2020: 13, 2021: 19, 2022: 22, 2023: 27, 2024: 9, 2025: 4}
    # half of 27 is 13.5: 2024 (9) and 2025 (4) are still arriving; 2023 is the latest complete year
    assert evaluation_year(counts, fallback=2025) == 2023


def test_the_newest_year_is_the_default_once_it_is_half_covered():
    assert evaluation_year({2022: 20, 2023: 10}, fallback=2025) == 2023
    assert evaluation_year({2022: 20, 2023: 9}, fallback=2025) == 2022


def test_partial_year_values_do_not_count():
    rows = [(2023, []), (2023, None), (2024, ["partial_year"]), (2024, ["partial_year"]), (2024, [])]
    assert full_year_counts(rows) == {2023: 2, 2024: 1}
    assert evaluation_year(full_year_counts(rows), fallback=2025) == 2024  # 1 >= 2 x 0.5
    assert evaluation_year(full_year_counts(rows), fallback=2025, config=DEFAULT.but(default_year_min_share=0.6)) == 2023


def test_no_data_falls_back():
    assert evaluation_year({}, fallback=2025) == 2025


def test_a_reports_kind_follows_its_year():
    from plantrack.evaluate.years import evaluation_kind

    # 2021-2025: the middle year is the mid-term, the last year (or later) the final, others annual
    assert [evaluation_kind(y, 2021, 2025) for y in range(2021, 2027)] == [
        "annual", "annual", "midterm", "annual", "final", "final"]
    # 2016-2020 and a six-year period 2020-2025 (middle 2022)
    assert evaluation_kind(2018, 2016, 2020) == "midterm"
    assert evaluation_kind(2022, 2020, 2025) == "midterm"
    # a plan without a period is monitored year by year
    assert evaluation_kind(2023, None, 2025) == "annual"
