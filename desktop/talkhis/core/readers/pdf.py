"""PDF articles: the text of each page rebuilt from where its glyphs are, one paragraph per line.

Three modules do the work; this one runs them and falls back when they find nothing:

1. :mod:`.pdf_glyphs` (PDFium, via pypdfium2): every glyph with its characters, pen position,
   size and weight, page by page within the budget: pages and characters (the same result on
   every machine), the user's Cancel, and the time budget as a last guard whose note says so.
   Pages whose content streams would inflate past pypdf's decompression budgets are left out
   first (:func:`_oversized_pages`): PDFium has no such budget of its own.
2. :mod:`.pdf_layout`: lines, columns (the right one first in Arabic), words from the gaps
   between glyphs, each line in reading order by the bidirectional algorithm
   (:mod:`.pdf_bidi`), running headers, footers and page numbers dropped, paragraphs from line
   spacing, indents and short last lines, headings from font size and weight.
3. Here: a line stored in reading order but drawn left to right (the page reads backwards) is
   recognised by the words' evidence (:func:`~.visual_order.fix_lines`) and read as drawn.

Fallback: when PDFium cannot open the file, or finds no glyph it can place, pypdf reads it
(:func:`_read_with_pypdf`): its *layout* text, lines turned round by evidence, and its plain
mode for a page where the layout mode finds nothing. pypdf's messages name what is wrong
(password, encryption, damage, no text layer). pypdf is pure Python and hardened against
hostile files: every decoder, page tree and content stream has a configurable budget
(``pypdf.apply_configuration``), which we tighten further here.

Scanned pages (an image and no text: a scanner's PDF, or scanned annexes of a typed report)
are read by OCR (:mod:`talkhis.core.ocr`, drawn at 300 dpi by :mod:`.pdf_scans`), at most
``ReadLimits.max_ocr_pages`` of them, in their place among the typed pages; their words keep
their confidence. Without OCR, a PDF that is only scans says how to turn it on.

Text is repaired here (``readers.repair_text``: a lone surrogate becomes U+FFFD) before OCR
words are placed, so their offsets hold; ``read_document`` repairs every reader's text again.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from talkhis.core import ocr
from talkhis.core.article import Document, OcrWord, mean_confidence
from talkhis.core.errors import Cancelled, InputError, TalkhisError
from talkhis.core.readers import Reader, register, repair_text  # here too: OCR offsets are counted after it
from talkhis.core.readers.document_text import is_blank, join_paragraphs
from talkhis.core.readers.limits import Budget
from talkhis.core.readers.pdf_glyphs import MAX_CHARACTERS, NotOpened, read_glyphs
from talkhis.core.readers.pdf_layout import (
    _DIGITS, _FINAL, _PAGE_NUMBER, _SPACES, _append, drop_furniture, page_lines, paragraphs,
)
from talkhis.core.readers.pdf_scans import RenderedPages, scanned_pages
from talkhis.core.readers.visual_order import fix_lines, has_arabic, unshape

log = logging.getLogger(__name__)
# pypdf reports every oddity of a damaged file through logging; without a handler of its own,
# Python would print them on stderr under the CLI's one-line message.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

PDF_MAGIC = b"%PDF-"
_ATOM_BASE = 0xF0000  # supplementary private use: stand-ins for ligature glyphs

# pypdf budgets, tighter than its defaults: an article's PDF needs far less than these.
_PYPDF_LIMITS = dict(
    zlib_maximum_output_length=32_000_000,
    lzw_maximum_output_length=32_000_000,
    run_length_maximum_output_length=32_000_000,
    array_based_stream_maximum_output_length=32_000_000,
    brotli_maximum_output_length=32_000_000,
    stream_decoding_work_maximum_length=100_000_000,
    stream_parsing_work_maximum_count=1_000_000,
    page_tree_maximum_entries=100_000,
    page_tree_maximum_depth=64,
    xform_maximum_invocations_per_extraction=500,
    jbig2dec_binary=None,  # never start an outside program for an image
)

_BOILERPLATE_TITLES = re.compile(r"^(untitled|microsoft word|document\d*|\W*$)", re.IGNORECASE)


def sniff(head: bytes) -> bool:
    return PDF_MAGIC in head[:1024]


@dataclass
class _Line:
    text: str  # reading order, whitespace collapsed
    start: int  # first column in pypdf's fixed-width layout
    end: int  # last column + 1
    gap: int  # blank layout lines before this one on its page
    page: int
    first_on_page: bool = False


def _keep_ligatures_whole(page, atoms: dict[str, str]) -> None:
    """Make each multi-letter Arabic glyph (the lam-alef ligature ``لا``) one character.

    A ligature glyph maps to its letters in *reading* order even when the line is drawn left to
    right, so turning the line round letter by letter would turn ``لا`` into ``ال``
    (``استهلاك`` → ``استهالك``). Each such glyph is replaced by a private-use character for the
    extraction (``atoms`` maps letters → stand-in) and expanded after the line is turned round.
    This uses pypdf's per-page font hook for layout mode; without it nothing changes.
    """
    fonts_of = getattr(page, "_layout_mode_fonts", None)
    if fonts_of is None:
        return

    def fonts():
        found = fonts_of()
        for font in found.values():
            character_map = getattr(font, "character_map", None)
            if not isinstance(character_map, dict):
                continue
            for key, value in list(character_map.items()):
                if isinstance(value, str) and 1 < len(value) <= 8 and has_arabic(value):
                    if value not in atoms and len(atoms) < 60_000:
                        atoms[value] = chr(_ATOM_BASE + len(atoms))
                    if value in atoms:
                        character_map[key] = atoms[value]
        return found

    page._layout_mode_fonts = fonts


def _layout_pages(
    path: Path, content: bytes, budget: Budget, atoms: dict[str, str], failures: list[str]
) -> tuple[list[str], int, str | None, str | None]:
    """``(layout text per page read, total pages, declared title, why it stopped early)``."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with pypdf.apply_configuration(**_PYPDF_LIMITS):
        try:
            reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted:
                try:
                    unlocked = reader.decrypt("")  # owner-password-only PDFs open with an empty one
                except DependencyError:
                    raise InputError(
                        f"{path}: this PDF uses an encryption Talkhis cannot open here; print it to a new PDF "
                        "and retry"
                    ) from None
                if not unlocked:
                    raise InputError(
                        f"{path}: this PDF is password-protected; open it with the password and save a copy "
                        "without one, then retry"
                    )
            total = len(reader.pages)
        except FileNotDecryptedError:
            raise InputError(
                f"{path}: this PDF is password-protected; open it with the password and save a copy without "
                "one, then retry"
            ) from None
        title = None
        try:
            metadata = reader.metadata
            title = str(metadata.title).strip() if metadata is not None and metadata.title else None
        except TalkhisError:
            raise
        except Exception:  # a broken Info dictionary costs the title, nothing more
            title = None
        pages: list[str] = []
        stopped = None
        characters = 0
        for number in range(min(total, budget.limits.max_pages)):
            try:
                budget.check(f"reading page {number + 1} of {total}")
            except InputError:
                if any(p.strip() for p in pages):  # the last guard, not the budget
                    stopped = (
                        f"stopped after {number} of {total} pages: the time limit of "
                        f"{budget.limits.time_budget:.0f} s was reached on this machine"
                    )
                    break
                raise
            if characters > MAX_CHARACTERS:
                stopped = f"read the first {number} of {total} pages (the character limit for one file)"
                break
            try:
                page = reader.pages[number]
                _keep_ligatures_whole(page, atoms)
                text = page.extract_text(extraction_mode="layout")
                if not text.strip():  # layout mode finds nothing on some pages the plain mode reads
                    text = page.extract_text()
            except (Cancelled, InputError):
                raise
            except Exception as exc:  # one broken page is left out, not the whole document
                log.info("%s: page %d unreadable: %r", path, number + 1, exc)
                failures.append(f"page {number + 1}: {type(exc).__name__}")
                text = ""
            pages.append(text or "")
            characters += len(text or "")
    return pages, total, title, stopped


