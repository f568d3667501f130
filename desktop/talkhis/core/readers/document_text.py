"""The one way readers turn their paragraphs into ``Document.text`` and ``Document.headings``.

One paragraph per line, and heading indices that count only the lines segmentation counts:
a paragraph with nothing visible in it (spaces, a lone right-to-left mark, a soft hyphen) is
left out here, and the heading indices are renumbered, so index *n* is always the *n*-th line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence


def is_blank(text: str) -> bool:
    """Nothing visible: only whitespace and format characters (bidi marks, zero-width...)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def join_paragraphs(paragraphs: Sequence[str], headings: Iterable[int] = ()) -> tuple[str, frozenset[int]]:
    """``(text, headings)``: each paragraph on its own line (inner line breaks become spaces)."""
    marked = set(headings)
    lines: list[str] = []
    kept: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        line = " ".join(paragraph.replace("\r", "\n").split("\n")).strip()
        if is_blank(line):
            continue
        if index in marked:
            kept.add(len(lines))
        lines.append(line)
    return ("\n".join(lines) + "\n" if lines else ""), frozenset(kept)
