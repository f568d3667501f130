"""Write one small sample of every format Talkhis reads, all from the same article text.

Importable by the tests (``make_all(folder)``) and runnable by hand::

    python tests/make_samples.py OUT_DIR

Every sample carries the paragraphs of ``resources/samples/ministry-water-ar.txt`` (the project's
own sample article; a short built-in article stands in where that file is missing), so each one
must read back to the same sentences as the plain-text twin. What each writer does on purpose:

* ``sample.docx`` (python-docx): Title and Heading 2 styles, right-to-left paragraphs
  (``w:bidi``/``w:rtl``), two paragraphs inside a table's two cells, core-properties title.
* ``sample.pdf`` (fpdf2 + HarfBuzz shaping): a real shaped Arabic PDF; its glyphs are drawn left
  to right, so a reader gets *visually ordered* lines, as from most office suites. Two pages with
  a repeated header and page numbers in the footer.
* ``sample-forms.pdf``: text stored as Arabic *presentation forms* in visual order, the way older
  producers write it (shaped by hand here, no HarfBuzz).
* ``sample-logical.pdf``: letters in logical order (a reader must *not* turn these lines round).
* ``sample.html``: the article between navigation, an advert, related links, comments and a
  footer; ``sample.mhtml``: the same page saved as a web archive.
* ``sample.eml``: the subject is the title, the body the rest; ``sample.docx`` attached.
* ``sample.odt`` (zip + XML written here), ``sample.rtf`` (``\\uN`` escapes, as Word writes).
"""

from __future__ import annotations

import email.policy
import io
import re
import sys
import unicodedata
import zipfile
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
ARTICLE_PATH = REPO / "resources" / "samples" / "ministry-water-ar.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

_BUILTIN_ARTICLE = """\
وزارة الموارد المائية تطلق خطة وطنية لترشيد استهلاك المياه في المدن الكبرى
أعلنت وزارة الموارد المائية يوم الأحد عن خطة وطنية جديدة لترشيد استهلاك المياه في المدن الكبرى، بعد صيف شهد انقطاعات متكررة في عدة أحياء.
وقال الوزير في مؤتمر صحفي إن الخطة ستبدأ في الأول من آذار المقبل وتستمر ثلاث سنوات. وأضاف أن الحكومة خصصت 200 مليون دينار لتمويل المرحلة الأولى منها.
تفاصيل الخطة
تتضمن الخطة إصلاح شبكات التوزيع القديمة التي يضيع فيها نحو 30% من المياه قبل وصولها إلى المنازل. كما تشمل تركيب عدادات ذكية في الأحياء السكنية (بدءا بالعاصمة) خلال العام الأول.
وأوضح المتحدث باسم الوزارة أن فرقا فنية بدأت مسح الشبكات في ثماني محافظات. وقال إن نتائج المسح ستنشر على موقع الوزارة قبل نهاية الشهر.
مواقف الخبراء
رحب خبراء المياه بالخطة، لكنهم حذروا من أن نجاحها يعتمد على التمويل المستمر. وقال الخبير الدولي Peter Gleick في تصريح للصحيفة إن إصلاح الشبكات أرخص من بناء محطات تحلية جديدة.
ويرى آخرون أن على الحكومة أن تشرك البلديات والمزارعين في تنفيذ الخطة. وقالت الباحثة سارة حداد إن الزراعة تستهلك أكثر من نصف المياه المتاحة في البلاد.
الخطوات المقبلة
من المقرر أن تعرض الوزارة الخطة على مجلس النواب في جلسة الأسبوع المقبل. وتأمل الحكومة أن يخفض المشروع الهدر إلى النصف بحلول عام 2027.
"""


def article_text() -> str:
    """The shared article: the project's sample when present, else the built-in stand-in."""
    if ARTICLE_PATH.is_file():
        return ARTICLE_PATH.read_text(encoding="utf-8")
    return _BUILTIN_ARTICLE


def article_lines(text: str | None = None) -> list[str]:
    return [line.strip() for line in (text or article_text()).splitlines() if line.strip()]


def is_heading(line: str, index: int) -> bool:
    """The title, and short lines without final punctuation (the same rule as segmentation)."""
    return index == 0 or (len(line.split()) <= 12 and not line.rstrip().endswith(tuple(".!?؟…:\"”»)")))


# ---------------------------------------------------------------------------------------- text


