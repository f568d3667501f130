"""Old binary Office files (OLE compound files: .doc, .msg, .xls, .ppt): a clear refusal.

Reading Word 97–2003 or Outlook ``.msg`` would take a large parser for little gain: Word and
LibreOffice save a ``.docx`` in two clicks, and Outlook saves a message as ``.eml``. What the file
is comes from the names of the streams inside it, so a ``.doc`` that is really an Outlook
message still gets the right advice. A ``.doc`` that is not an OLE file (Word often saves RTF or
HTML under that name) is read by what its content is; failing that, as plain text.
"""

from __future__ import annotations

from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import InputError
from talkhis.core.readers import Reader, register

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


_KINDS = (
    (_utf16("__substg1.0_"), "an Outlook message (.msg)", "save the message as text or HTML (File > Save As) or print it "
     "to PDF, and open that"),
    (_utf16("WordDocument"), "an old Word document (.doc)", "old Word .doc is not supported; open it in Word or "
     "LibreOffice and save as .docx"),
    (_utf16("Workbook"), "an Excel workbook (.xls)", "save the text as .docx or .txt"),
    (_utf16("PowerPoint Document"), "a PowerPoint presentation (.ppt)", "save the text as .docx or .txt"),
)


def sniff(head: bytes) -> bool:
    return head.startswith(OLE_MAGIC)


def read_legacy(path: Path, content: bytes) -> Document:
    if not content.startswith(OLE_MAGIC):
        # Named .doc/.msg but not an OLE file, and no other reader recognised it: plain text.
        from talkhis.core.readers.text import read_text

        return read_text(path, content)
    for marker, what, advice in _KINDS:
        if marker in content:
            if "Word" in what:
                raise InputError(f"{path}: this is {what}; {advice}")
            raise InputError(f"{path}: this is {what}, which Talkhis cannot read; {advice}")
    suffix = path.suffix.lower()
    if suffix == ".msg":
        raise InputError(f"{path}: Outlook .msg messages are not supported; save the message as .eml or PDF")
    raise InputError(
        f"{path}: this is an old Office file (.doc/.xls); old Word .doc is not supported: save it as .docx and retry"
    )


register(Reader("ole", (".doc", ".msg"), read_legacy, sniff))
