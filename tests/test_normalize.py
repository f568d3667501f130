"""Normalisation: what the model sees is standard Arabic; what the user sees never changes."""

from __future__ import annotations

import pytest

from talkhis.core.normalize import detect_language, for_matching, for_translation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قیادة سوریا", "قيادة سوريا"),  # Farsi yeh
        ("المھام", "المهام"),  # heh doachashmee
        ("کتاب ڪبير", "كتاب كبير"),  # keheh, swash kaf
        ("الصلاۃ", "الصلاة"),  # teh marbuta goal
        ("الســـــلام", "السلام"),  # tatweel
        ("سوريا\u200f الديمقراطية\u200b", "سوريا الديمقراطية"),  # RLM, zero-width space
        ("\ufeffبداية", "بداية"),  # BOM in the middle of pasted text
        ("ﻷ ﺍﻟﻌﺮﺑﻴﺔ", "لأ العربية"),  # presentation forms (PDF text)
        ("في تصريحات , انه", "في تصريحات, انه"),  # space before a comma
        ("كلمة   و\u00a0كلمة", "كلمة و كلمة"),  # runs of spaces, no-break space
    ],
)
def test_translation_input_is_standard_arabic(raw, expected):
    assert for_translation(raw) == expected


def test_translation_keeps_meaningful_letters_and_diacritics():
    text = "إلى مستشفى أحمد في المدينةِ حواراً"
    assert for_translation(text) == text  # hamza, alef maqsura, teh marbuta, tashkeel kept
    assert for_translation(text, strip_diacritics=True) == "إلى مستشفى أحمد في المدينة حوارا"


def test_matching_folds_what_translation_keeps():
    assert for_matching("إلى مستشفى أحمد") == for_matching("الى مستشفي احمد")
    assert for_matching("تتحمّل حواراً") == "تتحمل حوارا"
    assert for_matching("سیطرتھا") == for_matching("سيطرتها")
    assert for_matching("The U.S. Army") == "the u.s. army"


def test_language_detection():
    assert detect_language("قال المتحدث باسم التحالف الدولي ISIS") == "ar"
    assert detect_language("The coalition said on Monday that العراق") == "en"
    assert detect_language("12345") == "en"
