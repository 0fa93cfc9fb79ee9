"""HTML pages as saved from a portal: the content as lines, tables as tab rows, furniture gone."""

import pytest

from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.html_text import NO_TEXT, decode_html, html_text, is_html


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>标题栏文字</title></head><body>{body}</body></html>".encode()


def lines(body: str, **kw) -> list[str]:
    return html_text(page(body, **kw), "p.html").splitlines()


def test_block_elements_are_lines_and_inline_elements_run_on():
    assert lines("<h1>第一章 发展目标</h1><p>到2025年，PM<sub>2.5</sub>浓度<b>下降</b>10%。<br>第二行</p>"
                 "<div>第二章<span> 重点任务</span></div>") == [
        "第一章 发展目标", "到2025年，PM2.5浓度下降10%。", "第二行", "第二章 重点任务"]


def test_spaces_collapse_and_lines_are_stripped_except_in_pre():
    assert lines("<p>\n   &nbsp;&nbsp;坚持   稳中求进\n   工作总基调。</p><pre>序号  指标\n1     森林</pre>") == [
        "坚持 稳中求进工作总基调。", "序号  指标", "1     森林"]


def test_scripts_styles_navigation_and_footers_are_dropped():
    body = ("<script>document.write('广告')</script><style>p{}</style>"
            '<nav>首页 政务公开</nav><div class="nav-bar">网站导航</div><div id="breadcrumb">当前位置</div>'
            '<div role="navigation">栏目</div><p>正文第一段。</p><!-- 注释 --><p>正文第二段。</p>'
            '<footer>版权所有</footer><div class="page_footer">联系我们</div>')
    assert lines(body) == ["正文第一段。", "正文第二段。"]


def test_a_single_article_is_the_content_of_the_page():
    body = '<div class="left">热点新闻 今日要闻</div><article><p>规划正文。</p></article><div>相关链接</div>'
    assert lines(body) == ["规划正文。"]


def test_rowspan_and_colspan_keep_every_cell_under_its_column():
    table = ("<table><tr><th rowspan=2>类别</th><th rowspan=2>指标</th><th colspan=2>规划目标</th><th rowspan=2>属性</th></tr>"
             "<tr><th>2020年</th><th>2025年</th></tr>"
             "<tr><td rowspan=2>经济发展</td><td>地区生产总值增长率</td><td>3.6</td><td>6左右</td><td>预期性</td></tr>"
             "<tr><td>常住人口城镇化率</td><td>60</td><td>65</td><td>预期性</td></tr>"
             "<tr><td colspan=5>注：城镇化率为常住人口口径。</td></tr></table>")
    assert lines(table) == [
        "类别\t指标\t规划目标\t\t属性",
        "\t\t2020年\t2025年",
        "经济发展\t地区生产总值增长率\t3.6\t6左右\t预期性",
        "\t常住人口城镇化率\t60\t65\t预期性",
        "注：城镇化率为常住人口口径。",
    ]


def test_a_category_merged_across_the_table_stays_a_row_of_it():
    table = ("<table><thead><tr><td>指标</td><td>2020年</td><td>2025年</td></tr></thead><tbody>"
             "<tr><td colspan=3>经济发展</td></tr><tr><td>地区生产总值增长率</td><td>3.6</td><td>6</td></tr>"
             "</tbody></table>")
    assert lines(table) == ["指标\t2020年\t2025年", "\t经济发展", "地区生产总值增长率\t3.6\t6"]


def test_a_rowspan_in_a_middle_column_leaves_its_place_empty_below():
    table = ("<table><tr><td>指标</td><td rowspan=3>%</td><td>2025年</td></tr><tr><td>森林覆盖率</td><td>30</td></tr>"
             "<tr><td>草原综合植被盖度</td><td>72</td></tr></table>")
    assert lines(table) == ["指标\t%\t2025年", "森林覆盖率\t\t30", "草原综合植被盖度\t\t72"]


def test_a_cell_wrapped_into_paragraphs_is_one_cell():
    assert lines("<table><tr><td><p>单位地区生产总值</p><p>能源消耗降低</p></td><td>%</td></tr></table>") == [
        "单位地区生产总值能源消耗降低\t%"]


def test_a_layout_table_around_the_page_is_read_as_blocks():
    body = "<table><tr><td><p>第一章 总则</p><table><tr><td>指标</td><td>单位</td></tr></table></td></tr></table>"
    assert lines(body) == ["第一章 总则", "指标\t单位"]


