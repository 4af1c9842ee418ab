"""ingest/pipeline.py (and passages.py): one document from text to records — info, glossary,
attachments, passages and the coverage of its numbers."""

from __future__ import annotations

import ast
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from corpus import BUNDLED_DOCUMENT
from ingest.errors import NotADisclosureError
from ingest.pipeline import document_id, parse_file, parse_source
from ingest.read import source_from_bytes

INGEST = Path(__file__).resolve().parents[2] / "ingest"


def parse_text(text: str, name: str = "small-2024.txt"):
    return parse_source(source_from_bytes(text.encode("utf-8"), name))


def test_the_bundled_documents_info(bundled):
    info = bundled.info

    assert (info.id, info.department, info.year) == ("urumqi-housing-2023", "乌鲁木齐市住房保障和房产管理局（汇总）", 2023)
    assert info.title == "乌鲁木齐市住房保障和房产管理局（汇总）2023 年度部门决算公开说明"
    assert (info.source_name, info.encoding, info.line_count) == ("urumqi-housing-2023-final-accounts.txt", "utf-8", 1035)
    assert bundled.warnings == []
    assert bundled.lines[2] == "乌鲁木齐市住房保障和房产管理局（汇总）"


def test_the_second_documents_info(edu):
    info = edu.info

    assert (info.id, info.department, info.year, info.title) == ("mouxx-education-2024", "某某市教育局", 2024, "某某市教育局2024年度部门决算公开说明")
    assert info.line_count == 122
    assert edu.warnings == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("urumqi-housing-2023-final-accounts.txt", "urumqi-housing-2023"),
        ("Some_Bureau 2024_juesuan.txt", "some-bureau-2024"),
        ("edu-2024.决算公开说明.txt", "edu-2024"),
        ("某某市教育局.txt", "doc-06260f1010"),  # no ASCII in the name: a hash of it
    ],
)
def test_document_ids_come_from_the_file_name(name, expected):
    assert document_id(name, "0123456789abcdef") == expected


def test_parsing_is_deterministic(bundled):
    again = parse_file(BUNDLED_DOCUMENT)

    assert again.model_dump() == bundled.model_dump()


def test_a_text_that_is_not_a_disclosure_is_refused():
    with pytest.raises(NotADisclosureError) as caught:
        parse_text("会议纪要\n\n今天讨论了三件事。\n一、天气\n二、午饭\n", "minutes.txt")

    assert "minutes.txt" in str(caught.value)
    assert "部门决算" in str(caught.value)


def test_a_disclosure_title_alone_is_enough_but_warns_without_figures():
    records = parse_text("某某市档案局\n2024年度部门决算公开说明\n\n第一部分 部门概况\n一、主要职能\n负责档案工作。\n")

    assert (records.info.department, records.info.year) == ("某某市档案局", 2024)
    assert records.warnings == ["no figures, statutory tables or performance tables were found; is this a 部门决算?"]


GLOSSARY = [
    ("财政拨款收入", "指同级财政当年拨付的资金。", 995, 995),
    ("上级补助收入", "指事业单位从主管部门和上级单位取得的非财政补助收入。", 997, 997),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动所取得的收入。", 999, 999),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。", 1001, 1001),
    ("附属单位上缴收入", "指事业单位附属的独立核算单位按有关规定上缴的收入。", 1003, 1003),
    ("其他收入", "指除上述“财政拨款收入”、“事业收入”、“经营收入”、“附属单位上缴收入”等之外取得的收入。", 1005, 1005),
    ("年初结转和结余", "指以前年度支出预算因客观条件变化未执行完毕、结转到本年度按有关规定继续使用的资金,既包括财政拨款结转和结余,也包括事业收入、经营收入、其他收入的结转和结余。", 1007, 1007),
    ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施,需要延迟到以后年度按有关规定继续使用的资金,既包括财政拨款结转和结余,也包括事业收入、经营收入、其他收入的结转和结余。", 1009, 1009),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。", 1011, 1013),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。", 1015, 1015),
    ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。", 1017, 1017),
    ("对附属单位补助支出", "指事业单位发生的用非财政预算资金对附属单位的补助支出。", 1019, 1019),
    ("“三公”经费", "指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中,因公出国（境）费反映单位公务出国（境）的国际旅费", 1021, 1021),
    ("机关运行经费", "行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。", 1023, 1023),
]


