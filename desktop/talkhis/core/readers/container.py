"""Zip containers (DOCX, ODT) and the XML inside them, opened defensively.

Everything here runs *before* a third-party parser sees the file: the zip directory is checked
for entry count, declared sizes and inflation ratio (a zip bomb is refused without inflating a
byte), and every XML part is refused if it declares a DTD (entity expansion, external entities).
:func:`parse_xml` is the one XML parser the readers use: lxml with entities, DTDs and network off.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from talkhis.core.errors import InputError
from talkhis.core.readers.limits import ReadLimits, current_limits

ZIP_MAGIC = b"PK\x03\x04"
ODF_MIMETYPE_PREFIX = b"mimetypeapplication/vnd.oasis.opendocument."

# What other zip-based files are, so the message can name them.
_OTHER_ZIPS = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("META-INF/container.xml", "an e-book (.epub)"),
)

# A DOCTYPE or ENTITY declaration, in UTF-8/ASCII or UTF-16 (either byte order).
_DTD_PATTERNS = [
    re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE),
    re.compile(rb"<\x00!\x00\s?\x00?(D\x00O\x00C\x00|E\x00N\x00T\x00)", re.IGNORECASE),
    re.compile(rb"\x00<\x00!\x00?\s?(\x00D\x00O\x00C|\x00E\x00N\x00T)", re.IGNORECASE),
]

_XML_PARSER = etree.XMLParser(
    resolve_entities=False,  # never expand entities (billion laughs)
    no_network=True,  # never fetch anything
    load_dtd=False,  # never read an external DTD (file:///etc/passwd, http://...)
    dtd_validation=False,
    huge_tree=False,  # keep libxml2's own depth and size safeguards
    remove_comments=True,
    remove_pis=True,
)


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def has_dtd(data: bytes) -> bool:
    return any(pattern.search(data) for pattern in _DTD_PATTERNS)


def open_zip(path: Path, content: bytes, kind: str, limits: ReadLimits | None = None) -> zipfile.ZipFile:
    """A checked :class:`zipfile.ZipFile` over ``content``; ``kind`` names the format in messages."""
    limits = limits or current_limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, IndexError,
            OverflowError, UnicodeDecodeError, NotImplementedError, RuntimeError):
        raise InputError(f"{path}: this {kind} file is damaged or incomplete; save it again and retry") from None
    if len(entries) > limits.max_zip_entries:
        raise InputError(
            f"{path}: this {kind} file holds {len(entries)} parts, more than the {limits.max_zip_entries} "
            "a document has; it may be malicious and was not opened"
        )
    total = 0
    for info in entries:
        if info.flag_bits & 0x1:
            raise InputError(f"{path}: this {kind} file is password-protected; remove the password and retry")
        if info.file_size < 0 or info.compress_size < 0:
            raise InputError(f"{path}: this {kind} file is damaged; save it again and retry")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_zip_ratio:
            raise InputError(
                f"{path}: this {kind} file inflates {ratio:.0f} times ({info.filename}); it looks like a "
                "zip bomb and was not opened"
            )
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.max_xml_part_bytes:
            raise InputError(
                f"{path}: a part of this {kind} file ({info.filename}) is {info.file_size / 1048576:.0f} MB "
                "of XML, over the limit; it may be malicious and was not opened"
            )
    if total > limits.max_unzipped_bytes:
        raise InputError(
            f"{path}: this {kind} file would unpack to {total / 1048576:.0f} MB, over the "
            f"{limits.max_unzipped_bytes / 1048576:.0f} MB limit; it may be a zip bomb and was not opened"
        )
    return archive


def read_member(path: Path, archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """The bytes of one entry (its declared size bounds what is inflated), or InputError."""
    try:
        return archive.read(name)
    except KeyError:
        raise InputError(f"{path}: this {kind} file has no {name}; it is damaged or not a {kind}") from None
    except Exception:  # BadZipFile, zlib.error, CRC or size mismatch, unsupported method...
        raise InputError(f"{path}: this {kind} file is damaged ({name} cannot be unpacked); save it again") from None


def refuse_dtds(path: Path, archive: zipfile.ZipFile, kind: str) -> None:
    """Refuse a container any of whose XML parts declares a DTD or entities."""
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        data = read_member(path, archive, info.filename, kind)
        if has_dtd(data):
            raise InputError(
                f"{path}: this {kind} file declares XML entities ({info.filename}), which documents never "
                "need; it may be malicious and was not opened"
            )


def describe_other_zip(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    for marker, what in _OTHER_ZIPS:
        if marker in names:
            return what
    return None


def parse_xml(path: Path, data: bytes, kind: str) -> etree._Element:
    """Parse XML with entities, DTDs and network disabled; refuse any DTD outright."""
    if has_dtd(data):
        raise InputError(
            f"{path}: this {kind} file declares XML entities, which documents never need; it may be "
            "malicious and was not opened"
        )
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError, TypeError):
        raise InputError(f"{path}: this {kind} file is damaged (its XML is broken); save it again") from None
    if root is None:
        raise InputError(f"{path}: this {kind} file is damaged (its XML is empty); save it again")
    return root
