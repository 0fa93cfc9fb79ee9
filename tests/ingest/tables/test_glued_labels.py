"""Group labels run into the first name of their group (glued tables): cut off on evidence of that
damage, whatever the sector's words; kept joined where the head may be the name's own word."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.glued import group_labels


def test_heads_closing_in_the_same_word_apart_in_the_table_are_labels_in_any_sector():
    names = ["工业节能规模以上企业单位增加值能耗下降率", "重点用能单位能耗在线监测覆盖率",
             "公共机构节能人均综合能耗下降率", "单位建筑面积能耗下降率"]
    assert group_labels(names) == [
        ("工业节能", "规模以上企业单位增加值能耗下降率"),
        ("工业节能", "重点用能单位能耗在线监测覆盖率"),
        ("公共机构节能", "人均综合能耗下降率"),
        ("公共机构节能", "单位建筑面积能耗下降率"),
    ]


def test_a_label_word_recurring_with_any_wording_of_the_group():
    names = ["能源消费指标煤炭消费比重", "天然气消费比重", "环境质量指标空气质量优良天数比例", "地表水优良水体比例"]
    assert [c for c, _ in group_labels(names)] == ["能源消费指标", "能源消费指标", "环境质量指标", "环境质量指标"]
    assert [n for _, n in group_labels(names)][0] == "煤炭消费比重"


def test_a_head_whose_words_come_back_in_its_name_is_a_label():
    names = ["工业节能单位工业增加值能耗下降率", "规模以上工业企业能源管理体系覆盖率",
             "交通运输营运车辆单位运输周转量能耗下降率", "城市公共交通机动化出行分担率"]
    assert group_labels(names) == [
        ("工业节能", "单位工业增加值能耗下降率"),  # its sector word 工业 comes back
        ("工业节能", "规模以上工业企业能源管理体系覆盖率"),
        ("交通运输", "营运车辆单位运输周转量能耗下降率"),  # its last word 运输 comes back
        ("交通运输", "城市公共交通机动化出行分担率"),
    ]


def test_parallel_names_next_to_each_other_keep_their_first_words():
    names = ["城市生活污水处理率", "县城生活污水处理率", "城市生活垃圾无害化处理率", "县城生活垃圾无害化处理率"]
    assert group_labels(names) == [(None, n) for n in names]


def test_a_head_word_the_table_uses_inside_names_is_not_a_label_word():
    # 节水 closes two heads apart in the table, but 节水器具… uses it as an indicator's own word.
    names = ["农业节水灌溉面积比例", "城镇供水管网漏损率", "工业节水型企业覆盖率", "节水器具普及率"]
    assert group_labels(names) == [(None, n) for n in names]


def test_a_name_keeps_its_own_first_word_after_a_label():
    # Heads closing in 万元 recur too, but the shorter head with evidence (指标, 农业 again) is the label.
    names = ["综合指标万元产值用水量", "用水总量", "农业节水万元农业增加值用水量", "灌溉水有效利用系数",
             "管理类指标计划用水管理率"]
    assert [c for c, _ in group_labels(names)] == ["综合指标", "综合指标", "农业节水", "农业节水", "管理类指标"]
    assert [n for _, n in group_labels(names)][2] == "万元农业增加值用水量"


def test_a_glued_transport_table_carries_its_labels_as_categories():
    text = ("交通节能目标表指标目标值2021年2022年2023年交通运输营运车辆单位运输周转量能耗下降率1%2%3%"
            "城市公共交通机动化出行分担率50%55%60%新能源公交车占比30%40%50%\n")
    [table] = find_tables(clean_text(text))
    rows = {r["name"]: r for r in table.indicator_rows()}
    assert set(rows) == {"营运车辆单位运输周转量能耗下降率", "城市公共交通机动化出行分担率", "新能源公交车占比"}
    assert {r["category"] for r in rows.values()} == {"交通运输"}
    assert rows["城市公共交通机动化出行分担率"]["target_value"] == 60
