"""Extractive bullet summaries: pick the article's most central sentences, in document order.

Design
------
*Our segmentation, sumy's algorithms.* sumy's own tokenizers cannot segment Arabic (its Arabic
tokenizer calls pyarabic's ``sentence_tokenize``, which splits at every ``،``, ``:`` and ``;``
and, through a ``re.sub`` argument bug, stops after 32 pieces) and its English one needs NLTK's
``punkt_tab`` data, which an offline machine does not have (``LookupError``). So we never let
sumy segment: :func:`sumy_document` builds a
``sumy.models.dom.ObjectDocumentModel`` directly from the :class:`~talkhis.core.article.Article`,
one sumy ``Paragraph`` per article paragraph, one sumy ``Sentence`` per sentence, with
``is_heading`` set for headings. sumy leaves headings out of ``document.sentences``, so a heading
is never rated and never becomes a bullet (Luhn and LSA still count heading words as significant,
through ``document.words``, as sumy intends).

*Words.* :class:`MatchingTokenizer` splits ``for_matching(text)`` (lower-cased, diacritic-free,
hamza-folded) at every character that is not a letter or a digit, Arabic or Latin. sumy's own word
filter drops any token that contains a diacritic (``حواراً``), so without this a voweled article
loses words; with it, an article with and without tashkeel gives the same summary. Stop words are
normalised the same way (:func:`stop_words`); stems come from sumy's ``Stemmer`` (NLTK Snowball,
offline), memoised per word because the Arabic stemmer costs ~25 µs a call.

*Duplicate sentences.* sumy's ``Sentence`` hashes and compares by text, so identical sentences
collapse into one entry of the rating dictionaries (in SumBasic and KL every copy then gets the
rating stored last, and mapping a chosen text back to an id is ambiguous). We map back *by
position*: each sumy sentence is a
:class:`_ArticleSentence`, a sumy ``Sentence`` that also carries its index in the article and
hashes and compares by that index. Every sentence keeps its own rating and its own id; two
identical sentences are two candidates. But the bullets never say the same thing twice: when the
choice holds a sentence that repeats another word for word (after Arabic normalisation: a pull
quote, a paragraph pasted twice), the later copy gives way and the choice is made again for one
more bullet (:func:`_distinct`), so the analyst still gets the number asked for.

*Fast LexRank and TextRank.* sumy builds their similarity matrices with pure-Python double loops
(and LexRank's idf is O(terms × sentences × words)): 4.8 s at 1,000 sentences. The "fast" engine
(:func:`_lexrank_fast`, :func:`_textrank_fast`) computes the same quantities with numpy: term
counts as sparse (sentence, term) entries, the pairwise dot products as a sum over posting lists
(rare terms) plus a dense matrix product (frequent terms), then sumy's *own* tail: the same
threshold/normalisation arithmetic on an identical matrix and sumy's ``power_method``. The
matrices are bit-for-bit those of sumy:

- TextRank's overlap counts are integers (exact in float64 in any order); the length norm is
  ``math.log(len1) + math.log(len2)`` as in sumy; row normalisation, damping and the power
  method are the same elementwise numpy operations on the same array (done in place).
- LexRank's thresholded matrix holds only 1/degree values. Our cosine similarities can differ
  from sumy's in the last bit (other summation order), which matters only when a similarity lies
  on the 0.1 threshold itself (it happens: e.g. two 10-word sentences sharing one word whose
  terms all have the same idf give exactly 1/10). Every similarity within 1e-9 of the
  threshold is recomputed with sumy's own ``cosine_similarity`` on the same inputs.

So both engines select the same sentences and give identical ratings (the tests check it against
sumy's own summariser objects). ``engine="sumy"`` computes the matrices with sumy's own loops
(``_compute_idf``, ``_create_matrix``, ``_rate_sentences_edge``) and exists for those tests and
the benchmark. Measured on this 2-core machine, 10 bullets: 1,000 sentences 3.2–9 s → 0.05–0.2 s;
3,000 sentences in 0.2–0.8 s (sumy: 70–80 s). Memory is a few n × n float64 arrays: ~190 MB
peak at 3,000 sentences, growing with n².

*Selection* is sumy's: sort by rating, descending, stable (ties go to the earlier sentence), keep
the first *bullets*, return them in document order. Degenerate cases that make sumy divide by
zero (no sentence has a content word; LexRank with every idf zero) select the first sentences.

KL-Sum is cubic (262 s at 1,000 sentences), so it is refused above
:data:`KL_MAX_SENTENCES`. Edmundson is not offered: it needs cue-word lists we do not have.

The default, ``"news"`` (:func:`_news_choice`)
------------------------------------------------
News writers put the point first, and human summarisers pick early sentences: on the EASC
development half (77 Arabic articles, five human extracts each) taking the first *N* sentences
(LEAD-N) scores ROUGE-1 0.514 where stock-equivalent LexRank scores 0.477. The default has two
parts. (1) A learned scorer (:mod:`talkhis.core.summary_model`): logistic regression, fitted on
which sentences the EASC readers picked, gives each sentence its chance of being picked from
its position in the article and in its paragraph and its length against the article's own
sentences. Sentences whose chance exceeds the model's threshold (0.3) are *confident*, and
they become bullets first, largest ``words × (chance − threshold)`` first (a long sentence
brings more of what a reader would pick, but costs more summary; see :func:`_news_pick`).
(2) When the confident sentences are used up (a long document, or more bullets than the
scorer vouches for), the rest are chosen by a *personalised* LexRank: the random walk on the
sentence-similarity graph (tf-idf cosine, links above 0.1, weighted by similarity) restarts
not uniformly but from a prior that favours early sentences (``1 / sqrt(1 + position)``) and
sentences similar to the title and their section heading; only 35% of a rating flows along
links (``damping``); bullets are taken greedily by maximal marginal relevance (rating minus 0.3
× the highest similarity to a bullet already chosen). Either way a near copy (cosine ≥
:data:`DUPLICATE`) of a bullet is taken only when nothing else is left. The scorer's features,
penalty and threshold were chosen by nested cross-validation (``bench/summary_quality.py
--fit``): held out, it scores ROUGE-1 0.521 against LEAD-N's 0.514, ahead on 7 of 7 folds;
content features (centrality, similarity to the title or the lead, numbers, quotations, verbs
of saying, connectives) were tried and lowered the held-out score, so the scorer does not use
them. The graph's parameters (:class:`NewsParameters`) come from the earlier grid search
(``--select``). bench/RESULTS.md has the tables.

*Linear scale.* The similarity graph is sparse: up to :data:`DENSE_MAX` sentences every pair is
compared (blockwise over posting lists, as above) and kept when above the threshold; beyond
that, sentences are taken in blocks of :data:`WINDOW` and each is compared with its own block
and the blocks either side, keeping its :data:`TOP_K` strongest links to sentences after it
(links are symmetric, so it also has those of earlier sentences that chose it). The power iteration runs
on the (row, column, weight) lists with ``bincount``. Time and memory grow linearly with the
number of sentences (100,000 sentences: about 25 s and under 300 MB on a 2-core machine); on
documents up to :data:`DENSE_MAX` sentences the ratings equal those of the dense computation.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby

import numpy
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from talkhis.core import summary_model
from talkhis.core.article import ALGORITHMS, Article, Summary
from talkhis.core.errors import UsageError
from talkhis.core.normalize import for_matching

log = logging.getLogger(__name__)

ENGINES = ("fast", "sumy")  # "fast" differs from "sumy" only for lexrank and textrank
KL_MAX_SENTENCES = 200  # KL-Sum is cubic: ~2.5 s at 200 sentences, 262 s at 1,000
# LexRank and TextRank reproduce sumy's dense n x n matrices: ~190 MB at 3,000 sentences, ~2 GB at
# 10,000, 24 GiB for a book; "news" handles any length in linear memory.
GRAPH_MAX_SENTENCES = 5000
BULLETS_PER_ROOT, MAX_DEFAULT_BULLETS = 1.15, 20  # see default_bullets

_LANGUAGES = {"ar": "arabic", "en": "english"}

# Function words and clitic-prefixed forms common in news Arabic that sumy's list lacks, written
# in the ``for_matching`` form (ى→ي, ة→ه, أإآ→ا). sumy filters stop words *before* stemming, so a
# prefixed form ("وهذه") is only caught if listed as such.
ARABIC_EXTRA_STOP_WORDS = frozenset(
    """
    و ف ب ل ك س ال
    وذلك وهذه وهذا وهم وهن وهما وانه وانها وانهم وما وفيما فيما بينما واما وكما وكذلك
    والذين واللذين واللتين وايضا وحتي وعلي والي وعن ومنذ وبعد وقبل وخلال وضمن وبين وحيث
    وكل وغير ولكنه ولكنها لكنها لانه لانها لان بانه بانها بانهم وبان فان فانها فقد وقد
    منهم منهما عنهم عليهم عليهما اليهم بهم بهما فيهم فيهما معهم لديهم لديه لديها بها به
    هذين هاتين اولءك الذي التي الذين كانوا كانت يكونوا تكون
    يزال تزال زال لايزال لاتزال مازالت
    قالت اضاف اضافت واضاف واضافت اكد اكدت واكدت اوضح اوضحت واوضحت اشار اشارت واشار واشارت
    ايضا حيث عبر لدي وفق وفقا اثناء جراء بسبب نحو حوالي
    """.split()
)

_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits, any script


def default_bullets(sentence_count: int) -> int:
    """How many bullets a summary of an article with ``sentence_count`` sentences gets by default.

    ``sentence_count`` counts sentences that can be bullets (not headings). Fitted to what human
    summarisers chose on the EASC development half (77 Arabic news and encyclopaedia articles of
    3 to 44 sentences, five readers each, at most half of the sentences allowed). Their extracts
    average 125 words; ``1.15 * sqrt(n)`` sentences, rounded, gave the graph-only default the same
    mean length in words (100%; 99% and 102% on the two halves of the corpus, each fitted on the
    other; their count of sentences is nearer 1.45 * sqrt(n), but they saw units cut at 255
    characters). The learned scorer prefers longer sentences, so its summaries run to 112% of the
    humans' words; ``1.0 * sqrt(n)`` would give 101% but lowers ROUGE-1 from 0.508 to 0.491, so the
    factor stays. At most half the article (rounded up) and at most
    :data:`MAX_DEFAULT_BULLETS`: 1 → 1, 4 → 2, 19 → 5, 44 → 8, 100 → 12, 288 and longer → 20.
    """
    if sentence_count < 0:
        raise ValueError(f"sentence_count must be >= 0, not {sentence_count}")
    if sentence_count == 0:
        return 0
    wanted = math.floor(BULLETS_PER_ROOT * math.sqrt(sentence_count) + 0.5)
    return max(1, min(wanted, MAX_DEFAULT_BULLETS, (sentence_count + 1) // 2))


class MatchingTokenizer:
    """A sumy tokenizer over :func:`for_matching` forms (sumy needs ``to_sentences``/``to_words``).

    Words are runs of letters/digits of ``for_matching(text)``; everything else (punctuation,
    quotes, Arabic commas) separates them. ``to_sentences`` is only here to satisfy sumy's
    protocol: Talkhis segments articles itself and never asks sumy to (one line = one sentence).
    """

    def __init__(self, language: str):
        self.language = language

    @staticmethod
    def to_sentences(paragraph: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in paragraph.splitlines() if line.strip())

    @staticmethod
    def to_words(sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(for_matching(sentence)))


class _ArticleSentence(SumySentence):
    """A sumy sentence that knows its position among the article's sentences.

    Hashing and equality go by that position, not by text, so identical sentences stay distinct
    in sumy's rating dictionaries and map back to their own ids.
    """

    __slots__ = ("index",)

    def __init__(self, index: int, text: str, tokenizer: MatchingTokenizer, is_heading: bool):
        super().__init__(text, tokenizer, is_heading=is_heading)
        self.index = index

    def __eq__(self, other):
        return isinstance(other, _ArticleSentence) and self.index == other.index

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.index)


class _CachedStemmer:
    """sumy's ``Stemmer`` with a per-word memo.

    NLTK's Arabic stemmer keeps per-call state on the instance, so calls are serialised by a lock
    (the window summarises in a worker thread). The memo is bounded: it is emptied when full.
    """

    def __init__(self, language: str, max_words: int = 200_000):
        self._stem = Stemmer(language)
        self._lock = threading.Lock()
        self._memo: dict[str, str] = {}
        self._max_words = max_words

    def __call__(self, word: str) -> str:
        stem = self._memo.get(word)
        if stem is None:
            with self._lock:
                stem = self._stem(word)
                if len(self._memo) >= self._max_words:
                    self._memo.clear()
                self._memo[word] = stem
        return stem


@cache
def stop_words(language: str) -> frozenset[str]:
    """Stop words for ``"ar"``/``"en"`` in the form the tokenizer produces.

    sumy's list, each entry passed through :func:`for_matching` and split like a sentence (98
    Arabic entries carry diacritics and would never match otherwise; "don't" gives "don" and
    "t", which is what the tokenizer makes of it), plus :data:`ARABIC_EXTRA_STOP_WORDS`.
    """
    words: set[str] = set()
    for entry in get_stop_words(_sumy_language(language)):
        words.update(MatchingTokenizer.to_words(entry))
    if language == "ar":
        words.update(ARABIC_EXTRA_STOP_WORDS)
    return frozenset(words)


@cache
def _stemmer(language: str) -> _CachedStemmer:
    return _CachedStemmer(_sumy_language(language))


def _sumy_language(language: str) -> str:
    try:
        return _LANGUAGES[language]
    except KeyError:
        raise UsageError(
            f"cannot summarise language {language!r}; supported: {', '.join(_LANGUAGES)}"
        ) from None


def sumy_document(article: Article) -> ObjectDocumentModel:
    """The article as a sumy document: one Paragraph per paragraph, headings marked.

    Each sumy sentence is an :class:`_ArticleSentence` whose ``index`` is its position in
    ``article.sentences``.
    """
    tokenizer = MatchingTokenizer(article.language)
    units = [
        _ArticleSentence(index, s.text, tokenizer, s.heading) for index, s in enumerate(article.sentences)
    ]
    paragraphs = groupby(units, key=lambda u: article.sentences[u.index].paragraph)
    return ObjectDocumentModel(Paragraph(list(group)) for _, group in paragraphs)


# --- choosing ----------------------------------------------------------------------------------


def summarize(
    article: Article,
    algorithm: str = "news",
    bullets: int | None = None,
    *,
    engine: str = "fast",
    distinct: bool = True,
) -> Summary:
    """The ids of the ``bullets`` best sentences of ``article`` by ``algorithm``, in document order.

    ``algorithm`` defaults to ``"news"`` (see the module docstring); ``bullets`` defaults to
    :func:`default_bullets`; more than the article has gives them all.
    Headings are never chosen. ``engine="sumy"`` runs stock sumy LexRank/TextRank instead of the
    vectorised equivalents (same choice, slower); it changes nothing for other algorithms.
    ``distinct=False`` keeps a word-for-word repeat among the bullets (the engines' own choice,
    for comparing them).
    Raises :class:`UsageError` for an unknown algorithm or engine, ``bullets < 1``, or KL on an
    article longer than :data:`KL_MAX_SENTENCES` sentences, or LexRank/TextRank on one longer
    than :data:`GRAPH_MAX_SENTENCES`.
    """
    algorithm = _check_algorithm(algorithm)
    _check_engine(engine)
    candidates = [i for i, s in enumerate(article.sentences) if not s.heading]
    if bullets is None:
        bullets = default_bullets(len(candidates))
    elif isinstance(bullets, bool) or not isinstance(bullets, int) or bullets < 1:
        raise UsageError(f"the number of bullets must be a whole number of at least 1, not {bullets!r}")
    if algorithm == "kl" and len(candidates) > KL_MAX_SENTENCES:
        raise UsageError(
            f"the KL algorithm is too slow for an article of {len(candidates)} sentences "
            f"(limit {KL_MAX_SENTENCES}); choose another algorithm, e.g. news (the default)"
        )
    if algorithm in ("lexrank", "textrank") and len(candidates) > GRAPH_MAX_SENTENCES:
        raise UsageError(
            f"the {algorithm} algorithm needs too much memory for a document of {len(candidates):,} "
            f"sentences (limit {GRAPH_MAX_SENTENCES:,}); choose the news algorithm, which handles any length"
        )
    ratings: dict = {}
    chosen = _choose(article, algorithm, bullets, candidates, engine, ratings)
    if distinct:
        chosen = _distinct(article, algorithm, bullets, candidates, engine, chosen, ratings)
    ids = tuple(sorted(article.sentences[i].id for i in chosen))
    log.debug("%s chose %d of %d sentences", algorithm, len(ids), len(candidates))
    return Summary(algorithm, ids)


def _choose(article: Article, algorithm: str, bullets: int, candidates: list[int], engine: str,
            ratings: dict | None = None) -> list[int]:
    """The algorithm's ``bullets`` picks (article positions). ``ratings``: a dict kept across calls
    on one article, so asking LexRank/TextRank for more bullets does not rate the sentences again."""
    if bullets >= len(candidates):
        chosen = candidates
    elif algorithm == "news":
        chosen = [candidates[i] for i in _news_choice(article, bullets)]
    elif algorithm in ("lexrank", "textrank"):
        ratings = {} if ratings is None else ratings
        if "graph" not in ratings:
            ratings["graph"] = _graph_ratings(article, algorithm, engine)
        chosen = [candidates[i] for i in _best(ratings["graph"], bullets)]
    else:
        chosen = _sumy_choice(article, algorithm, bullets)
    return chosen


def _distinct(article: Article, algorithm: str, bullets: int, candidates: list[int], engine: str,
              chosen: list[int], ratings: dict) -> list[int]:
    """``chosen`` without word-for-word repeats (the first copy stays), topped up to ``bullets`` by
    asking the algorithm for more; at most the number of distinct candidates."""
    keys = {i: " ".join(for_matching(article.sentences[i].text).split()) for i in candidates}
    if len(set(keys.values())) == len(keys):
        return chosen  # no sentence repeats another: nothing to do
    key = keys.__getitem__
    distinct_candidates = len(set(keys.values()))
    want = bullets
    while True:
        unique: dict[str, int] = {}
        for index in sorted(chosen):
            unique.setdefault(key(index), index)
        picked = sorted(unique.values())
        if len(picked) >= min(bullets, distinct_candidates) or want >= len(candidates):
            return picked[:bullets] if len(picked) > bullets else picked
        # Every repeat among the candidates might be chosen again: ask once for enough to cover them.
        want = min(len(candidates), bullets + len(candidates) - distinct_candidates)
        chosen = _choose(article, algorithm, want, candidates, engine, ratings)


def sentence_ratings(
    article: Article, algorithm: str = "lexrank", *, engine: str = "fast"
) -> dict[int, float]:
    """LexRank or TextRank rating of each non-heading sentence, by sentence id (for tests/tools)."""
    algorithm = _check_algorithm(algorithm)
    _check_engine(engine)
    if algorithm not in ("lexrank", "textrank"):
        raise UsageError(f"ratings are available for lexrank and textrank, not {algorithm}")
    ids = [s.id for s in article.sentences if not s.heading]
    return dict(zip(ids, _graph_ratings(article, algorithm, engine)))


def _check_algorithm(algorithm: str) -> str:
    name = algorithm.strip().lower() if isinstance(algorithm, str) else algorithm
    if name not in ALGORITHMS:
        raise UsageError(f"unknown summary algorithm {algorithm!r}; choose one of: {', '.join(ALGORITHMS)}")
    return name


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise UsageError(f"unknown summary engine {engine!r}; choose one of: {', '.join(ENGINES)}")


def _best(ratings: Sequence[float], count: int) -> list[int]:
    """sumy's ``_get_best_sentences``: stable sort by rating, descending; first ``count`` positions."""
    ranked = sorted(range(len(ratings)), key=ratings.__getitem__, reverse=True)
    return sorted(ranked[:count])


