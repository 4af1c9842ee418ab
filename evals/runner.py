"""Run the assistant (and the baseline) over the cases in-process and build the report."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.assistant import Assistant
from evals import metrics
from evals.cases import EVALS, Case, CaseFileError, CaseSet, default_files, load_cases
from evals.metrics import CaseResult, TurnResult
from evals.report import EvalReport, Failure, Scores, SystemReport

MIN_GATE = 0.95


def document_path(name: str) -> Path:
    """A set's document by file name: the bundled ones in data/, the corpus copies in tests/corpus/."""
    root = EVALS.parent
    for folder in (root / "data", root / "tests" / "corpus"):
        if (folder / name).is_file():
            return folder / name
    raise CaseFileError(f"the document {name!r} of a case set is neither in data/ nor in tests/corpus/")


def evaluate_sets(sets: list[CaseSet], stores: Path, *, embedder: str | None = None, baseline: bool = True, threshold: float | None = None, log=None) -> EvalReport:
    """Each set against a store holding its documents (one store per distinct list of documents,
    kept under ``stores`` so a second run does not ingest again)."""
    import hashlib

    groups: dict[tuple[str, ...], list[CaseSet]] = {}
    for s in sets:
        groups.setdefault(tuple(sorted(s.documents)), []).append(s)
    reports = []
    for docs, members in groups.items():
        folder = stores / hashlib.sha1("|".join(docs).encode()).hexdigest()[:12]
        from ingest.config import Settings
        from ingest.store import Store

        Store(Settings.resolve(folder, embedder)).ingest([document_path(d) for d in docs], progress=False)
        bot = Assistant.open(folder, embedder=embedder)
        if log:
            log(f"{', '.join(m.name for m in members)}: {len(docs)} document(s)")
        reports.append(evaluate(bot, [f for m in members for f in m.files], baseline=baseline))
    return _merge(reports, threshold)


def _merge(reports: list[EvalReport], threshold: float | None) -> EvalReport:
    """One report from several stores' reports: the scores recomputed from every case's result."""
    if len(reports) == 1:
        report = reports[0]
    else:
        systems = []
        for i, first in enumerate(reports[0].systems):
            results = [r for rep in reports for r in rep.systems[i]._results]
            systems.append(score(first.name, results, _locate_any(reports, i)))
        report = EvalReport(created=EvalReport.now(), document=sorted({d for r in reports for d in r.document}),
                            case_files=[f for r in reports for f in r.case_files], systems=systems)
    if threshold is not None:
        _gate(report, threshold)
    return report


def _locate_any(reports: list[EvalReport], i: int):
    locators = [rep.systems[i]._locate for rep in reports]

    def locate(citation):
        for loc in locators:
            found = loc(citation)
            if found is not None:
                return found
        return None

    return locate


def run_system(system, cases: list[Case], *, retriever=None) -> list[CaseResult]:
    results = []
    for case in cases:
        session = None
        turns = []
        for turn in case.turns:
            start = time.perf_counter()
            try:
                answer = system.ask(turn.question, session=session)
                error = None
            except Exception as exc:  # noqa: BLE001 - a failing case is reported, the run goes on
                answer, error = None, f"{type(exc).__name__}: {exc}"
            seconds = time.perf_counter() - start
            retrieved = []
            if retriever is not None and case.category in ("reason", "definition"):
                retrieved = [(p.line_start, p.line_end) for p in retriever(turn.question)]
            turns.append(TurnResult(turn, answer, error, seconds, retrieved))
            session = answer.session if answer is not None else None
        results.append(CaseResult(case, turns))
    return results


