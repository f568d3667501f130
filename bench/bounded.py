"""Bounded work (issue 12): every file within the size limit ends in ≤ 60 s and ≤ 1 GB peak,
with a result (cut, with a note, if it must be) or a one-line error.

Builds its own worst cases (a 15 MB Arabic "book" of distinct sentences, a 460 KB English page
without a line break, a 3 MB English book, an 800-page Word document), adds any files or folders given on the command
line, and runs ``talkhis summarize FILE --format json`` on each in a fresh process, measuring
wall time and the child's peak resident memory (``wait4``). Linux/macOS only.

    python bench/bounded.py [--model NAME|PATH] [FILE|FOLDER ...]

Prints one line per file and exits 1 when any file breaks a bound.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECONDS, BYTES = 60, 1024**3
WORDS_AR = ("وزارة المياه تطلق خطة جديدة قال الوزير إن الخطة ستبدأ غدا في مدينة وأضاف أن الخبراء رحبوا "
            "بها تشمل إصلاح الشبكات القديمة وتركيب عدادات ذكية في المنازل الحكومة البرلمان الاقتصاد").split()
WORDS_EN = ("the minister said on tuesday that plan which experts called bold would start in twelve cities "
            "water networks meters homes government parliament economy because rains failed").split()


def _sentences(words, count, rng, length=(8, 30)):
    for _ in range(count):
        yield " ".join(rng.choice(words) for _ in range(rng.randint(*length))).capitalize() + "."


def build(folder: Path) -> list[Path]:
    rng = random.Random(12)
    made = []
    book = folder / "arabic-book-15mb.txt"
    with book.open("w", encoding="utf-8") as out:
        while out.tell() < 15 * 1024 * 1024:
            out.write(" ".join(_sentences(WORDS_AR, 4, rng)) + "\n")
    made.append(book)
    page = folder / "english-unbroken-460kb.txt"
    text = " ".join(_sentences(WORDS_EN, 6000, rng))
    page.write_text(text[:460_000], encoding="utf-8")
    made.append(page)
    english = folder / "english-book-3mb.txt"
    with english.open("w", encoding="utf-8") as out:
        while out.tell() < 3 * 1024 * 1024:
            out.write(" ".join(_sentences(WORDS_EN, 5, rng)) + "\n\n")
    made.append(english)
    try:
        from docx import Document
    except ImportError:
        return made
    word = folder / "arabic-800-pages.docx"
    document = Document()
    for _ in range(8000):
        document.add_paragraph(" ".join(_sentences(WORDS_AR, 4, rng)))
    document.save(str(word))
    made.append(word)
    return made


def measure(file: Path, model: str | None) -> tuple[float, int, int]:
    argv = [sys.executable, "-m", "talkhis", "summarize", str(file), "--format", "json"]
    if model:
        argv += ["--model", model]
    start = time.monotonic()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = start + SECONDS * 3
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:  # far past the bound: stop it, it has failed anyway
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
    finally:
        child.returncode = 0  # reaped here; keep Popen from waiting again
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return time.monotonic() - start, peak, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--model")
    args = parser.parse_args()
    files = [f for p in args.paths for f in (sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p])]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="talkhis-bounded-") as folder:
        os.environ.setdefault("TALKHIS_HOME", str(Path(folder) / "home"))
        for file in build(Path(folder)) + files:
            seconds, peak, code = measure(file, args.model)
            ok = seconds <= SECONDS and peak <= BYTES and code in (0, 2, 3, 4)
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {seconds:6.1f} s {peak / 1024**2:7.0f} MB exit {code:3d}  "
                  f"{file.name} ({file.stat().st_size / 1024**2:.1f} MB)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