def write_txt(folder: Path, text: str | None = None) -> Path:
    path = folder / "sample.txt"
    path.write_text("\n".join(article_lines(text)) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------- docx


def docx_bytes(text: str | None = None) -> bytes:
    import docx
    from docx.oxml import OxmlElement

    lines = article_lines(text)
    document = docx.Document()
    document.core_properties.title = lines[0]

    def rtl(paragraph):
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(OxmlElement("w:bidi"))
        for run in paragraph.runs:
            run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
        return paragraph

    body = [(i, line) for i, line in enumerate(lines)]
    # Two paragraphs go into a table's two cells (where the article has four or more).
    in_table = [i for i, line in body if not is_heading(line, i)][2:4] or [-1, -1]
    for i, line in body:
        if len(in_table) == 2 and i == in_table[1] and i >= 0:
            continue
        if len(in_table) == 2 and i == in_table[0] and i >= 0:
            table = document.add_table(rows=1, cols=2)
            for cell, index in zip(table.rows[0].cells, in_table):
                cell.paragraphs[0].add_run(lines[index])
                rtl(cell.paragraphs[0])
            continue
        if i == 0:
            rtl(document.add_paragraph(line, style="Title"))
        elif is_heading(line, i):
            rtl(document.add_heading(line, level=2))
        else:
            rtl(document.add_paragraph(line))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(folder: Path, text: str | None = None) -> Path:
    path = folder / "sample.docx"
    path.write_bytes(docx_bytes(text))
    return path


# ----------------------------------------------------------------------------------------- pdf

_R_JOINING = set("\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648\u0671")
_NON_JOINING = set("\u0621")
_ALEFS = set("\u0622\u0623\u0625\u0627")


def _presentation_table() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for code in range(0xFE70, 0xFEFD):
        decomposition = unicodedata.decomposition(chr(code))
        if not decomposition.startswith("<"):
            continue
        tag, _, rest = decomposition[1:].partition(">")
        letters = "".join(chr(int(h, 16)) for h in rest.split())
        table.setdefault((letters, tag), chr(code))
    return table


def _is_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" and ch != "\u0640"


def shape_to_forms(logical: str) -> str:
    """A minimal Arabic shaper: letters to presentation forms (still in logical order)."""
    table = _presentation_table()
    out: list[str] = []
    chars = list(logical)
    i = 0

    def neighbour(index: int, step: int) -> str | None:
        index += step
        while 0 <= index < len(chars) and unicodedata.category(chars[index]) == "Mn":
            index += step
        return chars[index] if 0 <= index < len(chars) else None

    def joins_forward(ch: str | None) -> bool:  # can join to the letter after it
        return ch is not None and _is_letter(ch) and ch not in _R_JOINING and ch not in _NON_JOINING

    def joins_backward(ch: str | None) -> bool:  # can join to the letter before it
        return ch is not None and _is_letter(ch) and ch not in _NON_JOINING

    while i < len(chars):
        ch = chars[i]
        if not _is_letter(ch):
            out.append(ch)
            i += 1
            continue
        before = neighbour(i, -1)
        after = neighbour(i, 1)
        prev_joins = joins_forward(before) and joins_backward(ch)
        if ch == "\u0644" and i + 1 < len(chars) and chars[i + 1] in _ALEFS:
            form = "final" if prev_joins else "isolated"
            out.append(table.get((ch + chars[i + 1], form)) or ch + chars[i + 1])
            i += 2
            continue
        next_joins = joins_forward(ch) and joins_backward(after)
        form = {(True, True): "medial", (True, False): "final", (False, True): "initial"}.get(
            (prev_joins, next_joins), "isolated"
        )
        out.append(table.get((ch, form)) or table.get((ch, "isolated")) or ch)
        i += 1
    return "".join(out)


_LTR = re.compile(r"[A-Za-z0-9](?:[^\u0600-\u06ff\ufb50-\ufeff]*[A-Za-z0-9])?%?")
_MIRROR = str.maketrans("()[]{}«»", ")(][}{»«")


def visual_order(logical: str) -> str:
    """How a naive producer stores a right-to-left line: reversed, Latin runs and numbers kept."""
    pieces, position = [], 0
    for match in _LTR.finditer(logical):
        pieces.append(logical[position:match.start()][::-1].translate(_MIRROR))
        pieces.append(match.group())
        position = match.end()
    pieces.append(logical[position:][::-1].translate(_MIRROR))
    return "".join(reversed(pieces))


HEADER = "نشرة وزارة الموارد المائية"


def _pdf(lines: list[str], *, shaping: bool, transform=None, header: bool = True):
    from fpdf import FPDF

    class Bulletin(FPDF):
        def header(self):
            if header:
                self.set_font("dejavu", size=9)
                self.cell(0, 6, transform(HEADER) if transform else HEADER, align="R")
                self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("dejavu", size=9)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Bulletin(format=(148, 210))  # A5 in mm (the name "A5" warns)
    pdf.set_title(lines[0])
    pdf.add_font("dejavu", "", str(FONT))
    pdf.set_text_shaping(shaping)
    pdf.add_page()
    for i, line in enumerate(lines):
        size = 15 if i == 0 else 13 if is_heading(line, i) else 11
        pdf.set_font("dejavu", size=size)
        if transform is None:
            pdf.multi_cell(0, size * 0.55, line, align="R")
        else:
            # Break into lines ourselves (logical order), then store each line transformed.
            for piece in _wrap(pdf, line):
                pdf.cell(0, size * 0.55, transform(piece), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(size * 0.35)
    return bytes(pdf.output())


def _wrap(pdf, line: str) -> list[str]:
    width = pdf.epw - 2
    out, current = [], ""
    for word in line.split():
        candidate = f"{current} {word}".strip()
        if current and pdf.get_string_width(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    if current:
        out.append(current)
    return out


def write_pdfs(folder: Path, text: str | None = None) -> dict[str, Path]:
    lines = article_lines(text)
    made = {}
    for name, kwargs in {
        "pdf": dict(shaping=True),
        "pdf-forms": dict(shaping=False, transform=lambda s: visual_order(shape_to_forms(s))),
        "pdf-logical": dict(shaping=False, transform=lambda s: s),
    }.items():
        path = folder / ("sample.pdf" if name == "pdf" else f"sample-{name[4:]}.pdf")
        path.write_bytes(_pdf(lines, **kwargs))
        made[name] = path
    return made


# ---------------------------------------------------------------------------------------- html


def html_text(text: str | None = None) -> str:
    lines = article_lines(text)
    body = []
    for i, line in enumerate(lines):
        if i == 0:
            body.append(f"<h1>{escape(line)}</h1>")
        elif is_heading(line, i):
            body.append(f"<h2>{escape(line)}</h2>")
        else:
            body.append(f"<p>{escape(line)}</p>")
    article = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>{escape(lines[0])} | أخبار اليوم</title>
<script>var tracking = "لا تقرأ هذا";</script><style>.ad {{ color: red }}</style></head>
<body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<div class="ad advertisement" id="ad-top">إعلان: اشترك الآن في النشرة واحصل على خصم كبير على جميع المنتجات</div>
<main><article>
{article}
</article></main>
<aside class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/a">الكهرباء ترفع الأسعار</a></li>
<li><a href="/b">أمطار غزيرة في الشمال</a></li></ul></aside>
<section id="comments" class="comments"><h3>التعليقات</h3>
<div class="comment"><p>محمد: خطة ممتازة ولكن متى ستنفذ فعلا؟ لقد سمعنا هذا الكلام من قبل مرات كثيرة.</p></div>
<div class="comment"><p>ليلى: نحتاج إلى المياه الآن وليس بعد ثلاث سنوات.</p></div></section>
<footer><p>جميع الحقوق محفوظة © 2024 أخبار اليوم</p></footer>
</body></html>
"""


def write_html(folder: Path, text: str | None = None) -> Path:
    path = folder / "sample.html"
    path.write_text(html_text(text), encoding="utf-8")
    return path


def write_mhtml(folder: Path, text: str | None = None) -> Path:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://news.example/water"
    message["Subject"] = article_lines(text)[0]
    message["MIME-Version"] = "1.0"
    message.make_related()
    message.add_related(html_text(text), subtype="html", cte="quoted-printable",
                        headers=["Content-Location: https://news.example/water"])
    path = folder / "sample.mhtml"
    path.write_bytes(message.as_bytes())
    return path


# ----------------------------------------------------------------------------------------- eml


def eml_bytes(text: str | None = None, *, attachment: bytes | None = None) -> bytes:
    lines = article_lines(text)
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "مكتب الإعلام <press@water.example>"
    message["To"] = "analyst@example.org"
    message["Subject"] = lines[0]
    message["Date"] = "Sun, 02 Feb 2025 09:30:00 +0300"
    message["Message-ID"] = "<sample-1@water.example>"
    message.set_content("\n".join(lines[1:]) + "\n", charset="utf-8", cte="base64")
    message.add_attachment(
        attachment if attachment is not None else docx_bytes(text),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="بيان الوزارة.docx",
    )
    return message.as_bytes()


def write_eml(folder: Path, text: str | None = None) -> Path:
    path = folder / "sample.eml"
    path.write_bytes(eml_bytes(text))
    return path


# ----------------------------------------------------------------------------------------- odt

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" office:version="1.3"'
)


def odt_content_xml(text: str | None = None, *, extra_body: str = "", doctype: str = "") -> str:
    lines = article_lines(text)
    body = []
    for i, line in enumerate(lines):
        if i == 0:
            body.append(f'<text:p text:style-name="P1">{escape(line)}</text:p>')
        elif is_heading(line, i):
            body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{escape(line)}</text:h>')
        else:
            # Spaces as ODF writes them: a run of spaces becomes <text:s/>.
            words = escape(line).split(" ", 1)
            rest = f'<text:s/>{words[1]}' if len(words) > 1 else ""
            body.append(f'<text:p text:style-name="P2"><text:span text:style-name="T1">{words[0]}</text:span>'
                        f'{rest}</text:p>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
        f"<office:document-content {_ODT_NS}>"
        '<office:automatic-styles>'
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title">'
        '<style:paragraph-properties style:writing-mode="rl-tb"/></style:style>'
        '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body">'
        '<style:paragraph-properties style:writing-mode="rl-tb"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}{extra_body}</office:text></office:body>"
        "</office:document-content>"
    )


def odt_bytes(text: str | None = None, *, content_xml: str | None = None) -> bytes:
    lines = article_lines(text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {_ODT_NS}>'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
        archive.writestr("content.xml", content_xml or odt_content_xml(text), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "meta.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODT_NS}><office:meta>'
            f"<dc:title>{escape(lines[0])}</dc:title></office:meta></office:document-meta>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return buffer.getvalue()


def write_odt(folder: Path, text: str | None = None) -> Path:
    path = folder / "sample.odt"
    path.write_bytes(odt_bytes(text))
    return path


# ----------------------------------------------------------------------------------------- rtf


def _rtf_escape(line: str) -> str:
    out = []
    for ch in line:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif code < 128:
            out.append(ch)
        else:
            signed = code if code < 32768 else code - 65536
            out.append(f"\\u{signed}?")
    return "".join(out)


def rtf_text(text: str | None = None) -> str:
    lines = article_lines(text)
    body = []
    for i, line in enumerate(lines):
        style = "\\s1\\b\\fs32 " if i == 0 or is_heading(line, i) else "\\s0\\fs24 "
        body.append(f"{{\\pard\\rtlpar\\qr{style}{{\\rtlch {_rtf_escape(line)}}}\\par}}")
    return (
        "{\\rtf1\\ansi\\ansicpg1256\\deff0\\uc1"
        "{\\fonttbl{\\f0\\fnil\\fcharset178 Arial;}}"
        "{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}"
        "{\\info{\\title " + _rtf_escape(lines[0]) + "}}\n" + "\n".join(body) + "\n}"
    )


def write_rtf(folder: Path, text: str | None = None) -> Path:
    path = folder / "sample.rtf"
    path.write_text(rtf_text(text), encoding="ascii")
    return path


# ------------------------------------------------------------------------------------------ all


def make_all(folder: Path, text: str | None = None) -> dict[str, Path]:
    """Every sample in ``folder``: ``{"txt": ..., "docx": ..., "pdf": ..., "pdf-forms": ..., ...}``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "txt": write_txt(folder, text),
        "docx": write_docx(folder, text),
        "html": write_html(folder, text),
        "mhtml": write_mhtml(folder, text),
        "eml": write_eml(folder, text),
        "odt": write_odt(folder, text),
        "rtf": write_rtf(folder, text),
    }
    if FONT.is_file():
        made.update(write_pdfs(folder, text))
    return made


if __name__ == "__main__":
    for kind, path in make_all(Path(sys.argv[1] if len(sys.argv) > 1 else "samples")).items():
        print(f"{kind:12} {path}")
