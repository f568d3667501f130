"""A thin, lazily loaded wrapper around ``ctranslate2.Translator`` working on token lists."""

from __future__ import annotations

import logging
import os
import re
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
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


@dataclass(frozen=True)
class ModelShape:
    """What decoding memory depends on, read from the ``model.bin`` header."""

    decoder_layers: int
    d_model: int
    target_vocabulary: int

    @property
    def bytes_per_position(self) -> int:
        """Decoder state per hypothesis and token: float32 keys and values in every decoder layer.

        The same per source token (the cross-attention keys and values of each hypothesis), so a
        batch holds about ``beam * (source + decoded tokens) * bytes_per_position`` bytes.
        """
        return self.decoder_layers * self.d_model * 4 * 2


_DECODER_LAYER = re.compile(r"^decoder/layer_(\d+)/")


def read_shape(model_bin: str | os.PathLike) -> ModelShape | None:
    """The decoder's size from a CTranslate2 ``model.bin`` (binary versions 1-6), or None.

    Only the variables' names and shapes are read; the weights are skipped with seeks, so this
    takes milliseconds even for a gigabyte model. A file this does not understand gives None
    (the caller then uses no memory estimate), never an error.
    """
    try:
        with open(model_bin, "rb") as f:
            size = os.fstat(f.fileno()).st_size

            def take(fmt: str) -> tuple:
                return struct.unpack(fmt, f.read(struct.calcsize(fmt)))

            def name() -> str:
                return f.read(take("<H")[0]).rstrip(b"\0").decode("utf-8")

            version = take("<I")[0]
            if not 1 <= version <= 6:
                return None
            if version >= 2:
                name()  # the spec's name, then its revision
                take("<I")
            layers, d_model, vocabulary = set(), 0, 0
            for _ in range(min(take("<I")[0], 1_000_000)):
                variable = name()
                shape = take(f"<{take('<B')[0]}I")
                if version >= 4:
                    take("<B")  # dtype
                    length = take("<I")[0]
                else:
                    item, count = take("<BI")
                    length = item * count
                if f.seek(length, os.SEEK_CUR) > size:
                    return None
                match = _DECODER_LAYER.match(variable)
                if match:
                    layers.add(int(match.group(1)))
                    if variable.endswith("/ffn/linear_1/weight") and len(shape) == 2 and not d_model:
                        d_model = shape[0]  # the FFN's output: (d_model, ffn width)
                elif variable in ("decoder/embeddings/weight", "decoder/projection/weight") and len(shape) == 2:
                    vocabulary, d_model = shape
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None
    if not layers or not d_model:
        return None
    return ModelShape(len(layers), d_model, vocabulary)


def _first_line(exc: Exception) -> str:
    """CTranslate2's messages can span lines; the user gets one."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _check_compute_type(ctranslate2, device: str, compute_type: str) -> None:
    """A setting this machine cannot run (float16 on a CPU) is the settings' fault, not the
    model's: say which setting to change instead of sending the user to re-import the model."""
    if compute_type in ("default", "auto"):
        return
    try:
        supported = ctranslate2.get_supported_compute_types(device)
    except Exception as exc:  # noqa: BLE001 - e.g. "cuda" without a GPU or CUDA driver
        raise ModelError(f"the device '{device}' is not available here ({_first_line(exc)}); "
                         "translate on the CPU (device 'cpu')") from None
    if compute_type not in supported:
        raise ModelError(f"the compute type '{compute_type}' does not run on this {device} (it runs: "
                         f"{', '.join(sorted(supported))}); change 'compute_type' in the settings") from None


class Engine:
    """One CTranslate2 model directory; the translator loads on first use."""

    def __init__(self, model_dir: str | os.PathLike, settings: EngineSettings | None = None):
        self.model_dir = Path(model_dir)
        self.settings = settings or EngineSettings()
        self._translator = None

    @cached_property
    def shape(self) -> ModelShape | None:
        return read_shape(self.model_dir / "model.bin")

    @cached_property
    def model_bytes(self) -> int:
        try:
            return (self.model_dir / "model.bin").stat().st_size
        except OSError:
            return 0

    @property
    def parallel(self) -> int:
        """How many batches the translator works on at once (its ``inter_threads``)."""
        return thread_split(self.settings.threads, self.settings.inter_threads)[1]

    @property
    def translator(self):
        if self._translator is None:
            self._translator = self._load()
        return self._translator

    def _load(self):
        import ctranslate2

        s = self.settings
        intra, inter = thread_split(s.threads, s.inter_threads)
        _check_compute_type(ctranslate2, s.device, s.compute_type)
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
        no_repeat_ngram_size: int = 0,
        repetition_penalty: float = 1.0,
    ) -> Callable[[], list[TokenResult]]:
        """Queue pre-tokenised sentences; call the returned function to wait for their results.

        The translator works on what is queued while the caller waits for earlier work, which
        keeps all its parallel workers busy between two streamed chunks.
        """
        if not batch:
            return lambda cancel=None: []
        prefix = [list(target_prefix) for _ in batch] if target_prefix else None
        try:
            pending = self.translator.translate_batch(
                batch,
                target_prefix=prefix,
                max_batch_size=max_batch_tokens,
                batch_type="tokens",
                beam_size=beam_size,
                length_penalty=length_penalty,
                no_repeat_ngram_size=no_repeat_ngram_size,
                repetition_penalty=repetition_penalty,
                max_input_length=0,  # never truncate: long sentences are split before we get here
                max_decoding_length=max_decoding_length,
                return_scores=True,
                replace_unknowns=True,
                asynchronous=True,
            )
        except (RuntimeError, ValueError) as exc:
            raise self._failed(exc) from None

        def results(cancel: threading.Event | None = None) -> list[TokenResult] | None:
            """The batch's results; None as soon as ``cancel`` is set before they are ready (the
            translator finishes that batch unread), so a cancel never waits for a slow batch."""
            if cancel is not None:
                while not all(item.done() for item in pending):
                    if cancel.wait(0.05):
                        return None
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
