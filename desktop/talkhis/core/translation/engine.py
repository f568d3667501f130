"""A thin, lazily loaded wrapper around ``ctranslate2.Translator`` working on token lists."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from talkhis.core.errors import ModelError

log = logging.getLogger(__name__)


def thread_split(threads: int = 0, inter_threads: int = 0) -> tuple[int, int]:
    """``(intra_threads, inter_threads)`` for a translator allowed ``threads`` CPU threads.

    Measured with ``bench/run.py`` on a 2-core laptop-class CPU (transformer-base, int8,
    beam 4): two batches in parallel with one thread each is 1.6x faster than one batch on two
    threads (3.2 s against 5.1 s for 40 sentences); one thread per small batch keeps each core
    busy where OpenMP inside one batch waits on synchronisation. So: up to two batches at once,
    the remaining cores shared inside each. ``0`` means every core / automatic.
    """
    threads = threads or max(1, os.cpu_count() or 1)
    inter = inter_threads or min(2, threads)
    return max(1, threads // inter), inter


@dataclass(frozen=True)
class EngineSettings:
    device: str = "cpu"
    compute_type: str = "int8"  # int8 on CPU: ~4x smaller and faster than float32
    threads: int = 0  # CPU threads in all; 0 = every core
    inter_threads: int = 0  # batches translated in parallel; 0 = thread_split() decides


@dataclass(frozen=True)
class TokenResult:
    tokens: list[str]
    score: float | None


def _first_line(exc: Exception) -> str:
    """CTranslate2's messages can span lines; the user gets one."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Engine:
    """One CTranslate2 model directory; the translator loads on first use."""

    def __init__(self, model_dir: str | os.PathLike, settings: EngineSettings | None = None):
        self.model_dir = Path(model_dir)
        self.settings = settings or EngineSettings()
        self._translator = None

    @property
    def translator(self):
        if self._translator is None:
            self._translator = self._load()
        return self._translator

    def _load(self):
        import ctranslate2

        s = self.settings
        intra, inter = thread_split(s.threads, s.inter_threads)
        try:
            translator = ctranslate2.Translator(
                str(self.model_dir),
                device=s.device,
                compute_type=s.compute_type,
                intra_threads=intra,
                inter_threads=inter,
            )
        except Exception as exc:  # noqa: BLE001 - CTranslate2 raises Runtime/Value/Index/OSError
            raise ModelError(
                f"{self.model_dir}: the CTranslate2 model does not load ({_first_line(exc)}); "
                "re-import or re-convert it"
            ) from None
        log.info("loaded %s (%s, %d x %d threads)", self.model_dir, s.compute_type, inter, intra)
        return translator

    def submit(
        self,
        batch: list[list[str]],
        *,
        target_prefix: list[str] | None = None,
        beam_size: int = 4,
        max_batch_tokens: int = 1024,
        max_decoding_length: int = 256,
        length_penalty: float = 1.0,
    ) -> Callable[[], list[TokenResult]]:
        """Queue pre-tokenised sentences; call the returned function to wait for their results.

        The translator works on what is queued while the caller waits for earlier work, which
        keeps all its parallel workers busy between two streamed chunks.
        """
        if not batch:
            return list
        prefix = [list(target_prefix) for _ in batch] if target_prefix else None
        try:
            pending = self.translator.translate_batch(
                batch,
                target_prefix=prefix,
                max_batch_size=max_batch_tokens,
                batch_type="tokens",
                beam_size=beam_size,
                length_penalty=length_penalty,
                max_input_length=0,  # never truncate: long sentences are split before we get here
                max_decoding_length=max_decoding_length,
                return_scores=True,
                replace_unknowns=True,
                asynchronous=True,
            )
        except (RuntimeError, ValueError) as exc:
            raise self._failed(exc) from None

        def results() -> list[TokenResult]:
            out = []
            try:
                for item in pending:
                    result = item.result()
                    score = result.scores[0] if result.scores else None
                    out.append(TokenResult(list(result.hypotheses[0]), score))
            except (RuntimeError, ValueError) as exc:
                raise self._failed(exc) from None
            return out

        return results

    def translate(self, batch: list[list[str]], **options) -> list[TokenResult]:
        """Translate pre-tokenised sentences; one :class:`TokenResult` per input, in order."""
        return self.submit(batch, **options)()

    def _failed(self, exc: Exception) -> ModelError:
        return ModelError(f"{self.model_dir}: translation failed ({_first_line(exc)})")

    def unload(self) -> None:
        self._translator = None
