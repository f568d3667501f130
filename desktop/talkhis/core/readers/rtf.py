"""Rich Text Format (.rtf; striprtf, BSD-3-Clause): the text, one paragraph per line.

striprtf is one small, maintained module that follows the ``\\ansicpg`` code page and the
``\\uN`` escapes Word writes for Arabic. RTF styles are not kept, so headings are left to the
segmenter's rule (short lines without final punctuation), as for plain text.
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import InputError
from talkhis.core.readers import Reader, register
from talkhis.core.readers.document_text import join_paragraphs

log = logging.getLogger(__name__)

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_TITLE = re.compile(r"\{\\title\s+([^{}]{0,2000})\}")
_SPACES = re.compile(r"[ \t\u00a0]+")


def sniff(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def _decode(content: bytes) -> str:
    """RTF is 7-bit text, but some writers put raw bytes of the declared code page in it."""
    match = _CODEPAGE.search(content[:4096])
    encoding = "latin-1"
    if match:
        try:
            encoding = codecs.lookup(f"cp{int(match.group(1))}").name
        except (LookupError, ValueError):
            encoding = "latin-1"
    return content.decode(encoding, errors="replace")


def _to_text(rtf: str) -> str:
    from striprtf.striprtf import rtf_to_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rtf_to_text(rtf, errors="ignore")


def read_rtf(path: Path, content: bytes) -> Document:
    source = _decode(content)
    if "\\rtf" not in source[:64]:
        raise InputError(f"{path}: this is not an RTF file; check the file type")
    try:
        text = _to_text(source)
    except RecursionError:
        raise InputError(f"{path}: this RTF file is nested too deeply to read; it is damaged") from None
    except Exception as exc:  # striprtf on a broken file
        log.info("%s: striprtf failed: %r", path, exc)
        raise InputError(f"{path}: this RTF file is damaged ({type(exc).__name__}); save it again and retry") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text, _ = join_paragraphs([line for line in lines if any(ch.isalnum() for ch in line)])
    if not text:
        raise InputError(f"{path}: this RTF file has no text in it; choose another article")
    title = None
    match = _TITLE.search(source[:20000])
    if match:
        try:
            title = _to_text("{\\rtf1 " + match.group(1) + "}").strip() or None
        except Exception:
            title = None
    return Document(path=str(path), text=text, encoding=None, format="rtf", title=title)


register(Reader("rtf", (".rtf",), read_rtf, sniff))
