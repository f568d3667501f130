"""From glyph positions to paragraphs: lines, columns, words, reading order, headings, furniture.

Input is :class:`~.pdf_glyphs.GlyphPage` (every glyph with its pen position, advance box, size
and weight); output is paragraphs in reading order and which of them are headings.

Per page
    1. *Lines*: glyphs grouped by baseline.
    2. *Columns*: a vertical strip that (almost) no line crosses, with text on both sides, is a
       gutter; lines that cross it (a title over both columns, a running header) stay whole and
       the lines between them are read column by column, the right one first when the page is
       mostly Arabic.
    3. *Words and order*: a line's glyphs sorted by position give its visual order; a gap wider
       than :data:`SPACE_GAP` of the font size is a space; glyphs at one pen position (a
       ligature's letters, a letter and its marks) form one unit; :func:`~.pdf_bidi.to_logical`
       turns the line into reading order.

For the document
    4. *Furniture*: the top and bottom lines of pages that repeat (digits aside) on most pages,
       and page numbers, are dropped, unless that would leave no text at all.
    5. *Paragraphs*: a line starts a new paragraph after a vertical gap larger than the usual
       line spacing, at a change of font size or weight, when it is indented, or when the line
       before ended short: its free space at the end side could have held this line's first word
       (this works for justified and ragged text alike). Paragraphs continue across columns and
       pages.
    6. *Headings*: a short paragraph set larger than the body text, or bold when the body is not.
"""

from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

from talkhis.core.readers.pdf_bidi import is_rtl, to_logical, unit_class
from talkhis.core.readers.pdf_glyphs import Glyph, GlyphPage
from talkhis.core.readers.visual_order import unshape

SPACE_GAP = 0.2  # of the font size: a wider gap is a word space (measured: letters <= 0.19, spaces >= 0.24)
HEADING_MAX_WORDS = 25
MAX_GLYPHS_FOR_LAYOUT = 20_000  # a page with more (no article has) is read without column detection

_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|صفحة|الصفحة|ص)?\s*[0-9\u0660-\u0669\u06f0-\u06f9]+"
    r"(?:\s*(?:/|of|من)\s*[0-9\u0660-\u0669\u06f0-\u06f9]+)?[\W_]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+")
_SPACES = re.compile(r"\s+")
# A percent sign before its number ("%30", as some producers draw it) goes after it in reading order.
_PERCENT_FIRST = re.compile("(^|\\s)([%\u066a])([0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b][0-9\u0660-\u0669\u06f0-\u06f9]+)?)(?![0-9%\u066a])")
_FINAL = tuple(".!?؟…:\"'»”)]")


@dataclass
class Line:
    text: str  # reading order
    left: float
    right: float
    y: float  # baseline
    size: float
    bold: bool
    rtl: bool
    first_word: float  # width of the word this line starts with (reading order)
    page: int
    column: int  # 0 for a full-width line, else 1, 2... in reading order
    drawn: str = ""  # the characters in the order drawn, left to right (see pdf.py)
    top: bool = False  # among the first two lines of its page
    bottom: bool = False  # among the last two


# ------------------------------------------------------------------------------------ lines


