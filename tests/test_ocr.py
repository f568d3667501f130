"""Scans and phone photos: the project's own Arabic sample, drawn at 300 dpi with an Arabic font,
read back by OCR — clean, and degraded as a phone photo would be (turned by EXIF, tilted, blurred,
noisy, grey paper, JPEG quality 55).

OCR needs Tesseract's Arabic model. A stranger's clone without it skips these tests with the
reason; CI installs it (.ci/run) and fails instead of skipping.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from talkhis.cli import main
from talkhis.core import ocr, paths
from talkhis.core.article import Article, Document, OcrWord, Sentence
from talkhis.core.readers import read_document

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
PARAGRAPHS = [p for p in SAMPLE.read_text(encoding="utf-8").splitlines() if p.strip()][:3]

if ocr.find_tessdata("ara") is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must test OCR: install Tesseract's Arabic model (apt-get install tesseract-ocr-ara)")
    pytest.skip("Tesseract's Arabic model is not installed (apt-get install tesseract-ocr-ara)",
                allow_module_level=True)


def similarity(expected: str, got: str) -> float:
    """Character similarity of the two texts, whitespace ignored in shape (0..1)."""
    return difflib.SequenceMatcher(None, " ".join(expected.split()), " ".join(got.split()), autojunk=False).ratio()


@pytest.fixture(scope="module")
def page_png(qapp) -> bytes:
    """The sample's first paragraphs as a 300 dpi page image (12 pt Arabic, right aligned)."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QTextDocument, QTextOption

    families = [f for f in ("Amiri", "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans")
                if f in QFontDatabase.families()]
    if not families:
        pytest.skip("no Arabic font to draw the page with (apt-get install fonts-hosny-amiri)")
    document = QTextDocument()
    font = QFont(families[0])
    font.setPixelSize(50)  # 12 pt at 300 dpi
    document.setDefaultFont(font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight)
    document.setDefaultTextOption(option)
    document.setPlainText("\n".join(PARAGRAPHS))
    document.setTextWidth(2180)
    image = QImage(2480, int(document.size().height()) + 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(150, 150)
    document.drawContents(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def phone_photo(png: bytes, *, tilt: float = 4.0, seed: int = 7) -> bytes:
    """``png`` as a phone would take it: tilted, blurred, noisy, grey, JPEG 55, stored sideways
    with an EXIF orientation tag saying so (as phones do)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    pixels = np.asarray(image).astype(np.int16) + np.random.default_rng(seed).normal(0, 18, image.size[::-1])
    image = Image.fromarray((pixels * 0.8 + 30).clip(0, 255).astype("uint8"))
    image = image.transpose(Image.Transpose.ROTATE_90)  # the sensor's orientation...
    exif = Image.Exif()
    exif[0x0112] = 6  # ...and the tag that says "turn me 90° clockwise to view"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=55, exif=exif)
    random.seed(seed)
    return out.getvalue()


def test_a_clean_scan_reads_back_as_the_article(tmp_path, page_png):
    path = tmp_path / "scan.png"
    path.write_bytes(page_png)

    document = read_document(path)

    assert document.format == "image"
    assert similarity("\n".join(PARAGRAPHS), document.text) >= 0.90
    assert document.notes[0].startswith("text read by OCR from 1 page, mean confidence")
    assert document.ocr_words and all(0 <= w.confidence <= 100 for w in document.ocr_words)


def test_a_phone_photo_is_turned_upright_straightened_and_read(tmp_path, page_png):
    path = tmp_path / "IMG_0412.jpg"
    path.write_bytes(phone_photo(page_png))

    document = read_document(path)

    assert similarity("\n".join(PARAGRAPHS), document.text) >= 0.85


def test_every_page_of_a_multi_page_tiff_is_read(tmp_path, page_png):
    first = Image.open(io.BytesIO(page_png)).convert("L")
    second = first.crop((0, 0, first.width, first.height // 2))  # the title and the first paragraph
    path = tmp_path / "fax.tif"
    first.save(path, save_all=True, append_images=[second], compression="tiff_deflate")

    document = read_document(path)

    assert "from 2 pages" in document.notes[0]
    assert document.text.count(PARAGRAPHS[0].split()[0]) >= 2  # the title is on both pages


def test_the_cli_summarises_a_scan_and_the_json_carries_ocr_confidence(tmp_path, page_png, capsys):
    path = tmp_path / "scan.png"
    path.write_bytes(page_png)

    code = main(["summarize", str(path), "--format", "json"])

    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["source"]["format"] == "image"
    assert data["summary"]["items"]
    for sentence in data["sentences"]:
        assert 0 < sentence["ocr_confidence"] <= 100
        assert isinstance(sentence["ocr_doubtful_words"], list)
    assert any(s.get("gloss") for s in data["sentences"])  # English for every sentence, as for any article


def test_without_the_arabic_model_a_scan_is_one_line_saying_how_to_turn_ocr_on(tmp_path, page_png, capsys,
                                                                             monkeypatch):
    monkeypatch.setattr(ocr, "_candidates", lambda: iter(()))
    scan, text = tmp_path / "scan.png", tmp_path / "article.txt"
    scan.write_bytes(page_png)
    text.write_text("\n".join(PARAGRAPHS), encoding="utf-8")

    code = main(["summarize", str(scan), str(text), "--format", "json"])

    out, err = capsys.readouterr()
    assert code == 3
    scan_line = next(line for line in err.splitlines() if "scan.png" in line)
    assert "scan.png" in err and "talkhis ocr import ara.traineddata" in err
    assert json.loads(out)["source"]["path"] == str(text)  # the other file still has its output


def test_ocr_import_verifies_the_model_and_installs_it_atomically(tmp_path, capsys):
    system = ocr.find_tessdata("ara")
    bad = tmp_path / "ara.traineddata"
    bad.write_bytes(b"not a model" * 100)

    assert main(["ocr", "import", str(bad)]) == 4
    assert "Tesseract cannot load it" in capsys.readouterr().err
    assert not list(ocr.user_tessdata().iterdir())  # nothing half-installed, no staging left

    assert main(["ocr", "import", str(system / "ara.traineddata")]) == 0
    assert (paths.data_dir() / "tessdata" / "ara.traineddata").is_file()
    assert f"models in {ocr.user_tessdata()}" in capsys.readouterr().out
    assert ocr.find_tessdata("ara") == ocr.user_tessdata()


def test_the_source_pane_underlines_the_words_ocr_was_unsure_of(qapp):
    from PySide6.QtGui import QTextCharFormat

    from talkhis.ui.text_views import SourceView

    text = "أعلنت الوزارة خطة طارئة.\nوقال الوزير إن المياه تكفي."
    words = [OcrWord(0, 5, 95), OcrWord(6, 13, 41), OcrWord(14, 17, 93), OcrWord(18, 24, 90),
             OcrWord(25, 29, 88), OcrWord(30, 36, 35), OcrWord(37, 39, 91), OcrWord(40, 46, 92),
             OcrWord(47, 52, 94)]
    document = Document(path="scan.png", text=text, encoding=None, format="image", ocr_words=tuple(words))
    sentences = (Sentence(0, 0, text[:24], start=0, end=24), Sentence(1, 1, text[25:], start=25, end=len(text)))
    view = SourceView()

    view.show_article(Article(document, sentences, "ar"))

    waved = [s for s in view.extraSelections()
             if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]
    assert sorted(s.cursor.selectedText() for s in waved) == sorted(["الوزارة", "الوزير"])


def test_the_window_reads_a_scan_page_by_page_and_shows_its_sentences(qtbot, tmp_path, page_png):
    from talkhis.ui.main_window import MainWindow

    first = Image.open(io.BytesIO(page_png)).convert("L")
    path = tmp_path / "two-pages.tif"
    first.save(path, save_all=True, append_images=[first.crop((0, 0, first.width, first.height // 2))])
    window = MainWindow(interactive=False)
    qtbot.addWidget(window)
    pages: list[tuple[int, int]] = []
    window.progress.valueChanged.connect(lambda value: pages.append((value, window.progress.maximum())))

    with qtbot.waitSignal(window.article_shown, timeout=60_000):
        window.open_file(path)

    assert (1, 2) in pages  # "reading page 2 of 2" was shown while the second page was read
    article = window.session.article
    assert article.document.format == "image" and len(article.sentences) >= 4
    assert window.source_view.text_of(0) == article.sentences[0].text
    assert "OCR" in window.statusBar().currentMessage()


@pytest.fixture(scope="module")
def scanned_pdf(page_png, tmp_path_factory) -> Path:
    """Two scanned pages in a PDF, as a scanner makes it: images only, no text layer."""
    image = Image.open(io.BytesIO(page_png)).convert("L")
    path = tmp_path_factory.mktemp("scans") / "scanned.pdf"
    image.save(path, save_all=True, append_images=[image.crop((0, 0, image.width, image.height // 2))],
               resolution=300)
    return path


def test_a_scanned_pdf_is_read_by_ocr_page_by_page(scanned_pdf):
    document = read_document(scanned_pdf)

    assert document.format == "pdf"
    assert document.notes[0].startswith("pages 1, 2: scanned, text read by OCR, mean confidence")
    assert similarity("\n".join(PARAGRAPHS), document.text[: len("\n".join(PARAGRAPHS)) + 20]) >= 0.85
    assert document.ocr_words and document.ocr_confidence(0, len(document.text)) > 50


def test_a_mixed_pdf_reads_its_typed_pages_and_its_scanned_annex_in_order(scanned_pdf, tmp_path):
    import pypdf

    typed = REPO / "tests" / "fixtures" / "pdf" / "food-lo-docx-1col-justified.pdf"
    writer = pypdf.PdfWriter()
    writer.append(str(typed), pages=(0, 1))
    writer.append(str(scanned_pdf), pages=(1, 2))  # the scanned half page, as an annex
    path = tmp_path / "report-with-annex.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    alone = pypdf.PdfWriter()
    alone.append(str(typed), pages=(0, 1))
    with (tmp_path / "typed.pdf").open("wb") as handle:
        alone.write(handle)
    typed_text = read_document(tmp_path / "typed.pdf").text.rstrip("\n")

    document = read_document(path)

    assert document.text.startswith(typed_text)  # the typed page first, as before
    annex = document.text.index(PARAGRAPHS[0].split()[0], len(typed_text))  # then the scan's title
    assert document.notes[0].startswith("page 2: scanned, text read by OCR")
    assert document.ocr_words and min(w.start for w in document.ocr_words) >= annex - 1
    assert document.ocr_confidence(0, len(typed_text)) is None  # typed text has no OCR confidence


def test_a_scanned_pdf_without_ocr_says_how_to_turn_it_on(scanned_pdf, monkeypatch):
    monkeypatch.setattr(ocr, "_candidates", lambda: iter(()))

    with pytest.raises(ocr.OcrUnavailable) as caught:
        read_document(scanned_pdf)

    assert "scanned pages" in str(caught.value) and "talkhis ocr import ara.traineddata" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_with_ocr_off_a_mixed_pdf_reads_its_typed_pages_and_says_what_it_left(scanned_pdf, tmp_path, monkeypatch):
    import pypdf

    writer = pypdf.PdfWriter()
    writer.append(str(REPO / "tests" / "fixtures" / "pdf" / "food-lo-docx-1col-justified.pdf"), pages=(0, 1))
    writer.append(str(scanned_pdf), pages=(1, 2))
    path = tmp_path / "report-with-annex.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    monkeypatch.setattr(ocr, "_candidates", lambda: iter(()))

    document = read_document(path)

    assert document.text and not document.ocr_words
    assert any(note.startswith("page 2: scanned, not read") and "talkhis ocr import" in note
               for note in document.notes)


def test_only_the_pages_within_the_ocr_limit_are_decoded_and_the_rest_are_noted(tmp_path, page_png):
    from talkhis.core.readers.limits import reading_limits

    page = Image.open(io.BytesIO(page_png)).convert("L")
    half = page.crop((0, 0, page.width, page.height // 2))
    path = tmp_path / "fax.tif"
    half.save(path, save_all=True, append_images=[half, half])

    with reading_limits(max_ocr_pages=2):
        document = read_document(path)

    assert "from 2 pages" in document.notes[0]
    assert any(note.startswith("read the first 2 of 3 pages") for note in document.notes)
