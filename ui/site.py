"""What the web app serves from, in one object: the assistant, the page images, the staff key, the jobs.

Everything is read through the assistant's public API — ``bot.library`` (ids, infos, rows,
records) and ``bot.store`` (its folder, ingest, delete) — never through the answering index.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from ui.jobs import Jobs
from ui.pages import PageGeometry, PageImages

log = logging.getLogger(__name__)

ENV_STAFF_KEY = "DISCLOSURE_QA_STAFF_KEY"


@dataclass(frozen=True)
class Source:
    """A PDF's saved copy: where it is and which version (its sha256)."""

    path: Path
    version: str
    pages: int


class Site:
    def __init__(self, bot, *, staff_key: str | None = None):
        self.bot = bot
        self.staff_key = staff_key if staff_key is not None else (os.environ.get(ENV_STAFF_KEY) or None)
        store = getattr(bot, "store", None)
        self.data_dir: Path | None = Path(store.dir) if store is not None else None
        self.temp_dir = self.data_dir / "tmp" if self.data_dir else None
        cache = self.data_dir / "cache" / "pages" if self.data_dir else Path(os.devnull)
        self.images = PageImages(cache)
        self.jobs = Jobs(bot, self.temp_dir, on_change=self.changed)
        self.version = 0  # bumped when documents change: pages re-read the list
        self.listeners: list = []

    def changed(self) -> None:
        self.version += 1
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:  # noqa: BLE001 - a stale listener must not stop an ingest
                log.exception("a document-change listener failed")

    # -- documents -------------------------------------------------------------------------------
    def rows(self) -> list:
        """The store's document rows (none for an assistant over records in memory)."""
        return list(getattr(self.bot.library, "rows", []) or [])

    def source(self, doc: str) -> Source | None:
        """The saved PDF of ``doc``, or None (a text document, an unknown id, no store)."""
        if self.data_dir is None:
            return None
        row = next((r for r in self.rows() if r.id == doc), None)
        if row is None or row.format != "pdf":
            return None
        path = (self.data_dir / row.source_file).resolve()
        if not path.is_relative_to(self.data_dir.resolve()) or not path.is_file():
            return None
        return Source(path, row.sha256, row.pages)

    def geometry(self, doc: str) -> list[PageGeometry]:
        src = self.source(doc)
        if src is None:
            return []
        try:
            return self.images.geometry(src.path, src.version)
        except Exception:  # noqa: BLE001 - a damaged PDF shows no page, the answer still shows its quote
            log.exception("reading the pages of %s failed", doc)
            return []

    def page_png(self, doc: str, page: int) -> bytes:
        """The PNG of one page; LookupError when there is no such PDF page."""
        src = self.source(doc)
        if src is None:
            raise LookupError(doc)
        try:
            return self.images.render(src.path, src.version, page)
        except IndexError:
            raise LookupError(page) from None

    def prefetch(self, pages: list[tuple[str, int]]) -> None:
        """Render the cited pages in the background, so a click shows them at once."""
        wanted = [(d, p) for d, p in dict.fromkeys(pages) if self.source(d) is not None]
        if not wanted:
            return

        def work():
            for doc, page in wanted:
                try:
                    self.page_png(doc, page)
                except Exception:  # noqa: BLE001 - the click will try again and say so
                    log.debug("prefetching page %s of %s failed", page, doc, exc_info=True)

        threading.Thread(target=work, name="prefetch-pages", daemon=True).start()

    # -- staff -----------------------------------------------------------------------------------
    @property
    def staff_enabled(self) -> bool:
        return bool(self.staff_key)

    def is_staff(self, given: str | None) -> bool:
        from ui.server import same_key

        return same_key(given, self.staff_key)