def _page_lines(page_text: str, page: int) -> list[_Line]:
    lines: list[_Line] = []
    gap = 0
    for raw in page_text.replace("\r", "").split("\n"):
        if not raw.strip():
            gap += 1
            continue
        stripped = raw.rstrip()
        start = len(stripped) - len(stripped.lstrip())
        text = _SPACES.sub(" ", stripped.strip())
        lines.append(_Line(text, start, len(stripped), gap if lines else 0, page, first_on_page=not lines))
        gap = 0
    return lines


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """(page, index) of page numbers and of header/footer lines repeated on most pages."""
    drop: set[tuple[int, int]] = set()
    edges: dict[tuple[int, int], str] = {}
    for p, lines in enumerate(pages):
        if not lines:
            continue
        for i in {0, 1, len(lines) - 2, len(lines) - 1}:
            if 0 <= i < len(lines):
                edges[(p, i)] = _DIGITS.sub("#", lines[i].text)
                if i in (0, len(lines) - 1) and _PAGE_NUMBER.match(lines[i].text):
                    drop.add((p, i))
    counted = [p for p in pages if p]
    if len(counted) >= 2:
        pages_with = {(p, key) for (p, _), key in edges.items()}  # each key once per page
        per_key = Counter(key for _, key in pages_with)
        needed = max(2, round(0.6 * len(counted)))
        for where, key in edges.items():
            if per_key[key] >= needed and len(key) < 200:
                drop.add(where)
    return drop


