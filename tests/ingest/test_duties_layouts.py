"""More layouts of unit notes in 分工方案, each a general rule with its own small synthetic text (words
of our own), added after the held-out excerpts (tests/fixtures/duties/heldout) were measured."""

from plantrack.ingest.tasks import _split_units, is_unit_name

from .test_duties_notes import units
from .test_tasks import tasks_of


def test_a_leader_line_between_an_item_and_its_unit_lines_is_not_an_item():
    got = tasks_of("1. 新增城镇就业5000人。", "", "牵头负责领导:王明。", "", "牵头责任单位:县人社局。", "",
                   "协同责任单位:县财政局、县总工会。", "", "2. 建成乡村公路80公里。", "", "责任领导：李华",
                   "牵头责任单位：县交通运输局")
    assert [(t["line"], *units(t)) for t in got] == [
        (1, ["县人社局"], ["县财政局", "县总工会"]), (9, ["县交通运输局"], [])]


def test_levels_of_government_sharing_one_body_are_one_unit():
    assert _split_units("县水利局、各乡、镇政府") == ["县水利局", "各乡、镇政府"]
    assert _split_units("各县、市、区人民政府、市财政局") == ["各县、市、区人民政府", "市财政局"]
    assert _split_units("县水利局、县林业局") == ["县水利局", "县林业局"]


def test_customs_and_the_central_bank_branch_are_organisations():
    assert is_unit_name("江城海关") and is_unit_name("市人行")
    t = tasks_of("扩大跨境贸易结算规模。（责任单位：市商务局；配合单位：江城海关、市人行）")[0]
    assert units(t) == (["市商务局"], ["江城海关", "市人行"])


def test_units_acting_by_their_duties_lead_together():
    t = tasks_of("完成省下达的减排任务。(省生态厅、省工信厅按职责分工负责)")[0]
    assert units(t) == (["省生态厅", "省工信厅"], [])


def test_a_unit_assisting_another_supports_it():
    t = tasks_of("将约束性指标纳入年度考核。(县人社局配合县委有关部门落实)")[0]
    assert units(t) == (["县委有关部门"], ["县人社局"])


def test_a_bracketed_alternative_body_stays_in_the_name_a_remark_does_not():
    t = tasks_of("1.推进老旧管网改造。", "责任单位:县住建局、各乡镇政府(管委会)")[0]
    assert units(t) == (["县住建局", "各乡镇政府(管委会)"], [])
    t = tasks_of("2.推进污水管网改造。", "责任单位:县住建局、县水务局(列第一位为牵头单位)")[0]
    assert units(t) == (["县住建局"], ["县水务局"])  # the remark declares the first unit leads


def test_a_note_alone_after_sub_items_belongs_to_their_numbered_item():
    got = tasks_of("1.完善防汛预案", "(1)修订县级防汛预案。", "(2)每年组织一次演练。",
                   "(责任单位:县应急局、各乡镇人民政府)", "2.建设应急物资库", "(1)新建县级物资库一座。")
    assert [(t["line"], *units(t)) for t in got] == [(1, ["县应急局", "各乡镇人民政府"], [])]
    # a note alone after a plain line still closes that line
    got = tasks_of("推进防汛设施建设。", "(责任单位:县水务局)")
    assert [(t["line"], *units(t)) for t in got] == [(1, ["县水务局"], [])]
