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


def find_entities(article: Article, glossary: dict | None = None, glosses: list | None = None) -> list[Entity]:
    """The entities of an Arabic article, most frequent first (ties in order of first mention).

    ``glosses``: the sentences' :class:`~talkhis.core.lexicon.gloss.Gloss` objects when they are
    known already (the pipeline glosses an article once for its gloss lines and this list).
    Raises :class:`~talkhis.core.lexicon.LexiconError` when the lexicon is not installed.
    """
    from talkhis.core.lexicon.gloss import gloss_sentence
    from talkhis.core.lexicon.names import CLITIC_LETTERS, NameMemory, name_key

    memory = NameMemory()
    seen: dict[tuple[str, str], dict] = {}
    for index, sentence in enumerate(article.sentences):
        if glosses is not None:
            gloss = glosses[index]
        else:
            gloss = gloss_sentence(sentence.text, memory=memory, glossary=glossary)
        for first, last, name in gloss.names:
            if name.kind not in KINDS:
                continue  # a glossary term that is not a name
            # a surname met alone later ("Mansouri") counts for the full name it came from
            english = name.english
            identity = (name.kind, english)
            if name.kind == "person":
                bare = _without_initials(english)
                for (kind, known), entry in seen.items():
                    if kind != "person" or known == english:
                        continue
                    other = _without_initials(known)
                    if other == bare or other.endswith(" " + bare) or bare.endswith(" " + other):
                        identity = (kind, known)  # "Mansouri", "Miles B. Kigins": one person
                        break
            entry = seen.get(identity)
            if entry is None:
                text = gloss.text[gloss.tokens[first].start : gloss.tokens[last].end]
                arabic = text[CLITIC_LETTERS.get(name.clitic, 0) :]
                if name.key.startswith("ال") and not name_key(arabic).startswith("ال"):
                    arabic = "ا" + arabic  # للأمم المتحدة: ل + الأمم المتحدة
                entry = seen[identity] = {"arabic": arabic, "count": 0, "ids": []}
            entry["count"] += 1
            if sentence.id not in entry["ids"]:
                entry["ids"].append(sentence.id)
    entities = [
        Entity(kind, entry["arabic"], english, entry["count"], tuple(entry["ids"]))
        for (kind, english), entry in seen.items()
    ]
    return sorted(entities, key=lambda e: -e.count)  # stable: ties keep the order of first mention