def _paragraphs(lines: list[_Line]) -> list[str]:
    if not lines:
        return []
    gaps = [line.gap for line in lines if not line.first_on_page]
    usual = min(gaps) if gaps else 0  # the spacing inside a paragraph: the tightest one seen
    full = max(line.end - line.start for line in lines)
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        new = previous is None
        if previous is not None:
            ended = previous.text.endswith(_FINAL)
            width = previous.end - previous.start
            if not line.first_on_page and line.gap > usual:
                new = True
            elif ended and width < 0.85 * full:  # the short last line of a paragraph
                new = True
            elif width < 0.6 * full:  # a heading, or a last line without final punctuation
                new = True
        if new:
            paragraphs.append([line.text])
        else:
            _append(paragraphs[-1], line.text)
        previous = line
    return [" ".join(parts) for parts in paragraphs]


def _oversized_pages(content: bytes, budget: Budget) -> dict[int, str]:
    """Pages whose content streams decompress beyond pypdf's budgets: PDFium has none of its own.

    Only the streams are decompressed here (zlib, in C), not parsed; a page over a budget is
    left out (``{page index: why}``) before PDFium would inflate it whole in memory.
    """
    import pypdf
    from pypdf.errors import LimitReachedError

    oversized: dict[int, str] = {}
    with warnings.catch_warnings(), pypdf.apply_configuration(**_PYPDF_LIMITS):
        warnings.simplefilter("ignore")
        try:
            reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted:
                return oversized
            pages = min(len(reader.pages), budget.limits.max_pages)
        except Exception:  # pypdf cannot read it: PDFium may (it repairs more); its own errors decide
            return oversized
        for number in range(pages):
            try:
                contents = reader.pages[number].get_contents()
                if contents is not None:
                    contents.get_data()
            except LimitReachedError:
                oversized[number] = f"page {number + 1}: over the decompression limit"
            except Exception:
                continue
    return oversized


