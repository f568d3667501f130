"""Morphological analysis of one Arabic word: every prefix + stem + suffix the lexicon allows.

A written word is split every possible way into prefix (up to 4 letters), stem and suffix (up to
6 letters); a split is an analysis when all three parts are in the dictionaries and their
categories are compatible pairwise (tables AB, AC, BC). Analyses are then ranked, most plausible
first (see :func:`plausibility`).

Words are normalised exactly as for translation (:func:`talkhis.core.normalize.for_translation`,
diacritics stripped) before lookup, so ``سیطرتھا`` (Persian letter forms) and ``سَيْطَرَتَها``
find the same entries as ``سيطرتها``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from talkhis.core.lexicon.buckwalter import to_arabic, to_buckwalter
from talkhis.core.lexicon.data import Entry, Lexicon, lexicon
from talkhis.core.normalize import for_translation


@dataclass(frozen=True)
class Morpheme:
    """One piece of a word: a clitic, an inflection ending or the stem."""

    text: str  # Arabic script, vocalised ("وَ"); "" for a silent ending
    buckwalter: str  # the same in Buckwalter transliteration ("wa")
    tag: str  # part of speech or feature ("CONJ", "DET", "NOUN", "POSS_PRON_3MP")
    role: str  # "prefix", "stem" or "suffix"
    gloss: str  # English ("and", "the", "farmer", "their"); "" for endings with no English


@dataclass(frozen=True)
class Analysis:
    """One reading of a written word."""

    word: str  # the word as looked up: normalised, without diacritics
    vocalised: str  # the whole word in Arabic script with its vowels ("وَالمُزارِعُونَ")
    buckwalter: str  # the same in Buckwalter transliteration ("waAlmuzAriEuwna")
    lemma: str  # the dictionary form in Arabic script ("مُزارِع")
    lemma_id: str  # the lexicon's lemma id ("muzAriE_1")
    pos: str  # the stem's part of speech ("NOUN", "VERB_PERFECT", "PREP+REL_PRON"...)
    gloss: str  # the stem's English senses, ";"-separated ("livestock;cattle")
    morphemes: tuple[Morpheme, ...]
    category: str = field(default="", repr=False)  # the stem's morphological category
    respelled: str | None = None  # the spelling that was found when the written one was not
    score: float = field(default=0.0, compare=False)  # lower is more plausible

    @property
    def senses(self) -> list[str]:
        return [s.strip() for s in self.gloss.split(";") if s.strip()]

    @property
    def prefixes(self) -> tuple[Morpheme, ...]:
        return tuple(m for m in self.morphemes if m.role == "prefix")

    @property
    def stem(self) -> tuple[Morpheme, ...]:
        return tuple(m for m in self.morphemes if m.role == "stem")

    @property
    def suffixes(self) -> tuple[Morpheme, ...]:
        return tuple(m for m in self.morphemes if m.role == "suffix")

    @property
    def segmentation(self) -> str:
        """The vocalised pieces joined by ``+``: ``وَ+ال+مُزارِع+ُونَ``."""
        return "+".join(m.text for m in self.morphemes if m.text)

    @cached_property
    def english(self) -> str:
        """A compact English gloss with the clitics folded in: "and the farmers"."""
        from talkhis.core.lexicon.english import fold

        return fold(self)

    def to_dict(self) -> dict:
        return {
            "vocalised": self.vocalised,
            "buckwalter": self.buckwalter,
            "lemma": self.lemma,
            "lemma_id": self.lemma_id,
            "pos": self.pos,
            "gloss": self.gloss,
            "english": self.english,
            "segmentation": [
                {"text": m.text, "buckwalter": m.buckwalter, "tag": m.tag, "role": m.role, "gloss": m.gloss}
                for m in self.morphemes
            ],
            "respelled": self.respelled,
            "score": self.score,
        }


# English for clitics and endings, by tag (and by form where one tag covers several words).
_PREFIX_GLOSS = {
    ("wa", "CONJ"): "and",
    ("fa", "CONJ"): "so",
    ("bi", "PREP"): "by",
    ("ka", "PREP"): "like",
    ("li", "PREP"): "for",
    ("Al", "DET"): "the",
    ("sa", "FUT"): "will",
    ("li", "SUBJUNC"): "to",
    ("la", "EMPHATIC_PARTICLE"): "indeed",
    ("la", "RESULT_CLAUSE_PARTICLE"): "would",
}
_PERSON = {
    "1S": "I", "1P": "we", "2MS": "you", "2FS": "you", "2D": "you", "2MP": "you", "2FP": "you",
    "3MS": "he/it", "3FS": "she/it", "3MD": "they", "3FD": "they", "3D": "they", "3MP": "they", "3FP": "they",
}
POSSESSIVE = {
    "1S": "my", "1P": "our", "2MS": "your", "2FS": "your", "2D": "your", "2MP": "your", "2FP": "your",
    "3MS": "his", "3FS": "its", "3D": "their", "3MP": "their", "3FP": "their",
}
OBJECT = {
    "1S": "me", "1P": "us", "2MS": "you", "2FS": "you", "2D": "you", "2MP": "you", "2FP": "you",
    "3MS": "him", "3FS": "it", "3D": "them", "3MP": "them", "3FP": "them",
}


_PERSON_CODE = re.compile(r"[123][MF]?[SDP]")


def person_of(tag: str) -> str:
    """``"3MP"`` for ``"POSS_PRON_3MP"``, ``"PVSUFF_SUBJ:3MP"``, ``"IV3MP"``; else ``""``."""
    match = _PERSON_CODE.search(tag)
    return match.group(0) if match else ""


def _affix_gloss(form: str, tag: str) -> str:
    if (form, tag) in _PREFIX_GLOSS:
        return _PREFIX_GLOSS[(form, tag)]
    if tag.startswith("POSS_PRON"):
        return POSSESSIVE.get(person_of(tag), "")
    if "_DO:" in tag or tag.startswith("PRON_"):
        return OBJECT.get(person_of(tag), "")
    if "_SUBJ:" in tag or (tag.startswith("IV") and tag[2:3].isdigit()):
        if tag.startswith(("IVSUFF_SUBJ:MP", "IVSUFF_SUBJ:FP", "IVSUFF_SUBJ:3MP", "IVSUFF_SUBJ:3FP")):
            return "[pl.]"
        if tag.startswith(("IVSUFF_SUBJ:D", "IVSUFF_SUBJ:3D")):
            return "[du.]"
        if tag.startswith("IVSUFF_SUBJ:2FS"):
            return "[fem.]"
        return _PERSON.get(person_of(tag), "")
    if tag.startswith("NSUFF"):
        if "_PL" in tag:
            return "[masc.pl.]" if "MASC" in tag else "[fem.pl.]"
        if "_DU" in tag:
            return "two"
        if tag == "NSUFF_FEM_SG":
            return "[fem.sg.]"
    return ""


def _pieces(pos: str, role: str, gloss: str) -> list[Morpheme]:
    """Morphemes from a ``<pos>`` string such as ``wa/CONJ+Al/DET+``."""
    parts = [p for p in pos.split("+") if p]
    shares = gloss.split(" + ")  # a compound stem's gloss: "to/for + them [masc.pl.]"
    out = []
    for index, part in enumerate(parts):
        form, _, tag = part.rpartition("/")
        if not tag:
            continue
        form = "" if form == "(null)" else form
        if role == "stem":
            piece_gloss = gloss if len(parts) == 1 else shares[index].strip() if len(shares) == len(parts) else ""
        else:
            piece_gloss = _affix_gloss(form, tag) or (gloss if len(parts) == 1 else "")
        out.append(Morpheme(to_arabic(form), form, tag, role, piece_gloss))
    if role == "stem" and out and not any(m.gloss for m in out):
        out[-1] = Morpheme(out[-1].text, out[-1].buckwalter, out[-1].tag, role, gloss)
    return out


_LIGHT_TAGS = ("NSUFF", "PVSUFF_SUBJ", "IVSUFF_SUBJ", "CVSUFF_SUBJ")  # inflection, not clitics


def _is_clitic(m: Morpheme) -> bool:
    if m.role == "prefix":
        return not (m.tag.startswith("IV") and m.tag[2:3].isdigit())  # verb agreement prefix
    if m.role == "suffix":
        return not m.tag.startswith(_LIGHT_TAGS)
    return False


_FUNCTION_TAGS = ("PREP", "FUNC_WORD", "CONJ", "SUB_CONJ", "REL_PRON", "NEG_PART", "INTERROG_PART", "PRON", "DEM_PRON", "PART")
# Conjunction + particle words among the commonest tokens of news prose, each with a rare
# homograph that would otherwise win by having no clitic (وفي "faithful", وقد "burning").
_CONJUNCTION_PARTICLES = frozenset(
    "وفي فقد وقد ومن وعلى وإلى والى وعن ولا فلا وما ولم ولن وأن وان وإن فإن فان وهو وهي وهم "
    "وهذا وهذه ومع وبين وبعد وقبل ولكن وكان وكانت وذلك وحتى وكل وله ولها ولهم فهو فهي فهم".split()
)


def plausibility(analysis: Analysis) -> float:
    """How unlikely a reading is in news prose (lower is more plausible).

    - each clitic costs 1 (conjunction, preposition, future, pronoun suffix): the reading that
      explains more of the word by its stem wins (وزارة is "ministry", not "and" + something).
      The article costs 0.5 and so does a pronoun on a preposition or particle: both are
      everywhere (الأمن is "the security", not a rare verb; أنه، فيه، لهم). An object pronoun
      on a verb costs 1.25, so a possessive wins (سيطرتها is "its control" before "she
      controlled it");
    - rare forms cost extra: an imperative 2, an abbreviation 1, a passive 0.75, a first or
      second person subject, a feminine plural one or a "you (women, both)" pronoun 0.75 (news
      is told in the third person), "would" (لَ + perfect) 0.5, a dual 0.3, an accusative
      ending written as a bare alef 0.3 (سوريا is Syria before it is "Syrian" + ـاً), a proper
      name 0.25 (a common word is likelier than a homograph name) or 1.25 if it starts with و
      or ف (واكد is "and confirmed" before the name Waked), an elative 0.2 ("clearer");
    - a verb costs 0.1, enough to break a tie: news prose has several nouns for every verb
      (شرق is "east" before "rose", عدد "number" before "enumerated");
    - a reading found only after respelling (final ي for ى, ه for ة, hamza on a bare alef)
      costs 3;
    - a few dozen conjunction + particle words (وفي، وقد، ومن، ولا، وهو...) get 1.1 back for
      their conjunction reading: they are among the commonest words of news and each has a
      rare homograph ("faithful", "burning", "delusion").

    Ties keep the lexicon's own order of entries (the lexicographer's order of senses).
    """
    stem_tags = {m.tag for m in analysis.stem}
    function_word = any(t.startswith(_FUNCTION_TAGS) for t in stem_tags)
    cost = 0.0
    for m in analysis.morphemes:
        if not _is_clitic(m):
            continue
        if m.tag == "DET":
            cost += 0.5
        elif "_DO:" in m.tag:
            cost += 1.25
        elif m.tag.startswith("PRON_") and function_word:
            cost += 0.5
        else:
            cost += 1.0
    if "VERB_IMPERATIVE" in stem_tags:
        cost += 2.0
    if "ABBREV" in stem_tags:
        cost += 1.0
    if "Pass" in analysis.category:
        cost += 0.75
    subject = [m for m in analysis.morphemes if "SUBJ" in m.tag or (m.role == "prefix" and m.tag.startswith("IV") and m.tag[2:3].isdigit())]
    rare_pronoun = any(m.tag in ("PRON_2FS", "PRON_2FP", "PRON_2D") for m in analysis.morphemes)
    if rare_pronoun or any(
        person_of(m.tag)[:1] in ("1", "2") or person_of(m.tag).endswith("FP") or ":FP" in m.tag for m in subject
    ):
        cost += 0.75
    if any(m.tag == "RESULT_CLAUSE_PARTICLE" for m in analysis.morphemes):
        cost += 0.5
    if any("_DU" in m.tag or person_of(m.tag).endswith("D") or ":D_" in m.tag for m in analysis.morphemes):
        cost += 0.3
    if any(m.tag == "NSUFF_MASC_SG_ACC_INDEF" for m in analysis.morphemes):
        cost += 0.3
    if "NOUN_PROP" in stem_tags:
        cost += 0.25
        if analysis.word[:1] in ("\u0648", "\u0641"):  # و ف: واكد is "and confirmed", not Waked
            cost += 1.0
    if analysis.category.startswith("Nel"):
        cost += 0.2
    if any(t.startswith("VERB_") for t in stem_tags):
        cost += 0.1
    if analysis.respelled:
        cost += 3.0
    if analysis.word in _CONJUNCTION_PARTICLES and any(m.tag == "CONJ" for m in analysis.prefixes):
        cost -= 1.1
    return round(cost, 2)


def _lemma(lemma_id: str) -> str:
    base = lemma_id.strip().rsplit("_", 1)[0]
    base = base.rsplit("-", 1)[0] if "-" in base else base
    return to_arabic(base)


def _build(word: str, prefix: Entry, stem: Entry, suffix: Entry, respelled: str | None) -> Analysis:
    morphemes = (
        _pieces(prefix.pos, "prefix", prefix.gloss)
        + _pieces(stem.pos, "stem", stem.gloss)
        + _pieces(suffix.pos, "suffix", suffix.gloss)
    )
    voc = prefix.voc + stem.voc + suffix.voc
    stem_tags = [m.tag for m in morphemes if m.role == "stem"]
    return Analysis(
        word=word,
        vocalised=to_arabic(voc),
        buckwalter=voc,
        lemma=_lemma(stem.lemma_id),
        lemma_id=stem.lemma_id,
        pos="+".join(stem_tags),
        gloss=stem.gloss,
        morphemes=tuple(morphemes),
        category=stem.category,
        respelled=respelled,
    )


def _solutions(lex: Lexicon, key: str):
    """(prefix, stem, suffix) entry triples whose categories are compatible."""
    n = len(key)
    for i in range(0, min(lex.max_prefix, n - 1) + 1):
        prefixes = lex.prefixes.get(key[:i])
        if not prefixes:
            continue
        for j in range(n, max(i, n - lex.max_suffix - 1), -1):
            stems = lex.stems.get(key[i:j])
            if not stems:
                continue
            suffixes = lex.suffixes.get(key[j:])
            if not suffixes:
                continue
            for a in prefixes:
                for b in stems:
                    if (a.category, b.category) not in lex.ab:
                        continue
                    for c in suffixes:
                        if (a.category, c.category) in lex.ac and (b.category, c.category) in lex.bc:
                            yield a, b, c


# Spellings that careless or informal writing uses, tried only when a word has no analysis:
# a bare alef for a hamza-carrying one, final ي for ى (and back), final ه for ة.
_ALEF_VARIANTS = (">", "<", "|")


def _respellings(key: str) -> list[str]:
    out = []
    for i, char in enumerate(key):
        if char == "A":
            out += [key[:i] + v + key[i + 1 :] for v in _ALEF_VARIANTS]
    if key.endswith("y"):
        out.append(key[:-1] + "Y")
    elif key.endswith("Y"):
        out.append(key[:-1] + "y")
    if key.endswith("h"):
        out.append(key[:-1] + "p")
    return out


# Arabic letters and marks (not digits or punctuation), and what may sit inside a written word.
ARABIC_LETTERS = (
    "\u0620-\u064a\u064b-\u065f\u0670-\u06d3\u06d5-\u06ed\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
INSIDE_WORD = "\u0640\u200b-\u200f\u00ad"  # tatweel, zero-width and direction marks
_FIRST_WORD = re.compile(f"[{ARABIC_LETTERS}][{ARABIC_LETTERS}{INSIDE_WORD}]*")


def normalise_word(word: str) -> str:
    """The lookup form of a word: normalised for translation, diacritics and spaces removed."""
    return for_translation(word, strip_diacritics=True).replace(" ", "")


def analyse_normalised(lex: Lexicon, word: str) -> tuple[Analysis, ...]:
    """All analyses of an already normalised word, most plausible first (cached per lexicon)."""
    cached = lex.cache.get(word)
    if cached is not None:
        return cached
    key = to_buckwalter(word)
    found: list[tuple[float, int, Analysis]] = []
    if key:
        seen = set()
        for spelling in [key, *_respellings(key)]:
            respelled = None if spelling == key else to_arabic(spelling)
            for a, b, c in _solutions(lex, spelling):
                analysis = _build(word, a, b, c, respelled)
                identity = (analysis.buckwalter, analysis.lemma_id, analysis.pos, analysis.gloss, analysis.morphemes)
                if identity in seen:
                    continue
                seen.add(identity)
                found.append((plausibility(analysis), b.order, analysis))
            if found:
                break  # respellings only when the written form has no reading at all
    found.sort(key=lambda item: (item[0], item[1]))
    result = tuple(replace(analysis, score=score) for score, _, analysis in found)
    lex.cache[word] = result
    return result


def analyse(word: str) -> list[Analysis]:
    """Every reading of ``word`` in the lexicon, most plausible first; ``[]`` if it has none.

    Only the first Arabic word of ``word`` is looked up (quotes and punctuation around it are
    ignored). It may carry diacritics, tatweel, Persian letter forms or presentation forms: it is
    normalised exactly as translation input is. Loads the lexicon on first use.
    """
    match = _FIRST_WORD.search(word)  # “داعش”, or a word pasted with its comma
    normalised = normalise_word(match.group()) if match else ""
    if not normalised:
        return []
    return list(analyse_normalised(lexicon(), normalised))
