"""Rejoin hard-wrapped text: lines broken mid-sentence become one paragraph per line again.

Talkhis reads one line as one paragraph. Text saved from e-mail, old newspapers' feeds or a
terminal is often *hard-wrapped*: every line is cut at a fixed width (about 78 characters) in
the middle of a sentence, so a sentence would become two fragments and an unpunctuated first
line would look like a title. :func:`reflow` detects that and rejoins the lines.

Detection (the whole text at once)
    The *width* is the 90th percentile of the non-blank lines' lengths. A *full* line is at least
    :data:`FULL_FRACTION` of the width long. The text is wrapped when the width is at most
    :data:`MAX_WRAP_WIDTH` characters and at least :data:`MIN_WRAPPED_LINES` full lines, and at
    least :data:`MIN_OPEN_SHARE` of the full lines, end without sentence punctuation: in text
    written one paragraph per line, long lines end their paragraph, hence with a stop, and the
    lines without one are short headings.

Joining (only in wrapped text)
    A line runs on into the next when it is full, and the next line is non-blank, not indented
    (unless nearly every line is indented, then indentation means nothing), not a list item
    (``- ``, ``• ``, ``1. ``, ``2) ``, ``(a) ``), not a heading the
    format marked, and does not look like a heading (at most :data:`HEADING_MAX_WORDS` words,
    no final punctuation, and followed by a blank line, an indented line or the end) after a
    line that ends a sentence. A short line ends its paragraph, so a short title or subheading
    stays its own paragraph; a long first line that runs on into the next is body text. Blank
    lines and indentation always break paragraphs. Joined lines meet with one space.

Text that is not wrapped is returned unchanged (the same object), so offsets in it stay valid.
"""

from __future__ import annotations

import dataclasses
import re

from talkhis.core.article import Document

__all__ = ["reflow", "reflow_document", "is_wrapped"]

#: Wrapping wider than this is not hard-wrapping (a paragraph-per-line text with long lines).
MAX_WRAP_WIDTH = 160
#: Nor is wrapping narrower than this (verse, lists, addresses: short lines written as such).
MIN_WRAP_WIDTH = 40
#: A line at least this fraction of the width long was cut by the wrapper, not by its author.
FULL_FRACTION = 0.7
#: At least this many full lines without final punctuation...
MIN_WRAPPED_LINES = 3
#: ...making at least this share of the full lines.
MIN_OPEN_SHARE = 0.4
#: A line of at most this many words with no final punctuation may be a heading.
HEADING_MAX_WORDS = 12

_STOPS = ".!?؟…"
_CLOSERS = "”\"’'»›)]}"
_ENDS_TEXT = _STOPS + ":؛;"
_SPACE = " \t\u00a0\u200f\u200e\ufeff"
# A list item starts its own paragraph: "- ", "* ", "• ", "1. ", "2) ", "(a) ", "١. " ...
_LIST_ITEM = re.compile(r"\s*(?:[-*•▪◦–]|\(?[0-9\u0660-\u0669]{1,3}[.)]|\([a-zA-Z\u0621-\u064a]\))\s")


def _body(line: str) -> str:
    return line.strip().strip("\u200f\u200e\ufeff").rstrip(_CLOSERS)


def _ends_sentence(line: str) -> bool:
    body = _body(line)
    return bool(body) and body[-1] in _ENDS_TEXT


def _width(lengths: list[int]) -> int:
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def is_wrapped(text: str) -> bool:
    """Whether ``text`` (lines separated by ``\\n``) is hard-wrapped, by the rule above."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_WRAPPED_LINES + 1:
        return False
    width = _width([len(line) for line in lines])
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return False
    full = [line for line in lines if len(line) >= FULL_FRACTION * width]
    open_full = sum(1 for line in full if not _ends_sentence(line))
    return open_full >= MIN_WRAPPED_LINES and open_full >= MIN_OPEN_SHARE * len(full)


def _reflow_lines(lines: list[str], marked: frozenset[int]) -> tuple[list[str], list[int]]:
    """The joined lines, and for each non-blank input paragraph the output paragraph it went to."""
    present = [line.rstrip() for line in lines if line.strip()]
    width = _width([len(line) for line in present])
    indented = [line[:1] in _SPACE for line in present]
    indentation_counts = sum(indented) < 0.8 * len(present)

    def starts_paragraph(line: str) -> bool:
        return (indentation_counts and line[:1] in _SPACE) or bool(_LIST_ITEM.match(line))

    def heading_like(k: int) -> bool:
        line = lines[k]
        if _ends_sentence(line) or len(line.split()) > HEADING_MAX_WORDS:
            return False
        following = lines[k + 1] if k + 1 < len(lines) else ""
        return not following.strip() or starts_paragraph(following)

    out: list[list[str]] = []  # the pieces of each output line (joined once: linear time)
    paragraph_of: list[int] = []  # output paragraph (non-blank) index per non-blank input line
    joining = False  # the last output line runs on into the next input line
    source_paragraph = -1
    output_paragraph = -1
    for k, line in enumerate(lines):
        if not line.strip():
            out.append([line])
            joining = False
            continue
        source_paragraph += 1
        is_marked = source_paragraph in marked
        if joining and not is_marked and not starts_paragraph(line) and not (
            _ends_sentence(out[-1][-1]) and heading_like(k)
        ):
            out[-1][-1] = out[-1][-1].rstrip()
            out[-1].append(line.strip())
        else:
            out.append([line])
            output_paragraph += 1
        paragraph_of.append(output_paragraph)
        joining = not is_marked and len(line.rstrip()) >= FULL_FRACTION * width
    return [" ".join(pieces) for pieces in out], paragraph_of


def reflow(text: str) -> str:
    """``text`` with hard-wrapped lines rejoined into paragraphs; unchanged if it is not wrapped."""
    if not is_wrapped(text):
        return text
    return "\n".join(_reflow_lines(text.split("\n"), frozenset())[0])


def reflow_document(document: Document) -> Document:
    """``document`` with its text reflowed and its marked headings renumbered to match.

    The same object when the text is not wrapped. Paragraphs the format marked as headings are
    never joined to a neighbour.
    """
    if not is_wrapped(document.text):
        return document
    lines, paragraph_of = _reflow_lines(document.text.split("\n"), document.headings)
    headings = frozenset(paragraph_of[i] for i in document.headings if i < len(paragraph_of))
    return dataclasses.replace(document, text="\n".join(lines), headings=headings)
