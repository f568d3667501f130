"""The core's steps for one article, and :func:`process`, which runs them all for the command line.

The steps: :func:`open_article` (read → segment), :func:`translate_article` (normalise →
translate, with the translation memory), :func:`gloss_article` (the lexicon),
:func:`summarize_article`; plus :func:`load_model` and :func:`translation_settings` (the user's
settings made into engine and decoding options; it lives in the light
:mod:`talkhis.core.translation.options` and is imported here as before). The order they run in, and what is kept
between them, is :class:`talkhis.core.job.ArticleJob`'s: :func:`process` runs a job
synchronously (the command line, the smoke test), the window runs the same job's steps on its
task runner. Both get the same :class:`~talkhis.core.article.Result`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import sys
import tempfile
import threading
import weakref
import zipfile
from dataclasses import replace
from pathlib import Path

from talkhis.core import paths
from talkhis.core.article import Article, Result, Summary, Translation
from talkhis.core.errors import ModelError
from talkhis.core.job import ArticleJob, JobEvents
from talkhis.core.entities import Entity, find_entities
from talkhis.core.glossary import lookup_table as glossary_table
from talkhis.core.lexicon import LexiconError, gloss_sentence
from talkhis.core.lexicon.names import NameMemory
from talkhis.core.memory import TranslationMemory
from talkhis.core.model_store import ModelStore, extract_archive
from talkhis.core.normalize import for_translation
from talkhis.core.readers import DEFAULT_MAX_BYTES, read_document
from talkhis.core.segment import segment
from talkhis.core.summarize import summarize
from talkhis.core.translation import TranslationModel, TranslationOptions, translate_sentences
from talkhis.core.translation.batching import ProgressCallback
from talkhis.core.translation import marian
from talkhis.core.translation.engine import EngineSettings
from talkhis.core.translation.layouts import describe, detect_layout, load_model_dir
from talkhis.core.translation.options import translation_settings  # noqa: F401 - its old home, still imported from here

log = logging.getLogger(__name__)


def open_article(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read and segment an article; raises :class:`InputError` with a one-line message."""
    return bounded(segment(read_document(path, max_bytes=max_bytes)))


MAX_SENTENCES = 5000  # what translating, glossing and summarising handle within a minute and 1 GB


def bounded(article: Article, limit: int | None = None) -> Article:
    """The first ``limit`` (default :data:`MAX_SENTENCES`) sentences, with a note saying the rest was left out."""
    limit = MAX_SENTENCES if limit is None else limit
    if len(article.sentences) <= limit:
        return article
    note = (f"only the first {limit:,} of {len(article.sentences):,} sentences are translated and "
            "summarised; split the file to summarise the rest")
    document = dataclasses.replace(article.document, notes=(*article.document.notes, note))
    return dataclasses.replace(article, document=document, sentences=article.sentences[:limit])


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
    store = store or ModelStore(settings=engine)
    if spec is None:
        name = store.default_name(preferred)
        return store.load(name) if name else None
    path = Path(spec).expanduser()
    if path.is_dir():
        return load_model_dir(path, engine, info=describe(path, detect_layout(path), path.name))
    if path.is_file():
        marian.refuse_bergamot(path)  # a Bergamot archive: say why, not just "not a model archive"
        if not zipfile.is_zipfile(path):
            raise ModelError(f"{path}: not a model archive or folder; give a .argosmodel file or a model folder")
        remove_abandoned_model_copies()
        holder = Path(tempfile.mkdtemp(prefix=f"{MODEL_COPY_PREFIX}{os.getpid()}-"))
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


MODEL_COPY_PREFIX = "talkhis-model-"  # + pid: an .argosmodel unpacked for one run


def remove_abandoned_model_copies() -> None:
    """Remove the unpacked models of runs that were killed (SIGKILL, a power cut) before their
    own clean-up; a copy whose process still runs is left alone."""
    for leftover in Path(tempfile.gettempdir()).glob(f"{MODEL_COPY_PREFIX}*"):
        try:
            if leftover.is_dir() and not leftover.is_symlink() and paths.owner_gone(leftover.name, MODEL_COPY_PREFIX):
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass


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
    wanted_first = set(options.translate_first)
    first = [t for t in todo if wanted_first.intersection(owners[t])]  # the bullets, then the rest
    if first:
        chosen = set(first)
        todo = first + [t for t in todo if t not in chosen]
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
        translate_sentences(model, todo, options=options, on_progress=collect, cancel=cancel, first_group=len(first))
    return [finished.get(s.id) for s in article.sentences]


