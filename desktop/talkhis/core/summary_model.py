"""A learned sentence scorer for the default summary: how likely a human summariser is to pick a sentence.

Each non-heading sentence of an article is described by language-neutral features
(:data:`FEATURES`: where it stands in the article and in its paragraph, how long it is against
the article's own sentences, how like the title and the first sentence it is, its rating in the
similarity graph, and surface marks such as a number, a quotation or a closing colon). A model
(:data:`MODEL`) names the features it uses, their standardisation, weights and bias, and the
*threshold* above which :func:`talkhis.core.summarize._news_pick` trusts its chance.

The model is a logistic regression fitted with numpy (:func:`fit`) on the EASC development half
by ``bench/summary_quality.py --fit``: the target is the share of the five human summarisers who
picked the sentence. The same script chooses the feature set, the penalty and the threshold by
nested cross-validation and rewrites the block at the end of this file; the numbers there are
weights, not corpus text. Only the position and length features survived that choice: the
content features lowered the held-out score on EASC, so :data:`MODEL` gives them no weight (they
stay computed for the fit script, and cost little).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy

from talkhis.core.article import Article
from talkhis.core.normalize import for_matching

_WORD = re.compile(r"[^\W_]+")

# Verbs of saying and reporting, in the ``for_matching`` form (hamza folded, ة → ه, ى → ي) and
# lower-case English: a sentence that reports what someone said is rarely the news itself.
SAYING = frozenset(
    """
    قال قالت يقول تقول وقال وقالت اضاف اضافت واضاف واضافت يضيف اكد اكدت واكد واكدت يؤكد
    اوضح اوضحت واوضح واوضحت اشار اشارت واشار واشارت صرح صرحت وصرح ذكر ذكرت وذكر وذكرت
    said says added told stated according
    """.split()
)
# Words that open a sentence which leans on the one before it.
CONNECTIVES = frozenset(
    """
    كما لكن ولكن لكنه بينما اذ اذا لذلك لذا ولذلك ثم وقد فقد كذلك وكذلك ايضا غير اما واما
    حيث وهذا وهذه هذا هذه وهو وهي فان وان ومع
    but however also and this these that those it he she they so yet moreover meanwhile
    """.split()
)
_QUOTES = set("\"«»“”„")
_COLON_END = (":", "：")
_QUESTION_END = ("?", "؟")

FEATURES = (
    "first",  # the article's first sentence
    "log_position",  # log(1 + position among the sentences)
    "relative_position",  # position / (sentences - 1)
    "paragraph_first",  # first sentence of its paragraph
    "log_paragraph",  # log(1 + index of its paragraph)
    "log_in_paragraph",  # log(1 + position within its paragraph)
    "log_length",  # log(1 + words)
    "relative_length",  # words / the article's mean words per sentence
    "short",  # fewer than 6 words
    "title_similarity",  # tf-idf cosine with the title (0 without a title)
    "first_similarity",  # tf-idf cosine with the first sentence (0 for the first itself)
    "centrality",  # the personalised LexRank rating (summarize._news_ratings) / the article's largest
    "number",  # holds a digit
    "quote",  # holds a quotation mark
    "saying",  # holds a verb of saying (said, added, stressed...)
    "connective",  # opens with a connective (but, also, so, and this...)
    "colon_end",  # ends with a colon: it announces what follows
    "question",  # ends with a question mark
    "parenthesis",  # holds a parenthesis
)


def features(article: Article, centrality: numpy.ndarray, title_similarity: numpy.ndarray | None,
             first_similarity: numpy.ndarray | None, names: Sequence[str] | None = None) -> numpy.ndarray:
    """An (n, len(FEATURES)) array for the article's n non-heading sentences, in document order.

    ``centrality``, ``title_similarity`` and ``first_similarity`` come from the summariser's
    similarity graph (one value per non-heading sentence). ``names``: only these columns are
    computed (the model's: :func:`used`), the others left 0; None computes every one (fitting).
    """
    wanted = frozenset(FEATURES if names is None else names)
    sentences = [s for s in article.sentences if not s.heading]
    n = len(sentences)
    result = numpy.zeros((n, len(FEATURES)))
    if not n:
        return result
    lengths, saying, connective = numpy.zeros(n), numpy.zeros(n), numpy.zeros(n)
    marks = "saying" in wanted or "connective" in wanted
    for i, s in enumerate(sentences):  # one pass, no word lists kept (a book has 100,000 sentences)
        words = _WORD.findall(for_matching(s.text))  # already case-folded
        lengths[i] = len(words)
        if marks:
            saying[i] = not SAYING.isdisjoint(words)
            connective[i] = bool(words) and words[0] in CONNECTIVES
    mean_length = max(lengths.mean(), 1.0)
    paragraph_index, in_paragraph, first_of_paragraph = [], [], []
    previous, paragraph, k = None, -1, 0
    for s in sentences:
        if s.paragraph != previous:
            paragraph, k = paragraph + 1, 0
        else:
            k += 1
        previous = s.paragraph
        paragraph_index.append(paragraph)
        in_paragraph.append(k)
        first_of_paragraph.append(k == 0)
    position = numpy.arange(n, dtype=float)
    column = {name: j for j, name in enumerate(FEATURES)}

    def put(name, values):
        result[:, column[name]] = values

    def put_each(name, test):  # a column read from each sentence's text, only when wanted
        if name in wanted:
            put(name, [test(t) for t in texts])

    put("first", position == 0)
    put("log_position", numpy.log1p(position))
    put("relative_position", position / max(n - 1, 1))
    put("paragraph_first", first_of_paragraph)
    put("log_paragraph", numpy.log1p(paragraph_index))
    put("log_in_paragraph", numpy.log1p(in_paragraph))
    put("log_length", numpy.log1p(lengths))
    put("relative_length", lengths / mean_length)
    put("short", lengths < 6)
    if title_similarity is not None:
        put("title_similarity", title_similarity)
    if first_similarity is not None:
        first = numpy.asarray(first_similarity, dtype=float).copy()
        first[0] = 0.0
        put("first_similarity", first)
    largest = float(numpy.max(centrality)) if len(centrality) else 0.0
    put("centrality", centrality / largest if largest > 0 else 0.0)
    texts = [s.text.strip() for s in sentences]
    put_each("number", lambda t: any(c.isdigit() for c in t))
    put_each("quote", lambda t: any(c in _QUOTES for c in t))
    put("saying", saying)
    put("connective", connective)
    put_each("colon_end", lambda t: t.rstrip("\"'»”)] ").endswith(_COLON_END))
    put_each("question", lambda t: t.rstrip("\"'»”)] ").endswith(_QUESTION_END))
    put_each("parenthesis", lambda t: "(" in t or ")" in t)
    return result


def used(model: dict | None = None) -> tuple[str, ...]:
    """The feature columns ``model`` (the shipped one by default) weighs."""
    return tuple((MODEL if model is None else model)["weights"])


def probabilities(matrix: numpy.ndarray, model: dict | None = None) -> numpy.ndarray:
    """The chance, by the model, that a human summariser picks each row of a :func:`features` matrix."""
    model = MODEL if model is None else model
    names = used(model)
    columns = [FEATURES.index(name) for name in names]
    weights = numpy.asarray([model["weights"][name] for name in names])
    mean = numpy.asarray([model["mean"][name] for name in names])
    scale = numpy.asarray([model["scale"][name] for name in names])
    z = ((matrix[:, columns] - mean) / scale) @ weights + model["bias"]
    return 1.0 / (1.0 + numpy.exp(-z))


def fit(matrices: list[numpy.ndarray], picks: list[numpy.ndarray], readers: int, names: Sequence[str],
        l2: float) -> dict:
    """Logistic regression of "picked by a reader" on the features ``names`` (numpy only).

    ``matrices[k]`` is :func:`features` of article ``k``; ``picks[k]`` how many of its ``readers``
    chose each sentence. The features are standardised; ``l2`` penalises the squared weights (not
    the bias), averaged per sentence. Newton's method on the convex binomial log-loss.
    """
    columns = [FEATURES.index(name) for name in names]
    x = numpy.vstack(matrices)[:, columns]
    y = numpy.concatenate(picks) / readers
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = numpy.hstack([(x - mean) / scale, numpy.ones((len(x), 1))])
    penalty = l2 * numpy.eye(z.shape[1])
    penalty[-1, -1] = 0.0
    w = numpy.zeros(z.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + numpy.exp(-(z @ w)))
        gradient = z.T @ (p - y) / len(y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z / len(y) + penalty
        step = numpy.linalg.solve(hessian, gradient)
        w -= step
        if numpy.abs(step).max() < 1e-12:
            break
    return {
        "weights": {name: round(float(v), 6) for name, v in zip(names, w[:-1])},
        "bias": round(float(w[-1]), 6),
        "mean": {name: round(float(v), 6) for name, v in zip(names, mean)},
        "scale": {name: round(float(v), 6) for name, v in zip(names, scale)},
    }


# --- weights (written by bench/summary_quality.py --fit) ---
# Fitted on the EASC development half (77 articles) with features 'position+length', l2 = 0.01,
# threshold 0.3 (chosen by 5-fold cross-validation among 27 configurations). Nested cross-validation
# (7 outer folds, each chosen and fitted without its articles): held-out ROUGE-1 0.521 against LEAD-N's 0.514
# (ahead on 7 of 7 folds). Reproduce: python bench/summary_quality.py --fit
MODEL: dict = {
    "weights": {
        "first": 0.159762,
        "log_position": -0.133733,
        "relative_position": -0.135579,
        "paragraph_first": 0.066832,
        "log_paragraph": -0.224929,
        "log_in_paragraph": -0.092276,
        "log_length": 0.138604,
        "relative_length": -0.088161,
        "short": 0.000923
    },
    "bias": -0.753579,
    "mean": {
        "first": 0.069495,
        "log_position": 1.989497,
        "relative_position": 0.5,
        "paragraph_first": 0.25,
        "log_paragraph": 0.486551,
        "log_in_paragraph": 1.448394,
        "log_length": 3.129328,
        "relative_length": 1.0,
        "short": 0.012635
    },
    "scale": {
        "first": 0.254293,
        "log_position": 0.912736,
        "relative_position": 0.310341,
        "paragraph_first": 0.433013,
        "log_paragraph": 0.692653,
        "log_in_paragraph": 1.124223,
        "log_length": 0.629559,
        "relative_length": 0.602733,
        "short": 0.111695
    },
    "threshold": 0.3
}
# --- end of weights ---
