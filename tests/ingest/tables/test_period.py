"""Year columns read against the plan period around a table: 2020 | 2025 | 2030 in a plan of the
“十四五” period targets 2025 (2030 lies past it); with no period named, the later year stays the target."""

from plantrack.ingest.pipeline import parse_bytes
from plantrack.ingest.tables.columns import Column
from plantrack.ingest.tables.period import period_end_named, target_of_period

TABLE = ("指标\t单位\t2020年\t2025年\t2030年\t属性\n"
         "森林覆盖率\t%\t20.1\t23\t25\t约束性\n"
         "城市空气质量优良天数比例\t%\t75\t80\t85\t约束性\n"
         "单位地区生产总值能耗下降\t%\t—\t13.5\t—\t约束性\n")


def rows(text: str) -> dict[str, dict]:
    plan = parse_bytes(text.encode("utf-8"), "plan.txt")
    return {r["name"]: r for r in plan["indicators"]}


def test_a_period_named_above_an_untitled_table_makes_its_end_the_target():
    got = rows("某市生态环境保护规划\n第二章 发展目标\n“十四五”时期，全市生态环境质量持续改善，主要目标见下表。\n" + TABLE)
    forest = got["森林覆盖率"]
    assert (forest["base_year"], forest["target_year"], forest["target_value"]) == (2020, 2025, 23)
    assert (forest["horizon_year"], forest["horizon_value"]) == (2030, 25)


def test_a_year_span_above_the_table_names_the_period_too():
    got = rows("某市生态环境保护规划\n第二章 发展目标\n2021—2025年，全市生态环境质量持续改善，主要目标见下表。\n" + TABLE)
    assert (got["城市空气质量优良天数比例"]["target_year"], got["城市空气质量优良天数比例"]["target_value"]) == (2025, 80)


def test_the_plan_title_s_period_holds_when_the_text_around_the_table_names_none():
    got = rows("某市“十四五”生态环境保护规划\n第二章 发展目标\n全市生态环境质量持续改善，主要目标见下表。\n" + TABLE)
    assert (got["森林覆盖率"]["target_year"], got["森林覆盖率"]["target_value"]) == (2025, 23)
    assert got["森林覆盖率"]["horizon_year"] == 2030


def test_without_a_period_the_later_year_stays_the_target():
    got = rows("某市生态环境保护规划\n第二章 发展目标\n全市生态环境质量持续改善，主要目标见下表。\n" + TABLE)
    forest = got["森林覆盖率"]
    assert (forest["target_year"], forest["target_value"]) == (2030, 25)
    assert forest.get("horizon_year") is None


def test_a_period_that_ends_in_no_year_column_changes_nothing():
    got = rows("某市“十三五”生态环境保护规划\n第二章 发展目标\n“十三五”时期，主要目标见下表。\n" + TABLE)
    assert got["森林覆盖率"]["target_year"] == 2030


def test_period_names_and_spans():
    assert period_end_named("“十四五”时期") == 2025
    assert period_end_named("十三五期间") == 2020
    assert period_end_named("2021—2025年") == 2025
    assert period_end_named("2016-2020") == 2020
    assert period_end_named("2021—2035年") is None  # a long-range plan, not a five-year period
    assert period_end_named("到2025年") is None


def test_target_of_period_moves_the_target_to_the_period_end():
    columns = [Column("name"), Column("base", 2020), Column("other", 2025), Column("target", 2030)]
    assert [(c.role, c.year) for c in target_of_period(columns, 2025)] == [
        ("name", None), ("base", 2020), ("target", 2025), ("horizon", 2030)]
    assert target_of_period(columns, 2035) == columns
