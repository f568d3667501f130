"""Bullet summaries: which sentences become bullets, and fast LexRank/TextRank equal to sumy's."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import numpy
import pytest
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from talkhis.core import summarize as summarize_module
from talkhis.core import summary_model
from talkhis.core.article import Article, Document, Sentence
from talkhis.core.errors import UsageError
from talkhis.core.normalize import detect_language, for_matching
from talkhis.core.readers import read_document
from talkhis.core.segment import segment
from talkhis.core.summarize import (
    ALGORITHMS,
    KL_MAX_SENTENCES,
    MatchingTokenizer,
    default_bullets,
    sentence_ratings,
    stop_words,
    summarize,
    sumy_document,
)

ENGLISH = [
    "The coalition said it had no plan to withdraw its troops from north-east Syria.",
    "Its spokesman told reporters that the mission to defeat the Islamic State group continues.",
    "Partner forces arrested or killed twenty-three fighters of the group during the past week.",
    "Four senior leaders of the group were among those captured in the raids.",
    "The spokesman said attacks on partner forces disrupt the fight against the group.",
    "Detention centres holding thousands of fighters remain a serious security risk.",
    "The coalition keeps the right to defend itself if it is attacked by any armed group.",
    "Officials met local leaders to discuss the threat posed by sleeper cells.",
    "Humanitarian organisations warned that the camps are overcrowded and underfunded.",
    "The return of displaced families depends on security and on reconstruction.",
    "A new strategy aims to strengthen partnerships with local security forces.",
    "Training programmes for partner forces will continue through the coming year.",
    "The spokesman declined to comment on reports of new troop movements near the border.",
    "Analysts say the group is weakened but still able to carry out small attacks.",
    "Reconstruction of schools and hospitals has been slow because of a lack of funds.",
    "Local councils asked the coalition for more help with water and electricity.",
    "The talks ended with an agreement to meet again next month.",
    "Security forces reported a drop in attacks compared with the same period last year.",
]

ARABIC = [
    "قال المتحدث باسم التحالف الدولي إن مهمة القوات مستمرة في شمال شرق سوريا.",
    "وأضاف أن الشركاء اعتقلوا عناصر من التنظيم خلال الأسبوع الماضي.",
    "وأكد المتحدث أن التحالف يحتفظ بحق الدفاع عن النفس إذا تعرض لهجوم.",
    "وتضم مراكز الاحتجاز آلاف المعتقلين من عناصر التنظيم.",
    "وحذرت المنظمات الإنسانية من اكتظاظ المخيمات ونقص التمويل.",
    "وناقش المسؤولون مع القادة المحليين التهديد الذي تمثله الخلايا النائمة.",
    "وتهدف الاستراتيجية الجديدة إلى تعزيز الشراكات مع قوات الأمن المحلية.",
    "وستستمر برامج تدريب القوات الشريكة خلال العام المقبل.",
    "ويرى محللون أن التنظيم ضعف لكنه ما زال قادرا على تنفيذ هجمات صغيرة.",
    "وطالبت المجالس المحلية التحالف بمزيد من المساعدة في المياه والكهرباء.",
    "وانتهت المحادثات باتفاق على الاجتماع مجددا الشهر المقبل.",
    "وأفادت قوات الأمن بتراجع الهجمات مقارنة بالفترة نفسها من العام الماضي.",
]

# Tashkeel (fatha, damma, kasra, sukun, shadda, tanween) sprinkled over letters.
_MARKS = "\u064e\u064f\u0650\u0652\u0651\u064b"


def make_article(units, language: str | None = None) -> Article:
    """An Article from ``(paragraph, heading, text)`` triples, without the segmenter."""
    lines: dict[int, list[str]] = {}
    for paragraph, _heading, text in units:
        lines.setdefault(paragraph, []).append(text)
    paragraphs = range(max(lines) + 1) if lines else range(0)
    text = "\n".join(" ".join(lines.get(p, [])) for p in paragraphs)
    offset = {p: sum(len(" ".join(lines.get(q, []))) + 1 for q in range(p)) for p in paragraphs}
    sentences = []
    for i, (paragraph, heading, sentence_text) in enumerate(units):
        start = text.index(sentence_text, offset[paragraph])
        offset[paragraph] = start + len(sentence_text)
        sentences.append(Sentence(i, paragraph, sentence_text, heading, start, start + len(sentence_text)))
    document = Document(path="<test>", text=text, encoding="utf-8", format="txt")
    return Article(document, tuple(sentences), language or detect_language(text))


def plain_article(sentences, *, title: str | None = None, per_paragraph: int = 4) -> Article:
    units = [(0, True, title)] if title else []
    first = 1 if title else 0
    units += [(first + i // per_paragraph, False, s) for i, s in enumerate(sentences)]
    return make_article(units)


def coalition_article(path) -> Article:
    """The sample, split naively: one line per paragraph, sentences at '. ', headings unpunctuated."""
    units = []
    for paragraph, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        line = line.strip()
        if not line:
            continue
        if not re.search(r"[.!?؟][”\"»)]*$", line):
            units.append((paragraph, True, line))
            continue
        units += [(paragraph, False, piece) for piece in line.split(". ") if piece.strip()]
    return make_article(units, "ar")


def mixed_sentences(pool, count: int, seed: int) -> list[str]:
    """``count`` sentences made of halves of pool sentences, some repeated: varied overlaps."""
    rng = random.Random(seed)
    halves = []
    for sentence in pool:
        words = sentence.rstrip(".").split()
        halves.append((words[: len(words) // 2], words[len(words) // 2 :]))
    result = []
    for k in range(count):
        if k >= 10 and rng.random() < 0.08:
            result.append(result[rng.randrange(k)])  # an exact repeat of an earlier sentence
            continue
        head, _ = halves[rng.randrange(len(halves))]
        _, tail = halves[rng.randrange(len(halves))]
        result.append(" ".join(head + tail) + ".")
    return result


def add_tashkeel(text: str, seed: int = 0) -> str:
    rng = random.Random(seed)
    arabic_letter = re.compile("[\u0621-\u064a]")
    return "".join(c + rng.choice(_MARKS) if arabic_letter.match(c) and rng.random() < 0.5 else c for c in text)


@pytest.fixture(scope="module")
def coalition(coalition_path) -> Article:
    return coalition_article(coalition_path)


# --- what becomes a bullet ------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_summarises_the_arabic_sample(coalition, algorithm):
    summary = summarize(coalition, algorithm, 4)
    headings = {s.id for s in coalition.sentences if s.heading}
    assert summary.algorithm == algorithm
    assert len(summary.ids) == 4
    assert list(summary.ids) == sorted(set(summary.ids))
    assert not headings & set(summary.ids)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_summarises_english_and_arabic(algorithm):
    for sentences in (ENGLISH, ARABIC):
        article = plain_article(sentences, title=sentences[0].rstrip("."))
        summary = summarize(article, algorithm, 3)
        assert len(summary.ids) == 3
        assert 0 not in summary.ids  # the title is a heading
        assert list(summary.ids) == sorted(summary.ids)


def test_the_sample_has_the_headings_we_expect(coalition):
    assert coalition.language == "ar"
    assert sum(s.heading for s in coalition.sentences) == 6  # title and five subheadings


def test_headings_are_never_bullets_even_when_asked_for_everything():
    units = [(0, True, "Coalition keeps troops in Syria")]
    units += [(1, False, s) for s in ENGLISH[:5]]
    units += [(2, True, "Coalition troops keep training partner forces in Syria")]
    units += [(3, False, s) for s in ENGLISH[5:9]]
    article = make_article(units)
    for algorithm in ALGORITHMS:
        assert summarize(article, algorithm, 100).ids == (1, 2, 3, 4, 5, 7, 8, 9, 10)


def test_bullet_count_is_respected_and_ids_are_in_document_order():
    article = plain_article(mixed_sentences(ENGLISH, 60, seed=1))
    distinct = len({s.text for s in article.sentences if not s.heading})  # the mix repeats some
    for bullets in (1, 2, 5, 17, 59):
        for algorithm in ALGORITHMS:
            ids = summarize(article, algorithm, bullets).ids
            assert len(ids) == min(bullets, distinct)
            assert list(ids) == sorted(set(ids))


def test_the_default_number_of_bullets_follows_the_human_summarisers():
    # as many words as EASC's readers chose: about 1.15 * sqrt(n) sentences, never over half
    assert [default_bullets(n) for n in (0, 1, 2, 3, 4)] == [0, 1, 1, 2, 2]
    assert default_bullets(19) == 5  # a news story like the samples
    assert default_bullets(44) == 8  # the longest development article
    assert default_bullets(100) == 12
    assert default_bullets(1000) == default_bullets(100_000) == 20
    values = [default_bullets(n) for n in range(0, 2000)]
    assert values == sorted(values)
    assert all(v <= (n + 1) // 2 for n, v in enumerate(values))
    article = plain_article(mixed_sentences(ENGLISH, 50, seed=2))
    assert len(summarize(article).ids) == 8


def test_an_article_without_sentences_has_an_empty_summary():
    article = make_article([(0, True, "Only a title")])
    assert summarize(article).ids == ()
    assert summarize(make_article([])).ids == ()


def test_wrong_requests_are_usage_errors_with_one_line_messages():
    article = plain_article(ENGLISH)
    with pytest.raises(UsageError, match="lexrank, textrank, lsa, luhn, sumbasic, kl") as error:
        summarize(article, "edmundson")
    assert "\n" not in str(error.value)
    for bullets in (0, -3, 2.5, True):
        with pytest.raises(UsageError, match="bullets"):
            summarize(article, "lexrank", bullets)
    with pytest.raises(UsageError, match="engine"):
        summarize(article, "lexrank", 3, engine="turbo")
    assert summarize(article, " LexRank ", 3).algorithm == "lexrank"


def test_kl_is_refused_on_long_articles_and_names_the_alternatives():
    long = plain_article(mixed_sentences(ENGLISH, KL_MAX_SENTENCES + 1, seed=3))
    with pytest.raises(UsageError, match="choose another algorithm"):
        summarize(long, "kl", 3)
    assert len(summarize(long, "lexrank", 3).ids) == 3


def test_dense_graph_algorithms_are_refused_on_books_and_the_default_is_not(monkeypatch):
    monkeypatch.setattr(summarize_module, "GRAPH_MAX_SENTENCES", 40)
    long = plain_article(mixed_sentences(ENGLISH, 41, seed=4))
    for algorithm in ("lexrank", "textrank"):
        with pytest.raises(UsageError, match="choose the news algorithm") as error:
            summarize(long, algorithm, 3)
        assert "\n" not in str(error.value)
    assert len(summarize(long, "news", 3).ids) == 3


def test_diacritics_do_not_change_the_summary():
    title = "التحالف الدولي في سوريا"
    bare = plain_article(ARABIC, title=title)
    voweled = plain_article([add_tashkeel(s, i) for i, s in enumerate(ARABIC)], title=add_tashkeel(title))
    assert voweled.sentences[1].text != bare.sentences[1].text
    for algorithm in ALGORITHMS:
        assert summarize(voweled, algorithm, 4) == summarize(bare, algorithm, 4)


def test_the_tokenizer_keeps_voweled_and_punctuated_words():
    words = MatchingTokenizer("ar").to_words("قالَ “العقيدُ” ,حواراً: تتحمّل 23 كیغینز")
    assert words == ("قال", "العقيد", "حوارا", "تتحمل", "23", "كيغينز")
    assert MatchingTokenizer("en").to_words("U.S. forces' 2nd raid—didn't stop") == (
        "u", "s", "forces", "2nd", "raid", "didn", "t", "stop",
    )


def test_stop_words_are_in_the_tokenizers_form():
    arabic = stop_words("ar")
    assert {"الي", "علي", "هذه", "التي", "انه"} <= arabic  # إلى, على..., normalised like the text
    assert all(word == for_matching(word) for word in arabic)
    assert {"the", "t", "don"} <= stop_words("en")
    with pytest.raises(UsageError, match="language"):
        stop_words("fr")


def test_duplicated_sentences_keep_their_own_ids():
    repeated = "The coalition will keep its troops in Syria to fight the group."
    sentences = [repeated, *ENGLISH[:6], repeated, *ENGLISH[6:10], repeated]
    article = plain_article(sentences)
    positions = [s.id for s in article.sentences if s.text == repeated]
    assert len(positions) == 3
    for algorithm in ALGORITHMS:
        for bullets in (3, len(sentences) - 1):
            ids = summarize(article, algorithm, bullets, distinct=False).ids
            assert len(ids) == len(set(ids)) == bullets
            ids = summarize(article, algorithm, bullets).ids  # as the analyst gets them: no repeat
            texts = [article.sentences[i].text for i in ids]
            assert len(texts) == len(set(texts)) == min(bullets, len(set(sentences)))
    # sumy's document keeps them apart too (its own Sentence compares by text)
    document = sumy_document(article)
    copies = [s for s in document.sentences if str(s) == repeated]
    assert len(copies) == 3 and len(set(copies)) == 3


def test_a_document_of_stop_words_only_falls_back_to_the_first_sentences():
    article = plain_article(["It is what it is.", "And so it was.", "Was it, though?", "It is."])
    for algorithm in ALGORITHMS:
        assert summarize(article, algorithm, 2).ids == (0, 1)


def test_lexrank_survives_an_all_zero_idf():
    # Two sentences with nothing in common: every idf is log(2 / 2) = 0 and sumy divides 0 by 0.
    article = plain_article(["Troops arrived.", "Schools reopened."])
    for engine in ("fast", "sumy"):
        assert summarize(article, "lexrank", 1, engine=engine).ids == (0,)


# --- fast LexRank/TextRank are sumy's ----------------------------------------------------------


def _documents(coalition):
    coalition_sentences = [s.text for s in coalition.sentences if not s.heading]
    return {
        "coalition": coalition,
        "english-30": plain_article(mixed_sentences(ENGLISH, 30, seed=11), title="Coalition in Syria"),
        "arabic-80": plain_article(mixed_sentences(ARABIC + coalition_sentences, 80, seed=12)),
        "english-150": plain_article(mixed_sentences(ENGLISH, 150, seed=13)),
        "arabic-300": plain_article(mixed_sentences(coalition_sentences + ARABIC, 300, seed=14)),
        "one-word-sentences": plain_article(["Troops.", "Troops.", "Schools.", "Water troops.", "Rain."] * 3),
    }


@pytest.fixture(scope="module")
def documents(coalition):
    return _documents(coalition)


@pytest.mark.parametrize("algorithm", ["lexrank", "textrank"])
def test_fast_graph_ratings_equal_sumys(documents, algorithm):
    for name, article in documents.items():
        fast = sentence_ratings(article, algorithm, engine="fast")
        stock = sentence_ratings(article, algorithm, engine="sumy")
        assert fast.keys() == stock.keys(), name
        for sentence_id, rating in stock.items():
            assert fast[sentence_id] == pytest.approx(rating, rel=1e-9, abs=1e-300), (name, sentence_id)
        # Equal ratings make equal picks (one selection function): a short and a long summary show it.
        for bullets in sorted({3, len(fast) // 2}):
            assert summarize(article, algorithm, bullets, engine="fast", distinct=False) == summarize(
                article, algorithm, bullets, engine="sumy", distinct=False
            ), (name, bullets)


@pytest.mark.parametrize("summarizer_class", [LexRankSummarizer, TextRankSummarizer])
def test_the_sumy_engine_is_stock_sumy(documents, summarizer_class):
    """What ``engine="sumy"`` computes is what sumy's own summariser object chooses."""
    algorithm = "lexrank" if summarizer_class is LexRankSummarizer else "textrank"
    for name in ("coalition", "english-30", "arabic-80"):
        article = documents[name]
        summarizer = summarizer_class(summarize_module._stemmer(article.language))
        summarizer.stop_words = stop_words(article.language)
        document = sumy_document(article)
        chosen = summarizer(document, 7)
        stock_ids = tuple(article.sentences[s.index].id for s in chosen)
        if algorithm == "textrank":
            stock_ratings = list(summarizer.rate_sentences(document).values())
        else:
            words = [summarizer._to_words_set(s) for s in document.sentences]
            tf, idf = summarizer._compute_tf(words), summarizer._compute_idf(words)
            matrix = summarizer._create_matrix(words, summarizer.threshold, tf, idf)
            stock_ratings = list(summarizer.power_method(matrix, summarizer.epsilon))
        for engine in ("sumy", "fast"):
            assert list(sentence_ratings(article, algorithm, engine=engine).values()) == stock_ratings, name
        assert summarize(article, algorithm, 7, engine="sumy", distinct=False).ids == stock_ids, name
        assert summarize(article, algorithm, 7, engine="fast", distinct=False).ids == stock_ids, name


