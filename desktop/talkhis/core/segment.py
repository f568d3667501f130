"""Sentence segmentation: a :class:`Document` in, an :class:`Article` of sentences and headings out.

Neither pyarabic nor pysbd's Arabic rules segment Arabic news correctly (both end a "sentence" at
every ``،``; see FIELD-NOTES), so Arabic is split here by rule; English goes to pysbd.

Paragraphs
    One line of ``Document.text`` is one paragraph. Blank lines (only whitespace or invisible
    marks) are skipped and do not count: paragraph indices number the non-empty paragraphs from 0.

Headings (a heading is always one whole paragraph, never split)
    * A paragraph whose index is in ``Document.headings`` (the format marked it).
    * The *title*: the first paragraph, when another paragraph follows it, it is a single unit and
      it does not end with a full stop (``.`` optionally followed by closing quotes or brackets).
      News titles end with no punctuation, ``؟`` or ``!``; a first paragraph that ends with a full
      stop or holds several sentences is a lede pasted without its title, and is kept as text.
    * A *short line without final punctuation*: at most :data:`HEADING_MAX_WORDS` words, a single
      unit, another paragraph follows it, and its last character (after any closing quotes or
      brackets) is not one of :data:`NOT_HEADING_END` (``. ! ? ؟ … : ؛ ; , ،``). A line that
      ends with a colon or comma introduces or continues text; it is not a heading. The last
      paragraph is never a heading by rule: a heading heads something.

Arabic sentences
    A sentence ends after a run of ``. ! ? ؟ …`` (``...`` included) and any closing quotes or
    brackets (:data:`CLOSERS`), when whitespace follows. It also ends, with no space, before an
    opening ``“`` or ``«``, and before an Arabic letter after ``! ? ؟`` or after a full stop that
    ends an Arabic word of two or more letters (``أخرى.وقال``: a missing space, common in copied
    text). There is no boundary at ``، , : ; ؛``, and none after a single full stop that ends:

    * a single letter, Arabic or Latin: an initial (``مايلز ب. كيغينز``, ``J. Smith``) or the last
      letter of a dotted abbreviation (``U.S.``, ``ق.م.``, ``e.g.``) - except an era marker after
      a number (``عام 2020م.``, ``1445 هـ.``), which may end a sentence;
    * a known abbreviation (:data:`ARABIC_ABBREVIATIONS`, :data:`ENGLISH_ABBREVIATIONS`);
    * a word, when the next word starts with a lower-case Latin letter (``etc. and``).

    Numbers (``5.2``, ``1.000.000``, ``12/03/2021``) never split because no space follows their
    points; URLs and e-mail addresses are masked, so ``https://example.com/a.b`` and
    ``www.x.org`` stay whole (a full stop right after one still ends the sentence). A stop before
    a closing bracket ends the sentence only when the sentence began with the opening bracket
    (``(انظر ص. 5!) ...``), so an exclamation inside a parenthesis does not cut a sentence in two.
    A piece with no letter at all (``1.`` of a numbered list) joins the text after it.

English sentences
    pysbd (``language="en"``, ``clean=False``), called once per paragraph because it is
    super-linear on a single huge string; its pieces are located back in the original text.

Each :class:`Sentence` holds its original text without surrounding whitespace (or bidi/zero-width
marks) and offsets with ``document.text[start:end] == text``. ids are 0..n-1 in document order.
The Arabic rules are linear in the text; this module never imports Qt.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

from talkhis.core.article import Article, Document, Sentence
from talkhis.core.normalize import detect_language

__all__ = [
    "ARABIC_ABBREVIATIONS",
    "CLOSERS",
    "ENGLISH_ABBREVIATIONS",
    "ERA_MARKERS",
    "HEADING_MAX_WORDS",
    "NOT_HEADING_END",
    "segment",
]

#: A short line without final punctuation is a heading up to this many words.
HEADING_MAX_WORDS = 12

#: Characters that end a sentence (a run of them counts as one stop).
STOPS = ".!?؟…‼⁇⁈⁉"
#: Closing quotes and brackets that may follow a stop and belong to the sentence.
CLOSERS = "”\"’'»›)]}"
_BRACKETS = ")]}"
_OPENERS = "“«‹\"'([{"
#: A line ending (before closing quotes/brackets) with one of these is never a heading by rule.
NOT_HEADING_END = STOPS + ":؛;,،"

#: Abbreviations that never end an Arabic sentence (exact spelling, with their final point).
ARABIC_ABBREVIATIONS = frozenset(
    {
        "د.",  # دكتور, doctor
        "م.",  # مهندس, engineer (an era marker after a number: see ERA_MARKERS)
        "أ.",  # أستاذ, professor / Mr
        "ا.",  # the same, written without hamza
        "أ.د.",  # أستاذ دكتور
        "ص.",  # صفحة, page
        "ص.ب.",  # صندوق بريد, P.O. box
        "ج.",  # جزء, volume / جنيه
        "ط.",  # طبعة, edition
        "ت.",  # توفي / تلفون
        "ه.",  # هجري, hijri
        "هـ.",
        "ق.م.",  # قبل الميلاد, BC
        "ب.م.",  # بعد الميلاد, AD
        "ش.م.م.",  # شركة مساهمة, company
        "م.م.",
    }
)

#: Abbreviations that never end a sentence in Latin script, compared case-insensitively.
ENGLISH_ABBREVIATIONS = frozenset(
    {
        "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "sr.", "jr.", "mt.", "ft.", "rev.", "hon.",
        "gen.", "col.", "lt.", "capt.", "sgt.", "gov.", "sen.", "rep.",
        "u.s.", "u.k.", "u.n.", "e.u.", "u.s.a.", "e.g.", "i.e.", "etc.", "vs.", "approx.",
        "a.m.", "p.m.", "ph.d.",
    }
)

#: Era markers that may end a sentence when they follow a number (``2020م.``, ``1445 هـ.``).
ERA_MARKERS = frozenset({"م", "ه", "هـ", "ق.م", "ب.م"})

# Whitespace, plus invisible bidi/zero-width marks that pasted text carries at line ends.
_WHITESPACE_OR_MARKS = (
    " \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
)

_STOP_RUN = re.compile(f"[{re.escape(STOPS)}]+[{re.escape(CLOSERS)}]*")
_URL_OR_EMAIL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+?(?=[.,;:!?؟،؛…)\]}”\"’'»]*(?:\s|$))"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|io)(?:/\S*?)?(?=[.,;:!?؟،؛…)\]}”\"’'»]*(?:\s|$))",
    re.IGNORECASE,
)
_MAYBE_LINK = re.compile(r"[@/]|www\.|\.[A-Za-z]", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+")


def segment(document: Document, language: str | None = None) -> Article:
    """Split ``document`` into headings and sentences; ``language`` is ``"ar"`` or ``"en"``."""
    if language is None:
        language = detect_language(document.text)
    if language not in ("ar", "en"):
        raise ValueError(f"cannot segment language {language!r}: expected 'ar' or 'en'")
    split = _arabic_pieces if language == "ar" else _english_splitter()

    paragraphs = list(_paragraphs(document.text))
    sentences: list[Sentence] = []
    for index, (start, text) in enumerate(paragraphs):
        pieces = split(text)
        followed = index + 1 < len(paragraphs)
        if index in document.headings or (followed and len(pieces) == 1 and _looks_like_heading(text, index)):
            pieces, heading = [(0, len(text))], True
        else:
            heading = False
        for a, b in pieces:
            a, b = _trim(text, a, b)
            if a < b:
                sentences.append(
                    Sentence(len(sentences), index, text[a:b], heading=heading, start=start + a, end=start + b)
                )
    return Article(document=document, sentences=tuple(sentences), language=language)


# ----------------------------------------------------------------------------- paragraphs


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each non-blank line of ``text``."""
    position = 0
    for line in text.split("\n"):
        if line.strip(_WHITESPACE_OR_MARKS):
            yield position, line
        position += len(line) + 1


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _WHITESPACE_OR_MARKS:
        a += 1
    while b > a and text[b - 1] in _WHITESPACE_OR_MARKS:
        b -= 1
    return a, b


