"""Word-by-word English glosses of Arabic words and sentences, for reading without a model.

A gloss is not a translation: each Arabic word gets the compact English of its most plausible
reading ("and the farmers"), with the news sense first for the commonest words (أنّ "that",
عام "year"). Names come out as names: people, places and organisations found by
:mod:`~talkhis.core.lexicon.names` (gazetteers, titles, context cues, the user's glossary) are
rendered in English ("Khalid al-Mansouri", "Ministry of Water Resources"). A few rules make
the line read as English: adjectives before their noun with one article ("the local
administration"), construct chains with "of", "on Tuesday", قد + past "has", تم + verbal noun
as a passive, and a plain subject before its verb ("the police said that"). Words the lexicon does not know and no cue marks as a name pass through
unchanged and are marked unknown; numbers (Arabic-Indic digits written as 0-9, the Saudi
decimal ``5ر1`` as 1.5), Latin text and punctuation stay where they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from talkhis.core.lexicon.morphology import ARABIC_LETTERS as _ARABIC
from talkhis.core.lexicon.morphology import INSIDE_WORD as _INSIDE
from talkhis.core.lexicon.morphology import Analysis, analyse_normalised, normalise_word
from talkhis.core.lexicon.data import lexicon
from talkhis.core.lexicon.english import past
from talkhis.core.lexicon.tables import NEWS_SENSES, PARTICIPLES, PHRASES

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN = re.compile(
    rf"(?P<saudi>[{_DIGITS}]+\u0631[{_DIGITS}]+)(?![{_ARABIC}])"  # 5ر1: a Saudi decimal, 1.5
    rf"|(?P<word>[{_ARABIC}][{_ARABIC}{_INSIDE}]*)"
    rf"|(?P<number>[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*[%\u066a]?)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:['’.\-][A-Za-z\u00c0-\u024f]+)*\.?)"
    r"|(?P<punctuation>\S)"
)
_TO_LATIN = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
        "\u066a": "%",
        "\u060c": ",",  # ، Arabic comma
        "\u061b": ";",  # ؛
        "\u061f": "?",  # ؟
        "\u06d4": ".",  # ۔ Urdu full stop
    }
)
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%\u060c\u061b\u061f")
# Proclitics sometimes written apart, usually with a tatweel before a quoted name: لـ”داعش”.
_DETACHED = {"ب": "by", "ل": "for", "ك": "like", "و": "and", "ف": "so"}
# An unknown word behind the article is still a name or a foreign word, but "the" is known:
# الدواعش → "the دواعش". Only article forms: a bare ب/ل/ك/و/ف begins too many names (بوتين).
_ARTICLE_CLITICS = (
    ("وبال", "and by the"), ("وال", "and the"), ("فال", "so the"), ("بال", "by the"),
    ("كال", "like the"), ("ولل", "and for the"), ("لل", "for the"), ("ال", "the"),
)


@dataclass(frozen=True)
class WordGloss:
    """One token of a sentence and its English."""

    text: str  # the token exactly as written
    gloss: str  # compact English; for unknown words, names, numbers and symbols: the token itself
    known: bool  # False for an Arabic word the lexicon has no reading for (names, typos...)
    kind: str = "word"  # "word" (Arabic), "number", "latin" or "punctuation"
    start: int = 0  # offsets of ``text`` in the glossed text
    end: int = 0
    space_before: bool = False  # whitespace separated it from the previous token
    analysis: Analysis | None = None  # the reading the gloss comes from, for words
    entity: str = ""  # "person", "place" or "organisation" when the token is (part of) a name
    # The token's English is already given by an earlier token (a later word of a name, an
    # adjective moved before its noun): the sentence line skips it, a word table still shows it.
    merged: bool = False


@dataclass(frozen=True)
class Gloss:
    """A sentence glossed word by word; ``str(gloss)`` is the compact English line."""

    text: str
    tokens: tuple[WordGloss, ...]
    # The names found, as (first token index, last token index, Name): for the entity list.
    names: tuple = ()

    @property
    def words(self) -> tuple[WordGloss, ...]:
        return tuple(t for t in self.tokens if t.kind == "word")

    @property
    def unknown(self) -> tuple[WordGloss, ...]:
        return tuple(t for t in self.tokens if not t.known)

    def token_at(self, offset: int) -> WordGloss | None:
        """The token covering character ``offset`` of :attr:`text` (for hover popups)."""
        for token in self.tokens:
            if token.start <= offset < token.end:
                return token
        return None

    @property
    def compact(self) -> str:
        out: list[str] = []
        previous = None
        for token in self.tokens:
            if not token.gloss or token.merged:
                continue  # a later word of a name or of a reordered phrase: its English is earlier
            joined = previous is not None and {previous.kind, token.kind} == {"word", "number"}  # و2015
            if out and (token.space_before or joined) and token.gloss[:1] not in _NO_SPACE_BEFORE:
                out.append(" ")
            out.append(token.gloss)
            previous = token
        return "".join(out)

    def __str__(self) -> str:
        return self.compact


_SENSE_CLITICS = (("و", "and"), ("ف", "so"), ("ب", "in"), ("ل", "for"), ("ك", "like"))
_SENSES = {normalise_word(k): v for k, v in NEWS_SENSES.items()}
_PROCLITIC_LETTERS = frozenset(c for c, _ in _SENSE_CLITICS)


def _may_have_proclitic(word: str, analysis: Analysis | None = None) -> bool:
    """Whether the first letter of ``word`` may be a proclitic (و ف ب ل ك) rather than its own letter.

    Not when the lexicon's best reading is one plain word with no prefix: بري is "land" and سري
    "secret", not ب + ري "in irrigation". A reading with a prefix (وري "and irrigation") or a
    function word (لأن، بأن) may still be split.
    """
    if analysis is None:
        analyses = analyse_normalised(lexicon(), word)
        if not analyses:
            return True
        analysis = analyses[0]
    return bool(analysis.prefixes) or not analysis.pos.startswith(("ADJ", "NOUN", "VERB"))


def news_sense(word: str, analysis: Analysis | None = None) -> str | None:
    """The hand-checked news sense of a normalised word, clitics folded in: والعام → "and the year".

    ``analysis``: the word's best lexicon reading when the caller has it (else it is looked up).
    """
    sense = _SENSES.get(word)
    if sense is not None:
        return sense
    for clitic, english in _SENSE_CLITICS:
        if word.startswith(clitic) and word[1:] in _SENSES and len(word) > 2 and _may_have_proclitic(word, analysis):
            return f"{english} {_SENSES[word[1:]]}"
    return None


def _gloss_arabic(text: str, start: int = 0, end: int = 0, space_before: bool = False) -> WordGloss:
    word = normalise_word(text)
    analyses = analyse_normalised(lexicon(), word) if word else ()
    if analyses:
        best = analyses[0]
        english = news_sense(word, best) or best.english or best.gloss or text
        return WordGloss(text, english, True, "word", start, end, space_before, best)
    if word in _DETACHED:
        return WordGloss(text, _DETACHED[word], True, "word", start, end, space_before)
    for clitics, english in _ARTICLE_CLITICS:
        if word.startswith(clitics) and len(word) - len(clitics) >= 3:
            rest = text[len(text) - len(word) + len(clitics) :] if len(text) == len(word) else word[len(clitics) :]
            return WordGloss(text, f"{english} {rest}", False, "word", start, end, space_before)
    return WordGloss(text, text, False, "word", start, end, space_before)


def _token(match: re.Match, space_before: bool) -> WordGloss:
    kind = match.lastgroup or "punctuation"
    text, start, end = match.group(), match.start(), match.end()
    if kind == "saudi":  # the integer follows the letter ر in the written order: 5ر1 is 1.5
        fraction, _, integer = text.translate(_TO_LATIN).partition("\u0631")
        return WordGloss(text, f"{integer}.{fraction}", True, "number", start, end, space_before)
    if kind == "word":
        return _gloss_arabic(text, start, end, space_before)
    english = text.translate(_TO_LATIN) if kind in ("number", "punctuation") else text
    return WordGloss(text, english, True, kind, start, end, space_before)


def gloss_word(word: str) -> WordGloss:
    """The compact English of one word: ``gloss_word("والمزارعون").gloss == "and the farmers"``.

    A name a gazetteer or the user's glossary knows comes back as the name (تونس → "Tunisia",
    not the verb "made Tunisian"), with ``entity`` set. An Arabic word the lexicon does not
    know (a foreign name such as كيغينز) comes back unchanged with ``known=False``; a number,
    Latin word or symbol comes back as itself.
    """
    word = word.strip()
    match = _TOKEN.fullmatch(word)
    if match is None:  # several tokens or none: gloss it as a phrase, keep the English together
        sentence = gloss_sentence(word)
        known = all(t.known for t in sentence.tokens)
        entity = sentence.names[0][2].kind if len(sentence.names) == 1 and len(sentence.words) == len(sentence.tokens) else ""
        return WordGloss(word, sentence.compact, known, "word", 0, len(word), entity=entity)
    if match.lastgroup == "word":
        return gloss_sentence(word).tokens[0]
    return _token(match, False)


def _raw_tokens(text: str) -> list[WordGloss]:
    tokens = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "punctuation" and unicodedata.category(match.group()) == "Cf":
            continue  # a stray direction mark or zero-width character: invisible, not a token
        space_before = match.start() > last_end
        if match.lastgroup == "word" and len(match.group()) == 1 and text[match.end() : match.end() + 1] == ".":
            token = WordGloss(match.group(), match.group(), False, "word", match.start(), match.end(), space_before)
        else:  # (a single letter before a period is an initial, as in مايلز ب. كيغينز)
            token = _token(match, space_before)
        tokens.append(token)
        last_end = match.end()
    return tokens


def _is_common(word: str) -> bool:
    """Whether the lexicon reads ``word`` as an ordinary word (its best reading is not a name)."""
    normalised = normalise_word(word)
    if news_sense(normalised):
        return True
    analyses = analyse_normalised(lexicon(), normalised) if normalised else ()
    return bool(analyses) and "NOUN_PROP" not in analyses[0].pos


def _word_english(word: str) -> str:
    return _gloss_arabic(word).gloss


def _phrases() -> dict[str, tuple[str, str]]:
    global _PHRASES
    if _PHRASES is None:
        from talkhis.core.lexicon.names import name_key

        _PHRASES = {name_key(k): (v, "term") for k, v in PHRASES.items()}
    return _PHRASES


_PHRASES: dict[str, tuple[str, str]] | None = None
_PARTICIPLES = {normalise_word(k): v for k, v in PARTICIPLES.items()}


def _names(tokens: list[WordGloss], memory, glossary) -> tuple[list[WordGloss], list[tuple]]:
    from talkhis.core.lexicon.names import Recogniser, name_key

    index = [i for i, t in enumerate(tokens) if t.kind == "word"]
    words: list[str | None] = []
    dotted: list[bool] = []
    positions: list[int] = []
    previous = -1
    for i in index:
        if previous >= 0 and i != previous + 1:
            if not (i == previous + 2 and tokens[previous + 1].text == "." and len(tokens[previous].text) == 1):
                words.append(None)  # punctuation or a number between: a name never spans it
                dotted.append(False)
                positions.append(-1)
        words.append(tokens[i].text)
        dotted.append(i + 1 < len(tokens) and tokens[i + 1].text == ".")
        positions.append(i)
        previous = i
    recogniser = Recogniser(_is_common, _word_english, {**_phrases(), **glossary})
    out = list(tokens)
    found = []
    for name in recogniser.find(words, memory, dotted):
        first = positions[name.first]
        last = positions[name.last]
        found.append((first, last, name))
        if name.kind == "person" and first >= 2 and out[first - 1].text == "." and out[first - 2].text == "د":
            t = out[first - 2]  # د. before a name: "Dr."
            out[first - 2] = WordGloss(t.text, "Dr", True, t.kind, t.start, t.end, t.space_before)
        elif name.kind == "person" and first >= 1 and out[first - 1].kind == "word":
            title = recogniser.g.titles.get(name_key(out[first - 1].text))
            if title:  # العقيد مايلز كيغينز: "Colonel Miles Kigins"
                t = out[first - 1]
                out[first - 1] = WordGloss(t.text, title, True, t.kind, t.start, t.end, t.space_before, t.analysis)
        for k in range(first, last + 1):
            t = out[k]
            gloss = name.gloss if k == first else name.english
            out[k] = WordGloss(t.text, gloss, True, t.kind, t.start, t.end, t.space_before, t.analysis, name.kind, k != first)
    return out, found


_FUNCTION_ENGLISH = frozenset(
    "for;that;in;on;to;from;about;with;since;after;before;between;at;until;but;as;if;whether;not;near;"
    "in front of;according to;in the presence of;over;by;more than;referring to;because of;in addition to;"
    "despite;that is,;is considered;"
    "did not;will not;what;which;who;this;these;was;be;can;must;also;according to;during;against;compared".split(";")
)
_VERB_SENSES = frozenset(
    "announced;said;must;was;be;can;pledged;reached;arrived;he;she;that he;that it;that they".split(";")
)
_ADJECTIVE_SENSES = frozenset("world;Arab;economic;international;water;local;official;national;political;joint".split(";"))
_PRONOUNS = frozenset("I we you they he she it".split())
_WEEKDAYS = frozenset("Saturday Sunday Monday Tuesday Wednesday Thursday Friday".split())
_QAD = frozenset(normalise_word(w) for w in "قد وقد فقد لقد".split())
_DEMONSTRATIVES = frozenset(normalise_word(w) for w in "هذا هذه ذلك تلك هؤلاء".split())
_TAMMA = frozenset(normalise_word(w) for w in "تم وتم فتم".split())


def _info(token: WordGloss) -> dict | None:
    """What the reordering rules need to know about one glossed word, or None if they leave it be."""
    a = token.analysis
    if token.kind != "word" or not token.gloss or token.merged:
        return None
    if token.entity == "term":  # a phrase (رئيس الوزراء): a noun an adjective may follow
        # رئيس الوزراء is definite through its last word: "the (Iraqi) prime minister"; a month is not
        article = token.gloss[:1].islower() and not token.gloss.startswith("the ")
        return {"pos": "noun", "lead": [], "core": token.gloss, "definite": True, "possessed": False, "article": article}
    if token.entity:
        return {"pos": "name", "lead": [], "core": token.gloss, "definite": True, "possessed": False}
    if a is None:
        return None
    tags = {m.tag for m in a.stem}
    lead_count = sum(1 for m in a.prefixes if m.tag in ("CONJ", "PREP") and m.gloss)
    words = token.gloss.split(" ")
    lead, core = words[:lead_count], words[lead_count:]
    definite = any(m.tag == "DET" for m in a.prefixes)
    if definite and core[:1] == ["the"]:
        core = core[1:]
    if any(t.startswith("ADJ") for t in tags):
        pos = "adj"
    elif any(t.startswith("NOUN") for t in tags):
        pos = "noun"
    elif any(t.startswith("VERB_PERFECT") for t in tags):
        pos = "past"
    elif any(t.startswith("VERB") for t in tags):
        pos = "verb"
    else:
        pos = "other"
    possessed = any(m.tag.startswith("POSS_PRON") for m in a.suffixes)
    word = normalise_word(token.text)
    sense = _SENSES.get(word) or (
        _SENSES.get(word[1:]) if word[:1] in _PROCLITIC_LETTERS and _may_have_proclitic(word, a) else None
    )
    if sense is not None and pos not in ("past", "verb"):  # a verb's news sense is still a verb
        pos = "verb" if sense in _VERB_SENSES else "adj" if sense in _ADJECTIVE_SENSES else "noun"
    elif pos == "noun" and definite and core and core[0][:1].isupper() and token.text.endswith(("ي", "ية", "يون", "يين")):
        pos = "adj"  # السوري، التونسية: a nationality after its noun
    if " ".join(core) in _FUNCTION_ENGLISH:
        pos = "other"  # a news sense that is a function word (باسم "for", أن "that")
    return {"pos": pos, "lead": lead, "core": " ".join(core), "definite": definite, "possessed": possessed}


def _set(tokens: list[WordGloss], k: int, gloss: str) -> None:
    t = tokens[k]
    tokens[k] = WordGloss(t.text, gloss, t.known, t.kind, t.start, t.end, t.space_before, t.analysis, t.entity, t.merged)


def _merge(tokens: list[WordGloss], k: int) -> None:
    """Token ``k``'s English now stands on an earlier token: keep its own gloss, skip it in the line."""
    t = tokens[k]
    tokens[k] = WordGloss(t.text, t.gloss, t.known, t.kind, t.start, t.end, t.space_before, t.analysis, t.entity, True)


