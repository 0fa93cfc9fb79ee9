"""Projects from 专栏 boxes and project tables, read by layout on small texts and on the corpus."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from plantrack.ingest.boxes import extract_projects, is_org_list, split_top_level, text_width
from plantrack.ingest.clean import clean_text
from plantrack.ingest.outline import build_outline, find_toc_lines

CORPUS = Path("/work/shared/corpus")
GOLD = Path("/work/shared/gold")


def projects_of(text: str, tables=()) -> list[dict]:
    lines = clean_text(text)
    _, heading_at = build_outline(lines, find_toc_lines(lines))
    return extract_projects(lines, heading_at, list(tables))


def by_box(projects: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in projects:
        out.setdefault(p["box"], []).append(p["name"])
    return out


COUNTY_BOXES = """\
第一章 产业发展
第一节 做强文旅产业
推进古城保护利用，加快文旅融合发展，打造全域旅游示范区。
专栏1 文旅融合重点工程
古城保护提升工程。实施古城墙修缮、古民居保护利用等项目，总投资12.5亿元，建设期2022—2025年。
乡村旅游示范工程：东泉村民宿集群、西岭村康养基地、南庄村研学基地。
夜间经济培育工程。建设古城夜游街区。（牵头单位：县文旅局、县商务局）
注：项目以实际批复为准。
第二节 补齐县城短板
加快县城基础设施建设。
专栏2 县城补短板重点项目
县城污水处理厂提标改造项目、城北供热管网扩建工程、县医院门诊楼建设项目、第二实验小学新建项目等。
专栏3 主要指标
指标 2020年 2025年 属性
旅游收入(亿元) 100 150 预期性
耕地保有量(万亩) 50 50 约束性
第二章 乡村振兴
"""


def test_paragraph_leads_lists_notes_and_indicator_boxes():
    ps = projects_of(COUNTY_BOXES)
    boxes = by_box(ps)
    assert boxes["专栏1 文旅融合重点工程"] == ["古城保护提升工程", "乡村旅游示范工程", "夜间经济培育工程"]
    assert boxes["专栏2 县城补短板重点项目"] == [
        "县城污水处理厂提标改造项目", "城北供热管网扩建工程", "县医院门诊楼建设项目", "第二实验小学新建项目",
    ]
    assert not any(b.startswith("专栏3") for b in boxes)  # an indicator table is not a project box
    first = ps[0]
    assert first["investment"] == "12.5亿元" and first["period"] == "2022—2025年"
    assert first["place"] is None and first["line"] == 5
    assert first["content"].startswith("实施古城墙修缮")
    assert ps[1]["content"] == "东泉村民宿集群、西岭村康养基地、南庄村研学基地"
    assert ps[2]["lead_units"] == ["县文旅局", "县商务局"]


def test_numbered_entries_stay_in_their_box():
    text = """\
第三章 数字乡村
专栏4 数字乡村建设行动
1. 农村宽带提速行动。实现行政村千兆光网全覆盖。
2. 智慧农业示范行动。建设5个数字农业示范基地。
3. 益农信息社提升行动。完善村级信息服务站点。
第一节 推进乡村数字化治理
健全县乡村三级数字治理平台，提升基层治理效能。
"""
    assert by_box(projects_of(text)) == {
        "专栏4 数字乡村建设行动": ["农村宽带提速行动", "智慧农业示范行动", "益农信息社提升行动"]
    }


def test_short_list_sentence_names_each_project():
    text = """\
第五章 城乡建设
专栏8 县城更新项目
重点推进北关片区改造、南街风貌提升、东湖公园扩建。
第六章 社会事业
"""
    assert by_box(projects_of(text)) == {"专栏8 县城更新项目": ["北关片区改造", "南街风貌提升", "东湖公园扩建"]}


def test_bulleted_entries_lose_their_markers():
    text = """\
第七章 交通
专栏9 国省干线提升项目
◆ 二级公路改建工程：改建城关至北岭段28公里。
——农村公路联网工程：新建联网路45公里，
改造危桥6座。
• 客运枢纽建设工程。新建县城综合客运站。
第八章 能源
"""
    assert by_box(projects_of(text)) == {
        "专栏9 国省干线提升项目": ["二级公路改建工程", "农村公路联网工程", "客运枢纽建设工程"]
    }


def test_box_repeated_after_page_break_is_one_box():
    text = """\
