"""Sentence segmentation: gold cases an analyst would notice if we got them wrong.

The rules are in ``talkhis.core.segment``'s docstring. Each case below is a sentence boundary
that a naive splitter gets wrong (initials, abbreviations, numbers, URLs, quotes...) or a
heading decision (title, subheadings, short sentences).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from talkhis.core.article import Document
from talkhis.core.segment import segment

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"


def doc(text: str, **kwargs) -> Document:
    return Document(path="article.txt", text=text, encoding="utf-8", format="txt", **kwargs)


def texts(text: str, language: str | None = None, **kwargs) -> list[str]:
    return [s.text for s in segment(doc(text, **kwargs), language).sentences]


def _visible(text: str) -> str:
    return re.sub("[\\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]", "", text)


def check_offsets(article) -> None:
    text = article.document.text
    assert [s.id for s in article.sentences] == list(range(len(article.sentences)))
    for s in article.sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
    # Nothing the user wrote is lost or duplicated between the sentences.
    assert _visible("".join(s.text for s in article.sentences)) == _visible(text)
    ends = [(s.start, s.end) for s in article.sentences]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


# ----- gold cases: one paragraph each (a lone paragraph is text, never a title) -----------------

GOLD = [
    pytest.param(
        "التقى الوزير بالعقيد مايلز ب. كيغينز في بغداد. ثم غادر إلى أربيل.",
        ["التقى الوزير بالعقيد مايلز ب. كيغينز في بغداد.", "ثم غادر إلى أربيل."],
        id="arabic-initial",
    ),
    pytest.param(
        "وقال الباحث J. Smith إن الخطة جيدة. وأضاف أنها متأخرة.",
        ["وقال الباحث J. Smith إن الخطة جيدة.", "وأضاف أنها متأخرة."],
        id="latin-initial-in-arabic",
    ),
    pytest.param(
        "وقال د. أحمد علي إن المياه تكفي. واستقبل م. سامي الوفد. ولم يذكر أ. خالد التفاصيل.",
        ["وقال د. أحمد علي إن المياه تكفي.", "واستقبل م. سامي الوفد.", "ولم يذكر أ. خالد التفاصيل."],
        id="arabic-title-abbreviations",
    ),
    pytest.param(
        "بني السد في القرن الثالث ق.م. على ضفة النهر. وما زال قائماً.",
        ["بني السد في القرن الثالث ق.م. على ضفة النهر.", "وما زال قائماً."],
        id="arabic-dotted-abbreviation",
    ),
    pytest.param(
        "افتتح الجسر عام 1445 هـ. وولد الشاعر عام 1950م. وتوفي عام 2001م.",
        ["افتتح الجسر عام 1445 هـ.", "وولد الشاعر عام 1950م.", "وتوفي عام 2001م."],
        id="era-marker-after-a-number-ends-a-sentence",
    ),
    pytest.param(
        "وصل وفد من U.S. Army إلى المدينة. وقال Dr. Brown إن الزيارة مهمة, e.g. للمزارعين.",
        ["وصل وفد من U.S. Army إلى المدينة.", "وقال Dr. Brown إن الزيارة مهمة, e.g. للمزارعين."],
        id="english-abbreviations-in-arabic",
    ),
    pytest.param(
        "ارتفع المنسوب 5.2 متر. وبلغ المخزون 1.000.000 متر مكعب.",
        ["ارتفع المنسوب 5.2 متر.", "وبلغ المخزون 1.000.000 متر مكعب."],
        id="decimals-and-thousands",
    ),
    pytest.param(
        "وقعت الاتفاقية في 12/03/2021. وبدأ التنفيذ في 01.04.2021 رسمياً.",
        ["وقعت الاتفاقية في 12/03/2021.", "وبدأ التنفيذ في 01.04.2021 رسمياً."],
        id="dates",
    ),
    pytest.param(
        "للمزيد من المعلومات زوروا موقع الوزارة https://example.com/a.b أو www.x.org. وراسلونا على "
        "info@water.gov.jo للاستفسار عن الخطة.",
        ["للمزيد من المعلومات زوروا موقع الوزارة https://example.com/a.b أو www.x.org.",
         "وراسلونا على info@water.gov.jo للاستفسار عن الخطة."],
        id="urls-and-e-mail",
    ),
    pytest.param(
        "هل تكفي المياه؟ لا أحد يعرف! لكن الوزارة متفائلة.",
        ["هل تكفي المياه؟", "لا أحد يعرف!", "لكن الوزارة متفائلة."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "وقال: “لن نترك المزارعين وحدهم.” وأضاف أن الدعم سيستمر.",
        ["وقال: “لن نترك المزارعين وحدهم.”", "وأضاف أن الدعم سيستمر."],
        id="stop-then-closing-quote",
    ),
    pytest.param(
        "ووصف الخطة بأنها «خطوة أولى». وقال إنها تحتاج إلى «تمويل سريع.» وغادر.",
        ["ووصف الخطة بأنها «خطوة أولى».", "وقال إنها تحتاج إلى «تمويل سريع.»", "وغادر."],
        id="guillemets-before-and-after-the-stop",
    ),
    pytest.param(
        "التقى الوزير قادة الاتحاد (وهم ثلاثة!) في مقر الوزارة. (انتهى الاجتماع مبكراً.) وغادر الوزير.",
        ["التقى الوزير قادة الاتحاد (وهم ثلاثة!) في مقر الوزارة.", "(انتهى الاجتماع مبكراً.)",
         "وغادر الوزير."],
        id="parentheses",
    ),
    pytest.param(
        "انتظر المزارعون طويلاً... ثم جاء المطر… وعادت الحياة…إلى القرى.",
        ["انتظر المزارعون طويلاً...", "ثم جاء المطر…", "وعادت الحياة…إلى القرى."],
        id="ellipsis",
    ),
    pytest.param(
        "قال الوزير, وهو يبتسم، إن الخطة جاهزة: التمويل متوفر؛ والفرق جاهزة; والمعدات وصلت.",
        ["قال الوزير, وهو يبتسم، إن الخطة جاهزة: التمويل متوفر؛ والفرق جاهزة; والمعدات وصلت."],
        id="never-at-commas-colons-semicolons",
    ),
    pytest.param(
        "انتهى الاجتماع.وقال الوزير إن الخطة جاهزة؟وأين التمويل.",
        ["انتهى الاجتماع.", "وقال الوزير إن الخطة جاهزة؟", "وأين التمويل."],
        id="missing-space-after-the-stop",
    ),
    pytest.param(
        "1. تبدأ الخطة غداً. 2. يستمر العمل سنة.",
        ["1. تبدأ الخطة غداً.", "2. يستمر العمل سنة."],
        id="numbered-list-items",
    ),
    pytest.param(
        "قال الوزير إن الخطة ستبدأ غداً. وأضاف أن التمويل متوفر",
        ["قال الوزير إن الخطة ستبدأ غداً.", "وأضاف أن التمويل متوفر"],
        id="no-final-punctuation",
    ),
    pytest.param(
        "قالت الوزارة.“الخطة جاهزة” وأكدت ذلك.",
        ["قالت الوزارة.", "“الخطة جاهزة” وأكدت ذلك."],
        id="stop-then-opening-quote",
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLD)
def test_gold_sentences(text, expected):
    article = segment(doc(text))
    assert article.language == "ar"
    assert [s.text for s in article.sentences] == expected
    assert not any(s.heading for s in article.sentences)
    check_offsets(article)


ENGLISH = [
    pytest.param(
        "Dr. Smith arrived in the U.S. on 5.2 percent... He left.",
        ["Dr. Smith arrived in the U.S. on 5.2 percent...", "He left."],
        id="english-dr-us-decimal-ellipsis",
    ),
    pytest.param(
        "Mr. J. R. Smith visited www.example.com/a.b on Monday. He wrote to john.doe@example.org. Then he left!",
        ["Mr. J. R. Smith visited www.example.com/a.b on Monday.", "He wrote to john.doe@example.org.",
         "Then he left!"],
        id="english-initials-url-email",
    ),
    pytest.param(
        'He said "Stop." Then, e.g. in May, prices rose by 3.5 percent.',
        ['He said "Stop."', "Then, e.g. in May, prices rose by 3.5 percent."],
        id="english-quote-and-eg",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_gold_sentences_via_pysbd(text, expected):
    article = segment(doc(text))
    assert article.language == "en"
    assert [s.text for s in article.sentences] == expected
    check_offsets(article)


# ----- headings --------------------------------------------------------------------------------


def test_title_and_short_lines_without_final_punctuation_are_headings_short_sentences_are_not():
    text = (
        "الوزارة تطلق خطة جديدة للمياه\n"
        "تفاصيل الخطة\n"
        "بدأ العمل.\n"
        "هل تنجح؟\n"
        "النتائج والتوقعات “الأولية”\n"
        "قال الوزير:\n"
        "تحسن الوضع كثيراً في القرى والمدن والأرياف البعيدة عن مجرى النهر منذ بداية الموسم الزراعي\n"
        "المصدر وكالة الأنباء\n"
    )
    article = segment(doc(text))
    assert [(s.paragraph, s.heading) for s in article.sentences] == [
        (0, True),  # the title
        (1, True),  # short, no final punctuation
        (2, False),  # a short sentence
        (3, False),  # a question
        (4, True),  # a closing quote alone is not final punctuation
        (5, False),  # introduces what follows
        (6, False),  # 15 words: too long for a heading
        (7, False),  # the last line heads nothing
    ]
    check_offsets(article)


def test_a_long_title_is_a_heading_but_a_lede_is_not():
    title = "التحالف الدولي: لا نسعى إلى الصراع مع أحد في سوريا مع احتفاظنا بحق الدفاع عن النفس"
    article = segment(doc(f"{title}\nقال المتحدث إن المهمة مستمرة.\n"))
    assert article.sentences[0].heading and article.sentences[0].text == title
    assert article.title == title
    lede = "أعلنت الوزارة يوم الأحد خطة جديدة.\nوقال الوزير إنها ستبدأ غداً.\n"
    assert not any(s.heading for s in segment(doc(lede)).sentences)
    two = "أعلنت الوزارة خطة جديدة. وقال الوزير إنها تبدأ غداً.\nتفاصيل\nالعمل مستمر.\n"
    assert [s.heading for s in segment(doc(two)).sentences] == [False, False, True, False]


def test_a_document_of_one_line_is_text_not_a_title():
    assert [(s.text, s.heading) for s in segment(doc("خطة المياه الجديدة\n")).sentences] == [
        ("خطة المياه الجديدة", False)
    ]


def test_headings_the_format_marks_are_whole_units():
    text = "العنوان\nالمقدمة. وهي طويلة. جداً.\nقال الوزير إن الخطة جاهزة.\n"
    article = segment(doc(text, headings=frozenset({1})))
    assert [(s.paragraph, s.heading, s.text) for s in article.sentences] == [
        (0, True, "العنوان"),
        (1, True, "المقدمة. وهي طويلة. جداً."),
        (2, False, "قال الوزير إن الخطة جاهزة."),
    ]


# ----- paragraphs, blank lines, offsets --------------------------------------------------------


def test_blank_lines_are_skipped_and_paragraphs_count_only_text():
    text = "\nالعنوان الرئيسي\n\n   \n\u200f\nقال الوزير إن الخطة جاهزة. وأضاف أنها تبدأ غداً.  \n\n  وختم بالشكر.\n\n"
    article = segment(doc(text))
    assert [(s.paragraph, s.heading, s.text) for s in article.sentences] == [
        (0, True, "العنوان الرئيسي"),
        (1, False, "قال الوزير إن الخطة جاهزة."),
        (1, False, "وأضاف أنها تبدأ غداً."),
        (2, False, "وختم بالشكر."),
    ]
    check_offsets(article)


def test_windows_line_endings_are_gone_after_the_reader(tmp_path):
    from talkhis.core.readers import read_document

    path = tmp_path / "crlf.txt"
    path.write_bytes("العنوان\r\nقال الوزير إن الخطة جاهزة. وأضاف أنها تبدأ غداً.\r\n\r\nوختم بالشكر.\r\n".encode())
    article = segment(read_document(path))
    assert [s.text for s in article.sentences] == [
        "العنوان", "قال الوزير إن الخطة جاهزة.", "وأضاف أنها تبدأ غداً.", "وختم بالشكر."]
    assert [s.paragraph for s in article.sentences] == [0, 1, 1, 2]
    assert not any("\r" in s.text for s in article.sentences)
    check_offsets(article)


def test_empty_document_has_no_sentences():
    assert segment(doc(""), "ar").sentences == ()
    assert segment(doc("\n \n"), "en").sentences == ()


def test_language_is_detected_or_refused():
    assert segment(doc("قال الوزير إن الخطة جاهزة.")).language == "ar"
    assert segment(doc("The minister said the plan is ready.")).language == "en"
    with pytest.raises(ValueError, match="fr"):
        segment(doc("Le ministre."), "fr")


# ----- the real article and our own samples ------------------------------------------------------


def test_the_shared_real_article_gives_19_sentences_and_6_headings(coalition_path):
    article = segment(doc(coalition_path.read_text(encoding="utf-8")))
    sentences = article.sentences
    assert article.language == "ar"
    assert len(sentences) == 25
    assert sum(s.heading for s in sentences) == 6
    assert sentences[0].heading and sentences[0].paragraph == 0
    assert sentences[0].text.startswith("التحالف الدولي: لا نسعى") and sentences[0].text.endswith("عن النفس")
    assert [s.text for s in sentences if s.heading][1:] == [
        "احتمال ظهور “داعش” وارد", "تواصل مستمر", "تكثيف العمليات", "استراتيجية جديدة", "تعزيز الشراكات"]
    # The initial does not cut the sentence in two.
    (kiggins,) = [s for s in sentences if "مایلز ب. كیغینز" in s.text]
    assert kiggins.text.startswith("كما وتوقفت “اندبندنت عربية”") and kiggins.text.endswith("المدنیین الأبرياء.")
    # Nothing ends at a comma (Arabic or Latin) or a semicolon: those are clauses, not sentences.
    assert not any(s.text.endswith(("،", ",", "؛", ";", ":")) for s in sentences)
    # Two paragraphs hold two sentences after a closing quote / full stop.
    per_paragraph = [sum(1 for s in sentences if s.paragraph == p) for p in range(22)]
    assert per_paragraph == [1, 1, 1, 2, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    assert sentences[4].text.startswith("العمل على مكافحة داعش") and sentences[4].text.endswith("التهديدات.”")
    check_offsets(article)


def test_our_arabic_sample_matches_its_hand_made_gold():
    text = (SAMPLES / "ministry-water-ar.txt").read_text(encoding="utf-8")
    gold = json.loads((SAMPLES / "ministry-water-ar.expected.json").read_text(encoding="utf-8"))
    article = segment(doc(text))
    assert article.language == "ar"
    got = [{"paragraph": s.paragraph, "heading": s.heading, "text": s.text} for s in article.sentences]
    assert got == gold
    assert len(got) == 24 and sum(u["heading"] for u in got) == 6
    check_offsets(article)


def test_our_arabic_sample_has_the_hard_cases_it_claims():
    text = (SAMPLES / "ministry-water-ar.txt").read_text(encoding="utf-8")
    for needle in ("\u06cc", "\u06be", "\u0640", "\u0651", "\u064b", "“", ".”", " ,", "القرى,",
                   "سامر ع. الحسيني", "د. ", "3.5", "12/03/2024", "%", "؟"):
        assert needle in text, needle
    assert 12 <= len(text.splitlines()[0].split()) <= 17


def test_our_english_sample_segments_right():
    text = (SAMPLES / "port-reopening-en.txt").read_text(encoding="utf-8")
    article = segment(doc(text))
    assert article.language == "en"
    units = [(s.paragraph, s.heading, s.text) for s in article.sentences]
    assert [u for u in units if u[1]] == [
        (0, True, "Port of Marissa Reopens After Three-Week Closure"),
        (2, True, "Repairs and costs"),
        (4, True, "What comes next"),
    ]
    body = [u[2] for u in units if not u[1]]
    assert len(body) == 9
    assert body[2] == ("Dr. Helen Ortega, the port's chief engineer, said crews had rebuilt 1.2 kilometres "
                       "of the breakwater in record time.")
    assert body[5] == "A delegation from the U.S. Maritime Administration is expected to visit the port next week."
    assert body[7] == '"We have a backlog of more than 40 ships," one agent said.'
    assert [u[0] for u in units] == [0, 1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 5]
    check_offsets(article)


# ----- speed and independence ------------------------------------------------------------------


def test_four_thousand_sentences_in_well_under_a_second():
    sample = (SAMPLES / "ministry-water-ar.txt").read_text(encoding="utf-8")
    text = sample * 170  # 170 x 24 units
    started = time.perf_counter()
    article = segment(doc(text))
    elapsed = time.perf_counter() - started
    assert len(article.sentences) >= 4000
    assert elapsed < 0.5, f"{elapsed:.2f}s"
    # One enormous paragraph must not be quadratic either.
    one_line = " ".join(line for line in sample.splitlines()[1:3]) + " "
    started = time.perf_counter()
    article = segment(doc(one_line * 1400))
    elapsed = time.perf_counter() - started
    assert len(article.sentences) == 4200
    assert elapsed < 0.5, f"{elapsed:.2f}s"


def test_the_segmenter_does_not_import_qt():
    code = "import sys, talkhis.core.segment; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