def _content_words(article: Article) -> list[list[str]]:
    """Stemmed non-stop words of each non-heading sentence: sumy's ``_to_words_set``."""
    stop = stop_words(article.language)
    stem = _stemmer(article.language)
    tokenizer = MatchingTokenizer(article.language)
    result = []
    content: dict[str, str] = {}  # word -> its stem, or "" for a stop word (one lookup a word)
    for sentence in article.sentences:
        if not sentence.heading:
            stems = []
            for word in tokenizer.to_words(sentence.text):
                found = content.get(word)
                if found is None:
                    lowered = word.lower()
                    found = content[word] = "" if lowered in stop else stem(lowered)
                if found:
                    stems.append(found)
            result.append(stems)
    return result


def _configured(summarizer_class, language: str, *, stemmed: bool = True):
    summarizer = summarizer_class(_stemmer(language)) if stemmed else summarizer_class()
    summarizer.stop_words = stop_words(language)
    return summarizer


def _sumy_choice(article: Article, algorithm: str, bullets: int) -> list[int]:
    """Run a stock sumy summariser; returns article positions of the chosen sentences."""
    document = sumy_document(article)
    if not any(_content_words(article)):
        # SumBasic and KL divide by the number of content words; nothing to rate anyway.
        return [s.index for s in document.sentences[:bullets]]
    summarizer = {
        "lsa": lambda: _configured(_QuietLsaSummarizer, article.language),
        "luhn": lambda: _configured(LuhnSummarizer, article.language),
        "sumbasic": lambda: _configured(SumBasicSummarizer, article.language),
        "kl": lambda: _configured(KLSummarizer, article.language, stemmed=False),  # KL never stems
    }[algorithm]()
    return [s.index for s in summarizer(document, bullets)]


