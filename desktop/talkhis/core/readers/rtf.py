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
# LibreOffice writes the title twice: ``{\upr{\title <code-page bytes, "?" for Arabic>}{\*\ud{\title
# <\uN escapes>}}}``; the Unicode one, in ``\ud``, is the one to read.
_UNICODE_TITLE = re.compile(r"\\ud\s*\{\\title\s+([^{}]{0,2000})\}")
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
    return Document(path=str(path), text=text, encoding=None, format="rtf", title=_title(source))


def _title(source: str) -> str | None:
    """The document's title property, or None (then the first heading is the title).

    A title that came out as question marks only (an Arabic title in a code page without Arabic
    letters, with no Unicode copy) is no title: the window would show "???????".
    """
    head = source[:20000]
    for pattern in (_UNICODE_TITLE, _TITLE):
        match = pattern.search(head)
        if not match:
            continue
        try:
            title = _to_text("{\\rtf1 " + match.group(1) + "}").strip()
        except Exception:
            continue
        if title and title.strip("? \t"):
            return title
    return None


register(Reader("rtf", (".rtf",), read_rtf, sniff))
