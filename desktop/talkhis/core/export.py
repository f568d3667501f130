"""A result as the JSON contract, Markdown, plain text or HTML; the citation line for reports."""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
from pathlib import Path

from talkhis.core.article import Result
from talkhis.core.normalize import detect_language
from talkhis.core.ocr import LOW_CONFIDENCE as LOW_OCR_CONFIDENCE
from talkhis.core.quality import Quality, assess


def citation(result: Result, when: _dt.datetime | None = None) -> str:
    """``Title — file.txt — processed 2026-11-24 — model: name (layout)``."""
    when = when or _dt.datetime.now()
    model = f"model: {result.model.name} ({result.model.layout})" if result.model else "no translation model"
    name = Path(result.article.document.path).name
    return f"{result.article.title} — {name} — processed {when:%Y-%m-%d %H:%M} — {model}"


def to_dict(result: Result) -> dict:
    """The stable JSON contract of ``talkhis summarize --format json``.

    Sentences and summary items gain a ``"gloss"`` key (word-by-word English from the lexicon,
    or null) only when glossing was on; sentences read by OCR gain ``"ocr_confidence"`` (0-100)
    and ``"ocr_doubtful_words"`` (the words OCR was least sure of); an Arabic article gains
    ``"entities"`` (people, places, organisations: kind, arabic, english, count, sentence_ids).
    """
    doc = result.article.document
    data = {
        "source": {
            "path": doc.path,
            "title": result.article.title,
            "language": result.article.language,
            "encoding": doc.encoding,
            "format": doc.format,
            "notes": list(doc.notes),
        },
        "model": {"name": result.model.name, "layout": result.model.layout} if result.model else None,
        "sentences": [
            {
                "id": s.id,
                "paragraph": s.paragraph,
                "heading": s.heading,
                "text": s.text,
                "translation": result.translation_of(s.id),
                "score": result.translations[s.id].score if result.translations[s.id] else None,
                "quality": q.as_dict() if (q := quality_of(result, s.id)) else None,
            }
            for s in result.sentences
        ],
        "summary": {
            "algorithm": result.summary.algorithm,
            "items": [
                {"id": i, "text": result.sentences[i].text, "translation": result.translation_of(i)}
                for i in result.summary.ids
            ],
        }
        if result.summary
        else None,
        "warnings": list(result.warnings),
    }
    if result.glosses is not None:
        for item in [*data["sentences"], *(data["summary"]["items"] if data["summary"] else [])]:
            item["gloss"] = result.gloss_of(item["id"])
    if doc.ocr_words:  # read from a scan: how sure OCR was of each sentence, and of which words not
        for item, sentence in zip(data["sentences"], result.sentences):
            confidence = doc.ocr_confidence(sentence.start, sentence.end)
            item["ocr_confidence"] = round(confidence, 1) if confidence is not None else None
            item["ocr_doubtful_words"] = [doc.text[w.start:w.end] for w in doc.ocr_words
                                          if sentence.start <= w.start < sentence.end and w.confidence < LOW_OCR_CONFIDENCE]
    if result.entities is not None:  # kind, arabic, english, count, sentence_ids
        data["entities"] = [entity.to_dict() for entity in result.entities]
    return data


def quality_of(result: Result, sentence_id: int) -> Quality | None:
    """How far to trust a sentence's English (core/quality.py); None when it has none."""
    translation = result.translations[sentence_id]
    if translation is None:
        return None
    return assess(result.sentences[sentence_id].text, translation.text, translation.score)


def check_marker(result: Result, sentence_id: int) -> str:
    """`` ⚠ [check: reasons]`` after an English sentence the analyst should check, else "" (also
    where no English is shown: no translation, or an empty one, which shows the gloss instead)."""
    if not result.translation_of(sentence_id):
        return ""
    quality = quality_of(result, sentence_id)
    if quality is None or (quality.band != "low" and not quality.flags):
        return ""
    return f" ⚠ [check: {quality.summary}]"

_JSON_UNSAFE = re.compile("[\u0085\u2028\u2029\ud800-\udfff]")


