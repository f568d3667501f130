"""Saved web pages (.html, .htm, .xhtml): the article, not the page around it.

trafilatura (Apache-2.0, actively maintained, the best-scoring open extractor in published
benchmarks) finds the main text and drops navigation, adverts, related links and comments
(``include_comments=False``); its XML output keeps ``<head rend="h2">`` headings, paragraphs,
list items, quotes and table cells in order. The title is the page's own (Open Graph, else
``<title>`` with the site name cut off at `` | `` or `` - ``). When it finds no main text (a page that is
all article, or a fragment), every block of the body is taken instead, minus ``nav``,
``header``, ``footer``, ``aside``, ``script``, ``style`` and forms.

Nothing is fetched: the input is a string, no URL is given, and the XML parser has entities,
DTDs and network off. Encoding: a BOM, else the page's ``<meta charset>``, else UTF-8, else
Windows-1256 through the plain-text detector.
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import Cancelled, InputError
from talkhis.core.readers import Reader, register
from talkhis.core.readers.document_text import join_paragraphs

log = logging.getLogger(__name__)
# trafilatura logs ERRORs for every unparsable page; keep them off the CLI's stderr.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_MARKERS = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|article)\b",
                      re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SITE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\-\u00bb\u00ab]\s+")  # not ":", common in Arabic headlines
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "pre", "dd", "dt", "figcaption")
_BOILERPLATE = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "iframe",
                "svg", "button", "select")


def sniff(head: bytes) -> bool:
    for bom, codec in ((codecs.BOM_UTF8, None), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):]
            if codec:
                head = head.decode(codec, "ignore").encode("utf-8", "ignore")
            break
    return _MARKERS.match(head[:2048]) is not None


def decode_html(content: bytes, path: Path) -> tuple[str, str]:
    """``(text, encoding)`` of a web page's bytes."""
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", "replace"), "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", "replace"), "utf-16"
    match = _META_CHARSET.search(content[:8192])
    if match:
        try:
            declared = codecs.lookup(match.group(1).decode("ascii", "ignore")).name
        except LookupError:
            declared = None
        if declared and declared not in ("utf-8",):
            if declared in ("cp1252", "latin-1", "iso8859-1"):
                declared = None  # pages that say Latin-1 are often UTF-8: let the checks below decide
            else:
                return content.decode(declared, "replace"), declared
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from talkhis.core.readers.text import decode

    try:
        return decode(content.replace(b"\x00", b""), path)
    except InputError:
        return content.decode("utf-8", "replace"), "utf-8"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _page_title(tree) -> str | None:
    """The page's headline: Open Graph title, else ``<title>`` without the site name."""
    for xpath in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content'):
        found = tree.xpath(xpath)
        if found and _clean(str(found[0])):
            return _clean(str(found[0]))
    element = tree.find(".//title")
    if element is None:
        return None
    title = _clean(element.text_content())
    parts = [part for part in _SITE_SEPARATOR.split(title) if part.strip()]
    return max(parts, key=len).strip() if parts else None


def _from_trafilatura(markup: str) -> tuple[str | None, list[tuple[str, bool]]] | None:
    import lxml.html
    import trafilatura
    from lxml import etree

    tree = lxml.html.document_fromstring(markup)
    title = _page_title(tree)
    # No metadata: its date search (htmldate/dateparser) takes seconds on odd pages and we do
    # not need it; the title is read above.
    result = trafilatura.extract(
        tree,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
        favor_recall=True,
    )
    if not result:
        return title, []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    root = etree.fromstring(result.encode("utf-8"), parser)
    if root is None:
        return title, []
    blocks: list[tuple[str, bool]] = []
    main = root.find("main")
    for element in (main if main is not None else root).iter("head", "p", "item", "cell", "quote", "code"):
        if element.tag in ("p", "item", "cell", "quote", "code") and element.find(".//p") is not None:
            continue  # a container: its paragraphs come on their own
        if element.getparent() is not None and element.getparent().tag == "head":
            continue
        text = _clean("".join(element.itertext()))
        if text:
            blocks.append((text, element.tag == "head"))
    return title, blocks


def _from_body(markup: str) -> tuple[str | None, list[tuple[str, bool]]]:
    """Every text block of the body, minus the page furniture (when trafilatura finds nothing)."""
    import lxml.html

    tree = lxml.html.document_fromstring(markup)
    title_element = tree.find(".//title")
    title = _clean(title_element.text_content()) if title_element is not None else None
    furniture = [element for element in tree.iter(*_BOILERPLATE) if element.getparent() is not None]
    for element in furniture:
        element.drop_tree()
    blocks: list[tuple[str, bool]] = []
    body = tree.find("body")
    for element in (body if body is not None else tree).iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in element.iterdescendants() if isinstance(child.tag, str)):
            continue  # the inner blocks come on their own
        text = _clean(element.text_content())
        if text:
            blocks.append((text, element.tag in _HEADINGS))
    if not blocks and body is not None:
        text = body.text_content()
        blocks = [(line, False) for line in (_clean(line) for line in text.split("\n")) if line]
    return title or None, blocks


def html_blocks(markup: str, path: Path) -> tuple[str | None, list[tuple[str, bool]]]:
    """``(title, [(paragraph, is_heading), ...])`` of the article in a web page."""
    markup = _XML_DECLARATION.sub("", markup.replace("\x00", ""), count=1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = _from_trafilatura(markup)
            if not found or not found[1]:
                fallback = _from_body(markup)
                found = (found[0] if found and found[0] else fallback[0], fallback[1])
    except (Cancelled, InputError):
        raise
    except RecursionError:
        raise InputError(f"{path}: this web page is nested too deeply to read; it is damaged") from None
    except Exception as exc:  # lxml/trafilatura on broken markup
        log.info("%s: HTML extraction failed: %r", path, exc)
        raise InputError(f"{path}: this web page cannot be read ({type(exc).__name__}); save it again and retry") from None
    return found


def document_from_blocks(path: Path, title: str | None, blocks, *, encoding, fmt, notes=()) -> Document:
    text, headings = join_paragraphs([text for text, _ in blocks], (i for i, (_, h) in enumerate(blocks) if h))
    if not text:
        raise InputError(f"{path}: no article text was found in this web page; save the article itself and retry")
    return Document(
        path=str(path),
        text=text,
        encoding=encoding,
        format=fmt,
        title=title,
        headings=headings,
        notes=tuple(notes),
    )


def read_html(path: Path, content: bytes) -> Document:
    markup, encoding = decode_html(content, path)
    title, blocks = html_blocks(markup, path)
    return document_from_blocks(path, title, blocks, encoding=encoding, fmt="html")


register(Reader("html", (".html", ".htm", ".xhtml", ".shtml"), read_html, sniff))