def read_pdf(path: Path, content: bytes) -> Document:
    budget = Budget(path)
    oversized = _oversized_pages(content, budget)
    try:
        glyphs = read_glyphs(content, budget, skip=oversized)
    except NotOpened as exc:  # damaged beyond PDFium's repair, or encrypted: pypdf says which
        log.info("%s: PDFium could not open it (%s); trying pypdf", path, exc)
        return _read_with_pypdf(path, content, budget)
    per_page = [page_lines(page) for page in glyphs.pages]
    # A producer that stores a right-to-left line in reading order but draws it left to right
    # (letters unjoined, the page itself reads backwards): positions give the line reversed,
    # and the evidence of the words (see visual_order) says so. Such a line is read as drawn.
    everything = [line for lines in per_page for line in lines]
    fixed, turned = fix_lines(line.text for line in everything)
    for line, before, after in zip(everything, [line.text for line in everything], fixed):
        if after != before and line.drawn:
            line.text = line.drawn
    textless = [page.number for page, lines in zip(glyphs.pages, per_page)
                if not lines and not page.glyphs and not page.plain and page.width]
    scans = scanned_pages(content, textless) if textless else []
    if not any(per_page) and not (scans and ocr.languages()):
        # No glyph PDFium could place: pypdf reads some such files (fonts PDFium rejects).
        try:
            return _read_with_pypdf(path, content, budget, failures=glyphs.failures)
        except InputError as exc:
            if scans and "no text layer" in str(exc):  # a scan, and OCR is off: say how to turn it on
                raise ocr.OcrUnavailable(f"{path}: this PDF is scanned pages (no text layer); reading them "
                                         f"needs OCR, which is off: {ocr.ENABLE_HINT}") from None
            raise
    if ocr.languages():
        ocr_pages, ocr_notes = _read_scans(path, content, scans, budget)
    else:  # typed pages read, scanned ones not: say so rather than lose them in silence
        ocr_pages, ocr_notes = {}, ([f"page{'s' if len(scans) > 1 else ''} {_page_list(scans)}: scanned, not read: "
                                     f"reading them needs OCR, which is off: {ocr.ENABLE_HINT}"] if scans else [])
    kept = drop_furniture(per_page)
    texts, headings, ocr_paragraphs = _in_page_order(kept, ocr_pages)
    text, headings = join_paragraphs([repair_text(t) for t in texts], headings)
    if not text:
        return _read_with_pypdf(path, content, budget, failures=glyphs.failures)
    notes = list(ocr_notes)
    if glyphs.stopped:
        notes.append(glyphs.stopped)
    if glyphs.failures:
        notes.append(f"{len(glyphs.failures)} damaged pages were left out ({', '.join(glyphs.failures[:3])})")
    if turned:
        notes.append(f"{turned} right-to-left lines were drawn backwards and have been turned round")
    unmapped = sum(page.unmapped for page in glyphs.pages)
    if unmapped > 0.01 * (unmapped + sum(len(page.glyphs) for page in glyphs.pages)):
        notes.append(f"{unmapped} glyphs have no text in this PDF's text layer and were left out; "
                     "some words may be incomplete")
    return Document(
        path=str(path),
        text=text,
        encoding=None,
        format="pdf",
        title=_useful_title(glyphs.title, path),
        headings=headings,
        notes=tuple(notes),
        ocr_words=_place_words(texts, ocr_paragraphs),
    )


def _read_scans(path: Path, content: bytes, scans: list[int], budget: Budget):
    """OCR of the scanned pages within the OCR page cap: ``({page: OcrPage}, notes)``."""
    if not scans:
        return {}, []
    limit = budget.limits.max_ocr_pages
    chosen = scans[:limit]
    pages = RenderedPages(content, chosen)
    read = {}
    for index, number in enumerate(chosen):
        budget.report(index, len(chosen), "scanned pages by OCR")
        page = ocr.recognise(pages[index])
        if page.paragraphs:
            read[number] = page
    mean = mean_confidence([w for page in read.values() for w in page.words]) or 0.0
    notes = [f"page{'s' if len(chosen) > 1 else ''} {_page_list(chosen)}: scanned, text read by OCR, mean confidence "
             f"{mean:.0f}%: check names and numbers against the original"]
    if len(scans) > limit:
        notes.append(f"read the first {limit} of {len(scans)} scanned pages by OCR (the OCR page limit for one "
                     "file); split the PDF to read the rest")
    return read, notes


def _page_list(numbers: list[int]) -> str:
    """0-based page numbers as the user counts them: "3, 4, 7" (the first eight, then "…")."""
    return ", ".join(str(n + 1) for n in numbers[:8]) + ("…" if len(numbers) > 8 else "")


def _in_page_order(pages: list[list], scanned: dict) -> tuple[list[str], set[int], dict[int, tuple]]:
    """Paragraphs and heading indices of the typed pages, with each scanned page's OCR paragraphs
    in its place (typed runs between scans are laid out on their own); and, by paragraph index,
    each OCR paragraph's words (offsets within the paragraph)."""
    texts: list[str] = []
    headings: set[int] = set()
    ocr_paragraphs: dict[int, tuple] = {}
    run: list = []

    def flush() -> None:
        run_texts, run_headings = paragraphs(run)
        headings.update(len(texts) + index for index in run_headings)
        texts.extend(run_texts)
        run.clear()

    for number, lines in enumerate(pages):
        if number in scanned:
            flush()
            page, start = scanned[number], 0
            for paragraph in page.paragraphs:
                end = start + len(paragraph)
                ocr_paragraphs[len(texts)] = tuple(OcrWord(w.start - start, w.end - start, w.confidence)
                                                   for w in page.words if start <= w.start < end)
                texts.append(paragraph)
                start = end + 1
        else:
            run.extend(lines)
    flush()
    return texts, headings, ocr_paragraphs


