"""The analyst's own glossary: an Arabic term and the English it must always be rendered as.

"كيغينز → Caggins", "قسد → SDF": fixed once, used by every gloss and the entity list after
that. Stored as one small JSON file in the user data directory, written atomically; CSV import
and export (``arabic,english,kind``) for sharing a glossary between analysts.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from talkhis.core import atomic, paths
from talkhis.core.errors import TalkhisError

log = logging.getLogger(__name__)

FILE_NAME = "glossary.json"
VERSION = 1
KINDS = ("person", "place", "organisation", "term")


class GlossaryError(TalkhisError):
    """A glossary file or a CSV the user gave cannot be used."""

    exit_code = 2


@dataclass(frozen=True)
class Term:
    arabic: str  # as the analyst wrote it
    english: str
    kind: str = "term"  # one of KINDS; a term that is not a name is still glossed as written


def glossary_path() -> Path:
    return paths.data_dir() / FILE_NAME


def _key(arabic: str) -> str:
    from talkhis.core.lexicon.names import name_key

    return name_key(arabic)


def _one_line(text: str) -> str:
    """``text`` on one line, without control characters (a DOCX cannot hold them; a report line breaks on them)."""
    return " ".join("".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text).split())


def check_entry(arabic: str, english: str, kind: str) -> Term:
    """The entry as it would be saved (on one line), or GlossaryError saying what is wrong."""
    arabic, english, kind = _one_line(arabic), _one_line(english), (kind or "term").strip().lower()
    if not arabic or not english:
        raise GlossaryError("a glossary entry needs both the Arabic term and its English rendering")
    if kind not in KINDS:
        raise GlossaryError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return Term(arabic, english, kind)


def load(path: Path | None = None) -> list[Term]:
    """The stored terms (none when there is no glossary yet)."""
    path = path or glossary_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [check_entry(t["arabic"], t["english"], t.get("kind", "term")) for t in data["terms"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # AttributeError: a number, not text
        raise GlossaryError(
            f"{path}: the glossary cannot be read ({exc}); fix or delete the file"
        ) from None


def save(terms: list[Term], path: Path | None = None) -> None:
    path = path or glossary_path()
    data = {"version": VERSION, "terms": [t.__dict__ for t in sorted(terms, key=lambda t: t.arabic)]}
    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    _CACHE.clear()


def add(arabic: str, english: str, kind: str = "term", path: Path | None = None) -> Term:
    """Add a term or replace the rendering of one already there (same Arabic, however spelled)."""
    term = check_entry(arabic, english, kind)
    terms = [t for t in load(path) if _key(t.arabic) != _key(term.arabic)]
    save([*terms, term], path)
    return term


def remove(arabic: str, path: Path | None = None) -> bool:
    terms = load(path)
    kept = [t for t in terms if _key(t.arabic) != _key(arabic)]
    if len(kept) == len(terms):
        return False
    save(kept, path)
    return True


def import_csv(source: Path, path: Path | None = None) -> int:
    """Add every row of a CSV (``arabic,english[,kind]``; a header row is skipped); returns the count."""
    try:
        text = Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{source}: cannot be read as a UTF-8 CSV ({exc})") from None
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]
    if rows and rows[0][0].strip().lower() == "arabic":
        rows = rows[1:]
    new = []
    for number, row in enumerate(rows, 1):
        if len(row) < 2:
            raise GlossaryError(f"{source}: row {number} needs 'arabic,english[,kind]'; nothing was imported")
        try:
            new.append(check_entry(row[0], row[1], row[2] if len(row) > 2 else "term"))
        except GlossaryError as exc:
            raise GlossaryError(f"{source}: row {number}: {exc}; nothing was imported") from None
    keys = {_key(t.arabic) for t in new}
    save([t for t in load(path) if _key(t.arabic) not in keys] + new, path)
    return len(new)


def export_csv(target: Path | None, path: Path | None = None) -> str:
    """The glossary as CSV text; also written (atomically) to ``target`` when given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["arabic", "english", "kind"])
    for t in load(path):
        writer.writerow([t.arabic, t.english, t.kind])
    if target is not None:
        atomic.write_text(target, out.getvalue())
    return out.getvalue()


_CACHE: dict[tuple, dict[str, tuple[str, str]]] = {}
_LOCK = threading.Lock()


def lookup_table(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """Folded Arabic → (English, kind), for the gloss and the entity list; re-read when the file changes."""
    path = path or glossary_path()
    try:
        stat = os.stat(path)
        stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return {}
    with _LOCK:
        table = _CACHE.get(stamp)
        if table is None:
            try:
                terms = load(path)
            except GlossaryError as exc:
                log.warning("%s", exc)
                terms = []
            table = {_key(t.arabic): (t.english, t.kind) for t in terms}
            _CACHE.clear()
            _CACHE[stamp] = table
        return table


def terms_in(text: str, table: dict[str, tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The glossary terms an Arabic sentence contains, with the English each must be rendered as.

    ``[(arabic, english), ...]`` in order of first mention, each term once; ``arabic`` is the
    term as the sentence writes it, without a proclitic (والحرس الثوري → "الحرس الثوري"). Terms
    are matched the way the gloss matches them: hamza, ى/ي and ة/ه folded, a proclitic
    (و ف ب ل ك) allowed on the first word, the longest term first, never across punctuation.
    ``table`` is :func:`lookup_table`'s (folded Arabic → (English, kind)), the stored one by default.
    """
    import re

    from talkhis.core.lexicon.morphology import ARABIC_LETTERS, INSIDE_WORD
    from talkhis.core.lexicon.names import glossary_at

    table = lookup_table() if table is None else table
    if not table or not text:
        return []
    longest = max(len(key.split(" ")) for key in table)
    words: list[str | None] = []  # the sentence's words, None where punctuation parts two of them
    end = 0
    for match in re.finditer(f"[{ARABIC_LETTERS}][{ARABIC_LETTERS}{INSIDE_WORD}]*", text):
        if words and text[end : match.start()].strip():
            words.append(None)
        words.append(match.group())
        end = match.end()
    found: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(words):
        term = glossary_at(table, words, i, longest)
        if term is None:
            i += 1
            continue
        english, _kind, _clitic, rest, key, n = term
        found.setdefault(key, (" ".join([rest, *words[i + 1 : i + n]]), english))
        i += n
    return list(found.values())