def _join(*parts) -> str:
    return " ".join(p for part in parts for p in ([part] if isinstance(part, str) else part) if p)


def _english_order(tokens: list[WordGloss]) -> list[WordGloss]:
    """Adjectives before nouns, "of" in construct chains, "on Tuesday", قد "has", تم passive."""
    out = list(tokens)
    infos = [_info(t) for t in out]
    n = len(out)
    for i in range(n):
        info = infos[i]
        if info is None or not out[i].gloss:
            continue
        after = i + 1  # the next token that stands for itself (past the later words of a name)
        while after < n and out[after].merged:
            after += 1
        nxt = infos[after] if after < n else None
        word = normalise_word(out[i].text) if out[i].kind == "word" else ""
        # قد + past: "has announced"; تم + verbal noun: "the agreement was signed"
        if word in _QAD and nxt and nxt["pos"] == "past" and not nxt["lead"]:
            verb = out[after].gloss.split(" ")
            if verb[0] in _PRONOUNS and len(verb) > 1:  # "they have announced"
                _set(out, i, _join(info["lead"]))
                _set(out, after, _join(verb[0], "have" if verb[0] in ("I", "we", "you", "they") else "has", verb[1:]))
            else:  # "has announced"
                _set(out, i, _join(info["lead"], "has"))
            if not out[i].gloss:
                _merge(out, i)
            infos[after] = None
            continue
        if word in _TAMMA and nxt and nxt["pos"] == "noun" and not nxt["lead"]:
            # تم توقيع الاتفاق: "the agreement was signed"; a verbal noun not in -ing stays a noun
            core = nxt["core"]
            participle = _PARTICIPLES.get(normalise_word(out[after].text))
            if participle is None and core.endswith("ing") and " " not in core:
                participle = past(core[:-3])
            obj = after + 1
            object_alone = (  # one definite noun or a name, nothing hanging on it
                participle
                and obj < n
                and infos[obj] is not None
                and infos[obj]["pos"] in ("noun", "name")
                and infos[obj]["definite"]
                and not infos[obj]["lead"]
                and (obj + 1 >= n or out[obj + 1].kind != "word" or infos[obj + 1] is None or infos[obj + 1]["lead"])
                and not (obj + 1 < n and out[obj + 1].merged)
            )
            if object_alone:
                _set(out, i, _join(info["lead"], out[obj].gloss, "was", participle))
                _merge(out, after)
                _merge(out, obj)
                infos[obj] = None
            else:
                _set(out, i, _join(info["lead"], "was"))
                if participle:
                    _set(out, after, participle)
            infos[after] = None
            continue
        if info["pos"] == "name":
            continue
        # هذا العام → "this year": a demonstrative takes the article's place
        if word in _DEMONSTRATIVES and nxt and nxt["definite"] and not nxt["lead"]:
            _set(out, after, out[after].gloss[4:] if out[after].gloss.startswith("the ") else out[after].gloss)
            infos[after] = dict(nxt, definite=False, pos="det-noun")
            continue
        # يوم الثلاثاء → "on Tuesday"
        if nxt and nxt["core"] in _WEEKDAYS and info["core"] == "day":
            _set(out, i, _join(info["lead"], "on"))
            _set(out, after, nxt["core"])
            infos[after] = None
            continue
        if info["core"] in _WEEKDAYS and info["definite"]:
            _set(out, i, _join(info["lead"], info["core"]))
            continue
        if info["pos"] != "noun":
            continue
        # noun + adjectives (same definiteness, no conjunction): "the local administration"
        adjectives = []
        j = after
        while j < n and infos[j] and infos[j]["pos"] == "adj" and not infos[j]["lead"] and infos[j]["definite"] == info["definite"]:
            adjectives.append(infos[j]["core"])
            j += 1
        if adjectives:
            adjectives.reverse()  # الحرب العالمية الثانية: "the second world war"
            core = info["core"].split(" ")
            if info["possessed"] and len(core) > 1:
                core = [core[0], *adjectives, *core[1:]]
            else:
                core = [*adjectives, *core]
            _set(out, i, _join(info["lead"], "the" if info.get("article", info["definite"]) else "", core))
            for k in range(after, j):
                _merge(out, k)
                infos[k] = None
            continue
        # construct chain: an indefinite noun before a definite one or a name: "ministry of the ..."
        if (
            nxt
            and not info["definite"]
            and not info["possessed"]
            and not nxt["lead"]
            and (nxt["pos"] == "name" or (nxt["pos"] in ("noun",) and nxt["definite"]))
            and out[after].space_before
        ):
            _set(out, i, f"{out[i].gloss} of")
    return out


