"""check_plan on small hand-made plans: one check per test, positives and the quiet cases."""

from __future__ import annotations

from plantrack.align.checks import check_plan, prose_figures


def ind(name, line, unit="%", target=None, base=None, binding="expected", category="生态保护", growth=None) -> dict:
    return {"category": category, "name": name, "unit": unit, "base_year": 2020 if base is not None else None,
            "base_value": base if isinstance(base, (int, float)) else None,
            "base_text": None if base is None else str(base), "target_year": 2025,
            "target_value": None, "target_text": target, "annual_growth": growth, "binding": binding, "line": line}


def target(subject, value, unit, line, text, year=2025, relation="reach") -> dict:
    return {"subject": subject, "value": value, "unit": unit, "year": year, "relation": relation, "text": text,
            "line": line}


def plan(indicators=(), targets=()) -> dict:
    return {"indicators": list(indicators), "targets": list(targets), "source": {}}


def kinds(findings):
    return [f["kind"] for f in findings]


def test_table_prose_conflict_cites_both_lines():
    p = plan([ind("森林覆盖率", 474, target="18.39", binding="binding")],
             [target("森林覆盖率", 26, "%", 3091, "到2025年，森林覆盖率提高到26%")])
    [f] = check_plan(p, "k")
    assert (f["kind"], f["severity"], f["lines"], f["plan"]) == ("table_prose_conflict", "high", [474, 3091], "k")
    assert "第474行" in f["message"] and "第3091行" in f["message"]


def test_prose_agreeing_with_the_table_is_quiet():
    p = plan([ind("森林覆盖率", 10, target="26"), ind("规上工业企业数量", 11, unit="户", target=">10000")],
             [target("全省森林覆盖率", 26, "%", 90, "森林覆盖率达到26%"),
              target("规模以上工业企业数量", 1, "万户", 91, "规模以上工业企业数量突破1万户", relation="at_least"),
              target("森林覆盖率", 30, "%", 92, "到2035年森林覆盖率达到30%", year=2035),
              target("“七河”流域森林覆盖率", 25, "%", 93, "“七河”流域森林覆盖率达到25%")])
    assert check_plan(p, "k") == []


def test_same_figure_other_unit_in_prose():
    p = plan([ind("森林草原火灾受害控制率", 476, unit="‰", target="≤0.5"),
              ind("森林草原有害生物成灾控制率", 478, unit="‰", target="≤3")],
             [target("森林草原火灾受害控制率和有害生物成灾率", 0.5, "%", 1105,
                     "将森林草原火灾受害控制率和有害生物成灾率分别控制在 0.5%和 3%以下", relation="at_most")])
    found = check_plan(p, "k")
    assert [f["lines"] for f in found] == [[476, 1105], [478, 1105]]
    assert all("10倍" in f["message"] for f in found)


def test_prose_figures_pairs_subjects_with_values():
    t = target("甲率和乙率", 0.5, "%", 1, "将甲率和乙率分别控制在0.5%和3%以下")
    assert prose_figures(t) == [("甲率", 0.5, "%"), ("乙率", 3.0, "%")]
    assert prose_figures(target("甲率", None, None, 1, "甲率稳步提升")) == []


def test_stated_total_against_rows():
    p = plan([ind("森林覆盖率", 12, target="26"), ind("水土保持率", 13, target="65")])
    text = "\n".join(["前言", "", "规划指标体系设置了 3 项指标，涵盖生态保护。"] + [""] * 8 + ["森林覆盖率", "水土保持率"])
    [f] = check_plan(p, "k", text)
    assert f["kind"] == "count_mismatch" and f["lines"] == [3, 12]
    assert (f["stated"], f["actual"]) == (3, 2)


def test_stated_total_cut_by_a_line_break_and_in_chinese_numerals():
    p = plan([ind("森林覆盖率", 5, target="26")])
    [f] = check_plan(p, "k", "本规划共设置主要指标\n两项。\n")
    assert f["kind"] == "count_mismatch" and f["stated"] == 2 and f["lines"][0] == 1


