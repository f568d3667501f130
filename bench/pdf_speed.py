"""PDF reading: how fast a long Arabic PDF reads, and how well each extraction base does.

    python bench/pdf_speed.py [--pages 100] [--pdf FILE] [--compare]

Without ``--pdf``, a LibreOffice-made Arabic PDF of about ``--pages`` pages is written first
(the fixture articles of ``tests/fixtures/pdf`` again and again, A5, Amiri, running header and
page numbers; needs ``soffice``, see ``tests/make_pdf_fixtures.py``). Target: a 100-page
Arabic PDF reads in at most 10 s on this machine.

``--compare`` also measures, on every fixture of ``tests/fixtures/pdf``, the share of its twin's
sentences that each extraction base gives back (sentences found exactly, after segmentation),
and the time each takes on the long PDF: this reader (PDFium glyphs and layout), pypdf's layout
mode with lines turned round by evidence (the reader before), PDFium's own text, pdfminer.six
(if installed), and this reader with python-bidi (if installed) in place of its own UAX #9
subset. This is the measurement the choice of base rests on.

Measured on this machine (2 cores shared with other work), 2 December 2026,
``python bench/pdf_speed.py --compare``: a 97-page LibreOffice PDF read in 2.0-3.3 s (a 129-page
one in 1.85 s, every one of its 1,104 sentences back exactly); on the six fixtures, sentences
found: this reader 104/104, pypdf layout with turning 42/104, PDFium's own text 11/104,
pdfminer.six 0/104 (visual order), this reader with python-bidi's ``get_display`` 56/104 (it
splits ligature glyphs, mirrors brackets the producer already stored mirrored, and joins ``%``
to an Arabic number).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import make_pdf_fixtures  # noqa: E402  (the fixture maker's Word writer)

from talkhis.core.article import Document  # noqa: E402
from talkhis.core.readers import read_document  # noqa: E402
from talkhis.core.readers import pdf as pdf_reader  # noqa: E402
from talkhis.core.readers.limits import Budget, reading_limits  # noqa: E402
from talkhis.core.segment import segment  # noqa: E402

ARTICLES = ["food", "heat", "library", "football"]


def write_long_pdf(folder: Path, pages: int) -> Path:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(148), Mm(210)
    header = section.header.paragraphs[0]
    make_pdf_fixtures._rtl_paragraph(header, None)
    make_pdf_fixtures._rtl_run(header, "نشرة الأخبار", "Amiri", 10, False)
    footer = section.footer.paragraphs[0]
    make_pdf_fixtures._rtl_paragraph(footer, None)
    make_pdf_fixtures._page_field(footer, "Amiri", 10)
    repeats = max(1, round(pages / 2.0 / len(ARTICLES)))  # about 2 A5 pages an article at 14 pt
    for _ in range(repeats):
        for article in ARTICLES:
            for index, (text, heading) in enumerate(make_pdf_fixtures.paragraphs(article)):
                paragraph = document.add_paragraph()
                make_pdf_fixtures._rtl_paragraph(paragraph, None if heading else True)
                make_pdf_fixtures._rtl_run(paragraph, text, "Amiri", 20 if index == 0 else 17 if heading else 14, heading)
    source = folder / "long.docx"
    document.save(source)
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=600,
    )
    return folder / "long.pdf"


def _units(text: str) -> list[str]:
    document = Document(path="x", text=text, encoding=None, format="txt")
    return [" ".join(s.text.split()) for s in segment(document, "ar").sentences]


def _pypdf_layout(path: Path) -> str:
    return pdf_reader._read_with_pypdf(path, path.read_bytes(), Budget(path)).text


def _pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    return "\n".join(page.get_textpage().get_text_range().replace("\r", "") for page in document)


def _pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def bases() -> dict[str, callable]:
    found = {"this reader": lambda p: read_document(p).text, "pypdf layout + turning": _pypdf_layout,
             "PDFium text": _pdfium_text}
    try:
        import pdfminer  # noqa: F401

        found["pdfminer.six"] = _pdfminer_text
    except ImportError:
        pass
    try:
        import bidi  # noqa: F401

        found["... with python-bidi"] = _with_python_bidi
    except ImportError:
        pass
    return found


def _with_python_bidi(path: Path) -> str:
    """This reader with python-bidi's ``get_display`` over each visual line instead of pdf_bidi."""
    from bidi.algorithm import get_display

    from talkhis.core.readers import pdf_layout

    own = pdf_layout.to_logical
    pdf_layout.to_logical = lambda units, rtl=None: get_display("".join(units), base_dir="R" if rtl else "L")
    try:
        return read_document(path).text
    finally:
        pdf_layout.to_logical = own


def compare(long_pdf: Path | None) -> None:
    fixtures = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
    print(f"{'base':24s} {'sentences found':>16s}  {'long PDF':>9s}")
    for name, extract in bases().items():
        found = total = 0
        for pdf in fixtures:
            want = _units((pdf.parent / (pdf.name.split("-")[0] + ".txt")).read_text(encoding="utf-8"))
            got = set(_units(extract(pdf)))
            found += sum(1 for unit in want if unit in got)
            total += len(want)
        seconds = ""
        if long_pdf is not None:
            start = time.perf_counter()
            extract(long_pdf)
            seconds = f"{time.perf_counter() - start:8.2f}s"
        print(f"{name:24s} {found:>8d}/{total:<4d} {100 * found / total:5.1f}%  {seconds:>9s}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--pdf", type=Path, help="read this PDF instead of making one")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="also compare the extraction bases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf or write_long_pdf(Path(tmp), args.pages)
        times = []
        with reading_limits(time_budget=600):  # measure the reader, not the last guard
            for _ in range(args.runs):
                start = time.perf_counter()
                document = read_document(path)
                times.append(time.perf_counter() - start)
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(path))
        print(f"{path.name}: {pages} pages, {len(document.text):,} characters, "
              f"{len(document.text.splitlines())} paragraphs, notes: {list(document.notes)}")
        print(f"read in {statistics.median(times):.2f} s (median of {args.runs}; runs: "
              f"{', '.join(f'{t:.2f}' for t in times)}); target <= 10 s for 100 pages")
        if args.compare:
            compare(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
