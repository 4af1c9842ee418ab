"""The scale benchmark: stores of 50, 1,000 and 10,000 generated disclosures, on SQLite and on
PostgreSQL — ingest throughput, size on disk, cold start to the first answers, warm latency of
single-document and cross-document questions, peak memory.

    .venv/bin/python -m bench --only scale                        # 50 and 1,000 documents
    .venv/bin/python -m bench --only scale --sizes 50,1000,10000  # and 10,000 (tens of minutes)

The documents are template-shaped text exports from tests/generate (each with its own department
of one of many districts, a year, the nine statutory tables and a narrative), generated once in
two processes and kept with a manifest for the next run. They are embedded with the deterministic
``hash`` embedder (stated in the results): the real e5 embedder's cost is measured by the
bundled-document benchmark; here the question is how the store grows. Besides bench/scale.json,
the results are written as a Markdown table with the growth of each figure (bench/scale.md).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
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
        docs = pool.map(_write_one, jobs, chunksize=50)  # ~35 ms a document: 10,000 in three minutes
    manifest.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return docs


INGEST = """
import os, resource, sys, time
from ingest.config import Settings
from ingest.store import Store

paths = [l for l in open(sys.argv[2], encoding="utf-8").read().splitlines() if l]
store = Store(Settings(data_dir=sys.argv[1], embedder="hash", db_url=sys.argv[3] or None), log=lambda m: None)
load = os.getloadavg()[0]
t = time.perf_counter()
report = store.ingest(paths, progress=False, workers=2)
seconds = time.perf_counter() - t
vectors = store.open_db().one("SELECT COUNT(DISTINCT text_hash) FROM passages")[0]
done(ingest_s=round(seconds, 2), documents=len(report.documents), errors=len(report.errors),
     statuses=sorted({d.status for d in report.documents}), passages=sum(d.passages for d in report.documents),
     embedded=sum(d.embedded for d in report.documents), vectors=int(vectors),
     worker_peak_rss_mb=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
     load=[round(load, 2), round(os.getloadavg()[0], 2)])
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


def passage_question(docs: list[dict]) -> str:
    """A question answered by quoting a retrieved passage (a reason), naming one document."""
    d = docs[len(docs) // 2]
    return f"{d['department']}{d['year']}年度机关运行经费为什么变化？"


def settle(wait_s: float, below: float = 1.0) -> float:
    """Wait (at most ``wait_s``) until the machine is quiet — the 1-minute load average under
    ``below`` — so that other work on the shared cores distorts a measurement less; the load then."""
    deadline = time.monotonic() + wait_s
    while os.getloadavg()[0] >= below and time.monotonic() < deadline:
        time.sleep(10)
    return round(os.getloadavg()[0], 2)


def measure(name: str, docs: list[dict], work: Path, db_url: str | None, child, wait_s: float = 600, reuse: bool = False) -> dict:
    """One store's figures. ``reuse``: a store already in ``work`` (built by an earlier or separate
    run; on PostgreSQL its database too) is measured as it is — its ingest is not timed again
    (reported as not measured)."""
    from evals.metrics import percentile

    store = work / f"store-{name}"
    reused = reuse and store.exists() and (_pg_documents(db_url) > 0 if db_url else (store / "records.sqlite3").exists())
    if not reused:
        shutil.rmtree(store, ignore_errors=True)
    listing = work / f"paths-{len(docs)}.txt"
    listing.write_text("\n".join(d["path"] for d in docs), encoding="utf-8")
    loads = {"ingest": settle(wait_s / 2)}
    ingest = None if reused else child(INGEST, str(store), str(listing), db_url or "", timeout=6 * 3600)
    again = child(INGEST, str(store), str(listing), db_url or "", timeout=6 * 3600)
    if ingest is None:  # whatever the separate run left undone is done by this one: counted with nothing
        again = child(INGEST, str(store), str(listing), db_url or "", timeout=3600)
        ingest = {k: None for k in ("ingest_s", "errors", "peak_rss_mb", "worker_peak_rss_mb", "load")} | {
            k: again[k] for k in ("passages", "vectors")} | {"embedded": 0}
    assert again["statuses"] == ["unchanged"], again
    qs = questions(docs)
    loads["cold"] = settle(wait_s)
    first_figure = child(FIRST, str(store), qs["single"][1], db_url or "")  # a 三公经费 question: one figure
    first_passage = child(FIRST, str(store), passage_question(docs), db_url or "")
    groups_file = work / "questions.json"
    groups_file.write_text(json.dumps(qs, ensure_ascii=False), encoding="utf-8")
    loads["warm"] = settle(wait_s)
    warm = child(WARM, str(store), str(groups_file), db_url or "", timeout=3600)
    loads["after"] = round(os.getloadavg()[0], 2)
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
        "documents_per_s": round(len(docs) / max(ingest["ingest_s"], 1e-9), 1) if ingest["ingest_s"] else None,
        "ingest_reused": reused,
        "passages": ingest["passages"],
        "embedded": ingest["embedded"],
        "vectors": ingest["vectors"],
        "ingest_errors": ingest["errors"],
        "ingest_peak_rss_mb": ingest["peak_rss_mb"],
        "ingest_worker_peak_rss_mb": ingest["worker_peak_rss_mb"],
        "ingest_load": ingest["load"],
        "unchanged_reingest_s": again["ingest_s"],
        "unchanged_reingest_peak_rss_mb": again["peak_rss_mb"],
        "store_mb": round(size / 1e6, 1),
        "cold_first_figure_s": first_figure["first_s"],
        "cold_first_passage_s": first_passage["first_s"],
        "cold_kinds": [first_figure["kind"], first_passage["kind"]],
        "latency": latency,
        "peak_rss_mb": max(ingest["peak_rss_mb"] or 0, first_figure["peak_rss_mb"], first_passage["peak_rss_mb"], warm["peak_rss_mb"]),
        "answer_rss_mb": warm["peak_rss_mb"],
        "cold_rss_mb": max(first_figure["peak_rss_mb"], first_passage["peak_rss_mb"]),
        "load": loads,  # the 1-minute load average as each step started (2 cores, shared)
    }


