"""The scale benchmark: stores of 50, 1,000 and 10,000 generated disclosures, on SQLite and on
PostgreSQL — ingest throughput, size on disk, cold start to the first answers, warm latency of
single-document and cross-document questions, peak memory.

    .venv/bin/python -m bench --only scale                        # 50 and 1,000 documents
    .venv/bin/python -m bench --only scale --sizes 50,1000,10000  # and 10,000 (tens of minutes)

The documents are template-shaped text exports from tests/generate (each with its own department
of one of many districts, a year, the nine statutory tables and a narrative). They are embedded
with the deterministic ``hash`` embedder (stated in the results): the real e5 embedder's cost is
measured by the bundled-document benchmark; here the question is how the store grows.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SYLLABLES = "东西南北中安宁平和兴华新康泰永长清明嘉德丰宝瑞祥福乐江河湖海山林桥湾浦塘"
KINDS = ["财政局", "教育局", "文化和旅游局", "民政局", "卫生健康委员会", "生态环境局", "审计局", "统计局", "商务委员会", "体育局"]


def districts(count: int) -> list[str]:
    """``count`` district names (上海市东安区 …), the same every run."""
    rng = random.Random(7)
    out: list[str] = []
    while len(out) < count:
        name = f"上海市{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}区"
        if name not in out:
            out.append(name)
    return out


def _write_one(args: tuple[int, str, str, int, str]) -> dict:
    seed, district, kind, year, folder = args
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    from generate.disclosure import options_for, render
    from generate.spec import make_spec

    spec = make_spec(seed, year=year, department_kind=kind)
    spec.department = f"{district}{kind}"
    doc = render(spec, options_for(seed), "text")
    path = Path(folder) / f"gen-{seed:05d}.txt"
    path.write_bytes(doc.data)
    return {"path": str(path), "department": spec.department, "year": year, "district": district}


def generate(count: int, folder: Path) -> list[dict]:
    """``count`` documents, each {path, department, year, district}: every (district, department)
    once, years 2023–2025 in turn; kept in ``folder`` with a manifest for the next run."""
    manifest = folder / "manifest.json"
    if manifest.exists():
        have = json.loads(manifest.read_text(encoding="utf-8"))
        if len(have) >= count:
            return have[:count]
    folder.mkdir(parents=True, exist_ok=True)
    names = districts(max(1, count // len(KINDS) + 1))
    jobs = [(i, names[i // len(KINDS)], KINDS[i % len(KINDS)], 2023 + i % 3, str(folder)) for i in range(count)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        docs = pool.map(_write_one, jobs, chunksize=50)
    manifest.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return docs


INGEST = """
import json, sys, time
from ingest.config import Settings
from ingest.store import Store

paths = [l for l in open(sys.argv[2], encoding="utf-8").read().splitlines() if l]
store = Store(Settings(data_dir=sys.argv[1], embedder="hash", db_url=sys.argv[3] or None), log=lambda m: None)
t = time.perf_counter()
report = store.ingest(paths, progress=False, workers=2)
done(ingest_s=round(time.perf_counter() - t, 2), documents=len(report.documents), errors=len(report.errors),
     passages=sum(d.passages for d in report.documents), embedded=sum(d.embedded for d in report.documents))
"""

FIRST = """
import sys, time
from assistant.assistant import Assistant

bot = Assistant.open(sys.argv[1], embedder="hash", db_url=sys.argv[3] or None, log=lambda m: None)
answer = bot.ask(sys.argv[2])
done(first_s=round(time.perf_counter() - started, 3), kind=answer.kind, figures=[f.value for f in answer.figures][:2])
"""

WARM = """
import json, sys, time
from assistant.assistant import Assistant

