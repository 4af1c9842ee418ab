"""The benchmark: parsing the corpus (time per page), then ingest, cold start and question
latency for the bundled disclosure and for a store of 50 documents, each step in a fresh process;
printed as a table and written as JSON.

    .venv/bin/python -m bench                      # or: .venv/bin/python bench/run.py
    .venv/bin/python -m bench --only bundled --out /tmp/results.json
    .venv/bin/python -m bench --only scale --sizes 50,1000,10000   # bench/scale.py: stores of many documents

Runs offline with the real default embedder (e5). The 50-document store is the bundled
disclosure plus 49 generated from the template in tests/reliability/documents.py. Reported, not
asserted: the targets (2 cores) are p50 ≤ 50 ms, p95 ≤ 250 ms, cold start ≤ 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from evals.metrics import percentile

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CLI = Path(PYTHON).with_name("disclosure-qa")
TARGETS = {"p50_ms": 50.0, "p95_ms": 250.0, "cold_start_s": 3.0}
FIGURE_QUESTION = "棚改花了多少钱？"
PASSAGE_QUESTION = "房屋安全管理是怎么说的"  # answered by quoting a retrieved passage (jieba, BM25, Chroma, e5)

CHILD_PRELUDE = f"""
import json, resource, sys, time
started = time.perf_counter()
sys.path[:0] = [{str(REPO)!r}, {str(REPO / "tests")!r}]

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def done(**values):
    print(json.dumps(dict(values, peak_rss_mb=round(peak_mb(), 1), process_s=round(time.perf_counter() - started, 3))))
"""

INGEST = """
from ingest.config import Settings
from ingest.store import Store

paths = json.loads(sys.argv[2]) or None
store = Store(Settings(data_dir=sys.argv[1]), log=lambda m: print(m, file=sys.stderr))
t = time.perf_counter()
report = store.ingest(paths, progress=False)
done(ingest_s=round(time.perf_counter() - t, 3), documents=len(report.documents),
     statuses=sorted({d.status for d in report.documents}), embedded=sum(d.embedded for d in report.documents),
     passages=sum(d.passages for d in report.documents), errors=report.errors)
"""

PARSE = """
from ingest.pipeline import parse_file

out = {}
for path in json.loads(sys.argv[1]):
    times = []
    for _ in range(3):
        t = time.perf_counter()
        rec = parse_file(path)
        times.append(time.perf_counter() - t)
    best = min(times)
    out[rec.info.id] = dict(format=rec.info.format, pages=rec.info.pages, seconds=round(best, 3),
                            ms_per_page=round(best * 1000 / max(rec.info.pages, 1), 1),
                            statutory_tables=len(rec.statements), rows=sum(len(t.rows) for t in rec.statements),
                            narrative_figures=len(rec.figures), coverage_percent=str(rec.coverage.percent))
done(documents=out)
"""

LATENCY = """
from assistant.assistant import Assistant

bot = Assistant.open(sys.argv[1], log=lambda m: print(m, file=sys.stderr))
# {name: {"docs": [...] or null, "conversations": [[question, ...], ...]}}
groups = json.loads(open(sys.argv[2], encoding="utf-8").read())


def run(group):
    out = []
    for turns in group["conversations"]:
        session = None
        for q in turns:
            t = time.perf_counter()
            answer = bot.ask(q, session=session, docs=group["docs"])
            out.append((time.perf_counter() - t) * 1000)
            session = answer.session
    return out


for group in groups.values():
    run(group)  # warm-up: every question once
measured = {name: run(group) for name, group in groups.items()}
done(latencies_ms=measured)
"""


def child(code: str, *args: str, timeout: float = 3600) -> dict:
    result = subprocess.run([PYTHON, "-c", CHILD_PRELUDE + code, *args], capture_output=True, text=True, cwd=REPO, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"bench: a step failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def latency_summary(ms: list[float]) -> dict:
    return {
        "questions": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "max_ms": round(max(ms), 2),
    }


def cold_start(store: Path, question: str, runs: int = 3) -> dict:
    """Wall time of ``disclosure-qa ask QUESTION --json`` in a new process, the store built."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = subprocess.run([str(CLI), "ask", question, "--json", "--data-dir", str(store)], capture_output=True, text=True, cwd=REPO)
        times.append(time.perf_counter() - t)
        if result.returncode != 0:
            raise SystemExit(f"bench: `disclosure-qa ask` failed:\n{result.stderr[-3000:]}")
        kind = json.loads(result.stdout)["kind"]
    return {"question": question, "kind": kind, "runs_s": [round(x, 3) for x in times], "median_s": round(statistics.median(times), 3)}


def evaluation_conversations() -> list[list[str]]:
    sys.path.insert(0, str(REPO))
    from evals.cases import load_cases

    return [[t.question for t in case.turns] for case in load_cases()]