def to_json(result: Result) -> str:
    """One line of valid UTF-8: the line separators some readers split on (U+0085, U+2028,
    U+2029) and the surrogate escapes of a non-UTF-8 file name are written as \\u escapes."""
    line = json.dumps(to_dict(result), ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def _bullets(result: Result) -> list[tuple[str | None, str]]:
    return [(result.translation_of(i), result.sentences[i].text) for i in (result.summary.ids if result.summary else ())]


GLOSS_LABEL = "GLOSS"  # how every output marks a word-by-word gloss (it is not a translation)


def english_of(result: Result, sentence_id: int) -> tuple[str | None, str | None]:
    """The English the window shows for a sentence: ``(translation, None)``, else
    ``(gloss, GLOSS_LABEL)``, else ``(None, None)``."""
    english = result.translation_of(sentence_id)
    if english:
        return english, None
    gloss = result.gloss_of(sentence_id)
    return (gloss, GLOSS_LABEL) if gloss else (None, None)


def _summary_lines(result: Result, languages: str) -> list[tuple[str, str | None, str, str | None]]:
    """What the summary pane shows, bullet by bullet: ``(bullet, label, marker, text beneath)``.

    The bullet is the English, else the labelled gloss, else the Arabic; the Arabic goes beneath
    an English or gloss bullet when ``languages`` is "both". ``label`` is GLOSS or None. ``marker``
    is an English bullet's `` ⚠ [check: …]`` (else ""): a pasted bullet keeps its warning.
    """
    lines = []
    for i in result.summary.ids if result.summary else ():
        arabic = result.sentences[i].text
        english, label = english_of(result, i)
        if languages in ("both", "english") and english:
            lines.append((english, label, check_marker(result, i), arabic if languages == "both" else None))
        else:
            lines.append((arabic, None, "", None))
    return lines


def summary_text(result: Result, languages: str = "both") -> str:
    """The bullets as plain text, headed by the citation line (what "Copy summary" puts)."""
    lines = [citation(result), ""]
    for bullet, label, marker, beneath in _summary_lines(result, languages):
        lines.append((f"• {label}: {bullet}" if label else f"• {bullet}") + marker)
        if beneath:
            lines.append(f"  {beneath}")
    return "\n".join(lines) + "\n"


def _direction(text: str) -> str:
    return "rtl" if detect_language(text) == "ar" else "ltr"


def summary_html(result: Result, languages: str = "both") -> str:
    """The bullets as HTML that word processors paste as a real, left-to-right bullet list.

    Each English bullet is an ``<li>`` of a left-to-right list; its Arabic original follows the
    list item as a paragraph of its own marked ``dir="rtl"`` (Arabic inside the ``<li>`` would
    turn the list item, and with it the whole list, right to left in LibreOffice and Word).
    Bullets that are Arabic themselves (no English, or "arabic" chosen) form a right-to-left list.
    This is also what ``talkhis summarize --format html`` prints.
    """
    e = html.escape
    # The charset line lets a saved copy (``--format html > file.html``) open as UTF-8 too; the
    # citation is an English line whatever the title's language.
    parts = ['<meta charset="utf-8">', f'<p dir="ltr"><i>{e(citation(result))}</i></p>']
    open_list = None
    for bullet, label, marker, beneath in _summary_lines(result, languages):
        direction = "ltr" if label else _direction(bullet)  # the bullet's own direction, not the marker's
        if open_list != direction:
            if open_list:
                parts.append("</ul>")
            parts.append('<ul dir="rtl" lang="ar">' if direction == "rtl" else "<ul>")  # LTR is the default
            open_list = direction
        body = (f"<b>{label}:</b> {e(bullet)}" if label else e(bullet)) + e(marker)
        parts.append(f"<li>{body}</li>")
        if beneath:
            parts.append("</ul>")
            open_list = None
            parts.append(f'<p dir="rtl" lang="ar" align="right">{e(beneath)}</p>')
    if open_list:
        parts.append("</ul>")
    return "\n".join(parts) + "\n"


def translation_text(result: Result) -> str:
    """The full translation, paragraph by paragraph; a gloss (labelled) where there is no translation.

    Sentences with neither are left out.
    """
    paragraphs: dict[int, list[str]] = {}
    for s in result.sentences:
        text, label = english_of(result, s.id)
        if text and label:
            text = f"[{label}: {text}]"
        if text:
            paragraphs.setdefault(s.paragraph, []).append(text)
    return "\n\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items())) + "\n"


# The Names section of the reports: the entity list (core/entities.py) grouped by kind.
ENTITY_GROUPS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))
NAMES_NOTE = "Sentence numbers count the article's sentences from 1, in the order of the translation."
NO_NAMES = "No people, places or organisations were found."


def entity_groups(result: Result) -> list[tuple[str, list]] | None:
    """``[(heading, entities), ...]`` for the kinds the article has, People, Places, Organisations,
    most mentioned first; ``[]`` when an Arabic article names nothing; None when there is no
    entity list (an English article, no lexicon)."""
    if result.entities is None:
        return None
    return [(heading, group) for kind, heading in ENTITY_GROUPS
            if (group := [e for e in result.entities if e.kind == kind])]