class _QuietLsaSummarizer(LsaSummarizer):
    """sumy's LSA without its "fewer words than sentences" warning.

    sumy warns (``warnings.warn``) whenever an article has fewer distinct content words than
    sentences; for a short article that is an expected case, not a defect, and the summary is
    still usable. This is sumy 0.13's ``_create_matrix`` minus the warning (catching the warning
    around the call instead would change process-wide warning filters from a worker thread).
    """

    def _create_matrix(self, document, dictionary):
        sentences = document.sentences
        matrix = numpy.zeros((len(dictionary), len(sentences)))
        for col, sentence in enumerate(sentences):
            for word in map(self.stem_word, sentence.words):
                if word in dictionary:
                    matrix[dictionary[word], col] += 1
        return matrix


# --- LexRank and TextRank ------------------------------------------------------------------------


def _graph_ratings(article: Article, algorithm: str, engine: str) -> list[float]:
    words = _content_words(article)
    if not words:
        return []
    compute = {
        ("lexrank", "fast"): _lexrank_fast,
        ("lexrank", "sumy"): _lexrank_sumy,
        ("textrank", "fast"): _textrank_fast,
        ("textrank", "sumy"): _textrank_sumy,
    }[algorithm, engine]
    return [float(r) for r in compute(words)]


def _lexrank_sumy(words: list[list[str]]) -> numpy.ndarray:
    """sumy's ``LexRankSummarizer.__call__`` up to the ratings, with its own methods."""
    summarizer = LexRankSummarizer()
    tf = summarizer._compute_tf(words)
    idf = summarizer._compute_idf(words)
    matrix = summarizer._create_matrix(words, summarizer.threshold, tf, idf)
    return _lexrank_power(matrix)


