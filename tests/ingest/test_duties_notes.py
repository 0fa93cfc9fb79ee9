"""Unit notes in the layouts of 分工方案 (implementation notices), read by ingest/tasks.py: each
general rule with its own small text, in words of our own (no real document is quoted here)."""

from plantrack.ingest.tasks import _split_units, is_unit_name

from .test_tasks import tasks_of


def units(task: dict) -> tuple[list[str], list[str]]:
    return task["lead_units"], task.get("partner_units", [])


def test_a_responsibility_line_under_a_lead_line_names_supporting_units_of_the_same_item():
    got = tasks_of("1.新建城市绿道50公里。", "", "牵头单位：县园林局", "", "责任单位：县住建局、各乡镇人民政府",
                   "", "2.改造老旧小区12个。", "", "牵头单位：县住建局")
    assert [(t["line"], *units(t)) for t in got] == [
        (1, ["县园林局"], ["县住建局", "各乡镇人民政府"]), (7, ["县住建局"], [])]


def test_a_responsibility_line_alone_under_an_item_names_the_unit_in_charge():
    got = tasks_of("（一）城镇新增就业3000人", "", "责任单位：县人社局", "", "（二）新增造林1万亩", "", "责任单位：县林业局")
    assert [(t["line"], *units(t)) for t in got] == [(1, ["县人社局"], []), (5, ["县林业局"], [])]


def test_a_partner_line_under_a_lead_line_adds_supporting_units():
    got = tasks_of("建设乡村物流站点20个", "牵头单位：县商务局", "配合单位：县邮政分公司、县交通运输局")
    assert [units(t) for t in got] == [(["县商务局"], ["县邮政分公司", "县交通运输局"])]


def test_in_one_note_responsibility_after_lead_is_supporting():
    t = tasks_of("推进雨污分流改造。（牵头单位：县住建局；责任单位：县水务局、各街道办事处）")[0]
    assert units(t) == (["县住建局"], ["县水务局", "各街道办事处"])


def test_square_brackets_and_ascii_punctuation_hold_a_note_too():
    t = tasks_of("完善社区养老服务网络。[牵头单位:县民政局;责任单位:县卫健局,各街道(社区)]")[0]
    assert (t["text"], *units(t)) == ("完善社区养老服务网络", ["县民政局"], ["县卫健局", "各街道(社区)"])
    t = tasks_of("扩大职业技能培训规模。【牵头部门:县人社局,配合部门:县教育局、县总工会】")[0]
    assert units(t) == (["县人社局"], ["县教育局", "县总工会"])


def test_a_list_cut_off_at_the_end_of_the_text_keeps_its_organisations():
    t = tasks_of("城乡居民收入年均增长6%。(预期性指标,牵头单位:县统计局;责任单位:县发改局,各乡镇,下同不再列")[0]
    assert (t["text"], *units(t)) == ("城乡居民收入年均增长6%", ["县统计局"], ["县发改局", "各乡镇"])


def test_a_note_without_any_organisation_is_still_no_assignment():
    assert tasks_of("落实河长制。(责任单位:全体干部群众,人人有责") == []


def test_a_repost_in_traditional_script_keeps_the_units_as_written():
    t = tasks_of("推進政務服務一網通辦。(縣政務服務中心牽頭,縣級各有關部門及各鄉鎮政府按職責分工負責)")[0]
    assert units(t) == (["縣政務服務中心"], ["縣級各有關部門", "各鄉鎮政府"])
    t = tasks_of("新增城鎮就業2000人", "牽頭單位:縣人社局", "責任單位:各鄉鎮人民政府")[0]
    assert units(t) == (["縣人社局"], ["各鄉鎮人民政府"])


def test_names_are_split_at_spaces_only_when_every_piece_is_an_organisation():
    assert _split_units("县财政局 县审计局") == ["县财政局", "县审计局"]
    assert _split_units("县发展 改革局") == ["县发展 改革局"]
    assert _split_units("县级有关部门及各乡镇政府") == ["县级有关部门", "各乡镇政府"]


def test_development_zones_and_task_forces_are_units():
    assert is_unit_name("城东经济开发区") and is_unit_name("县招商引资工作专班") and is_unit_name("县工业园区")
    assert not is_unit_name("全县上下")


def test_a_single_list_that_marks_its_lead_gives_the_others_as_supporting_units():
    t = tasks_of("建设县域冷链物流中心。（责任单位：县商务局（牵头）、县农业农村局、县供销社）")[0]
    assert units(t) == (["县商务局"], ["县农业农村局", "县供销社"])


def test_a_list_that_says_its_units_lead_each_their_part_has_no_supporting_units():
    t = tasks_of("提高城乡居民医保参保率", "", "责任单位：县医保局、县税务局分别牵头")[0]
    assert units(t) == (["县医保局", "县税务局"], [])


def test_a_declared_first_listed_lead_applies_to_that_list_and_the_lists_after_it():
    got = tasks_of("1.新建村级光伏电站30座", "", "责任单位：县能源局、县财政局", "",
                   "2.建成5G基站200个", "", "责任单位：县工信局、县通信发展办(凡列多家单位的,列第一位为牵头单位,下同)", "",
                   "3.完成农村公路提档升级80公里", "", "责任单位：县交通运输局、各乡镇人民政府", "",
                   "4.开展全民阅读进乡村", "", "责任单位：县文旅局（牵头）、县教育局")
    assert [units(t) for t in got] == [
        (["县能源局", "县财政局"], []),  # before the notice said so, a list is all lead
        (["县工信局"], ["县通信发展办"]),
        (["县交通运输局"], ["各乡镇人民政府"]),
        (["县文旅局"], ["县教育局"]),
    ]