def test_a_lexrank_similarity_on_the_threshold_is_decided_as_sumy_decides(monkeypatch):
    # 40 sentences of ten distinct words, every word in exactly two sentences (one idf for all):
    # neighbours in a ring share one word, so their cosine is 1/10 — the threshold itself — and
    # sentences k and k + 20 share the other eight.
    # (Numbers as words: the stemmer leaves them alone.)
    sentences = []
    for k in range(40):
        ring = [str(1000 + (k - 1) % 40), str(1000 + k)]
        pair = [str(5000 + 8 * (k % 20) + j) for j in range(8)]
        sentences.append(" ".join(ring + pair) + ".")
    article = plain_article(sentences)
    stock = sentence_ratings(article, "lexrank", engine="sumy")

    exact = LexRankSummarizer.cosine_similarity
    rechecked = []

    def spy(*args):
        rechecked.append(exact(*args))
        return rechecked[-1]

    with monkeypatch.context() as patch:
        patch.setattr(LexRankSummarizer, "cosine_similarity", staticmethod(spy))
        fast = sentence_ratings(article, "lexrank", engine="fast")
    assert len(rechecked) == 80  # each ring link, both ways, decided by sumy's own arithmetic
    assert rechecked == pytest.approx([0.1] * 80, abs=1e-15)
    assert fast == pytest.approx(stock, rel=1e-9)
    for bullets in (3, 7, 20):
        assert summarize(article, "lexrank", bullets, engine="fast") == summarize(
            article, "lexrank", bullets, engine="sumy"
        )


