"""The translation memory: sentences translated once are never translated again.

One SQLite file in the user cache directory, keyed by the model's fingerprint, the decoding
options and the normalised sentence. Write-ahead logging keeps it consistent through a crash;
a file that is corrupt anyway is moved aside and rebuilt, never fatal.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from talkhis.core import paths
from talkhis.core.article import Translation

log = logging.getLogger(__name__)

FILE_NAME = "translation-memory.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    model TEXT NOT NULL,
    options TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    score REAL,
    PRIMARY KEY (model, options, source)
) WITHOUT ROWID
"""
_CHUNK = 400  # SQLite's default limit on host parameters is 999 (older builds)


class TranslationMemory:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else paths.cache_dir() / FILE_NAME
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.warning: str | None = None
        self._unavailable: str | None = None  # why it cannot be used here (read-only, disk full)

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            if self._unavailable:
                raise sqlite3.OperationalError(self._unavailable)
            try:
                try:
                    self._db = self._open()
                except sqlite3.DatabaseError as exc:
                    if not _is_damage(exc):
                        raise
                    self.warning = f"the translation memory {self.path} was damaged ({exc}); it was rebuilt"
                    log.warning(self.warning)
                    self._move_aside()
                    self._db = self._open()
            except (OSError, sqlite3.DatabaseError) as exc:
                # A read-only folder (a write-protected stick), a full disk, a home that is a file:
                # nothing is wrong with the memory itself, so it is kept as it is and the work goes
                # on without it. A lock held by another Talkhis is brief: try again next time.
                if _is_busy(exc):
                    log.info("translation memory busy (%s); not used for this batch", exc)
                    raise sqlite3.OperationalError(str(exc)) from None
                reason = _why_unavailable(exc)
                self._unavailable = reason
                self.warning = (f"the translation memory {self.path} cannot be used ({reason}); "
                                f"translating without it")
                log.warning(self.warning)
                raise sqlite3.OperationalError(reason) from None
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=BUSY_SECONDS)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            db.execute("SELECT count(*) FROM memory WHERE model = ''").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _move_aside(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                part.replace(part.with_name(part.name + ".corrupt"))

    def get_many(self, model: str, options: str, sources: list[str]) -> dict[str, Translation]:
        found: dict[str, Translation] = {}
        unique = list(dict.fromkeys(sources))
        with self._lock:
            try:
                db = self._connect()
                for start in range(0, len(unique), _CHUNK):
                    chunk = unique[start:start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT source, translation, score FROM memory WHERE model=? AND options=? AND source IN ({marks})",
                        (model, options, *chunk),
                    )
                    for source, text, score in rows:
                        if not isinstance(text, str) or not isinstance(score, (int, float, type(None))):
                            continue  # a row someone else wrote with non-text: translate it again
                        found[source] = Translation(text, score, cached=True)
            except sqlite3.DatabaseError as exc:  # damaged while running: carry on without it
                log.warning("translation memory lookup failed: %s", exc)
                self._reset()
        return found

    def put_many(self, model: str, options: str, items: dict[str, Translation]) -> None:
        if not items:
            return
        with self._lock:
            try:
                db = self._connect()
                with db:
                    db.execute("BEGIN")
                    db.executemany(
                        "INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?)",
                        [(model, options, s, t.text, t.score) for s, t in items.items()],
                    )
            except sqlite3.DatabaseError as exc:
                log.warning("translation memory write failed: %s", exc)
                if not self._unavailable and not _is_damage(exc) and not _is_busy(exc):  # full, read-only: once
                    self._unavailable = _why_unavailable(exc)
                    self.warning = (f"the translation memory {self.path} cannot be written "
                                    f"({self._unavailable}); translating without it")
                self._reset()

    def clear(self) -> int:
        """Forget everything; return how many translations were forgotten."""
        with self._lock:
            db = self._connect()
            count = db.execute("SELECT count(*) FROM memory").fetchone()[0]
            db.execute("DELETE FROM memory")
            db.execute("VACUUM")
            return count

    def count(self) -> int:
        with self._lock:
            return self._connect().execute("SELECT count(*) FROM memory").fetchone()[0]

    def _reset(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def close(self) -> None:
        with self._lock:
            self._reset()


BUSY_SECONDS = 5.0  # how long a write waits for another Talkhis's lock before giving up for now
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB: the only errors that mean a damaged file


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _DAMAGE_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _is_busy(exc: BaseException) -> bool:
    """Another process holds the memory's lock for now (SQLITE_BUSY, SQLITE_LOCKED): not lasting."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (5, 6)
    return "locked" in str(exc).lower()


def _why_unavailable(exc: BaseException) -> str:
    text = str(getattr(exc, "strerror", None) or exc).lower()
    code = getattr(exc, "sqlite_errorcode", 0) or 0
    errno = getattr(exc, "errno", None)
    if (code & 0xFF) == 13 or "full" in text or errno == 28:
        return "the disk is full"
    if (code & 0xFF) == 8 or "read-only" in text or "readonly" in text or errno in (13, 30):
        return "its folder is read-only"
    return " ".join(str(exc).split()) or type(exc).__name__
