"""Translation: CTranslate2 engine, the three model layouts users bring, batching and splitting.

- :mod:`.engine` drives ``ctranslate2.Translator`` on token lists (no tokeniser knowledge).
- :mod:`.layouts` recognises Argos / OPUS-MT / NLLB model folders and knows how each is
  tokenised and decoded.
- :mod:`.batching` turns sentences into token batches, splits over-long sentences at clause
  boundaries, streams results per batch and honours cancellation.
"""

from talkhis.core.translation.batching import TranslationOptions, translate_sentences
from talkhis.core.translation.layouts import TranslationModel, detect_layout, load_model_dir

__all__ = [
    "TranslationModel",
    "TranslationOptions",
    "detect_layout",
    "load_model_dir",
    "translate_sentences",
]
