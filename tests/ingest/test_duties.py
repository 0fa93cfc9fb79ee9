"""任务分工 tables: told apart by a header naming the lead role, read row by row with each row's line."""

from plantrack.ingest.clean import Line
from plantrack.ingest.duties import cells, header_columns, read_duty_tables


def rows_of(*texts: str) -> list[dict]:
    return read_duty_tables([Line(no, text) for no, text in enumerate(texts, start=1)])


def test_a_tab_table_gives_each_task_with_its_lead_and_supporting_units_and_due():
    got = rows_of("序号\t重点任务\t牵头单位\t配合单位\t完成时限",
                  "1\t推进煤炭清洁高效利用\t省能源局\t省发展改革委、省生态环境厅\t2025年底")
    assert got == [{"item_kind": "task", "item": "推进煤炭清洁高效利用", "lead_units": ["省能源局"],
                    "supporting_units": ["省发展改革委", "省生态环境厅"], "due": "2025年底", "line": 2, "header_line": 1}]


def test_a_space_flattened_table_with_a_responsibility_column_is_read_too():
    got = rows_of("序号  主要任务  责任单位  完成时间", "1  整治入河排污口  市生态环境局  2022年",
                  "2  建设污水处理厂  市住建局、市水务局  2023年", "第三章 保障措施")
    assert [(r["item"], r["lead_units"], r["supporting_units"], r["line"]) for r in got] == [
        ("整治入河排污口", ["市生态环境局"], [], 2), ("建设污水处理厂", ["市住建局", "市水务局"], [], 3)]


def test_category_lines_inside_the_table_are_skipped_and_merged_task_cells_inherit_the_task():
    got = rows_of("序号\t任务\t牵头单位\t配合单位", "一、产业", "1\t建设高标准农田\t省农业农村厅\t省财政厅",
                  "\t\t省自然资源厅\t", "二、生态", "2\t修复汾河\t省水利厅\t")
    assert [(r["item"], r["lead_units"], r["line"]) for r in got] == [
        ("建设高标准农田", ["省农业农村厅"], 3), ("建设高标准农田", ["省自然资源厅"], 4), ("修复汾河", ["省水利厅"], 6)]


def test_a_table_ends_at_prose():
    got = rows_of("序号\t任务\t牵头单位", "1\t建设高标准农田\t省农业农村厅", "",
                  "各牵头单位要切实负起责任，配合单位要积极支持。", "2\t不在表中\t省财政厅")
    assert [r["line"] for r in got] == [2]


def test_headers_without_a_lead_role_are_not_duty_tables():
    assert header_columns(cells("指标\t单位\t2020年\t2025年\t属性")) is None
    assert header_columns(cells("牵头单位：市水利局")) is None
    assert rows_of("各牵头单位要切实负起责任。") == []


def test_the_item_column_header_says_whether_rows_are_tasks_indicators_or_projects():
    assert [r["item_kind"] for r in rows_of("序号  指标名称  责任单位", "1  森林覆盖率  县林业局")] == ["indicator"]
    assert [r["item_kind"] for r in rows_of("序号\t工程名称\t牵头单位", "1\t汾河治理工程\t省水利厅")] == ["project"]


def test_a_traditional_script_header_is_a_duty_header_and_cells_keep_their_script():
    got = rows_of("序號\t重點任務\t牽頭單位\t配合單位", "1\t整治城區黑臭水體\t縣生態環境局\t縣水務局、縣住建局")
    assert [(r["item"], r["lead_units"], r["supporting_units"]) for r in got] == [
        ("整治城區黑臭水體", ["縣生態環境局"], ["縣水務局", "縣住建局"])]


def test_a_responsibility_cell_that_marks_its_lead_gives_the_others_as_supporting_units():
    got = rows_of("序号\t工作任务\t责任单位", "1\t建成智慧停车平台\t县交通运输局（牵头）、县公安局、县城管局",
                  "2\t开展全民健身赛事\t县文体局 县总工会")
    assert [(r["lead_units"], r["supporting_units"]) for r in got] == [
        (["县交通运输局"], ["县公安局", "县城管局"]), (["县文体局", "县总工会"], [])]
