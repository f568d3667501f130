"""What an export embeds stays text, and an exported file is readable like any file the user saves."""

from __future__ import annotations

import html
import os
import re
import stat
import sys

import pytest
from markdown_it import MarkdownIt

from talkhis.core import atomic, export
from talkhis.core.article import Article, Document, Result, Sentence, Summary, Translation

HOSTILE_TITLE = "Water & power: *urgent* | <b>draft</b> #1"
HOSTILE_ARABIC = [
    "وزارة المياه <script>alert('ar')</script> & الكهرباء",
    "قال الوزير: 1. الخطة *جديدة* | [رابط](http://198.51.100.7/) &amp;",
    "- لم تترجم هذه الجملة ~~بعد~~ `code`",
    "وأضاف أن    المزارعين\n\nسيستفيدون $5 و $3.",
]
HOSTILE_ENGLISH = [
    "Water & power <script>alert('en')</script>",
    "1. The minister said: the plan is *new* | see [link](http://198.51.100.7/) &amp; _more_",
    None,  # untranslated: the Arabic is shown in an HTML block, and a gloss with it
    "--- He added <img src=x onerror=alert(1)> that farmers gain $5 and $3 \\ ok",
]


def hostile_result() -> Result:
    sentences = tuple(Sentence(i, 0 if i == 0 else 1, text, heading=(i == 0))
                      for i, text in enumerate(HOSTILE_ARABIC))
    return Result(
        article=Article(Document("/tmp/a|b*c.txt", "\n".join(HOSTILE_ARABIC), "utf-8", "txt",
                                 title=HOSTILE_TITLE), sentences, "ar"),
        translations=[Translation(t) if t else None for t in HOSTILE_ENGLISH],
        summary=Summary("lexrank", (1, 2, 3)),
        model=None,
        glosses=[None, None, "not <yet> & *translated* | this", None],
    )


def rendered(markdown: str) -> str:
    renderer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return renderer.render(markdown)


def visible_text(rendered_html: str) -> str:
    """What a reader of the rendered page sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered_html)).split())


def test_markdown_shows_article_text_and_glosses_as_text_never_as_markup():
    result = hostile_result()
    page = rendered(export.to_markdown(result))

    # the only markup is the export's own: headings, the citation in italics, lists, quotes, divs
    tags = set(re.findall(r"<([a-z0-9]+)", page))
    assert tags <= {"h1", "h2", "h3", "p", "em", "ul", "li", "blockquote", "div", "i"}, tags
    assert page.count("<em>") == 2  # the citation line and the summary's "gloss:" label
    assert page.count("<li>") == 3 and page.count("<h1>") == 1 and page.count("<h3>") == 1

    seen = visible_text(page)
    for text in [HOSTILE_TITLE, *HOSTILE_ARABIC, *filter(None, HOSTILE_ENGLISH), *filter(None, result.glosses)]:
        assert " ".join(text.split()) in seen, text  # shown verbatim (spaces collapse, as in HTML)
    assert "\\" not in seen.replace("$3 \\ ok", "")  # no escape shows through


def test_markdown_of_plain_text_stays_readable():
    sentences = (Sentence(0, 0, "عنوان", heading=True), Sentence(1, 1, "جملة."))
    result = Result(article=Article(Document("/tmp/plain.txt", "عنوان\nجملة.\n", "utf-8", "txt"), sentences, "ar"),
                    translations=[Translation("A title"), Translation("The minister said 12 cities will start.")],
                    summary=Summary("lexrank", (1,)), model=None)
    markdown = export.to_markdown(result)
    assert "- The minister said 12 cities will start.\n  > جملة.\n" in markdown  # nothing escaped needlessly
    assert "### A title\n" in markdown


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_exports_follow_the_umask_like_any_saved_file(tmp_path, umask):
    from talkhis.cli import main
    from talkhis.core.export_docx import write_docx

    previous = os.umask(umask)
    try:
        atomic.write_text(tmp_path / "report.md", "# report\n")
        write_docx(hostile_result(), tmp_path / "report.docx")
        sample = tmp_path / "article.txt"
        sample.write_text("\n".join(HOSTILE_ARABIC[:2]) + "\n", encoding="utf-8")
        assert main(["summarize", str(sample), "--format", "markdown", "--output", str(tmp_path / "cli.md")]) == 0
        atomic.write_text(tmp_path / "secret.json", "{}", private=True)
    finally:
        os.umask(previous)
    expected = 0o666 & ~umask
    for name in ("report.md", "report.docx", "cli.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == expected, (name, oct(expected))
    assert stat.S_IMODE((tmp_path / "secret.json").stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old\n")

    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic.write_text(target, "new\n")
    assert target.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["report.md"]
