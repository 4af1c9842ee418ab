"""ui/reports.py: the evaluation report in Chinese without server paths, a run with progress, and
the figure audit as a filterable, escaped list."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace

from assistant.answer import Citation
from evals.report import EvalReport, Scores, SystemReport
from ui import reports


def write_report(data_dir):
    report = EvalReport(
        created="2026-11-28T12:00:00+00:00",
        document=["urumqi-housing-2023"],
        case_files=["evals/qa/figure.jsonl"],
        systems=[
            SystemReport(name="disclosure-qa", overall=Scores(cases=324, accuracy=0.97, unsupported_numbers=0), by_category={"lookup": Scores(cases=80, accuracy=1.0, citation_recall=0.975)}, failures=[]),
            SystemReport(name="baseline: vector RAG (top-1 passage)", overall=Scores(cases=324, accuracy=0.298), by_category={}, failures=[]),
        ],
    )
    path = data_dir / "reports" / "eval-latest.json"
    path.parent.mkdir(parents=True)
    path.write_text(report.model_dump_json(), encoding="utf-8")
    return report, path


def test_the_latest_eval_report_is_shown_in_chinese_without_its_path(tmp_path):
    _, path = write_report(tmp_path)
    shown = reports.eval_html(tmp_path)
    assert "<th>指标</th><th>本系统</th><th>基线：向量检索（取第一段）</th>" in shown
    assert '<tr><td>回答准确率</td><td class="dqa-num">97.0%</td><td class="dqa-num">29.8%</td></tr>' in shown
    assert '<tr><td>lookup</td><td class="dqa-num">80</td><td class="dqa-num">100.0% · 97.5%</td><td>—</td></tr>' in shown
    assert str(tmp_path) not in shown and "eval-latest.json" not in shown


def test_no_eval_report_yet_says_how_to_make_one(tmp_path):
    assert reports.eval_html(tmp_path) == f'<p class="dqa-muted">{reports.NO_EVAL}</p>'
    assert reports.eval_html(None) == f'<p class="dqa-muted">{reports.NO_STORE}</p>'


def test_a_broken_eval_report_is_named_not_raised_nor_located(tmp_path):
    path = tmp_path / "reports" / "eval-latest.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"created": 1}', encoding="utf-8")
    shown = reports.eval_html(tmp_path)
    assert shown.startswith('<p class="dqa-muted">评估报告无法读取（格式不符：') and str(tmp_path) not in shown


def test_the_evaluation_runs_in_the_background_with_progress_and_is_kept(bot, tmp_path):
    """The 评估 tab's "运行评估" button: 17 definition cases here, the assistant and the baseline."""
    from evals.cases import EVALS

    run = reports.EvalRun(bot, tmp_path)
    assert run.start([EVALS / "qa" / "definition.jsonl"]) is True
    assert run.start() is False  # one run at a time
    assert "评估进度" in run.progress_html()
    while run.running:
        import time

        time.sleep(0.1)
    assert (run.asked, run.total) == (17, 17)
    saved = EvalReport.model_validate_json((tmp_path / "reports" / "eval-latest.json").read_text(encoding="utf-8"))
    assert saved.systems[0].overall.cases == 17 and saved.systems[0].overall.accuracy == 1.0
    assert '<tr><td>回答准确率</td><td class="dqa-num">100.0%</td>' in run.progress_html()


def test_a_store_without_the_bundled_document_is_not_scored(tmp_path):
    library = SimpleNamespace(infos=lambda: {"x": SimpleNamespace(source_name="mouxx-education-2024-final-accounts.txt")})
    run = reports.EvalRun(SimpleNamespace(library=library), tmp_path)
    run._run(None)
    assert run.result == f'<p class="dqa-muted">{reports.EVAL_NOT_BUNDLED}</p>'
    assert not (tmp_path / "reports").exists()


def test_the_audit_waits_for_its_module(monkeypatch, bot):
    monkeypatch.setitem(sys.modules, "assistant.audit", None)  # import raises ImportError
    assert reports.run_audit_report(bot) is None
    assert reports.audit_html(None) == f'<p class="dqa-muted">{reports.AUDIT_FAILED}</p>'


def test_a_failing_audit_shows_a_note(monkeypatch, bot):
    def run_audit(records):
        raise ValueError("boom")

    monkeypatch.setitem(sys.modules, "assistant.audit", types.SimpleNamespace(run_audit=run_audit))
    assert reports.run_audit_report(bot) is None


def test_the_audit_is_a_filterable_list_of_escaped_findings(bot):
    from assistant.audit.findings import AuditReport, Finding

    hostile = '![x](http://127.0.0.1:9/a.png)<img src="http://127.0.0.1:9/b.png">'
    cite = Citation(doc="d", section="表", line_start=3, line_end=3, page=4, quote="q", table="支出决算表")
    findings = [
        Finding(id="1", doc="d", family="statements", check="sum", severity="mismatch", relation="r", message=f"合计 10.00 ≠ 9.99 {hostile}", line_start=3, line_end=3, pages=[4, 5], citations=[cite]),
        Finding(id="2", doc="d", family="totals", check="sum", severity="ok", relation="r", message="成立", line_start=9, line_end=9),
    ]
    report = AuditReport(documents=["d"], findings=findings)
    html = reports.audit_html(report, lambda f: [{"kind": "pdf", "doc": "d", "page": 4}] if f.citations else [])
    assert "<img" not in html and "&lt;img src=&quot;http://" in html and "![x](http://" in html
    assert '<li class="dqa-finding dqa-sev-mismatch dqa-fam-statements dqa-p-4 dqa-p-5 dqa-t-0">' in html
    assert '<li class="dqa-finding dqa-sev-ok dqa-fam-totals" hidden>' in html  # listed, filtered out at first
    assert '<option value="0">支出决算表</option>' in html and "并排查看所在页" in html
    assert html.count('class="dqa-open-pages"') == 1
    assert '<pre hidden class="dqa-audit-csv">' in html