# --- the default ("news"): position-aware LexRank with MMR on a sparse graph ----------------------

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def _dense_news_ratings(article: Article, parameters) -> numpy.ndarray:
    """The default's ratings computed the plain way: full n x n cosine matrix, dense power method."""
    words = summarize_module._content_words(article)
    n = len(words)
    vocabulary = sorted({w for sentence in words for w in sentence})
    column = {w: j for j, w in enumerate(vocabulary)}
    tf = numpy.zeros((n, len(vocabulary)))
    for i, sentence in enumerate(words):
        for w in sentence:
            tf[i, column[w]] += 1
    largest = tf.max(axis=1, keepdims=True)
    tf = tf / numpy.where(largest > 0, largest, 1)
    idf = numpy.log(n / (1.0 + (tf > 0).sum(axis=0)))
    vectors = tf * idf
    norms = numpy.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / numpy.where(norms > 0, norms, 1)
    cosine = vectors @ vectors.T
    links = numpy.where(cosine > parameters.threshold, cosine if parameters.continuous else 1.0, 0.0)
    prior = summarize_module._prior(article, summarize_module._Vectors(words), parameters)
    out = links.sum(axis=1, keepdims=True)
    step = numpy.divide(links, out, out=numpy.zeros_like(links), where=out > 0)
    rank = prior.copy()
    for _ in range(500):
        flow = rank @ step + rank[out[:, 0] == 0].sum() * prior
        rank = parameters.damping * flow + (1 - parameters.damping) * prior
    return rank / rank.max()


