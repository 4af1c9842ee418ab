"""Documents changed from the browser: uploads checked and ingested one at a time, with progress.

Uploads land in the data directory's temp area (``tmp/uploads/<job>/``) and are removed when
their ingest ends; the temp area is emptied at start and at shutdown. Progress is the stage
(queued, reading, embedding, done, failed) and, while passages are embedded, the count done —
read from the ingest's own progress bar (tqdm keeps its live bars in ``tqdm._instances``).
"""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".txt")
MAX_BYTES = 20 * 1024 * 1024
KEEP_JOBS = 50
STAGE_LABEL = {"queued": "排队中", "reading": "正在解析", "embedding": "正在建立检索索引", "done": "完成", "failed": "失败"}


def embedding_progress() -> tuple[int, int]:
    """(done, total) of the passage-embedding bar running now, or (0, 0)."""
    try:
        from tqdm import tqdm
    except ImportError:
        return 0, 0
    for bar in list(getattr(tqdm, "_instances", ())):
        if getattr(bar, "desc", "").startswith("embedding") and bar.total:
            return int(bar.n), int(bar.total)
    return 0, 0


def safe_name(name: str) -> str:
    """A file name without folders, control or format characters, at most 120 characters."""
    name = Path(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    return (stem[:110] + dot + suffix[:10]) if dot else name[:120]


@dataclass
class Job:
    id: str
    name: str
    action: str  # 上传 · 重新载入
    stage: str = "queued"
    message: str = ""
    done: int = 0
    total: int = 0
    started: float = field(default_factory=time.monotonic)
    doc: str | None = None

    def as_dict(self) -> dict:
        done, total = (embedding_progress() if self.stage == "embedding" else (self.done, self.total))
        return {"id": self.id, "name": self.name, "action": self.action, "stage": self.stage, "label": STAGE_LABEL[self.stage],
                "message": self.message, "done": done, "total": total, "doc": self.doc, "finished": self.stage in ("done", "failed")}


class Jobs:
    """One ingest at a time over ``bot``'s store; ``on_change`` runs after the documents changed."""

    def __init__(self, bot, temp_dir: Path | None, *, max_bytes: int = MAX_BYTES, on_change=None):
        self.bot = bot
        self.temp_dir = Path(temp_dir) if temp_dir else None
        self.max_bytes = max_bytes
        self.on_change = on_change or (lambda: None)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._work = threading.Lock()  # one ingest or deletion at a time

    @property
    def enabled(self) -> bool:
        return self.bot.store is not None and self.temp_dir is not None

    # -- checks ------------------------------------------------------------------------------------
    def check_name(self, name: str) -> str | None:
        if not self.enabled:
            return "当前没有可写入的文件库，不能上传。"
        if not name or Path(safe_name(name)).suffix.lower() not in SUFFIXES:
            return f"只接受 PDF 或文本文件（{'、'.join(SUFFIXES)}），收到的是“{safe_name(name) or '（无文件名）'}”。"
        return None

    def too_large(self) -> str:
        return f"文件太大：上限 {self.max_bytes // (1024 * 1024)} MB。"

    @staticmethod
    def check_content(path: Path) -> str | None:
        """A PDF must start like one; a text file must not hold NUL bytes (ingest checks the rest)."""
        head = path.read_bytes()[:4096]
        if not head:
            return "文件是空的。"
        if path.suffix.lower() == ".pdf":
            return None if head.lstrip()[:5] == b"%PDF-" else "这不是 PDF 文件（文件头不是 %PDF-）。"
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "这不像文本文件（含有二进制内容）。请上传 PDF 或 .txt 文本。"
        return None

    def new_upload(self, name: str) -> Path:
        folder = self.temp_dir / "uploads" / secrets.token_hex(8)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / safe_name(name)

    # -- running -----------------------------------------------------------------------------------
    def submit_upload(self, path: Path) -> str:
        return self._submit(Job(secrets.token_hex(8), path.name, "上传"), lambda job: self._ingest(job, path, cleanup=path.parent))

    def reingest(self, doc: str) -> str:
        """Parse a stored document again from its saved source (deleted and ingested anew)."""
        row = self._row(doc)
        job = Job(secrets.token_hex(8), row.source_name, "重新载入")
        return self._submit(job, lambda j: self._reingest(j, row))

    def delete(self, doc: str) -> bool:
        with self._work:
            gone = self.bot.store.delete(doc)
            self.bot.refresh()
        self.on_change()
        return gone

    def status(self, job_id: str) -> dict | None:
        job = self._jobs.get(job_id)
        return job.as_dict() if job else None

    def wait(self, job_id: str, timeout: float = 120) -> dict:
        """Block until the job ends (tests and the CLI)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status(job_id)
            if status is None or status["finished"]:
                return status or {}
            time.sleep(0.05)
        raise TimeoutError(job_id)

    def _submit(self, job: Job, work) -> str:
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
        threading.Thread(target=self._run, args=(job, work), name=f"ingest-{job.id}", daemon=True).start()
        return job.id

    def _run(self, job: Job, work) -> None:
        with self._work:
            try:
                work(job)
            except Exception as exc:  # noqa: BLE001 - the page shows the reason, the log the traceback
                log.exception("ingesting %s failed", job.name)
                job.stage, job.message = "failed", f"出错了：{type(exc).__name__}"
        self.on_change()

    def _ingest(self, job: Job, path: Path, *, cleanup: Path | None) -> None:
        try:
            job.stage = "reading"
            watcher = threading.Thread(target=self._watch, args=(job,), daemon=True)
            watcher.start()
            report = self.bot.store.ingest([path], progress=True)
            self.bot.refresh()
            if report.errors:
                job.stage, job.message = "failed", "；".join(_plain(e) for e in report.errors)
                return
            d = report.documents[0]
            job.doc = d.id
            status = {"ingested": "已载入", "unchanged": "文件未变，无需重新载入", "replaced": "已替换旧版本"}.get(d.status, d.status)
            job.stage, job.message = "done", f"{d.department} {d.year or ''} 年度：{status}（{d.pages} 页，覆盖率 {d.coverage_percent}%）"
        finally:
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)

    def _watch(self, job: Job) -> None:
        while job.stage in ("reading", "embedding"):
            done, total = embedding_progress()
            if total:
                job.stage = "embedding"
            time.sleep(0.1)

    def _reingest(self, job: Job, row) -> None:
        source = self.bot.store.dir / row.source_file
        folder = self.temp_dir / "reingest" / job.id
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / row.source_name
        shutil.copyfile(source, copy)  # deleting the document removes its saved copy
        self.bot.store.delete(row.id)
        self._ingest(job, copy, cleanup=folder)

    def _row(self, doc: str):
        row = next((r for r in getattr(self.bot.library, "rows", []) if r.id == doc), None)
        if row is None:
            raise KeyError(doc)
        return row

    def clean(self) -> None:
        """Empty the temp area (at start and at shutdown)."""
        if self.temp_dir is not None and self.temp_dir.is_dir():
            for child in self.temp_dir.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)


def _plain(error: str) -> str:
    """An ingest error without the folder it was read from (the page never shows server paths)."""
    head, sep, rest = error.partition(": ")
    return (Path(head).name + sep + rest) if sep and "/" in head else error
