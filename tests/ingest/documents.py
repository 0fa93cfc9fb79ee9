"""Small plans as Word and PDF files, built in the test: the same plan in both formats.

A title, 第一章 with a prose target, the main-indicator table, and 第二章. The PDF puts 第二章 on
a second page, with a sentence running across the page break and page numbers at the bottom.
"""

from __future__ import annotations

import io

TITLE = "清河市国民经济和社会发展第十四个五年规划纲要"
CHAPTER_ONE = "第一章 发展目标"
TARGET = "到2025年，全市森林覆盖率达到30%。"
TABLE_TITLE = "表1 “十四五”时期主要指标"
INDICATORS = [
    ["指标", "单位", "2020年", "2025年", "属性"],
    ["地区生产总值增长率", "%", "3.6", "6左右", "预期性"],
    ["森林覆盖率", "%", "28", "30", "约束性"],
    ["单位地区生产总值能源消耗降低", "%", "—", "完成省下达任务", "约束性"],
]
AFTER_TABLE = "上述指标由市统计局会同有关部门监测。"
# What both readers give for everything before 第二章: the table as tab rows in its place.
OPENING_LINES = [
    TITLE,
    CHAPTER_ONE,
    TARGET,
    TABLE_TITLE,
    "指标\t单位\t2020年\t2025年\t属性",
    "地区生产总值增长率\t%\t3.6\t6左右\t预期性",
    "森林覆盖率\t%\t28\t30\t约束性",
    "单位地区生产总值能源消耗降低\t%\t—\t完成省下达任务\t约束性",
    AFTER_TABLE,
]
CHAPTER_TWO = "第二章 重点任务"
ACROSS_PAGES = ("坚持把发展经济的着力点放在实体经济上，推动产业", "转型升级，建设现代产业体系。")


def plan_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_heading(CHAPTER_ONE, level=1)
    document.add_paragraph(TARGET)
    document.add_paragraph(TABLE_TITLE)
    table = document.add_table(rows=len(INDICATORS), cols=len(INDICATORS[0]))
    for row, values in zip(table.rows, INDICATORS):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph(AFTER_TABLE)
    document.add_heading(CHAPTER_TWO, level=1)
    document.add_paragraph("".join(ACROSS_PAGES))
    return docx_bytes(document)


def docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def cjk_font():
    """The CJK TrueType font the report writer embeds, or None on a machine without one."""
    from plantrack.report.fonts import find_cjk_font

    return find_cjk_font()


def plan_pdf() -> bytes:
    """The plan on two A4 pages: page 1 numbered "- 1 -", page 2 numbered with a bare "2"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    font = cjk_font()
    pdfmetrics.registerFont(TTFont("TestCJK", font.path, subfontIndex=font.index))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4

    def write(y: float, text: str, size: float = 10.5, x: float = 72) -> None:
        c.setFont("TestCJK", size)
        c.drawString(x, height - y, text)

    write(80, TITLE, 16)
    write(130, CHAPTER_ONE, 14)
    write(160, TARGET, x=93)
    write(185, TABLE_TITLE)
    table = Table(INDICATORS)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "TestCJK"), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    _, table_height = table.wrapOn(c, width, height)
    table.drawOn(c, 72, height - 200 - table_height)
    write(220 + table_height, AFTER_TABLE, x=93)
    write(250 + table_height, ACROSS_PAGES[0], x=93)
    c.setFont("TestCJK", 9)
    c.drawCentredString(width / 2, 30, "- 1 -")
    c.showPage()
    write(72, ACROSS_PAGES[1])
    write(110, CHAPTER_TWO, 14)
    write(140, "加快建设现代产业体系。", x=93)
    c.setFont("TestCJK", 9)
    c.drawCentredString(width / 2, 30, "2")
    c.showPage()
    c.save()
    return buf.getvalue()


def blank_pdf() -> bytes:
    """A page with a drawing and no text layer, as a scanner leaves it."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(72, 72, 300, 500, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted(pdf: bytes, password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
