"""Plan keys are written in a safe alphabet; a bad key is refused naming the key and the rule."""

from __future__ import annotations

import pytest

from plantrack.domain.keys import MAX_KEY_LENGTH, key_from_name, key_problem


@pytest.mark.parametrize("key", ["shanxi-14th", "山西省十四五规划", "plan_2021.v2", "Ｐlan", "a" * MAX_KEY_LENGTH])
def test_safe_keys_are_accepted(key):
    assert key_problem(key) is None


@pytest.mark.parametrize("key, says", [
    ("..", "不能以 . 开头"), (".", "不能以 . 开头"), (".txt", "不能以 . 开头"), ("a..b", "不能含有 .."),
    ("abc\u202etxt.exe", "U+202E"), ("a\u200fb", "U+200F"), ("a\x00b", "U+0000"), ("a b", "U+0020"),
    ("a/b", "字符“/”"), ("a\\b", "字符“\\”"), ("<script>", "字符“<”"), ("", "不能为空"),
    ("长" * (MAX_KEY_LENGTH + 1), "过长"),
])
def test_unsafe_keys_are_refused_with_a_chinese_reason(key, says):
    problem = key_problem(key)
    assert problem is not None and says in problem and "规划键只能由字母、数字、汉字和 - _ . 组成" in problem
    assert "\u202e" not in problem and "\x00" not in problem  # the key is shown, never its controls


@pytest.mark.parametrize("name, key", [
    ("山西省“十四五”规划（2021-2025）", "山西省-十四五-规划-2021-2025"), (".hidden", "hidden"), ("..", "plan"),
    ("a..b c", "a.b-c"), ("evil\u202egpj", "evil-gpj"), ("x" * 150, "x" * MAX_KEY_LENGTH),
])
def test_default_keys_made_from_file_names_are_safe(name, key):
    assert key_from_name(name) == key
    assert key_problem(key) is None
