"""Reading the number a cell states, and nothing more."""

import pytest

from plantrack.domain.values import is_compound, is_empty_cell, join_digit_groups, leading_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("59.55*", 59.55),
        (">10000", 10000),
        ("5个左右", 5),
        ("[15]", 15),
        ("[-17]", -17),
        ("≤0.5", 0.5),
        ("[≥17.6]", 17.6),
        ("12,力争达到全国平均水平", 12),
        ("95以上", 95),
        ("控制在0.2以下", 0.2),
        ("29.53万吨", 29.53),
        ("44μg/m3", 44),
        ("１３５０．５", 1350.5),
        ("1 350", 1350),
        ("1,350", 1350),
    ],
)
def test_a_cell_with_one_figure_gives_that_figure(text, value):
    assert leading_number(text) == value


@pytest.mark.parametrize("text", ["-", "—", "完成国家考核目标", "0/97/0/81", "(-/5)/(-/10)", "5-8", "不减少", None])
def test_cells_without_one_figure_give_none(text):
    assert leading_number(text) is None


def test_dashes_are_empty_cells():
    assert is_empty_cell("-") and is_empty_cell(" — ") and not is_empty_cell("0")


def test_compound_cells_are_recognised():
    assert is_compound("1/10/1/2") and is_compound("-/1") and not is_compound("人/亿元")


def test_digit_groups_join_only_as_thousands():
    assert join_digit_groups("1 350.5") == "1350.5"
    assert join_digit_groups("147.15 174") == "147.15 174"


def test_an_equals_sign_marks_an_exact_value_and_signed_parts_make_a_compound():
    from plantrack.domain.values import is_compound, leading_number
    assert leading_number("=100") == 100
    assert is_compound("<4/<5.5") and leading_number("<4/<5.5") is None
    assert not is_compound(">80")


def test_the_character_for_one_alone_in_a_cell_is_an_empty_mark():
    from plantrack.domain.values import is_empty_cell, leading_number
    assert is_empty_cell("一") and leading_number("一") is None
    assert not is_empty_cell("一般")
