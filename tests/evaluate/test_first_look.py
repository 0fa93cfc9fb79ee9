"""What a first look at the pages found (issue 14 item 7), at the level of the evaluation: targets
said in words rather than quoted raw, and a status and a trend warning that do not contradict
each other without saying why."""

from plantrack.domain.targets import interpret
from plantrack.evaluate import Status, assess, warnings_for


def ind(name, unit="%", base_value=None, target_text=None, annual_growth=None):
    return {"name": name, "unit": unit, "base_year": 2020 if base_value is not None else None,
            "base_value": base_value, "target_year": 2025, "target_value": None, "target_text": target_text,
            "annual_growth": annual_growth, "binding": "expected", "line": 1}


def obs(*pairs):
    return [{"year": y, "value": v} for y, v in pairs]


def run(indicator, observations, year, prose=None):
    spec = interpret(indicator, (2021, 2025), prose=prose)
    a = assess(indicator, spec, observations, year)
    return a, warnings_for(indicator, spec, a, observations)


def test_a_threshold_growth_target_is_said_not_quoted_raw():
    # ＞8 on a growth rate: 7.0, 6.0 -> average 6.5; the sentence says 年均不低于8%, never “＞8”（8%）
    a, warns = run(ind("研发经费投入增长", annual_growth="＞8"), obs((2021, 7.0), (2022, 6.0)), 2022)
    assert "8%" in a.explanation and "“＞8”" not in a.explanation and "“>8”" not in a.explanation
    assert warns and all("“＞8”" not in w.message and "“>8”" not in w.message for w in warns)
    assert any("年均8%的目标" in w.message for w in warns)


def test_a_level_target_is_said_with_its_unit():
    a, _ = run(ind("常住人口城镇化率", base_value=62.5, target_text="66"), obs((2022, 64.1)), 2022)
    assert "2025年目标为66%" in a.explanation and "“66”" not in a.explanation


def test_a_cumulative_target_is_said_as_a_period_total():
    from plantrack.evaluate.explain import target_words

    assert target_words("〔13.5〕", "%") == "累计13.5%"
    assert target_words("＞6.5", "亿吨") == "高于6.5亿吨"
    assert target_words("≤5.5", "%") == "不高于5.5%"
    assert target_words("明显提高", "%") == "“明显提高”"


def test_a_floor_held_but_heading_below_it_says_why_both_stand():
    # 保持在6.5亿吨以上: 6.9, 6.7, 6.55 held every year (基本符合预期) but falling 0.175 a year -> 6.2 by 2025
    a, warns = run(ind("粮食综合生产能力", unit="亿吨", target_text="保持在6.5亿吨以上"),
                   obs((2021, 6.9), (2022, 6.7), (2023, 6.55)), 2023)
    assert a.status == Status.ON_TRACK and a.method == "threshold_every_year"
    trend = [w for w in warns if w.kind == "off_trend"]
    assert trend and "两者并不矛盾" in trend[0].message and "保持在目标范围内" in trend[0].message
    assert "累计进度" not in trend[0].message
