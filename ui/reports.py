"""The staff view's reports: the evaluation (latest report, a run with progress) and the figure audit
as a filterable list. Both are HTML with every document and case text escaped; neither shows a
server path.
"""

from __future__ import annotations

import json
import logging
import threading
from html import escape
from pathlib import Path

from pydantic import ValidationError

from ui.text import nums

log = logging.getLogger(__name__)

NO_STORE = "当前没有数据目录，无法读取评估报告。"
NO_EVAL = "还没有评估报告。点击“运行评估”（约半分钟）生成一份；报告保存在文件库中。"
EVAL_NOT_BUNDLED = "评估用例是针对随附的决算文件编写的；当前载入的文件不同，不能用它们评分。"
BAD_EVAL = "评估报告无法读取（{why}）。重新运行评估即可生成新的报告。"
NO_AUDIT = "数字审计模块尚未就绪，暂时无法显示审计结果。"
AUDIT_FAILED = "数字审计运行时出错，暂时无法显示审计结果。"
METRICS = {
    "accuracy": "回答准确率",
    "citation_precision": "引用准确率",
    "citation_recall": "引用召回率",
    "refusal_precision": "拒答准确率",
    "refusal_recall": "拒答召回率",
    "retrieval_recall_at_5": "检索召回率（前 5）",
    "unsupported_numbers": "无依据的数字",
    "latency_p50_ms": "耗时中位数（毫秒）",
    "latency_p95_ms": "耗时 95 分位（毫秒）",
}
SYSTEMS = {"disclosure-qa": "本系统", "baseline": "基线：向量检索（取第一段）"}
SHOWN_BY_DEFAULT = ("error", "mismatch", "notice", "unchecked")  # ok and rounding are in the list, filtered out at first


# -- evaluation -----------------------------------------------------------------------------------
def eval_report_path(data_dir: Path | None) -> Path | None:
    from evals.report import latest_path

    return latest_path(data_dir) if data_dir else None


def eval_html(data_dir: Path | None) -> str:
    """The latest evaluation report, in Chinese, or a sentence saying why there is none."""
    from evals.report import EvalReport

    path = eval_report_path(data_dir)
    if path is None:
        return _note(NO_STORE)
    if not path.exists():
        return _note(NO_EVAL)
    try:
        report = EvalReport.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return _note(BAD_EVAL.format(why=type(exc).__name__))
    except ValidationError as exc:
        return _note(BAD_EVAL.format(why=f"格式不符：{exc.error_count()} 处"))
    return report_html(report)


def _pct(v) -> str:
    return "—" if v is None else f"{float(v) * 100:.1f}%"


def _metric(key: str, v) -> str:
    if v is None:
        return "—"
    if key == "unsupported_numbers":
        return str(v)
    if key.startswith("latency"):
        return f"{v:.1f}"
    return _pct(v)


def report_html(report) -> str:
    systems = report.systems
    names = "".join(f"<th>{escape(system_name(s.name))}</th>" for s in systems)
    overall = "".join(
        f"<tr><td>{label}</td>" + "".join(f'<td class="dqa-num">{_metric(key, getattr(s.overall, key))}</td>' for s in systems) + "</tr>"
        for key, label in METRICS.items()
    )
    categories = sorted({c for s in systems for c in s.by_category})
    by_category = "".join(
        f"<tr><td>{escape(cat)}</td><td class=\"dqa-num\">{next((s.by_category[cat].cases for s in systems if cat in s.by_category), 0)}</td>"
        + "".join(f'<td class="dqa-num">{_pct(s.by_category[cat].accuracy)} · {_pct(s.by_category[cat].citation_recall)}</td>' if cat in s.by_category else "<td>—</td>" for s in systems)
        + "</tr>"
        for cat in categories
    )
    failures = ""
    if systems:
        main = systems[0]
        items = "".join(
            f"<li><strong>{escape(f.id)}</strong>（{escape(f.category)}，第 {f.turn + 1} 轮）{escape(f.question)}<br>"
            f"应为：{escape(f.expected)}<br>实际：{escape(f.got)}<br>原因：{escape('；'.join(f.why))}</li>"
            for f in main.failures
        )
        failures = f"<h4>未答对的用例（{len(main.failures)}）</h4>" + (f'<ol class="dqa-failures">{items}</ol>' if items else "<p>无。</p>")
    cases = systems[0].overall.cases if systems else 0
    return (
        f'<div class="dqa-eval-report"><p>生成时间：{escape(report.created)} · 用例 {cases} 个，来自 {len(report.case_files)} 个用例文件 · 文件：{escape("、".join(report.document))}</p>'
        f'<h4>总体</h4><div class="dqa-table-wrap" tabindex="0" role="region" aria-label="总体指标"><table class="dqa-table"><thead><tr><th>指标</th>{names}</tr></thead><tbody>{overall}</tbody></table></div>'
        f'<h4>按类别（准确率 · 引用召回率）</h4><div class="dqa-table-wrap" tabindex="0" role="region" aria-label="按类别"><table class="dqa-table"><thead><tr><th>类别</th><th>用例</th>{names}</tr></thead><tbody>{by_category}</tbody></table></div>'
        f"{failures}</div>"
    )


