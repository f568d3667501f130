"""Scanned pages of a PDF: pages with an image and no text, drawn at 300 dpi for OCR.

A scanner or a phone app makes PDFs whose pages are only pictures; a mixed PDF (a typed report
with scanned annexes) has some of each. :func:`scanned_pages` finds the pages that have no text
but do have an image (a blank page is not sent to OCR), and :class:`RenderedPages` draws them one
at a time as the OCR reaches them, so a long scan never holds more than one page image.
"""

from __future__ import annotations

from collections.abc import Sequence

from talkhis.core.ocr import MAX_SIDE
from talkhis.core.readers.pdf_glyphs import PDFIUM_LOCK

DPI = 300


def scanned_pages(content: bytes, candidates: Sequence[int]) -> list[int]:
    """Those of ``candidates`` (0-based pages without text) that hold an image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found = []
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(content)
        try:
            for number in candidates:
                page = document[number]
                try:
                    if any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)):
                        found.append(number)
                finally:
                    page.close()
        finally:
            document.close()
    return found


class RenderedPages(Sequence):
    """The pages ``numbers`` of a PDF as greyscale PIL images, each drawn when it is asked for."""

    def __init__(self, content: bytes, numbers: Sequence[int]):
        self.content = content
        self.numbers = list(numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        import pypdfium2 as pdfium

        with PDFIUM_LOCK:
            document = pdfium.PdfDocument(self.content)
            try:
                page = document[self.numbers[index]]
                try:
                    # At most MAX_SIDE pixels on the long side: a page of 5 m square must not become
                    # a 3.6 GB bitmap before OCR would have scaled it down anyway.
                    scale = min(DPI / 72, MAX_SIDE / max(1.0, *page.get_size()))
                    return page.render(scale=scale, grayscale=True).to_pil()
                finally:
                    page.close()
            finally:
                document.close()
