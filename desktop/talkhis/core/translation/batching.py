"""From sentences to translations: clause splitting, token batches, streaming, cancellation.

Sentences are translated in document order, in chunks: the first chunk is one sentence, so the
first translation appears almost at once; every later chunk is one full CTranslate2 batch of
sentences of similar length (sorted within windows of a few batches). The next chunk is always queued while the caller waits for the current one, so the translator's
parallel workers (see ``engine.thread_split``) are as busy as in one big call. Cancellation is
checked after each chunk; what was translated is kept, the one chunk queued ahead is dropped.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

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

    def key(self, engine: EngineSettings) -> str:
        """What a cached translation depends on besides the model and the sentence."""
        return (
            f"beam={self.beam_size};lp={self.length_penalty};ratio={self.decoding_ratio};"
            f"extra={self.decoding_extra};max={self.max_decoding_length};ct={engine.compute_type}"
        )

    def decoding_limit(self, longest_source: int) -> int:
        limit = int(self.decoding_ratio * longest_source) + self.decoding_extra
        return max(8, min(self.max_decoding_length, limit))


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


def _chunks(units: list[tuple[int, list[list[str]]]], options: TranslationOptions):
    """Group sentence units into chunks: the first sentence(s) alone, then one full batch each.

    After the first chunk, units are taken in windows of ``sort_window`` batches and sorted by
    length inside each window, as CTranslate2 sorts one big call: batches of similar lengths
    waste no work on padding. The English still fills in roughly top to bottom, window by window.
    """
    head, rest = units[: options.first_chunk_sentences], units[options.first_chunk_sentences:]
    if head:
        yield head

    def size(unit) -> int:
        return sum(len(part) for part in unit[1])

    window_budget = options.max_batch_tokens * options.sort_window
    start = 0
    while start < len(rest):
        end, tokens = start, 0
        while end < len(rest) and (end == start or tokens + size(rest[end]) <= window_budget):
            tokens += size(rest[end])
            end += 1
        chunk: list[tuple[int, list[list[str]]]] = []
        tokens = 0
        for unit in sorted(rest[start:end], key=size):
            if chunk and tokens + size(unit) > options.max_batch_tokens:
                yield chunk
                chunk, tokens = [], 0
            chunk.append(unit)
            tokens += size(unit)
        if chunk:
            yield chunk
        start = end


def _submit(model: TranslationModel, chunk, options: TranslationOptions):
    flat = [part for _, parts in chunk for part in parts]
    return model.engine.submit(
        flat,
        target_prefix=model.target_prefix,
        beam_size=options.beam_size,
        max_batch_tokens=options.max_batch_tokens,
        max_decoding_length=options.decoding_limit(max(len(p) for p in flat)) + len(model.target_prefix or ()),
        length_penalty=options.length_penalty,
    )


def translate_sentences(
    model: TranslationModel,
    texts: list[str],
    *,
    options: TranslationOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    indices: list[int] | None = None,
) -> dict[int, Translation]:
    """Translate normalised ``texts``; returns ``{index: Translation}`` for what was done.

    ``indices`` gives the caller's id for each text (default 0..n-1). On cancellation the
    returned dict holds only the sentences finished before it.
    """
    options = options or TranslationOptions()
    indices = list(range(len(texts))) if indices is None else list(indices)
    total = len(texts)
    done: dict[int, Translation] = {}
    units: list[tuple[int, list[list[str]]]] = []
    encoded = model.encode_many(texts) if texts else []
    for index, text, tokens in zip(indices, texts, encoded):
        if not text.strip():
            done[index] = Translation("", None)
            continue
        units.append((index, [t for _, t in split_long(model, text, tokens)]))
    if done and on_progress:
        on_progress(len(done), total, dict(done))
    chunks = _chunks(units, options)
    queue: deque = deque()  # (chunk, wait for its results): one chunk queued ahead
    for chunk in chunks:
        queue.append((chunk, _submit(model, chunk, options)))
        if len(queue) == 2:
            break
    while queue:
        chunk, results_of = queue.popleft()
        results = results_of()
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
            break  # the chunk queued ahead finishes in the translator; its results are dropped
        following = next(chunks, None)
        if following is not None:
            queue.append((following, _submit(model, following, options)))
    return done
