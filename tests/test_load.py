"""Loading files into the store: idempotent by content, versioned by key, nothing half-written."""

from __future__ import annotations

import os
import random

import pytest

from plantrack.load import load_file, load_files
from plantrack.store.repository import counts, get_plan, list_plans

from .conftest import CORPUS, FIXTURES


def corpus_files():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    return sorted(CORPUS.glob("*.txt"))


def test_ingesting_the_corpus_twice_leaves_five_plans_and_five_versions(session_factory):
    files = corpus_files()
    first = load_files(session_factory, files)
    assert [o.status for o in first] == ["created"] * 5, [o.message for o in first]
    second = load_files(session_factory, files)
    assert [o.status for o in second] == ["unchanged"] * 5
    with session_factory() as s:
        c = counts(s)
    assert (c["plan"], c["plan_version"]) == (5, 5)


def test_a_changed_file_becomes_a_new_version_of_that_plan_only(session_factory, tmp_path):
    files = corpus_files()
    load_files(session_factory, files)
    changed = tmp_path / files[0].name
    lines = files[0].read_text(encoding="utf-8").split("\n")
    lines[40] = lines[40] + "（修订）"
    changed.write_text("\n".join(lines), encoding="utf-8")
    outcome = load_file(session_factory, changed)
    assert (outcome.status, outcome.version) == ("new_version", 2)
    with session_factory() as s:
        c = counts(s)
        plan = get_plan(s, files[0].stem)
        assert [v.number for v in plan.versions] == [1, 2]
        assert plan.versions[0].document["source"]["sha256"] != plan.versions[1].document["source"]["sha256"]
    assert (c["plan"], c["plan_version"]) == (5, 6)


def test_the_corpus_catalogue_links_city_plans_to_provincial_ones(session_factory):
    load_files(session_factory, corpus_files())
    with session_factory() as s:
        plans, total = list_plans(s)
        by_key = {p.key: p for p in plans}
        assert total == 5
        province = [p for p in plans if p.level == "province"]
        assert sorted(p.kind for p in province) == ["general", "regional", "special"]
        assert {p.region_name for p in province} == {"山西省"}
        assert by_key["yuncheng-14th-fyp-outline"].parent.key == "shanxi-14th-fyp-outline"
        assert by_key["xinzhou-ecology-14th-plan"].parent.key == "shanxi-ecology-14th-plan"
        assert by_key["shanxi-14th-fyp-outline"].region_code == "140000"


def _bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    huge = tmp_path / "huge.txt"
    rng = random.Random(7)
    chars = [chr(c) for c in range(0x4E00, 0x9FA5)]
    block = "".join(rng.choice(chars) for _ in range(100_000)).encode("utf-8")
    with huge.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(block)
    missing = tmp_path / "missing.txt"
    return [empty, binary, huge, missing]


def test_bad_files_store_nothing_and_say_why_in_chinese(session_factory, tmp_path):
    load_file(session_factory, FIXTURES / "qinghe-county-14th-fyp.txt")
    with session_factory() as s:
        before = counts(s)
    outcomes = load_files(session_factory, _bad_files(tmp_path))
    assert [o.status for o in outcomes] == ["failed"] * 4
    for o in outcomes:
        assert os.path.basename(o.path) in o.message
    assert "为空" in outcomes[0].message and "二进制" in outcomes[1].message
    assert "过大" in outcomes[2].message and "不存在" in outcomes[3].message
    with session_factory() as s:
        assert counts(s) == before


def test_a_gbk_file_is_read_and_stored(session_factory, tmp_path):
    gbk = tmp_path / "gbk-plan.txt"
    gbk.write_bytes((FIXTURES / "qinghe-county-14th-fyp.txt").read_text(encoding="utf-8").encode("gbk"))
    outcome = load_file(session_factory, gbk)
    assert outcome.status == "created", outcome.message
    with session_factory() as s:
        assert get_plan(s, "gbk-plan").current.encoding == "gb18030"


def test_random_chinese_text_without_plan_structure_is_refused(session_factory, tmp_path):
    rng = random.Random(3)
    noise = tmp_path / "noise.txt"
    noise.write_text("".join(rng.choice("的一是在不了有和人这中大为上个国我以要他") for _ in range(20000)), encoding="utf-8")
    outcome = load_file(session_factory, noise)
    assert outcome.status == "failed" and "未识别出规划结构" in outcome.message
    with session_factory() as s:
        assert counts(s)["plan"] == 0


