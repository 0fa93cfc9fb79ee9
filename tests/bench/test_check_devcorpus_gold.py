"""The gold line checker (bench/check_devcorpus_gold.py) catches a hand-typed slip, and the
devcorpus gold passes it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _checker():
    spec = importlib.util.spec_from_file_location("check_devcorpus_gold", REPO / "bench" / "check_devcorpus_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HEADER = "indicator\tunit\tbase_year\tbase_value\ttarget_year\ttarget_value\ttarget_text\tbinding\tcategory\tsource_line\n"
DOC = "规划\n\n表1 主要指标\n森林覆盖率(%) 45.30 46.3 约束性\n森林蓄积量(万立方米) 4606.24 5000 约束性\n"


def _corpus(tmp_path: Path, rows: str) -> Path:
    (tmp_path / "plan.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "plan.indicators.tsv").write_text(HEADER + rows, encoding="utf-8")
    return tmp_path


def test_a_correct_row_passes_and_a_number_may_drop_its_trailing_zero(tmp_path):
    corpus = _corpus(tmp_path, "森林覆盖率\t%\t2020\t45.3\t2025\t46.3\t46.3\t约束性\t\t4\n")
    assert _checker().check_file(corpus / "plan.indicators.tsv") == []


def test_a_value_absent_from_the_text_is_reported(tmp_path):
    corpus = _corpus(tmp_path, "森林覆盖率\t%\t2020\t45.3\t2025\t47\t47\t约束性\t\t4\n")
    problems = _checker().check_file(corpus / "plan.indicators.tsv")
    assert any("target_text '47'" in p for p in problems)
    assert any("target_value '47'" in p for p in problems)


def test_a_source_line_far_from_the_name_is_reported(tmp_path):
    rows = "森林蓄积量\t万立方米\t2020\t4606.24\t2025\t5000\t5000\t约束性\t\t1\n"
    (tmp_path / "plan.txt").write_text("\n" * 10 + DOC, encoding="utf-8")
    (tmp_path / "plan.indicators.tsv").write_text(HEADER + rows, encoding="utf-8")
    problems = _checker().check_file(tmp_path / "plan.indicators.tsv")
    assert any("name not near line 1" in p for p in problems)


def test_the_devcorpus_gold_passes():
    checker = _checker()
    golds = sorted((REPO / "devcorpus").glob("*.indicators.tsv")) + sorted((REPO / "devcorpus").glob("*.targets.tsv"))
    assert golds
    assert [p for gold in golds for p in checker.check_file(gold)] == []
