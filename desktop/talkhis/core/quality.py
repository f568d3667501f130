"""Where not to trust the English: a confidence, a band and flags with reasons, per sentence.

Real models repeat themselves on names and short inputs, hand the source back untranslated and
drop or change numbers. Each translated sentence is checked against its Arabic source:

- **confidence**: ``exp(score)``, where the score is CTranslate2's log-probability of the output
  divided by its length (``length_penalty=1``), i.e. the geometric mean of the tokens'
  probabilities, 0..1. None when the model gave no score.
- **band**: ``high`` (confidence ≥ :data:`HIGH`), ``medium`` (≥ :data:`MEDIUM`) or ``low``; a
  sentence with a flag is at most ``medium``, and one whose English is repeated, untranslated or
  has a number wrong is ``low`` whatever the model's confidence.
- **flags**: ``repetition`` (a word or a run of up to four words three or more times in a row),
  ``untranslated`` (Arabic script left in the English, or the English equal to the source),
  ``length`` (English words per Arabic word outside :data:`LENGTH_RATIO`), ``number`` (a
  number of the source missing or changed in the English; Arabic-Indic digits, the Arabic
  decimal and thousands separators and per cent in either script or in words are understood),
  ``glossary`` (a term of the analyst's glossary, ``core/glossary.py``, in the Arabic whose
  rendering the English lacks: «قسد» should read "SDF"; matched case-insensitively as whole
  words, a plural or possessive accepted).

Pure Python and cheap: the exports and the window call :func:`assess` when they show a sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# The band thresholds, on the mean token probability. Provisional: set from the usual range of
# length-normalised log-probabilities of transformer-base MT (fluent output about -0.2..-0.6,
# i.e. 0.55..0.8; degenerate output below -1, i.e. under 0.37). They have NOT been fitted on
# human judgements of a real Arabic→English model (none is available offline here); refit them
# on one with bench/ when a real model is at hand. ``bench/run.py --only bands`` checks only their
# direction and scale on the one trained model here, a character transliteration model: its own
# spellings of 20 names score 0.69-0.93 (all high), spellings forced on it (another name's,
# shuffled, repeated, cut in half) 0.0005-0.21 (all low).
HIGH = 0.55
MEDIUM = 0.35
# English words per Arabic word. Arabic writes articles, prepositions and pronouns into the word,
# so English is usually 1.1-1.8 times as many words; outside 0.5-3.5 something was lost or added.
LENGTH_RATIO = (0.5, 3.5)
MIN_WORDS_FOR_RATIO = 4  # a name or a two-word heading says nothing about the ratio
SEVERE = frozenset({"repetition", "untranslated", "number"})

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# A number: digits with thousands separators (, or Arabic ٬) and a decimal part (. or Arabic ٫).
_NUMBER = re.compile(r"(?<![\d.,\u066b\u066c])(\d{1,3}(?:[,\u066c]\d{3})+|\d+)(?:[.\u066b](\d+))?(?!\d)")
_PERCENT_AR = re.compile(r"^\s*(?:%|٪|في\s*الم[ئا]+ة|بالم[ئا]+ة|بالمئة|بالمائة)")
_PERCENT_EN = re.compile(r"^\s*(?:%|per\s*cent|percent(?:age)?\b|pct\b)", re.IGNORECASE)
_PERCENT_BEFORE_AR = re.compile(r"[%٪]\s*$")
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
}  # scale words (hundred, million...) multiply a number; they are not one on their own


@dataclass(frozen=True)
class Flag:
    code: str  # "repetition", "untranslated", "length", "number", "glossary"
    reason: str  # one line for the analyst, e.g. "number 25 missing in the English"


@dataclass(frozen=True)
class Quality:
    confidence: float | None
    band: str  # "high", "medium", "low"
    flags: tuple[Flag, ...] = ()

    def as_dict(self) -> dict:
        """The JSON form: ``{"confidence", "band", "flags": [{"code", "reason"}]}``."""
        return {
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "band": self.band,
            "flags": [{"code": f.code, "reason": f.reason} for f in self.flags],
        }

    @property
    def summary(self) -> str:
        """One line for a marker or a tooltip: the band and the reasons."""
        reasons = "; ".join(f.reason for f in self.flags)
        head = f"{self.band} confidence" + (f" ({self.confidence:.0%})" if self.confidence is not None else "")
        return f"{head}: {reasons}" if reasons else head


def confidence_of(score: float | None) -> float | None:
    if score is None or not math.isfinite(score):
        return None
    return max(0.0, min(1.0, math.exp(score)))


def _band(confidence: float | None) -> str:
    if confidence is None:
        return "medium"  # no score (e.g. an old cached translation): neither trusted nor doubted
    return "high" if confidence >= HIGH else "medium" if confidence >= MEDIUM else "low"


def repetition(english: str) -> Flag | None:
    words = [w.lower() for w in _WORD.findall(english)]
    for size in range(1, 5):
        for start in range(len(words) - 3 * size + 1):
            gram = words[start:start + size]
            if gram == words[start + size:start + 2 * size] == words[start + 2 * size:start + 3 * size]:
                times = 3
                while words[start + times * size:start + (times + 1) * size] == gram:
                    times += 1
                return Flag("repetition", f"“{' '.join(gram)}” repeated {times} times in a row")
    return None


def untranslated(source: str, english: str) -> Flag | None:
    # A line of only a date, a number or a Latin name ("2024", "CNN") reads the same in English.
    if _ARABIC_LETTER.search(source) and _squash(source) and _squash(source) == _squash(english):
        return Flag("untranslated", "the English is the Arabic source unchanged")
    letters = _LETTER.findall(english)
    arabic = sum(1 for c in letters if _ARABIC_LETTER.match(c))
    if letters and arabic / len(letters) >= 0.2:
        return Flag("untranslated", f"{arabic / len(letters):.0%} of the English is still Arabic script")
    return None


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.translate(_DIGITS))).lower()


def length(source: str, english: str) -> Flag | None:
    source_words, english_words = len(_WORD.findall(source)), len(_WORD.findall(english))
    if source_words < MIN_WORDS_FOR_RATIO:
        return None
    ratio = english_words / source_words
    low, high = LENGTH_RATIO
    if ratio < low:
        return Flag("length", f"the English has {english_words} words for {source_words} Arabic words (too short)")
    if ratio > high:
        return Flag("length", f"the English has {english_words} words for {source_words} Arabic words (too long)")
    return None


def numbers(text: str, arabic: bool) -> Counter:
    """The numbers of a text as canonical strings (``"1500"``, ``"2.5"``, ``"25%"``)."""
    text = text.translate(_DIGITS)
    found: Counter = Counter()
    for match in _NUMBER.finditer(text):
        whole = re.sub(r"[,\u066c]", "", match.group(1)).lstrip("0") or "0"
        value = whole + (f".{match.group(2).rstrip('0')}" if match.group(2) and match.group(2).strip("0") else "")
        after, before = text[match.end():match.end() + 20], text[max(0, match.start() - 2):match.start()]
        percent = (_PERCENT_AR.match(after) or _PERCENT_EN.match(after)
                   or (arabic and _PERCENT_BEFORE_AR.search(before)))
        found[value + ("%" if percent else "")] += 1
    if not arabic:
        for word in _WORD.findall(text.lower()):
            if word in _NUMBER_WORDS:
                found[_NUMBER_WORDS[word]] += 1
    return found


# "12 ألف" (12 thousand) is 12,000 in English: the scale words after an Arabic number.
_SCALE_AR = re.compile(r"\s*(ألف|آلاف|الف|مليون|ملايين|مليار|مليارات)")
_SCALES_AR = {"ألف": 1_000, "آلاف": 1_000, "الف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000,
              "مليار": 1_000_000_000, "مليارات": 1_000_000_000}


def scaled_numbers(source: str) -> dict[str, str]:
    """Arabic numbers followed by a scale word, with the value an English text may write instead
    (``"12" → "12000"``; "3.5 مليار" stays "3.5" in "3.5 billion", which is also accepted)."""
    text = source.translate(_DIGITS)
    scaled = {}
    for match in _NUMBER.finditer(text):
        scale = _SCALE_AR.match(text, match.end())
        if not scale:
            continue
        whole = re.sub(r"[,\u066c]", "", match.group(1)).lstrip("0") or "0"
        value = whole + (f".{match.group(2).rstrip('0')}" if match.group(2) and match.group(2).strip("0") else "")
        product = float(value) * _SCALES_AR[scale.group(1)]
        scaled[value] = str(int(product)) if product == int(product) else str(product)
    return scaled


def number(source: str, english: str) -> Flag | None:
    wanted, got = numbers(source, arabic=True), numbers(english, arabic=False)
    scaled = scaled_numbers(source)
    missing = []
    for value, count in wanted.items():
        if got[value] >= count or (value in scaled and got[scaled[value]] >= 1):
            continue
        bare = value.rstrip("%")
        if value.endswith("%") and got[bare]:
            return Flag("number", f"{value} lost its per cent in the English")
        missing.append(value)
    if not missing:
        return None
    extra = sorted((got - wanted).keys() - set(wanted))
    shown = ", ".join(v for v in missing)
    if extra:
        return Flag("number", f"number {shown} changed in the English (it has {', '.join(v for v in extra)})")
    return Flag("number", f"number {shown} missing in the English")


@lru_cache(maxsize=512)
def _rendering(english: str) -> re.Pattern:
    """A glossary rendering as a whole word or phrase, any case and spacing, with a simple plural
    or possessive ("SDF" finds "SDF", "sdf", "SDF's", "SDFs"; never "SDFX")."""
    words = english.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?:['’]s|s|es|['’])?(?!\w)",
                      re.IGNORECASE)


def glossary(source: str, english: str, table: dict | None = None) -> Flag | None:
    """The glossary terms of ``source`` whose rendering ``english`` lacks, as one flag.

    ``table`` is :func:`talkhis.core.glossary.lookup_table`'s (folded Arabic → (English, kind));
    None reads the analyst's stored glossary (an ``os.stat`` when it has not changed).
    """
    from talkhis.core import glossary as analyst_glossary  # stdlib-only until a term is looked for

    table = analyst_glossary.lookup_table() if table is None else table
    if not table:
        return None
    missing = [f"«{arabic}» should read \"{rendering}\""
               for arabic, rendering in analyst_glossary.terms_in(source, table)
               if not _rendering(rendering).search(english)]
    return Flag("glossary", "; ".join(missing)) if missing else None


def assess(source: str, english: str | None, score: float | None,
           glossary_table: dict | None = None) -> Quality | None:
    """The quality of ``english`` as the translation of ``source``; None when there is no English.

    ``glossary_table``: the glossary the English is checked against (:func:`glossary`); None
    means the analyst's stored one, ``{}`` none.
    """
    if english is None:
        return None
    if not english.strip():
        if not _WORD.search(source):
            return None  # nothing to translate (punctuation only)
        return Quality(confidence_of(score), "low", (Flag("untranslated", "the model gave no English"),))
    flags = tuple(f for f in (repetition(english), untranslated(source, english), length(source, english),
                              number(source, english), glossary(source, english, glossary_table)) if f is not None)
    confidence = confidence_of(score)
    band = _band(confidence)
    if any(f.code in SEVERE for f in flags):
        band = "low"
    elif flags and band == "high":
        band = "medium"
    return Quality(confidence, band, flags)