def test_a_word_plan_ingested_twice_is_stored_once(session_factory, tmp_path):
    from .ingest.documents import plan_docx

    path = tmp_path / "qinghe-docx.docx"
    path.write_bytes(plan_docx())  # written once: python-docx stamps each save with the time
    first, second = load_file(session_factory, path), load_file(session_factory, path)
    assert (first.status, second.status) == ("created", "unchanged"), first.message
    with session_factory() as s:
        c = counts(s)
        assert get_plan(s, "qinghe-docx").current.encoding == "docx"
    assert (c["plan"], c["plan_version"], c["indicator"]) == (1, 1, 3)


def test_bytes_already_in_hand_load_like_the_file_they_came_from(session_factory):
    from plantrack.load import load_source, read_source

    path = FIXTURES / "qinghe-county-14th-fyp.txt"
    uploaded = load_source(session_factory, read_source(path.name, path.read_bytes()))
    assert (uploaded.key, uploaded.status, uploaded.version) == ("qinghe-county-14th-fyp", "created", 1)
    again = load_file(session_factory, path)
    assert (again.status, again.version) == ("unchanged", 1)


def test_bytes_that_are_not_a_plan_are_refused_naming_the_file():
    from plantrack.load import LoadRefused, parse_source, read_source

    with pytest.raises(LoadRefused, match="无法读取规划文件 上传.txt：文件为空"):
        read_source("上传.txt", b"")
    with pytest.raises(LoadRefused, match="噪声.txt：未识别出规划结构"):
        parse_source(read_source("噪声.txt", ("的一是在不了有和人" * 100).encode("utf-8")))


# ------------------------------------------------------------ filing to the right region (issue 13)

DEVCORPUS = FIXTURES.parent.parent / "devcorpus"  # real plans from other provinces, in the repository


def test_a_district_plan_titled_with_its_city_is_filed_to_the_district(session_factory):
    outcome = load_file(session_factory, FIXTURES / "regions" / "yanhu-district-14th-plan.txt")
    assert outcome.status == "created", outcome.message
    with session_factory() as s:
        plan = get_plan(s, outcome.key)
        assert (plan.level, plan.region_name, plan.region_code) == ("county", "盐湖区", "140802")


def test_a_district_whose_name_is_shared_is_filed_under_its_city(session_factory, tmp_path):
    text = (FIXTURES / "regions" / "yanhu-district-14th-plan.txt").read_text(encoding="utf-8")
    path = tmp_path / "gulou-district-plan.txt"
    path.write_text(text.replace("运城市盐湖区", "福州市鼓楼区").replace("运盐政发", "鼓政发"), encoding="utf-8")
    outcome = load_file(session_factory, path)
    assert outcome.status == "created", outcome.message
    with session_factory() as s:
        plan = get_plan(s, outcome.key)
        assert (plan.level, plan.region_name, plan.region_code) == ("county", "福州市鼓楼区", "350102")


@pytest.mark.parametrize("name, level, region, code", [
    ("zhoushan-city-master-plan", "city", "舟山市", "330900"),
    ("changchun-12th-fyp-outline", "city", "长春市", "220100"),
    ("yuecheng-14th-fyp-outline", "county", "越城区", "330602"),
    ("tianjin-ocean-city-action-plan", "province", "天津市", "120000"),
])
def test_plans_from_outside_shanxi_are_filed_to_their_region(session_factory, name, level, region, code):
    path = DEVCORPUS / f"{name}.txt"
    assert path.is_file(), path
    outcome = load_file(session_factory, path)
    assert outcome.status == "created", outcome.message
    with session_factory() as s:
        plan = get_plan(s, outcome.key)
        assert (plan.level, plan.region_name, plan.region_code) == (level, region, code)


