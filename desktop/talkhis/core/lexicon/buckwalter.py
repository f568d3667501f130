"""Tim Buckwalter's transliteration: the ASCII spelling the lexicon's data files are written in.

Arabic → Buckwalter is only used for lookup keys (letters without diacritics); Buckwalter →
Arabic turns the lexicon's vocalised forms and lemmas back into Arabic script for display.
"""

from __future__ import annotations

_TO_ARABIC = {
    "'": "\u0621",  # ء hamza
    "|": "\u0622",  # آ alef madda
    ">": "\u0623",  # أ alef hamza above
    "&": "\u0624",  # ؤ
    "<": "\u0625",  # إ alef hamza below
    "}": "\u0626",  # ئ
    "A": "\u0627",  # ا
    "b": "\u0628",
    "p": "\u0629",  # ة teh marbuta
    "t": "\u062a",
    "v": "\u062b",  # ث
    "j": "\u062c",
    "H": "\u062d",  # ح
    "x": "\u062e",  # خ
    "d": "\u062f",
    "*": "\u0630",  # ذ
    "r": "\u0631",
    "z": "\u0632",
    "s": "\u0633",
    "$": "\u0634",  # ش
    "S": "\u0635",  # ص
    "D": "\u0636",  # ض
    "T": "\u0637",  # ط
    "Z": "\u0638",  # ظ
    "E": "\u0639",  # ع
    "g": "\u063a",  # غ
    "_": "\u0640",  # tatweel
    "f": "\u0641",
    "q": "\u0642",
    "k": "\u0643",
    "l": "\u0644",
    "m": "\u0645",
    "n": "\u0646",
    "h": "\u0647",
    "w": "\u0648",
    "Y": "\u0649",  # ى alef maqsura
    "y": "\u064a",
    "F": "\u064b",  # fathatan
    "N": "\u064c",  # dammatan
    "K": "\u064d",  # kasratan
    "a": "\u064e",  # fatha
    "u": "\u064f",  # damma
    "i": "\u0650",  # kasra
    "~": "\u0651",  # shadda
    "o": "\u0652",  # sukun
    "`": "\u0670",  # dagger alef
    "{": "\u0671",  # ٱ alef wasla
    "P": "\u067e",  # پ
    "J": "\u0686",  # چ
    "V": "\u06a4",  # ڤ
    "G": "\u06af",  # گ
}
_TO_ARABIC_TABLE = str.maketrans(_TO_ARABIC)

# Lookup keys hold letters only; alef wasla is written as a plain alef in running text.
_DIACRITICS = "FNKauio~`_"
_TO_BUCKWALTER = {arabic: latin for latin, arabic in _TO_ARABIC.items() if latin not in _DIACRITICS + "{"}
_TO_BUCKWALTER["\u0671"] = "A"
LETTERS = frozenset(_TO_BUCKWALTER)


def to_arabic(buckwalter: str) -> str:
    """Arabic script for a Buckwalter string (vowels and shadda become diacritics)."""
    return buckwalter.translate(_TO_ARABIC_TABLE)


def to_buckwalter(arabic: str) -> str | None:
    """The lookup key for an undiacritised Arabic word, or None if it holds a letter we can't spell."""
    out = []
    for char in arabic:
        latin = _TO_BUCKWALTER.get(char)
        if latin is None:
            return None
        out.append(latin)
    return "".join(out)
