"""Every format an analyst receives reads back to the same article as its plain-text twin.

The samples are written by ``tests/make_samples.py`` from one article. Differences each format
is allowed, and why:

* DOCX, ODT, HTML, MHTML mark headings from their structure (Title/Heading styles, ``text:h``,
  ``<h1>``–``<h6>``); RTF and PDF keep no usable structure, so their headings come from the
  segmenter's rule for plain text (short lines without final punctuation), as for ``.txt``.
* E-mail: the subject is the first paragraph (the body does not repeat it), marked a heading.
* PDF: lines come back joined into paragraphs; the repeated header line and the page numbers
  are dropped; right-to-left lines drawn left to right are turned round (the notes say so).
* DOCX: two paragraphs sit in a table's two cells and come back as two paragraphs.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

import make_samples
from talkhis.core.errors import InputError
from talkhis.core.readers import choose_reader, read_document
from talkhis.core.readers.visual_order import fix_lines, reversal_score, to_logical, unshape

STRUCTURED = {"docx", "odt", "html", "mhtml"}
FORMATS = ["docx", "odt", "html", "mhtml", "eml", "rtf", "pdf", "pdf-forms", "pdf-logical"]


@pytest.fixture(scope="session")
def samples(tmp_path_factory):
    made = make_samples.make_all(tmp_path_factory.mktemp("samples"))
    if "pdf" not in made:
        pytest.skip(f"{make_samples.FONT} is missing: the PDF samples need an Arabic TrueType font")
    return made


@pytest.fixture(scope="session")
def twin(samples):
    return read_document(samples["txt"])


def _headings_by_rule(lines):
    return {i for i, line in enumerate(lines) if make_samples.is_heading(line, i)}


@pytest.mark.parametrize("kind", FORMATS)
def test_each_format_reads_back_to_the_paragraphs_of_its_plain_text_twin(samples, twin, kind):
    document = read_document(samples[kind])
    assert document.text == twin.text
    assert document.title == twin.text.splitlines()[0]
    expected_format = {"pdf-forms": "pdf", "pdf-logical": "pdf"}.get(kind, kind)
    assert document.format == expected_format


@pytest.mark.parametrize("kind", sorted(STRUCTURED))
def test_structured_formats_mark_their_headings(samples, twin, kind):
    document = read_document(samples[kind])
    assert document.headings == frozenset(_headings_by_rule(twin.text.splitlines()))


@pytest.mark.parametrize("kind", FORMATS)
def test_each_format_segments_into_the_same_sentences_as_the_twin(samples, twin, kind):
    segment = pytest.importorskip("talkhis.core.segment").segment
    expected = segment(twin)
    got = segment(read_document(samples[kind]))
    assert [s.text for s in got.sentences] == [s.text for s in expected.sentences]
    assert [s.heading for s in got.sentences] == [s.heading for s in expected.sentences]


def test_e_mail_lists_sender_and_attachment_and_the_attachment_opens(samples, twin, tmp_path):
    from talkhis.core.readers.email import extract_attachment

    document = read_document(samples["eml"])
    assert document.headings == frozenset({0})
    assert any(note.startswith("from ") and "press@water.example" in note for note in document.notes)
    assert any(note.startswith("attachment 1: بيان الوزارة.docx") for note in document.notes)
    attached = extract_attachment(samples["eml"], 1, folder=tmp_path)
    assert attached.name == "بيان الوزارة.docx" and attached.parent.parent == tmp_path
    assert read_document(attached).text == twin.text
    with pytest.raises(InputError, match="no attachment 2"):
        extract_attachment(samples["eml"], 2, folder=tmp_path)


def test_e_mail_attachments_are_listed_as_data_numbered_as_extract_attachment_takes_them(tmp_path):
    """``Document.attachments`` (what the window's menu and ``--attachment N`` go by) holds each
    attachment's number, the name it is saved under, its type and size; the notes still say it."""
    from email.message import EmailMessage

    from talkhis.core.article import Attachment
    from talkhis.core.readers.email import extract_attachment

    report = "تقرير قصير عن المياه.\n".encode()
    message = EmailMessage()
    message["From"] = "press@water.example"
    message["Subject"] = "بيان"
    message.set_content("نص الرسالة.\n")
    message.add_attachment(report, maintype="text", subtype="plain", filename="../../تقرير.txt")
    message.add_attachment(b"%PDF-1.7\n" + b"0" * 3000, maintype="application", subtype="pdf")  # no name
    path = tmp_path / "two.eml"
    path.write_bytes(message.as_bytes())

    document = read_document(path)

    assert document.attachments == (
        Attachment(number=1, name="تقرير.txt", content_type="text/plain", size=len(report)),
        Attachment(number=2, name="attachment-2.pdf", content_type="application/pdf", size=3009),
    )
    assert "attachment 1: تقرير.txt (text/plain, 1 KB)" in document.notes
    assert "attachment 2: attachment-2.pdf (application/pdf, 2 KB)" in document.notes
    saved = [extract_attachment(path, attachment.number, folder=tmp_path) for attachment in document.attachments]
    assert [(file.name, file.stat().st_size) for file in saved] == [(a.name, a.size) for a in document.attachments]
    assert saved[0].read_bytes() == report


def test_a_message_without_attachments_lists_none(tmp_path):
    path = tmp_path / "plain.eml"
    path.write_bytes(b"From: press@water.example\nSubject: hello\n\nnothing attached here\n")
    document = read_document(path)
    assert document.format == "eml" and document.attachments == ()


def test_pdf_presentation_forms_become_letters(samples, twin):
    import pypdf

    raw = pypdf.PdfReader(samples["pdf-forms"]).pages[0].extract_text(extraction_mode="layout")
    assert re.search("[\ufe70-\ufefc]", raw), "the sample must store presentation forms"
    text = read_document(samples["pdf-forms"]).text
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)
    # Lam-alef ligatures (ﻻ ﻷ ﻹ ﻵ) back to two letters, in reading order.
    ligature_words = {w for w in twin.text.split() if re.search("ل[اأإآ]", w)}
    assert ligature_words and all(w in text.split() for w in ligature_words)