def _place_words(texts: list[str], ocr_paragraphs: dict[int, tuple]) -> tuple[OcrWord, ...]:
    """The OCR'd words' confidences at their offsets in the document's text, which holds each
    non-blank paragraph on its own line (:func:`join_paragraphs`)."""
    words: list[OcrWord] = []
    offset = 0
    for index, paragraph in enumerate(texts):
        line = " ".join(repair_text(paragraph).replace("\r", "\n").split("\n")).strip()
        if is_blank(line):
            continue
        words.extend(OcrWord(w.start + offset, w.end + offset, w.confidence) for w in ocr_paragraphs.get(index, ()))
        offset += len(line) + 1
    return tuple(words)


def _useful_title(title: str | None, path: Path) -> str | None:
    if title:
        title = repair_text(title).strip()
    if not title or _BOILERPLATE_TITLES.match(title) or title == path.stem:
        return None
    return title


def _read_with_pypdf(path: Path, content: bytes, budget: Budget, failures: list[str] | None = None) -> Document:
    """The fallback reader: pypdf's layout text, lines turned round by evidence (see the module doc)."""
    atoms: dict[str, str] = {}
    failures = list(failures or [])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages, total, title, stopped = _layout_pages(path, content, budget, atoms, failures)
    except (Cancelled, InputError):
        raise
    except RecursionError:
        raise InputError(f"{path}: this PDF is nested too deeply to read; it is damaged or malicious") from None
    except Exception as exc:  # pypdf on a hostile file: any failure is a damaged file to the user
        log.info("%s: pypdf failed: %r", path, exc)
        raise InputError(f"{path}: this PDF is damaged or not a PDF ({type(exc).__name__}); save it again and retry") from None
    if total == 0:
        raise InputError(f"{path}: this PDF has no pages; save it again and retry")
    per_page = [_page_lines(text, number) for number, text in enumerate(pages)]
    everything = [line for lines in per_page for line in lines]
    if not everything and failures:
        raise InputError(
            f"{path}: this PDF is damaged or too complex to read ({failures[0]}); save or print it to a new "
            "PDF and retry"
        )
    if not everything:
        raise InputError(
            f"{path}: this PDF has no text to read (no text layer, and no scanned page with readable text); "
            "export it again with its text and retry"
        )
    fixed, turned = fix_lines((line.text for line in everything), atoms={v: k for k, v in atoms.items()})
    for line, text in zip(everything, fixed):
        line.text = repair_text(unshape(text))
    drop = _furniture(per_page)
    kept = [line for p, lines in enumerate(per_page) for i, line in enumerate(lines) if (p, i) not in drop]
    if not kept:  # the repeated line is all there is (a one-line document on every page): keep it once
        kept = [line for line in everything if line.page == everything[0].page]
    for index, line in enumerate(kept):  # with the header gone, the page starts at the next line
        line.first_on_page = index == 0 or kept[index - 1].page != line.page
    text, _ = join_paragraphs(_paragraphs(kept))
    if not text:
        raise InputError(f"{path}: this PDF has no text to read (no text layer, and no scanned page with "
                         "readable text); export it again with its text and retry")
    notes = []
    if stopped:
        notes.append(stopped)
    elif len(pages) < total:
        notes.append(f"read the first {len(pages)} of {total} pages")
    if failures:
        notes.append(f"{len(failures)} damaged pages were left out ({', '.join(failures[:3])})")
    if turned:
        notes.append(f"{turned} right-to-left lines were stored backwards and have been turned round")
    return Document(
        path=str(path),
        text=text,
        encoding=None,
        format="pdf",
        title=_useful_title(title, path),
        notes=tuple(notes),
    )


register(Reader("pdf", (".pdf",), read_pdf, sniff))
