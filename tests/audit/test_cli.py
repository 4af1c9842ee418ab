"""``disclosure-qa audit``: exit codes, the Markdown and JSON outputs, the report file, the store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.cli import main
from corpus import BUNDLED_DOCUMENT


def test_the_bundled_document_fails_the_gate(capsys):
    assert main(["audit", str(BUNDLED_DOCUMENT)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("# 数字核对报告\n")
    assert "| 不一致（mismatch） | 10 |" in out and "| 错误（error） | 10 |" in out


def test_a_clean_document_passes(culture_file, capsys):
    assert main(["audit", str(culture_file())]) == 0
    out = capsys.readouterr().out
    assert "结论：没有不一致或错误（退出码 0）" in out


@pytest.mark.parametrize("seed", ["wrong_total", "duplicated_row"])
def test_a_seeded_error_fails_the_gate(culture_file, capsys, seed):
    assert main(["audit", str(culture_file(seed)), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit_code"] == 1
    assert data["counts"]["mismatch"] + data["counts"]["error"] == 1


def test_json_output_is_the_report(capsys):
    assert main(["audit", str(BUNDLED_DOCUMENT), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)  # stdout holds only JSON
    assert data["documents"] == ["urumqi-housing-2023"]
    assert data["counts"] == {"ok": 494, "rounding": 57, "notice": 1, "mismatch": 10, "error": 10, "unchecked": 1}
    first = data["findings"][0]
    assert set(first) >= {
        "severity",
        "check",
        "relation",
        "message",
        "operands",
        "stated",
        "computed",
        "expected",
        "difference",
        "citations",
        "line_start",
        "line_end",
    }
    income = next(f for f in data["findings"] if f["relation"].startswith("收入总计 = "))
    assert (income["severity"], income["stated"], income["computed"], income["tolerance"]) == ("rounding", "637229.42", "637229.43", "0.020")
    assert income["citations"][0]["line_start"] == 98


@pytest.mark.parametrize(("name", "starts"), [("audit.md", "# 数字核对报告"), ("audit.json", "{"), ("audit.csv", "\ufeff文档,结果,类别,检查")])
def test_the_report_file(tmp_path, capsys, name, starts):
    target = tmp_path / name
    assert main(["audit", str(BUNDLED_DOCUMENT), "--report", str(target)]) == 1
    text = target.read_text(encoding="utf-8")
    assert text.startswith(starts)  # a spreadsheet reads the CSV's BOM as UTF-8
    if name.endswith(".json"):
        assert json.loads(text)["exit_code"] == 1
    assert capsys.readouterr().out.startswith("# 数字核对报告")


def test_several_files_in_one_report(culture_file, capsys):
    assert main(["audit", str(BUNDLED_DOCUMENT), str(culture_file()), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["documents"] == ["urumqi-housing-2023", "mouxian-culture-2024"]


def test_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_without_paths_it_audits_the_store(e5_store, capsys):
    store, _ = e5_store
    assert main(["audit", "--data-dir", str(store.dir), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["counts"]["mismatch"] == 10


def test_the_console_script(culture_file):
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "audit", str(culture_file()), "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["exit_code"] == 0


def test_csv_output_is_one_finding_per_row(capsys):
    import csv
    import io

    assert main(["audit", str(BUNDLED_DOCUMENT), "--csv"]) == 1
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["文档", "结果", "类别", "检查", "关系", "说明", "页码", "文中数", "计算值", "差额", "容差", "单位", "注", "出处"]
    assert len(rows) == 1 + 573
    income = next(r for r in rows if r[4].startswith("收入总计 = 本年收入合计"))
    assert income[1:4] == ["尾差", "正文合计", "totals.parts"]
    assert income[7:12] == ["637229.42", "637229.43", "-0.01", "0.020", "万元"]
    assert income[13].startswith("第 98 行：")


def test_json_and_csv_together_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", str(BUNDLED_DOCUMENT), "--json", "--csv"])
    assert exit_info.value.code == 2


def test_a_pdf_is_audited_directly(capsys):
    from corpus import FINANCE_PDF

    assert main(["audit", str(FINANCE_PDF), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["by_document"]["putuo-finance-2024"]["relations"] == 307
    assert data["counts"]["mismatch"] == 5