def test_the_declared_charset_is_used_and_gb2312_read_as_gb18030():
    data = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>镕基</p></body></html>'
    assert html_text(data.encode("gb18030"), "gbk.htm") == "镕基\n"


def test_without_a_declaration_the_charset_is_detected():
    data = "<html><body><p>森林覆盖率</p></body></html>"
    assert decode_html(data.encode("gbk"), "x.html") == data
    assert decode_html(data.encode("utf-8"), "x.html") == data


def test_a_wrong_declaration_falls_back_to_detection():
    data = '<html><head><meta charset="utf-8"></head><body><p>森林覆盖率</p></body></html>'
    assert "森林覆盖率" in html_text(data.encode("gbk"), "x.html")


@pytest.mark.parametrize("data, yes", [
    (b"<!DOCTYPE html><p>x</p>", True),
    (b"\xef\xbb\xbf\n  <html><body>x</body></html>", True),
    (b"<table><tr><td>x</td></tr></table>", True),
    ("细颗粒物（PM<sub>2.5</sub>）浓度\n<table>".encode(), False),
    ("第一章 总则\n".encode(), False),
])
def test_a_page_is_told_from_text_by_its_content(data, yes):
    assert is_html(data) is yes


@pytest.mark.parametrize("data", [
    page("<script>var a = 1;</script>"),
    page('<nav>首页</nav><div class="footer">版权所有</div>'),
    b"<html><body>   &nbsp; </body></html>",
])
def test_a_page_without_text_is_refused_by_name(data):
    with pytest.raises(PlanInputError) as exc:
        html_text(data, "empty.html")
    assert exc.value.reason == NO_TEXT and "empty.html" in exc.value.message()
    assert "\n" not in exc.value.message()


def test_broken_markup_is_read_as_a_browser_reads_it():
    data = "<html><body><p>第一段<p>第二段<table><tr><td>指标<td>单位</table></div></span><p>第三段".encode()
    assert html_text(data, "broken.html").splitlines() == ["第一段", "第二段", "指标\t单位", "第三段"]


def test_a_line_break_in_the_markup_inside_a_chinese_sentence_is_no_space():
    assert lines("<p>坚持把发展经济的着力点放在实体经济上，推动产业\n    转型升级，<span>建设\n现代</span>产业体系。"
                 "Made in\nChina 2025</p>") == ["坚持把发展经济的着力点放在实体经济上，推动产业转型升级，建设现代产业体系。Made in China 2025"]


def test_a_table_caption_is_the_line_above_its_rows():
    assert lines("<table><caption>表1 主要指标</caption><tr><td>指标</td><td>单位</td></tr></table>") == [
        "表1 主要指标", "指标\t单位"]


def test_an_article_keeps_its_own_header_and_hidden_elements_are_dropped():
    body = ('<header>政府网站</header><article><header class="article-header"><h1>江河县“十四五”规划</h1></header>'
            '<div style="display: none">隐藏内容</div><p hidden>也隐藏</p><p>正文。</p></article><footer>版权</footer>')
    assert lines(body) == ["江河县“十四五”规划", "正文。"]


def test_word_saved_as_a_web_page_reads_as_its_text():
    body = ('<div class=WordSection1><p class=MsoNormal><span lang=EN-US>第一章<span style="mso-spacerun:yes">&nbsp; '
            '</span></span>发展目标<o:p></o:p></p><table class=MsoNormalTable border=1><tr><td rowspan=2><p class=MsoNormal>'
            '环境质量</p></td><td><p class=MsoNormal>森林覆盖率<o:p></o:p></p></td><td><p>约束性</p></td></tr>'
            '<tr><td><p class=MsoNormal>草原综合植被盖度</p></td><td><p>预期性</p></td></tr></table></div>')
    assert lines(body, head='<meta http-equiv=Content-Type content="text/html; charset=gb2312">') == [
        "第一章  发展目标", "环境质量\t森林覆盖率\t约束性", "\t草原综合植被盖度\t预期性"]


def test_utf8_bytes_are_utf8_even_under_an_old_gb2312_declaration():
    data = '<html><head><meta charset="gb2312"></head><body><p>森林覆盖率</p></body></html>'
    assert html_text(data.encode("utf-8"), "resaved.html") == "森林覆盖率\n"
    latin = data.replace("gb2312", "iso-8859-1")
    assert html_text(latin.encode("utf-8"), "mislabelled.html") == "森林覆盖率\n"