def _baselines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into printed lines by baseline, top of the page first."""
    ordered = sorted(glyphs, key=lambda g: (-g.y, g.x))
    lines: list[list[Glyph]] = []
    current: list[Glyph] = []
    baseline, size = 0.0, 1.0
    for glyph in ordered:
        if current and abs(glyph.y - baseline) <= 0.35 * max(glyph.size, size):
            current.append(glyph)
            if not glyph.text.isspace():
                size = max(size, glyph.size)
            continue
        if current:
            lines.append(current)
        current, baseline, size = [glyph], glyph.y, (1.0 if glyph.text.isspace() else glyph.size)
    if current:
        lines.append(current)
    return lines


def _gutter(lines: list[list[Glyph]]) -> tuple[float, float] | None:
    """The x-range of the blank strip between two columns, if the page has two."""
    if len(lines) < 6 or sum(len(line) for line in lines) > MAX_GLYPHS_FOR_LAYOUT:
        return None
    boxes = [(min(g.left for g in line), max(g.right for g in line)) for line in lines]
    left = min(b[0] for b in boxes)
    right = max(b[1] for b in boxes)
    width = right - left
    if width <= 0:
        return None
    bins = 200
    step = width / bins
    cover = [0] * bins
    for line in lines:
        seen = set()
        for g in line:
            if g.text.isspace():
                continue
            a = int((g.left - left) / step)
            b = int((g.right - left) / step)
            for k in range(max(a, 0), min(b, bins - 1) + 1):
                seen.add(k)
        for k in seen:
            cover[k] += 1
    allowed = max(1, len(lines) // 20)
    best = None
    k = int(bins * 0.25)
    while k < int(bins * 0.75):
        if cover[k] <= allowed:
            j = k
            while j < bins and cover[j] <= allowed:
                j += 1
            if best is None or j - k > best[1] - best[0]:
                best = (k, j)
            k = j
        else:
            k += 1
    if best is None or (best[1] - best[0]) * step < 3.0:
        return None
    a, b = left + best[0] * step, left + best[1] * step
    sides = [0, 0]
    for line in lines:
        xs = [g.x for g in line if not g.text.isspace()]
        if xs and max(g.right for g in line) <= a + step:
            sides[0] += 1
        elif xs and min(g.left for g in line) >= b - step:
            sides[1] += 1
    tolerance = step
    both = sum(
        1 for line in lines
        if any(g.right <= a + tolerance for g in line) and any(g.left >= b - tolerance for g in line)
    )
    if (sides[0] + both) < 3 or (sides[1] + both) < 3:
        return None
    return a, b


def _drawn(glyphs: list[Glyph], size: float, backwards: bool) -> str:
    """The characters as drawn from left to right, each glyph where it is, marks included.

    The reading order of a producer that stores a right-to-left line in reading order and
    draws it left to right (unjoined letters: the page itself reads backwards).
    """
    ordered = sorted(glyphs, key=lambda g: (round(g.x, 2), not _is_mark(g.text), -g.index if backwards else g.index))
    out: list[str] = []
    right = None
    for g in ordered:
        if right is not None and not _is_mark(g.text) and g.left - right > SPACE_GAP * size:
            out.append(" ")
        out.append(g.text)
        if not _is_mark(g.text):
            right = g.right if right is None else max(right, g.right)
    return "".join(out)


def _units(glyphs: list[Glyph]) -> tuple[list[str], list[tuple[float, float]], float]:
    """A line's glyphs as units left to right (spaces included), with their boxes."""
    # A space without width is no evidence (LibreOffice writes one before some marks); word
    # spaces come from the gaps between glyphs.
    glyphs = [g for g in glyphs if not (g.text.isspace() and g.right - g.left < 0.05 * g.size)]
    marks = [g for g in glyphs if _is_mark(g.text)]
    ordered = sorted((g for g in glyphs if not _is_mark(g.text)), key=lambda g: (round(g.x, 2), g.index))
    carried: dict[int, list[str]] = {}  # a mark drawn as a glyph of its own goes with the letter under it
    letters = [g for g in ordered if any(ch.isalpha() for ch in g.text)]
    if len(marks) * len(letters) > MAX_GLYPHS_FOR_LAYOUT * 50:
        ordered.extend(marks)  # a hostile line: marks stay where they are drawn
        marks = []
    for mark in marks:
        if not letters:
            break
        centre = (mark.left + mark.right) / 2
        under = [g for g in letters if g.left - 0.5 <= centre <= g.right + 0.5]
        same_origin = [g for g in under if abs(g.x - mark.x) <= 0.01]
        if same_origin:  # drawn at its letter's pen position
            base = min(same_origin, key=lambda g: abs(g.index - mark.index))
        elif under:  # of the letters under it, the one next to it in the content stream
            base = min(under, key=lambda g: (abs(g.index - mark.index), g.index > mark.index))
        else:
            base = min(letters, key=lambda g: (abs((g.left + g.right) / 2 - centre), abs(g.index - mark.index)))
        carried.setdefault(id(base), []).append(mark.text)
    ordered.sort(key=lambda g: (round(g.x, 2), g.index))
    units: list[str] = []
    boxes: list[tuple[float, float]] = []
    sizes = [g.size for g in ordered if not g.text.isspace()] or [1.0]
    size = statistics.median(sizes)
    # Does PDFium list this line's glyphs right to left (it turns right-to-left runs round)?
    # Then the letters of one glyph (a ligature) are listed in reverse too.
    steps = [b.index - a.index for a, b in zip(ordered, ordered[1:]) if abs(b.x - a.x) > 0.01]
    listed_backwards = sum(1 for s in steps if s < 0) > sum(1 for s in steps if s > 0)
    i = 0
    while i < len(ordered):
        j = i + 1
        while j < len(ordered) and abs(ordered[j].x - ordered[i].x) <= 0.01 and not ordered[j].text.isspace():
            j += 1
        group = ordered[i:j]
        group.sort(key=lambda g: g.index, reverse=listed_backwards)
        text = _cluster_text(group) + "".join(m for g in group for m in carried.get(id(g), ()))
        left = min(g.left for g in group)
        right = max(g.right for g in group)
        if units and not text.isspace() and not units[-1].isspace():
            gap = left - boxes[-1][1]
            if gap > SPACE_GAP * max(size, 1.0):
                units.append(" ")
                boxes.append((boxes[-1][1], left))
        units.append(text)
        boxes.append((left, right))
        i = j
    return units, boxes, size