def score(name: str, results: list[CaseResult], lines_of) -> SystemReport:
    def scores(rs: list[CaseResult]) -> Scores:
        acc = [x for r in rs for x in metrics.accuracy(r)]
        prec = [x for r in rs for x in metrics.citation_precision(r, lines_of)]
        rec = [x for r in rs for x in metrics.citation_recall(r)]
        ret = [x for r in rs for x in metrics.retrieval_recall(r)]
        tp = fp = fn = 0
        for r in rs:
            a, b, c = metrics.refusal_counts(r)
            tp, fp, fn = tp + a, fp + b, fn + c
        lat = [t.seconds * 1000 for r in rs for t in r.turns]
        outcomes = {o: 0 for o in metrics.OUTCOMES}
        for r in rs:
            for t in r.turns:
                if t.turn.expect is not None:
                    outcomes[metrics.outcome(t)] += 1
        return Scores(
            outcomes=outcomes,
            cases=len(rs),
            accuracy=_mean(acc),
            citation_precision=_mean(prec),
            citation_recall=_mean(rec),
            refusal_precision=(tp / (tp + fp)) if tp + fp else None,
            refusal_recall=(tp / (tp + fn)) if tp + fn else None,
            retrieval_recall_at_5=_mean(ret),
            unsupported_numbers=sum(len(metrics.unsupported(r)) for r in rs),
            latency_p50_ms=metrics.percentile(lat, 50),
            latency_p95_ms=metrics.percentile(lat, 95),
        )

    by_cat: dict[str, list[CaseResult]] = {}
    by_set: dict[str, list[CaseResult]] = {}
    for r in results:
        by_cat.setdefault(r.case.category, []).append(r)
        by_set.setdefault(r.case.set or "cases", []).append(r)
    failures = []
    for r in results:
        for i, t in enumerate(r.turns):
            why = metrics.turn_failures(t)
            bad_numbers = t.answer.unsupported_numbers() if t.answer else []
            if bad_numbers:
                why.append(f"unsupported numbers: {', '.join(bad_numbers)}")
            if why:
                e = t.turn.expect
                expected = "refusal" if e and e.refusal else ", ".join([f"{f.value} {f.unit}".strip() for f in (e.figures if e else [])] + [f"“{s}”" for s in (e.text if e else [])]) or (f"kind {e.kind}" if e and e.kind else "—")
                failures.append(Failure(id=r.case.id, category=r.case.category, turn=i, question=t.turn.question[:200], expected=expected, got=metrics.describe(t.answer), why=why))
    report = SystemReport(
        name=name,
        overall=scores(results),
        by_category={c: scores(rs) for c, rs in sorted(by_cat.items())},
        by_set={k: scores(rs) for k, rs in by_set.items()},
        failures=failures,
    )
    report._results, report._locate = results, lines_of
    return report


def _mean(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def evaluate(assistant: Assistant, files: list[str | Path] | None = None, *, baseline: bool = True, threshold: float | None = None) -> EvalReport:
    cases = load_cases(files)

    def lines_of(citation):
        if citation.doc not in assistant.kb.docs:
            return None
        start, end = assistant.kb.lines_of(citation)
        return assistant.kb.doc(citation.doc).lines, start, end

    def retrieve(question: str):
        from assistant.understand import understand

        q = understand(question, assistant.lang)
        hits = assistant.retriever.retrieve(q.content or q.folded, 5)
        return [assistant.kb.passages[h.passage_id] for h in hits if h.passage_id in assistant.kb.passages]

    systems = [score("disclosure-qa", run_system(assistant, cases, retriever=retrieve), lines_of)]
    if baseline:
        from evals.baseline import VectorBaseline

        systems.append(score(VectorBaseline.name, run_system(VectorBaseline(assistant), cases), lines_of))
    root = EVALS.parent
    files_used = [str(p) for p in files] if files else [str(p.relative_to(root)) for p in default_files()]
    report = EvalReport(created=EvalReport.now(), document=assistant.kb.doc_ids, case_files=files_used, systems=systems)
    if threshold is not None:
        _gate(report, threshold)
    return report


def _gate(report: EvalReport, threshold: float) -> None:
    main = report.systems[0].overall
    passed = (main.accuracy or 0) >= threshold and main.unsupported_numbers == 0
    report.gate = {"passed": passed, "threshold": threshold, "accuracy": round(main.accuracy or 0, 4), "unsupported_numbers": main.unsupported_numbers}
