"""PDFs that real producers make read back as their articles: LibreOffice and Chromium, not only our own.

The fixtures in ``tests/fixtures/pdf/`` were made by ``tests/make_pdf_fixtures.py`` (LibreOffice
7.4 and Chromium, Debian fonts Amiri, Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans), each from
its plain-text twin ``<article>.txt``: one and two columns, justified and ragged, running headers,
footers and page numbers. A twin line without a final full stop is a heading.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from talkhis.core.article import Document
from talkhis.core.readers import read_document, readers
from talkhis.core.readers.limits import reading_limits
from talkhis.core.readers.pdf_bidi import to_logical
from talkhis.core.segment import segment

# The whole registry before any reader module is imported on its own: importing one alone
# first leaves the registry holding only that one (issue 12, fixed in the registry's own module).
readers()
from talkhis.core.readers import pdf as pdf_reader  # noqa: E402
from talkhis.core.readers import pdf_glyphs  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
PDFS = sorted(FIXTURES.glob("*.pdf"))


def _twin(pdf: Path) -> Document:
    path = FIXTURES / (pdf.name.split("-")[0] + ".txt")
    text = path.read_text(encoding="utf-8")
    headings = {i for i, line in enumerate(text.splitlines()) if not line.rstrip().endswith(".")}
    return Document(path=str(path), text=text, encoding="utf-8", format="txt", headings=frozenset(headings))


def _units(document: Document) -> list[tuple[str, bool]]:
    return [(" ".join(s.text.split()), s.heading) for s in segment(document, "ar").sentences]


def test_the_fixtures_cover_both_producers_and_layouts():
    names = {p.stem for p in PDFS}
    assert any("-lo-" in n for n in names) and any("-chromium-" in n for n in names)
    assert any("-2col-" in n for n in names) and any("-1col-" in n for n in names)
    assert any("justified" in n for n in names) and any("ragged" in n for n in names)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_each_real_pdf_reads_back_to_its_twins_sentences_and_headings(pdf):
    want = _units(_twin(pdf))
    document = read_document(pdf)
    got = _units(document)
    found = {text for text, _ in got}
    missing = [text for text, _ in want if text not in found]
    assert len(want) - len(missing) >= 0.95 * len(want), f"missing: {missing}"
    flagged = {text for text, heading in got if heading}
    assert [text for text, heading in want if heading and text not in flagged] == []


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_sentences_come_in_reading_order_column_by_column(pdf):
    """Two columns are read right one first; a paragraph goes on across columns and pages."""
    want = [text for text, _ in _units(_twin(pdf))]
    got = [text for text, _ in _units(read_document(pdf)) if text in want]
    assert got == [text for text in want if text in got]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_running_headers_footers_and_page_numbers_are_dropped(pdf):
    text = read_document(pdf).text
    twin = _twin(pdf).text
    assert not any(re.fullmatch(r"(صفحة )?\d+", line) for line in text.splitlines())
    for furniture in ("نشرة الاقتصاد العربي", "الطقس والمناخ", "ثقافة", "file://", "PM"):
        if furniture not in twin:
            assert furniture not in text


def test_words_with_lam_alef_quotes_brackets_and_numbers_read_in_order():
    text = read_document(FIXTURES / "food-lo-docx-1col-justified.pdf").text
    for piece in ('إن "الأسعار ارتفعت بنسبة 23% منذ', "(بفائدة لا تتجاوز 2%)", "(FAO) أن",
                  "4.5 مليار", "الأغذية", "«سمعنا وعوداً كثيرة في الماضي»", "صندوقاً مشتركاً"):
        assert piece in text


def test_a_line_that_repeats_on_every_page_is_kept_when_it_is_all_there_is(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    import make_samples

    if not make_samples.FONT.exists():
        pytest.skip(f"{make_samples.FONT} is missing")
    pdf = fpdf.FPDF(format=(148, 210))
    pdf.add_font("dejavu", "", str(make_samples.FONT))
    pdf.set_text_shaping(True)
    for _ in range(4):
        pdf.add_page()
        pdf.set_font("dejavu", size=14)
        pdf.cell(0, 10, "حبيبي يا نور العين", align="R")
    path = tmp_path / "one-line.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert read_document(path).text == "حبيبي يا نور العين\n"


def test_when_pdfium_finds_no_text_pypdf_reads_it(tmp_path, monkeypatch):
    """The fallback: a file PDFium reads no glyph from is read by pypdf (layout, then plain mode)."""
    path = FIXTURES / "food-lo-docx-1col-justified.pdf"
    empty = pdf_glyphs.GlyphDocument([pdf_glyphs.GlyphPage(0, 0.0, 0.0)], 2, None)
    monkeypatch.setattr(pdf_reader, "read_glyphs", lambda content, budget, skip=None: empty)
    document = read_document(path)
    assert "خطة مشتركة" in document.text


def _handmade_pdf(content: bytes, to_unicode: bytes, content_filter: bytes = b"") -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), content_filter, content),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        6: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode),
    }
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number in sorted(objects):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_half_a_character_in_the_text_layer_becomes_a_replacement_character(tmp_path):
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Test def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfchar <78> <D83D> endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
    path = tmp_path / "surrogate.pdf"
    path.write_bytes(_handmade_pdf(b"BT /F1 12 Tf 72 720 Td (Smile x please.) Tj ET", cmap))
    text = read_document(path).text
    text.encode("utf-8")  # no lone surrogate reaches the output
    assert text == "Smile \ufffd please.\n"


def test_the_character_budget_stops_at_the_same_page_on_any_machine(monkeypatch):
    path = FIXTURES / "food-lo-docx-1col-justified.pdf"
    monkeypatch.setattr(pdf_glyphs, "MAX_CHARACTERS", 100)
    first, second = read_document(path), read_document(path)
    assert first.text == second.text
    assert any("read the first 1 of 2 pages" in note and "character limit" in note for note in first.notes)


def test_the_page_budget_keeps_the_first_pages_with_a_note():
    with reading_limits(max_pages=1):
        document = read_document(FIXTURES / "heat-lo-docx-2col-ragged.pdf")
    assert any(note.startswith("read the first 1 of 2 pages") for note in document.notes)


def test_a_flate_bomb_in_a_page_never_reaches_pdfium(tmp_path):
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * 40_000_000, 9)
    oversized = pdf_reader._oversized_pages(_handmade_pdf(bomb, b"", b"/Filter /FlateDecode "), pdf_reader.Budget(tmp_path / "x.pdf"))
    assert list(oversized) == [0]


def test_pdf_drawn_left_to_right_is_read_as_drawn_and_the_shaped_ones_need_no_turning(tmp_path):
    """fpdf2's samples: shaped and presentation-form lines are placed right; a line stored in
    reading order but drawn left to right (the page reads backwards) is read as drawn, with a note."""
    import make_samples

    if not make_samples.FONT.exists():
        pytest.skip(f"{make_samples.FONT} is missing")
    made = make_samples.write_pdfs(tmp_path)
    assert not any("turned round" in note for note in read_document(made["pdf"]).notes)
    assert not any("turned round" in note for note in read_document(made["pdf-forms"]).notes)
    assert any("turned round" in note for note in read_document(made["pdf-logical"]).notes)


# ----------------------------------------------------------------------------- bidi rules


@pytest.mark.parametrize(
    ("visual", "logical"),
    [
        (list("ذنم %23 ةبسنب"), "بنسبة 23% منذ"),  # an Arabic number: the percent sign is drawn first
        (list("رالود رايلم 4.5 هردق"), "قدره 4.5 مليار دولار"),
        (list("نأ )FAO( ةمظنم"), "منظمة (FAO) أن"),  # brackets drawn mirrored are turned back
        (list('."حيحصلا هاجتالا" نإ'), 'إن "الاتجاه الصحيح".'),
        (list("Talkhis reads 12 PDFs."), "Talkhis reads 12 PDFs."),
        (["ة", "ي", "ذ", "غ", "لأ", "ا"], "الأغذية"),  # a lam-alef glyph keeps its letters' order
    ],
)
def test_visual_lines_come_back_in_reading_order(visual, logical):
    assert to_logical(visual) == logical


def test_text_set_on_its_side_reads_in_pdfiums_order(tmp_path):
    path = tmp_path / "rotated.pdf"
    path.write_bytes(_handmade_pdf(b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (A line set on its side.) Tj ET "
                                   b"BT /F1 12 Tf 0 1 -1 0 320 100 Tm (And a second one.) Tj ET", b""))
    assert read_document(path).text == "A line set on its side.\nAnd a second one.\n"


def test_a_running_header_that_repeats_the_title_takes_only_itself():
    from talkhis.core.readers.pdf_layout import Line, drop_furniture

    def line(text, y, page, top=False, bottom=False):
        return Line(text, 50, 350, y, 12, False, True, 20, page, 0, top=top, bottom=bottom)

    title = "الأمن الغذائي: خطة إقليمية جديدة"
    pages = [
        [line(title, 560, 0, top=True), line(title, 500, 0, top=True), line("نص المقال الأول.", 470, 0),
         line("1", 40, 0, bottom=True)],
        [line(title, 560, 1, top=True), line("نص المقال الثاني.", 530, 1, top=True), line("2", 40, 1, bottom=True)],
    ]
    kept = drop_furniture(pages)
    assert [[item.text for item in lines] for lines in kept] == [[title, "نص المقال الأول."], ["نص المقال الثاني."]]