def measure(name: str, store: Path, paths: list[str], groups: dict, first_question: str, work: Path) -> dict:
    """Every figure for one store; ``groups`` names sets of conversations and the documents they ask about."""
    print(f"[{name}] cold ingest …", file=sys.stderr, flush=True)
    cold = child(INGEST, str(store), json.dumps(paths))
    print(f"[{name}] warm re-ingest …", file=sys.stderr, flush=True)
    warm = child(INGEST, str(store), json.dumps(paths))
    print(f"[{name}] cold start …", file=sys.stderr, flush=True)
    first = cold_start(store, first_question)
    passage = cold_start(store, PASSAGE_QUESTION if name == "bundled" else f"乌鲁木齐市住房保障和房产管理局{PASSAGE_QUESTION}")
    print(f"[{name}] warm latency …", file=sys.stderr, flush=True)
    questions = work / f"{name}-questions.json"
    questions.write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
    lat = child(LATENCY, str(store), str(questions))
    every = [x for ms in lat["latencies_ms"].values() for x in ms]
    return {
        "documents": cold["documents"],
        "passages": cold["passages"],
        "cold_ingest": {k: cold[k] for k in ("ingest_s", "process_s", "embedded", "peak_rss_mb", "errors")},
        "warm_reingest": {k: warm[k] for k in ("ingest_s", "process_s", "embedded", "statuses", "peak_rss_mb")},
        "cold_start_first_answer": first,
        "cold_start_first_passage_answer": passage,
        "warm_latency": latency_summary(every),
        "warm_latency_by_set": {k: latency_summary(v) for k, v in lat["latencies_ms"].items()},
        "query_process_peak_rss_mb": lat["peak_rss_mb"],
        "peak_rss_mb": max(cold["peak_rss_mb"], warm["peak_rss_mb"], lat["peak_rss_mb"]),
    }


def bundled(work: Path) -> dict:
    from ingest.config import bundled_documents

    groups = {"evaluation": {"docs": None, "conversations": evaluation_conversations()}}
    return measure("bundled", work / "bundled-store", [str(p) for p in bundled_documents()], groups, FIGURE_QUESTION, work)


def many(work: Path, count: int) -> dict:
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    from ingest.config import bundled_documents
    from reliability.documents import generate, write

    docs = generate(count - 1)
    paths = [str(p) for p in bundled_documents()] + [str(p) for p in write(work / "generated", docs)]
    named = []
    for d in docs:
        short = d.department.removeprefix("某某市")
        named += [[f"{short}{d.year}年度机关运行经费是多少？"], [f"{short}{d.year}年度三公经费是多少？", "比上年呢？"]]
    groups = {
        # the evaluation questions are about the bundled document: a UI would have it selected
        "evaluation, bundled document selected": {"docs": ["urumqi-housing-2023"], "conversations": evaluation_conversations()},
        "generated, department and year named": {"docs": None, "conversations": named},
    }
    return measure(f"{count} documents", work / "many-store", paths, groups, f"乌鲁木齐市住房保障和房产管理局{FIGURE_QUESTION}", work)


def parsing(work: Path) -> dict:
    """Parse time of every corpus document (best of three in one process), and re-ingesting an
    unchanged PDF from a new process."""
    corpus = sorted((REPO / "tests" / "corpus").glob("*.pdf")) + sorted((REPO / "tests" / "corpus").glob("*.txt"))
    paths = [str(p) for p in corpus] + [str(p) for p in _bundled()]
    parsed = child(PARSE, json.dumps(paths))["documents"]
    pdf = next(p for p in corpus if p.suffix == ".pdf" and "template" not in p.name)
    store = work / "pdf-store"
    child(INGEST, str(store), json.dumps([str(pdf)]))
    again = child(INGEST, str(store), json.dumps([str(pdf)]))
    return {"documents": parsed, "unchanged_pdf_reingest_s": again["ingest_s"], "unchanged_pdf_reingest_process_s": again["process_s"]}


def _bundled() -> list[Path]:
    from ingest.config import bundled_documents

    return bundled_documents()


def parse_table(results: dict) -> str:
    lines = ["| document | format | pages | parse (s) | ms/page | statutory tables | rows | narrative figures | coverage |", "|---|---|---|---|---|---|---|---|---|"]
    for doc, r in results["documents"].items():
        lines.append(f"| {doc} | {r['format']} | {r['pages']} | {r['seconds']:.2f} | {r['ms_per_page']:.0f} | {r['statutory_tables']} | {r['rows']} | {r['narrative_figures']} | {r['coverage_percent']}% |")
    lines.append(f"\nre-ingesting an unchanged PDF: {results['unchanged_pdf_reingest_s']:.2f} s (process {results['unchanged_pdf_reingest_process_s']:.1f} s)")
    return "\n".join(lines)