def _cluster_text(group: list[Glyph]) -> str:
    """One unit's characters in reading order: base letters first, combining marks after."""
    if len(group) == 1:
        return group[0].text
    bases = [g.text for g in group if not _is_mark(g.text)]
    marks = [g.text for g in group if _is_mark(g.text)]
    if len(bases) == 2 and bases[1] == "ل" and bases[0] != "ل":  # lam-alef, lam-yeh...: lam comes first
        bases.reverse()
    return "".join(bases) + "".join(marks)


@functools.lru_cache(maxsize=4096)
def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" for ch in text)


def _make_line(glyphs: list[Glyph], page: int, column: int) -> Line | None:
    units, boxes, size = _units(glyphs)
    if not units:
        return None
    ink = [g for g in glyphs if not (g.text.isspace() and g.right - g.left < 0.05 * g.size)]
    steps = [b.index - a.index for a, b in zip(sorted(ink, key=lambda g: g.x), sorted(ink, key=lambda g: g.x)[1:])]
    drawn = _SPACES.sub(" ", unshape(_drawn(ink, size, sum(s < 0 for s in steps) > sum(s > 0 for s in steps)))).strip()
    classes = [unit_class(u) for u in units]
    rtl = is_rtl(classes)
    text = to_logical(units, rtl)
    text = _PERCENT_FIRST.sub(r"\1\3\2", text)
    text = _SPACES.sub(" ", unshape(text)).strip()
    if not text:
        return None
    ink = [box for unit, box in zip(units, boxes) if not unit.isspace()]
    left = min(b[0] for b in ink)
    right = max(b[1] for b in ink)
    # The first word in reading order is at the right end of a right-to-left line.
    words: list[tuple[float, float]] = []
    for unit, box in zip(units, boxes):
        if unit.isspace():
            words.append(None)  # type: ignore[arg-type]
        elif words and words[-1] is not None:
            words[-1] = (words[-1][0], box[1])
        else:
            words.append(box)
    spans = [w for w in words if w is not None]
    first = spans[-1] if rtl else spans[0]
    bold_chars = sum(1 for g in glyphs if g.bold and not g.text.isspace())
    ink_chars = sum(1 for g in glyphs if not g.text.isspace()) or 1
    return Line(text, left, right, statistics.median(g.y for g in glyphs), size, bold_chars * 2 > ink_chars,
                rtl, first[1] - first[0], page, column, drawn=drawn)


def page_lines(page: GlyphPage) -> list[Line]:
    """The page's lines in reading order."""
    if page.plain is not None:
        return [
            Line(_SPACES.sub(" ", unshape(text)).strip(), 0.0, 0.0, 0.0, 0.0, False, False, 0.0, page.number, 0)
            for text in page.plain.replace("\r", "").split("\n") if text.strip()
        ]
    rows = _baselines(page.glyphs)
    gutter = _gutter(rows)
    rtl_page = is_rtl([unit_class(g.text) for g in page.glyphs])
    out: list[Line] = []
    pending: list[tuple[list[Glyph], list[Glyph]]] = []  # rows split at the gutter: (left, right)

    def flush() -> None:
        sides = ([1, 0] if rtl_page else [0, 1])
        for position, side in enumerate(sides):
            for row in pending:
                if row[side]:
                    line = _make_line(row[side], page.number, position + 1)
                    if line is not None:
                        out.append(line)
        pending.clear()

    for row in rows:
        if gutter is not None:
            a, b = gutter
            quarter = (b - a) / 4  # a full stop may hang into the gutter; a crossing line fills it
            crossing = any(a + quarter < (g.left + g.right) / 2 < b - quarter and not g.text.isspace() for g in row)
            if not crossing:
                middle = (a + b) / 2
                pending.append(([g for g in row if g.x < middle], [g for g in row if g.x >= middle]))
                continue
            flush()
        line = _make_line(row, page.number, 0)
        if line is not None:
            out.append(line)
    flush()
    if out:
        out[0].top = True
        out[-1].bottom = True
        by_height = sorted(out, key=lambda line: -line.y)
        for line in by_height[:2]:
            line.top = True
        for line in by_height[-2:]:
            line.bottom = True
    return out


