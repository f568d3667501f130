"""Fold one analysis into a compact English gloss in English word order.

``وَ+ال+مُزارِع+ُونَ`` → "and the farmers"; ``مَواشِي+هم`` → "their livestock";
``بِ+تَعَهُّدات+ها`` → "by its commitments"; ``يَ+قُول+ُونَ`` → "they say"; ``قالَ`` → "said".

Order: conjunction, (for verbs) subject pronoun, future/"to", (for nouns) preposition,
article or possessive, "two" for a dual, the stem's first sense (pluralised where the lexicon
marks a plural ending, verbs put in the past or third person), then an object pronoun.
This is a word-by-word gloss for an analyst, not a translation.
"""

from __future__ import annotations

import re

from talkhis.core.lexicon.morphology import OBJECT, POSSESSIVE, Analysis, Morpheme, person_of

_BRACKETED = re.compile(r"\s*(\([^)]*\)|\[[^\]]*\])")
_SPACES = re.compile(r"\s+")


def first_sense(gloss: str) -> str:
    """``"livestock;cattle"`` → ``"livestock"``; drops ``(notes)``, ``[labels]`` and ``/alternatives``."""
    for sense in gloss.replace(" + ", " ").split(";"):
        cleaned = _SPACES.sub(" ", _BRACKETED.sub("", sense)).strip()
        if not cleaned:
            cleaned = sense.strip().strip("()[]").strip()
        if cleaned:
            words = [w.split("/", 1)[0] if "/" in w and not w.startswith("/") else w for w in cleaned.split(" ")]
            return " ".join(w for w in words if w)
    return ""


# ----- nouns -------------------------------------------------------------------------------

_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
    "tooth": "teeth", "mouse": "mice", "goose": "geese", "life": "lives", "wife": "wives",
    "knife": "knives", "leaf": "leaves", "half": "halves", "thief": "thieves", "wolf": "wolves",
    "shelf": "shelves", "self": "selves", "analysis": "analyses", "crisis": "crises",
    "thesis": "theses", "basis": "bases", "hypothesis": "hypotheses", "phenomenon": "phenomena",
    "criterion": "criteria", "datum": "data", "hero": "heroes", "potato": "potatoes",
    "tomato": "tomatoes", "veto": "vetoes", "echo": "echoes", "ox": "oxen",
}
_UNCOUNTABLE = frozenset(
    "livestock cattle equipment information news police personnel sheep fish deer series species "
    "aircraft staff advice evidence furniture research software weaponry infantry artillery "
    "machinery poultry clothing luggage baggage offspring headquarters means".split()
)


def pluralise_word(word: str) -> str:
    lower = word.lower()
    if lower in _UNCOUNTABLE or not word.isalpha():
        return word
    if lower in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[lower]
        return plural.capitalize() if word[0].isupper() else plural
    if lower.endswith("man") and len(lower) > 4 and lower not in ("human", "german", "roman", "shaman"):
        return word[:-3] + "men"  # chairman, spokesman, policeman
    if lower.endswith(("ss", "us", "is", "sh", "ch", "x", "z")):
        return word + "es"
    if lower.endswith("s"):
        return word  # already plural ("forces"), or a name
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def pluralise(phrase: str) -> str:
    """Pluralise a noun phrase's head: "farmer" → "farmers", "head of state" → "heads of state"."""
    words = phrase.split(" ")
    if not words or not phrase:
        return phrase
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    if head < 0:
        return phrase
    words[head] = pluralise_word(words[head])
    return " ".join(words)


# ----- verbs -------------------------------------------------------------------------------