def _looks_like_heading(text: str, index: int) -> bool:
    body = text.strip(_WHITESPACE_OR_MARKS).rstrip(CLOSERS + _WHITESPACE_OR_MARKS)
    if not body:
        return False
    if index == 0:  # the title: anything but a full stop at the end
        return not body.endswith(".") or body.endswith(("...", "…"))
    return len(text.split()) <= HEADING_MAX_WORDS and body[-1] not in NOT_HEADING_END


# --------------------------------------------------------------------------------- Arabic


def _is_arabic_letter(ch: str) -> bool:
    return ch.isalpha() and (
        "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"
        or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc"
    )


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (only scanned when the paragraph may hold one)."""
    if not _MAYBE_LINK.search(text):
        return []
    return [m.span() for m in _URL_OR_EMAIL.finditer(text)]


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _arabic_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, by the rules in the module docstring."""
    spans = _protected(text)
    starts = [s for s, _ in spans]
    pieces: list[tuple[int, int]] = []
    begin = 0
    scanned, has_letter = 0, False  # letters seen in text[begin:scanned]
    for match in _STOP_RUN.finditer(text):
        stop_start, end = match.span()
        if end >= len(text):
            break
        run = match.group().rstrip(CLOSERS)
        closers = match.group()[len(run):]
        following = text[end]
        if following.isspace():
            kind = "space"
        elif following in "“«":
            kind = "opener"
        elif not closers and _is_arabic_letter(following) and "…" not in run and ".." not in run:
            kind = "letter"
        else:
            continue
        if spans and _inside(spans, starts, stop_start):
            continue
        if run == "." and not _period_ends_sentence(text, begin, stop_start, end, kind):
            continue
        if any(c in _BRACKETS for c in closers):
            opening = text[begin:stop_start].lstrip(_WHITESPACE_OR_MARKS + "“«\"'")
            if not opening.startswith(("(", "[", "{")):
                continue
        if not has_letter:
            has_letter = any(c.isalpha() for c in text[scanned:stop_start])
            scanned = stop_start
        if not has_letter:
            continue  # "1." of a numbered list: not a sentence on its own
        pieces.append((begin, end))
        begin = scanned = end
        has_letter = False
    pieces.append((begin, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip(_WHITESPACE_OR_MARKS)]


def _period_ends_sentence(text: str, begin: int, stop: int, end: int, kind: str) -> bool:
    """Whether the single full stop at ``stop`` ends a sentence (initials, abbreviations...)."""
    token_start = stop
    while token_start > begin and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start:stop].lstrip(_OPENERS)
    word = _last_letter_run(token)
    if _is_era_marker(text, begin, token_start, token):
        return True
    if (token + ".").casefold() in ENGLISH_ABBREVIATIONS or token + "." in ARABIC_ABBREVIATIONS:
        return False
    if len(word) == 1:
        return False  # an initial, or the end of a dotted abbreviation
    if kind == "letter":
        return len(word) >= 2 and all(_is_arabic_letter(c) for c in word)
    if kind == "space":
        following = end
        while following < len(text) and text[following] in _WHITESPACE_OR_MARKS + _OPENERS:
            following += 1
        if following < len(text) and "a" <= text[following] <= "z":
            return False  # "etc. and": the sentence goes on
    return True