def summarize_article(article: Article, algorithm: str = "news", bullets: int | None = None) -> Summary:
    return summarize(article, algorithm=algorithm, bullets=bullets)


def gloss_article(article: Article) -> list[str | None] | None:
    """A word-by-word English gloss per sentence from the lexicon; None for a non-Arabic article.

    Raises :class:`~talkhis.core.lexicon.LexiconError` when the lexicon is not installed.
    """
    if article.language != "ar":
        return None
    return [gloss.compact for gloss in _sentence_glosses(article)]


def entities_of(article: Article) -> list[Entity] | None:
    """The people, places and organisations of an Arabic article (None for another language, or
    without the lexicon: the gloss has said so already)."""
    if article.language != "ar":
        return None
    try:
        table = glossary_table()
        return find_entities(article, glossary=table, glosses=_sentence_glosses(article, table))
    except LexiconError:
        return None


# id(article) -> (the article, weakly; the glossary table used; its sentences' Gloss)
_GLOSSES: dict[int, tuple] = {}
_GLOSSES_LOCK = threading.Lock()


def _sentence_glosses(article: Article, table: dict | None = None) -> list:
    """Every sentence's word-by-word :class:`Gloss`, computed once per article object and glossary:
    the gloss lines and the entity list both read it (the window asks for them from two threads;
    at worst both compute it). A name met in one sentence is read the same way in the next ones.
    ``table``: the glossary to gloss with (the entity list passes the one it names entities by),
    else the stored one."""
    table = glossary_table() if table is None else table  # the same object until the file changes
    with _GLOSSES_LOCK:
        known = _GLOSSES.get(id(article))
    if known is not None and known[0]() is article and known[1] is table:
        return known[2]
    memory = NameMemory()
    glosses = [gloss_sentence(s.text, memory=memory, glossary=table) for s in article.sentences]
    with _GLOSSES_LOCK:
        if id(article) not in _GLOSSES:
            weakref.finalize(article, _GLOSSES.pop, id(article), None)
        _GLOSSES[id(article)] = (weakref.ref(article), table, glosses)
    return glosses


def process(
    path: str | os.PathLike,
    model: TranslationModel | None,
    *,
    algorithm: str = "news",
    bullets: int | None = None,
    options: TranslationOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    memory: TranslationMemory | None = None,
    gloss: bool | None = None,
    events: JobEvents | None = None,
) -> Result:
    """Everything for one article, synchronously: an :class:`ArticleJob` run from start to end.

    ``gloss``: add word-by-word glosses (:func:`gloss_article`); None means "when no model
    translated it" (:meth:`ArticleJob.wants_gloss`). ``on_progress(done, total, new)`` is called
    after each translated batch; ``events`` hears everything else.
    """
    events = replace(events) if events is not None else JobEvents()  # wrapped below: the caller's stays as it was
    options = options or TranslationOptions()  # the job puts the bullets first in the options
    if on_progress is not None:
        _report_progress(events, on_progress)
    # The steps are this module's functions, looked up when called (tests replace one).
    job = ArticleJob(path, steps=sys.modules[__name__], algorithm=algorithm, bullets=bullets,
                     max_bytes=max_bytes, gloss=gloss, events=events)
    return job.run(model, options=options, memory=memory, cancel=cancel)


def _report_progress(events: JobEvents, on_progress: ProgressCallback) -> None:
    """Make ``events`` also call ``on_progress(done, total, new)`` (the command line's progress bar)."""
    translated, progress = events.translated, events.progress
    latest: dict[int, Translation] = {}

    def on_translated(new: dict[int, Translation]) -> None:
        latest.update(new)
        if translated is not None:
            translated(new)

    def on_progress_made(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)
        on_progress(done, total, dict(latest))
        latest.clear()

    events.translated, events.progress = on_translated, on_progress_made
