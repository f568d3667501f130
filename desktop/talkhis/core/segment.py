"""Sentence segmentation: a :class:`Document` in, an :class:`Article` of sentences and headings out.

General-purpose splitters do not segment Arabic news: pyarabic's ``sentence_tokenize`` and
pysbd's Arabic rules both end a "sentence" at every ``،`` (so they return clauses), so Arabic is
split here by rule; English goes to pysbd.

Paragraphs
    One line of ``Document.text`` is one paragraph. Blank lines (only whitespace or invisible
    marks) are skipped and do not count: paragraph indices number the non-empty paragraphs from 0.

Headings (a heading is always one whole paragraph, never split)
    * A paragraph whose index is in ``Document.headings`` (the format marked it).
    * The *title*: the first paragraph (the second, when the first is a dateline), when another
      paragraph follows it, it is a single unit and it does not end with a full stop (``.``
      optionally followed by closing quotes or brackets). News titles end with no punctuation,
      ``؟`` or ``!``; a first paragraph that ends with a full stop or holds several sentences is a
      lede pasted without its title, and is kept as text.
    * A *sub-heading*: a short line between complete paragraphs. It needs all of: at most
      :data:`HEADING_MAX_WORDS` words; a single unit; its last character (after closing quotes or
      brackets) is not one of :data:`NOT_HEADING_END` (``. ! ? ؟ … : ؛ ; , ،``); another paragraph
      follows it and that one is not an *open line* (a single unit of at most twelve words without
      final punctuation: a verse, a hard-wrapped line, another short line); the paragraph before
      it is the title, a marked heading, or a paragraph that is not an open line and does not end
      with ``: ، , ؛ ;`` (which announce or continue what follows: ``قال الشاعر:``); its last
      word is not a particle that cannot end a phrase (``في``, ``من``, ``أن``, ``الذي``...); and it
      is not a byline (``بقلم: ...``). So verse and hard-wrapped column lines, which come in runs
      of short unpunctuated lines, are not headings; nor is a line that merely lacks a full stop.
      The price: a sub-heading right above hard-wrapped lines that nobody rejoined is missed (the
      way out is to rejoin wrapped lines into paragraphs before segmentation).
      The last paragraph is never a heading by rule: a heading heads something.
    * In a title or sub-heading, ``..`` and ``...`` are kicker separators (``بأمر الملك .. ترقية
      50 قاضياً``), not sentence ends: the line is judged as one unit.

Lines that are one unit of their own, never headings
    * A *dateline*: a line that is only a date with a weekday, a time or a time zone
      (``الاحد, 21 فبراير/ شباط, 2010, 05:01 GMT``). A dateline with a time or zone at the start
      of a longer line is cut off as a unit of its own.
    * A line of *verse* written as two hemistichs: two halves of three or more words and similar
      length around ``...``, ``..``, ``…`` or ``*``, with short-vowel marks (verse in the press is
      vocalised; headlines are not).

Arabic sentences
    A sentence ends after a run of ``. ! ? ؟ …`` (``...`` included) and any closing quotes or
    brackets (:data:`CLOSERS`), when whitespace follows. Invisible marks (RLM, LRM, ALM, ZWJ,
    ZWNJ, BOM...) between the stop and the whitespace do not hide the boundary, and an emoji right
    after the stop (or after the stop and a space) ends the sentence it follows. A sentence also
    ends, with no space, before an opening ``“`` or ``«``, and before an Arabic letter after
    ``! ? ؟`` or after a full stop that ends an Arabic word of two or more letters (``أخرى.وقال``:
    a missing space, common in copied text). There is no boundary at ``، , : ; ؛``, and none after
    a single full stop that ends:

    * a single letter, Arabic or Latin: an initial (``مايلز ب. كيغينز``, ``J. Smith``) or the last
      letter of a dotted abbreviation (``ق.م.``, ``e.g.``) - except an era marker after a number
      (``عام 2020م.``, ``1445 هـ.``) or dinars after an amount (``600 م.د.``, ``7.8 آلاف م د.``),
      which may end a sentence. A ligature word such as ``ﷲ`` counts as the word it stands for;
    * a known abbreviation (:data:`ARABIC_ABBREVIATIONS`), also after the conjunction ``و`` or
      ``ف`` (``ود.``: "and Dr.");
    * a Latin title or abbreviation that never ends a sentence (``Dr.``, ``e.g.``); other Latin
      abbreviations (``U.S.``, ``Inc.``: :data:`ENGLISH_ABBREVIATIONS`) end one only before an
      Arabic word that does not continue the clause (``إلى U.S. وقال`` splits, ``Apple Inc. إن``
      and ``U.S. Army`` do not);
    * a word, when the next word starts with a lower-case Latin letter (``etc. and``).

    Inside a word, a full stop followed by a letter is no boundary when the word is a dotted
    acronym in Arabic script (``بي.بي.سي``, ``إم.تي.في``, ``إل.جي``, ``م.د``): three or more parts,
    or two, of at most three letters each (two letters at most when there are only two parts).

    ``..`` and ``...`` (or ``…``) in body text end a sentence only when a complete clause stands
    before them: not when fewer than three words do (``لكن..``, ``نعم..``), not after a particle
    (:data:`OPEN_ENDED_WORDS`), not inside a conditional that opens the sentence (``وإن كذبت..
    تبقى``, ``إذا ... فلن``), and not before a word that only continues a clause
    (:data:`CONTINUATION_WORDS`: ``... إلخ``, ``.. وأن``, ``... هي``) or an accusative adverb
    written with its tanween (``بالتنسيق مع الأرصاد.. حرصاً على سلامة الطلاب``; not the
    sentence openers ``أولاً``, ``أخيراً``...).

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
The Arabic rules are linear in the text (every look-around is bounded by a few words); this
module never imports Qt.
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
    "CONTINUATION_WORDS",
    "ENGLISH_ABBREVIATIONS",
    "ERA_MARKERS",
    "HEADING_MAX_WORDS",
    "NOT_HEADING_END",
    "OPEN_ENDED_WORDS",
    "segment",
]

#: A short line without final punctuation can be a sub-heading up to this many words. Real
#: sub-headings have two to six; hard-wrapped column lines mostly nine to twelve.
HEADING_MAX_WORDS = 8
# A single-unit line of up to this many words without final punctuation is an *open* line: a
# sub-heading, a verse, or a hard-wrapped line. Beside another open line, none is a heading.
_OPEN_LINE_MAX_WORDS = 12
# Only a line this short is read again as a headline with kicker separators (titles are short).
_KICKER_LINE_MAX_CHARS = 300

#: Characters that end a sentence (a run of them counts as one stop).
STOPS = ".!?؟…‼⁇⁈⁉"
#: Closing quotes and brackets that may follow a stop and belong to the sentence.
CLOSERS = "”\"’'»›)]}"
_BRACKETS = ")]}"
_OPENERS = "“«‹\"'([{"
#: A line ending (before closing quotes/brackets) with one of these is never a heading by rule.
NOT_HEADING_END = STOPS + ":؛;,،"
#: A paragraph ending with one of these announces or continues the next: what follows is no heading.
_ANNOUNCES = ":؛;,،"

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
# Titles before a name, which a conjunction may precede: "ود." is "and Dr.".
_ARABIC_TITLES = frozenset({"د.", "م.", "أ.", "ا.", "أ.د."})

# Latin abbreviations that never end a sentence: titles before a name, and "e.g."-like ones.
_LATIN_NEVER_END = frozenset(
    {
        "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "sr.", "jr.", "mt.", "ft.", "rev.", "hon.",
        "gen.", "col.", "lt.", "capt.", "sgt.", "gov.", "sen.", "rep.",
        "e.g.", "i.e.", "vs.", "approx.", "cf.",
    }
)
# Latin abbreviations that may end a sentence in Arabic text (``إلى U.S. وقال``).
_LATIN_MAY_END = frozenset(
    {
        "u.s.", "u.k.", "u.n.", "e.u.", "u.s.a.", "etc.", "a.m.", "p.m.", "ph.d.",
        "inc.", "ltd.", "co.", "corp.", "llc.", "plc.",
    }
)
#: Abbreviations in Latin script, compared case-insensitively. Titles and ``e.g.``-like ones never
#: end a sentence; the others end one only before an Arabic word that does not continue the clause.
ENGLISH_ABBREVIATIONS = _LATIN_NEVER_END | _LATIN_MAY_END
_LATIN_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.A.E" before its final point

#: Era markers that may end a sentence when they follow a number (``2020م.``, ``1445 هـ.``).
ERA_MARKERS = frozenset({"م", "ه", "هـ", "ق.م", "ب.م"})
# Words that say the number before "م د." / "م.د." / "د." is an amount (of dinars).
_AMOUNT_WORDS = frozenset({"ألف", "الف", "آلاف", "الاف", "مليون", "ملايين", "مليار", "مليارات"})

#: Words that only continue a clause: ``..`` or ``...`` before one of them, or a Latin
#: abbreviation before one of them, does not end the sentence (``والطبخ... إلخ``, ``Inc. إن``).
CONTINUATION_WORDS = frozenset(
    {
        "إلخ", "الخ", "وغيرها", "وغيرهم", "وغيره", "وسواها", "وغير",
        "إلى", "الى", "في", "من", "على", "عن", "مع", "حتى", "أي", "مما", "ممن", "منذ", "خلال", "بين",
        "عبر", "لدى", "نحو", "ضد", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي",
        "أن", "إن", "وأن", "بأن", "لأن", "كي", "لكي", "أو",
        "هي", "هو", "هم", "هما", "هن",
    }
)
#: Particles that cannot end a clause: ``..`` or ``...`` right after one is a pause, not an end
#: (``لكن..``); a line ending with one is no heading.
OPEN_ENDED_WORDS = frozenset(
    {
        "لكن", "ولكن", "لكنّ", "بل", "حتى", "وحتى", "إذا", "وإذا", "إن", "وإن", "أن", "وأن", "لو",
        "ولو", "لم", "ولم", "لن", "ولن", "قد", "وقد", "هل", "أو", "أم", "ثم", "يا", "أي", "و", "ف",
        "في", "من", "إلى", "الى", "على", "عن", "مع", "التي", "الذي", "الذين", "بأن", "لأن",
    }
)
# Particles that open a conditional: "..", "..." inside the sentence they open do not end it.
_CONDITIONALS = frozenset(
    {"إذا", "اذا", "إن", "لو", "لولا", "لئن", "مهما", "كلما", "عندما", "حينما", "متى", "لما"}
)

# Invisible bidi and zero-width marks.
_MARKS = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u061c\ufeff\u00ad"
)
# Whitespace, plus invisible bidi/zero-width marks that pasted text carries at line ends.
_WHITESPACE_OR_MARKS = (
    " \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000" + _MARKS
)
_WORD_END = _WHITESPACE_OR_MARKS + ".,،:;؛!?؟…" + CLOSERS

_STOP_RUN = re.compile(f"[{re.escape(STOPS)}]+[{re.escape(CLOSERS)}]*")
_URL_OR_EMAIL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+?(?=[.,;:!?؟،؛…)\]}”\"’'»]*(?:\s|$))"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|io)(?:/\S*?)?(?=[.,;:!?؟،؛…)\]}”\"’'»]*(?:\s|$))",
    re.IGNORECASE,
)
_MAYBE_LINK = re.compile(r"[@/]|www\.|\.[A-Za-z]", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+")

# A dotted acronym in Arabic script: "بي.بي.سي", "إم.تي.في", "إل.جي", "م.د" (final point optional),
# maybe after a one-letter conjunction or preposition ("لـبي.بي.سي", "وإل.جي").
_ARABIC_ACRONYM = re.compile(r"(?:[وفلبك]\u0640?)?([\u0621-\u064a]{1,3}(?:\.[\u0621-\u064a]{1,3})+)\.?")
# Accusative adverbs that open a sentence ("أولاً.."); other words with tanween fath after ".."
# continue the clause ("بالتنسيق مع الأرصاد.. حرصاً على سلامة الطلاب").
_OPENING_ADVERBS = frozenset({"أولاً", "ثانياً", "ثالثاً", "رابعاً", "أخيراً", "وأخيراً", "أيضاً", "عموماً", "إجمالاً"})

_WEEKDAYS = "الأحد|الاحد|الإثنين|الاثنين|الأثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|الجمعه|السبت"
_MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر"
    "|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|كانون الأول|كانون الاول|شباط|آذار|اذار|نيسان|أيار|ايار"
    "|حزيران|تموز|آب|أيلول|ايلول|تشرين الأول|تشرين الاول|تشرين الثاني|جانفي|فيفري|أفريل|افريل"
    "|ماي|جوان|جويلية|أوت|اوت|محرم|صفر|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى"
    "|جمادى الآخرة|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة"
)
_D = "[0-9\u0660-\u0669]"
# A dateline: an optional weekday, a date, an optional time and time zone.
_DATELINE = re.compile(
    rf"(?P<day>(?:{_WEEKDAYS})\s*[,،]?\s*)?"
    rf"(?:{_D}{{1,2}}\s*(?:{_MONTHS})(?!\w)(?:\s*/\s*(?:{_MONTHS})(?!\w))?\s*[,،]?\s*{_D}{{4}}"
    rf"|{_D}{{1,2}}[/.-]{_D}{{1,2}}[/.-]{_D}{{2,4}})"
    rf"(?P<time>\s*[,،\-–—]?\s*{_D}{{1,2}}:{_D}{{2}}(?::{_D}{{2}})?)?"
    rf"(?P<zone>\s*(?:GMT|UTC|ت\.?\s?غ\.?|بتوقيت\s+(?:مكة\s+المكرمة|\w+)))?"
)
_BYLINE = re.compile(r"(?:بقلم|كتب|كتبت|إعداد|اعداد|تحرير|ترجمة)\s*:")
# Two hemistichs of a line of verse, around "...", "..", "…" or "*".
_HEMISTICH_BREAK = re.compile(r"\s(?:\.{2,}|…+|\*+)\s")
_SHORT_VOWELS = re.compile("[\u064e\u064f\u0650\u0652]")


def segment(document: Document, language: str | None = None) -> Article:
    """Split ``document`` into headings and sentences; ``language`` is ``"ar"`` or ``"en"``."""
    if language is None:
        language = detect_language(document.text)
    if language not in ("ar", "en"):
        raise ValueError(f"cannot segment language {language!r}: expected 'ar' or 'en'")
    shape = _arabic_paragraph if language == "ar" else _english_paragraph(_english_splitter())

    paragraphs = [(start, text, *shape(text)) for start, text in _paragraphs(document.text)]
    open_line = [kind == "text" and one_unit and _open(text) for _, text, _, kind, one_unit in paragraphs]
    title = 1 if paragraphs and paragraphs[0][3] == "dateline" else 0

    sentences: list[Sentence] = []
    for index, (start, text, pieces, kind, one_unit) in enumerate(paragraphs):
        if index in document.headings:
            heading = True
        elif kind != "text" or not one_unit or index + 1 >= len(paragraphs) or index < title:
            heading = False
        elif index == title:
            heading = _may_be_title(text)
        else:
            before = paragraphs[index - 1][1]
            heading = (
                open_line[index]
                and len(text.split()) <= HEADING_MAX_WORDS
                and not open_line[index + 1]
                and (index - 1 == title or index - 1 in document.headings or not open_line[index - 1])
                and not _body(before).endswith(tuple(_ANNOUNCES))
                and not _BYLINE.match(_body(text))
                and _last_word(text) not in OPEN_ENDED_WORDS
            )
        if heading:
            pieces = [(0, len(text))]
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


def _body(text: str) -> str:
    """The line without surrounding whitespace, invisible marks and closing quotes/brackets."""
    return text.strip(_WHITESPACE_OR_MARKS).rstrip(CLOSERS + _WHITESPACE_OR_MARKS)


def _last_word(text: str) -> str:
    words = _body(text).split()
    return words[-1] if words else ""


def _may_be_title(text: str) -> bool:
    """The first paragraph is the title unless it ends with a full stop (a lede without title)."""
    body = _body(text)
    return bool(body) and (not body.endswith(".") or body.endswith(("...", "…")))


def _open(text: str) -> bool:
    """A short line without final punctuation: the shape of a sub-heading, a verse, a wrapped line."""
    body = _body(text)
    return bool(body) and len(text.split()) <= _OPEN_LINE_MAX_WORDS and body[-1] not in NOT_HEADING_END


def _english_paragraph(split):
    def shape(text: str) -> tuple[list[tuple[int, int]], str, bool]:
        pieces = split(text)
        return pieces, "text", len(pieces) == 1

    return shape


def _arabic_paragraph(text: str) -> tuple[list[tuple[int, int]], str, bool]:
    """(sentences, kind, whether the line is one unit when ``..`` and ``...`` are kicker separators).

    ``kind`` is ``"dateline"`` or ``"verse"`` for a line that is one unit and never a heading,
    ``"text"`` otherwise.
    """
    whole = [(0, len(text))]
    if _is_verse(text):
        return whole, "verse", True
    lead = len(text) - len(text.lstrip(_WHITESPACE_OR_MARKS))
    dateline = _DATELINE.match(text, lead)
    if dateline and (dateline.group("day") or dateline.group("time") or dateline.group("zone")):
        rest = dateline.end()
        if not text[rest:].strip(_WHITESPACE_OR_MARKS + ".,،-–—:"):
            return whole, "dateline", True
        if (dateline.group("time") or dateline.group("zone")) and text[rest].isspace():
            pieces = [(0, rest)] + [(rest + a, rest + b) for a, b in _arabic_pieces(text[rest:])]
            return pieces, "text", False
    pieces = _arabic_pieces(text)
    one_unit = len(pieces) == 1 or (
        len(text) <= _KICKER_LINE_MAX_CHARS
        and (".." in text or "…" in text)
        and len(_arabic_pieces(text, kicker=True)) == 1
    )
    return pieces, "text", one_unit


def _is_verse(text: str) -> bool:
    """A vocalised line of two hemistichs of similar length (see the module docstring)."""
    body = _body(text)
    if not body or body[-1] in STOPS or len(_SHORT_VOWELS.findall(body)) < 3:
        return False
    halves = _HEMISTICH_BREAK.split(body)
    if len(halves) != 2 or any(len(half.split()) < 3 for half in halves):
        return False
    short, long = sorted(len(half.strip()) for half in halves)
    return long <= 1.5 * short


# --------------------------------------------------------------------------------- Arabic


def _is_arabic_letter(ch: str) -> bool:
    return ch.isalpha() and (
        "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"
        or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc"
    )


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF
        or code in (0xFE0F, 0x20E3) or 0xE0020 <= code <= 0xE007F
    )


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (only scanned when the paragraph may hold one)."""
    if not _MAYBE_LINK.search(text):
        return []
    return [m.span() for m in _URL_OR_EMAIL.finditer(text)]


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _past_marks_and_emoji(text: str, end: int) -> tuple[int, int]:
    """After a stop at ``end``: (end of the sentence, index of the next visible character).

    Invisible marks are skipped; emoji are skipped and belong to the sentence.
    """
    position = sentence_end = end
    while position < len(text) and (text[position] in _MARKS or _is_emoji(text[position])):
        position += 1
        if _is_emoji(text[position - 1]):
            sentence_end = position
    return sentence_end, position


