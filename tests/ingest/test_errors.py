"""Input errors name the file and say what is wrong in one line."""

from plantrack.ingest.errors import PlanInputError


def test_the_message_names_the_file_in_chinese():
    assert PlanInputError("a.html", "网页中没有可识别的正文文字").message() == "无法读取规划文件 a.html：网页中没有可识别的正文文字"


def test_a_reason_quoting_a_multi_line_library_message_is_one_line():
    error = PlanInputError("b.pdf", "PDF 文件已损坏，无法读取（PSSyntaxError: bad\n  token at\r\n 12）")
    assert error.reason == "PDF 文件已损坏，无法读取（PSSyntaxError: bad token at 12）"
    assert "\n" not in error.message()