def test_two_ingests_of_one_file_at_once_on_a_new_sqlite_store_both_succeed(tmp_path):
    """The probe: the loser failed with "table region already exists" (both building the schema)
    or "UNIQUE constraint failed: plan.key" (both creating the plan)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src), "PLANTRACK_HOME": str(tmp_path / "home")}
    env.pop("PLANTRACK_DATABASE_URL", None)
    command = [sys.executable, "-c", "from plantrack.cli import app; app()", "ingest", "--format", "json",
               str(FIXTURES / "qinghe-county-14th-fyp.txt")]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.wait(), p.stdout.read().decode(), p.stderr.read().decode()) for p in runs]
    for p in runs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _, _ in results] == [0, 0], results
    statuses = sorted(json.loads(out)[0]["status"] for _, out, _ in results)
    assert statuses == ["created", "unchanged"]


@pytest.mark.parametrize("rounds", [6])
def test_the_same_plan_stored_by_two_writers_at_once_is_stored_once(session_factory, rounds):
    """Two ingests reaching the store together: one creates the plan, the other finds it unchanged
    (no "UNIQUE constraint failed: plan.key")."""
    import threading

    from plantrack.load import parse_source, read_source, store_parsed

    parsed = parse_source(read_source(FIXTURES / "qinghe-county-14th-fyp.txt"))
    for n in range(rounds):
        key = f"qinghe-{n}"
        barrier = threading.Barrier(2)
        outcomes = []

        def store():
            barrier.wait()
            outcomes.append(store_parsed(session_factory, parsed, key))

        threads = [threading.Thread(target=store) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(o.status for o in outcomes) == ["created", "unchanged"], [o.message for o in outcomes]


def test_an_unsafe_key_stores_nothing_and_says_why(session_factory):
    outcome = load_file(session_factory, FIXTURES / "qinghe-county-14th-fyp.txt", key="..")
    assert outcome.status == "failed" and "规划键“..”不能以 . 开头" in outcome.message
    with session_factory() as s:
        assert counts(s)["plan"] == 0


def test_the_default_key_of_an_oddly_named_file_is_made_safe(session_factory, tmp_path):
    odd = tmp_path / "清河县“十四五”规划 (1).txt"
    odd.write_bytes((FIXTURES / "qinghe-county-14th-fyp.txt").read_bytes())
    outcome = load_file(session_factory, odd)
    assert (outcome.status, outcome.key) == ("created", "清河县-十四五-规划-1")


def _second_store(tmp_path):
    """Another empty SQLite store, for comparing two ways of loading the same files."""
    from sqlalchemy.orm import sessionmaker

    from plantrack.store.db import make_engine, migrate
    from plantrack.store.regions_sync import sync_regions

    engine = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    migrate(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        sync_regions(session)
    return factory


def _stored(factory) -> dict:
    with factory() as s:
        plans, _ = list_plans(s)
        return {p.key: (p.parent.key if p.parent else None, p.current.sha256, p.current.document) for p in plans}


def test_parsing_in_workers_stores_exactly_what_one_by_one_does(session_factory, tmp_path):
    """jobs=2 parses in worker processes while the caller stores in the given order: the same
    outcomes, links, versions and stored documents as loading one file after another, and progress
    is reported in the order the files were given."""
    files = corpus_files()
    seen: list[str] = []
    parallel = load_files(session_factory, files, jobs=2, progress=lambda o: seen.append(o.path))
    other = _second_store(tmp_path)
    serial = load_files(other, files)
    assert [(o.key, o.status, o.version, o.links) for o in parallel] == [(o.key, o.status, o.version, o.links) for o in serial]
    assert seen == [str(f) for f in files]
    assert _stored(session_factory) == _stored(other)
    again = load_files(session_factory, files, jobs=2)
    assert [o.status for o in again] == ["unchanged"] * 5


def test_bad_files_among_good_ones_in_workers(session_factory, tmp_path):
    files = [FIXTURES / "qinghe-county-14th-fyp.txt", *_bad_files(tmp_path)[:2]]
    outcomes = load_files(session_factory, files, jobs=2)
    assert [o.status for o in outcomes] == ["created", "failed", "failed"]
    assert "为空" in outcomes[1].message and "二进制" in outcomes[2].message
    with session_factory() as s:
        assert counts(s)["plan"] == 1


def test_a_worker_that_dies_fails_its_files_and_the_rest_load(session_factory, tmp_path, monkeypatch):
    """A parsing process killed mid-file (out of memory, say) breaks its pool: the files that pool
    held are reported failed with a Chinese reason, and a new pool parses the files after them."""
    from plantrack import load as load_module

    from .loadworkers import dies_on_bomb

    monkeypatch.setattr(load_module, "_read_and_parse", dies_on_bomb)
    bomb = tmp_path / "bomb.txt"
    bomb.write_text("炸弹", "utf-8")
    good = FIXTURES / "qinghe-county-14th-fyp.txt"
    later = [tmp_path / f"later-{n}.txt" for n in range(5)]
    for n, path in enumerate(later):
        path.write_text(good.read_text("utf-8") + f"\n（副本 {n}）\n", "utf-8")
    outcomes = load_files(session_factory, [good, bomb, *later], jobs=2)
    assert outcomes[1].status == "failed" and "进程意外退出" in outcomes[1].message
    assert outcomes[0].status == "created" or "进程意外退出" in outcomes[0].message  # it may have shared the pool
    assert [o.status for o in outcomes[-2:]] == ["created", "created"]  # after the new pool: stored
    with session_factory() as s:
        assert counts(s)["plan"] == sum(o.ok for o in outcomes)
