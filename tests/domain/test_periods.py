"""The one wording of a plan's period, shared by the CLI catalogue and the web pages."""

from plantrack.domain.periods import period_text
from plantrack.web.queries import period_text as page_period_text


def test_period_wordings():
    assert period_text(2021, 2025) == "2021—2025年"
    assert period_text(None, 2025) == "至2025年"
    assert period_text(2021, None) == "2021年起"
    assert period_text(None, None) == "—"


def test_pages_use_the_same_function():
    assert page_period_text is period_text
