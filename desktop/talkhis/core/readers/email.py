"""E-mail (.eml) with the standard library, and saved web archives (.mhtml, .mht).

A message: the subject is the title and the first paragraph (unless the body already starts
with it), then the body (text/plain preferred, else the HTML part through :mod:`.html`).
Sender and date, and every attachment with its number, go to ``Document.notes`` for the analyst;
the attachments also go to ``Document.attachments`` (:class:`~talkhis.core.article.Attachment`:
number, name, type, size) for the window's menu. An attached Word/PDF/text file can be opened with
:func:`extract_attachment` (number as listed, from 1).

A web archive is a MIME message too (``multipart/related`` whose root is the page): it reads as
the web page inside it, format ``mhtml``.

``email.policy.default`` decodes headers and bodies; the number of parts walked is bounded
(:class:`~.limits.ReadLimits`), and every failure of a broken message is an :class:`InputError`.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
import shutil
import tempfile
import time
import warnings
from email.message import EmailMessage
from pathlib import Path

from talkhis.core.article import Attachment, Document
from talkhis.core.errors import Cancelled, InputError
from talkhis.core.paths import cache_dir
from talkhis.core.readers import DEFAULT_MAX_BYTES, Reader, register
from talkhis.core.readers.document_text import join_paragraphs
from talkhis.core.readers.limits import Budget

log = logging.getLogger(__name__)

_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{1,40}):[ \t]?[^\r\n]*$")
_KNOWN_HEADERS = {
    b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version", b"received",
    b"return-path", b"content-type", b"reply-to", b"delivered-to", b"x-mailer", b"user-agent",
    b"snapshot-content-location", b"thread-topic", b"x-originating-ip", b"sender", b"in-reply-to",
}
_SPACES = re.compile(r"[ \t\u00a0]+")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\\/:*?\"<>|]+")
_OPENABLE = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/rtf": ".rtf",
    "text/rtf": ".rtf",
    "text/plain": ".txt",
    "text/html": ".html",
    "message/rfc822": ".eml",
}


def sniff(head: bytes) -> bool:
    """RFC 822 headers: the first lines are ``Name: value``, two or more of them well known."""
    head = head.lstrip(b"\xef\xbb\xbf")
    known = 0
    for raw in head.split(b"\n")[:60]:
        line = raw.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue  # folded continuation
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        known += match.group(1).lower() in _KNOWN_HEADERS
    return known >= 2


def _parse(path: Path, content: bytes) -> EmailMessage:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return email.message_from_bytes(content, policy=email.policy.default)
    except Exception as exc:
        raise InputError(f"{path}: this e-mail is damaged ({type(exc).__name__}); save it again and retry") from None


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
        return _SPACES.sub(" ", str(value)).strip() if value is not None else ""
    except Exception:  # a malformed header costs the header only
        return ""


def _parts(message: EmailMessage, budget: Budget) -> list[EmailMessage]:
    parts = []
    for part in message.walk():
        parts.append(part)
        if len(parts) > budget.limits.max_mime_parts:
            raise InputError(
                f"{budget.path}: this e-mail has more than {budget.limits.max_mime_parts} parts; it may be "
                "malicious and was not opened"
            )
    return parts


def _content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError, TypeError, UnicodeError, KeyError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    return content if isinstance(content, str) else ""


def _attachments(message: EmailMessage) -> list[EmailMessage]:
    """The attached parts, in the order their numbers follow (1 = the first)."""
    try:
        return [part for part in message.iter_attachments() if not part.is_multipart()]
    except Exception:
        return []


def _describe(part: EmailMessage, number: int) -> Attachment:
    return Attachment(
        number=number,
        name=_attachment_name(part, number),
        content_type=part.get_content_type(),
        size=len(part.get_payload(decode=True) or b""),
    )


def _note(attachment: Attachment) -> str:
    """How the analyst reads an attachment in the notes (the status bar, the CLI's warnings)."""
    return (f"attachment {attachment.number}: {attachment.name} ({attachment.content_type}, "
            f"{max(attachment.size // 1024, 1)} KB)")


def _attachment_name(part: EmailMessage, number: int) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    name = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(" .")[:150]
    if not name:
        name = f"attachment-{number}{_OPENABLE.get(part.get_content_type(), '.bin')}"
    return name


def _is_web_archive(path: Path, message: EmailMessage) -> bool:
    return path.suffix.lower() in (".mhtml", ".mht") or (
        message.get_content_type() == "multipart/related" and message.get("Snapshot-Content-Location") is not None
    )


def _read_web_archive(path: Path, message: EmailMessage, budget: Budget) -> Document:
    # Not at the top: importing .html registers its reader, which must come after this one
    # (an e-mail's headers are sniffed before the HTML it may carry; see readers._load_builtin).
    from talkhis.core.readers.html import document_from_blocks, html_blocks

    page = next((p for p in _parts(message, budget) if p.get_content_type() == "text/html"), None)
    if page is None:
        raise InputError(f"{path}: this web archive holds no web page; save the page again")
    title, blocks = html_blocks(_content(page), path)
    return document_from_blocks(path, title, blocks, encoding=None, fmt="mhtml")


def read_email(path: Path, content: bytes) -> Document:
    budget = Budget(path)
    message = _parse(path, content)
    try:
        if _is_web_archive(path, message):
            return _read_web_archive(path, message, budget)
        _parts(message, budget)  # bounds the walk before anything else looks inside
        body = None
        try:
            body = message.get_body(preferencelist=("plain", "html"))
        except Exception:
            body = None
        paragraphs: list[str] = []
        headings: set[int] = set()
        if body is not None and body.get_content_type() == "text/html":
            from talkhis.core.readers.html import html_blocks  # here, not at the top: see above

            _, blocks = html_blocks(_content(body), path)
            headings = {i for i, (_, heading) in enumerate(blocks) if heading}
            paragraphs = [text for text, _ in blocks]
        elif body is not None:
            text = _content(body).replace("\r\n", "\n").replace("\r", "\n")
            paragraphs = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
            paragraphs = [line for line in paragraphs if line]
        subject = _header(message, "Subject")
        if subject and (not paragraphs or paragraphs[0] != subject):
            paragraphs.insert(0, subject)
            headings = {i + 1 for i in headings} | {0}
        notes = []
        sender, date = _header(message, "From"), _header(message, "Date")
        if sender or date:
            notes.append(" — ".join(x for x in (f"from {sender}" if sender else "", date) if x))
        attachments = tuple(_describe(part, number) for number, part in enumerate(_attachments(message), start=1))
        notes.extend(_note(attachment) for attachment in attachments)
    except (Cancelled, InputError):
        raise
    except RecursionError:
        raise InputError(f"{path}: this e-mail is nested too deeply to read; it is damaged or malicious") from None
    except Exception as exc:
        log.info("%s: e-mail unreadable: %r", path, exc)
        raise InputError(f"{path}: this e-mail is damaged ({type(exc).__name__}); save it again and retry") from None
    text, marked = join_paragraphs(paragraphs, headings)
    if not text:
        raise InputError(f"{path}: this e-mail has no text; open one of its attachments instead")
    return Document(
        path=str(path),
        text=text,
        encoding=None,
        format="eml",
        title=subject or None,
        headings=marked,
        notes=tuple(notes),
        attachments=attachments,
    )


def extract_attachment(path: str | Path, index: int, *, folder: str | Path | None = None,
                       max_bytes: int = DEFAULT_MAX_BYTES) -> Path:
    """Write attachment number ``index`` (1 = the first: ``Attachment.number`` in
    ``Document.attachments``) to a file.

    The file goes in a new private folder under ``folder`` (default: the user cache directory)
    with the attachment's own name (``Attachment.name``); open it with ``read_document``. The
    caller may delete the folder when done. Raises :class:`InputError` for a bad number or message.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(f"{path}: no such file; check the name and folder") from None
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an e-mail; --attachment needs an .eml file")
    if size > max_bytes:
        raise InputError(f"{path}: the file is over the {max_bytes / 1048576:.0f} MB limit")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if not sniff(content[:4096]) and path.suffix.lower() not in (".eml", ".mhtml", ".mht"):
        raise InputError(f"{path}: is not an e-mail, so it has no attachments; drop --attachment for this file")
    message = _parse(path, content)
    attachments = _attachments(message)
    if not 1 <= index <= len(attachments):
        raise InputError(
            f"{path}: there is no attachment {index}; this e-mail has {len(attachments)} "
            f"(numbered from 1)"
        )
    part = attachments[index - 1]
    payload = part.get_payload(decode=True)
    if payload is None:
        raise InputError(f"{path}: attachment {index} is empty or damaged")
    base = Path(folder) if folder is not None else cache_dir() / "attachments"
    try:
        base.mkdir(parents=True, exist_ok=True)
        if folder is None:
            _forget_old_attachments(base)
        target_dir = Path(tempfile.mkdtemp(prefix="talkhis-", dir=base))
        target = target_dir / _attachment_name(part, index)  # the name Document.attachments gives it
        target.write_bytes(payload if isinstance(payload, bytes) else str(payload).encode("utf-8"))
    except OSError as exc:
        raise InputError(f"{base}: cannot write the attachment there ({exc.strerror}); free some space "
                         f"or check the folder's permissions") from None
    return target


KEEP_EXTRACTED_SECONDS = 24 * 3600


def _forget_old_attachments(base: Path) -> None:
    """Remove attachments extracted more than a day ago (the window opens them from there; the
    command line removes its own as soon as it is done), so the cache does not grow for ever."""
    limit = time.time() - KEEP_EXTRACTED_SECONDS
    for folder in base.glob("talkhis-*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


register(Reader("eml", (".eml", ".mhtml", ".mht"), read_email, sniff))
