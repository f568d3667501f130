"""The people, places and organisations of an article, with their English names.

One entry per entity however it is written (with a clitic, with or without hamza): its kind,
the Arabic as first met, the English rendering (the user's glossary first), how often it
occurs and in which sentences. Built from the word-by-word gloss's name recognition
(:mod:`talkhis.core.lexicon.names`), so no model is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from talkhis.core.article import Article

KINDS = ("person", "place", "organisation")


@dataclass(frozen=True)
class Entity:
    kind: str  # "person", "place" or "organisation"
    arabic: str  # as first written in the article, without a proclitic
    english: str
    count: int
    sentence_ids: tuple[int, ...]

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "arabic": self.arabic,
            "english": self.english,
            "count": self.count,
            "sentence_ids": list(self.sentence_ids),
        }


def _without_initials(english: str) -> str:
    return " ".join(w for w in english.split(" ") if not (len(w) <= 3 and w.endswith(".")))


# Words before a name that make it someone else's: محمد بن سلمان is not سلمان, أبو ياسر not ياسر.
_KIN = frozenset({"bin", "ibn", "bint", "abu", "umm", "al", "ben", "بن", "ابن", "بنت", "ابو", "ام", "ال"})


def _words(english: str) -> list[str]:
    """A person's English as comparable words: no initials, no "al-" (al-Khatib, Khatib)."""
    words = _without_initials(english).lower().split(" ")
    return [w[3:] if w.startswith("al-") else w for w in words if w]


def _part_of(short: list[str], full: list[str]) -> bool:
    """Whether the name ``short`` ends the longer name ``full`` as its own surname
    ("Mansouri" of "Khalid al-Mansouri"), not after bin/Abu (the father's or son's name)."""
    if short == full:
        return bool(short)  # "Miles B. Kigins" and "Miles Kigins"
    if not short or len(short) > len(full) or full[-len(short):] != short:
        return False
    return full[-len(short) - 1] not in _KIN


_SAME: dict[str, str] = {}


def _same_organisation() -> dict[str, str]:
    """Folded Arabic of an organisation's other name → the folded name it is counted under."""
    if not _SAME:
        from talkhis.core.lexicon.names import name_key
        from talkhis.core.lexicon.tables import SAME_ORGANISATION

        _SAME.update({name_key(k): name_key(v) for k, v in SAME_ORGANISATION.items()})
    return _SAME


def name_as_written(gloss, first: int, last: int, name) -> str:
    """The Arabic of a name the gloss found at tokens ``first``..``last``, as the sentence writes
    it but without its proclitic: وبيروت → بيروت, للأمم المتحدة → الأمم المتحدة."""
    from talkhis.core.lexicon.names import CLITIC_LETTERS, name_key

    text = gloss.text[gloss.tokens[first].start : gloss.tokens[last].end]
    arabic = text[CLITIC_LETTERS.get(name.clitic, 0) :]
    if name.key.startswith("ال") and not name_key(arabic).startswith("ال"):
        arabic = "ا" + arabic  # للأمم المتحدة: ل + الأمم المتحدة
    return arabic


def find_entities(article: Article, glossary: dict | None = None, glosses: list | None = None) -> list[Entity]:
    """The entities of an Arabic article, most frequent first (ties in order of first mention).

    One entity however it is spelt (:func:`~talkhis.core.lexicon.names.variant_key`: hamza,
    ى/ي, ة/ه, the article, doubled letters, and in foreign names no list knows غ/ج/ك and vowel
    letters; two spellings a list or the glossary names differently stay two entities) and
    however much of it is written (a surname alone counts for the full name met before, but not
    the name after بن or أبو: محمد بن سلمان and الملك سلمان are two people); an organisation's
    abbreviation counts for its full name (قسد، قوات سوريا الديمقراطية). Its English is the
    analyst's glossary rendering when one spelling has it, else the first met. ``glossary``
    (folded Arabic → (English, kind)) defaults to the analyst's stored glossary.
    ``glosses``: the sentences' :class:`~talkhis.core.lexicon.gloss.Gloss` objects when they are
    known already (the pipeline glosses an article once for its gloss lines and this list).
    Raises :class:`~talkhis.core.lexicon.LexiconError` when the lexicon is not installed.
    """
    from talkhis.core.lexicon.gloss import gloss_sentence
    from talkhis.core.lexicon.names import NameMemory, english_differs, listed_english, variant_key

    memory = NameMemory()
    if glossary is None:  # the analyst's stored glossary, as the gloss reads it
        from talkhis.core.glossary import lookup_table

        glossary = lookup_table()
    seen: dict[tuple[str, str], dict] = {}
    spellings: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, variant key) → identity
    for index, sentence in enumerate(article.sentences):
        if glosses is not None:
            gloss = glosses[index]
        else:
            gloss = gloss_sentence(sentence.text, memory=memory, glossary=glossary)
        for first, last, name in gloss.names:
            if name.kind not in KINDS:
                continue  # a glossary term that is not a name
            english = name.english
            canonical = _same_organisation().get(name.key, name.key)  # قسد: the SDF
            variant = (name.kind, variant_key(canonical))
            arabic_words = [w for w in variant[1].split(" ") if len(w) > 1]  # (no initials)
            # the English a list gives this very spelling: two spellings a list names differently
            # are two entities, whatever their variant key
            listed = glossary[name.key][0] if name.key in glossary else listed_english(canonical)
            identity = spellings.get(variant, (name.kind, english))
            def named_otherwise(entry: dict) -> bool:
                return listed is not None and entry["listed"] is not None and english_differs({listed, entry["listed"]})

            if identity in seen and named_otherwise(seen[identity]):
                identity = (name.kind, english)
            if identity not in seen and name.kind == "person":
                # a surname met alone later ("Mansouri") counts for the full name it came from,
                # compared in English and in Arabic (another spelling, the analyst's rendering)
                words = _words(english)
                for (kind, known), other in seen.items():
                    if kind != "person":
                        continue
                    pairs = [(words, _words(known)), (_words(known), words)]
                    if not named_otherwise(other):  # (the Arabic of two names a list tells apart is not compared)
                        pairs += [(arabic_words, other["arabic_words"]), (other["arabic_words"], arabic_words)]
                    if any(_part_of(a, b) for a, b in pairs):
                        identity = (kind, known)  # "Mansouri", "Miles B. Kigins": one person
                        break
            spellings.setdefault(variant, identity)
            entry = seen.get(identity)
            from_glossary = name.key in glossary or any(w in glossary for w in name.key.split(" "))
            if entry is None:
                entry = seen[identity] = {"arabic": name_as_written(gloss, first, last, name), "english": english, "count": 0, "ids": [],
                                          "arabic_words": arabic_words, "glossary": from_glossary, "listed": listed}
            elif from_glossary and not entry["glossary"] and len(english.split()) >= len(_words(entry["english"])):
                entry["english"], entry["glossary"] = english, True  # the analyst's rendering names every spelling
            if len(arabic_words) > len(entry["arabic_words"]):
                entry["arabic_words"] = arabic_words  # the fullest form, for later surnames
            entry["count"] += 1
            if sentence.id not in entry["ids"]:
                entry["ids"].append(sentence.id)
    entities = [
        Entity(kind, entry["arabic"], entry["english"], entry["count"], tuple(entry["ids"]))
        for (kind, _), entry in seen.items()
    ]
    return sorted(entities, key=lambda e: -e.count)  # stable: ties keep the order of first mention