def sentence_numbers(entity) -> str:
    """The sentences an entity is named in, counted from 1: ``"1, 4, 7"``."""
    return ", ".join(str(i + 1) for i in entity.sentence_ids)


def _markdown_names(result: Result) -> list[str]:
    groups = entity_groups(result)
    if groups is None:
        return []
    out = ["", "## Names", ""]
    if not groups:
        return [*out, f"*{NO_NAMES}*"]
    out += [f"*{_md(NAMES_NOTE)}*"]
    for heading, group in groups:
        out += ["", f"### {heading}", "", "| English | Arabic | Mentions | Sentences |", "| --- | --- | ---: | --- |"]
        out += [f"| {_md(e.english)} | {_md(e.arabic)} | {e.count} | {sentence_numbers(e)} |" for e in group]
    return out


def _text_names(result: Result) -> list[str]:
    groups = entity_groups(result)
    if groups is None:
        return []
    out = ["", "NAMES"]
    if not groups:
        return [*out, NO_NAMES]
    out.append(NAMES_NOTE)
    for heading, group in groups:
        out.append(f"{heading}:")
        for e in group:
            mentions = "1 mention" if e.count == 1 else f"{e.count} mentions"
            where = "sentence" if len(e.sentence_ids) == 1 else "sentences"
            # the Arabic between direction isolates, so the line keeps its left-to-right order
            out.append(f"  {e.english} — \u2067{e.arabic}\u2069 — {mentions} — {where} {sentence_numbers(e)}")
    return out


# Markdown that embeds article text must show it, never obey it: a title with ``*`` or ``|``, a
# sentence starting "1." or "-", or ``<script>`` in a web page are text. Every ASCII character with a
# Markdown meaning is backslash-escaped (CommonMark allows it before any punctuation), whitespace
# runs (a blank line, leading spaces) collapse, and text inside HTML is HTML-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
_LINE_START = re.compile(r"^(\d*)([-+=.)])")  # a list marker or a setext underline at line start


def _md(text: str) -> str:
    """``text`` as Markdown that renders as exactly this text, on one line."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(r"\1\\\2", text)


def _html(text: str) -> str:
    """``text`` inside an HTML block: escaped, and on one line so no blank line ends the block."""
    return html.escape(" ".join(text.split()))


def to_markdown(result: Result) -> str:
    out = [f"# {_md(result.article.title)}", "", f"*{_md(citation(result))}*", "", "## Summary", ""]
    for i, (english, arabic) in zip(result.summary.ids if result.summary else (), _bullets(result)):
        out.append(f"- {_md(english or arabic)}" + check_marker(result, i))
        if english:
            out.append(f"  > {_md(arabic)}")
        elif result.gloss_of(i):
            out.append(f"  *{GLOSS_LABEL}:* {_md(result.gloss_of(i))}")
    out += _markdown_names(result)
    out += ["", "## Translation", ""]
    current = None
    for s in result.sentences:
        if s.paragraph != current and current is not None:
            out.append("")
        current = s.paragraph
        english = result.translation_of(s.id)
        html_lines = []  # an HTML block runs to the next blank line, so one follows these
        if s.heading:
            out.append(f"### {_md(english or s.text)}" + check_marker(result, s.id))
            if english:
                html_lines.append(f"<div dir=\"rtl\">{_html(s.text)}</div>")
        elif english:
            out.append(_md(english) + check_marker(result, s.id))
        else:
            html_lines.append(f"<div dir=\"rtl\">{_html(s.text)}</div>")
        if not english and result.gloss_of(s.id):  # HTML, like the Arabic line it follows
            html_lines.append(f"<div><i>{GLOSS_LABEL}:</i> {_html(result.gloss_of(s.id))}</div>")
        if html_lines:
            out += [*html_lines, ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip() + "\n"


def to_text(result: Result) -> str:
    out = [result.article.title, citation(result), "", "SUMMARY"]
    for i, (english, arabic) in zip(result.summary.ids if result.summary else (), _bullets(result)):
        out.append(f"• {english or arabic}" + check_marker(result, i))
        if english:
            out.append(f"  {arabic}")
        elif result.gloss_of(i):
            out.append(f"  {GLOSS_LABEL}: {result.gloss_of(i)}")
    out += _text_names(result)
    out += ["", "SOURCE AND TRANSLATION"]
    for s in result.sentences:
        out.append(("## " if s.heading else "") + s.text)
        english = result.translation_of(s.id)
        if english is not None:
            out.append(("## " if s.heading else "") + english + check_marker(result, s.id))
        elif result.gloss_of(s.id):
            out.append(f"{GLOSS_LABEL}: {result.gloss_of(s.id)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
