"""OpenDocument text (.odt, LibreOffice): zip + XML, read here with the hardened parser.

No library: ``content.xml`` is small and documented, and reading it ourselves keeps the
defences in one place (:mod:`.container`: zip limits, no DTD, no entities, no network).
``text:h`` and paragraphs whose style derives from Title/Subtitle/Heading are headings;
lists, sections and table cells give their paragraphs in order; ``text:s``/``text:tab``/
``text:line-break`` become spaces; footnotes (``text:note``) leave the sentence and follow the
body as paragraphs. The title comes from ``meta.xml`` (``dc:title``), else a Title paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import InputError
from talkhis.core.readers import Reader, register
from talkhis.core.readers.container import ODF_MIMETYPE_PREFIX, is_zip, open_zip, parse_xml, read_member, refuse_dtds
from talkhis.core.readers.document_text import join_paragraphs
from talkhis.core.readers.limits import Budget

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_T, _O, _S, _TB = f"{{{TEXT}}}", f"{{{OFFICE}}}", f"{{{STYLE}}}", f"{{{TABLE}}}"
_HEADING_STYLE = re.compile(r"^(Title|Subtitle|Heading([ _]|_20_)?\d*)$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SKIP_INLINE = {f"{_T}note", f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end", f"{_T}tracked-changes"}


def sniff(head: bytes) -> bool:
    return is_zip(head) and ODF_MIMETYPE_PREFIX + b"text" in head[:200]


def _style_parents(*roots) -> dict[str, str]:
    parents: dict[str, str] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{_S}style"):
            name = style.get(f"{_S}name")
            if name:
                parents[name] = style.get(f"{_S}parent-style-name") or ""
    return parents


def _is_heading_style(name: str | None, parents: dict[str, str]) -> bool:
    for _ in range(20):  # bounded: a hostile file may make styles their own parents
        if not name:
            return False
        if _HEADING_STYLE.match(name):
            return True
        name = parents.get(name)
    return False


def _inline_text(element, notes: list[str]) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{_T}s":
            try:
                count = min(int(child.get(f"{_T}c", "1")), 100)
            except ValueError:
                count = 1
            parts.append(" " * max(count, 1))
        elif tag in (f"{_T}tab", f"{_T}line-break"):
            parts.append(" ")
        elif tag == f"{_T}note":
            body = child.find(f"{_T}note-body")
            if body is not None:
                for p in body.iter(f"{_T}p", f"{_T}h"):
                    text = _SPACES.sub(" ", _inline_text(p, notes)).strip()
                    if text:
                        notes.append(text)
        elif tag in _SKIP_INLINE or not isinstance(tag, str):
            pass
        else:
            parts.append(_inline_text(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(container, parents, out: list[tuple[str, bool, str | None]], notes: list[str], budget: Budget, depth=0):
    if depth > 60:
        raise InputError(f"{budget.path}: this OpenDocument file nests too deeply; it is damaged or malicious")
    for child in container:
        tag = child.tag
        if tag in (f"{_T}p", f"{_T}h"):
            text = _SPACES.sub(" ", _inline_text(child, notes)).strip()
            if text:
                style = child.get(f"{_T}style-name")
                out.append((text, tag == f"{_T}h" or _is_heading_style(style, parents), style))
        elif tag in (f"{_T}list", f"{_T}list-item", f"{_T}list-header", f"{_T}section", f"{_TB}table",
                     f"{_TB}table-row", f"{_TB}table-rows", f"{_TB}table-header-rows", f"{_TB}table-row-group",
                     f"{_TB}table-cell", f"{_T}index-body"):
            _blocks(child, parents, out, notes, budget, depth + 1)
            if tag == f"{_TB}table-row":
                budget.check("reading a table")


def read_odt(path: Path, content: bytes) -> Document:
    budget = Budget(path)
    with open_zip(path, content, "OpenDocument") as archive:
        names = set(archive.namelist())
        mimetype = read_member(path, archive, "mimetype", "OpenDocument") if "mimetype" in names else b""
        if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
            raise InputError(f"{path}: this is an OpenDocument {kind} file, not a text document; save the text as .odt")
        refuse_dtds(path, archive, "OpenDocument")
        content_xml = parse_xml(path, read_member(path, archive, "content.xml", "OpenDocument"), "OpenDocument")
        meta_xml = read_member(path, archive, "meta.xml", "OpenDocument") if "meta.xml" in names else None
        styles_xml = parse_xml(path, read_member(path, archive, "styles.xml", "OpenDocument"), "OpenDocument") \
            if "styles.xml" in names else None
    parents = _style_parents(content_xml, styles_xml)
    text_root = content_xml.find(f"{_O}body/{_O}text")
    if text_root is None:
        raise InputError(f"{path}: this OpenDocument file has no text body; save it again as .odt")
    found: list[tuple[str, bool, str | None]] = []
    notes: list[str] = []
    _blocks(text_root, parents, found, notes, budget)
    text, headings = join_paragraphs([text for text, _, _ in found] + notes,
                                     (i for i, (_, heading, _) in enumerate(found) if heading))
    if not text:
        raise InputError(f"{path}: this document has no text in it; choose another article")
    title = None
    if meta_xml is not None:
        meta = parse_xml(path, meta_xml, "OpenDocument")
        element = meta.find(f".//{{{DC}}}title")
        if element is not None and (element.text or "").strip():
            title = element.text.strip()
    if title is None:
        title = next((text for text, _, style in found if style and _is_title(style, parents)), None)
    return Document(
        path=str(path),
        text=text,
        encoding=None,
        format="odt",
        title=title,
        headings=headings,
        notes=(f"{len(notes)} footnotes follow the text",) if notes else (),
    )


def _is_title(style: str, parents: dict[str, str]) -> bool:
    for _ in range(20):
        if not style:
            return False
        if style.lower() == "title":
            return True
        style = parents.get(style)
    return False


register(Reader("odt", (".odt", ".ott"), read_odt, sniff))