@pytest.mark.parametrize("continuous", [False, True])
def test_the_sparse_default_rates_and_picks_as_the_dense_method_does(continuous):
    parameters = summarize_module.NewsParameters(continuous=continuous)
    article = plain_article(mixed_sentences(ENGLISH, 300, seed=5), title="Coalition keeps troops in Syria")
    sparse, _ = summarize_module._news_ratings(article, parameters)
    dense = _dense_news_ratings(article, parameters)
    assert numpy.allclose(sparse, dense, atol=1e-9)
    ranked_sparse = numpy.argsort(-sparse, kind="stable")[:15]
    ranked_dense = numpy.argsort(-dense, kind="stable")[:15]
    assert list(ranked_sparse) == list(ranked_dense)


def test_long_documents_compare_neighbouring_blocks_only_and_keep_the_strongest_links(monkeypatch):
    article = plain_article(mixed_sentences(ENGLISH, 130, seed=6))
    words = summarize_module._content_words(article)
    vectors = summarize_module._Vectors(words)
    everything = vectors.links(0.1, dense_max=10_000, window=30, top_k=1000)
    windowed = vectors.links(0.1, dense_max=50, window=30, top_k=1000)
    block = numpy.arange(130) // 30
    pairs = {(r, c): s for r, c, s in zip(*everything) if abs(block[r] - block[c]) <= 1}
    assert {(r, c): s for r, c, s in zip(*windowed)} == pytest.approx(pairs)
    assert len(pairs) < len(everything[0])  # the band really leaves far pairs out
    pruned = vectors.links(0.1, dense_max=50, window=30, top_k=3)
    one_way = Counter(r for r, c in zip(pruned[0], pruned[1]) if c >= r)  # before mirroring
    assert max(one_way.values()) <= 3
    # linear size: each sentence contributes at most top_k links and their mirrors
    assert len(pruned[0]) <= 2 * 3 * 130


