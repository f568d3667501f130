"""What leaves the window: Copy summary (text and HTML), Copy translation, Markdown, text, DOCX.

The HTML is checked the way an analyst meets it: LibreOffice (when installed) converts it to a
Word document, and the test reads which paragraphs came out right to left and which are list
items. Without a model, every output carries the glosses the window shows, labelled GLOSS.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree, html as lxml_html

from talkhis.core import export
from talkhis.core.article import Article, Document, Result, Sentence, Summary, Translation

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARABIC = ["وزارة المياه تطلق خطة جديدة", "قال الوزير إن الخطة ستبدأ غدا.", "وأضاف أن المزارعين سيستفيدون.",
          "وتصل الحصة إلى القرية مرتين في الأسبوع."]
ENGLISH = ["Water ministry launches a new plan", "The minister said the plan starts tomorrow.",
           "He added that farmers will benefit.", "The village receives its share twice a week."]
GLOSSES = ["ministry the-water launch plan new", "said the-minister that the-plan will-start tomorrow",
           "and-added that the-farmers will-benefit", "and-arrives the-share to the-village twice in the-week"]


def make_result(*, translated: bool = True, glossed: bool = False) -> Result:
    sentences = tuple(Sentence(i, i, line, heading=(i == 0)) for i, line in enumerate(ARABIC))
    document = Document("/tmp/water.txt", "\n".join(ARABIC) + "\n", "utf-8", "txt")
    return Result(
        article=Article(document, sentences, "ar"),
        translations=[Translation(t) if translated else None for t in ENGLISH],
        summary=Summary("lexrank", (1, 2, 3)),
        model=None,
        glosses=list(GLOSSES) if glossed else None,
    )


# -- Copy summary as HTML ----------------------------------------------------------------------
def test_summary_html_is_a_left_to_right_list_with_each_arabic_original_beneath_its_bullet():
    tree = lxml_html.fromstring(export.summary_html(make_result()))
    items = tree.xpath("//li")
    assert [li.text_content() for li in items] == ENGLISH[1:]
    assert all(li.xpath("ancestor::ul[1]/@dir") in ([], ["ltr"]) for li in items)  # left to right
    assert not tree.xpath("//li//*[@dir='rtl']"), "Arabic inside a list item turns the list RTL"
    arabic = tree.xpath("//p[@dir='rtl']")
    assert [p.text_content() for p in arabic] == ARABIC[1:]
    # Document order: bullet, its Arabic, next bullet...
    order = [el.text_content() for el in tree.iter("li", "p") if el.text_content() in ENGLISH + ARABIC]
    assert order == [ENGLISH[1], ARABIC[1], ENGLISH[2], ARABIC[2], ENGLISH[3], ARABIC[3]]


def test_summary_html_escapes_the_text():
    result = make_result()
    result.translations[1] = Translation("Prices <rose> & fell")
    markup = export.summary_html(result)
    assert "Prices &lt;rose&gt; &amp; fell" in markup


def test_english_only_summary_html_has_no_arabic_and_arabic_only_is_a_right_to_left_list():
    tree = lxml_html.fromstring(export.summary_html(make_result(), "english"))
    assert [li.text_content() for li in tree.xpath("//li")] == ENGLISH[1:]
    assert not tree.xpath("//*[@dir='rtl']")
    tree = lxml_html.fromstring(export.summary_html(make_result(), "arabic"))
    assert [li.text_content() for li in tree.xpath("//ul[@dir='rtl']/li")] == ARABIC[1:]


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(tmp_path, source, target: str) -> bytes:
    """``source`` converted by LibreOffice (a private profile, so parallel runs do not clash)."""
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "converted"
    filters = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export"}
    command = [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--infilter=HTML (StarWriter)", "--convert-to", filters[target], "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    return (out / (source.stem + "." + target)).read_bytes()


def _docx_paragraphs(data: bytes) -> list[tuple[str, bool, bool]]:
    """``(text, right_to_left, numbered)`` for each non-empty paragraph of a DOCX's body."""
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for p in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t")).strip()
        if not text:
            continue
        ppr = p.find(f"{W}pPr")
        bidi = ppr is not None and ppr.find(f"{W}bidi") is not None and \
            ppr.find(f"{W}bidi").get(f"{W}val", "true") not in ("0", "false")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        # Numbered directly (LibreOffice) or through a list style whose numbering it carries (Word).
        numbered = ppr is not None and (ppr.find(f"{W}numPr") is not None or (
            style is not None and style.get(f"{W}val", "").startswith("List")))
        paragraphs.append((text, bidi, numbered))
    return paragraphs


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install libreoffice-writer-nogui to check how the HTML pastes")
def test_libreoffice_reads_the_summary_html_as_an_english_list_with_arabic_paragraphs(tmp_path):
    source = tmp_path / "summary.html"
    source.write_text(export.summary_html(make_result()), encoding="utf-8")
    paragraphs = _docx_paragraphs(_convert(tmp_path, source, "docx"))
    by_text = {text: (rtl, numbered) for text, rtl, numbered in paragraphs}
    for english, arabic in zip(ENGLISH[1:], ARABIC[1:]):
        assert by_text[english] == (False, True), f"{english!r} should be a left-to-right bullet"
        assert by_text[arabic] == (True, False), f"{arabic!r} should be a right-to-left paragraph"
    assert [text for text, rtl, _ in paragraphs if rtl] == ARABIC[1:]  # nothing else turned RTL