第四章 生态保护
专栏5 生态修复重大工程
矿山修复工程。开展历史遗留矿山综合治理，恢复植被面积2000亩。
- 12 -
专栏5 生态修复重大工程
河道治理工程。实施城区段河道清淤和生态护岸建设。
第五章 社会事业
"""
    assert by_box(projects_of(text)) == {"专栏5 生态修复重大工程": ["矿山修复工程", "河道治理工程"]}


def test_box_ends_where_wider_body_prose_resumes():
    # Box text is set in a small font (long wrapped lines); the body after it wraps much earlier.
    text = """\
第六章 开放合作
专栏6 开放平台重大工程
综合保税区建设工程。推进综合保税区申报设立，完善海关监管设施和仓储
物流设施，建设跨境电商产业园和进口商品展示交易中心，提升通关便利化
水平。
物流园区提质工程。建设公铁联运物流园区，完善冷链仓储和城市配送体系，
培育一批骨干物流企业，降低全社会物流成本。
深化区域合作交流。主动融入周边城市群，
加强产业协作和设施互联互通，推进
跨区域合作园区建设。
第七章 民生保障
"""
    assert by_box(projects_of(text)) == {"专栏6 开放平台重大工程": ["综合保税区建设工程", "物流园区提质工程"]}


def test_tab_separated_project_table_with_wrapped_rows_and_categories():
    text = """\
第八章 重大项目
表3-1 重点项目表
序号\t项目名称\t建设地点\t建设内容\t总投资（亿元）\t建设年限\t责任单位
一、交通类
1\t环城东路工程\t城东新区\t新建道路3公里\t2.5\t2022-2024\t县交通局
\t\t\t及配套管网\t\t\t
2\t汽车站迁建项目\t城南\t新建客运站一座\t1.2\t2023-2025\t县交通局、县住建局
第九章 保障措施
"""
    ps = projects_of(text)
    assert [p["name"] for p in ps] == ["环城东路工程", "汽车站迁建项目"]
    a, b = ps
    assert a["box"] == "表3-1 重点项目表"
    assert (a["place"], a["investment"], a["period"]) == ("城东新区", "2.5", "2022-2024")
    assert a["content"] == "新建道路3公里及配套管网"
    assert a["type"] == "交通类" and a["lead_units"] == ["县交通局"]
    assert b["lead_units"] == ["县交通局", "县住建局"]


STACKED = """\
6 重点工程与保障
6.1 重点工程
“十四五”期间，全县将在水利、供水等方面实施重点工程建设，详见下表。
表 6.1-1 重点工程清单
序号 工程类别 工程名称 建设内容 牵头单位
1 水利工程 水库除险加固工程
对全县12座小型水库实施除险加固，完善
监测预警设施和管理用房
县水利局、各乡镇
人民政府
2
灌区节水改造工程
改造干渠35公里，新建计量设施120处，配套
建设灌区信息化平台
3
城乡供水
保障工程
城乡供水一体化工程
新建水厂1座，铺设城乡供水管网86公里，改
造老旧管网
县水务公司
6.2 保障措施
加强组织领导，明确各有关部门责任分工，确保各项重点工程顺利推进实施。
"""


def test_stacked_table_cells_and_merged_cells():
    ps = projects_of(STACKED)
    rows = [(p["name"], p.get("type"), p.get("lead_units"), p.get("content")) for p in ps]
    assert rows == [
        ("水库除险加固工程", "水利工程", ["县水利局", "各乡镇人民政府"], "对全县12座小型水库实施除险加固，完善监测预警设施和管理用房"),
        # empty type and unit cells continue the merged cells above
        ("灌区节水改造工程", "水利工程", ["县水利局", "各乡镇人民政府"], "改造干渠35公里，新建计量设施120处，配套建设灌区信息化平台"),
        ("城乡供水一体化工程", "城乡供水保障工程", ["县水务公司"], "新建水厂1座，铺设城乡供水管网86公里，改造老旧管网"),
    ]
    assert {p["box"] for p in ps} == {"表 6.1-1 重点工程清单"}
    assert [p["line"] for p in ps] == [6, 11, 15]


def test_header_one_cell_per_line_and_unit_cells():
    text = """\