def system_name(name: str) -> str:
    """"本系统", "基线：…" for the report's system names ("baseline: vector RAG (top-1 passage)")."""
    return next((label for key, label in SYSTEMS.items() if name == key or name.startswith(key + ":")), name)


def _note(text: str) -> str:
    return f'<p class="dqa-muted">{escape(text)}</p>'


class EvalRun:
    """One evaluation at a time, in the background, with the number of questions asked so far."""

    def __init__(self, bot, data_dir: Path | None):
        self.bot, self.data_dir = bot, data_dir
        self.running = False
        self.asked = 0
        self.total = 0
        self.result: str | None = None
        self._lock = threading.Lock()

    def start(self, files: list[Path] | None = None) -> bool:
        """Start a run unless one is running; False when one already is."""
        with self._lock:
            if self.running:
                return False
            self.running, self.asked, self.result = True, 0, None
        threading.Thread(target=self._run, args=(files,), name="evaluation", daemon=True).start()
        return True

    def progress_html(self) -> str:
        if self.running:
            percent = min(100, round(100 * self.asked / self.total)) if self.total else 0
            if not self.total:
                stage = "正在准备用例……"
            elif self.asked < self.total:
                stage = f"正在向本系统提问：{self.asked} / {self.total}"
            else:
                stage = "本系统已答完，正在运行基线（向量检索）并评分……"
            return (f'<div class="dqa-progress" role="progressbar" aria-label="评估进度" aria-valuenow="{percent}" aria-valuemin="0" aria-valuemax="100">'
                    f'<div class="dqa-progress-fill" style="width:{percent}%"></div></div><p>{stage}</p>')
        return self.result or eval_html(self.data_dir)

    def _run(self, files) -> None:
        from evals.cases import load_cases
        from evals.report import save_latest
        from evals.runner import evaluate
        from ingest.config import bundled_documents

        try:
            names = sorted(info.source_name for info in self.bot.library.infos().values())
            if names != [p.name for p in bundled_documents()]:
                self.result = _note(EVAL_NOT_BUNDLED)
                return
            self.total = sum(len(c.turns) or 1 for c in load_cases(files))
            report = evaluate(_Counting(self.bot, self), files)
            if self.data_dir is not None:
                save_latest(report, self.data_dir)
            self.result = report_html(report)
        except Exception:  # noqa: BLE001 - the staff page shows a sentence, the log the traceback
            log.exception("the evaluation failed")
            self.result = _note("评估运行出错，详情见服务器日志。")
        finally:
            self.running = False


class _Counting:
    """The assistant as the evaluation sees it, counting the questions it is asked."""

    def __init__(self, bot, run: EvalRun):
        self._bot, self._run = bot, run

    def ask(self, *args, **kwargs):
        self._run.asked += 1
        return self._bot.ask(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._bot, name)