# -- Without a model, the glosses the window shows go everywhere -------------------------------
def test_copy_summary_carries_glosses_labelled_when_there_is_no_translation():
    result = make_result(translated=False, glossed=True)
    text = export.summary_text(result)
    assert f"• GLOSS: {GLOSSES[1]}\n  {ARABIC[1]}\n" in text
    tree = lxml_html.fromstring(export.summary_html(result))
    assert [li.text_content() for li in tree.xpath("//li")] == [f"GLOSS: {g}" for g in GLOSSES[1:]]
    assert [p.text_content() for p in tree.xpath("//p[@dir='rtl']")] == ARABIC[1:]


def test_without_translation_or_gloss_the_bullets_are_the_arabic_in_a_right_to_left_list():
    result = make_result(translated=False)
    assert "GLOSS" not in export.summary_text(result)
    tree = lxml_html.fromstring(export.summary_html(result))
    assert [li.text_content() for li in tree.xpath("//ul[@dir='rtl']/li")] == ARABIC[1:]


def test_copy_translation_carries_glosses_labelled():
    result = make_result(translated=False, glossed=True)
    assert export.translation_text(result).split("\n\n")[1].strip() == f"[GLOSS: {GLOSSES[1]}]"
    result.translations[1] = Translation(ENGLISH[1])
    assert ENGLISH[1] in export.translation_text(result)
    assert GLOSSES[1] not in export.translation_text(result)  # a translation replaces the gloss


def test_markdown_and_text_carry_glosses():
    result = make_result(translated=False, glossed=True)
    markdown, text = export.to_markdown(result), export.to_text(result)
    for gloss in GLOSSES:
        assert gloss in markdown and gloss in text
    assert "gloss" in markdown.lower() and "gloss" in text.lower()


def _docx(tmp_path, result):
    import docx

    from talkhis.core.export_docx import write_docx

    path = tmp_path / "report.docx"
    write_docx(result, path)
    return docx.Document(str(path)), path.read_bytes()


def test_docx_without_a_model_has_the_glosses_in_its_english_column_and_bullets(tmp_path):
    document, data = _docx(tmp_path, make_result(translated=False, glossed=True))
    (table,) = document.tables
    assert [row.cells[1].text for row in table.rows[1:]] == [f"GLOSS: {g}" for g in GLOSSES]
    paragraphs = _docx_paragraphs(data)
    for gloss, arabic in zip(GLOSSES[1:], ARABIC[1:]):
        assert (f"GLOSS: {gloss}", False, True) in paragraphs  # a left-to-right bullet
        assert (arabic, True, False) in paragraphs  # its Arabic beneath, right to left


def test_docx_paragraph_directions_arabic_right_to_left_english_left_to_right(tmp_path):
    _, data = _docx(tmp_path, make_result())
    paragraphs = _docx_paragraphs(data)
    rtl = {text for text, is_rtl, _ in paragraphs if is_rtl}
    ltr = {text for text, is_rtl, _ in paragraphs if not is_rtl}
    assert set(ARABIC) <= rtl
    assert set(ENGLISH) <= ltr
    assert not rtl & set(ENGLISH)


# -- Export as PDF (ui/print_export.py) --------------------------------------------------------
def _blocks(document):
    """``(text, right_to_left, in_a_list)`` for each non-empty block (table cells included)."""
    from PySide6.QtCore import Qt

    blocks, block = [], document.begin()
    while block.isValid():
        if block.text().strip():
            rtl = block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
            blocks.append((block.text(), rtl, block.textList() is not None))
        block = block.next()
    return blocks