def test_the_default_keeps_redundant_copies_out_of_the_bullets():
    lead = ENGLISH[0]
    article = plain_article([lead, lead, *ENGLISH[1:]])
    chosen = summarize(article, "news", 4).ids
    assert not {0, 1} <= set(chosen)  # never the same sentence twice
    assert len(chosen) == 4


def _gold(name: str) -> tuple[Article, list[int], list[int]]:
    gold = json.loads((SAMPLES / "summary-gold.json").read_text(encoding="utf-8"))[name]
    article = segment(read_document(SAMPLES / name))
    candidates = [s for s in article.sentences if not s.heading]
    ids = [next(s.id for s in candidates if s.text.startswith(start)) for start in gold]
    return article, ids, [s.id for s in candidates]


@pytest.mark.parametrize("name", ["ministry-water-ar.txt", "port-reopening-en.txt"])
def test_the_default_summary_of_each_sample_carries_its_key_sentences(name):
    article, gold, candidates = _gold(name)
    chosen = set(summarize(article).ids)
    assert gold[0] in chosen  # the lead
    room = min(len(gold), len(chosen))
    hits = len(chosen & set(gold))
    # most of the bullets the default has room for are key sentences (a random pick of this many
    # sentences would hold len(gold) / len(candidates) of them: about a quarter to a half)
    assert hits >= 0.6 * room, f"only {hits} key sentences of {gold}; chose {sorted(chosen)}"
    assert hits / len(chosen) > 1.4 * len(gold) / len(candidates)