@pytest.mark.parametrize(("index", "expected"), list(enumerate(GLOSSARY, 1)), ids=[g[0] for g in GLOSSARY])
def test_the_fourteen_glossary_terms(bundled, index, expected):
    term, definition, start, end = expected
    g = bundled.glossary[index - 1]

    assert (g.id, g.term, g.line_start, g.line_end) == (f"urumqi-housing-2023:g{index}", term, start, end)
    if term == "“三公”经费":  # a long definition: its opening is enough
        assert g.definition.startswith(definition) and g.definition.endswith("公务接待（含外宾接待）费用。")
    else:
        assert g.definition == definition


def test_the_glossary_has_fourteen_terms_and_a_passage_each(bundled):
    assert len(bundled.glossary) == 14
    glossary_passages = [p for p in bundled.passages if p.kind == "glossary"]
    assert [p.line_start for p in glossary_passages] == [g.line_start for g in bundled.glossary]
    assert glossary_passages[8].text == "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"


ATTACHMENTS = [
    ("一", "《收入支出决算总表》"),
    ("二", "《收入决算表》"),
    ("三", "《支出决算表》"),
    ("四", "《财政拨款收入支出决算总表》"),
    ("五", "《一般公共预算财政拨款支出决算表》"),
    ("六", "《一般公共预算财政拨款基本支出决算表》"),
    ("七", "《财政拨款“三公”经费支出决算表》"),
    ("八", "《政府性基金预算财政拨款收入支出决算表》"),
    ("九", "《国有资本经营预算财政拨款收入支出决算表》"),
]


def test_the_nine_attached_tables_of_part_four(bundled):
    assert [(a.number, a.title, a.line) for a in bundled.attachments] == [(n, t, 1027 + i) for i, (n, t) in enumerate(ATTACHMENTS)]


def test_the_table_of_contents_is_not_taken_for_attachments(bundled):
    assert {a.line for a in bundled.attachments} == set(range(1027, 1036))  # not lines 38–46


def test_the_second_documents_glossary_and_attachments(edu):
    assert [(g.term, g.definition, g.line_start, g.line_end) for g in edu.glossary] == [
        ("财政拨款收入", "指本级财政当年拨付的资金。", 115, 115),
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。", 116, 117),
        ("“三公”经费", "指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。", 118, 118),
    ]
    assert [(a.number, a.title, a.line) for a in edu.attachments] == [
        ("一", "收入支出决算总表", 120),
        ("二", "收入决算表", 121),
        ("三", "支出决算表", 122),
    ]


def test_coverage_of_the_numbers_in_the_bundled_document(bundled):
    coverage = bundled.coverage

    assert (coverage.numbers, coverage.in_records, coverage.labels, coverage.unparsed) == (1924, 1732, 192, 0)
    assert coverage.percent >= Decimal("99")
    assert bundled.unparsed == []


@pytest.mark.parametrize(
    ("raw", "kind", "line"),
    [
        ("2023", "year", 5),
        ("2023", "year", 98),
        ("12", "date", 245),
        ("31", "date", 245),
        ("100", "threshold", 245),
        ("22", "identifier", 264),
        ("63", "doc_number", 267),
        ("177", "doc_number", 273),
        ("12319", "identifier", 354),
        ("6", "doc_number", 790),
        ("16", "ordinal", 128),
        ("11", "ordinal", 164),
        ("9", "ordinal", 92),
    ],
)
def test_numbers_that_are_not_quantities_are_labelled_not_dropped(bundled, raw, kind, line):
    assert any((label.raw, label.kind, label.line) == (raw, kind, line) for label in bundled.labels)


def test_coverage_of_the_second_document(edu):
    assert (edu.coverage.numbers, edu.coverage.in_records, edu.coverage.labels, edu.coverage.unparsed) == (212, 186, 26, 0)
    assert edu.coverage.percent == Decimal("100.00")


def test_a_number_split_by_a_line_wrap_is_covered_on_both_lines(edu):
    # "支出决算数为12,4" / "80.60万元": the tokenizer sees "12,4" on line 45 and "80.60" on line 46
    assert edu.lines[44].endswith("12,4") and edu.lines[45].startswith("80.60")
    assert edu.unparsed == []


