"""A result as the JSON contract, Markdown, plain text or HTML; the citation line for reports."""

from __future__ import annotations

import datetime as _dt
import html
import json
from pathlib import Path

from talkhis.core.article import Result
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
    or null) only when glossing was on.
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
    return data


def quality_of(result: Result, sentence_id: int) -> Quality | None:
    """How far to trust a sentence's English (core/quality.py); None when it has none."""
    translation = result.translations[sentence_id]
    if translation is None:
        return None
    return assess(result.sentences[sentence_id].text, translation.text, translation.score)


def _marker(result: Result, sentence_id: int) -> str:
    """`` ⚠ [check: reasons]`` after an English sentence the analyst should check, else ""."""
    quality = quality_of(result, sentence_id)
    if quality is None or (quality.band != "low" and not quality.flags):
        return ""
    return f" ⚠ [check: {quality.summary}]"


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False)


def _bullets(result: Result) -> list[tuple[str | None, str]]:
    return [(result.translation_of(i), result.sentences[i].text) for i in (result.summary.ids if result.summary else ())]


def summary_text(result: Result, languages: str = "both") -> str:
    """The bullets as plain text, headed by the citation line (what "Copy summary" puts)."""
    lines = [citation(result), ""]
    for english, arabic in _bullets(result):
        if languages in ("both", "english") and english:
            lines.append(f"• {english}")
            if languages == "both":
                lines.append(f"  {arabic}")
        else:
            lines.append(f"• {arabic}")
    return "\n".join(lines) + "\n"


def summary_html(result: Result, languages: str = "both") -> str:
    """The bullets as an HTML list that word processors paste as a real bullet list."""
    items = []
    for english, arabic in _bullets(result):
        ar = f'<span dir="rtl" lang="ar">{html.escape(arabic)}</span>'
        if languages in ("both", "english") and english:
            body = html.escape(english)
            if languages == "both":
                body += f"<br>{ar}"
        else:
            body = ar
        items.append(f"<li>{body}</li>")
    return f"<p><i>{html.escape(citation(result))}</i></p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"


def translation_text(result: Result) -> str:
    """The full translation, paragraph by paragraph (untranslated sentences left out)."""
    paragraphs: dict[int, list[str]] = {}
    for s in result.sentences:
        text = result.translation_of(s.id)
        if text:
            paragraphs.setdefault(s.paragraph, []).append(text)
    return "\n\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items())) + "\n"


def to_markdown(result: Result) -> str:
    out = [f"# {result.article.title}", "", f"*{citation(result)}*", "", "## Summary", ""]
    for i, (english, arabic) in zip(result.summary.ids if result.summary else (), _bullets(result)):
        out.append(f"- {english or arabic}" + (_marker(result, i) if english else ""))
        if english:
            out.append(f"  > {arabic}")
        elif result.gloss_of(i):
            out.append(f"  *gloss:* {result.gloss_of(i)}")
    out += ["", "## Translation", ""]
    current = None
    for s in result.sentences:
        if s.paragraph != current and current is not None:
            out.append("")
        current = s.paragraph
        english = result.translation_of(s.id)
        if s.heading:
            out.append(f"### {english or s.text}" + (_marker(result, s.id) if english else ""))
            if english:
                out.append(f"<div dir=\"rtl\">{s.text}</div>")
        else:
            out.append(english + _marker(result, s.id) if english else f"<div dir=\"rtl\">{s.text}</div>")
        if not english and result.gloss_of(s.id):  # HTML, like the Arabic line it follows
            out.append(f"<div><i>gloss:</i> {html.escape(result.gloss_of(s.id))}</div>")
    return "\n".join(out).rstrip() + "\n"


def to_text(result: Result) -> str:
    out = [result.article.title, citation(result), "", "SUMMARY"]
    for i, (english, arabic) in zip(result.summary.ids if result.summary else (), _bullets(result)):
        out.append(f"• {english or arabic}" + (_marker(result, i) if english else ""))
        if english:
            out.append(f"  {arabic}")
        elif result.gloss_of(i):
            out.append(f"  gloss: {result.gloss_of(i)}")
    out += ["", "SOURCE AND TRANSLATION"]
    for s in result.sentences:
        out.append(("## " if s.heading else "") + s.text)
        english = result.translation_of(s.id)
        if english is not None:
            out.append(("## " if s.heading else "") + english + _marker(result, s.id))
        elif result.gloss_of(s.id):
            out.append(f"gloss: {result.gloss_of(s.id)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