def test_english_is_summarised_with_english_stop_words_and_stems():
    article, gold, candidates = _gold("port-reopening-en.txt")
    assert article.language == "en"
    words = summarize_module._content_words(article)
    assert not any(w in {"the", "of", "to", "on", "after", "its", "a"} for sentence in words for w in sentence)
    assert "reopen" in words[0] and "damag" in words[0]  # Snowball stems
    assert "the" in stop_words("en")


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_repeated_sentence_never_gives_two_identical_bullets(algorithm, tmp_path):
    """A pull quote or a pasted-twice paragraph repeats a sentence word for word: one bullet at most."""
    text = (SAMPLES / "ministry-water-ar.txt").read_text(encoding="utf-8")
    paragraphs = text.strip().split("\n")
    repeated = paragraphs[1]  # the lead paragraph, the likeliest bullet
    doubled = "\n".join([*paragraphs[:3], repeated, *paragraphs[3:], repeated]) + "\n"
    path = tmp_path / "doubled.txt"
    path.write_text(doubled, encoding="utf-8")
    article = segment(read_document(path))

    summary = summarize(article, algorithm, bullets=6)

    texts = [article.sentences[i].text for i in summary.ids]
    assert len(texts) == len(set(texts)) == 6


# --- the learned scorer (core/summary_model.py) -----------------------------------------------------


def test_the_shipped_scorer_is_a_complete_model_of_the_listed_features():
    model = summary_model.MODEL
    assert model["weights"], "run bench/summary_quality.py --fit"
    assert set(model["weights"]) <= set(summary_model.FEATURES)
    assert set(model["mean"]) == set(model["scale"]) == set(model["weights"])
    assert all(model["scale"][name] > 0 for name in model["scale"])
    assert 0 < model["threshold"] < 1


def test_the_scorer_trusts_the_lead_and_each_paragraph_opener_most():
    sentences = [f"Sentence {k} says " + " ".join(["something"] * 12) + "." for k in range(12)]
    article = plain_article(sentences, title="A title", per_paragraph=4)
    n = len(sentences)
    chance = summary_model.probabilities(summary_model.features(article, numpy.ones(n), numpy.zeros(n), numpy.zeros(n)))
    assert chance.argmax() == 0  # the lead
    assert chance[0] > summary_model.MODEL["threshold"]
    # within a paragraph its opener is the likeliest, and paragraph for paragraph the likelihood
    # falls through the article (EASC's readers did not favour a later paragraph's opener over the
    # sentence just before it, so neither does the model)
    for opener in (0, 4, 8):
        assert chance[opener] == chance[opener : opener + 4].max()
    assert chance[0] > chance[4] > chance[8]
    assert (numpy.diff(chance[:4]) < 0).all()