def test_pdf_drops_the_repeated_header_and_the_page_numbers(samples):
    import pypdf

    assert len(pypdf.PdfReader(samples["pdf"]).pages) >= 2
    text = read_document(samples["pdf"]).text
    assert make_samples.HEADER not in text
    assert not any(re.fullmatch(r"\d+", line) for line in text.splitlines())


# --------------------------------------------------------------------------- visual order


def _pdf_like_lines(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [" ".join(words[i:i + 8]) for words in (line.split() for line in lines) for i in range(0, len(words), 8)]


def test_reversed_line_heuristic_on_a_real_article(coalition_path):
    """Every 8-word line of a real article: backwards ones are found, forwards ones left alone."""
    lines = _pdf_like_lines(coalition_path)
    backwards = [make_samples.visual_order(line) for line in lines]
    # Alone, most lines carry enough evidence; with the document's verdict, all of them.
    decisive = sum(reversal_score(line) >= 2 for line in backwards)
    assert decisive >= 0.8 * len(lines)
    assert all(reversal_score(line) <= 0 for line in lines)  # never says a correct line is backwards
    fixed, turned = fix_lines(backwards)
    assert fixed == lines and turned == len(lines)
    fixed, turned = fix_lines(lines)
    assert fixed == lines and turned == 0
    shaped = [make_samples.visual_order(make_samples.shape_to_forms(line)) for line in lines]
    fixed, _ = fix_lines(shaped)
    assert [unshape(line) for line in fixed] == lines


@pytest.mark.parametrize(
    ("visual", "logical"),
    [
        ("ايروس يف 23 لتق", "قتل 23 في سوريا"),  # a number keeps its own order
        ("2021/03/12 خيراتب", "بتاريخ 2021/03/12"),  # a date is one run
        ("لاق Miles B. Caggins ديقعلا", "العقيد Miles B. Caggins قال"),  # a Latin run with spaces
        ("(ةيطارقميدلا ايروس تاوق)", "(قوات سوريا الديمقراطية)"),  # brackets come out the right way
        (".2027 ماع", "عام 2027."),
        ("ةئملا يف 5.2 ةبسنب", "بنسبة 5.2 في المئة"),
    ],
)
def test_turning_a_visual_line_round(visual, logical):
    assert to_logical(visual) == logical


def test_a_short_line_without_evidence_follows_the_document():
    lines = ["ةيئاملا دراوملا ةرازو تنلعأ", "رمتسم لصاوت", "ةطخلا ذيفنت يف نيعرازملا كرشت نأ ةموكحلا ىلع"]
    fixed, turned = fix_lines(lines)
    assert fixed[1] == "تواصل مستمر" and turned == 3


# ------------------------------------------------------------------------------ sniffing


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("docx", "report.doc", "docx"),  # a .doc that is really a .docx opens
        ("html", "article.pdf", "html"),  # a .pdf that is really a web page reads as one
        ("odt", "letter.docx", "odt"),
        ("eml", "message.txt", "eml"),
        ("rtf", "old.doc", "rtf"),  # Word often saves RTF under .doc
        ("pdf", "scan.html", "pdf"),
        ("docx", "بيان الوزارة بلا امتداد", "docx"),  # Arabic name, spaces, no extension
        ("mhtml", "page.eml", "mhtml"),
    ],
)
def test_content_decides_the_reader_not_the_extension(samples, tmp_path, kind, name, expected):
    path = tmp_path / name
    path.write_bytes(samples[kind].read_bytes())
    assert read_document(path).format == expected


