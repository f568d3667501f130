"""How the Arabic segmenter's time grows with the text: 0.25, 0.5 and 1 MB, as ratios.

    python bench/segment_speed.py            # about half a minute on a 2-core laptop
    python bench/segment_speed.py --repeat 1 # one timing per size instead of the best of three

The text is the hand-made news gold (``tests/data/segment-gold.txt``, its unit marks removed) and
our sample article, repeated up to each size (UTF-8 bytes), in two shapes: as articles (one line
per paragraph) and as one single paragraph (every line joined), where a look-back that is not
bounded would show. Linear means each doubling of the text about doubles the time: the ratios
printed should sit near 2.0 (a quadratic step would give about 4). No figure is asserted here;
the unit tests check the same property without a clock (executed lines).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "desktop"))

from talkhis.core.article import Document  # noqa: E402
from talkhis.core.segment import segment  # noqa: E402

GOLD = REPO / "tests" / "data" / "segment-gold.txt"
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
SIZES_MB = (0.25, 0.5, 1.0)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def news_text() -> str:
    """The gold's documents as plain text (heading marks, unit marks and escapes resolved)."""
    lines = []
    for line in GOLD.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#") or line.startswith("=== "):
            continue
        line = line[2:] if line.startswith("@ ") else line
        lines.append(_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), line).replace("¦", ""))
    return "\n".join(lines) + "\n" + SAMPLE.read_text(encoding="utf-8")


def copies_for(base: str, megabytes: float) -> int:
    """How many copies of ``base`` make about ``megabytes`` of UTF-8."""
    return max(1, round(megabytes * 1_000_000 / len(base.encode("utf-8"))))


def best_time(text: str, repeat: int) -> tuple[float, int]:
    document = Document(path="bench.txt", text=text, encoding="utf-8", format="txt")
    best, units = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        units = len(segment(document, "ar").sentences)
        best = min(best, time.perf_counter() - started)
    return best, units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timings per size; the best is kept")
    args = parser.parse_args()

    articles = news_text()
    shapes = {"articles": articles, "one paragraph": articles.replace("\n", " ")}
    print(f"{'shape':<14} {'MB':>5} {'units':>7} {'seconds':>8} {'MB/s':>6} {'x previous':>10}")
    worst = 0.0
    for shape, base in shapes.items():
        previous = None
        smallest = copies_for(base, SIZES_MB[0])
        for megabytes in SIZES_MB:  # exact doublings of the smallest text, so ratios compare like with like
            text = base * (smallest * round(megabytes / SIZES_MB[0]))
            size = len(text.encode("utf-8")) / 1_000_000
            seconds, units = best_time(text, args.repeat)
            ratio = f"{seconds / previous:.2f}" if previous else "-"
            if previous:
                worst = max(worst, seconds / previous)
            print(f"{shape:<14} {size:>5.2f} {units:>7} {seconds:>8.3f} {size / seconds:>6.2f} {ratio:>10}")
            previous = seconds
    print(f"largest time ratio for a doubling of the text: {worst:.2f} (linear: about 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
