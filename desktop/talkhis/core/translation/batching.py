"""From sentences to translations: clause splitting, chunks, streaming, cancellation.

Sentences are translated in document order, in chunks: the first chunk is one sentence, so the
first translation appears almost at once. The rest is taken in windows of a few batches, sorted
by length inside each window (batches of similar lengths waste no work on padding) and cut into
chunks of equal cost, each within CTranslate2's token batch and a decoder-memory budget that
grows with the model; the last window's chunks share out evenly between the translator's
parallel workers (``engine.thread_split``).
One chunk per worker is in work and one more is queued while the caller waits, so no worker
idles between two streamed chunks. Cancellation is checked after each chunk; what was
translated is kept, the chunks queued ahead are dropped.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from talkhis.core.article import Translation
from talkhis.core.translation.engine import EngineSettings
from talkhis.core.translation.layouts import TranslationModel

log = logging.getLogger(__name__)

# Clause boundaries where an over-long sentence may be cut: Arabic comma and semicolon, Latin ones.
_CLAUSE_END = re.compile(r"(?<=[،؛,;])\s+")


@dataclass(frozen=True)
class TranslationOptions:
    beam_size: int = 4
    length_penalty: float = 1.0
    max_batch_tokens: int = 1024  # one CTranslate2 batch, and one streamed chunk
    first_chunk_sentences: int = 1
    sort_window: int = 8  # batches whose sentences are sorted by length together
    decoding_ratio: float = 2.0  # max_decoding_length = ratio * longest source + extra
    decoding_extra: int = 10
    max_decoding_length: int = 512
    # Decoder memory for all the chunks in work at once (keys and values of every hypothesis);
    # 0 = automatic: as much as the model file itself, at least MIN_DECODER_MEMORY_MB.
    decoder_memory_mb: float = 0
    # Against the loops real models fall into on names and short inputs ("the the the…"), from
    # CTranslate2's TranslationOptions: no_repeat_ngram_size "prevents repetitions of ngrams
    # with this size"; 4 pieces never blocks the legitimate repeats of a news sentence (a word,
    # "of the") but stops a loop after its fourth piece, and cost no measurable speed in
    # bench/run.py. repetition_penalty (CTRL's, > 1 penalises every token already generated,
    # "the" and "of" included) stays off: it would bend every sentence to fix a few.
    no_repeat_ngram_size: int = 4
    repetition_penalty: float = 1.0
    # Sentence ids translated first, as a group of their own (the summary's bullets, chosen on
    # the Arabic: their English is ready long before the article's). Not part of the key.
    translate_first: tuple[int, ...] = ()

    def key(self, engine: EngineSettings) -> str:
        """What a cached translation depends on besides the model and the sentence."""
        return (
            f"beam={self.beam_size};lp={self.length_penalty};ratio={self.decoding_ratio};"
            f"extra={self.decoding_extra};max={self.max_decoding_length};ct={engine.compute_type}"
            + (f";norepeat={self.no_repeat_ngram_size}" if self.no_repeat_ngram_size else "")
            + (f";reppen={self.repetition_penalty}" if self.repetition_penalty != 1.0 else "")
        )

    def decoding_limit(self, longest_source: int) -> int:
        limit = int(self.decoding_ratio * longest_source) + self.decoding_extra
        return max(8, min(self.max_decoding_length, limit))


MIN_DECODER_MEMORY_MB = 160


def chunk_cost_limit(model: TranslationModel, options: TranslationOptions) -> int | None:
    """The most :func:`_cost` one chunk may have so that the chunks in work fit the memory budget.

    None when the model's shape is unknown (then only ``max_batch_tokens`` limits a chunk).
    """
    shape = model.engine.shape
    if shape is None:
        return None
    budget_mb = options.decoder_memory_mb if options.decoder_memory_mb > 0 else max(
        MIN_DECODER_MEMORY_MB, model.engine.model_bytes / 2**20)
    per_chunk = budget_mb * 2**20 / model.engine.parallel
    return max(1, int(per_chunk / (options.beam_size * shape.bytes_per_position)))


ProgressCallback = Callable[[int, int, dict[int, Translation]], None]


def split_long(model: TranslationModel, text: str, tokens: list[str]) -> list[tuple[str, list[str]]]:
    """Cut a sentence too long for the model into parts at clause boundaries (then at words)."""
    limit = model.max_input_tokens
    if len(tokens) <= limit:
        return [(text, tokens)]
    pieces: list[str] = []
    for clause in _CLAUSE_END.split(text):
        if model.count_tokens(clause) <= limit:
            pieces.append(clause)
            continue
        words, current = clause.split(), []
        for word in words:  # a clause with no usable boundary: cut between words
            if current and model.count_tokens(" ".join([*current, word])) > limit:
                pieces.append(" ".join(current))
                current = []
            current.append(word)
        if current:
            pieces.append(" ".join(current))
    parts: list[str] = []
    for piece in pieces:  # greedily re-join neighbouring clauses while they fit
        if parts and model.count_tokens(parts[-1] + " " + piece) <= limit:
            parts[-1] = parts[-1] + " " + piece
        else:
            parts.append(piece)
    return [(part, model.encode(part)) for part in parts]


def _cost(unit: tuple[int, list[list[str]]], options: TranslationOptions) -> int:
    """The work (and decoder memory) a sentence costs: source tokens plus the most it may decode."""
    return sum(len(part) + options.decoding_limit(len(part)) for part in unit[1])


def _source_tokens(unit: tuple[int, list[list[str]]]) -> int:
    return sum(len(part) for part in unit[1])


def _filled(units: list, options: TranslationOptions, cost_cap: int | None) -> list[list]:
    """Cut ``units`` in order into chunks, each as full as ``cost_cap`` and the token batch allow.

    A sentence alone may exceed either limit: it then makes a chunk of its own.
    """
    chunks: list[list] = []
    chunk: list = []
    tokens = cost = 0
    for unit in units:
        unit_tokens, unit_cost = _source_tokens(unit), _cost(unit, options)
        if chunk and (tokens + unit_tokens > options.max_batch_tokens
                      or (cost_cap is not None and cost + unit_cost > cost_cap)):
            chunks.append(chunk)
            chunk, tokens, cost = [], 0, 0
        chunk.append(unit)
        tokens += unit_tokens
        cost += unit_cost
    if chunk:
        chunks.append(chunk)
    return chunks


def _balanced(units: list, parallel: int, options: TranslationOptions, cost_limit: int | None) -> list[list]:
    """Cut ``units`` (sorted) into a multiple of ``parallel`` chunks whose largest costs least.

    For each count (fewest first), a binary search finds the smallest cost cap with which
    filling chunks in order needs no more than that count: the chunks come out about equal.
    """
    total = sum(_cost(unit, options) for unit in units)
    ceiling = cost_limit or total  # (a sentence alone may cost more: it goes alone)
    count = parallel
    while count < len(units):
        low, high = min(-(-total // count), ceiling), ceiling
        if len(_filled(units, options, high)) <= count:
            while low < high:
                middle = (low + high) // 2
                if len(_filled(units, options, middle)) <= count:
                    high = middle
                else:
                    low = middle + 1
            return _filled(units, options, high)
        count += parallel
    return [[unit] for unit in units]


def _chunks(units: list[tuple[int, list[list[str]]]], options: TranslationOptions, parallel: int = 1,
            cost_limit: int | None = None):
    """Group sentence units into chunks: the first sentence(s) alone, then batch-sized chunks.

    After the first chunk, units are taken in windows of ``sort_window`` batches and sorted by
    length inside each window, as CTranslate2 sorts one big call: batches of similar lengths
    waste no work on padding. Chunks are filled up to ``max_batch_tokens`` source tokens and
    ``cost_limit`` (the memory budget), except in the last window: it is cut into chunks of
    equal cost, as few as those limits allow but a multiple of ``parallel`` (the translator's
    parallel workers), so that no worker idles while another finishes the last chunk.
    The English still fills in roughly top to bottom, window by window.
    """
    head, rest = units[: options.first_chunk_sentences], units[options.first_chunk_sentences:]
    if head:
        yield head
    window_budget = options.max_batch_tokens * options.sort_window
    left = sum(map(_source_tokens, rest))
    start = 0
    while start < len(rest):
        end, tokens = start, 0
        while end < len(rest) and (end == start or tokens + _source_tokens(rest[end]) <= window_budget):
            tokens += _source_tokens(rest[end])
            end += 1
        left -= tokens
        if 0 < left < window_budget / 2:  # a short remainder joins this window: the last window
            end, left = len(rest), 0     # must be long enough to share out between the workers
        window = sorted(rest[start:end], key=_source_tokens)
        start = end
        if end < len(rest):  # workers take queued chunks as they free up: fill each one up
            yield from _filled(window, options, cost_limit)
        else:  # the last window: equal chunks, a multiple of the workers, that finish together
            yield from _balanced(window, parallel, options, cost_limit)


def _submit(model: TranslationModel, chunk, options: TranslationOptions):
    flat = [part for _, parts in chunk for part in parts]
    return model.engine.submit(
        flat,
        target_prefix=model.target_prefix,
        beam_size=options.beam_size,
        max_batch_tokens=options.max_batch_tokens,
        max_decoding_length=options.decoding_limit(max(len(p) for p in flat)) + len(model.target_prefix or ()),
        length_penalty=options.length_penalty,
        no_repeat_ngram_size=options.no_repeat_ngram_size,
        repetition_penalty=options.repetition_penalty,
    )


def translate_sentences(
    model: TranslationModel,
    texts: list[str],
    *,
    options: TranslationOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    indices: list[int] | None = None,
    first_group: int = 0,
) -> dict[int, Translation]:
    """Translate normalised ``texts``; returns ``{index: Translation}`` for what was done.

    ``indices`` gives the caller's id for each text (default 0..n-1). On cancellation the
    returned dict holds only the sentences finished before it. The first ``first_group`` texts
    are chunked and sent on their own, before the rest (the bullets first).
    """
    options = options or TranslationOptions()
    indices = list(range(len(texts))) if indices is None else list(indices)
    total = len(texts)
    done: dict[int, Translation] = {}
    units: list[tuple[int, list[list[str]]]] = []
    leading = 0  # units from the first ``first_group`` texts
    encoded = model.encode_many(texts) if texts else []
    for position, (index, text, tokens) in enumerate(zip(indices, texts, encoded)):
        if not text.strip():
            done[index] = Translation("", None)
            continue
        units.append((index, [t for _, t in split_long(model, text, tokens)]))
        leading += position < first_group
    if done and on_progress:
        on_progress(len(done), total, dict(done))
    parallel = model.engine.parallel
    cost_limit = chunk_cost_limit(model, options)
    if 0 < leading < len(units):  # the first group, then the rest without another one-sentence chunk
        chunks = itertools.chain(
            _chunks(units[:leading], options, parallel, cost_limit),
            _chunks(units[leading:], replace(options, first_chunk_sentences=0), parallel, cost_limit))
    else:
        chunks = _chunks(units, options, parallel, cost_limit)
    queue: deque = deque()  # (chunk, wait for its results): one per worker, and one waiting
    for chunk in chunks:
        queue.append((chunk, _submit(model, chunk, options)))
        if len(queue) == parallel + 1:
            break
    while queue:
        chunk, results_of = queue.popleft()
        results = results_of(cancel)
        if results is None:
            break  # cancelled while this chunk was in the translator: stop now, not after it
        position, new = 0, {}
        for index, parts in chunk:
            pieces = results[position:position + len(parts)]
            position += len(parts)
            text = " ".join(filter(None, (model.decode(r.tokens) for r in pieces)))
            scores = [r.score for r in pieces if r.score is not None]
            new[index] = Translation(text, sum(scores) / len(scores) if scores else None)
        done.update(new)
        if on_progress:
            on_progress(len(done), total, new)
        if cancel is not None and cancel.is_set():
            break  # the chunks queued ahead finish in the translator; their results are dropped
        following = next(chunks, None)
        if following is not None:
            queue.append((following, _submit(model, following, options)))
    return done