def test_numbers_no_record_explains_are_reported_with_line_and_context():
    text = (
        "某某市档案局\n2024年度部门决算公开说明\n\n一、收入支出决算总体情况说明\n"
        "2024年度收入总计120.50万元。\n\n序号\t名称\t金额\n1\t档案整理\t35.20\n"
    )

    records = parse_text(text)

    assert [(u.raw, u.line) for u in records.unparsed] == [("1", 8), ("35.20", 8)]
    assert records.unparsed[1].context == "1\t档案整理\t35.20"
    assert (records.coverage.numbers, records.coverage.in_records, records.coverage.labels, records.coverage.unparsed) == (5, 1, 2, 2)
    assert records.coverage.percent == Decimal("60.00")


def test_passages_of_the_bundled_document(bundled):
    passages = bundled.passages

    assert len(passages) == 394
    assert Counter(p.kind for p in passages) == {"table_row": 276, "paragraph": 73, "table_goal": 31, "glossary": 14}
    assert len({p.id for p in passages}) == 394
    assert all(p.id.startswith("urumqi-housing-2023:p") and p.doc == "urumqi-housing-2023" for p in passages)
    assert all(1 <= p.line_start <= p.line_end <= 1035 for p in passages)


def test_a_table_row_passage_names_its_project_and_skips_duplicates(bundled):
    rows = [p for p in bundled.passages if p.kind == "table_row" and p.text.startswith("班车租赁｜项目资金")]
    duplicates = [p for p in bundled.passages if p.kind == "table_row" and p.line_start in (402, 404, 407)]

    assert [(p.text, p.line_start) for p in rows] == [
        ("班车租赁｜项目资金（万元）：，年初预算数 87.60，全年预算数 87.60，全年执行数 84.80，执行率 96.80%，得分 9.68，实施单位 乌鲁木齐市房屋产权交易中心", 909)
    ]
    assert duplicates == []


def test_a_paragraph_passage_is_cut_at_sentence_ends_and_names_its_section(bundled):
    passages = [p for p in bundled.passages if p.kind == "paragraph" and p.line_start == 176]

    assert all(p.text.startswith("【七、财政拨款“三公”经费支出决算情况说明】") for p in passages)
    assert all(p.text.endswith("。") for p in passages)
    assert "".join(p.text.removeprefix("【七、财政拨款“三公”经费支出决算情况说明】") for p in passages).startswith("2023 年度财政拨款“三公”经费支出 25.39 万元")


def test_passage_ids_depend_on_document_and_text_only(bundled):
    moved = parse_source(source_from_bytes(("\n\n" + "\n".join(bundled.lines) + "\n").encode("utf-8"), "urumqi-housing-2023-final-accounts.txt"))

    assert [p.id for p in moved.passages] == [p.id for p in bundled.passages]  # two lines lower, same ids
    assert moved.passages[10].line_start == bundled.passages[10].line_start + 2


def test_the_second_documents_passages(edu):
    assert Counter(p.kind for p in edu.passages) == {"paragraph": 28, "table_row": 13, "glossary": 3, "table_goal": 2}
    row = next(p for p in edu.passages if p.text.startswith("校舍维修改造｜项目资金"))
    assert row.text == "校舍维修改造｜项目资金（万元）：，年初预算数 800.00，全年预算数 820.00，全年执行数 815.90，执行率 99.50%，得分 9.95，实施单位 某某市第一中学"


# Words and names that only the bundled disclosure uses. The parser may mention them in docstring
# examples, never in the code that reads a document.
BUNDLED_ONLY = ("乌鲁木齐", "urumqi", "住房保障", "房产", "棚户区", "班车", "涉密", "7,289.27", "483,911.04")


@pytest.mark.parametrize("module", sorted(p.name for p in INGEST.glob("*.py")))
def test_no_ingest_code_is_tied_to_the_bundled_document(module):
    tree = ast.parse((INGEST / module).read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]

    assert [s for s in strings if any(word in s for word in BUNDLED_ONLY)] == []


def test_the_parser_fingerprint_follows_the_parsing_code_only(tmp_path, monkeypatch):
    """Records written by other parsing code are parsed again at their next reading — at 10,000
    documents, half an hour — so only code that shapes the records counts: the store's memo of
    checks or its SQL lookups do not, the statements package's own __init__ (reconciling) does."""
    import shutil

    import ingest.records as records

    copy = tmp_path / "ingest"
    shutil.copytree(Path(records.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(records, "__file__", str(copy / "records.py"))
    before = records.parser_fingerprint()

    for name in ("checked.py", "library.py", "store.py", "__init__.py"):
        (copy / name).write_text((copy / name).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert records.parser_fingerprint() == before

    (copy / "statements" / "__init__.py").write_text((copy / "statements" / "__init__.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert records.parser_fingerprint() != before
