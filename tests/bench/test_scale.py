"""bench/scale.py: the scale benchmark's questions, table and growth (the measuring itself runs as
``python -m bench --only scale``, not as a test)."""

from __future__ import annotations

from bench.scale import growth, markdown, passage_question, questions, table


def result(documents: int, database: str, ingest_s: float, p95: float, rss: float) -> dict:
    latency = {"questions": 2, "p50_ms": p95 / 2, "p95_ms": p95, "p99_ms": p95 * 2, "kinds": {"figure": 2}}
    return {
        "documents": documents, "database": database, "ingest_s": ingest_s, "documents_per_s": round(documents / ingest_s, 1),
        "passages": documents * 40, "vectors": documents * 30, "embedded": documents * 30,
        "ingest_peak_rss_mb": rss, "ingest_worker_peak_rss_mb": 55.0, "ingest_load": [0.5, 1.5],
        "unchanged_reingest_s": documents / 500, "store_mb": documents * 0.4, "cold_first_figure_s": 0.5,
        "cold_first_passage_s": 2.0, "latency": {"single": latency, "across": latency}, "answer_rss_mb": 250.0,
        "cold_rss_mb": 200.0, "load": {"ingest": 0.5, "cold": 0.4, "warm": 0.3, "after": 0.3},
    }


RESULTS = {"sqlite-50": result(50, "sqlite", 10.0, 20.0, 200.0), "sqlite-1000": result(1000, "sqlite", 160.0, 80.0, 250.0)}
DOCS = [{"path": f"gen-{i}.txt", "department": f"上海市东{i}区财政局", "year": 2023 + i % 3, "district": f"上海市东{i}区"} for i in range(4)]


def test_growth_gives_each_figure_as_a_ratio_from_one_size_to_the_next():
    lines = growth(RESULTS).splitlines()

    assert lines[0] == "| growth (×) | sqlite 50 → 1,000 |"
    assert "| documents | ×20 |" in lines
    assert "| ingest time | ×16.00 |" in lines
    assert "| ingest peak RSS | ×1.25 |" in lines
    assert "| single-document p95 | ×4.00 |" in lines
    assert "| re-ingest unchanged | ×20.00 |" in lines


def test_the_table_has_a_column_per_store_and_the_markdown_names_machine_and_embedder():
    report = {"generated_at": "2026-01-01T00:00:00+00:00", "scale": RESULTS,
              "machine": {"cpus": 2, "cpu": "a CPU", "memory_gb": 8.0, "python": "3.11.7", "platform": "Linux"}}

    text = markdown(report)

    assert table(RESULTS).splitlines()[0] == "| | sqlite-50 | sqlite-1000 |"
    assert "| ingest peak RSS: main process / each worker (MB) | 200 / 55 | 250 / 55 |" in text
    assert "Machine: 2 cores (a CPU), 8.0 GB" in text and "Embedder: `hash`" in text
    assert "sqlite-1000: ingest 0.5, cold 0.4, warm 0.3" in text


def test_questions_name_a_stored_department_and_year_or_a_district():
    qs = questions(DOCS, 8)

    assert qs == questions(DOCS, 8)  # the same every run
    assert len(qs["single"]) == 8 and len(qs["across"]) == 20
    assert all(any(q.startswith(f"{d['department']}{d['year']}年度") for d in DOCS) for q in qs["single"])
    assert all(any(q.startswith(d["district"]) for d in DOCS) for q in qs["across"])
    assert passage_question(DOCS) == "上海市东2区财政局2025年度机关运行经费为什么变化？"