def _lexrank_power(matrix: numpy.ndarray) -> numpy.ndarray:
    if not matrix.any():
        # Every sentence is a zero vector (no content words, or every idf is log(1) = 0): sumy's
        # power method would divide 0 by 0. All sentences are equally (un)central.
        return numpy.full(len(matrix), 1.0 / len(matrix))
    return LexRankSummarizer.power_method(matrix, LexRankSummarizer.epsilon)


def _textrank_sumy(words: list[list[str]]) -> numpy.ndarray:
    """sumy's ``TextRankSummarizer.rate_sentences`` on the same words."""
    summarizer = TextRankSummarizer()
    count = len(words)
    weights = numpy.zeros((count, count))
    for i, words_i in enumerate(words):
        for j in range(i, count):
            weights[i, j] = weights[j, i] = summarizer._rate_sentences_edge(words_i, words[j])
    return _textrank_tail(weights)


def _textrank_tail(weights: numpy.ndarray) -> numpy.ndarray:
    """The end of sumy's ``TextRankSummarizer._create_matrix`` and its power method.

    sumy computes ``numpy.full((n, n), (1 - damping) / n) + damping * weights``; the same
    elementwise operations done in place give the same numbers without two more n × n arrays.
    """
    damping = TextRankSummarizer.damping
    count = len(weights)
    weights /= weights.sum(axis=1)[:, numpy.newaxis] + TextRankSummarizer._ZERO_DIVISION_PREVENTION
    weights *= damping
    weights += (1.0 - damping) / count
    return TextRankSummarizer.power_method(weights, TextRankSummarizer.epsilon)


