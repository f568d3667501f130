"""Plain-text articles (.txt, .md): encoding detection, line endings, nothing else touched."""

from __future__ import annotations

import codecs
from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import InputError
from talkhis.core.readers import Reader, register

# Encodings an Arabic article realistically comes in, in the order we trust them.
_LEGACY_ARABIC = ("cp1256", "iso8859_6")  # Windows-1256, and ISO-8859-6 which costs nothing


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xD800 <= ord(ch) < 0xE000)
    return bad / len(text)


def decode(content: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file, or raise :class:`InputError`."""
    if content.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", content[len(codecs.BOM_UTF8):]
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", content
    else:
        encoding, body = None, content
    if encoding is None:
        if b"\x00" in content[:8192]:
            raise InputError(
                f"{path}: this is a binary file, not text; open a text, Word, PDF or web-page article"
            )
        try:
            return content.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        encoding = _detect_legacy(content, path)
        body = content
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: the text is not valid {encoding}; save it again as UTF-8 and retry"
        ) from None
    if encoding.startswith("utf-16"):
        encoding = "utf-16"
    return text, encoding


def _detect_legacy(content: bytes, path: Path) -> str:
    """A non-UTF-8 file: ask charset-normalizer, and accept only the Arabic code pages."""
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding in _LEGACY_ARABIC:
        return best.encoding
    found = f" (it looks like {best.encoding})" if best is not None else ""
    raise InputError(
        f"{path}: the text is in no supported encoding{found}; Talkhis reads UTF-8, UTF-16 and "
        "Windows-1256: save it as UTF-8 and retry"
    )


def normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")


def read_text(path: Path, content: bytes) -> Document:
    text, encoding = decode(content, path)
    if _control_ratio(text[:20000]) > 0.01:
        raise InputError(
            f"{path}: this looks like a binary file, not text; open a text, Word, PDF or web-page article"
        )
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{path}: the file has no text in it; choose another article")
    suffix = path.suffix.lower()
    return Document(path=str(path), text=text, encoding=encoding, format="md" if suffix == ".md" else "txt")


register(Reader("txt", (".txt", ".text", ".md", ".markdown"), read_text, None))
