"""The user's settings made into translation options: one light function for every front end.

:func:`translation_settings` turns the settings (``compute_type``, ``threads``, ``beam_size``,
``decoder_memory_mb``), plus the command line's ``--threads`` and ``--beam``, into
:class:`EngineSettings` and :class:`TranslationOptions`. The command line, the window, the smoke
test and the speed measured at a model's import all call it, so none of them drops a setting.
It imports nothing heavy (no CTranslate2, no readers), so the Models dialog and ``talkhis
models`` can use it without loading the pipeline.
"""

from __future__ import annotations

from talkhis.core.settings import Settings
from talkhis.core.translation.batching import TranslationOptions
from talkhis.core.translation.engine import EngineSettings


def translation_settings(settings: Settings, *, threads: int | None = None,
                         beam_size: int | None = None) -> tuple[EngineSettings, TranslationOptions]:
    """The user's settings as engine and decoding options; ``threads``/``beam_size`` override them
    (the command line's --threads and --beam)."""
    engine = EngineSettings(compute_type=settings["compute_type"], threads=threads or settings["threads"])
    options = TranslationOptions(beam_size=beam_size or settings["beam_size"],
                                 decoder_memory_mb=settings["decoder_memory_mb"])
    return engine, options
