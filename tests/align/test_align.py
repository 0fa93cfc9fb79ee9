"""align_plans on small hand-made plans: one behaviour per test."""

from __future__ import annotations

from plantrack.align.align import align_plans
from plantrack.align.catalogue import Catalogue
from plantrack.align.normalize import normalize


def ind(name, line, unit="%", target=None, binding="expected", base=None, growth=None, category="绿色生态") -> dict:
    return {"category": category, "name": name, "unit": unit, "base_year": 2020 if base is not None else None,
            "base_value": base, "base_text": None if base is None else str(base), "target_year": 2025,
            "target_value": None, "target_text": target, "annual_growth": growth, "binding": binding, "line": line}


def plan(*indicators, projects=()) -> dict:
    return {"indicators": list(indicators), "projects": list(projects), "source": {}}


def run(child, parent, **kw):
    return align_plans(child, parent, "child", "parent", **kw)


def kinds(row):
    return [f["kind"] for f in row["findings"]]


def test_shape_and_keys():
    r = run(plan(ind("森林覆盖率", 10, target="20")), plan(ind("森林覆盖率", 100, target="26")))
    assert r["child"] == "child" and r["parent"] == "parent"
    assert set(r) == {"child", "parent", "rows", "projects", "summary"}
    row = r["rows"][0]
    assert (row["concept"], row["match"]) == ("forest_coverage", "exact")
    assert row["parent"]["line"] == 100 and row["child"]["line"] == 10


def test_missing_binding_is_high_and_cites_the_parent_line():
    r = run(plan(ind("森林覆盖率", 10, target="26")),
            plan(ind("森林覆盖率", 100, target="26"), ind("二氧化硫排放总量减少", 118, binding="binding", target="10")))
    row = r["rows"][1]
    assert row["child"] is None and row["concept"] == "so2_reduction"
    f = row["findings"][0]
    assert (f["kind"], f["severity"], f["parent_line"], f["child_line"]) == ("missing", "high", 118, None)
    assert "上位规划第118行" in f["message"] and "约束性" in f["message"]


def test_missing_expected_is_medium():
    r = run(plan(), plan(ind("人均预期寿命", 5, unit="岁", target="78.1")))
    assert r["rows"][0]["findings"][0]["severity"] == "medium"


def test_downgraded_and_upgraded():
    r = run(plan(ind("水土保持率", 20, binding="expected", target="完成省下达目标任务"),
                 ind("农村生活污水治理率", 21, binding="binding", target="25")),
            plan(ind("全省水土保持率", 2, binding="binding", target="65"),
                 ind("农村生活污水治理率", 3, binding="expected", target="25")))
    down, up = r["rows"]
    assert "downgraded" in kinds(down) and "target_inherited" in kinds(down)
    assert "upgraded" in kinds(up) and "target_consistent" in kinds(up)
    assert r["summary"]["downgraded"] == 1 and r["summary"]["binding_kept"] == 0


def test_unit_changed_percent_to_permille():
    r = run(plan(ind("森林草原火灾受害控制率", 30, unit="‰", target="≤0.5")),
            plan(ind("森林草原火灾受害控制率", 3, unit="%", target="≤0.5")))
    f = next(f for f in r["rows"][0]["findings"] if f["kind"] == "unit_changed")
    assert f["severity"] == "medium" and "10倍" in f["message"]
    assert (f["parent_line"], f["child_line"]) == (3, 30)


def test_weaker_binding_target_is_high():
    r = run(plan(ind("森林覆盖率", 10, binding="binding", target="18.39", base=15.22)),
            plan(ind("森林覆盖率", 99, binding="binding", target="26", base=23.5)))
    f = next(f for f in r["rows"][0]["findings"] if f["kind"] == "target_weaker")
    assert f["severity"] == "high" and "18.39%" in f["message"] and "26%" in f["message"]
    assert "基期值15.22" in f["message"]


def test_lower_is_better_is_reversed():
    r = run(plan(ind("城镇调查失业率", 10, target="<5")), plan(ind("城镇调查失业率", 99, target="<5.5")))
    assert "target_stricter" in kinds(r["rows"][0])


