"""A printed line, read left to right off the page, back into reading (logical) order.

A PDF draws glyphs where they appear; the text layer gives each glyph its characters and its
position. Sorting a line's glyphs by position gives its *visual* order, the order the Unicode
bidirectional algorithm (UAX #9) produced for display. For the lines of news text, display
reordering is its own inverse: reversing, level by level, the runs of the visual order with the
levels the same rules give there restores the logical order. So :func:`to_logical` resolves
levels over the visual sequence with a subset of UAX #9 and applies rule L2 to it:

* strong types: Arabic letters (R, AL) and Latin letters (L); the paragraph is right-to-left
  when it holds at least as many right-to-left letters as left-to-right ones;
* numbers: after Arabic letters a number is an Arabic number (W2), which a single common
  separator joins (W4: ``4.5``, ``12/03``) but a percent sign does not (so ``23%`` is drawn
  ``%23``); a European number also takes ``+ -`` between digits and terminators next to it
  (W5); in a left-to-right paragraph a number after Latin text is Latin (W7);
* neutrals (spaces, punctuation, brackets, quotes) take the direction of the strong types on
  both sides when they agree, numbers counting as right-to-left, and the paragraph's otherwise
  (N1, N2);
* levels (I1, I2), then L2: from the highest level down, every run at that level or above is
  reversed;
* mirroring (L4): a PDF stores the glyph drawn, so a bracket at a right-to-left level was drawn
  as its mirror image (``(`` shows ``)``); it is turned back to the character typed.

Each *unit* is one glyph: a ligature glyph (``لا``) or a letter with its marks is one unit whose
characters are already in reading order, so it moves as a whole and is never split apart.
Explicit embeddings, isolates and bracket pairs (N0) are not modelled: printed news lines do
not need them, and the mirroring fix-up below catches the rare bracket left the wrong way round.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from talkhis.core.readers.visual_order import brackets_balanced

_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«",
           "‹": "›", "›": "‹", "﴾": "﴿", "﴿": "﴾"}
_OPENERS, _CLOSERS = "([{<«﴾", ")]}>»﴿"

# Simplified classes: "L", "R", "EN"/"AN" (numbers), "ES"/"CS" (separators), "ET" (terminator), "O" (neutral).
_CLASS = {"L": "L", "R": "R", "AL": "R", "EN": "EN", "AN": "AN", "ES": "ES", "CS": "CS", "ET": "ET"}


def unit_class(unit: str) -> str:
    """The class of a unit: that of its first character that is not a combining mark."""
    for ch in unit:
        kind = unicodedata.bidirectional(ch)
        if kind == "NSM" or kind in ("BN", ""):
            continue
        return _CLASS.get(kind, "O")
    return "M" if unit else "O"  # marks alone follow the unit before them


def is_rtl(classes: Sequence[str]) -> bool:
    rtl = sum(1 for c in classes if c == "R")
    ltr = sum(1 for c in classes if c == "L")
    return rtl > 0 and rtl >= ltr


def levels(classes: Sequence[str], rtl: bool) -> list[int]:
    kinds = list(classes)
    n = len(kinds)
    for i in range(n):  # W1: a lone mark takes its neighbour's type
        if kinds[i] == "M":
            kinds[i] = kinds[i - 1] if i else "O"
    _arabic_numbers(kinds, rtl)
    for i in range(1, n - 1):  # W4: one separator between two numbers of a kind joins them
        if kinds[i - 1] == kinds[i + 1] and (
            (kinds[i] == "CS" and kinds[i - 1] in ("EN", "AN")) or (kinds[i] == "ES" and kinds[i - 1] == "EN")
        ):
            kinds[i] = kinds[i - 1]
    i = 0
    while i < n:  # W5: terminators next to a European number join it (not an Arabic one: ``%23``)
        if kinds[i] == "ET":
            j = i
            while j < n and kinds[j] == "ET":
                j += 1
            if (i > 0 and kinds[i - 1] == "EN") or (j < n and kinds[j] == "EN"):
                kinds[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    kinds = ["O" if k in ("ES", "CS", "ET") else k for k in kinds]  # W6
    if not rtl:  # W7: a number after Latin text (or at the start) in a left-to-right line is Latin
        strong = "L"
        for i, kind in enumerate(kinds):
            if kind in ("L", "R"):
                strong = kind
            elif kind == "EN" and strong == "L":
                kinds[i] = "L"
    base = "R" if rtl else "L"
    i = 0
    while i < n:  # N1, N2: neutrals between two strong types of one direction take it
        if kinds[i] == "O":
            j = i
            while j < n and kinds[j] == "O":
                j += 1
            before = base if i == 0 else ("R" if kinds[i - 1] in ("EN", "AN") else kinds[i - 1])
            after = base if j == n else ("R" if kinds[j] in ("EN", "AN") else kinds[j])
            kinds[i:j] = [before if before == after else base] * (j - i)
            i = j
        else:
            i += 1
    if rtl:  # I2
        return [1 if k == "R" else 2 for k in kinds]
    return [0 if k == "L" else 1 if k == "R" else 2 for k in kinds]  # I1


def _arabic_numbers(kinds: list[str], rtl: bool) -> None:
    """W2: a number that follows Arabic letters in reading order is an Arabic number (AN).

    In a right-to-left line, what precedes a number in reading order is on its right on the page.
    """
    n = len(kinds)
    for i in range(n):
        if kinds[i] != "EN":
            continue
        right = next((kinds[j] for j in range(i + 1, n) if kinds[j] in ("L", "R")), None)
        left = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] in ("L", "R")), None)
        if (rtl and right == "R") or (not rtl and right == "R" and left == "R"):
            kinds[i] = "AN"


def _reorder(units: list[str], lv: list[int]) -> list[str]:
    if not units:
        return units
    order = list(range(len(units)))
    top = max(lv)
    lowest_odd = min(level for level in lv) | 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if lv[order[i]] >= level:
                j = i
                while j < len(order) and lv[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [units[k] if lv[k] % 2 == 0 else _mirror(units[k]) for k in order]


def _mirror(unit: str) -> str:
    return _MIRROR.get(unit, unit) if len(unit) == 1 else unit


def _balanced(text: str) -> bool:
    return brackets_balanced(text, _OPENERS, _CLOSERS)


def to_logical(units: Sequence[str], rtl: bool | None = None) -> str:
    """The reading order of a line given as its glyph units from left to right on the page."""
    units = list(units)
    classes = [unit_class(u) for u in units]
    if rtl is None:
        rtl = is_rtl(classes)
    if not rtl and all(c != "R" for c in classes):
        return "".join(units)
    text = "".join(_reorder(units, levels(classes, rtl)))
    if any(ch in _MIRROR for ch in text) and not _balanced(text):
        flipped = text.translate(str.maketrans(_MIRROR))
        if _balanced(flipped):  # a producer that stores the character typed, not the glyph drawn
            text = flipped
    return text
