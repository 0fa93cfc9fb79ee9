"""Reading plan files: encodings detected, unreadable input refused with a Chinese reason."""

import pytest

from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.read import decode_plan_bytes, read_plan_file

TEXT = "第一章 总体要求\n到2025年，森林覆盖率达到26%。\n"


def test_utf8_is_read_as_utf8():
    assert decode_plan_bytes(TEXT.encode("utf-8")).encoding == "utf-8"


def test_a_utf8_bom_is_dropped():
    src = decode_plan_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert src.encoding == "utf-8" and src.text == TEXT


def test_gbk_bytes_are_read_as_gb18030():
    src = decode_plan_bytes(TEXT.encode("gbk"))
    assert src.encoding == "gb18030" and src.text == TEXT


def test_the_sha256_is_of_the_bytes():
    import hashlib

    data = TEXT.encode("utf-8")
    assert decode_plan_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
        (b"plan \x80\xff\x80\xff" * 20, "编码"),
    ],
)
def test_unreadable_input_is_refused_with_a_chinese_reason(data, reason):
    with pytest.raises(PlanInputError) as exc:
        decode_plan_bytes(data, "x.txt")
    assert reason in exc.value.message() and "x.txt" in exc.value.message()


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(PlanInputError) as exc:
        read_plan_file(tmp_path / "missing.txt")
    assert "missing.txt" in exc.value.message() and "不存在" in exc.value.message()
