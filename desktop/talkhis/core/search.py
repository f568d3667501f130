"""Find text the way a reader means it: Arabic without its spelling variants, English without case.

An analyst typing ``اسلام`` wants ``الإسلامُ`` too, and ``water`` should find ``Water``. So both
the text and the query are *folded* before matching:

- Arabic short vowels, shadda, sukun, dagger alef, Quranic marks and tatweel (ـ) are dropped;
- hamza and madda forms of alef (أ إ آ ٱ) become ا; alef maqsura and yeh with hamza (ى ئ) become
  ي; waw with hamza (ؤ) becomes و; teh marbuta (ة) becomes ه;
- everything is case-folded (``str.casefold``), so English matches without regard to case.

Matches are reported as ``(start, end)`` offsets into the *original* text (what the user sees
and what a text view highlights): a match begins at the original character of its first folded
character and runs up to the next kept character, so diacritics on its last letter are covered.
"""

from __future__ import annotations

import re

from talkhis.core.normalize import DIACRITIC_CHARS

# Dropped before matching: harakat and other combining marks, dagger alef, Quranic annotation
# signs, and tatweel (a stretching stroke with no meaning).
_DROPPED = re.compile(f"[{DIACRITIC_CHARS}\u0640]")
_LETTERS = str.maketrans({
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى
    "\u0626": "\u064a",  # ئ
    "\u0624": "\u0648",  # ؤ
    "\u0629": "\u0647",  # ة
})


def fold(text: str) -> tuple[str, list[int]]:
    """``(folded, origin)``: the folded text and, for each folded character, its original offset.

    ``origin`` has one more entry than ``folded``: ``len(text)``, so an end offset maps too.
    """
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if _DROPPED.match(char):
            continue
        for piece in char.translate(_LETTERS).casefold():  # "ß" folds to "ss": both map back
            folded.append(piece)
            origin.append(index)
    origin.append(len(text))
    return "".join(folded), origin


def fold_query(query: str) -> str:
    return fold(query)[0].strip()


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text`` as original ``(start, end)`` offsets."""
    needle = fold_query(query)
    if not needle:
        return []
    folded, origin = fold(text)
    matches = []
    position = folded.find(needle)
    while position >= 0:
        end = position + len(needle)
        matches.append((origin[position], origin[end] if end < len(folded) else len(text)))
        position = folded.find(needle, end)
    return _trim(text, matches)


def _trim(text: str, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A match ends after its last letter's marks, not after tatweel or space before the next."""
    trimmed = []
    for start, end in matches:
        while end > start + 1 and (text[end - 1] == "\u0640" or text[end - 1].isspace()):
            end -= 1
        trimmed.append((start, end))
    return trimmed
