"""The one pipeline both front ends call: read → segment → normalise → translate → summarise.

The command line calls :func:`process`; the window calls the same steps one by one
(:func:`open_article`, :func:`translate_article`, :func:`summarize_article`) so it can show the
source at once, stream translations in, and re-summarise without translating again. Both get
the same :class:`~talkhis.core.article.Result`.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
import zipfile
from pathlib import Path

from talkhis.core.article import Article, Result, Summary, Translation
from talkhis.core.errors import ModelError
from talkhis.core.memory import TranslationMemory
from talkhis.core.normalize import for_translation
from talkhis.core.readers import DEFAULT_MAX_BYTES, read_document
from talkhis.core.translation import TranslationModel, TranslationOptions, translate_sentences
from talkhis.core.translation.batching import ProgressCallback
from talkhis.core.translation.engine import EngineSettings

log = logging.getLogger(__name__)


def open_article(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read and segment an article; raises :class:`InputError` with a one-line message."""
    from talkhis.core.segment import segment

    return segment(read_document(path, max_bytes=max_bytes))


def load_model(
    spec: str | None,
    *,
    store=None,
    preferred: str | None = None,
    engine: EngineSettings | None = None,
) -> TranslationModel | None:
    """The model named by ``spec`` (an installed name or a path to any of the three forms).

    With no ``spec``: the ``preferred`` installed model, else the first installed, else None.
    """
    from talkhis.core.model_store import ModelStore, extract_archive
    from talkhis.core.translation.layouts import describe, detect_layout, load_model_dir

    store = store or ModelStore(settings=engine)
    if spec is None:
        name = store.default_name(preferred)
        return store.load(name) if name else None
    path = Path(spec).expanduser()
    if path.is_dir():
        return load_model_dir(path, engine, info=describe(path, detect_layout(path), path.name))
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise ModelError(f"{path}: not a model archive or folder; give a .argosmodel file or a model folder")
        holder = Path(tempfile.mkdtemp(prefix="talkhis-model-"))
        try:
            folder = extract_archive(path, holder)
            model = load_model_dir(folder, engine, info=describe(folder, detect_layout(folder), path.stem))
        except BaseException:
            shutil.rmtree(holder, ignore_errors=True)
            raise
        weakref.finalize(model, shutil.rmtree, holder, True)  # removed when the model is dropped
        return model
    if os.sep in spec or spec.endswith((".argosmodel", ".zip")):
        raise ModelError(f"{spec}: no such model file or folder; check the path")
    return store.load(spec)


def translate_article(
    article: Article,
    model: TranslationModel,
    *,
    options: TranslationOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    memory: TranslationMemory | None = None,
) -> list[Translation | None]:
    """Translations aligned with ``article.sentences``; None where cancelled before reaching it.

    Identical sentences are translated once; with a ``memory``, sentences translated before
    (same model, same options) come from it and only new ones reach the model.
    """
    options = options or TranslationOptions()
    texts = [for_translation(s.text) for s in article.sentences]
    total = len(texts)
    known: dict[str, Translation] = {}
    model_key, options_key = model.fingerprint(), options.key(model.engine.settings)
    if memory is not None:
        known = memory.get_many(model_key, options_key, texts)
    todo = list(dict.fromkeys(t for t in texts if t not in known))  # unique, in document order
    owners: dict[str, list[int]] = {}
    for sentence, text in zip(article.sentences, texts):
        owners.setdefault(text, []).append(sentence.id)
    finished = {i: known[t] for t, ids in owners.items() if t in known for i in ids}
    if finished and on_progress:
        on_progress(len(finished), total, dict(finished))

    def collect(_done: int, _total: int, new: dict[int, Translation]) -> None:
        fresh = {todo[k]: t for k, t in new.items()}
        if memory is not None:
            memory.put_many(model_key, options_key, fresh)
        spread = {i: t for text, t in fresh.items() for i in owners[text]}
        finished.update(spread)
        if on_progress:
            on_progress(len(finished), total, spread)

    if todo:
        translate_sentences(model, todo, options=options, on_progress=collect, cancel=cancel)
    return [finished.get(s.id) for s in article.sentences]


def summarize_article(article: Article, algorithm: str = "lexrank", bullets: int | None = None) -> Summary:
    from talkhis.core.summarize import summarize

    return summarize(article, algorithm=algorithm, bullets=bullets)


def gloss_article(article: Article) -> list[str | None] | None:
    """A word-by-word English gloss per sentence from the lexicon; None for a non-Arabic article.

    Raises :class:`~talkhis.core.lexicon.LexiconError` when the lexicon is not installed.
    """
    from talkhis.core.lexicon import gloss_text
    from talkhis.core.lexicon.names import NameMemory

    if article.language != "ar":
        return None
    memory = NameMemory()  # a name met in one sentence is read the same way in the next ones
    return [gloss_text(s.text, memory=memory) for s in article.sentences]


def process(
    path: str | os.PathLike,
    model: TranslationModel | None,
    *,
    algorithm: str = "lexrank",
    bullets: int | None = None,
    options: TranslationOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    memory: TranslationMemory | None = None,
    gloss: bool | None = None,
) -> Result:
    """Everything for one article; the CLI prints this, the window shows it.

    ``gloss``: add word-by-word glosses (:func:`gloss_article`); None means "when there is no
    model", so an analyst without one still gets English for every sentence.
    """
    timings: dict[str, float] = {}
    start = time.perf_counter()
    article = open_article(path, max_bytes=max_bytes)
    timings["read"] = time.perf_counter() - start
    warnings: list[str] = []
    translations: list[Translation | None] = [None] * len(article.sentences)
    if model is not None:
        start = time.perf_counter()
        translations = translate_article(
            article, model, options=options, on_progress=on_progress, cancel=cancel, memory=memory
        )
        timings["translate"] = time.perf_counter() - start
        if cancel is not None and cancel.is_set():
            warnings.append("translation cancelled; the remaining sentences are untranslated")
    glosses = None
    if gloss or (gloss is None and model is None):
        from talkhis.core.lexicon import LexiconError

        start = time.perf_counter()
        try:
            glosses = gloss_article(article)
        except LexiconError as exc:
            warnings.append(f"no word-by-word glosses: {exc}")
        timings["gloss"] = time.perf_counter() - start
    entities = None
    if article.language == "ar":
        from talkhis.core.entities import find_entities
        from talkhis.core.lexicon import LexiconError

        start = time.perf_counter()
        try:
            entities = find_entities(article)
        except LexiconError:
            pass  # already said once above when glossing; with a model the list is simply absent
        timings["entities"] = time.perf_counter() - start
    start = time.perf_counter()
    summary = summarize_article(article, algorithm, bullets)
    timings["summarize"] = time.perf_counter() - start
    return Result(
        article=article,
        translations=translations,
        summary=summary,
        model=model.info if model is not None else None,
        timings=timings,
        warnings=warnings,
        glosses=glosses,
        entities=entities,
    )
