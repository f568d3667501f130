"""Word documents (.docx, python-docx, MIT): paragraphs, headings, tables, footnotes.

Before python-docx sees the file, :mod:`.container` checks the zip (entry count, sizes,
inflation ratio) and refuses any XML part that declares a DTD. python-docx itself parses with
``resolve_entities=False`` (``docx.oxml.parser.oxml_parser``), a second line of defence that the
hostile-input tests check on their own.

python-docx opens the package and resolves styles and core properties; the text is walked here,
from the body XML, because ``Document.paragraphs`` skips content controls (``w:sdt``), tracked
insertions and table contents. Order is the body's order: a table's cells become paragraphs
row by row, a merged cell once. Deleted text (``w:del``) and the fallback copy of drawings
(``mc:Fallback``) are left out. Soft line breaks and tabs become spaces, so one Word paragraph
stays one line. Right-to-left runs are stored in reading order in DOCX: nothing to turn round.

Headings: a paragraph whose style (or any style it is based on) is Title, Subtitle or
Heading N, or that has an outline level. Footnotes and endnotes follow the body as paragraphs.
The title is the first Title-style paragraph, else the core-properties title (unless it is a
producer's placeholder).
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import Cancelled, InputError
from talkhis.core.readers import Reader, register
from talkhis.core.readers.container import (
    describe_other_zip,
    is_zip,
    open_zip,
    parse_xml,
    read_member,
    refuse_dtds,
)
from talkhis.core.readers.document_text import join_paragraphs
from talkhis.core.readers.limits import Budget

log = logging.getLogger(__name__)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_HEADING_NAME = re.compile(r"^(title|subtitle|heading\s*\d)$", re.IGNORECASE)
_HEADING_ID = re.compile(r"^(Title|Subtitle|Heading\d)$")
_PLACEHOLDER_TITLES = re.compile(r"^(microsoft word\b|document\d*$|untitled|\W*$)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\r\n\x0b\x0c\u2028\u2029]+")
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{{{_MC}}}Fallback", f"{_W}instrText", f"{_W}delText",
         f"{_W}footnoteReference", f"{_W}endnoteReference", f"{_W}commentReference", f"{_W}txbxContent",
         f"{_W}pPr", f"{_W}rPr"}


def sniff(head: bytes) -> bool:
    """Any zip that is not an OpenDocument file: :func:`read_docx` names what it really is."""
    return is_zip(head)


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}ptab"):
                parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}p":  # a paragraph nested where it should not be: its own text, spaced
                parts.append(" ")
                walk(child)
            else:
                walk(child)

    walk(p)
    return _SPACES.sub(" ", "".join(parts)).strip()


class _Styles:
    """Which paragraph style ids are headings (by name, id, base style or outline level)."""

    def __init__(self, document) -> None:
        self._cache: dict[str, bool] = {}
        self._styles = {}
        try:
            for style in document.styles:
                style_id = getattr(style, "style_id", None)
                if style_id:
                    self._styles[style_id] = style
        except Exception as exc:  # a broken styles part costs the headings, not the text
            log.info("styles unreadable: %r", exc)

    def is_heading(self, style_id: str | None) -> bool:
        if not style_id:
            return False
        if style_id not in self._cache:
            self._cache[style_id] = self._lookup(style_id)
        return self._cache[style_id]

    def _lookup(self, style_id: str) -> bool:
        seen: set[str] = set()
        style = self._styles.get(style_id)
        if style is None:
            return bool(_HEADING_ID.match(style_id))
        for _ in range(20):  # a based-on chain, bounded (loops are possible in a hostile file)
            if style is None or style.style_id in seen:
                return False
            seen.add(style.style_id)
            name = style.name or ""
            if _HEADING_NAME.match(name) or _HEADING_ID.match(style.style_id or ""):
                return True
            if style.element.find(f"{_W}pPr/{_W}outlineLvl") is not None:
                return _outline_level(style.element.find(f"{_W}pPr/{_W}outlineLvl")) is not None
            style = style.base_style
        return False


def _outline_level(element) -> int | None:
    try:
        level = int(element.get(f"{_W}val"))
    except (TypeError, ValueError):
        return None
    return level if 0 <= level <= 8 else None


def _paragraph_style(p) -> str | None:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(f"{_W}val") if style is not None else None


def _collect(container, styles: _Styles, out: list[tuple[str, bool, str | None]], budget: Budget, depth=0) -> None:
    """Append (text, is_heading, style_id) for each paragraph under ``container``, in order."""
    if depth > 40:
        raise InputError(f"{budget.path}: this Word file nests tables too deeply; it is damaged or malicious")
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            text = _paragraph_text(child)
            if text:
                outline = child.find(f"{_W}pPr/{_W}outlineLvl")
                style_id = _paragraph_style(child)
                heading = styles.is_heading(style_id) or (outline is not None and _outline_level(outline) is not None)
                out.append((text, heading, style_id))
        elif tag == f"{_W}tbl":
            seen_cells = set()
            for row in child.findall(f"{_W}tr"):  # direct rows: nested tables recurse via cells
                for cell in row.findall(f"{_W}tc"):
                    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                    if merge is not None and merge.get(f"{_W}val") in (None, "continue"):
                        continue  # the continuation of a vertically merged cell is empty
                    if id(cell) in seen_cells:
                        continue
                    seen_cells.add(id(cell))
                    _collect(cell, styles, out, budget, depth + 1)
                if len(out) % 200 == 0:
                    budget.check("reading a table")
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo", f"{_W}smartTag"):
            content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if content is not None:
                _collect(content, styles, out, budget, depth + 1)
        elif isinstance(tag, str) and tag.endswith("}AlternateContent"):
            choice = child.find(f"{{{_MC}}}Choice")
            if choice is not None:
                _collect(choice, styles, out, budget, depth + 1)


def _notes(path: Path, package, budget: Budget) -> list[str]:
    """Footnote and endnote paragraphs, in the order of their parts."""
    texts: list[str] = []
    try:
        parts = list(package.iter_parts())
    except Exception:
        return texts
    for part in parts:
        name = str(getattr(part, "partname", ""))
        if name not in ("/word/footnotes.xml", "/word/endnotes.xml"):
            continue
        root = parse_xml(path, part.blob, "Word")
        for note in root:
            if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in note.iter(f"{_W}p"):
                text = _paragraph_text(p)
                if text:
                    texts.append(text)
        budget.check("reading footnotes")
    return texts


def read_docx(path: Path, content: bytes) -> Document:
    budget = Budget(path)
    with open_zip(path, content, "Word") as archive:
        names = set(archive.namelist())
        if "mimetype" in names and read_member(path, archive, "mimetype", "zip").startswith(
            b"application/vnd.oasis.opendocument"
        ):
            from talkhis.core.readers.odt import read_odt

            return read_odt(path, content)
        if "word/document.xml" not in names:
            other = describe_other_zip(archive)
            if other:
                raise InputError(f"{path}: this is {other}, not a Word document; save the text as .docx or .txt")
            raise InputError(f"{path}: this zip file is not a Word document (.docx); open the document inside it")
        refuse_dtds(path, archive, "Word")
    try:
        import docx

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(content))
            styles = _Styles(document)
            body = document.element.body
            found: list[tuple[str, bool, str | None]] = []
            _collect(body, styles, found, budget)
            notes = _notes(path, document.part.package, budget)
            core_title = (document.core_properties.title or "").strip()
    except (Cancelled, InputError):
        raise
    except RecursionError:
        raise InputError(f"{path}: this Word file is nested too deeply to read; it is damaged or malicious") from None
    except Exception as exc:  # python-docx on a damaged package: a clear message, never a traceback
        log.info("%s: python-docx failed: %r", path, exc)
        raise InputError(
            f"{path}: this Word file is damaged ({type(exc).__name__}); open it in Word, save it again and retry"
        ) from None
    text, headings = join_paragraphs([text for text, _, _ in found] + notes,
                                     (i for i, (_, heading, _) in enumerate(found) if heading))
    if not text:
        raise InputError(f"{path}: this Word document has no text in it; choose another article")
    title = next((text for text, _, style in found if style and styles.is_heading(style) and _is_title(styles, style)), None)
    if title is None and core_title and not _PLACEHOLDER_TITLES.match(core_title) and core_title != path.stem:
        title = core_title
    notes_out = (f"{len(notes)} footnotes/endnotes follow the text",) if notes else ()
    return Document(
        path=str(path),
        text=text,
        encoding=None,
        format="docx",
        title=title,
        headings=headings,
        notes=notes_out,
    )


def _is_title(styles: _Styles, style_id: str) -> bool:
    style = styles._styles.get(style_id)
    name = (getattr(style, "name", None) or style_id or "").lower()
    return name == "title" or style_id == "Title"


register(Reader("docx", (".docx", ".docm", ".dotx"), read_docx, sniff))
