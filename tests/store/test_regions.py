"""The regions gazetteer: the packaged CSV and the pure functions over it."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from plantrack.store.regions import (
    ENV_DIR,
    AmbiguousRegionError,
    Region,
    ancestors,
    children,
    find_regions,
    former_names,
    load_regions,
    lookup_region,
    region_path,
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
    assert {"140302", "140502", "441502"} <= {r.code for r in find_regions("城区", regions)}
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
    ("149901,试验市,prefecture,140000", "级别"),
    ("149901,试验市,city", "应有 4 列"),
    ("410100,,city,140000", "名称为空"),
    ("149901,试验市,city,999999", "上级代码 999999"),
    ("149901,试验市,city,140100", "级别"),  # a city under a city
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


# ------------------------------------------------------------------ the whole country (issue 13)

def test_every_level_of_the_whole_country_is_shipped(regions):
    by_level = collections.Counter(r.level for r in regions)
    assert by_level["city"] >= 330 and by_level["county"] >= 2800
    provinces_with_units = {r.code[:2] for r in regions if r.level == "county"}
    assert len(provinces_with_units) == 31  # every mainland province; 台湾, 香港, 澳门 have none listed


def test_every_province_resolves_by_full_and_short_name(regions):
    provinces = [r for r in regions if r.level == "province"]
    assert len(provinces) == 34
    for p in provinces:
        assert lookup_region(p.name, regions) == p
        short = short_name(p.name)
        assert short, p.name
        assert lookup_region(short, regions) == p, (short, p.name)


@pytest.mark.parametrize("short, name", [
    ("山西", "山西省"), ("内蒙古", "内蒙古自治区"), ("广西", "广西壮族自治区"), ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"), ("西藏", "西藏自治区"), ("北京", "北京市"), ("澳门", "澳门特别行政区"),
])
def test_province_short_names_by_rule(short, name):
    assert short_name(name) == short


@pytest.mark.parametrize("name, short", [
    ("延边朝鲜族自治州", "延边"), ("海西蒙古族藏族自治州", "海西"), ("长阳土家族自治县", "长阳"),
    ("三都水族自治县", "三都"), ("鄂温克族自治旗", "鄂温克"), ("琼中黎族苗族自治县", "琼中"),
    ("彭水苗族土家族自治县", "彭水"), ("盐湖区", "盐湖"), ("额济纳旗", "额济纳"), ("阿拉善盟", "阿拉善"),
    ("大兴安岭地区", "大兴安岭"), ("井陉矿区", "井陉"),
])
def test_autonomous_and_other_suffixes_are_stripped_by_rule(name, short):
    assert short_name(name) == short


# One city and one county from every mainland province (the municipalities have no city level):
# (province code, city code, city, county code, county).
SAMPLE = [
    ("110000", None, None, "110119", "延庆区"), ("120000", None, None, "120119", "蓟州区"),
    ("130000", "131100", "衡水市", "131182", "深州市"), ("140000", "141100", "吕梁市", "141182", "汾阳市"),
    ("150000", "152900", "阿拉善盟", "152923", "额济纳旗"), ("210000", "211400", "葫芦岛市", "211481", "兴城市"),
    ("220000", "222400", "延边朝鲜族自治州", "222426", "安图县"), ("230000", "232700", "大兴安岭地区", "232722", "塔河县"),
    ("310000", None, None, "310151", "崇明区"), ("320000", "321300", "宿迁市", "321324", "泗洪县"),
    ("330000", "330900", "舟山市", "331181", "龙泉市"), ("340000", "341800", "宣城市", "341882", "广德市"),
    ("350000", "350900", "宁德市", "350982", "福鼎市"), ("360000", "361100", "上饶市", "361181", "德兴市"),
    ("370000", "371700", "菏泽市", "371728", "东明县"), ("410000", "411700", "驻马店市", "411729", "新蔡县"),
    ("420000", "422800", "恩施土家族苗族自治州", "422828", "鹤峰县"),
    ("430000", "433100", "湘西土家族苗族自治州", "433130", "龙山县"), ("440000", "445300", "云浮市", "445381", "罗定市"),
    ("450000", "451400", "崇左市", "451481", "凭祥市"), ("460000", "460400", "儋州市", "469030", "琼中黎族苗族自治县"),
    ("500000", None, None, "500243", "彭水苗族土家族自治县"), ("510000", "513400", "凉山彝族自治州", "513437", "雷波县"),
    ("520000", "522700", "黔南布依族苗族自治州", "522732", "三都水族自治县"),
    ("530000", "533400", "迪庆藏族自治州", "533423", "维西傈僳族自治县"), ("540000", "542500", "阿里地区", "542527", "措勤县"),
    ("610000", "611000", "商洛市", "611026", "柞水县"), ("620000", "623000", "甘南藏族自治州", "623027", "夏河县"),
    ("630000", "632800", "海西蒙古族藏族自治州", "632823", "天峻县"), ("640000", "640500", "中卫市", "640522", "海原县"),
    ("650000", "654300", "阿勒泰地区", "654326", "吉木乃县"), ("220000", "220100", "长春市", "140802", "盐湖区"),
]


def test_sample_covers_every_mainland_province():
    assert len({row[0] for row in SAMPLE}) == 31


@pytest.mark.parametrize("province, city_code, city, county_code, county", SAMPLE)
def test_sample_cities_and_counties_resolve_by_full_and_short_name(regions, province, city_code, city, county_code,
                                                                   county):
    hint = next(r.name for r in regions if r.code == province)
    for code, name in ((city_code, city), (county_code, county)):
        if code is None:
            continue
        assert lookup_region(name, regions, hint).code == code
        assert lookup_region(short_name(name), regions, hint).code == code, short_name(name)


def test_a_unique_short_name_needs_no_hint(regions):
    assert resolve_region("盐湖", regions).code == "140802"
    assert resolve_region("运城", regions).code == "140800"
    assert resolve_region("舟山", regions).code == "330900"
    assert resolve_region("长春", regions).code == "220100"


def test_ambiguous_name_is_refused_with_every_candidate_named(regions):
    with pytest.raises(AmbiguousRegionError) as e:
        lookup_region("鼓楼区", regions)
    msg = str(e.value)
    for path in ("江苏省南京市鼓楼区", "江苏省徐州市鼓楼区", "福建省福州市鼓楼区", "河南省开封市鼓楼区"):
        assert path in msg
    assert {r.code for r in e.value.candidates} == {"320106", "320302", "350102", "410204"}
    assert resolve_region("鼓楼区", regions) is None


@pytest.mark.parametrize("name, hint, code", [
    ("鼓楼区", "福州", "350102"), ("鼓楼", "南京市", "320106"), ("朝阳区", "北京", "110105"),
    ("朝阳区", "长春市", "220104"), ("桥西区", "张家口", "130703"), ("城区", "晋城", "140502"),
])
def test_ambiguous_name_resolves_with_its_parent(regions, name, hint, code):
    assert lookup_region(name, regions, hint).code == code


@pytest.mark.parametrize("path, code", [
    ("福州市鼓楼区", "350102"), ("江苏省南京市鼓楼区", "320106"), ("北京市朝阳区", "110105"),
    ("山西省运城市盐湖区", "140802"), ("晋城市城区", "140502"), ("福州市鼓楼", "350102"),
])
def test_a_path_of_full_names_singles_out_a_shared_name(regions, path, code):
    assert lookup_region(path, regions).code == code


def test_a_path_must_follow_the_tree(regions):
    assert resolve_region("太原市盐湖区", regions) is None  # 盐湖区 is under 运城市


def test_same_short_name_at_two_levels_prefers_the_higher(regions):
    assert lookup_region("长沙", regions).code == "430100"  # 长沙市, not 长沙县
    assert lookup_region("长沙县", regions).code == "430121"


def test_region_path_names_every_ancestor(regions):
    assert region_path("140802", regions) == "山西省运城市盐湖区"
    assert region_path("110105", regions) == "北京市朝阳区"
    assert region_path("140000", regions) == "山西省"


@pytest.mark.parametrize("former, code", [
    ("襄樊市", "420600"), ("襄樊", "420600"), ("郫县", "510117"), ("江干区", "330102"),
    ("太谷县", "140703"), ("巢湖市", "340181"),
])
def test_former_names_keep_the_history(regions, former, code):
    assert resolve_region(former, regions).code == code


def test_former_names_never_shadow_a_current_name(regions):
    assert "襄樊" in former_names()
    # 巢湖市 was a prefecture merged into 合肥市 (2011) but is today a county-level city of its own.
    assert resolve_region("巢湖市", regions).level == "county"