@pytest.mark.gui
@pytest.mark.parametrize("layout", ["side-by-side", "sentence-by-sentence"])
def test_report_document_lists_english_bullets_ltr_with_arabic_rtl_beneath(qapp, layout):
    from talkhis.ui.print_export import report_document

    result = make_result()
    result.translations[3] = None
    result.glosses = [None, None, None, GLOSSES[3]]
    blocks = _blocks(report_document(result, layout))
    summary = [b for b in blocks if b[2]]
    assert summary == [(ENGLISH[1], False, True), (ENGLISH[2], False, True), (f"GLOSS: {GLOSSES[3]}", False, True)]
    for arabic in ARABIC[1:]:
        assert (arabic, True, False) in blocks
    # Every sentence of the article and its English (or labelled gloss) is in the translation.
    texts = [b[0] for b in blocks]
    assert all(a in texts for a in ARABIC)
    assert all(e in texts for e in ENGLISH[:3]) and texts.count(f"GLOSS: {GLOSSES[3]}") == 2


@pytest.mark.gui
def test_export_pdf_writes_a_titled_pdf_atomically_with_the_bullets_in_order(qapp, tmp_path):
    import pypdf

    from talkhis.core.readers import read_document
    from talkhis.ui.print_export import export_pdf

    path = tmp_path / "out" / "تقرير.pdf"
    export_pdf(make_result(), path)
    assert path.read_bytes().startswith(b"%PDF")
    assert pypdf.PdfReader(path).metadata.title == ARABIC[0]
    assert not list(path.parent.glob(".*.tmp"))
    lines = read_document(path).text.replace("\ufb01", "fi").splitlines()  # the "fi" ligature
    summary = lines[lines.index("Summary") + 1:lines.index("Translation")]
    assert summary[:4] == [ENGLISH[1], ARABIC[1], ENGLISH[2], ARABIC[2]]


# -- The citation names the title the file declares (RTF saved by LibreOffice) -----------------
def _escaped(text: str) -> str:
    """Arabic as RTF ``\\uN`` escapes each followed by a "?" fallback, the way LibreOffice saves."""
    return "".join(f"\\u{ord(ch)}\\'3f" if ord(ch) > 127 else ch for ch in text)


def _libreoffice_like_rtf(title: str, *, unicode_copy: bool = True) -> bytes:
    ansi = "".join("\\'3f" if ord(ch) > 127 else ch for ch in title)
    info = "{\\info{\\upr{\\title " + ansi + "}"
    info += ("{\\*\\ud{\\title " + _escaped(title) + "}}" if unicode_copy else "") + "}}"
    body = "\\pard\\plain\\rtlpar " + _escaped(ARABIC[1]) + "\\par\n"
    return ("{\\rtf1\\ansi\\deff0\\ansicpg1252\\uc1" + info + "\n" + body + "}").encode("ascii")


def test_an_rtf_title_saved_by_libreoffice_reads_as_arabic_not_question_marks(tmp_path):
    from talkhis.core.pipeline import open_article

    path = tmp_path / "water.rtf"
    path.write_bytes(_libreoffice_like_rtf(ARABIC[0]))
    article = open_article(path)
    assert article.title == ARABIC[0]
    assert article.sentences[0].text == ARABIC[1]
    result = Result(article, [None] * len(article.sentences), None, None)
    assert export.citation(result).startswith(ARABIC[0] + " — water.rtf")


def test_an_rtf_title_that_is_only_question_marks_is_no_title(tmp_path):
    from talkhis.core.pipeline import open_article

    path = tmp_path / "water.rtf"
    path.write_bytes(_libreoffice_like_rtf(ARABIC[0], unicode_copy=False))
    article = open_article(path)
    assert "?" not in article.title and article.title == ARABIC[1]  # the first sentence instead