def _pg_documents(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        except psycopg.errors.UndefinedTable:
            return 0


def _pg_database(server: str, name: str) -> str:
    """The URL of database ``name`` on ``server``, created when missing (kept after the run)."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def _pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])


def run(work: Path, sizes: list[int], databases: list[str], child, reuse: bool = False, pg_server: str | None = None) -> dict:
    """Every (database, size); each result is saved in ``work`` as it comes, and a run in the same
    folder (``--keep``) takes up where an interrupted one stopped. PostgreSQL stores go to a
    throwaway cluster, or to ``pg_server`` (a running server) as databases named ``bench_<size>``
    that are kept — to profile them afterwards, or to measure them again with ``reuse``."""
    partial = work / "scale-partial.json"
    results: dict = json.loads(partial.read_text(encoding="utf-8")) if partial.exists() else {}
    corpus = generate(max(sizes), work / "generated")
    cluster = None
    try:
        for db in databases:
            server = None
            for n in sizes:
                name = f"{db}-{n}"
                if name in results:
                    print(f"  {name}: measured before (in {partial})", file=sys.stderr)
                    continue
                if db == "postgresql" and server is None and pg_server:
                    server = pg_server
                elif db == "postgresql" and server is None:
                    sys.path[:0] = [str(REPO / "tests")]
                    import pg

                    cluster = pg.Cluster()
                    server = cluster.start()
                url = None if server is None else _pg_database(server, f"bench_{n}") if pg_server else pg.create_database(server)
                t = time.perf_counter()
                results[name] = measure(name, corpus[:n], work, url, child, reuse=reuse)
                results[name]["bench_s"] = round(time.perf_counter() - t, 1)
                partial.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
                print(f"  {db} {n} documents: {results[name]}", file=sys.stderr)
    finally:
        if cluster is not None:
            cluster.stop()
    return {name: results[name] for db in databases for n in sizes if (name := f"{db}-{n}") in results}


# (label, (its name in the growth table, the figure) or None, how a cell reads)
ROWS = [
    ("documents / database", None, lambda r: f"{r['documents']:,} / {r['database']}"),
    ("ingest (s) · documents/s (2 workers)", ("ingest time", "ingest_s"),
     lambda r: f"{r['ingest_s']:.0f} · {r['documents_per_s']}" if r.get("ingest_s") else "not timed (store built separately)"),
    ("passages · distinct texts (vectors) · newly embedded", ("passages", "passages"), lambda r: f"{r['passages']:,} · {r.get('vectors', 0):,} · {r['embedded']:,}"),
    ("ingest peak RSS: main process / each worker (MB)", ("ingest peak RSS", "ingest_peak_rss_mb"),
     lambda r: f"{r['ingest_peak_rss_mb']:.0f} / {r['ingest_worker_peak_rss_mb']:.0f}" if r.get("ingest_peak_rss_mb") else "–"),
    ("re-ingest unchanged (s)", ("re-ingest unchanged", "unchanged_reingest_s"), lambda r: f"{r['unchanged_reingest_s']:.1f}"),
    ("store on disk (MB)", ("store on disk", "store_mb"), lambda r: f"{r['store_mb']:,}"),
    ("cold start → first figure (s)", ("cold start → first figure", "cold_first_figure_s"), lambda r: f"{r['cold_first_figure_s']:.2f}"),
    ("cold start → first passage answer (s)", ("cold start → first passage answer", "cold_first_passage_s"), lambda r: f"{r['cold_first_passage_s']:.2f}"),
    ("single-document p50 / p95 / p99 (ms)", ("single-document p95", ("latency", "single", "p95_ms")), lambda r: "{p50_ms} / {p95_ms} / {p99_ms}".format(**r["latency"]["single"])),
    ("cross-document p50 / p95 / p99 (ms)", ("cross-document p95", ("latency", "across", "p95_ms")), lambda r: "{p50_ms} / {p95_ms} / {p99_ms}".format(**r["latency"]["across"])),
    ("peak RSS answering: cold / warm (MB)", ("peak RSS answering (warm)", "answer_rss_mb"), lambda r: f"{r.get('cold_rss_mb', 0):.0f} / {r['answer_rss_mb']:.0f}"),
]


def table(results: dict) -> str:
    cols = list(results)
    lines = ["| | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for label, _, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(results[c]) for c in cols) + " |")
    return "\n".join(lines)


def _figure(r: dict, key) -> float:
    if isinstance(key, tuple):
        for k in key:
            r = r[k]
        return float(r)  # type: ignore[arg-type]
    return float(r[key])


def growth(results: dict) -> str:
    """How each figure grows from one size to the next, per database (×: the ratio)."""
    steps = []
    for db in dict.fromkeys(r["database"] for r in results.values()):
        sizes = sorted((r["documents"], name) for name, r in results.items() if r["database"] == db)
        steps += [(f"{db} {a:,} → {b:,}", results[x], results[y]) for (a, x), (b, y) in zip(sizes, sizes[1:])]
    if not steps:
        return ""
    lines = ["| growth (×) | " + " | ".join(s[0] for s in steps) + " |", "|---|" + "---|" * len(steps)]
    lines.append("| documents | " + " | ".join(f"×{b['documents'] / a['documents']:.0f}" for _, a, b in steps) + " |")
    for _, grows, _ in ROWS:
        if grows is None:
            continue
        name, key = grows
        cells = []
        for _, a, b in steps:
            try:
                x, y = _figure(a, key), _figure(b, key)
            except (KeyError, TypeError):  # not measured (a reused store's ingest)
                cells.append("–")
                continue
            cells.append(f"×{y / x:.2f}" if x else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> dict:
    """The machine the numbers were measured on."""
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = 0.0
    try:
        memory = int(next(line.split()[1] for line in open("/proc/meminfo", encoding="utf-8") if line.startswith("MemTotal"))) / 1024 / 1024
    except (OSError, StopIteration):
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "memory_gb": round(memory, 1), "python": platform.python_version(), "platform": platform.platform()}


def markdown(report: dict) -> str:
    """bench/scale.md: the table, how each figure grows, the machine and the embedder."""
    results = report["scale"]
    m = report["machine"]
    loads = ", ".join(f"{name} {r['ingest_load'][0]}→{r['ingest_load'][1]}" for name, r in results.items() if r.get("ingest_load"))
    return "\n".join([
        "# Scale benchmark",
        "",
        f"`.venv/bin/python -m bench --only scale --sizes {','.join(str(n) for n in sorted({r['documents'] for r in results.values()}))}`"
        f" · {report['generated_at']} · written by bench/scale.py",
        "",
        f"Machine: {m.get('cpus')} cores ({m.get('cpu') or 'unknown CPU'}), {m.get('memory_gb', '?')} GB, Python {m.get('python')}, {m.get('platform')}. "
        "Ingest runs two worker processes beside the writing process.",
        "",
        "Embedder: `hash` — a deterministic stand-in (hashed character uni- and bigrams, 64 dimensions), "
        "at every size; it costs nothing, so ingest here is parsing, writing rows and the Chroma index. "
        "The real e5 embedder's cost is in bench/results.json.",
        "",
        "Documents: generated template-shaped text exports (tests/generate): one department of one of "
        "many districts each, years 2023–2025, the nine statutory tables and a narrative.",
        "",
        table(results),
        "",
        growth(results),
        "",
        f"Load average (1 min) when each ingest started → ended: {loads}. Before each step the benchmark waits "
        "(up to 5 min before an ingest, 10 min before the cold and warm questions) for the load to fall under 1; "
        "as each step started — " + "; ".join(
            f"{name}: ingest {r['load']['ingest']}, cold {r['load']['cold']}, warm {r['load']['warm']}" for name, r in results.items() if "load" in r) + ".",
        "",
    ])