# -------------------------------------------------------------------------------- furniture


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers (see the module doc)."""
    counted = [p for p in pages if p]
    keys: Counter[tuple[str, int]] = Counter()
    for lines in counted:
        keys.update({_furniture_key(line) for line in lines if line.top or line.bottom})
    needed = max(2, round(0.6 * len(counted)))

    def furniture(line: Line) -> bool:
        if not (line.top or line.bottom):
            return False
        if _PAGE_NUMBER.match(line.text):
            return True
        return len(counted) >= 2 and keys[_furniture_key(line)] >= needed and len(line.text) < 200

    kept = [[line for line in lines if not furniture(line)] for lines in pages]
    if any(kept):
        return kept
    # Only furniture: it is the content (a one-line document that repeats on every page). Once.
    for lines in pages:
        if lines:
            return [lines if index == pages.index(lines) else [] for index in range(len(pages))]
    return kept


def _furniture_key(line: Line) -> tuple[str, int]:
    """A running header is the same text at the same height on every page (digits aside), so the
    article's title under a header that repeats it is not one."""
    return _DIGITS.sub("#", line.text), round(line.y / 3)


# ------------------------------------------------------------------------------- paragraphs


def paragraphs(lines: list[Line]) -> tuple[list[str], set[int]]:
    """``(paragraphs, heading indices)`` from the document's lines in reading order."""
    if not lines:
        return [], set()
    body_size = _body_size(lines)
    body_bold = sum(len(line.text) for line in lines if line.bold) > sum(len(line.text) for line in lines) / 2
    edges = _edges(lines)
    spacing = _spacing(lines)
    groups: list[list[Line]] = []
    previous: Line | None = None
    local = _local_edges(lines)
    for index, line in enumerate(lines):
        if previous is None or _breaks(previous, line, local[index - 1], edges, spacing):
            groups.append([line])
        else:
            groups[-1].append(line)
        previous = line
    texts: list[str] = []
    headings: set[int] = set()
    for group in groups:
        parts = [group[0].text]
        for line in group[1:]:
            _append(parts, line.text)
        text = _repair_quotes(_repair_brackets(" ".join(parts)))
        size = max(line.size for line in group)
        bold = all(line.bold for line in group)
        words = len(text.split())
        if words <= HEADING_MAX_WORDS and (size >= 1.12 * body_size or (bold and not body_bold)):
            if not text.rstrip(" \"'»”)").endswith((".", "،", ",", ":")):
                headings.add(len(texts))
        texts.append(text)
    return texts, headings