# -- the audit -------------------------------------------------------------------------------------
def run_audit_report(bot):
    """The figure audit of every document (imported lazily: another module owns it); None when it
    cannot run (the page says so)."""
    try:
        from assistant.audit import run_audit
    except Exception:  # noqa: BLE001 - a half-written module must not take the page down
        log.exception("the figure audit could not be imported")
        return None
    try:
        return run_audit([bot.library.records(d) for d in bot.library.ids])
    except Exception:  # noqa: BLE001 - the page shows a note, the log keeps the traceback
        log.exception("the figure audit failed")
        return None


def audit_html(report, views_of=None) -> str:
    """The findings as a list the page filters by severity, kind, table and page; each finding's
    cited pages open side by side (``views_of(finding)`` gives its citation payloads)."""
    if report is None:
        return _note(AUDIT_FAILED)
    from assistant.audit.findings import FAMILY_LABEL, SEVERITIES, SEVERITY_LABEL

    tables = sorted({c.table for f in report.findings for c in f.citations if c.table})
    table_index = {t: i for i, t in enumerate(tables)}
    items = []
    for f in report.findings:
        classes = ["dqa-finding", f"dqa-sev-{f.severity}", f"dqa-fam-{f.family}"]
        classes += [f"dqa-p-{p}" for p in dict.fromkeys(f.pages)]
        classes += [f"dqa-t-{table_index[c.table]}" for c in f.citations if c.table]
        pages = "、".join(str(p) for p in dict.fromkeys(f.pages))
        where = f"第 {pages} 页" if pages else f"第 {f.line_start} 行"
        views = views_of(f) if views_of else []
        opener = (f'<button type="button" class="dqa-open-pages" value="{escape(json.dumps(views, ensure_ascii=False))}">并排查看所在页</button>'
                  if any(v.get("kind") == "pdf" for v in views) else "")
        hidden = "" if f.severity in SHOWN_BY_DEFAULT else " hidden"
        items.append(
            f'<li class="{" ".join(classes)}"{hidden}><span class="dqa-badge dqa-badge-{f.severity}">{SEVERITY_LABEL[f.severity]}</span> '
            f'<span class="dqa-muted">{escape(FAMILY_LABEL.get(f.family, f.family))} · {escape(where)}</span>'
            f'<div class="dqa-finding-text">{nums(f.message)}</div>{opener}</li>'
        )
    counts = " · ".join(f"{SEVERITY_LABEL[s]} {report.counts.get(s, 0)}" for s in SEVERITIES)
    severity_options = "".join(f'<option value="{s}">{SEVERITY_LABEL[s]}（{report.counts.get(s, 0)}）</option>' for s in SEVERITIES)
    family_options = "".join(f'<option value="{k}">{escape(v)}</option>' for k, v in FAMILY_LABEL.items() if any(f.family == k for f in report.findings))
    table_options = "".join(f'<option value="{i}">{escape(t)}</option>' for t, i in table_index.items())
    return (
        f'<div class="dqa-audit-report"><p>共核对 {len(report.findings)} 处关系：{escape(counts)}。默认只列出需要关注的（错误、不一致、提示、无法核对）。</p>'
        '<div class="dqa-filters" role="group" aria-label="筛选审计结果">'
        f'<label>结果 <select class="dqa-filter" name="severity"><option value="problems" selected>需要关注的</option><option value="">全部</option>{severity_options}</select></label>'
        f'<label>类别 <select class="dqa-filter" name="family"><option value="">全部</option>{family_options}</select></label>'
        f'<label>报表 <select class="dqa-filter" name="table"><option value="">全部</option>{table_options}</select></label>'
        '<label>页码 <input class="dqa-filter" name="page" type="number" min="1" inputmode="numeric" size="4"></label>'
        '<button type="button" class="dqa-export-audit" value="csv">导出 CSV</button>'
        '<span class="dqa-muted dqa-audit-count" aria-live="polite"></span></div>'
        f'<ol class="dqa-findings">{"".join(items)}</ol>'
        f'<pre hidden class="dqa-audit-csv">{escape(report.to_csv())}</pre>'
        '<div class="dqa-audit-pages" hidden></div></div>'
    )

