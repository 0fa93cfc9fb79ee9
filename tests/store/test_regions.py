"""The regions gazetteer: the packaged CSV and the pure functions over it."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from plantrack.store.regions import (
    ENV_DIR,
    Region,
    ancestors,
    children,
    find_regions,
    load_regions,
    resolve_region,
    short_name,
)

SHANXI_CITIES = {
    "140100": "太原市", "140200": "大同市", "140300": "阳泉市", "140400": "长治市",
    "140500": "晋城市", "140600": "朔州市", "140700": "晋中市", "140800": "运城市",
    "140900": "忻州市", "141000": "临汾市", "141100": "吕梁市",
}


@pytest.fixture(scope="module")
def regions() -> list[Region]:
    return load_regions(extra_dir=None)


@pytest.fixture(autouse=True)
def _no_env_dir(monkeypatch):
    monkeypatch.delenv(ENV_DIR, raising=False)


def _write(path: Path, *rows: str) -> Path:
    path.write_text("code,name,level,parent_code\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_packaged_csv_loads(regions):
    by_level = collections.Counter(r.level for r in regions)
    assert by_level["national"] == 1
    assert by_level["province"] == 34
    assert all(isinstance(r, Region) for r in regions)
    nation = [r for r in regions if r.level == "national"][0]
    assert (nation.code, nation.name, nation.parent_code) == ("000000", "全国", "")


def test_shanxi_has_its_eleven_cities(regions):
    cities = {r.code: r.name for r in children("140000", regions)}
    assert cities == SHANXI_CITIES
    assert all(r.level == "city" for r in children("140000", regions))
    counties = [r for r in regions if r.level == "county" and r.parent_code in SHANXI_CITIES]
    assert len(counties) == 117


def test_recent_changes_are_in(regions):
    by_code = {r.code: r for r in regions}
    assert by_code["140703"] == Region("140703", "太谷区", "county", "140700")  # 2019
    assert by_code["140681"] == Region("140681", "怀仁市", "county", "140600")  # 2018
    assert "140624" not in by_code  # the former 怀仁县


def test_every_row_has_a_parent_and_codes_are_unique(regions):
    codes = [r.code for r in regions]
    assert len(codes) == len(set(codes))
    by_code = {r.code: r for r in regions}
    rank = {"national": 0, "province": 1, "city": 2, "county": 3}
    for r in regions:
        if r.level == "national":
            continue
        assert r.parent_code in by_code, r
        assert rank[by_code[r.parent_code].level] < rank[r.level], r
        assert len(r.code) == 6 and r.code.isdigit()


def test_resolve_full_and_short_names(regions):
    assert resolve_region("运城", regions).code == "140800"
    assert resolve_region("运城市", regions).code == "140800"
    assert resolve_region("山西省", regions).code == "140000"
    assert resolve_region("山西", regions).code == "140000"
    assert resolve_region("忻州", regions).code == "140900"
    assert resolve_region("广西", regions).code == "450000"
    assert resolve_region("内蒙古", regions).code == "150000"
    assert resolve_region(" 太谷区 ", regions).code == "140703"
    assert resolve_region("太谷县", regions).code == "140703"  # former name, short form survives
    assert resolve_region("140900", regions).code == "140900"
    assert resolve_region("全国", regions).code == "000000"
    assert resolve_region("中国", regions).code == "000000"
    assert resolve_region("不存在市", regions) is None
    assert resolve_region("", regions) is None


def test_ambiguous_county_resolved_by_parent_hint(regions):
    assert {r.code for r in find_regions("城区", regions)} == {"140302", "140502"}
    assert resolve_region("城区", regions) is None
    assert resolve_region("城区", regions, parent_hint="晋城").code == "140502"
    assert resolve_region("城区", regions, parent_hint="阳泉市").code == "140302"
    assert resolve_region("城区", regions, parent_hint="140500").code == "140502"
    # a hint that fits none of the matches is ignored
    assert resolve_region("运城", regions, parent_hint="北京").code == "140800"


def test_parent_hint_with_extra_provinces(tmp_path):
    _write(tmp_path / "more.csv",
           "110105,朝阳区,county,110000",
           "211300,朝阳市,city,210000",
           "211321,朝阳县,county,211300",
           "220104,朝阳区,county,220100",
           "220100,长春市,city,220000")
    regions = load_regions(extra_dir=tmp_path)
    assert resolve_region("朝阳区", regions, parent_hint="北京").code == "110105"
    assert resolve_region("朝阳区", regions, parent_hint="吉林省").code == "220104"
    assert resolve_region("朝阳区", regions) is None
    assert resolve_region("朝阳市", regions).code == "211300"
    assert resolve_region("朝阳", regions, parent_hint="辽宁").code == "211300"  # city over its county
    assert resolve_region("朝阳", regions, parent_hint="北京市").code == "110105"


def test_extra_dir_from_env(tmp_path, monkeypatch):
    _write(tmp_path / "henan.csv", "410100,郑州市,city,410000", "410102,中原区,county,410100")
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    regions = load_regions()
    assert resolve_region("郑州", regions).code == "410100"
    assert [r.code for r in ancestors("410102", regions)] == ["410100", "410000", "000000"]


def test_extra_dir_bad_row_names_file_and_row(tmp_path, monkeypatch):
    f = _write(tmp_path / "bad.csv", "410100,郑州市,city,410000", "41010X,中原区,county,410100")
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    with pytest.raises(ValueError, match=r"bad\.csv 第 3 行") as e:
        load_regions()
    assert str(f) in str(e.value) and "6 位数字" in str(e.value)


@pytest.mark.parametrize("row, msg", [
    ("410100,郑州市,prefecture,410000", "级别"),
    ("410100,郑州市,city", "应有 4 列"),
    ("410100,,city,410000", "名称为空"),
    ("410100,郑州市,city,999999", "上级代码 999999"),
    ("410100,郑州市,city,140100", "级别"),  # a city under a city
    ("140800,运城,city,140000", "重复"),  # conflicts with the packaged row
])
def test_extra_dir_bad_rows(tmp_path, row, msg):
    _write(tmp_path / "x.csv", row)
    with pytest.raises(ValueError, match="第 2 行") as e:
        load_regions(extra_dir=tmp_path)
    assert msg in str(e.value)


def test_identical_repeat_is_accepted(tmp_path):
    _write(tmp_path / "x.csv", "140800,运城市,city,140000")
    assert len(load_regions(extra_dir=tmp_path)) == len(load_regions(extra_dir=None))


def test_ancestors_and_children(regions):
    assert [r.code for r in ancestors("140703", regions)] == ["140700", "140000", "000000"]
    assert ancestors("000000", regions) == []
    assert [r.code for r in children("140700", regions)][:2] == ["140702", "140703"]
    assert len(children("000000", regions)) == 34
    assert children("140703", regions) == []
    with pytest.raises(KeyError):
        ancestors("999999", regions)


@pytest.mark.parametrize("name, short", [
    ("运城市", "运城"), ("山西省", "山西"), ("广西壮族自治区", "广西"), ("恩施土家族苗族自治州", "恩施"),
    ("神农架林区", "神农架"), ("北林区", "北林"), ("阿克苏地区", "阿克苏"), ("伊犁哈萨克自治州", "伊犁"),
    ("香港特别行政区", "香港"), ("城区", None), ("盂县", None),
])
def test_short_name(name, short):
    assert short_name(name) == short


def test_path_replaces_packaged_csv(tmp_path):
    f = _write(tmp_path / "tiny.csv", "000000,全国,national,", "140000,山西省,province,000000")
    regions = load_regions(f, extra_dir=None)
    assert [r.code for r in regions] == ["000000", "140000"]