def _body_size(lines: list[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _edges(lines: list[Line]) -> dict[tuple[int, int], tuple[float, float]]:
    """The left and right edge of the text block of each (page, column)."""
    blocks: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        blocks.setdefault((line.page, line.column), []).append(line)
    edges = {}
    for key, block in blocks.items():
        edges[key] = (min(line.left for line in block), max(line.right for line in block))
    return edges


def _spacing(lines: list[Line]) -> dict[float | None, float]:
    """The usual distance between baselines inside a paragraph, in font sizes, per font size.

    The tighter spacing seen (a low quartile), which is the one inside paragraphs; headings are
    often set with more leading than the body, so each size has its own. ``None``: all sizes.
    """
    ratios: dict[float | None, list[float]] = {None: []}
    for a, b in zip(lines, lines[1:]):
        if (a.page, a.column) == (b.page, b.column) and a.y > b.y and abs(a.size - b.size) < 0.5:
            ratio = (a.y - b.y) / max(a.size, 1.0)
            ratios.setdefault(round(a.size), []).append(ratio)
            ratios[None].append(ratio)
    return {key: sorted(values)[len(values) // 4] for key, values in ratios.items() if values}


def _local_edges(lines: list[Line], reach: int = 2) -> list[tuple[float, float]]:
    """The edges of the text around each line: two lines either side in its column.

    Text that flows round a picture is narrower there than the column; a line is short only
    against the lines around it.
    """
    out = []
    for index, line in enumerate(lines):
        near = [
            other for other in lines[max(0, index - reach): index + reach + 1]
            if (other.page, other.column) == (line.page, line.column) and abs(other.size - line.size) < 0.6
        ]
        out.append((min(o.left for o in near), max(o.right for o in near)))
    return out


def _breaks(previous: Line, line: Line, around: tuple[float, float], edges, spacing) -> bool:
    """Does ``line`` start a new paragraph after ``previous``? ``around``: the edges near ``previous``."""
    if previous.size == 0.0 or line.size == 0.0:  # rotated page: PDFium's lines, one paragraph each
        return True
    if abs(previous.size - line.size) > 0.6 or previous.bold != line.bold:
        return True
    same_block = (previous.page, previous.column) == (line.page, line.column)
    if same_block:
        usual = spacing.get(round(line.size), spacing.get(None, 0.0)) * max(line.size, 1.0)
        distance = previous.y - line.y
        if usual and (distance > 1.3 * usual or distance < 0):
            return True
    left, right = around
    size = max(previous.size, 1.0)
    free = (previous.left - left) if previous.rtl else (right - previous.right)
    if free > line.first_word + 0.6 * size:  # the line before could have held this line's first word
        # A producer that measures words differently from how it draws them leaves some room at
        # every line end; only a sentence's end, or a line well short, ends a paragraph there.
        if previous.text.endswith(_FINAL) or free > 0.4 * (right - left):
            return True
    if same_block:
        l_left, l_right = edges[(line.page, line.column)]
        indent = (l_right - line.right) if line.rtl else (line.left - l_left)
        before = (l_right - previous.right) if previous.rtl else (previous.left - l_left)
        if indent > 1.0 * size and before < 0.5 * size:  # the line before reached the start edge
            return True
    return False


_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»"}
_CLOSING = {v: k for k, v in _PAIRS.items()}


def _repair_brackets(text: str) -> str:
    """Brackets the right way round across a whole paragraph.

    A bracket's orientation in a PDF depends on the producer (the glyph drawn or the character
    typed) and on how a line broke, so a line alone cannot always tell. In reading order an
    unmatched closing bracket opens, and of two unmatched opening ones the second closes.
    """
    if not any(ch in _PAIRS or ch in _CLOSING for ch in text):
        return text
    chars = list(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _PAIRS:
            stack.append(i)
        elif ch in _CLOSING:
            if stack and chars[stack[-1]] == _CLOSING[ch]:
                stack.pop()
            else:
                chars[i] = _CLOSING[ch]
                stack.append(i)
    for first, second in zip(stack[0::2], stack[1::2]):
        if chars[first] == chars[second] and chars[first] in _PAIRS:
            chars[second] = _PAIRS[chars[first]]
    return "".join(chars)


def _repair_quotes(text: str) -> str:
    """Curly double quotes in reading order: ``“`` opens and ``”`` closes, in Arabic as in English.

    PDFium mirrors them in what it takes for right-to-left runs although Unicode does not, so
    one quote of a pair can come out the wrong way round. With an even number of them in the
    paragraph, they are set to alternate.
    """
    quotes = [i for i, ch in enumerate(text) if ch in "“”"]
    if not quotes or len(quotes) % 2:
        return text
    chars = list(text)
    for n, i in enumerate(quotes):
        chars[i] = "“" if n % 2 == 0 else "”"
    return "".join(chars)


def _append(parts: list[str], text: str) -> None:
    last = parts[-1]
    if (len(last) == 1 or last[-2:-1].isspace()) and last.endswith(tuple(_PAIRS) + tuple(_CLOSING)):
        parts[-1] = last + text  # a line broken just inside a bracket: "(" alone at its end
        return
    if last.endswith("-") and len(last) > 1 and last[-2].isalpha() and text[:1].islower():
        parts[-1] = last[:-1] + text  # hyphenated word: re-joined without the hyphen
    elif last.endswith("\u00ad"):
        parts[-1] = last[:-1] + text
    else:
        parts.append(text)
