"""From sentences to translations: clause splitting, token batches, streaming, cancellation.

Sentences are translated in document order, in chunks: the first chunk is one sentence, so the
first translation appears almost at once; every later chunk is one full CTranslate2 batch, so
the cores are as busy as in one big call. Cancellation is checked between chunks (at most one
batch of work is lost); what was translated before is kept.
"""

from __future__ import annotations

import logging
import re
import threading
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
    """Group sentence units into chunks: the first sentence(s) alone, then one batch each.

    The first chunk is tiny so the first translation shows at once; after it, each chunk is one
    CTranslate2 batch (``max_batch_tokens``), the size at which batching already pays off fully,
    so streaming costs almost nothing against translating everything in one call.
    """
    chunk: list[tuple[int, list[list[str]]]] = []
    tokens = 0
    first = True
    for unit in units:
        size = sum(len(part) for part in unit[1])
        if chunk and (
            (first and len(chunk) >= options.first_chunk_sentences)
            or (not first and tokens + size > options.max_batch_tokens)
        ):
            yield chunk
            chunk, tokens, first = [], 0, False
        chunk.append(unit)
        tokens += size
    if chunk:
        yield chunk


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
    for chunk in _chunks(units, options):
        if cancel is not None and cancel.is_set():
            break
        flat = [part for _, parts in chunk for part in parts]
        results = model.engine.translate(
            flat,
            target_prefix=model.target_prefix,
            beam_size=options.beam_size,
            max_batch_tokens=options.max_batch_tokens,
            max_decoding_length=options.decoding_limit(max(len(p) for p in flat))
            + len(model.target_prefix or ()),
            length_penalty=options.length_penalty,
        )
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
    return done
