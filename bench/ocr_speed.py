"""Seconds per page for OCR (issue 15): the sample's first three paragraphs drawn at 300 dpi on an A4-width
page (about a third of a page of text),
read clean and as a phone photo, and how much of the time the preparation (straightening) takes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ocr_speed.py [--runs 3]

Needs Tesseract's Arabic model (apt-get install tesseract-ocr-ara) and an Arabic font
(fonts-hosny-amiri). Medians of --runs; the machine's load moves these figures, so compare
them within one run only.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "desktop"))

from PIL import Image  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from talkhis.core import ocr  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if ocr.find_tessdata("ara") is None:
        print("OCR is off here: " + ocr.ENABLE_HINT)
        return 1
    import test_ocr  # the tests' page drawing and photo degradation, so bench and tests measure alike

    app = QApplication.instance() or QApplication([])
    png = test_ocr.page_png.__wrapped__(app)
    pages = {"clean scan": png, "phone photo": test_ocr.phone_photo(png)}
    print(f"{ocr.status()}\n")
    print("| page | seconds per page (median) | of which preparing | similarity to the text |")
    print("|---|---|---|---|")
    for name, data in pages.items():
        totals, prep = [], []
        for _ in range(args.runs):
            image = Image.open(io.BytesIO(data))
            start = time.perf_counter()
            ocr.prepare(image)
            prep.append(time.perf_counter() - start)
            start = time.perf_counter()
            page = ocr.recognise(Image.open(io.BytesIO(data)))
            totals.append(time.perf_counter() - start)
        score = test_ocr.similarity("\n".join(test_ocr.PARAGRAPHS), page.text)
        print(f"| {name} | {statistics.median(totals):.2f} | {statistics.median(prep):.2f} | {score:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