def _last_letter_run(token: str) -> str:
    """The letters at the end of ``token`` (diacritics and tatweel skipped)."""
    letters: list[str] = []
    for ch in reversed(token):
        if ch == "\u0640" or unicodedata.category(ch) == "Mn":
            continue
        if not ch.isalpha():
            break
        letters.append(ch)
    return "".join(reversed(letters))


def _is_era_marker(text: str, begin: int, token_start: int, token: str) -> bool:
    """``2020م`` or ``1445 هـ``: an era marker after a number, which may end a sentence."""
    digits = _DIGITS.match(token)
    if digits:
        return token[digits.end():] in ERA_MARKERS
    if token not in ERA_MARKERS:
        return False
    position = token_start
    while position > begin and text[position - 1].isspace():
        position -= 1
    return position > begin and text[position - 1].isdigit()


# -------------------------------------------------------------------------------- English


def _english_splitter():
    import pysbd  # imported here: only English articles need it

    segmenter = pysbd.Segmenter(language="en", clean=False)

    def pieces(text: str) -> list[tuple[int, int]]:
        return _locate(text, segmenter.segment(text))

    return lambda text: _in_bounded_chunks(text, pieces)


_CHUNK = 2000  # pysbd's time grows with the square of its input: never give it more than this


def _in_bounded_chunks(text: str, split, limit: int = _CHUNK) -> list[tuple[int, int]]:
    """``split(text)`` run on windows of at most ``limit`` characters, so a long paragraph (a
    page of English without line breaks) costs linear time. Of each window the sentences but
    the last are kept, and the next window starts where that last one did (it may have been
    cut); a window that is one sentence is cut at its last space."""
    if len(text) <= limit:
        return split(text)
    out: list[tuple[int, int]] = []
    begin = 0
    while begin < len(text):
        if len(text) - begin <= limit:
            out.extend((begin + a, begin + b) for a, b in split(text[begin:]))
            break
        pieces = split(text[begin:begin + limit])
        if len(pieces) > 1 and pieces[-1][0] > 0:
            keep, stop = pieces[:-1], pieces[-1][0]
        else:
            space = text.rfind(" ", begin + 1, begin + limit)
            stop = space + 1 - begin if space > begin else limit
            keep = [(0, stop)]
        out.extend((begin + a, begin + b) for a, b in keep)
        begin += stop
    return out


def _locate(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Find pysbd's sentences back in ``text``, in order; what cannot be found joins the rest."""
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        sentence = sentence.strip(_WHITESPACE_OR_MARKS)
        if not sentence:
            continue
        found = text.find(sentence, cursor)
        if found < 0 or text[cursor:found].strip(_WHITESPACE_OR_MARKS):
            break  # pysbd changed the text: keep the rest of the paragraph whole
        pieces.append((cursor, found + len(sentence)))
        cursor = found + len(sentence)
    if text[cursor:].strip(_WHITESPACE_OR_MARKS):
        pieces.append((cursor, len(text)))
    elif pieces:
        pieces[-1] = (pieces[-1][0], len(text))
    return pieces
