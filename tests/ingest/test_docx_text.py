"""Word documents: body paragraphs and tables in document order, each table row one tab line."""

import io

import docx
import pytest

from plantrack.ingest.docx_text import docx_text
from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.pipeline import parse_file

from .documents import CHAPTER_TWO, OPENING_LINES, docx_bytes, plan_docx


def test_paragraphs_and_table_rows_come_in_document_order():
    assert docx_text(plan_docx(), "plan.docx").splitlines() == [
        *OPENING_LINES,
        CHAPTER_TWO,
        "坚持把发展经济的着力点放在实体经济上，推动产业转型升级，建设现代产业体系。",
    ]


def test_merged_cells_appear_once_and_keep_the_other_cells_in_their_columns():
    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    grid = [["类别", "指标", "规划目标", None, "属性"],
            [None, None, "2020年", "2025年", None],
            ["经济发展", "地区生产总值增长率", "3.6", "6左右", "预期性"],
            [None, "常住人口城镇化率", "60", "65", "预期性"],
            ["注：城镇化率为常住人口口径。", None, None, None, None]]
    merges = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (1, 4)),
              ((2, 0), (3, 0)), ((4, 0), (4, 4))]
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    for r, values in enumerate(grid):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    assert docx_text(docx_bytes(document), "merged.docx").splitlines() == [
        "类别\t指标\t规划目标\t\t属性",
        "\t\t2020年\t2025年",
        "经济发展\t地区生产总值增长率\t3.6\t6左右\t预期性",
        "\t常住人口城镇化率\t60\t65\t预期性",
        "注：城镇化率为常住人口口径。",
    ]


def test_a_box_drawn_as_a_one_cell_table_reads_as_its_paragraphs():
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "专栏1 重大工程"
    cell.add_paragraph("（1）清河生态修复工程。")
    cell.add_paragraph("（2）城区供热管网改造工程。")
    assert docx_text(docx_bytes(document), "box.docx").splitlines() == [
        "专栏1 重大工程", "（1）清河生态修复工程。", "（2）城区供热管网改造工程。"]


def test_a_word_plan_parses_to_its_indicators_and_targets(tmp_path):
    path = tmp_path / "qinghe.docx"
    path.write_bytes(plan_docx())
    plan = parse_file(path)
    assert plan["source"]["encoding"] == "docx"
    assert [h["label"] for h in plan["outline"]] == ["第一章", "第二章"]
    assert [(i["name"], i["unit"], i["base_value"], i["target_text"], i["target_value"], i["binding"])
            for i in plan["indicators"]] == [
        ("地区生产总值增长率", "%", 3.6, "6左右", 6, "expected"),
        ("森林覆盖率", "%", 28, "30", 30, "binding"),
        ("单位地区生产总值能源消耗降低", "%", None, "完成省下达任务", None, "binding"),
    ]
    assert {(t["subject"], t["value"], t["unit"], t["year"]) for t in plan["targets"]} == {("全市森林覆盖率", 30, "%", 2025)}


@pytest.mark.parametrize(
    "data, reason",
    [
        (plan_docx()[:4000], "已损坏"),
        (b"PK\x03\x04" + b"\x00" * 200, "已损坏"),
    ],
)
def test_a_broken_word_document_is_refused_by_name(data, reason):
    with pytest.raises(PlanInputError) as exc:
        docx_text(data, "broken.docx")
    assert reason in exc.value.message() and "broken.docx" in exc.value.message()


def test_a_zip_that_is_not_a_word_document_is_refused():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(PlanInputError) as exc:
        docx_text(buf.getvalue(), "book.docx")
    assert "不是 Word 文档" in exc.value.message()
