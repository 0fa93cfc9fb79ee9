"""Key measures and their lead units: only where the plan names who is responsible."""

from plantrack.ingest.clean import Line
from plantrack.ingest.outline import build_outline
from plantrack.ingest.paragraphs import build_paragraphs
from plantrack.ingest.tasks import extract_tasks, is_unit_name


def tasks_of(*texts: str) -> list[dict]:
    lines = [Line(no, text) for no, text in enumerate(texts, start=1)]
    _, heading_at = build_outline(lines)
    paragraphs = build_paragraphs(lines, breaks=set(heading_at), skip=set())
    return extract_tasks(paragraphs, heading_at)


def test_a_labelled_note_names_lead_and_partner_units():
    got = tasks_of(
        "（一）保护饮用水源",
        "开展水源地规范化建设，整治保护区内违法项目。（责任单位：市生态环境局、市水利局；配合单位：各县（市、区）人民政府）",
    )
    assert got == [{
        "section_line": 1,
        "text": "开展水源地规范化建设，整治保护区内违法项目",
        "lead_units": ["市生态环境局", "市水利局"],
        "partner_units": ["各县（市、区）人民政府"],
        "line": 2,
        "rule": "labelled",
    }]


def test_a_trailing_parenthesis_with_qian_tou_and_pei_he():
    t = tasks_of("推进老旧管网更新改造（省住房城乡建设厅牵头，省发展改革委、省财政厅配合）。")[0]
    assert t["text"] == "推进老旧管网更新改造"
    assert t["lead_units"] == ["省住房城乡建设厅"]
    assert t["partner_units"] == ["省发展改革委", "省财政厅"]


def test_each_note_closes_the_measure_before_it():
    got = tasks_of("建立河湖长巡查制度（市河长办负责）。完善生态补偿机制（市财政局牵头）。")
    assert [(t["text"], t["lead_units"]) for t in got] == [
        ("建立河湖长巡查制度", ["市河长办"]),
        ("完善生态补偿机制", ["市财政局"]),
    ]


def test_a_closing_you_clause_names_the_lead():
    t = tasks_of("开展入河排污口排查整治，由市生态环境局牵头负责。")[0]
    assert (t["text"], t["lead_units"], t["rule"]) == ("开展入河排污口排查整治", ["市生态环境局"], "by_lead")


def test_a_label_on_its_own_line_closes_the_measure_above_it():
    got = tasks_of("实施高标准农田建设工程", "牵头单位：市农业农村局", "严格耕地用途管制。")
    assert [(t["text"], t["lead_units"], t["line"]) for t in got] == [("实施高标准农田建设工程", ["市农业农村局"], 1)]


def test_running_text_about_responsibility_is_not_an_assignment():
    assert tasks_of(
        "严格落实粮食安全省长负责制，支持龙头企业牵头组建创新联合体，主要负责同志亲自抓。"
    ) == []


def test_a_plan_that_names_no_units_has_no_tasks():
    assert tasks_of("（一）加强水源保护", "实施水源地保护工程，到2025年完成整治。") == []


def test_unit_names_are_recognised_by_their_endings():
    assert is_unit_name("省发展改革委") and is_unit_name("市水利局") and is_unit_name("各县（市、区）人民政府")
    assert not is_unit_name("龙头企业") and not is_unit_name("粮食安全省长")


def test_a_bank_branch_is_a_unit_that_can_support_a_measure():
    t = tasks_of("扩大普惠金融覆盖面，由市地方金融监管局牵头，人民银行和平市中心支行配合。")[0]
    assert (t["lead_units"], t["partner_units"]) == (["市地方金融监管局"], ["人民银行和平市中心支行"])
    assert is_unit_name("国家开发银行山西省分行")
