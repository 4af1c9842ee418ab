"""The evaluation and audit tabs: the latest eval report from the store, the figure audit."""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import ValidationError

log = logging.getLogger(__name__)

NO_STORE = "当前没有数据目录，无法读取评估报告。"
NO_EVAL = "还没有评估报告。点击“运行评估”（约半分钟），或在命令行运行 `disclosure-qa eval`（使用同一个 `--data-dir`）后点击“刷新”。"
EVAL_NOT_BUNDLED = "评估用例是针对随附的乌鲁木齐市住房保障和房产管理局 2023 年度决算说明编写的；当前载入的文件不同，不能用它们评分。"
BAD_EVAL = "评估报告文件无法读取（{why}）：`{path}`。重新运行 `disclosure-qa eval` 生成新的报告。"
NO_AUDIT = "数字审计模块（`assistant/audit/`）尚未就绪，暂时无法显示审计结果。"
AUDIT_FAILED = "数字审计运行时出错，暂时无法显示审计结果。"


def eval_report_path(data_dir: Path | None) -> Path | None:
    from evals.report import latest_path

    return latest_path(data_dir) if data_dir else None


def run_eval(bot, data_dir: Path | None, files: list[Path] | None = None) -> str:
    """Run the evaluation suite (the assistant and the baseline) on ``bot`` now, keep the report
    with the store, and show it. The cases are written for the bundled disclosure, so a store that
    holds anything else is told so rather than scored."""
    from ingest.config import bundled_documents
    from evals.report import save_latest
    from evals.runner import evaluate

    if sorted(r.info.source_name for r in bot.kb.records) != [p.name for p in bundled_documents()]:
        return EVAL_NOT_BUNDLED
    report = evaluate(bot, files)
    if data_dir is None:
        return report.to_markdown()
    return f"报告文件：`{save_latest(report, data_dir)}`\n\n" + report.to_markdown()


def eval_markdown(data_dir: Path | None) -> str:
    """The latest eval report as Markdown, or a note saying why there is none."""
    from evals.report import EvalReport

    path = eval_report_path(data_dir)
    if path is None:
        return NO_STORE
    if not path.exists():
        return NO_EVAL
    try:
        report = EvalReport.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return BAD_EVAL.format(why=type(exc).__name__, path=path)
    except ValidationError as exc:
        return BAD_EVAL.format(why=f"格式不符：{exc.error_count()} 处", path=path)
    return f"报告文件：`{path}`\n\n" + report.to_markdown()


def audit_markdown(records) -> str:
    """The figure audit of ``records`` (imported lazily: another module owns it)."""
    try:
        from assistant.audit import run_audit
    except ImportError:
        return NO_AUDIT
    except Exception:  # noqa: BLE001 - a half-written module must not take the page down
        log.exception("the figure audit could not be imported")
        return AUDIT_FAILED
    try:
        return run_audit(records).to_markdown()
    except Exception:  # noqa: BLE001 - the page shows a note, the log keeps the traceback
        log.exception("the figure audit failed")
        return AUDIT_FAILED
