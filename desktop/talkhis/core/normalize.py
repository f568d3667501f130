"""Normalisation of Arabic text: one form for translation input, a stronger one for matching.

The user always sees the original; these functions only feed the model and the summariser.
Translation input gets NFKC (text from PDFs often arrives as Arabic presentation forms,
U+FB50–U+FDFF and U+FE70–U+FEFF, which NFKC turns into the letters a model knows), Persian/Urdu
letter forms mapped to Arabic, and tatweel and invisible (zero-width, bidi) controls removed.
Alef/hamza, alef maqsura and teh marbuta are folded only in :func:`for_matching`, because
folding them in translation input changes meaning.
"""

from __future__ import annotations

import re
import unicodedata

# Persian/Urdu/Kurdish letter forms that keyboards and copy-paste produce in Arabic text.
_LETTER_FORMS = str.maketrans(
    {
        "\u06cc": "\u064a",  # ی Farsi yeh -> ي
        "\u06d0": "\u064a",  # ې
        "\u06cd": "\u064a",  # ۍ
        "\u06a9": "\u0643",  # ک keheh -> ك
        "\u06aa": "\u0643",  # ڪ swash kaf
        "\u06be": "\u0647",  # ھ heh doachashmee -> ه
        "\u06c1": "\u0647",  # ہ heh goal
        "\u06d5": "\u0647",  # ە ae
        "\u06c3": "\u0629",  # ۃ teh marbuta goal -> ة
    }
)

# Tatweel, zero-width and bidirectional control characters: invisible, but they split tokens.
_INVISIBLE = re.compile(
    "[\u0640\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Harakat (fathatan..sukun), superscript alef, Quranic marks: a character class's contents, shared
# with Find (talkhis.core.search), which drops the same marks.
DIACRITIC_CHARS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_DIACRITICS = re.compile(f"[{DIACRITIC_CHARS}]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_BEFORE_COMMA = re.compile(r"\s+([,،؛;:.!?؟])")

_MATCH_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u0624": "\u0621",  # ؤ -> ء
        "\u0626": "\u0621",  # ئ -> ء
    }
)


def for_translation(text: str, *, strip_diacritics: bool = False) -> str:
    """The text a translation model should see for ``text``."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_LETTER_FORMS)
    text = _INVISIBLE.sub("", text)
    if strip_diacritics:
        text = _DIACRITICS.sub("", text)
    text = _SPACE_BEFORE_COMMA.sub(r"\1", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def for_matching(text: str) -> str:
    """A lower-cased, diacritic-free, hamza-folded form for word matching in the summariser."""
    text = for_translation(text, strip_diacritics=True)
    return text.translate(_MATCH_FOLD).casefold()


_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def detect_language(text: str) -> str:
    """``"ar"`` when Arabic letters outnumber Latin ones, else ``"en"``."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return "ar" if arabic >= latin and arabic > 0 else "en"
