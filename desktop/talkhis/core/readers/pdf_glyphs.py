"""Every glyph of a PDF page with its characters, position, size and weight (PDFium, via pypdfium2).

Chosen by measurement on PDFs that LibreOffice and Chromium make (see ``tests/test_pdf.py`` and
``bench/pdf_speed.py``): PDFium (BSD-3/Apache-2.0, C++, the engine of Chrome's viewer) reports
each character with its pen position (origin) and advance box, its font size and font, fast
enough for a 100-page article in well under a second of extraction. Its own text order is not
used: it reverses right-to-left runs but splits a ligature glyph's letters (``لا``) the wrong way
round and leaves punctuation at the wrong end. pypdf drops the spaces of such PDFs and
pdfminer.six (pure Python) is several times slower; neither gives better positions.

Work is bounded by pages and characters, the same on every machine: at most
``limits.max_pages`` pages and :data:`MAX_CHARACTERS` characters are read. The time budget of
:class:`~.limits.Budget` is checked between pages as a last guard only.
"""

from __future__ import annotations

import ctypes
import logging
import math
import threading
import time
from dataclasses import dataclass, field

from talkhis.core.errors import Cancelled

log = logging.getLogger(__name__)

#: Characters read from one PDF (about 300 dense A4 pages, 2,000 pages of an A5 article); the
#: rest is left out with a note. About 40 s of reading on a slow, busy machine.
MAX_CHARACTERS = 1_000_000
# PDFium must never run on two threads at once, even on two documents (pypdfium2's rule): the
# window may read a second PDF while the first is still being read. Held around every PDFium use.
PDFIUM_LOCK = threading.RLock()


@dataclass(slots=True)
class Glyph:
    text: str  # the characters this glyph stands for (one, or a ligature's letters as stored)
    x: float  # pen position (origin), page units
    y: float  # baseline
    left: float  # advance box
    right: float
    size: float  # font size in points (after scaling)
    bold: bool
    index: int  # order in the content stream as PDFium reports it


@dataclass
class GlyphPage:
    number: int  # 0-based
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    plain: str | None = None  # PDFium's own text, for a page whose text is rotated
    unmapped: int = 0  # glyphs the file gives no text for


@dataclass
class GlyphDocument:
    pages: list[GlyphPage]
    total: int  # pages in the file
    title: str | None
    stopped: str | None = None  # why reading stopped before the last page, in the user's words
    failures: list[str] = field(default_factory=list)


class NotOpened(Exception):
    """PDFium could not open the file (damaged, encrypted...): the caller tries pypdf instead."""


def _object_style(raw, textpage, i: int, text_object, matrix, cache: dict[int, tuple[bool, float]]) -> tuple[bool, float]:
    """``(bold, printed size)`` of the text object a character belongs to; once per object.

    The printed size is the size set with the font scaled by the text matrix. Bold: a weight of
    600 or more, or a font name that says so (LibreOffice's bold Amiri reports weight 400).
    """
    key = ctypes.cast(text_object, ctypes.c_void_p).value or 0 if text_object else 0
    found = cache.get(key)
    if found is not None:
        return found
    size = raw.FPDFText_GetFontSize(textpage, i)
    if raw.FPDFText_GetMatrix(textpage, i, matrix):
        size *= math.hypot(matrix.c, matrix.d) or 1.0
    bold = False
    font = raw.FPDFTextObj_GetFont(text_object) if text_object else None
    if font:
        weight = raw.FPDFFont_GetWeight(font)
        buffer = ctypes.create_string_buffer(256)
        length = raw.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = buffer.raw[: max(0, length - 1)].decode("latin-1", "replace").lower() if length else ""
        bold = weight >= 600 or any(word in name for word in ("bold", "black", "heavy", "semibold"))
    found = cache[key] = (bold, size if size > 0 else 1.0)
    return found