def _trailing_emoji(text: str, end: int) -> int:
    """``end`` moved past emoji that stand alone after the sentence's stop and a space."""
    position = end
    while position < len(text) and text[position] in _WHITESPACE_OR_MARKS:
        position += 1
    if position >= len(text) or not _is_emoji(text[position]):
        return end
    sentence_end, position = _past_marks_and_emoji(text, position)
    return sentence_end if position >= len(text) or text[position].isspace() else end


def _arabic_pieces(text: str, kicker: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, by the rules in the module docstring.

    With ``kicker``, ``..`` and ``...`` never end a sentence (how a headline is read).
    """
    spans = _protected(text)
    starts = [s for s, _ in spans]
    pieces: list[tuple[int, int]] = []
    begin = 0
    scanned, has_letter = 0, False  # letters seen in text[begin:scanned]
    for match in _STOP_RUN.finditer(text):
        stop_start, end = match.span()
        if stop_start < begin:
            continue
        run = match.group().rstrip(CLOSERS)
        closers = match.group()[len(run):]
        end, following = _past_marks_and_emoji(text, end)
        if following >= len(text):
            break
        ellipsis = run != "." and not run.strip(".…")
        if text[following].isspace():
            kind = "space"
        elif text[following] in "“«":
            kind = "opener"
        elif not closers and _is_arabic_letter(text[following]) and "…" not in run and ".." not in run:
            kind = "letter"
        else:
            continue
        if spans and _inside(spans, starts, stop_start):
            continue
        if run == "." and not _period_ends_sentence(text, begin, stop_start, following, kind):
            continue
        if ellipsis and (kicker or _ellipsis_continues(text, begin, stop_start, following)):
            continue
        if any(c in _BRACKETS for c in closers) and _first_visible(text, begin, stop_start) not in ("(", "[", "{"):
            continue
        if not has_letter:
            has_letter = any(c.isalpha() for c in text[scanned:stop_start])
            scanned = stop_start
        if not has_letter:
            continue  # "1." of a numbered list: not a sentence on its own
        if kind == "space":
            end = _trailing_emoji(text, end)
        pieces.append((begin, end))
        begin = scanned = end
        has_letter = False
    pieces.append((begin, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip(_WHITESPACE_OR_MARKS)]


def _first_visible(text: str, begin: int, stop: int) -> str:
    """The first character of ``text[begin:stop]`` that is not whitespace, a mark or a quote."""
    while begin < stop and text[begin] in _WHITESPACE_OR_MARKS + "“«\"'":
        begin += 1
    return text[begin] if begin < stop else ""


def _next_word(text: str, position: int) -> str:
    """The word that starts at or after ``position`` (quotes and marks skipped), at most 24 letters."""
    while position < len(text) and text[position] in _WHITESPACE_OR_MARKS + _OPENERS:
        position += 1
    end = position
    while end < len(text) and end - position < 24 and text[end] not in _WORD_END:
        end += 1
    return text[position:end]


def _words_before(text: str, begin: int, stop: int, limit: int) -> list[str]:
    """Up to ``limit`` words of ``text[begin:stop]`` that end at ``stop`` (scanned backwards)."""
    words: list[str] = []
    end = stop
    while len(words) < limit:
        while end > begin and text[end - 1] in _WHITESPACE_OR_MARKS:
            end -= 1
        if end <= begin:
            break
        start = end
        while start > begin and text[start - 1] not in _WHITESPACE_OR_MARKS:
            start -= 1
        words.append(text[start:end])
        end = start
    return words[::-1]


def _bare(word: str) -> str:
    """A word without the conjunction و/ف in front (``وإن`` -> ``إن``) and punctuation around."""
    word = word.strip(_OPENERS + CLOSERS + ".,،:;؛")
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _ellipsis_continues(text: str, begin: int, stop: int, following: int) -> bool:
    """Whether the ``..`` / ``...`` at ``stop`` is a pause inside the sentence, not its end."""
    after = _next_word(text, following)
    if not after or after in CONTINUATION_WORDS or "a" <= after[0] <= "z":
        return True
    if after.endswith(("اً", "ًا", "ً")) and after not in _OPENING_ADVERBS:
        return True  # "حرصاً على...": an accusative adverb continues the clause
    words = _words_before(text, begin, stop, 12)
    if len(words) < 3 or words[-1].strip(_OPENERS) in OPEN_ENDED_WORDS:
        return True
    if len(words) == 12:
        return False  # a conditional opening is too far back to matter
    opening = [_bare(w) for w in words[:2]]
    if opening[0] == "إن":  # "وإن كذبت": conditional before a verb; "إن الحكومة": emphatic
        return not opening[1].startswith("ال")
    return opening[0] in _CONDITIONALS or (opening[0] == "حتى" and opening[1] == "لو")


MAX_TOKEN = 64  # characters looked back from a stop for the word it ends


def _period_ends_sentence(text: str, begin: int, stop: int, following: int, kind: str) -> bool:
    """Whether the single full stop at ``stop`` ends a sentence (initials, abbreviations...).

    ``following`` is the index of the first visible character after the stop and its closers.
    """
    token_start = stop
    # A word is never longer than MAX_TOKEN: without the bound, a run of dotted letters with no
    # space (بي.بي.بي. … , 60,000 characters) rescanned back to its start at every stop: quadratic.
    while token_start > max(begin, stop - MAX_TOKEN) and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start:stop].lstrip(_OPENERS)
    word = _last_letter_run(token)
    if kind == "letter" and _is_arabic_acronym(text, token_start, stop):
        return False  # "بي.بي.سي", "600 م.د"
    if _is_era_marker(text, begin, token_start, token) or _is_amount_in_dinars(text, begin, token_start, token):
        return True
    folded = (token + ".").casefold()
    if folded in _LATIN_NEVER_END or token + "." in ARABIC_ABBREVIATIONS:
        return False
    if token[:1] in "وف" and token[1:] + "." in _ARABIC_TITLES:
        return False  # "ود. فراس": and Dr. Firas
    if folded in _LATIN_MAY_END or _LATIN_DOTTED.fullmatch(token):
        if kind != "space":
            return False
        after = _next_word(text, following)
        return bool(after) and _is_arabic_letter(after[0]) and after not in CONTINUATION_WORDS
    if len(unicodedata.normalize("NFKC", word)) == 1:
        return False  # an initial, or the end of a dotted abbreviation
    if kind == "letter":
        return len(word) >= 2 and all(_is_arabic_letter(c) for c in word)
    if kind == "space":
        position = following
        while position < len(text) and text[position] in _WHITESPACE_OR_MARKS + _OPENERS:
            position += 1
        if position < len(text) and "a" <= text[position] <= "z":
            return False  # "etc. and": the sentence goes on
    return True


def _is_arabic_acronym(text: str, token_start: int, stop: int) -> bool:
    """Whether the word around the point at ``stop`` is a dotted acronym (``بي.بي.سي``)."""
    if stop - token_start > 32:
        return False  # no acronym is that long
    end = stop
    while end < len(text) and end - token_start < 32 and text[end] not in _WHITESPACE_OR_MARKS:
        end += 1
    word = re.split(f"[{re.escape(_OPENERS)}]", text[token_start:end])[-1].rstrip(CLOSERS + ",،:;؛")
    acronym = _ARABIC_ACRONYM.fullmatch(word)
    if not acronym:
        return False
    parts = acronym.group(1).split(".")
    return len(parts) >= 3 or all(len(part) <= 2 for part in parts)


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


def _word_before(text: str, begin: int, position: int) -> tuple[int, str]:
    """(start, word) of the word that ends before ``position`` (spaces skipped)."""
    while position > begin and text[position - 1].isspace():
        position -= 1
    start = position
    while start > begin and not text[start - 1].isspace():
        start -= 1
    return start, text[start:position]


def _is_era_marker(text: str, begin: int, token_start: int, token: str) -> bool:
    """``2020م`` or ``1445 هـ``: an era marker after a number, which may end a sentence."""
    digits = _DIGITS.match(token)
    if digits:
        return token[digits.end():] in ERA_MARKERS
    if token not in ERA_MARKERS:
        return False
    _, word = _word_before(text, begin, token_start)
    return word[-1:].isdigit()


def _is_amount_in_dinars(text: str, begin: int, token_start: int, token: str) -> bool:
    """``600 م.د.``, ``7.8 آلاف م د.``, ``500 د.``: dinars after an amount may end a sentence."""
    if token not in ("د", "م.د"):
        return False
    start, word = _word_before(text, begin, token_start)
    if token == "د" and word == "م":
        start, word = _word_before(text, begin, start)
    return bool(word) and (word in _AMOUNT_WORDS or word[-1].isdigit())


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