_IRREGULAR_PAST = dict(
    pair.split(":")
    for pair in (
        "arise:arose awake:awoke be:was bear:bore beat:beat become:became begin:began bend:bent "
        "bet:bet bind:bound bite:bit bleed:bled blow:blew break:broke breed:bred bring:brought "
        "broadcast:broadcast build:built burst:burst buy:bought cast:cast catch:caught choose:chose "
        "cling:clung come:came cost:cost creep:crept cut:cut deal:dealt dig:dug do:did draw:drew "
        "drink:drank drive:drove eat:ate fall:fell feed:fed feel:felt fight:fought find:found "
        "flee:fled fling:flung fly:flew forbid:forbade forecast:forecast foresee:foresaw "
        "forget:forgot forgive:forgave freeze:froze get:got give:gave go:went grind:ground "
        "grow:grew hang:hung have:had hear:heard hide:hid hit:hit hold:held hurt:hurt keep:kept "
        "kneel:knelt know:knew lay:laid lead:led leave:left lend:lent let:let lie:lay light:lit "
        "lose:lost make:made mean:meant meet:met mislead:misled mistake:mistook overcome:overcame "
        "oversee:oversaw overtake:overtook overthrow:overthrew pay:paid put:put quit:quit read:read "
        "rebuild:rebuilt rid:rid ride:rode ring:rang rise:rose run:ran say:said see:saw seek:sought "
        "sell:sold send:sent set:set shake:shook shed:shed shine:shone shoot:shot show:showed "
        "shrink:shrank shut:shut sing:sang sink:sank sit:sat sleep:slept slide:slid sling:slung "
        "speak:spoke spend:spent spin:spun spit:spat split:split spread:spread spring:sprang "
        "stand:stood steal:stole stick:stuck sting:stung stink:stank strike:struck string:strung "
        "strive:strove swear:swore sweep:swept swim:swam swing:swung take:took teach:taught "
        "tear:tore tell:told think:thought throw:threw thrust:thrust tread:trod undergo:underwent "
        "understand:understood undertake:undertook uphold:upheld upset:upset wake:woke wear:wore "
        "weave:wove weep:wept win:won wind:wound withdraw:withdrew withhold:withheld "
        "withstand:withstood wring:wrung write:wrote"
    ).split()
)
_DOUBLE_FINAL = frozenset(
    "admit commit permit submit omit emit remit transmit acquit occur incur recur concur prefer "
    "refer confer infer defer deter transfer control patrol compel expel propel repel dispel "
    "regret abet allot annul rebel equip".split()
)
_VOWELS = "aeiou"
_PAST_FORMS = frozenset(_IRREGULAR_PAST.values())
_BASE_ED = frozenset(
    "need feed exceed succeed proceed heed bleed shed breed speed seed weed embed shred wed "
    "bed wed plead breastfeed overfeed".split()
)


def past(verb: str) -> str:
    lower = verb.lower()
    if lower in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lower]
    if not lower.isalpha() or lower in _PAST_FORMS or (lower.endswith("ed") and lower not in _BASE_ED):
        return verb  # already past: the lexicon glosses a few verbs that way ("said")
    if lower.endswith("e"):
        return verb + "d"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if lower in _DOUBLE_FINAL or (
        len(lower) >= 3
        and lower[-1] not in _VOWELS + "wxy"
        and lower[-2] in _VOWELS
        and lower[-3] not in _VOWELS
        and sum(1 for i, c in enumerate(lower) if c in _VOWELS and (i == 0 or lower[i - 1] not in _VOWELS)) == 1
    ):
        return verb + verb[-1] + "ed"  # stop → stopped, plan → planned
    return verb + "ed"


def third_person(verb: str) -> str:
    lower = verb.lower()
    special = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lower in special:
        return special[lower]
    if not lower.isalpha():
        return verb
    if lower.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _conjugate(sense: str, tense: str, person: str, bare: bool) -> str:
    """Inflect a verb gloss's first word: ``tense`` is "past" or "present"; ``bare`` keeps it."""
    words = sense.split(" ")
    head = words[0]
    if bare or not head.isalpha() or not head.islower():
        return sense
    plural = person[:1] == "2" or person.endswith(("P", "D"))
    if head == "be":
        if tense == "past":
            head = "were" if plural else "was"
        else:
            head = "am" if person == "1S" else "are" if plural else "is"
    elif tense == "past":
        head = past(head)
    elif person in ("3MS", "3FS"):
        head = third_person(head)
    return " ".join([head, *words[1:]])