def test_a_real_old_word_file_gets_a_clear_message(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 600
    path = tmp_path / "old report.doc"
    path.write_bytes(ole)
    with pytest.raises(InputError, match=r"old Word \.doc is not supported.*\.docx") as caught:
        read_document(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    msg = tmp_path / "mail.msg"
    msg.write_bytes(ole.replace("WordDocument".encode("utf-16-le"), "__substg1.0_0037".encode("utf-16-le")))
    with pytest.raises(InputError, match="Outlook message"):
        read_document(msg)


def test_other_office_zips_are_named(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "figures.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="Excel workbook"):
        read_document(path)


def test_sniffers_claim_only_their_own_content(samples):
    from pathlib import Path

    text_head = samples["txt"].read_bytes()[:4096]
    assert choose_reader(Path("x.txt"), text_head).format == "txt"
    assert choose_reader(Path("notes"), "From the minister: a statement\nSubject to change\n".encode()).format == "txt"
    assert choose_reader(Path("x.txt"), b"<p>not a page, a note about <b>tags</b></p>").format == "txt"


# ----------------------------------------------------------------------------------- docx


def _with_footnote(docx_bytes: bytes, note: str) -> bytes:
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    b"</Relationships>")
            archive.writestr(info.filename, data)
        archive.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_docx_footnotes_follow_the_text(tmp_path, twin):
    path = tmp_path / "with-note.docx"
    path.write_bytes(_with_footnote(make_samples.docx_bytes(), "المصدر: تقرير الوزارة السنوي."))
    document = read_document(path)
    assert document.text == twin.text + "المصدر: تقرير الوزارة السنوي.\n"
    assert any("footnotes" in note for note in document.notes)


def _result():
    from talkhis.core.article import Article, Document, Result, Sentence, Summary, Translation

    lines = ["وزارة المياه تطلق خطة جديدة", "قال الوزير إن الخطة ستبدأ غدا.", "وأضاف أن المزارعين سيستفيدون."]
    sentences = tuple(Sentence(i, i, line, heading=(i == 0)) for i, line in enumerate(lines))
    english = ["Water ministry launches a new plan", "The minister said the plan starts tomorrow.",
               "He added that farmers will benefit."]
    return Result(
        article=Article(Document("/tmp/article.txt", "\n".join(lines) + "\n", "utf-8", "txt"), sentences, "ar"),
        translations=[Translation(t) for t in english],
        summary=Summary("lexrank", (1, 2)),
        model=None,
    )


def test_docx_export_opens_with_right_to_left_paragraphs_and_a_two_column_table(tmp_path):
    import docx
    from docx.oxml.ns import qn

    from talkhis.core.export_docx import write_docx

    result = _result()
    path = tmp_path / "out" / "تقرير.docx"
    write_docx(result, path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == result.article.title
    assert "processed" in texts[1]  # the citation line
    summary = texts.index("Summary")
    assert texts[summary + 1:summary + 5] == [
        "The minister said the plan starts tomorrow.", "قال الوزير إن الخطة ستبدأ غدا.",
        "He added that farmers will benefit.", "وأضاف أن المزارعين سيستفيدون.",
    ]
    by_text = {p.text: p for p in document.paragraphs}
    arabic = by_text["قال الوزير إن الخطة ستبدأ غدا."]
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    assert all(run._r.rPr.find(qn("w:rtl")) is not None for run in arabic.runs)
    assert by_text["The minister said the plan starts tomorrow."]._p.pPr.find(qn("w:bidi")) is None
    assert by_text["The minister said the plan starts tomorrow."].style.name == "List Bullet"
    (table,) = document.tables
    assert len(table.columns) == 2 and len(table.rows) == 1 + len(result.sentences)
    assert [c.text for c in table.rows[2].cells] == ["قال الوزير إن الخطة ستبدأ غدا.",
                                                     "The minister said the plan starts tomorrow."]
    assert table.rows[2].cells[0].paragraphs[0]._p.pPr.find(qn("w:bidi")) is not None
    assert not list(path.parent.glob(".*.tmp"))  # the atomic write left no temporary file


def test_cli_summarizes_a_docx_like_its_text_twin(samples, capsys):
    pytest.importorskip("talkhis.core.segment")
    from talkhis.cli import main

    assert main(["summarize", str(samples["docx"]), "--format", "json"]) == 0
    from_docx = json.loads(capsys.readouterr().out.splitlines()[0])
    assert main(["summarize", str(samples["txt"]), "--format", "json"]) == 0
    from_text = json.loads(capsys.readouterr().out.splitlines()[0])
    assert from_docx["source"]["format"] == "docx"
    assert [s["text"] for s in from_docx["sentences"]] == [s["text"] for s in from_text["sentences"]]
    assert from_docx["source"]["title"] == from_text["source"]["title"]
