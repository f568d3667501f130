"""Make the PDF fixtures of ``tests/fixtures/pdf/`` with real producers: LibreOffice and Chromium.

The tests read the committed PDFs; this script is needed only to make them again, on a machine
with the producers and fonts (Debian)::

    apt-get install -y libreoffice-writer-nogui chromium fonts-hosny-amiri fonts-noto-core fonts-dejavu
    python tests/make_pdf_fixtures.py

Each article ``tests/fixtures/pdf/<article>.txt`` is the plain-text twin: one paragraph a line,
a line without a final full stop is a heading (the first one is the title). From it the script
writes a Word document (python-docx) or a web page, and LibreOffice (``soffice --headless
--convert-to pdf``) or Chromium (``--print-to-pdf``) turns it into ``<article>-<producer>-<layout>.pdf``:
one and two columns, justified and ragged, running headers and footers with page numbers, in
Amiri, Noto Naskh Arabic, Noto Sans Arabic and DejaVu Sans. PDFs are written with fixed dates
where the producer allows, so a run again changes little.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures" / "pdf"


@dataclass(frozen=True)
class Fixture:
    article: str  # twin: HERE / f"{article}.txt"
    producer: str  # "lo-docx", "lo-html" or "chromium"
    columns: int
    justified: bool
    font: str
    size: int  # body size in points; headings are larger and bold
    header: str | None  # running header text, or None
    page_numbers: bool
    page: str = "A5"

    @property
    def name(self) -> str:
        layout = f"{self.columns}col-{'justified' if self.justified else 'ragged'}"
        return f"{self.article}-{self.producer}-{layout}"


FIXTURES = [
    Fixture("food", "lo-docx", 1, True, "Amiri", 14, "نشرة الاقتصاد العربي", True),
    Fixture("heat", "lo-docx", 2, False, "Noto Naskh Arabic", 12, "الطقس والمناخ", True),
    Fixture("library", "lo-html", 1, False, "DejaVu Sans", 12, None, False),
    Fixture("football", "chromium", 1, True, "Noto Naskh Arabic", 14, None, True),  # Chromium's own header/footer
    Fixture("food", "chromium", 2, False, "Noto Sans Arabic", 12, None, False),
    Fixture("library", "lo-docx", 2, True, "Amiri", 12, "ثقافة", True),
]


def paragraphs(article: str) -> list[tuple[str, bool]]:
    """``(text, is_heading)`` for each line of the twin."""
    lines = (HERE / f"{article}.txt").read_text(encoding="utf-8").splitlines()
    return [(line, not line.rstrip().endswith(".")) for line in lines if line.strip()]


# ------------------------------------------------------------------------- Word via python-docx


def _rtl_run(paragraph, text: str, font: str, size: int, bold: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    properties = run._r.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), font)
    for tag in (("w:bCs",) if bold else ()) + ("w:rtl",):
        properties.append(OxmlElement(tag))
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(size * 2))
    properties.append(size_cs)


def _rtl_paragraph(paragraph, justified: bool | None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    if justified:  # ragged is the default: flush with the start (right) edge
        alignment = OxmlElement("w:jc")
        alignment.set(qn("w:val"), "both")
        properties.append(alignment)


def _page_field(paragraph, font: str, size: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _rtl_run(paragraph, "صفحة ", font, size, False)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def write_docx(fixture: Fixture, target: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    if fixture.page == "A5":
        section.page_width, section.page_height = Mm(148), Mm(210)
        section.left_margin = section.right_margin = Mm(18)
    if fixture.columns > 1:
        columns = section._sectPr.find(qn("w:cols"))
        if columns is None:
            columns = OxmlElement("w:cols")
            section._sectPr.append(columns)
        columns.set(qn("w:num"), str(fixture.columns))
        columns.set(qn("w:space"), "425")
        section._sectPr.append(OxmlElement("w:bidi"))  # columns from right to left, as in Arabic
    if fixture.header:
        header = section.header.paragraphs[0]
        _rtl_paragraph(header, None)
        _rtl_run(header, fixture.header, fixture.font, fixture.size - 2, False)
    if fixture.page_numbers:
        footer = section.footer.paragraphs[0]
        _rtl_paragraph(footer, None)
        _page_field(footer, fixture.font, fixture.size - 2)
    for index, (text, heading) in enumerate(paragraphs(fixture.article)):
        paragraph = document.add_paragraph()
        _rtl_paragraph(paragraph, None if heading else fixture.justified)
        size = fixture.size + (6 if index == 0 else 3 if heading else 0)
        _rtl_run(paragraph, text, fixture.font, size, heading)
        paragraph.paragraph_format.space_after = Mm(2)
    document.core_properties.title = paragraphs(fixture.article)[0][0]
    document.save(target)


# ------------------------------------------------------------------------------- web pages


def write_html(fixture: Fixture, target: Path) -> None:
    blocks = []
    for index, (text, heading) in enumerate(paragraphs(fixture.article)):
        tag = "h1" if index == 0 else "h2" if heading else "p"
        blocks.append(f"<{tag}>{html.escape(text)}</{tag}>")
    body = "\n".join(blocks)
    columns = f"column-count: {fixture.columns}; column-gap: 8mm;" if fixture.columns > 1 else ""
    align = "justify" if fixture.justified else "right"
    page = "@page { size: A5; margin: 15mm 14mm; }" if fixture.producer == "chromium" else ""
    title = html.escape(paragraphs(fixture.article)[0][0])
    target.write_text(
        f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
<style>
{page}
body {{ font-family: "{fixture.font}"; font-size: {fixture.size}pt; line-height: 1.5; }}
main {{ {columns} }}
p {{ text-align: {align}; margin: 0 0 0.6em 0; }}
h1 {{ font-size: {fixture.size + 6}pt; font-weight: bold; }}
h2 {{ font-size: {fixture.size + 3}pt; font-weight: bold; margin: 0.8em 0 0.3em 0; }}
</style></head>
<body><main>
{body}
</main></body></html>
""",
        encoding="utf-8",
    )


# ------------------------------------------------------------------------------- producers


def soffice(source: Path, out_dir: Path, html_input: bool) -> Path:
    command = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{out_dir}/profile"]
    if html_input:
        command.append("--infilter=HTML (StarWriter)")
    command += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return out_dir / (source.stem + ".pdf")


def chromium(source: Path, out_dir: Path, header_footer: bool) -> Path:
    target = out_dir / (source.stem + ".pdf")
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={out_dir}/chrome"]
    if not header_footer:
        command.append("--no-pdf-header-footer")
    command += [f"--print-to-pdf={target}", source.as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return target


def make(fixture: Fixture, work: Path) -> Path:
    if fixture.producer == "lo-docx":
        source = work / f"{fixture.name}.docx"
        write_docx(fixture, source)
        made = soffice(source, work, html_input=False)
    elif fixture.producer == "lo-html":
        source = work / f"{fixture.name}.html"
        write_html(fixture, source)
        made = soffice(source, work, html_input=True)
    else:
        source = work / f"{fixture.name}.html"
        write_html(fixture, source)
        made = chromium(source, work, header_footer=fixture.page_numbers)
    target = HERE / f"{fixture.name}.pdf"
    shutil.copyfile(made, target)
    return target


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in FIXTURES:
            target = make(fixture, Path(tmp))
            print(f"{target.relative_to(HERE.parent.parent.parent)}: {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