def test_chances_do_not_depend_on_the_language_of_the_words():
    """Position and length only: the same layout in Arabic and in English gets the same chances."""
    english = plain_article([" ".join(["word"] * k) + "." for k in (12, 7, 20, 15, 9, 11)])
    arabic = plain_article([" ".join(["كلمة"] * k) + "." for k in (12, 7, 20, 15, 9, 11)])
    matrix_en = summary_model.features(english, numpy.ones(6), numpy.zeros(6), numpy.zeros(6))
    matrix_ar = summary_model.features(arabic, numpy.ones(6), numpy.zeros(6), numpy.zeros(6))
    assert numpy.allclose(summary_model.probabilities(matrix_en), summary_model.probabilities(matrix_ar))


def test_fit_learns_a_planted_preference():
    """Readers who always pick paragraph openers and never long sentences: the fit sees both."""
    rng = numpy.random.default_rng(3)
    matrices, picks = [], []
    names = ("paragraph_first", "log_length")
    for _ in range(40):
        n = 12
        matrix = numpy.zeros((n, len(summary_model.FEATURES)))
        opener = rng.random(n) < 0.3
        length = rng.integers(3, 40, n)
        matrix[:, summary_model.FEATURES.index("paragraph_first")] = opener
        matrix[:, summary_model.FEATURES.index("log_length")] = numpy.log1p(length)
        matrices.append(matrix)
        picks.append(numpy.where(opener, 5, 0) + (length < 10))  # short non-openers: one reader in five
    model = {**summary_model.fit(matrices, picks, 5, names, l2=0.01), "threshold": 0.5}
    assert model["weights"]["paragraph_first"] > 1.0
    assert model["weights"]["log_length"] < 0
    chance = summary_model.probabilities(matrices[0], model)
    opener = matrices[0][:, summary_model.FEATURES.index("paragraph_first")] > 0
    assert chance[opener].min() > 0.8 > 0.2 > chance[~opener].max()


def test_confident_sentences_come_first_and_the_graph_fills_the_rest():
    article = plain_article(ENGLISH[:8])
    _matrix, ratings, vectors, _words = summarize_module._news_features(article)
    chance = numpy.array([0.9, 0.5, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1])
    words = numpy.array([10.0, 10.0, 30.0, 10.0, 10.0, 10.0, 10.0, 10.0])
    ratings = numpy.array([0.1, 0.1, 0.1, 0.2, 1.0, 0.3, 0.9, 0.2])

    def pick(bullets):
        return summarize_module._news_pick(chance, words, ratings, vectors, bullets, 0.3, 0.0)

    # value = words * (chance - 0.3): 0 and 2 tie at 6.0 (the earlier goes first), then 1 at 2.0
    assert pick(1) == [0]
    assert pick(2) == [0, 2]
    assert pick(3) == [0, 1, 2]
    # beyond the confident three, the graph's best ratings: 4, then 6
    assert pick(5) == [0, 1, 2, 4, 6]


def test_a_long_document_gets_bullets_beyond_its_opening():
    """A report of 300 sentences: the scorer vouches for its opening, the graph picks from the rest."""
    article = plain_article(mixed_sentences(ENGLISH, 300, seed=8), title="Coalition keeps troops in Syria")
    chosen = _news_positions(article, 20)
    assert chosen[0] == 0
    assert max(chosen) > 60, chosen


def _news_positions(article: Article, bullets: int) -> list[int]:
    candidates = [s.id for s in article.sentences if not s.heading]
    ids = summarize(article, "news", bullets).ids
    return [candidates.index(i) for i in ids]


EASC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "easc-dev"


def test_the_default_beats_the_lead_on_human_summaries(shared_dir):
    """EASC development half (77 Arabic articles, five human extracts each): ROUGE-1 at the humans'
    number of sentences. The model was fitted on these articles, so this guards the pipeline (a
    feature computed wrongly falls back to LEAD or below); the held-out figure is in bench/RESULTS.md."""
    if not (EASC / "Articles").is_dir():
        pytest.skip(f"{EASC}: the EASC development half is missing from ../shared")
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "bench" / "summary_quality.py"
    spec = importlib.util.spec_from_file_location("summary_quality", path)
    bench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("summary_quality", bench)
    spec.loader.exec_module(bench)
    items = bench.load_corpus(EASC)
    news = bench.evaluate(items, bench.method_talkhis("news"), measures=("r1",))["r1"]
    lead = bench.evaluate(items, bench.method_lead, measures=("r1",))["r1"]
    assert news > lead + 0.005, (news, lead)
