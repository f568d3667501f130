"""Translating an article: aligned results, streaming per batch, cancellation, long sentences."""

from __future__ import annotations

import threading

from talkhis.core.normalize import for_translation
from talkhis.core.pipeline import load_model, open_article, translate_article
from talkhis.core.translation import TranslationOptions, translate_sentences
from talkhis.core.translation.batching import split_long

FAST = TranslationOptions(beam_size=1, max_decoding_length=16)


def test_every_sentence_of_an_article_is_translated_in_order(test_models, coalition_path):
    article = open_article(coalition_path)
    model = load_model(str(test_models["opus-mt"]))
    batches = []
    translations = translate_article(
        article, model, options=FAST, on_progress=lambda done, total, new: batches.append((done, total, sorted(new)))
    )
    assert len(translations) == len(article.sentences) == 25
    assert all(t is not None and t.score is not None for t in translations)
    # streamed: the first batch is a single sentence, progress only grows, and ends at the total
    assert batches[0] == (1, 25, [0])
    assert [b[0] for b in batches] == sorted(b[0] for b in batches) and batches[-1][0] == 25
    assert sorted(i for b in batches for i in b[2]) == list(range(25))


def test_cancel_between_batches_keeps_what_is_done(test_models, coalition_path):
    article = open_article(coalition_path)
    model = load_model(str(test_models["nllb"]))
    cancel = threading.Event()

    def stop_after_first(done, total, new):
        cancel.set()

    translations = translate_article(article, model, options=FAST, on_progress=stop_after_first, cancel=cancel)
    assert translations[0] is not None
    assert translations[1:] == [None] * 24


def test_too_long_sentence_is_split_at_clause_boundaries_and_joined(test_models):
    model = load_model(str(test_models["opus-mt"]))
    model.max_input_tokens = 24
    clauses = [
        "قال الوزير إن الحكومة ستبدأ تنفيذ الخطة الجديدة في الأسبوع المقبل",
        "وأضاف أن المزارعين في المحافظات الجنوبية سيحصلون على دعم مباشر",
        "كما أكد أن الوزارة ستراقب توزيع المياه بشكل دقيق؛ وأن اللجان ستعمل يوميا",
    ]
    sentence = "، ".join(clauses) + "."
    parts = split_long(model, sentence, model.encode(sentence))
    assert len(parts) >= 3
    assert all(len(tokens) <= 24 for _, tokens in parts)
    assert " ".join(text for text, _ in parts).replace(" ", "") == sentence.replace(" ", "")
    assert all(text.rstrip().endswith(("،", "؛", ".")) or text == parts[-1][0] for text, _ in parts[:-1])

    seen = []
    original = model.engine.submit

    def recording(batch, **kwargs):
        seen.extend(batch)
        return original(batch, **kwargs)

    model.engine.submit = recording
    done = translate_sentences(model, [sentence], options=FAST)
    assert len(seen) == len(parts) and all(len(s) <= 24 for s in seen)
    pieces = [model.decode(r.tokens) for r in model.engine.translate([p for _, p in parts], beam_size=1, max_decoding_length=FAST.decoding_limit(max(len(p) for _, p in parts)),
                                                                      no_repeat_ngram_size=FAST.no_repeat_ngram_size)]
    assert done[0].text == " ".join(p for p in pieces if p)


def test_a_sentence_without_clause_boundaries_is_cut_between_words(test_models):
    model = load_model(str(test_models["nllb"]))
    model.max_input_tokens = 10
    sentence = " ".join(["المزارعون"] * 40)
    parts = split_long(model, sentence, model.encode(sentence))
    assert len(parts) > 1 and all(len(tokens) <= 10 for _, tokens in parts)
    assert sum(text.count("المزارعون") for text, _ in parts) == 40


def test_empty_normalised_sentence_is_not_sent_to_the_model(test_models):
    model = load_model(str(test_models["argos"]))
    done = translate_sentences(model, [for_translation("ـــ\u200f"), "قال الوزير."], options=FAST)
    assert done[0].text == "" and done[1].text is not None


def test_memory_budget_cuts_chunks_to_fit_and_each_sentence_keeps_its_own_translation(test_models, coalition_path):
    """A tight decoder-memory budget: more, smaller chunks, each within the budget (a single
    sentence may exceed it); no translation lands on the wrong sentence: each is what the
    sentence gets when translated alone."""
    model = load_model(str(test_models["opus-mt"]))
    texts = [for_translation(s.text) for s in open_article(coalition_path).sentences]
    texts = [t for t in texts if len(model.encode(t)) <= model.max_input_tokens]  # one part each
    bytes_per_position = model.engine.shape.bytes_per_position
    per_chunk = 120  # source tokens + decoding limit, for each chunk
    budget = per_chunk * FAST.beam_size * bytes_per_position * model.engine.parallel / 2**20
    tight = TranslationOptions(beam_size=1, max_decoding_length=16, decoder_memory_mb=budget)

    chunks = []
    original = model.engine.submit

    def recording(batch, **kwargs):
        chunks.append([len(tokens) for tokens in batch])
        return original(batch, **kwargs)

    model.engine.submit = recording
    done = translate_sentences(model, texts, options=tight)
    model.engine.submit = original
    assert len(done) == len(texts) > 15
    assert chunks[0] == [len(model.encode(texts[0]))]  # the first sentence alone, at once
    assert len(chunks) > 1 + len(texts) // 8  # the budget, not the 1,024-token batch, set the size
    for chunk in chunks[1:]:
        assert len(chunk) == 1 or sum(n + tight.decoding_limit(n) for n in chunk) <= per_chunk
    assert sum(map(len, chunks)) == len(texts)

    alone = {i: translate_sentences(model, [text], options=FAST)[0].text for i, text in enumerate(texts)}
    assert {i: t.text for i, t in done.items()} == alone


def test_chunks_come_in_multiples_of_the_parallel_workers_with_equal_costs():
    from talkhis.core.translation.batching import _balanced, _chunks, _cost

    options = TranslationOptions(max_batch_tokens=100, sort_window=4, decoding_ratio=0, decoding_extra=10)
    units = [(i, [["t"] * (5 + (i * 7) % 23)]) for i in range(60)]
    chunks = list(_chunks(units, options, parallel=2))
    assert [u[0] for u in chunks[0]] == [0]
    assert sorted(u[0] for c in chunks for u in c) == list(range(60))
    rest = chunks[1:]
    assert all(sum(len(p) for u in c for p in u[1]) <= 100 for c in rest)
    # earlier windows are cut as full as allowed; the last one evenly between the two workers
    one_window = units[:14]  # 219 tokens: three 100-token batches, four chunks for two workers
    assert [len(c) for c in _chunks(one_window, options, parallel=1)][1:] == [6, 4, 3]
    assert len(list(_chunks(one_window, options, parallel=2))[1:]) == 4

    # a remainder under half a window (one sentence here) joins the last window, which is then
    # shared out evenly, instead of ending the article with a one-sentence chunk for one worker
    even = [(i, [["t"] * 20]) for i in range(22)]  # the first, a 400-token window, and one more
    assert len(list(_chunks(even, options, parallel=2))[1:]) == 6

    window = sorted(units[1:20], key=lambda u: len(u[1][0]))
    groups = _balanced(window, 2, options, None)
    assert [u for g in groups for u in g] == window and len(groups) % 2 == 0
    costs = [sum(_cost(u, options) for u in g) for g in groups]
    assert max(costs) - min(costs) <= max(_cost(u, options) for u in window)  # within one sentence
