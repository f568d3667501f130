"""A result as a Word document: title, citation, bilingual bullets, side-by-side translation.

Arabic paragraphs are marked right-to-left the way Word itself marks them: ``w:bidi`` on the
paragraph (direction and alignment) and ``w:rtl`` plus an Arabic ``w:lang w:bidi`` on each run
(so the complex-script font and shaping apply). Written with python-docx into memory, then to
disk atomically (:func:`talkhis.core.atomic.write_bytes`): a reader sees the old file or the new.
"""

from __future__ import annotations

import io
import os

from talkhis.core.article import Result
from talkhis.core.atomic import write_bytes
from talkhis.core.export import NAMES_NOTE, NO_NAMES, check_marker, citation, english_of, entity_groups, sentence_numbers
from talkhis.core.normalize import detect_language


def _label(paragraph, label: str | None) -> None:
    """"GLOSS: " in bold grey before a gloss: a word-by-word gloss, not a translation."""
    if label:
        from docx.shared import RGBColor

        tag = paragraph.add_run(f"{label}: ")
        tag.bold = True
        tag.font.color.rgb = RGBColor(0x70, 0x70, 0x70)


def _rtl(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        if rpr.find(qn("w:rtl")) is None:
            rpr.append(OxmlElement("w:rtl"))
        lang = OxmlElement("w:lang")
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)


def _add(container, text: str, *, style: str | None = None, rtl: bool = False, bold: bool = False,
         italic: bool = False, label: str | None = None):
    paragraph = container.add_paragraph(style=style) if style else container.add_paragraph()
    _label(paragraph, label)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if rtl:
        _rtl(paragraph)
    return paragraph


def _set_cell(cell, text: str, *, rtl: bool, bold: bool = False, label: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    _label(paragraph, label)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if rtl:
        _rtl(paragraph)


def _name_columns():
    from docx.shared import Inches

    return (Inches(2.1), Inches(1.85), Inches(0.95), Inches(1.1))


def _names(document, result: Result) -> None:
    """The Names section: a table per kind (English, Arabic right to left, mentions, sentences)."""
    groups = entity_groups(result)
    if groups is None:
        return
    document.add_heading("Names", level=1)
    if not groups:
        _add(document, NO_NAMES, italic=True)
        return
    _add(document, NAMES_NOTE, italic=True)
    for heading, group in groups:
        document.add_heading(heading, level=2)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("English", "Arabic", "Mentions", "Sentences")):
            _set_cell(cell, text, rtl=False, bold=True)
        for entity in group:
            cells = table.add_row().cells
            _set_cell(cells[0], entity.english, rtl=False)
            _set_cell(cells[1], entity.arabic, rtl=True)
            _set_cell(cells[2], str(entity.count), rtl=False)
            _set_cell(cells[3], sentence_numbers(entity), rtl=False)
        table.autofit = False  # names get the room, the counts little
        for column, width in zip(table.columns, _name_columns()):
            column.width = width  # the grid (LibreOffice) and each cell (Word)
            for cell in column.cells:
                cell.width = width


def docx_bytes(result: Result) -> bytes:
    import docx

    document = docx.Document()
    title = result.article.title
    document.core_properties.title = title[:250]
    title_rtl = detect_language(title) == "ar"
    _add(document, title, style="Title", rtl=title_rtl)
    _add(document, citation(result), italic=True)

    document.add_heading("Summary", level=1)
    items = result.summary.ids if result.summary else ()
    if not items:
        _add(document, "(no summary)", italic=True)
    for sentence_id in items:
        arabic = result.sentences[sentence_id].text
        english, label = english_of(result, sentence_id)
        if english:
            _add(document, english + check_marker(result, sentence_id),
                 style="List Bullet", label=label)
            _add(document, arabic, rtl=True)
        else:
            _add(document, arabic, style="List Bullet", rtl=True)

    _names(document, result)

    document.add_heading("Translation", level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    header = table.rows[0].cells
    _set_cell(header[0], "Arabic", rtl=False, bold=True)
    _set_cell(header[1], "English", rtl=False, bold=True)
    for sentence in result.sentences:
        cells = table.add_row().cells
        _set_cell(cells[0], sentence.text, rtl=True, bold=sentence.heading)
        english, label = english_of(result, sentence.id)
        _set_cell(cells[1], (english or "") + check_marker(result, sentence.id), rtl=False, bold=sentence.heading,
                  label=label)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(result: Result, path: str | os.PathLike) -> None:
    """Write ``result`` to ``path`` as .docx, atomically."""
    write_bytes(path, docx_bytes(result))