def test_counts_in_review_sentences_are_not_the_table():
    p = plan([ind("森林覆盖率", 5, target="26")])
    assert check_plan(p, "k", "“十三五”规划设置的25项指标已全部完成。\n化学需氧量等四项指标达标。\n") == []


def test_category_count_against_category_rows():
    p = plan([ind("森林覆盖率", 3, target="26", category="绿色生态"), ind("水土保持率", 4, target="65", category="绿色生态"),
              ind("常住人口城镇化率", 6, target="60", category="经济发展")])
    text = "一、绿色生态(3个)\n森林覆盖率\n水土保持率\n二、经济发展（1个）\n常住人口城镇化率\n"
    [f] = check_plan(p, "k", text)
    assert f["kind"] == "count_mismatch" and f["lines"] == [1, 3] and (f["stated"], f["actual"]) == (3, 2)


def test_no_text_no_count_check():
    p = plan([ind("森林覆盖率", 5, target="26")])
    assert check_plan(p, "k") == []


def test_target_below_base_higher_and_lower():
    p = plan([ind("粮食综合生产能力", 430, unit="万吨", base=282, target="270", binding="binding"),
              ind("亿元地区生产总值生产安全事故死亡率", 429, unit="人/亿元", base=0.021, target="0.03"),
              ind("森林覆盖率", 414, base=29.2, target="31.77"),
              ind("服务业增加值占GDP的比重", 388, base=49.6, target="42"),
              ind("地区生产总值增长", 386, base=5.2, growth="4")])
    found = check_plan(p, "k")
    assert [(f["kind"], f["lines"][0], f["severity"]) for f in found] == [
        ("target_below_base", 430, "high"), ("target_below_base", 429, "medium")]
    assert "270万吨" in found[0]["message"] and "282万吨" in found[0]["message"]


def test_a_bound_below_base_is_low():
    [f] = check_plan(plan([ind("基本养老保险参保率", 425, base=98, target="95以上")]), "k")
    assert (f["kind"], f["severity"]) == ("target_below_base", "low") and "下限" in f["message"]


def test_percent_column_holding_a_level():
    [f] = check_plan(plan([ind("森林覆盖率", 7, base=1350, target="26")]), "k")
    assert f["kind"] == "unit_value_mismatch" and "1350" in f["message"]


def test_value_written_with_another_unit():
    [f] = check_plan(plan([ind("化学需氧量排放总量减少", 114, base="29.53万吨", target="完成国家下达指标")]), "k")
    assert f["kind"] == "unit_value_mismatch" and "万吨" in f["message"]


def test_growth_above_100_percent_is_not_a_level():
    assert check_plan(plan([ind("5G用户数增长", 7, target="150")]), "k") == []


def test_two_units_in_one_cell():
    [f] = check_plan(plan([ind("氨氮重点工程减排量", 520, unit="万吨、%", base=19.35, target="完成省下达目标任务")]), "k")
    assert (f["kind"], f["severity"]) == ("ambiguous_unit", "low")


def test_name_and_unit_disagree():
    found = check_plan(plan([ind("农村生活污水治理率", 1, unit="万吨", target="25"),
                             ind("规上工业企业数量", 2, unit="%", target="40"),
                             ind("高技术制造业增加值增长", 3, unit="亿元", growth="18"),
                             ind("亿元GDP生产安全事故死亡率", 4, unit="人/亿元", target="0.03"),
                             ind("森林覆盖率", 5, unit="%", target="26")]), "k")
    assert [(f["kind"], f["lines"][0]) for f in found] == [
        ("name_unit_mismatch", 1), ("name_unit_mismatch", 2), ("name_unit_mismatch", 3)]


def test_every_finding_is_memo_ready():
    p = plan([ind("森林覆盖率", 474, target="18.39", binding="binding", base=15.22)],
             [target("森林覆盖率", 26, "%", 3091, "森林覆盖率提高到26%")])
    for f in check_plan(p, "k", "规划指标体系设置了 2 项指标。\n"):
        assert {"kind", "severity", "message", "lines", "plan"} <= set(f)
        assert len(f["lines"]) == 2 and f["message"].endswith("。")