第十章 项目支撑
专栏7 重大项目清单
序号
项目名称
建设内容
总投资
（万元）
1 城西污水处理厂二期
新增处理能力2万吨/日，配套建设
管网15公里
8600
2 老城区雨污分流改造
改造老城区雨污管网40公里，新建调蓄池2座
12000
第十一章 保障措施
"""
    ps = projects_of(text)
    assert [(p["box"], p["name"], p["investment"]) for p in ps] == [
        ("专栏7 重大项目清单", "城西污水处理厂二期", "8600"),
        ("专栏7 重大项目清单", "老城区雨污分流改造", "12000"),
    ]
    assert ps[0]["content"] == "新增处理能力2万吨/日，配套建设管网15公里"


def test_indicator_table_reported_by_tables_stage_is_skipped():
    @dataclass
    class FakeTable:
        kind: str
        start: int
        end: int

    text = """\
第一章 发展目标
专栏1 “十四五”发展目标
经济发展。地区生产总值年均增长6%左右。
第二章 产业
"""
    assert projects_of(text) != []
    assert projects_of(text, [FakeTable("indicators", 2, 2)]) == []


def test_helpers():
    assert split_top_level("各县（市、区）水利局、市生态环境局") == ["各县（市、区）水利局", "市生态环境局"]
    assert is_org_list("市工业和信息化局、各县人民政府负责")
    assert not is_org_list("工程市自然资源局")
    assert text_width("ab中文") == 3


# --- corpus ---------------------------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder not present")


def corpus_projects(name: str) -> list[dict]:
    return projects_of((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))


@needs_corpus
@pytest.mark.parametrize(
    "name, boxes_with_projects",
    [
        ("shanxi-14th-fyp-outline", 23),  # 25 专栏; 专栏1 and 专栏2 are indicator tables
        ("yuncheng-14th-fyp-outline", 21),  # 23 专栏; 专栏1 and 专栏2 are indicator tables
        ("shanxi-ecology-14th-plan", 14),
        ("shanxi-yellow-river-plan", 0),
    ],
)
def test_corpus_box_counts(name, boxes_with_projects):
    ps = corpus_projects(name)
    boxes = Counter(p["box"] for p in ps if p["box"].startswith("专栏"))
    assert len(boxes) == boxes_with_projects
    assert all(p["name"] and len(p["name"]) <= 80 for p in ps)
    assert not any("指标" in b for b in boxes)


@needs_corpus
def test_corpus_box_entries_are_item_leads():
    ps = corpus_projects("shanxi-14th-fyp-outline")
    names = by_box(ps)
    assert len(names["专栏7 14个战略性新兴产业集群"]) == 14
    assert names["专栏4 创新平台建设重大工程"][0] == "高端研发平台建设重大项目"
    # body prose after 专栏15 is not an entry of the box
    assert len(names["专栏15 对外开放平台重大工程"]) == 3


@needs_corpus
def test_corpus_xinzhou_project_table_against_gold():
    ps = corpus_projects("xinzhou-ecology-14th-plan")
    with open(GOLD / "xinzhou-ecology-14th-plan.projects.tsv", encoding="utf-8") as f:
        gold = list(csv.DictReader(f, delimiter="\t"))
    assert len(gold) == 15
    got = {(p["name"], p["line"]): p for p in ps}
    matched = 0
    for g in gold:
        p = got.get((g["name"], int(g["source_line"])))
        if p and p.get("lead_units") == split_top_level(g["lead_units"]) and p.get("type") == g["type"]:
            matched += 1
    assert matched >= 14


def test_wider_than_agrees_with_the_measured_width():
    from plantrack.ingest.boxes import text_width, wider_than

    for text in ["项目名称", "建设内容及规模", "ABCDEFGHIJKLMNOPQ", "总投资（亿元）", "a b c d e f g h i j k l m n o p q",
                 "全市森林覆盖率达到百分之二十六以上的目标", "12345678901234567", "１２３４５６７８９"]:
        for limit in (4, 8, 8.5, 16):
            assert wider_than(text, limit) == (text_width(text) > limit), (text, limit)