def table(results: dict) -> str:
    cols = [k for k in ("bundled", "many") if k in results]
    head = {"bundled": "bundled document", "many": f"{results.get('many', {}).get('documents', 50)} documents"}
    rows = [
        ("documents / passages", lambda r: f"{r['documents']} / {r['passages']}"),
        ("cold ingest (s)", lambda r: f"{r['cold_ingest']['ingest_s']:.1f} (process {r['cold_ingest']['process_s']:.1f}, {r['cold_ingest']['embedded']} embedded)"),
        ("warm re-ingest (s)", lambda r: f"{r['warm_reingest']['ingest_s']:.2f} (process {r['warm_reingest']['process_s']:.1f})"),
        ("cold start → first answer (s)", lambda r: f"{r['cold_start_first_answer']['median_s']:.2f} {_mark(r['cold_start_first_answer']['median_s'] <= TARGETS['cold_start_s'])}"),
        ("cold start → first passage answer (s)", lambda r: f"{r['cold_start_first_passage_answer']['median_s']:.2f} {_mark(r['cold_start_first_passage_answer']['median_s'] <= TARGETS['cold_start_s'])}"),
        ("warm p50 (ms)", lambda r: f"{r['warm_latency']['p50_ms']:.1f} {_mark(r['warm_latency']['p50_ms'] <= TARGETS['p50_ms'])}"),
        ("warm p95 (ms)", lambda r: f"{r['warm_latency']['p95_ms']:.1f} {_mark(r['warm_latency']['p95_ms'] <= TARGETS['p95_ms'])}"),
        ("warm p99 (ms)", lambda r: f"{r['warm_latency']['p99_ms']:.1f}"),
        ("questions timed", lambda r: str(r["warm_latency"]["questions"])),
        ("peak RSS (MB)", lambda r: f"{r['peak_rss_mb']:.0f} (questions {r['query_process_peak_rss_mb']:.0f})"),
    ]
    lines = ["| | " + " | ".join(head[c] for c in cols) + " |", "|---|" + "---|" * len(cols)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(results[c]) for c in cols) + " |")
    lines.append(f"\ntargets (2 cores): p50 ≤ {TARGETS['p50_ms']:.0f} ms, p95 ≤ {TARGETS['p95_ms']:.0f} ms, cold start ≤ {TARGETS['cold_start_s']:.0f} s (✓ met, ✗ missed)")
    return "\n".join(lines)


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="the JSON results file (default: bench/results.json; bench/scale.json for --only scale)")
    parser.add_argument("--only", choices=["parse", "bundled", "many", "scale"],
                        help="run one part: parsing the corpus, one of the two stores, or the scale benchmark (not run by default)")
    parser.add_argument("--sizes", default="50,1000", help="documents in the scale benchmark's stores (default: 50,1000)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="the scale benchmark's databases (default: sqlite,postgresql)")
    parser.add_argument("--documents", type=int, default=50, help="documents in the large store (2–50; default 50)")
    parser.add_argument("--reuse", action="store_true", help="scale: measure a store already in the --keep folder (and on --pg-url) as it is (its ingest not timed)")
    parser.add_argument("--pg-url", help="scale: a running PostgreSQL server (postgresql://user@host:port) to keep the stores' databases on (default: a throwaway cluster)")
    parser.add_argument("--keep", help="build the stores in this folder and keep them (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not 2 <= args.documents <= 50:
        parser.error("--documents must be between 2 and 50")
    sys.path.insert(0, str(REPO))
    from ingest.config import quiet_third_parties

    quiet_third_parties()  # inherited by every step: offline, no telemetry
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="disclosure-qa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "embedder": "e5",
        "targets": TARGETS,
    }
    try:
        if args.only in (None, "parse"):
            results["parse"] = parsing(work)
        if args.only in (None, "bundled"):
            results["bundled"] = bundled(work)
        if args.only in (None, "many"):
            results["many"] = many(work, args.documents)
        if args.only == "scale":
            from bench import scale

            results["machine"] = scale.machine()
            results["embedder"] = "hash (deterministic stand-in)"
            results["scale"] = scale.run(work, [int(n) for n in args.sizes.split(",")], args.databases.split(","), child, reuse=args.reuse, pg_server=args.pg_url)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    args.out = args.out or str(REPO / "bench" / ("scale.json" if args.only == "scale" else "results.json"))
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if "parse" in results:
        print(parse_table(results["parse"]) + "\n")
    if any(k in results for k in ("bundled", "many")):
        print(table(results))
    if "scale" in results:
        from bench import scale

        print(scale.table(results["scale"]))
        markdown = Path(args.out).with_suffix(".md")
        markdown.write_text(scale.markdown(results), encoding="utf-8")
        print(f"\nthe table, its growth and the machine: {markdown}")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