# ----- the fold ----------------------------------------------------------------------------

_SUBJECT = {
    "1S": "I", "1P": "we", "2MS": "you", "2FS": "you", "2D": "you", "2MP": "you", "2FP": "you",
    "3MD": "they", "3FD": "they", "3D": "they", "3MP": "they", "3FP": "they",
}


_SUBJECT_AFTER_PARTICLE = {**_SUBJECT, "3MS": "he", "3FS": "it"}


def _subject_person(morphemes: tuple[Morpheme, ...]) -> str:
    """The subject's person: from a subject ending ("PVSUFF_SUBJ:3MP"), else the verb prefix."""
    for m in morphemes:
        if m.role == "suffix" and "SUBJ" in m.tag and person_of(m.tag):
            return person_of(m.tag)
    for m in morphemes:
        if m.role == "prefix" and m.tag.startswith("IV") and m.tag[2:3].isdigit():
            return m.tag[2:]
    return ""


def fold(analysis: Analysis) -> str:
    """The compact English gloss of one reading (see the module docstring for the order)."""
    sense = first_sense(analysis.gloss)
    if not sense:
        return ""
    prefixes = analysis.prefixes
    suffixes = analysis.suffixes
    tags = {m.tag for m in analysis.stem}
    conj = [m.gloss for m in prefixes if m.tag == "CONJ" and m.gloss]
    particles = [m.gloss for m in prefixes if m.tag in ("EMPHATIC_PARTICLE", "RESULT_CLAUSE_PARTICLE") and m.gloss]
    # أنه "that he", إنهم "that they": after a particle the pronoun is the clause's subject.
    pronouns = _SUBJECT_AFTER_PARTICLE if "FUNC_WORD" in tags else OBJECT
    objects = [pronouns.get(person_of(m.tag), "") for m in suffixes if "_DO:" in m.tag or m.tag.startswith("PRON_")]
    objects = [o for o in objects if o]
    is_verb = any(t.startswith("VERB_") for t in tags)

    if is_verb:
        person = _subject_person(analysis.morphemes)
        future = any(m.tag == "FUT" for m in prefixes)
        subjunctive = any(m.tag == "SUBJUNC" for m in prefixes)
        imperative = "VERB_IMPERATIVE" in tags
        if "would" in particles:
            verb = sense  # لَ + perfect: "would (have)" + the bare verb
        elif "VERB_PERFECT" in tags:
            verb = _conjugate(sense, "past", person, bare=False)
        else:
            verb = _conjugate(sense, "present", person, bare=future or subjunctive or imperative)
        words = [*conj, *particles]
        if person in _SUBJECT and not subjunctive and not imperative:
            words.append(_SUBJECT[person])
        if future:
            words.append("will")
        if subjunctive:
            words.append("to")
        words += [verb, *objects]
        return " ".join(words)

    preps = [m.gloss for m in prefixes if m.tag == "PREP" and m.gloss]
    article = ["the"] if any(m.tag == "DET" for m in prefixes) else []
    possessive = [POSSESSIVE.get(person_of(m.tag), "") for m in suffixes if m.tag.startswith("POSS_PRON")]
    number = ""
    for m in suffixes:
        if m.tag.startswith("NSUFF") and "_PL" in m.tag:
            number = "plural"
        elif m.tag.startswith("NSUFF") and "_DU" in m.tag:
            number = "dual"
    adjective = "ADJ" in tags
    noun = sense
    already_plural = analysis.category.startswith("NAt")
    if number and not already_plural and (not adjective or sense[:1].isupper()):
        noun = pluralise(sense)
    words = [*conj, *particles, *preps, *article, *[p for p in possessive if p]]
    if number == "dual" and not adjective:
        words.append("two")
    words += [noun, *objects]
    return " ".join(words)
