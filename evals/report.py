"""The evaluation report: a pydantic model with JSON and Markdown renderings."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

from ingest.files import atomic_write

METRIC_LABELS = {
    "accuracy": "answer accuracy",
    "citation_precision": "citation precision",
    "citation_recall": "citation recall",
    "refusal_precision": "refusal precision",
    "refusal_recall": "refusal recall",
    "retrieval_recall_at_5": "retrieval recall@5",
    "unsupported_numbers": "unsupported numbers",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Scores(Model):
    cases: int
    accuracy: float | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    refusal_precision: float | None = None
    refusal_recall: float | None = None
    retrieval_recall_at_5: float | None = None
    unsupported_numbers: int = 0
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    outcomes: dict[str, int] = {}  # scored turns: right · wrong_figure · refused · clarification · wrong

    @property
    def wrong_figure_rate(self) -> float | None:
        turns = sum(self.outcomes.values())
        return self.outcomes.get("wrong_figure", 0) / turns if turns else None


class Failure(Model):
    id: str
    category: str
    turn: int
    question: str
    expected: str
    got: str
    why: list[str]


class SystemReport(Model):
    name: str
    overall: Scores
    by_category: dict[str, Scores]
    by_set: dict[str, Scores] = {}
    failures: list[Failure]
    _results: list = PrivateAttr(default_factory=list)  # the case results scored (to merge reports of several stores)
    _locate: object = PrivateAttr(default=None)


class EvalReport(Model):
    created: str
    document: list[str]
    case_files: list[str]
    systems: list[SystemReport]
    gate: dict[str, float | int | bool | str] | None = None

    @staticmethod
    def now() -> str:
        return datetime.now(timezone.utc).isoformat(timespec="seconds")

    def to_markdown(self) -> str:
        out = ["# Evaluation report", "", f"- created: {self.created}", f"- documents: {', '.join(self.document)}", f"- cases: {self.systems[0].overall.cases if self.systems else 0} from {len(self.case_files)} files", ""]
        if self.gate:
            verdict = "PASS" if self.gate.get("passed") else "FAIL"
            out += [f"**CI gate: {verdict}** — accuracy {_pct(self.gate.get('accuracy'))} (threshold {_pct(self.gate.get('threshold'))}), unsupported numbers {self.gate.get('unsupported_numbers')}", ""]
        names = [s.name for s in self.systems]
        out += ["## Overall", "", "| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for key, label in METRIC_LABELS.items():
            out.append(f"| {label} | " + " | ".join(_fmt(key, getattr(s.overall, key)) for s in self.systems) + " |")
        out += ["", "## By category (answer accuracy · citation recall)", "", "| category | cases | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
        categories = sorted({c for s in self.systems for c in s.by_category})
        for cat in categories:
            cells = []
            n = 0
            for s in self.systems:
                sc = s.by_category.get(cat)
                n = sc.cases if sc else n
                cells.append(f"{_pct(sc.accuracy)} · {_pct(sc.citation_recall)}" if sc else "—")
            out.append(f"| {cat} | {n} | " + " | ".join(cells) + " |")
        if self.systems and self.systems[0].overall.outcomes:
            main = self.systems[0]
            out += ["", f"## Outcomes of scored turns: {main.name} (right · wrong figure · refused · clarification asked · otherwise wrong)", "",
                    "| category | right | wrong figure | refused | clarification | wrong |", "|---|---|---|---|---|---|"]
            for cat, sc in [*sorted(main.by_category.items()), ("**overall**", main.overall)]:
                o = sc.outcomes
                out.append(f"| {cat} | {o.get('right', 0)} | {o.get('wrong_figure', 0)} | {o.get('refused', 0)} | {o.get('clarification', 0)} | {o.get('wrong', 0)} |")
            out.append(f"\nwrong-figure rate: {_pct(main.overall.wrong_figure_rate)} of scored turns")
        sets = [k for k in self.systems[0].by_set] if self.systems else []
        if len(sets) > 1:
            out += ["", "## By case set (answer accuracy)", "", "| set | cases | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
            for k in sets:
                n = self.systems[0].by_set[k].cases
                out.append(f"| {k} | {n} | " + " | ".join(_pct(s.by_set[k].accuracy) if k in s.by_set else "—" for s in self.systems) + " |")
        if len(sets) > 1 or (sets and sets[0] != "cases"):
            main = self.systems[0]
            out += ["", f"## By case set: {main.name} (wrong-figure rate)", "", "| set | cases | accuracy | wrong-figure rate | unsupported numbers |", "|---|---|---|---|---|"]
            for k in sets:
                sc = main.by_set[k]
                out.append(f"| {k} | {sc.cases} | {_pct(sc.accuracy)} | {_pct(sc.wrong_figure_rate)} | {sc.unsupported_numbers} |")
        for s in self.systems:
            out += ["", f"## Failures: {s.name} ({len(s.failures)})", ""]
            if not s.failures:
                out.append("None.")
            for f in s.failures:
                out += [f"- **{f.id}** ({f.category}, turn {f.turn + 1}) {f.question}", f"  - expected: {f.expected}", f"  - got: {f.got}", f"  - why: {'; '.join(f.why)}"]
        return "\n".join(out) + "\n"


def _pct(v) -> str:
    return "—" if v is None else f"{float(v) * 100:.1f}%"


def _fmt(key: str, v) -> str:
    if v is None:
        return "—"
    if key in ("unsupported_numbers",):
        return str(v)
    if key.startswith("latency"):
        return f"{v:.1f}"
    return _pct(v)


def latest_path(data_dir: Path) -> Path:
    """Where a store keeps its latest evaluation report (the UI's evaluation tab reads it)."""
    return Path(data_dir) / "reports" / "eval-latest.json"


def save_latest(report: EvalReport, data_dir: Path) -> Path:
    path = latest_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, report.model_dump_json(indent=1).encode("utf-8"))
    return path