def test_child_only_rows_follow_the_parent_rows():
    r = run(plan(ind("森林覆盖率", 10, target="26"), ind("城镇登记失业率", 11, target="4.5")),
            plan(ind("森林覆盖率", 100, target="26")))
    assert [(x["parent"] is None, x["child"]["name"]) for x in r["rows"]] == [(False, "森林覆盖率"), (True, "城镇登记失业率")]
    assert kinds(r["rows"][1]) == ["child_only"]


def test_one_to_one_best_match_wins():
    # two child rows for one concept: the exact name wins, the other stays child-only
    r = run(plan(ind("全市森林覆盖率", 10, target="26"), ind("森林覆盖率", 11, target="26")),
            plan(ind("森林覆盖率", 100, target="26")))
    matched = [x for x in r["rows"] if x["parent"]]
    assert matched[0]["child"]["line"] == 11 and matched[0]["match"] == "exact"
    assert sum(1 for x in r["rows"] if x["parent"] is None) == 1


def test_names_outside_the_catalogue_match_by_normal_form_only():
    r = run(plan(ind("全市草原综合植被盖度", 10, target="50")), plan(ind("草原综合植被盖度(%)", 100, target="50")))
    assert r["rows"][0]["match"] == "normalized" and r["rows"][0]["concept"] is None
    r = run(plan(ind("草原植被盖度", 10, target="50")), plan(ind("草原综合植被盖度", 100, target="50")))
    assert r["rows"][0]["child"] is None
    assert "candidate" in kinds(r["rows"][0])  # proposed, not matched


def test_decisions_confirm_a_pair_the_machine_missed():
    child = plan(ind("森林覆被率", 10, target="26"))
    parent = plan(ind("森林覆盖率", 100, target="26"))
    assert run(child, parent)["rows"][0]["child"] is None
    r = run(child, parent, decisions={(normalize("森林覆被率"), "forest_coverage"): True})
    assert r["rows"][0]["child"]["line"] == 10 and r["rows"][0]["match"] == "confirmed"


def test_decisions_reject_a_machine_match():
    child = plan(ind("城镇化率", 10, target="58"))
    parent = plan(ind("常住人口城镇化率", 100, target="68"))
    assert run(child, parent)["rows"][0]["match"] == "synonym"
    r = run(child, parent, decisions={(normalize("城镇化率"), "urbanization"): False})
    assert r["rows"][0]["child"] is None


def test_a_catalogue_can_be_passed_in():
    cat = Catalogue.from_text("id,name,unit,direction\nx,甲指标,%,higher\n")
    r = run(plan(ind("全市甲指标", 1, target="3")), plan(ind("甲指标", 2, target="2")), catalogue=cat)
    assert r["rows"][0]["concept"] == "x" and "target_stricter" in kinds(r["rows"][0])


def test_projects_named_in_child_projects_and_text():
    parent = plan(projects=[{"box": "专栏21 “七河”生态保护修复", "name": "汾河生态修复工程", "line": 4619},
                            {"box": "专栏21 “七河”生态保护修复", "name": "涑水河生态修复工程", "line": 4641},
                            {"box": "专栏5 新基建", "name": "5G网络建设完善工程", "line": 1673}])
    child = plan(projects=[{"box": "专栏18 生态环境保护重大工程", "name": "水生态修复工程",
                            "content": "涑水河流域水生态修复治理工程；垣曲县水系连通工程", "line": 1136}])
    text = "第一章\n加快5G网络建设完善，推进\n基站建设。\n实施汾河生态修复工程。\n"
    r = run(child, parent, child_text=text)
    by_name = {p["parent"]["name"]: p["child_mentions"] for p in r["projects"]}
    assert [m["line"] for m in by_name["汾河生态修复工程"]] == [4]
    assert by_name["汾河生态修复工程"][0]["by"] == "name"
    assert [m["line"] for m in by_name["涑水河生态修复工程"]] == [1136]
    assert by_name["5G网络建设完善工程"][0]["line"] == 2 and by_name["5G网络建设完善工程"][0]["by"] == "core"
    assert r["summary"]["projects_named"] == 3
