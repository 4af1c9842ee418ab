"""The pages of a PDF as images, rendered here with pypdfium2 and kept on disk.

A page is rendered once per document version (the source's sha256) and scale, written to the
data directory's cache, and read from there afterwards; pdfium is not thread-safe, so one lock
guards every call into it. A citation's box (PDF points, top-left origin, as pdfplumber measures
them on the unrotated page) becomes percentages of the rendered image, so the browser can draw it
over the image at any size.

>>> to_percent((72, 84.2, 297.5, 168.4), PageGeometry(595, 842, 0))
(12.1, 10.0, 50.0, 20.0)
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

SCALE = 1.5  # 842 pt → 1263 px: table cells legible, a page 100–300 KB as PNG
KEPT_OPEN = 4  # documents whose pdfium handle stays open


@dataclass(frozen=True)
class PageGeometry:
    width: float  # points, before rotation
    height: float
    rotation: int  # clockwise degrees the viewer turns the page (0, 90, 180, 270)


class PageImages:
    """PNG pages of PDF files, cached under ``cache_dir``.

    ``render(path, version, page)`` returns the PNG bytes of 1-based ``page``; ``geometry`` its size.
    """

    def __init__(self, cache_dir: Path, *, scale: float = SCALE):
        self.cache_dir = Path(cache_dir)
        self.scale = scale
        self._lock = threading.Lock()
        self._open: OrderedDict[Path, object] = OrderedDict()
        self._geometry: dict[tuple[Path, str], list[PageGeometry]] = {}

    def cached(self, version: str, page: int) -> Path:
        return self.cache_dir / version[:16] / f"{page}@{self.scale:g}.png"

    def render(self, path: Path, version: str, page: int) -> bytes:
        """The PNG of ``page`` (1-based); IndexError when the document has no such page."""
        target = self.cached(version, page)
        try:
            return target.read_bytes()
        except OSError:
            pass
        with self._lock:
            pdf = self._document(path)
            if not 1 <= page <= len(pdf):
                raise IndexError(page)
            image = pdf[page - 1].render(scale=self.scale).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, "PNG", compress_level=3)
        data = buffer.getvalue()
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{threading.get_ident()}.part")
        partial.write_bytes(data)
        partial.replace(target)  # readers see a whole file or none
        return data

    def geometry(self, path: Path, version: str) -> list[PageGeometry]:
        """Every page's size and rotation (read once per document version)."""
        key = (Path(path), version)
        known = self._geometry.get(key)
        if known is not None:
            return known
        with self._lock:
            pdf = self._document(path)
            pages = []
            for i in range(len(pdf)):
                page = pdf[i]
                left, bottom, right, top = page.get_mediabox()
                pages.append(PageGeometry(right - left, top - bottom, page.get_rotation() % 360))
        self._geometry[key] = pages
        return pages

    def forget(self, version: str) -> None:
        """Drop the cached images of one document version (after it is deleted)."""
        folder = self.cache_dir / version[:16]
        for f in folder.glob("*.png") if folder.is_dir() else []:
            f.unlink(missing_ok=True)
        with self._lock:
            for key in [k for k in self._geometry if k[1] == version]:
                del self._geometry[key]

    def _document(self, path: Path):
        import pypdfium2 as pdfium

        path = Path(path)
        pdf = self._open.get(path)
        if pdf is None:
            pdf = pdfium.PdfDocument(str(path))
            self._open[path] = pdf
            while len(self._open) > KEPT_OPEN:
                _, old = self._open.popitem(last=False)
                old.close()
        else:
            self._open.move_to_end(path)
        return pdf

    def close(self) -> None:
        with self._lock:
            while self._open:
                _, pdf = self._open.popitem()
                pdf.close()


def to_percent(bbox, page: PageGeometry) -> tuple[float, float, float, float]:
    """``bbox`` [x0, top, x1, bottom] in points of the unrotated page as (left, top, right,
    bottom) percentages of the page as displayed (rotated)."""
    x0, top, x1, bottom = bbox
    w, h = page.width, page.height
    corners = [(x0, top), (x1, bottom)]
    if page.rotation == 90:  # turned clockwise: the left edge becomes the top
        corners = [(h - y, x) for x, y in corners]
        w, h = h, w
    elif page.rotation == 180:
        corners = [(w - x, h - y) for x, y in corners]
    elif page.rotation == 270:
        corners = [(y, w - x) for x, y in corners]
        w, h = h, w
    xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
    clamp = lambda v: round(min(100.0, max(0.0, v)), 1)  # noqa: E731
    return clamp(xs[0] * 100 / w), clamp(ys[0] * 100 / h), clamp(xs[1] * 100 / w), clamp(ys[1] * 100 / h)