_THAT = frozenset(normalise_word(w) for w in "أن إن أنه إنه أنها إنها بأن بان".split())
_NAME_KINDS = ("person", "place", "organisation")


def _subject_first(tokens: list[WordGloss]) -> list[WordGloss]:
    """A sentence that opens with a verb and its subject reads subject first: قالت الشرطة إن → "the police said that".

    Only where the subject is plain: a name, or one definite noun (with its adjectives) that
    ends at "that", a day, a verb or punctuation. Anything longer keeps the Arabic order.
    """
    words = [k for k, t in enumerate(tokens) if not t.merged and t.gloss]
    firsts = [k for k in words if tokens[k].kind == "word"]
    if len(firsts) < 2 or words[0] != firsts[0]:
        return tokens
    v, s = firsts[0], firsts[1]
    if words[1] != s:
        return tokens  # punctuation between the verb and the next word
    verb, subject = tokens[v], tokens[s]
    info = _info(verb)
    if info is None or info["pos"] not in ("past", "verb") or not info["core"] or info["core"].split(" ")[0] in _PRONOUNS:
        return tokens
    if subject.entity not in _NAME_KINDS:
        sinfo = _info(subject)
        if sinfo is None or sinfo["pos"] != "noun" or not sinfo["definite"] or sinfo["lead"] or subject.gloss.endswith(" of"):
            return tokens
        after = words[2] if len(words) > 2 else None
        if after is not None:
            nxt = tokens[after]
            nxt_info = _info(nxt)
            plain_end = (
                nxt.kind == "punctuation"
                or normalise_word(nxt.text) in _THAT
                or nxt.gloss == "on"
                or nxt.gloss.startswith(("on ", "that"))
                or (nxt_info is not None and nxt_info["pos"] in ("past", "verb"))
            )
            if not plain_end:
                return tokens
    out = list(tokens)
    _set(out, v, _join(info["lead"], subject.gloss, info["core"]))
    _merge(out, s)
    return out


def gloss_sentence(text: str, *, memory=None, glossary: dict | None = None) -> Gloss:
    """Every token of ``text`` with its gloss, in order, with offsets into ``text``.

    ``memory`` (a :class:`~talkhis.core.lexicon.names.NameMemory`) carries the names met in
    earlier sentences of the same article, so a surname alone is still read as that person;
    ``glossary`` (folded Arabic → (English, kind)) defaults to the user's stored glossary.
    """
    if glossary is None:
        from talkhis.core.glossary import lookup_table

        glossary = lookup_table()
    tokens = _raw_tokens(text)
    tokens, names = _names(tokens, memory, glossary)
    tokens = _english_order(tokens)
    tokens = _subject_first(tokens)
    return Gloss(text, tuple(tokens), tuple(names))


def gloss_text(text: str, *, memory=None, glossary: dict | None = None) -> str:
    """The compact English gloss line of ``text`` (what the pipeline stores per sentence)."""
    return gloss_sentence(text, memory=memory, glossary=glossary).compact
