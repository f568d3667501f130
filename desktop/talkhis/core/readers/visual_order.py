"""Arabic lines that a PDF stores in *visual* order, and Arabic *presentation forms*.

Many PDF producers draw a right-to-left line as glyphs from left to right, so the text that comes
out of the file reads backwards (``ايروس`` for ``سوريا``), while numbers and Latin words inside
the line read forwards. Older producers also store the shaped glyphs themselves (presentation
forms, U+FB50–U+FEFF: ``ﺳﻮﺭﻳﺎ``) instead of letters.

**Deciding whether a line is backwards.** Arabic words are not symmetric, so a reading in the
wrong direction leaves traces that can be counted (:func:`evidence`):

* the article ``ال`` starts words (``الدولي``); read backwards it ends them (``يلودلا``);
* teh marbuta ``ة`` and alef maqsura ``ى`` only ever end a word; backwards they start it;
* the commonest short words (``في من على إلى أن``...) become non-words backwards (``يف نم``);
* presentation forms carry their position: a word is *initial … final* (or *isolated*);
  backwards it is *final … initial*, which no correct text contains (strongest evidence).

:func:`needs_reversal` compares the evidence for the line as stored with the evidence for the
line turned round (:func:`to_logical`). A line with a clear verdict (difference of at least
``2``) follows it; a line with little evidence (a short heading, a name) follows the verdict of
the whole document, since one producer writes all its lines the same way.

**Turning a line round** (:func:`to_logical`) undoes what the Unicode bidirectional algorithm
did for display in a right-to-left paragraph: the order of the runs is reversed and the
characters of each right-to-left run are reversed, but a Latin run (``Miles B. Caggins``) or a
number (``12/03/2021``, ``5.2``, ``30%``) keeps its own left-to-right order. Combining marks go
back after their letter, and brackets are swapped if they came out the wrong way round.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_ARABIC_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08ca-\u08ff"
_LATIN = "A-Za-z\u00c0-\u024f"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

_HAS_ARABIC = re.compile(f"[{_ARABIC_LETTERS}]")
_HAS_LATIN = re.compile(f"[{_LATIN}]")
_WORD = re.compile(f"[{_ARABIC_LETTERS}{_MARKS}]+")
_STRIP_MARKS = re.compile(f"[{_MARKS}\u0640]")

# Runs that keep their left-to-right order inside a right-to-left line: a Latin run (which may
# hold spaces, digits and punctuation, up to its last Latin letter or digit), or a number with
# its inner separators and a percent sign.
_LTR_RUN = re.compile(
    f"[{_LATIN}](?:[^{_ARABIC_LETTERS}{_MARKS}]*[{_LATIN}{_DIGITS}])?"
    f"|[%\u066a]?[{_DIGITS}](?:[.,:/\\-\u066b\u066c]?[{_DIGITS}])*[%\u066a]?"
)
_PERCENT_FIRST = re.compile(f"(^|\\s)([%\u066a])([{_DIGITS}]+(?:[.,\u066b][{_DIGITS}]+)?)(?![{_DIGITS}%\u066a])")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_OPENERS, _CLOSERS = "([{<«", ")]}>»"
_LEADING_MARKS = re.compile(f"(^|\\s)([{_MARKS}]+)([^{_MARKS}\\s])")
_MARKS_BEFORE_LETTER = re.compile(f"([{_MARKS}]+)([{_ARABIC_LETTERS}])")

# The commonest Arabic function words; none of them is a word when read backwards.
COMMON_WORDS = frozenset(
    "في من على إلى الى أن ان إن عن مع التي الذي الذين هذا هذه ذلك تلك كان كانت قال وقال بين بعد "
    "قبل حتى عند منذ خلال حيث كما لم لن قد ثم أو او هو هي هم وفي ومن وعلى".split()
)

_FORMS: dict[str, str] = {}  # presentation form -> "initial" | "medial" | "final" | "isolated"
for _code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFD)):
    _decomposition = unicodedata.decomposition(chr(_code))
    if _decomposition.startswith("<"):
        _tag = _decomposition[1:_decomposition.index(">")]
        if _tag in ("initial", "medial", "final", "isolated"):
            _FORMS[chr(_code)] = _tag
_PRESENTATION = re.compile("[\ufb50-\ufdef\ufe70-\ufefc]")


def has_arabic(text: str) -> bool:
    return _HAS_ARABIC.search(text) is not None


def unshape(text: str) -> str:
    """Presentation forms back to letters (``ﻻ`` → ``لا``); everything else untouched.

    Only U+FB50–U+FDEF and U+FE70–U+FEFC are decomposed; the word ligatures U+FDF0–U+FDFF
    (``ﷺ``) are real characters that writers choose, and stay.
    """
    if _PRESENTATION.search(text) is None:
        return text
    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _word_evidence(word: str) -> int:
    score = 0
    forms = [_FORMS.get(ch) for ch in word if ch in _FORMS]
    if len(forms) >= 2 and len(forms) == len(word):
        if forms[0] in ("initial", "isolated") and forms[-1] in ("final", "isolated") and "medial" not in (
            forms[0],
            forms[-1],
        ):
            score += 2
    letters = _STRIP_MARKS.sub("", unshape(word))
    if len(letters) >= 4 and letters.startswith("ال"):
        score += 1
    if len(letters) >= 2 and letters[-1] in "ةى":
        score += 1
    if letters in COMMON_WORDS:
        score += 1
    return score


def evidence(text: str) -> int:
    """How much ``text`` looks like Arabic in logical (reading) order; higher is more."""
    return sum(_word_evidence(word) for word in _WORD.findall(text))


def reversal_score(line: str) -> int:
    """Positive when ``line`` reads better turned round (visual order), negative when as stored."""
    if not has_arabic(line):
        return 0
    return evidence(to_logical(line)) - evidence(line)


def brackets_balanced(text: str, openers: str = _OPENERS, closers: str = _CLOSERS) -> bool:
    """Whether every closing bracket of ``text`` closes an opened one, and all are closed."""
    depth = 0
    for ch in text:
        if ch in openers:
            depth += 1
        elif ch in closers:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def to_logical(visual: str) -> str:
    """The reading order of a right-to-left line stored left to right (see the module doc)."""
    pieces: list[str] = []
    position = 0
    for match in _LTR_RUN.finditer(visual):
        if match.start() > position:
            pieces.append(visual[position:match.start()][::-1])
        pieces.append(match.group())
        position = match.end()
    if position < len(visual):
        pieces.append(visual[position:][::-1])
    text = "".join(reversed(pieces))
    # A mark that now precedes its letter (the producer kept letter+mark clusters) goes after it.
    # A word that now starts with a mark shows the producer kept letter+mark clusters: in this
    # line every mark now precedes its letter, and goes back after it.
    if _LEADING_MARKS.search(text):
        text = _MARKS_BEFORE_LETTER.sub(r"\2\1", text)
    # A percent sign drawn before its number ("%30") belongs after it in reading order.
    text = _PERCENT_FIRST.sub(r"\1\3\2", text)
    if any(ch in _OPENERS or ch in _CLOSERS for ch in text):
        if not brackets_balanced(text) and brackets_balanced(text.translate(_MIRROR)):
            text = text.translate(_MIRROR)
    return text


def fix_lines(lines: Iterable[str], *, margin: int = 2, atoms: dict[str, str] | None = None) -> tuple[list[str], int]:
    """Each line in reading order, and how many were turned round.

    A line whose own evidence is clear (|score| >= ``margin``) follows it; the others follow
    the sum over all lines (the producer's habit), and stay as stored when that is undecided.
    ``atoms`` maps stand-in characters to the letters of one glyph (a ligature), which turn
    round as a whole and are expanded in the result.
    """
    table = str.maketrans(atoms) if atoms else None

    def expand(text: str) -> str:
        return text.translate(table) if table else text

    lines = list(lines)
    # Lines with Arabic can be judged; lines with no letters at all ("2027." alone, a date) follow
    # the document; lines with Latin letters and no Arabic are left-to-right and stay.
    candidates = [
        expand(to_logical(line)) if has_arabic(expand(line)) or not _HAS_LATIN.search(line) else None
        for line in lines
    ]
    scores = [
        evidence(candidate) - evidence(expand(line)) if candidate is not None else 0
        for line, candidate in zip(lines, candidates)
    ]
    overall = sum(scores)
    fixed, turned = [], 0
    for line, candidate, score in zip(lines, candidates, scores):
        reverse = candidate is not None and (score >= margin or (score > -margin and overall >= margin))
        if reverse:
            fixed.append(candidate)
            turned += 1
        else:
            fixed.append(expand(line))
    return fixed, turned