def _page_glyphs(raw, textpage, number: int, width: float, height: float) -> GlyphPage:
    page = GlyphPage(number, width, height)
    count = raw.FPDFText_CountChars(textpage)
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    style_of: dict[int, tuple[bool, float]] = {}
    rotated = sampled = 0
    glyphs = page.glyphs
    for i in range(max(0, count)):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if raw.FPDFText_IsGenerated(textpage, i) == 1 or code in (0, 0xFFFE, 0xFFFF, 0x0D, 0x0A):
            continue
        if raw.FPDFText_HasUnicodeMapError(textpage, i) == 1:
            # No text for this glyph in the file (PDFium would give the font's code: control
            # characters, stray Greek): left out and counted. Some producers map a ligature's
            # whole text to its first glyph and nothing to the others, on purpose.
            page.unmapped += 1
            continue
        if 0xDC00 <= code < 0xE000:  # the second half of a pair, taken with the first below
            if i and 0xD800 <= raw.FPDFText_GetUnicode(textpage, i - 1) < 0xDC00:
                continue
            ch = "\ufffd"  # half a character alone: replaced, never an encoding error later
        elif 0xD800 <= code < 0xDC00:
            following = raw.FPDFText_GetUnicode(textpage, i + 1) if i + 1 < count else 0
            ch = chr(0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)) if 0xDC00 <= following < 0xE000 else "\ufffd"
        else:
            ch = chr(code)
        if raw.FPDFText_GetCharOrigin(textpage, i, x, y) != 1:
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage, i, box):
            box.left = box.right = x.value
        if i % 8 == 0:  # a sample is enough to tell a page set on its side
            sampled += 1
            angle = raw.FPDFText_GetCharAngle(textpage, i)
            if angle > 0.05 and abs(angle - 2 * math.pi) > 0.05:
                rotated += 1
        bold, size = _object_style(raw, textpage, i, raw.FPDFText_GetTextObject(textpage, i), matrix, style_of)
        glyphs.append(Glyph(ch, x.value, y.value, min(box.left, box.right), max(box.left, box.right), size, bold, i))
    if glyphs and rotated > sampled // 2:
        # Text set on its side: positions along the baseline are not left to right. PDFium's own
        # order is the best reading there.
        page.plain = _plain_text(raw, textpage, count)
        page.glyphs = []
    return page


def _plain_text(raw, textpage, count: int) -> str:
    size = count + 1
    buffer = (ctypes.c_ushort * size)()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    data = bytes(memoryview(buffer).cast("B"))[: max(0, written - 1) * 2]
    return data.decode("utf-16-le", "replace")


def read_glyphs(content: bytes, budget, skip: dict[int, str] | None = None) -> GlyphDocument:
    """All glyphs of the pages within the budget; raises :class:`NotOpened` if PDFium cannot open it.

    ``skip``: pages left out, with the reason (a content stream over the decompression limit).
    """
    with PDFIUM_LOCK:
        return _read_glyphs(content, budget, skip)


def _read_glyphs(content: bytes, budget, skip: dict[int, str] | None) -> GlyphDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(content)
    except Exception as exc:  # PdfiumError: damaged, password, unsupported security handler
        raise NotOpened(str(exc)) from None
    try:
        total = len(document)
        title = None
        try:
            title = (document.get_metadata_value("Title") or "").strip() or None
        except Exception:
            title = None
        result = GlyphDocument([], total, title)
        characters = 0
        limit_pages = min(total, budget.limits.max_pages)
        for number in range(limit_pages):
            cancel = budget.limits.cancel
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"{budget.path}: cancelled while reading page {number + 1} of {total}")
            if number and time.monotonic() > budget.deadline:  # the last guard, not the budget
                result.stopped = (
                    f"stopped after {number} of {total} pages: the time limit of "
                    f"{budget.limits.time_budget:.0f} s was reached on this machine"
                )
                break
            if number == 0:
                budget.check(f"reading page 1 of {total}")
            if skip and number in skip:
                result.failures.append(skip[number])
                result.pages.append(GlyphPage(number, 0.0, 0.0))
                continue
            try:
                page = document[number]
                try:
                    width, height = page.get_size()
                    textpage = page.get_textpage()
                    try:
                        glyph_page = _page_glyphs(raw, textpage.raw, number, width, height)
                    finally:
                        textpage.close()
                finally:
                    page.close()
            except Cancelled:
                raise
            except Exception as exc:  # one broken page is left out, not the whole document
                log.info("page %d unreadable: %r", number + 1, exc)
                result.failures.append(f"page {number + 1}: {type(exc).__name__}")
                glyph_page = GlyphPage(number, 0.0, 0.0)
            result.pages.append(glyph_page)
            characters += len(glyph_page.glyphs) + len(glyph_page.plain or "")
            if characters > MAX_CHARACTERS and number + 1 < total:
                result.stopped = f"read the first {number + 1} of {total} pages (the character limit for one file)"
                break
        else:
            if limit_pages < total:
                result.stopped = f"read the first {limit_pages} of {total} pages"
        return result
    finally:
        document.close()
