"""Hard-wrapped text is rejoined into paragraphs before segmentation; other text is left alone."""

from __future__ import annotations

import textwrap

from talkhis.core.article import Document
from talkhis.core.readers import read_document
from talkhis.core.reflow import is_wrapped, reflow, reflow_document
from talkhis.core.segment import segment

TITLE = "Ministry announces new water plan"
PARAGRAPHS = [
    "The ministry of water resources announced on Sunday a national plan to reduce losses in the "
    "distribution network by a third within five years. The plan covers every governorate and "
    "starts with the cities that lose the most water through old pipes.",
    "Officials said the first phase will replace two thousand kilometres of pipes and install "
    "meters in half a million homes. Farmers will receive support to move to drip irrigation, "
    "which uses far less water than flooding the fields.",
    "The minister said the cost would be shared with international partners and that tenders "
    "would open before the end of the year. Critics asked how the plan would be paid for after "
    "the partners' money runs out.",
]
ARABIC = [
    "أعلنت وزارة الموارد المائية يوم الأحد خطة وطنية لخفض الفاقد في شبكة التوزيع بمقدار الثلث "
    "خلال خمس سنوات، وتشمل الخطة جميع المحافظات وتبدأ بالمدن الأكثر فقدا للمياه بسبب الأنابيب القديمة.",
    "وقال المسؤولون إن المرحلة الأولى ستستبدل ألفي كيلومتر من الأنابيب وتركب عدادات في نصف مليون منزل، "
    "وسيحصل المزارعون على دعم للانتقال إلى الري بالتنقيط الذي يستهلك مياها أقل بكثير.",
]


def wrapped(paragraphs, width=72, indent="", blank=False, title=None):
    lines = [title] if title else []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width, initial_indent=indent)
        if blank:
            lines.append("")
    return "\n".join(lines)


def paragraphs_of(text):
    return [line for line in text.split("\n") if line.strip()]


def test_blank_line_separated_wrapped_paragraphs_are_rejoined():
    text = wrapped(PARAGRAPHS, blank=True)
    assert is_wrapped(text)
    assert paragraphs_of(reflow(text)) == PARAGRAPHS


def test_indentation_alone_separates_paragraphs():
    text = wrapped(PARAGRAPHS, indent=" ")
    assert [p.strip() for p in paragraphs_of(reflow(text))] == PARAGRAPHS


def test_a_short_title_stays_its_own_paragraph_and_a_heading():
    text = wrapped(PARAGRAPHS, indent="  ", title=TITLE)
    result = paragraphs_of(reflow(text))
    assert result[0] == TITLE
    assert [p.strip() for p in result[1:]] == PARAGRAPHS
    article = segment(Document("<t>", reflow(text), "utf-8", "txt"), "en")
    assert article.sentences[0].heading and article.sentences[0].text == TITLE
    assert not any(s.heading for s in article.sentences[1:])


def test_a_subheading_between_paragraphs_stays_a_heading():
    lines = wrapped(PARAGRAPHS[:1], blank=True).split("\n")
    lines += ["Cost and critics", ""] + wrapped(PARAGRAPHS[1:], blank=True).split("\n")
    result = paragraphs_of(reflow("\n".join(lines)))
    assert result == [PARAGRAPHS[0], "Cost and critics", *PARAGRAPHS[1:]]


def test_a_long_first_line_that_runs_on_is_body_text_not_a_title():
    text = wrapped(PARAGRAPHS, indent=" ")
    first_line = text.split("\n")[0]
    assert not first_line.rstrip().endswith(".")  # it would pass for a title on its own
    article = segment(Document("<t>", reflow(text), "utf-8", "txt"), "en")
    assert not any(s.heading for s in article.sentences)
    assert article.sentences[0].text == PARAGRAPHS[0].split(". ")[0] + "."


def test_wrapped_arabic_sentences_are_whole_again():
    text = wrapped(ARABIC, width=70, indent=" ")
    assert is_wrapped(text)
    article = segment(Document("<t>", reflow(text), "utf-8", "txt"), "ar")
    assert [s.text for s in article.sentences] == ARABIC
    broken = segment(Document("<t>", text, "utf-8", "txt"), "ar")
    assert len(broken.sentences) > len(ARABIC)  # without reflow: fragments and a false title


def test_text_written_one_paragraph_per_line_is_not_touched():
    text = "\n".join([TITLE, *PARAGRAPHS, "Short closing line without a stop"])
    assert not is_wrapped(text)
    assert reflow(text) is text
    poem = "\n".join(["The river runs", "under the bridge", "the night is long", "and so am I", "gone"])
    assert reflow(poem) is poem  # short lines are not wrapping


def test_lines_ending_in_stops_at_a_fixed_width_are_not_wrapping():
    sentences = [p.split(". ")[0] + "." for p in PARAGRAPHS] * 3
    text = "\n".join(sentences)
    assert reflow(text) is text


def test_marked_headings_are_renumbered_and_never_joined():
    body = wrapped(PARAGRAPHS[:2], indent=" ").split("\n")
    lines = [body[0], body[1], "Marked by the format as a heading but long enough to look like part of",
             *body[2:]]
    document = Document("<t>", "\n".join(lines), None, "docx", headings=frozenset({2}))
    result = reflow_document(document)
    paragraphs = paragraphs_of(result.text)
    heading_index = paragraphs.index("Marked by the format as a heading but long enough to look like part of")
    assert result.headings == frozenset({heading_index})
    assert len(paragraphs) < len(lines)


def test_the_reader_reflows_a_wrapped_file(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped(PARAGRAPHS, indent=" ", title=TITLE).replace("\n", "\r\n"), encoding="utf-8")
    document = read_document(path)
    assert [p.strip() for p in paragraphs_of(document.text)] == [TITLE, *PARAGRAPHS]
    article = segment(document, "en")
    for sentence in article.sentences:
        assert document.text[sentence.start:sentence.end] == sentence.text


def test_list_items_in_wrapped_text_stay_separate():
    items = [
        "1. Replace two thousand kilometres of old pipes in the cities that lose the most water.",
        "2. Install meters in half a million homes before the end of the coming year.",
        "- Support farmers who move from flooding their fields to drip irrigation systems.",
    ]
    lines = wrapped(PARAGRAPHS[:2], blank=True).split("\n")
    for item in items:
        lines += textwrap.wrap(item, 72)
    result = paragraphs_of(reflow("\n".join(lines)))
    assert result == [*PARAGRAPHS[:2], *items]


def test_a_huge_wrapped_file_without_paragraph_breaks_becomes_one_paragraph():
    line = "word " * 14 + "and the sentence goes on"
    text = "\n".join([line] * 200_000)  # 18 MB of full lines that never end a sentence
    result = reflow(text)
    assert result.count("\n") == 0 and len(result) == len(text)