@pytest.mark.gui
def test_printing_puts_the_whole_report_on_the_printer(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from talkhis.core.readers import read_document
    from talkhis.ui.print_export import print_to

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a file stands in for the printer
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_to(printer, make_result(), "sentence-by-sentence")
    text = read_document(tmp_path / "printed.pdf").text.replace("\ufb01", "fi")
    for english in ENGLISH:
        assert english in text
    assert ARABIC[1] in text and "Translation" in text


# -- the Names section (the entity list) in Markdown, text and DOCX -----------------------------
ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _named_result():
    from talkhis.core.entities import Entity

    result = make_result(translated=False, glossed=True)
    result.entities = [
        Entity("organisation", "وزارة المياه", "Ministry of Water", 3, (0, 1, 3)),
        Entity("person", "خالد المنصوري", "Khalid al-Mansouri", 2, (1, 2)),
        Entity("place", "تونس", "Tunisia", 1, (3,)),
        Entity("person", "مايلز كيغينز", "Miles *Caggins* | Jr", 1, (2,)),  # a glossary rendering with markup
    ]
    return result


def test_markdown_has_a_names_section_grouped_people_places_organisations():
    from markdown_it import MarkdownIt

    markdown = export.to_markdown(_named_result())
    names = markdown[markdown.index("## Names") : markdown.index("## Translation")]
    assert markdown.index("## Summary") < markdown.index("## Names")
    assert [line for line in names.splitlines() if line.startswith("### ")] == ["### People", "### Places", "### Organisations"]
    assert "| Khalid al-Mansouri | خالد المنصوري | 2 | 2, 3 |" in names  # sentences counted from 1
    # rendered, each entity is one table row of four cells, the markup in a name shown as text
    tree = lxml_html.fromstring(MarkdownIt("commonmark").enable("table").render(names))
    rows = [[cell.text_content() for cell in row.xpath("td")] for row in tree.xpath("//tbody/tr")]
    assert ["Miles *Caggins* | Jr", "مايلز كيغينز", "1", "3"] in rows
    assert ["Ministry of Water", "وزارة المياه", "3", "1, 2, 4"] in rows
    assert len(rows) == 4 and not tree.xpath("//td//em")


def test_text_report_lists_the_names_with_their_arabic_and_sentences():
    text = export.to_text(_named_result())
    names = text[text.index("\nNAMES\n") : text.index("SOURCE AND TRANSLATION")]
    lines = names.splitlines()
    assert lines.index("People:") < lines.index("Places:") < lines.index("Organisations:")
    khalid = next(line for line in lines if "Khalid" in line)
    assert "خالد المنصوري" in khalid and "2 mentions" in khalid and khalid.endswith("sentences 2, 3")
    assert next(line for line in lines if "Tunisia" in line).endswith("1 mention — sentence 4")


def test_reports_without_an_entity_list_have_no_names_section_and_an_empty_list_says_so():
    result = make_result()
    assert "Names" not in export.to_markdown(result) and "NAMES" not in export.to_text(result)
    result.entities = []
    assert export.NO_NAMES in export.to_markdown(result) and export.NO_NAMES in export.to_text(result)


def test_docx_names_tables_have_the_arabic_right_to_left_and_read_back(tmp_path):
    document, data = _docx(tmp_path, _named_result())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Summary", "Names", "People", "Places", "Organisations", "Translation"]
    people, places, organisations, translation = document.tables
    assert [[c.text for c in row.cells] for row in people.rows] == [
        ["English", "Arabic", "Mentions", "Sentences"],
        ["Khalid al-Mansouri", "خالد المنصوري", "2", "2, 3"],
        ["Miles *Caggins* | Jr", "مايلز كيغينز", "1", "3"],
    ]
    assert [c.text for c in places.rows[1].cells] == ["Tunisia", "تونس", "1", "4"]
    assert [c.text for c in organisations.rows[1].cells] == ["Ministry of Water", "وزارة المياه", "3", "1, 2, 4"]
    paragraphs = _docx_paragraphs(data)
    for arabic in ("خالد المنصوري", "تونس", "وزارة المياه", "مايلز كيغينز"):
        assert (arabic, True, False) in paragraphs  # a right-to-left paragraph
    for cell in (people.rows[1].cells[1], places.rows[1].cells[1]):  # with right-to-left Arabic runs
        for run in cell.paragraphs[0].runs:
            assert run._r.rPr.find(f"{W}rtl") is not None and run._r.rPr.find(f"{W}lang").get(f"{W}bidi") == "ar-SA"
    assert ("Khalid al-Mansouri", False, False) in paragraphs


def test_the_sample_report_names_its_people_and_organisations(tmp_path):
    """The real pipeline, no model: the Markdown and DOCX of the water-ministry sample."""
    import docx

    from talkhis.cli import main

    sample = ROOT / "resources" / "samples" / "ministry-water-ar.txt"
    markdown_path, docx_path = tmp_path / "r.md", tmp_path / "r.docx"
    assert main(["summarize", str(sample), "--format", "markdown", "--output", str(markdown_path)]) == 0
    assert main(["summarize", str(sample), "--format", "docx", "--output", str(docx_path)]) == 0
    markdown = markdown_path.read_text(encoding="utf-8")
    names = markdown[markdown.index("## Names") : markdown.index("## Translation")]
    for english, arabic in (("Khalid al-Mansouri", "خالد المنصوري"), ("Layla Haddad", "ليلى حداد"),
                            ("Abu Yasser", "أبو ياسر"), ("Ministry of Water Resources", "وزارة الموارد المائية")):
        assert f"| {english} | {arabic} |" in names
    cells = {c.text for table in docx.Document(str(docx_path)).tables[:-1] for row in table.rows for c in row.cells}
    assert {"Khalid al-Mansouri", "خالد المنصوري", "Layla Haddad", "ليلى حداد"} <= cells
