"""Word-by-word English glosses of Arabic words and sentences, for reading without a model.

A gloss is not a translation: each Arabic word gets the compact English of its most plausible
reading ("and the farmers"), in the Arabic word order. Names and words the lexicon does not
know pass through unchanged and are marked unknown; numbers (Arabic-Indic digits written as
0-9), Latin text and punctuation stay where they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from talkhis.core.lexicon.morphology import ARABIC_LETTERS as _ARABIC
from talkhis.core.lexicon.morphology import INSIDE_WORD as _INSIDE
from talkhis.core.lexicon.morphology import Analysis, analyse_normalised, normalise_word
from talkhis.core.lexicon.data import lexicon

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN = re.compile(
    rf"(?P<word>[{_ARABIC}][{_ARABIC}{_INSIDE}]*)"
    rf"|(?P<number>[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*[%\u066a]?)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:['’.\-][A-Za-z\u00c0-\u024f]+)*\.?)"
    r"|(?P<punctuation>\S)"
)
_TO_LATIN = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
        "\u066a": "%",
        "\u060c": ",",  # ، Arabic comma
        "\u061b": ";",  # ؛
        "\u061f": "?",  # ؟
        "\u06d4": ".",  # ۔ Urdu full stop
    }
)
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%\u060c\u061b\u061f")
# Proclitics sometimes written apart, usually with a tatweel before a quoted name: لـ”داعش”.
_DETACHED = {"ب": "by", "ل": "for", "ك": "like", "و": "and", "ف": "so"}
# An unknown word behind the article is still a name or a foreign word, but "the" is known:
# الدواعش → "the دواعش". Only article forms: a bare ب/ل/ك/و/ف begins too many names (بوتين).
_ARTICLE_CLITICS = (
    ("وبال", "and by the"), ("وال", "and the"), ("فال", "so the"), ("بال", "by the"),
    ("كال", "like the"), ("ولل", "and for the"), ("لل", "for the"), ("ال", "the"),
)


@dataclass(frozen=True)
class WordGloss:
    """One token of a sentence and its English."""

    text: str  # the token exactly as written
    gloss: str  # compact English; for unknown words, names, numbers and symbols: the token itself
    known: bool  # False for an Arabic word the lexicon has no reading for (names, typos...)
    kind: str = "word"  # "word" (Arabic), "number", "latin" or "punctuation"
    start: int = 0  # offsets of ``text`` in the glossed text
    end: int = 0
    space_before: bool = False  # whitespace separated it from the previous token
    analysis: Analysis | None = None  # the reading the gloss comes from, for words


@dataclass(frozen=True)
class Gloss:
    """A sentence glossed word by word; ``str(gloss)`` is the compact English line."""

    text: str
    tokens: tuple[WordGloss, ...]

    @property
    def words(self) -> tuple[WordGloss, ...]:
        return tuple(t for t in self.tokens if t.kind == "word")

    @property
    def unknown(self) -> tuple[WordGloss, ...]:
        return tuple(t for t in self.tokens if not t.known)

    def token_at(self, offset: int) -> WordGloss | None:
        """The token covering character ``offset`` of :attr:`text` (for hover popups)."""
        for token in self.tokens:
            if token.start <= offset < token.end:
                return token
        return None

    @property
    def compact(self) -> str:
        out: list[str] = []
        for token in self.tokens:
            if out and token.space_before and token.gloss[:1] not in _NO_SPACE_BEFORE:
                out.append(" ")
            out.append(token.gloss)
        return "".join(out)

    def __str__(self) -> str:
        return self.compact


def _gloss_arabic(text: str, start: int = 0, end: int = 0, space_before: bool = False) -> WordGloss:
    word = normalise_word(text)
    analyses = analyse_normalised(lexicon(), word) if word else ()
    if analyses:
        best = analyses[0]
        english = best.english or best.gloss or text
        return WordGloss(text, english, True, "word", start, end, space_before, best)
    if word in _DETACHED:
        return WordGloss(text, _DETACHED[word], True, "word", start, end, space_before)
    for clitics, english in _ARTICLE_CLITICS:
        if word.startswith(clitics) and len(word) - len(clitics) >= 3:
            rest = text[len(text) - len(word) + len(clitics) :] if len(text) == len(word) else word[len(clitics) :]
            return WordGloss(text, f"{english} {rest}", False, "word", start, end, space_before)
    return WordGloss(text, text, False, "word", start, end, space_before)


def _token(match: re.Match, space_before: bool) -> WordGloss:
    kind = match.lastgroup or "punctuation"
    text, start, end = match.group(), match.start(), match.end()
    if kind == "word":
        return _gloss_arabic(text, start, end, space_before)
    english = text.translate(_TO_LATIN) if kind in ("number", "punctuation") else text
    return WordGloss(text, english, True, kind, start, end, space_before)


def gloss_word(word: str) -> WordGloss:
    """The compact English of one word: ``gloss_word("والمزارعون").gloss == "and the farmers"``.

    An Arabic word the lexicon does not know (a foreign name such as كيغينز) comes back
    unchanged with ``known=False``; a number, Latin word or symbol comes back as itself.
    """
    word = word.strip()
    match = _TOKEN.fullmatch(word)
    if match is None:  # several tokens or none: gloss it as a phrase, keep the English together
        sentence = gloss_sentence(word)
        known = all(t.known for t in sentence.tokens)
        return WordGloss(word, sentence.compact, known, "word", 0, len(word))
    return _token(match, False)


def gloss_sentence(text: str) -> Gloss:
    """Every token of ``text`` with its gloss, in order, with offsets into ``text``."""
    tokens = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "punctuation" and unicodedata.category(match.group()) == "Cf":
            continue  # a stray direction mark or zero-width character: invisible, not a token
        space_before = match.start() > last_end
        if match.lastgroup == "word" and len(match.group()) == 1 and text[match.end() : match.end() + 1] == ".":
            token = WordGloss(match.group(), match.group(), False, "word", match.start(), match.end(), space_before)
        else:  # (a single letter before a period is an initial, as in مايلز ب. كيغينز)
            token = _token(match, space_before)
        tokens.append(token)
        last_end = match.end()
    return Gloss(text, tuple(tokens))


def gloss_text(text: str) -> str:
    """The compact English gloss line of ``text`` (what the pipeline stores per sentence)."""
    return gloss_sentence(text).compact