class _Terms:
    """The content words of a document as sparse (sentence, term, count) entries."""

    def __init__(self, words: list[list[str]]):
        self.count = len(words)
        vocabulary: dict[str, int] = {}
        rows, terms, counts = [], [], []
        for row, sentence in enumerate(words):
            for word, n in Counter(sentence).items():
                rows.append(row)
                terms.append(vocabulary.setdefault(word, len(vocabulary)))
                counts.append(n)
        self.vocabulary = vocabulary
        self.rows = numpy.asarray(rows, dtype=numpy.int64)
        self.terms = numpy.asarray(terms, dtype=numpy.int64)
        self.counts = numpy.asarray(counts, dtype=numpy.float64)
        # number of sentences each term occurs in (entries are unique per sentence and term)
        self.document_frequency = numpy.bincount(self.terms, minlength=len(vocabulary))

    def sentences(self, start: int, end: int) -> _Terms:
        """The entries of sentences ``start``..``end - 1`` (renumbered from 0), same term ids."""
        lo, hi = numpy.searchsorted(self.rows, [start, end])
        part = object.__new__(_Terms)
        part.count = end - start
        part.vocabulary = self.vocabulary
        part.rows = self.rows[lo:hi] - start
        part.terms = self.terms[lo:hi]
        part.counts = self.counts[lo:hi]
        part.document_frequency = numpy.bincount(part.terms, minlength=len(self.vocabulary))
        return part

    def gram(self, values: numpy.ndarray) -> numpy.ndarray:
        """``X @ X.T`` for the sentence × term matrix X holding ``values`` at the entries.

        Rare terms (in few sentences) add their posting list's outer product through one
        ``bincount``; frequent ones go through a dense matrix product, where their many pairs
        are cheaper. Both are exact for integer values.
        """
        n = self.count
        df = self.document_frequency
        frequent = df[self.terms] > max(16, n // 16)
        rare = ~frequent
        order = numpy.argsort(self.terms[rare], kind="stable")
        rows, vals = self.rows[rare][order], values[rare][order]
        sizes = numpy.bincount(self.terms[rare], minlength=len(df))
        sizes = sizes[sizes > 0]  # posting-list length of each rare term, in term order
        starts = numpy.concatenate(([0], numpy.cumsum(sizes)[:-1])).astype(numpy.int64)
        flat, products = [], []
        for size in numpy.unique(sizes).tolist():
            index = starts[sizes == size][:, None] + numpy.arange(size)
            r, v = rows[index], vals[index]
            flat.append((r[:, :, None] * n + r[:, None, :]).ravel())
            products.append((v[:, :, None] * v[:, None, :]).ravel())
        if flat:
            pairs, products = numpy.concatenate(flat), numpy.concatenate(products)
            gram = numpy.bincount(pairs, weights=products, minlength=n * n).reshape(n, n)
        else:
            gram = numpy.zeros((n, n))
        if frequent.any():
            columns = numpy.unique(self.terms[frequent], return_inverse=True)[1]
            dense = numpy.zeros((n, columns.max() + 1))
            dense[self.rows[frequent], columns] = values[frequent]
            gram += dense @ dense.T
        return gram


def _lexrank_fast(words: list[list[str]]) -> numpy.ndarray:
    """sumy's LexRank ratings without its quadratic Python loops (see the module docstring)."""
    threshold = LexRankSummarizer.threshold
    terms = _Terms(words)
    n = terms.count
    # sumy: tf = count / (largest count in the sentence); idf = log(n / (1 + sentences with term))
    largest = numpy.zeros(n)
    numpy.maximum.at(largest, terms.rows, terms.counts)
    tf = terms.counts / largest[terms.rows]  # exact small integers, so the same quotient as sumy's
    idf_by_id = [math.log(n / (1 + nj)) for nj in terms.document_frequency.tolist()]  # math.log, as sumy
    weights = tf * numpy.asarray(idf_by_id)[terms.terms]
    norms = numpy.sqrt(numpy.bincount(terms.rows, weights=weights * weights, minlength=n))
    similarity = terms.gram(weights)  # the cosine numerators, divided in place below
    safe = numpy.where(norms > 0, norms, 1.0)  # a zero vector's numerators are all 0 already
    similarity /= numpy.multiply.outer(safe, safe)
    adjacency = similarity > threshold
    near = numpy.argwhere((similarity >= threshold - 1e-9) & (similarity <= threshold + 1e-9))
    del similarity
    if len(near):
        # On the threshold, the last bit decides: ask sumy's own arithmetic, on sumy's own inputs.
        summarizer = LexRankSummarizer()
        tf_metrics = summarizer._compute_tf(words)
        idf_metrics = {word: idf_by_id[t] for word, t in terms.vocabulary.items()}
        for row, col in near.tolist():
            exact = summarizer.cosine_similarity(
                words[row], words[col], tf_metrics[row], tf_metrics[col], idf_metrics
            )
            adjacency[row, col] = exact > threshold
    degrees = adjacency.sum(axis=1).astype(numpy.float64)
    degrees[degrees == 0] = 1
    return _lexrank_power(adjacency / degrees[:, numpy.newaxis])


def _textrank_fast(words: list[list[str]]) -> numpy.ndarray:
    """sumy's TextRank ratings without its quadratic Python loop (see the module docstring)."""
    terms = _Terms(words)
    weights = terms.gram(terms.counts)  # overlaps: sum(words2.count(w) for w in words1), exactly
    lengths = numpy.asarray([len(w) for w in words])
    log_length = numpy.asarray([math.log(k) if k else 0.0 for k in lengths.tolist()])  # math.log, as sumy
    norm = numpy.add.outer(log_length, log_length)
    # sumy: rank / (log len1 + log len2), but a pair of one-word sentences (norm 0) keeps its rank
    numpy.divide(weights, norm, out=weights, where=norm != 0)
    return _textrank_tail(weights)


# --- the default: a learned scorer, then position-aware LexRank with redundancy control ----------


@dataclass(frozen=True)
class NewsParameters:
    """The knobs of :func:`_news_choice`; the defaults were chosen on the EASC development half."""

    damping: float = 0.35  # share of a rating that flows along similarity links (vs. the prior)
    threshold: float = 0.1  # cosine similarity above which two sentences are linked (LexRank's)
    lead_decay: float = 0.5  # prior of the sentence at position s (from 0): 1 / (1 + s) ** lead_decay
    paragraph_first: float = 0.0  # prior added to the first sentence of each paragraph
    heading_weight: float = 0.5  # prior added in proportion to similarity with the title/heading
    redundancy: float = 0.3  # MMR: rating minus this times the similarity to a chosen bullet
    continuous: bool = True  # links weighted by similarity (True) or all equal (LexRank's)


NEWS = NewsParameters()
#: A sentence this similar (cosine) to a chosen bullet repeats it: chosen only if nothing else is left.
DUPLICATE = 0.9
#: Up to this many sentences every pair is compared; above, each sentence is compared with the
#: sentences of its own block of :data:`WINDOW` and of the blocks either side, and keeps its
#: :data:`TOP_K` strongest links to later sentences, so time and memory grow linearly.
DENSE_MAX = 2000
WINDOW = 500
TOP_K = 32


class _Vectors:
    """LexRank's tf-idf sentence vectors as sparse entries, unit length, with posting lists."""

    def __init__(self, words: list[list[str]]):
        terms = _Terms(words)
        n = terms.count
        largest = numpy.zeros(n)
        numpy.maximum.at(largest, terms.rows, terms.counts)
        idf = numpy.log(n / (1.0 + terms.document_frequency))
        weights = terms.counts / numpy.where(largest > 0, largest, 1.0)[terms.rows] * idf[terms.terms]
        norms = numpy.sqrt(numpy.bincount(terms.rows, weights=weights * weights, minlength=n))
        weights = weights / numpy.where(norms > 0, norms, 1.0)[terms.rows]
        self.terms = terms
        self.count = n
        self.idf = idf
        self.weights = weights
        order = numpy.argsort(terms.terms, kind="stable")  # entries by term: posting lists
        self._posting_rows = terms.rows[order]
        self._posting_weights = weights[order]
        self._posting_start = numpy.concatenate(
            ([0], numpy.cumsum(numpy.bincount(terms.terms, minlength=len(terms.vocabulary))))
        )

    def row(self, i: int) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(term ids, weights) of sentence ``i`` (entries are grouped by row)."""
        start, end = numpy.searchsorted(self.terms.rows, [i, i + 1])
        return self.terms.terms[start:end], self.weights[start:end]

    def similarity_to(self, terms: numpy.ndarray, weights: numpy.ndarray) -> numpy.ndarray:
        """Cosine similarity of every sentence with the (unit or not) vector ``terms``/``weights``."""
        result = numpy.zeros(self.count)
        for term, weight in zip(terms.tolist(), weights.tolist()):
            a, b = self._posting_start[term], self._posting_start[term + 1]
            numpy.add.at(result, self._posting_rows[a:b], self._posting_weights[a:b] * weight)
        return result

    def vector(self, words: list[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """A unit tf-idf vector for words outside the sentences (a heading), in the same terms."""
        counts = Counter(w for w in words if w in self.terms.vocabulary)
        if not counts:
            return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0)
        largest = max(counts.values())
        terms = numpy.asarray([self.terms.vocabulary[w] for w in counts], dtype=numpy.int64)
        weights = numpy.asarray([c / largest for c in counts.values()]) * self.idf[terms]
        norm = math.sqrt(float(weights @ weights))
        return terms, (weights / norm if norm > 0 else weights)

    def links(self, threshold: float, dense_max: int, window: int, top_k: int):
        """(rows, cols, similarity) of every link above ``threshold``, both directions, self included."""
        n = self.count
        entries = self.terms
        found_rows, found_cols, found_sims = [], [], []
        step = n if n <= dense_max else window
        for start in range(0, n, step):
            end = min(n, start + 2 * step) if n > dense_max else n
            lo, hi = numpy.searchsorted(entries.rows, [start, end])
            cosine = entries.sentences(start, end).gram(self.weights[lo:hi])
            own = min(step, end - start)  # rows of this block; later rows belong to the next one
            block = cosine[:own]
            block[:, :own] = numpy.triu(block[:, :own])  # each pair once (i <= j)
            rows, cols = numpy.nonzero(block > threshold)
            sims = block[rows, cols]
            if n > dense_max and len(rows):
                keep = _top_per_row(rows, sims, top_k)
                rows, cols, sims = rows[keep], cols[keep], sims[keep]
            found_rows.append(rows + start)
            found_cols.append(cols + start)
            found_sims.append(sims)
            del cosine
        rows = numpy.concatenate(found_rows) if found_rows else numpy.zeros(0, dtype=numpy.int64)
        cols = numpy.concatenate(found_cols) if found_cols else numpy.zeros(0, dtype=numpy.int64)
        sims = numpy.concatenate(found_sims) if found_sims else numpy.zeros(0)
        mirror = rows != cols
        return (
            numpy.concatenate((rows, cols[mirror])),
            numpy.concatenate((cols, rows[mirror])),
            numpy.concatenate((sims, sims[mirror])),
        )


def _top_per_row(rows: numpy.ndarray, values: numpy.ndarray, k: int) -> numpy.ndarray:
    """Indices of the ``k`` largest ``values`` of each row (``rows`` sorted ascending)."""
    order = numpy.lexsort((-values, rows))
    ranked_rows = rows[order]
    first = numpy.searchsorted(ranked_rows, ranked_rows, side="left")
    return order[numpy.arange(len(order)) - first < k]


def _personalised_rank(n, rows, cols, weights, prior, damping, iterations=200, tolerance=1e-10):
    """PageRank with teleport ``prior`` on the sparse graph (rows -> cols, weights), by power iteration."""
    out_weight = numpy.bincount(rows, weights=weights, minlength=n)
    step = weights / out_weight[rows]
    dangling = out_weight == 0
    rank = prior.copy()
    for _ in range(iterations):
        flow = numpy.bincount(cols, weights=rank[rows] * step, minlength=n).astype(float, copy=False)
        flow += rank[dangling].sum() * prior  # a sentence with no link passes its rating to the prior
        new = damping * flow + (1.0 - damping) * prior
        change = numpy.abs(new - rank).sum()
        rank = new
        if change < tolerance:
            break
    return rank


def _news_ratings(article: Article, parameters: NewsParameters = NEWS, *, dense_max: int = DENSE_MAX):
    """(ratings, vectors) of the non-heading sentences, in document order."""
    words = _content_words(article)
    n = len(words)
    vectors = _Vectors(words)
    rows, cols, sims = vectors.links(parameters.threshold, dense_max, WINDOW, TOP_K)
    weights = sims if parameters.continuous else numpy.ones(len(sims))
    prior = _prior(article, vectors, parameters)
    rank = _personalised_rank(n, rows, cols, weights, prior, parameters.damping)
    return rank / rank.max(), vectors


def _prior(article: Article, vectors: _Vectors, parameters: NewsParameters) -> numpy.ndarray:
    """Teleport vector: early sentences, first sentences of paragraphs, sentences like their heading."""
    n = vectors.count
    prior = 1.0 / (1.0 + numpy.arange(n)) ** parameters.lead_decay
    first = numpy.zeros(n)
    heading_of = numpy.full(n, -1)
    headings: list[list[str]] = []
    stop, stem, tokenizer = stop_words(article.language), _stemmer(article.language), MatchingTokenizer
    previous_paragraph, position = None, -1
    for sentence in article.sentences:
        if sentence.heading:
            words = [stem(w.lower()) for w in tokenizer.to_words(sentence.text) if w.lower() not in stop]
            headings.append(words)
            previous_paragraph = sentence.paragraph
            continue
        position += 1
        if sentence.paragraph != previous_paragraph:
            first[position] = 1.0
        previous_paragraph = sentence.paragraph
        heading_of[position] = len(headings) - 1
    prior += parameters.paragraph_first * first
    if headings and parameters.heading_weight:
        # similarity with the title plus the sentence's own section heading
        title = headings[0]
        for h, words in enumerate(headings):
            members = numpy.flatnonzero(heading_of == h)
            if not len(members):
                continue
            terms, weights = vectors.vector(title + words if h else title)
            if len(terms):
                prior[members] += parameters.heading_weight * vectors.similarity_to(terms, weights)[members]
    return prior / prior.sum()


def _news_features(article: Article, parameters: NewsParameters = NEWS, names=None):
    """(features, ratings, vectors, words) of the non-heading sentences: the inputs of :func:`_news_pick`.

    ``names``: the feature columns to compute (a model's, :func:`summary_model.used`); None: all."""
    wanted = summary_model.FEATURES if names is None else names
    ratings, vectors = _news_ratings(article, parameters)
    n = vectors.count
    title = [s for s in article.sentences if s.heading][:1]
    title_similarity = numpy.zeros(n) if "title_similarity" in wanted else None
    if title and title_similarity is not None:
        stop, stem = stop_words(article.language), _stemmer(article.language)
        words = [stem(w.lower()) for w in MatchingTokenizer.to_words(title[0].text) if w.lower() not in stop]
        terms, weights = vectors.vector(words)
        if len(terms):
            title_similarity = vectors.similarity_to(terms, weights)
    first_similarity = None
    if "first_similarity" in wanted:
        first_similarity = vectors.similarity_to(*vectors.row(0)) if n else numpy.zeros(0)
    matrix = summary_model.features(article, ratings, title_similarity, first_similarity, names)
    words = numpy.expm1(matrix[:, summary_model.FEATURES.index("log_length")]).round()
    return matrix, ratings, vectors, words


def _news_pick(chance, words, ratings, vectors, bullets: int, threshold: float,
               redundancy: float) -> list[int]:
    """The bullets (positions among non-heading sentences), given each sentence's ``chance`` of being
    a human's pick, its length in ``words`` and its graph ``ratings``.

    A sentence whose chance exceeds ``threshold`` is *confident*; confident sentences come first,
    best ``words * (chance - threshold)`` first: a sentence brings about ``chance`` of its words to
    the overlap with a reader's summary and all of them to the length of ours, and ``threshold``
    is what a word of length costs. When none is left, the rest go by graph rating minus ``redundancy`` times the
    similarity to a bullet already chosen (MMR). A near copy (cosine >= :data:`DUPLICATE`) of a
    bullet is taken only when nothing else is left. Ties go to the earlier sentence.
    """
    n = vectors.count
    confident = chance > threshold
    value = numpy.where(confident, words * (chance - threshold), 0.0)
    penalty = numpy.zeros(n)
    chosen: list[int] = []
    available = numpy.ones(n, dtype=bool)
    for _ in range(min(bullets, n)):
        fresh = available & (penalty < DUPLICATE)
        if (fresh & confident).any():
            best = int(numpy.argmax(numpy.where(fresh & confident, value, -numpy.inf)))
        else:
            score = numpy.where(available, ratings - redundancy * penalty, -numpy.inf)
            best = int(numpy.argmax(numpy.where(fresh, score, score - 1e6)))
        chosen.append(best)
        available[best] = False
        penalty = numpy.maximum(penalty, vectors.similarity_to(*vectors.row(best)))
    return sorted(chosen)


def _news_choice(article: Article, bullets: int, parameters: NewsParameters = NEWS,
                 model: dict | None = None) -> list[int]:
    """Positions (among non-heading sentences) of the bullets: the learned scorer, then the graph."""
    model = summary_model.MODEL if model is None else model
    matrix, ratings, vectors, words = _news_features(article, parameters, summary_model.used(model))
    if not vectors.weights.any():
        return list(range(min(bullets, vectors.count)))  # nothing to compare: the first sentences
    chance = summary_model.probabilities(matrix, model)
    return _news_pick(chance, words, ratings, vectors, bullets, model["threshold"], parameters.redundancy)


__all__ = [
    "ALGORITHMS",
    "ENGINES",
    "GRAPH_MAX_SENTENCES",
    "KL_MAX_SENTENCES",
    "MatchingTokenizer",
    "default_bullets",
    "sentence_ratings",
    "stop_words",
    "summarize",
    "sumy_document",
]