bot = Assistant.open(sys.argv[1], embedder="hash", db_url=sys.argv[3] or None, log=lambda m: None)
groups = json.loads(open(sys.argv[2], encoding="utf-8").read())
out = {}
for name, questions in groups.items():
    bot.ask(questions[0])  # warm: the first one pays for imports
    times, kinds = [], {}
    for q in questions:
        t = time.perf_counter()
        a = bot.ask(q)
        times.append((time.perf_counter() - t) * 1000)
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    out[name] = {"ms": times, "kinds": kinds}
done(groups=out)
"""


def questions(docs: list[dict], count: int = 200) -> dict[str, list[str]]:
    """Single-document questions naming a department and year; cross-document ones naming a district."""
    rng = random.Random(11)
    picks = [docs[rng.randrange(len(docs))] for _ in range(count)]
    single = [f"{d['department']}{d['year']}年度{'三公经费是多少' if i % 2 else '行政运行支出多少'}？" for i, d in enumerate(picks)]
    regions = sorted({d["district"] for d in docs})
    across = [f"{rng.choice(regions)}{'哪个部门三公经费最多' if i % 2 else '各部门基本支出合计是多少'}？" for i in range(max(20, count // 4))]
    return {"single": single, "across": across}


def measure(name: str, docs: list[dict], work: Path, db_url: str | None, child) -> dict:
    from evals.metrics import percentile

    store = work / f"store-{name}"
    shutil.rmtree(store, ignore_errors=True)
    listing = work / f"paths-{len(docs)}.txt"
    listing.write_text("\n".join(d["path"] for d in docs), encoding="utf-8")
    ingest = child(INGEST, str(store), str(listing), db_url or "", timeout=4 * 3600)
    again = child(INGEST, str(store), str(listing), db_url or "", timeout=3600)
    qs = questions(docs)
    first_figure = child(FIRST, str(store), qs["single"][0], db_url or "")
    first_passage = child(FIRST, str(store), qs["single"][1].replace("行政运行支出多少", "机关运行经费为什么变化"), db_url or "")
    groups_file = work / "questions.json"
    groups_file.write_text(json.dumps(qs, ensure_ascii=False), encoding="utf-8")
    warm = child(WARM, str(store), str(groups_file), db_url or "", timeout=3600)
    size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    if db_url:
        size += _pg_size(db_url)
    latency = {}
    for group, data in warm["groups"].items():
        ms = data["ms"]
        latency[group] = {"questions": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
                          "p99_ms": round(percentile(ms, 99), 1), "kinds": data["kinds"]}
    return {
        "documents": len(docs),
        "database": "postgresql" if db_url else "sqlite",
        "embedder": "hash (deterministic stand-in)",
        "ingest_s": ingest["ingest_s"],
        "documents_per_s": round(len(docs) / max(ingest["ingest_s"], 1e-9), 1),
        "passages": ingest["passages"],
        "embedded": ingest["embedded"],
        "unchanged_reingest_s": again["ingest_s"],
        "store_mb": round(size / 1e6, 1),
        "cold_first_figure_s": first_figure["first_s"],
        "cold_first_passage_s": first_passage["first_s"],
        "latency": latency,
        "peak_rss_mb": max(ingest["peak_rss_mb"], first_figure["peak_rss_mb"], first_passage["peak_rss_mb"], warm["peak_rss_mb"]),
        "answer_rss_mb": warm["peak_rss_mb"],
    }


def _pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])


def run(work: Path, sizes: list[int], databases: list[str], child) -> dict:
    results: dict = {}
    corpus = generate(max(sizes), work / "generated")
    cluster = None
    try:
        for db in databases:
            server = None
            if db == "postgresql":
                sys.path[:0] = [str(REPO / "tests")]
                import pg

                cluster = pg.Cluster()
                server = cluster.start()
            for n in sizes:
                url = pg.create_database(server) if server else None
                t = time.perf_counter()
                results[f"{db}-{n}"] = measure(f"{db}-{n}", corpus[:n], work, url, child)
                results[f"{db}-{n}"]["bench_s"] = round(time.perf_counter() - t, 1)
                print(f"  {db} {n} documents: {results[f'{db}-{n}']}", file=sys.stderr)
    finally:
        if cluster is not None:
            cluster.stop()
    return results


def table(results: dict) -> str:
    cols = list(results)
    rows = [
        ("documents / database", lambda r: f"{r['documents']} / {r['database']}"),
        ("ingest (s) · documents/s (2 workers)", lambda r: f"{r['ingest_s']:.0f} · {r['documents_per_s']}"),
        ("passages · embedded", lambda r: f"{r['passages']} · {r['embedded']}"),
        ("re-ingest unchanged (s)", lambda r: f"{r['unchanged_reingest_s']:.1f}"),
        ("store on disk (MB)", lambda r: f"{r['store_mb']}"),
        ("cold start → first figure (s)", lambda r: f"{r['cold_first_figure_s']:.2f}"),
        ("cold start → first passage answer (s)", lambda r: f"{r['cold_first_passage_s']:.2f}"),
        ("single-document p50 / p95 / p99 (ms)", lambda r: "{p50_ms} / {p95_ms} / {p99_ms}".format(**r["latency"]["single"])),
        ("cross-document p50 / p95 / p99 (ms)", lambda r: "{p50_ms} / {p95_ms} / {p99_ms}".format(**r["latency"]["across"])),
        ("peak RSS: answering / any step (MB)", lambda r: f"{r['answer_rss_mb']:.0f} / {r['peak_rss_mb']:.0f}"),
    ]
    lines = ["| | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(results[c]) for c in cols) + " |")
    return "\n".join(lines)
