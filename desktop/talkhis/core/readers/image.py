"""Scans and phone photos (PNG, JPEG, TIFF, WebP): their text read by OCR (:mod:`talkhis.core.ocr`).

Every page of a multi-page TIFF is read, up to the reading limits' page cap, checking the user's
Cancel between pages. The text is marked as OCR'd: a note gives the pages and the mean
confidence, and every word keeps its confidence (``Document.ocr_words``) so the window can mark
the doubtful ones and the JSON can carry them.
"""

from __future__ import annotations

from pathlib import Path

from talkhis.core import ocr
from talkhis.core.article import Document, OcrWord, mean_confidence
from talkhis.core.errors import InputError
from talkhis.core.readers import Reader, register
from talkhis.core.readers.limits import Budget

EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp")


def sniff(head: bytes) -> bool:
    return (head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"))


def ocr_pages(images, budget: Budget) -> tuple[str, tuple[OcrWord, ...], float]:
    """Recognise ``images`` in order; their text (a blank page adds nothing), words and mean confidence.

    """
    paragraphs: list[str] = []
    words: list[OcrWord] = []
    offset = 0
    for index, image in enumerate(images):
        budget.report(index, len(images), "pages by OCR")
        page = ocr.recognise(image)
        if not page.paragraphs:
            continue
        words.extend(OcrWord(w.start + offset, w.end + offset, w.confidence) for w in page.words)
        paragraphs.extend(page.paragraphs)
        offset += len(page.text) + 1
    return "\n".join(paragraphs), tuple(words), mean_confidence(words) or 0.0


def ocr_note(pages: int, confidence: float) -> str:
    return (f"text read by OCR from {pages} page{'s' if pages != 1 else ''}, mean confidence {confidence:.0f}%: "
            "check names and numbers against the original")


def read_image(path: Path, content: bytes) -> Document:
    if ocr.languages() is None:  # before decoding anything: say how to turn OCR on
        raise ocr.OcrUnavailable(f"{path}: this is an image; reading its text needs OCR, which is off: "
                                 f"{ocr.ENABLE_HINT}")
    budget = Budget(path)
    limit = budget.limits.max_ocr_pages
    try:
        frames, total = ocr.open_image(content, limit)
    except Exception as exc:  # Pillow raises many kinds for a damaged, truncated or enormous image
        raise InputError(f"{path}: the image cannot be decoded ({type(exc).__name__}); "
                         "save it again as PNG or JPEG and retry") from None
    notes = []
    if total > limit:
        notes.append(f"read the first {limit} of {total} pages (the OCR page limit for one file); "
                     "split the file to read the rest")
    text, words, confidence = ocr_pages(frames, budget)
    if not text.strip():
        raise InputError(f"{path}: no text was found in the image; check it is a page of text, upright and in focus")
    notes.insert(0, ocr_note(len(frames), confidence))
    return Document(path=str(path), text=text, encoding=None, format="image", notes=tuple(notes), ocr_words=words)


register(Reader("image", EXTENSIONS, read_image, sniff))
