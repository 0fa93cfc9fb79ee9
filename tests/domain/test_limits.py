"""The limits read their environment variables on each call and refuse nonsense in Chinese."""

from __future__ import annotations

import pytest

from plantrack.domain import limits


def test_defaults_and_overrides(monkeypatch):
    for name in ("PLANTRACK_MAX_PDF_PAGES", "PLANTRACK_MAX_IMPORT_ROWS", "PLANTRACK_MAX_REQUEST_MB"):
        monkeypatch.delenv(name, raising=False)
    assert limits.max_pdf_pages() == 1000 and limits.max_import_rows() == 50_000
    assert limits.max_request_bytes() is None
    monkeypatch.setenv("PLANTRACK_MAX_PDF_PAGES", "7")
    monkeypatch.setenv("PLANTRACK_MAX_REQUEST_MB", "0.5")
    assert limits.max_pdf_pages() == 7 and limits.max_request_bytes() == 512 * 1024


@pytest.mark.parametrize("raw", ["abc", "0", "-3"])
def test_a_bad_setting_is_named(monkeypatch, raw):
    monkeypatch.setenv("PLANTRACK_MAX_PDF_PAGES", raw)
    with pytest.raises(limits.LimitExceeded, match="PLANTRACK_MAX_PDF_PAGES"):
        limits.max_pdf_pages()


def test_rows_and_pages_are_refused_just_past_the_limit(monkeypatch):
    monkeypatch.setenv("PLANTRACK_MAX_IMPORT_ROWS", "10")
    limits.check_rows(10)
    with pytest.raises(limits.LimitExceeded, match="超过 10 行"):
        limits.check_rows(11)


def test_something_that_is_not_a_zip_is_left_to_its_reader():
    limits.check_zip(b"not a zip", "Word 文档")
