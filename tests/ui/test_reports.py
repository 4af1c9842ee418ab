"""ui/reports.py: the latest eval report from the store, and the figure audit imported lazily."""

from __future__ import annotations

import sys
import types

from evals.report import EvalReport, Scores, SystemReport
from ui import reports


def write_report(data_dir):
    report = EvalReport(
        created="2026-11-28T12:00:00+00:00",
        document=["urumqi-housing-2023"],
        case_files=["evals/qa/figure.jsonl"],
        systems=[SystemReport(name="assistant", overall=Scores(cases=324, accuracy=0.97), by_category={}, failures=[])],
    )
    path = data_dir / "reports" / "eval-latest.json"
    path.parent.mkdir(parents=True)
    path.write_text(report.model_dump_json(), encoding="utf-8")
    return report, path


def test_the_latest_eval_report_is_rendered(tmp_path):
    report, path = write_report(tmp_path)
    shown = reports.eval_markdown(tmp_path)
    assert shown == f"报告文件：`{path}`\n\n" + report.to_markdown()
    assert "| answer accuracy | 97.0% |" in shown


def test_no_eval_report_yet_says_how_to_make_one(tmp_path):
    assert reports.eval_markdown(tmp_path) == reports.NO_EVAL
    assert "disclosure-qa eval" in reports.NO_EVAL
    assert reports.eval_markdown(None) == reports.NO_STORE


def test_a_broken_eval_report_is_named_not_raised(tmp_path):
    path = tmp_path / "reports" / "eval-latest.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"created": 1}', encoding="utf-8")
    shown = reports.eval_markdown(tmp_path)
    assert shown.startswith("评估报告文件无法读取（格式不符：") and str(path) in shown


def test_the_audit_tab_waits_for_the_audit_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "assistant.audit", None)  # import raises ImportError
    assert reports.audit_markdown([]) == reports.NO_AUDIT


def test_the_audit_tab_shows_run_audit_markdown(monkeypatch):
    seen = []

    class Report:
        def to_markdown(self):
            return "# 审计\n- 0 处不一致"

    def run_audit(records):
        seen.append(records)
        return Report()

    monkeypatch.setitem(sys.modules, "assistant.audit", types.SimpleNamespace(run_audit=run_audit))
    assert reports.audit_markdown(["records"]) == "# 审计\n- 0 处不一致"
    assert seen == [["records"]]


def test_a_failing_audit_shows_a_note(monkeypatch):
    def run_audit(records):
        raise ValueError("boom")

    monkeypatch.setitem(sys.modules, "assistant.audit", types.SimpleNamespace(run_audit=run_audit))
    assert reports.audit_markdown([]) == reports.AUDIT_FAILED


def test_the_evaluation_can_be_run_from_the_page_and_is_kept_with_the_store(bot, tmp_path):
    """The 评估 tab's "运行评估" button: 17 definition cases here, the assistant and the baseline."""
    from evals.cases import EVALS

    shown = reports.run_eval(bot, tmp_path, [EVALS / "qa" / "definition.jsonl"])

    saved = EvalReport.model_validate_json((tmp_path / "reports" / "eval-latest.json").read_text(encoding="utf-8"))
    assert [s.name for s in saved.systems] == ["disclosure-qa", "baseline: vector RAG (top-1 passage)"]
    assert saved.systems[0].overall.cases == 17 and saved.systems[0].overall.accuracy == 1.0
    assert reports.eval_markdown(tmp_path) == shown
    assert "| answer accuracy | 100.0% |" in shown


def test_a_store_without_the_bundled_document_is_not_scored(tmp_path):
    other = types.SimpleNamespace(kb=types.SimpleNamespace(records=[types.SimpleNamespace(info=types.SimpleNamespace(source_name="mouxx-education-2024-final-accounts.txt"))]))

    assert reports.run_eval(other, tmp_path) == reports.EVAL_NOT_BUNDLED
    assert not (tmp_path / "reports").exists()
