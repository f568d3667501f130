"""One opened article: the jobs that run for it and what they have produced so far.

The window makes an :class:`ArticleSession` per file it opens. The session calls the same
pipeline steps as the command line (``open_article``, ``translate_article``,
``summarize_article``, ``gloss_article``) through the :class:`~talkhis.ui.tasks.TaskRunner`, keeps
the partial :class:`~talkhis.core.article.Result`, and re-emits what changed as signals the
window turns into pane updates. Opening another file closes the session: its jobs are cancelled
and nothing it hears afterwards reaches the window (stale signals die here).

:class:`Translator` is what every session translates with: the chosen model, loaded once in the
translation thread and reused for the next article, the decoding options and the translation
memory.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from talkhis.core.article import Article, ModelInfo, Result, Summary, Translation
from talkhis.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


class CorePipeline:
    """:mod:`talkhis.core.pipeline`, imported on first use.

    The pipeline brings every reader, the translation engine's wrapper and SQLite with it;
    importing it only when the first article is opened (in a worker thread) keeps the window's
    start as quick as a bare Qt window's.
    """

    def __getattr__(self, name: str):
        from talkhis.core import pipeline

        return getattr(pipeline, name)


class Translator:
    """The model, options and memory the window translates with (thread-safe, loads lazily).

    ``engine`` and ``options`` are the core's ``EngineSettings`` and ``TranslationOptions``, or
    dicts of their fields (made into those on first use, so the window need not import the
    translation package to start).
    """

    def __init__(self, pipeline, *, spec: str | None = None, preferred: str | None = None,
                 engine=None, options=None, use_memory: bool = True):
        self.pipeline = pipeline
        self.spec = spec
        self.preferred = preferred
        self._engine = engine
        self._options = options
        self.use_memory = use_memory
        self._lock = threading.Lock()
        self._model = None
        self._loaded = False
        self._memory = None
        self._memory_warned = False

    @property
    def engine(self):
        if isinstance(self._engine, dict):
            from talkhis.core.translation.engine import EngineSettings

            self._engine = EngineSettings(**self._engine)
        return self._engine

    @property
    def options(self):
        if isinstance(self._options, dict):
            from talkhis.core.translation import TranslationOptions

            self._options = TranslationOptions(**self._options)
        return self._options

    def model(self):
        """The loaded model or None when none is installed; raises ModelError. Worker thread."""
        with self._lock:
            if not self._loaded:
                self._model = self.pipeline.load_model(self.spec, preferred=self.preferred, engine=self.engine)
                self._loaded = True
            return self._model

    def memory(self):
        if not self.use_memory:
            return None
        with self._lock:
            if self._memory is None:
                from talkhis.core.memory import TranslationMemory

                self._memory = TranslationMemory()
            return self._memory

    def memory_warning(self) -> str | None:
        """The memory's warning (it was damaged and rebuilt), the first time it is asked for."""
        memory = self._memory
        if memory is None or not memory.warning or self._memory_warned:
            return None
        self._memory_warned = True
        return memory.warning

    def clear_memory(self) -> int:
        """Forget every remembered translation; how many there were. Worker thread."""
        memory = self.memory()
        if memory is not None:
            return memory.clear()
        from talkhis.core.memory import TranslationMemory  # the cache is off, but may hold old ones

        memory = TranslationMemory()
        try:
            return memory.clear()
        finally:
            memory.close()

    def close(self) -> None:
        """Close the translation memory (the window is closing; no job runs any more)."""
        with self._lock:
            if self._memory is not None:
                self._memory.close()
                self._memory = None

    @property
    def info(self) -> ModelInfo | None:
        """The loaded model's description (None before it is loaded or when there is none)."""
        model = self._model
        return model.info if model is not None else None

    def forget_model(self, *, preferred: str | None = None) -> None:
        """Models were imported, removed or the default changed: load again on the next use."""
        with self._lock:
            self._model, self._loaded = None, False
            if preferred is not None:
                self.preferred = preferred


class ArticleSession(QObject):
    """Open, translate, summarise and gloss one article; emits what changes (UI thread only)."""

    opened = Signal(object)  # Article
    open_failed = Signal(str)
    translation_started = Signal(object, int)  # ModelInfo, number of sentences
    translated = Signal(object)  # dict[int, Translation]: the sentences new in this batch
    progress = Signal(int, int)  # sentences done, total
    translation_finished = Signal(bool)  # True when cancelled (partial results kept)
    translation_failed = Signal(str)
    no_model = Signal()
    summarized = Signal(object)  # Summary
    summary_failed = Signal(str)
    glossed = Signal(object)  # list[str | None]
    gloss_failed = Signal(str)
    settled = Signal()  # nothing is running for this article any more

    def __init__(self, path: Path, runner: TaskRunner, translator: Translator, *,
                 algorithm: str, bullets: int | None, max_bytes: int | None = None):
        super().__init__()
        self.path = Path(path)
        self.runner = runner
        self.translator = translator
        self.pipeline = translator.pipeline
        self.algorithm = algorithm
        self.bullets = bullets
        self.max_bytes = max_bytes
        self.article: Article | None = None
        self.translations: list[Translation | None] = []
        self.summary: Summary | None = None
        self.glosses: list[str | None] | None = None
        self.model_info: ModelInfo | None = None
        self.cancelled = False
        self.closed = False
        self._tasks: set[Task] = set()
        self._translation: Task | None = None
        self._summary_request = 0

    # -- state -----------------------------------------------------------------------------
    @property
    def translating(self) -> bool:
        return self._translation is not None

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def result(self) -> Result | None:
        """What is known now, as the same Result object the command line prints."""
        if self.article is None:
            return None
        warnings = []
        if self.cancelled:
            warnings.append("translation cancelled; the remaining sentences are untranslated")
        return Result(
            article=self.article,
            translations=list(self.translations),
            summary=self.summary,
            model=self.model_info,
            warnings=warnings,
            glosses=list(self.glosses) if self.glosses is not None else None,
        )

    # -- jobs ------------------------------------------------------------------------------
    def _start(self, task: Task, on_finished, on_failed, *, translation: bool = False) -> Task:
        self._tasks.add(task)
        task.signals.finished.connect(lambda value, task=task: self._done(task, on_finished, value))
        task.signals.failed.connect(lambda message, task=task: self._done(task, on_failed, message))
        self.runner.start(task, translation=translation)
        return task

    def _done(self, task: Task, handler, value) -> None:
        self._tasks.discard(task)
        if self.closed:
            return
        try:
            handler(value)
        finally:
            if not self._tasks and not self.closed:
                self.settled.emit()

    def start(self) -> None:
        path, max_bytes = self.path, self.max_bytes

        def read(task: Task) -> Article:
            from talkhis.core.readers.limits import reading_limits

            # Cancel, or opening another file, stops a long read (PDF pages, e-mail parts):
            # the reader raises Cancelled, which nobody hears because the session is closed.
            with reading_limits(cancel=task.cancel):
                if max_bytes is None:
                    return self.pipeline.open_article(path)
                return self.pipeline.open_article(path, max_bytes=max_bytes)

        self._start(Task(read, "reading the article"), self._opened,
                    self.open_failed.emit)

    def _opened(self, article: Article) -> None:
        self.article = article
        self.translations = [None] * len(article.sentences)
        self.opened.emit(article)
        self.summarize(self.algorithm, self.bullets)
        self.translate()

    def translate(self) -> None:
        """(Re)start translating what is not translated yet (the memory makes the rest instant)."""
        if self.article is None or self._translation is not None or self.closed:
            return
        article, translator = self.article, self.translator
        self.cancelled = False

        def work(task: Task):
            model = translator.model()
            if model is None:
                return None
            task.report_progress(0, len(article.sentences), model.info.name)

            def on_progress(done: int, total: int, new: dict) -> None:
                task.report_partial(dict(new))
                task.report_progress(done, total)

            translations = self.pipeline.translate_article(
                article, model, options=translator.options, on_progress=on_progress,
                cancel=task.cancel, memory=translator.memory(),
            )
            return model.info, translations

        task = Task(work, "translation")
        task.signals.partial.connect(lambda new, task=task: self._partial(task, new))
        task.signals.progress.connect(lambda done, total, what, task=task: self._progress(task, done, total, what))
        self._translation = task
        self._start(task, self._translated, self._translation_failed, translation=True)

    def _partial(self, task: Task, new: dict) -> None:
        if self.closed or task is not self._translation:
            return
        for index, translation in new.items():
            if 0 <= index < len(self.translations) and translation is not None:
                self.translations[index] = translation
        self.translated.emit(new)

    def _progress(self, task: Task, done: int, total: int, what: str) -> None:
        if self.closed or task is not self._translation:
            return
        if what:  # the worker has loaded the model and names it
            info = self.translator.info or ModelInfo(name=what, layout="", path="")
            self.model_info = info
            self.translation_started.emit(info, total)
        self.progress.emit(done, total)

    def _translated(self, outcome) -> None:
        task, self._translation = self._translation, None
        if outcome is None:
            self.no_model.emit()
            self._gloss()
            return
        info, translations = outcome
        self.model_info = info
        self.translations = [t if t is not None else old for t, old in zip(translations, self.translations)]
        self.cancelled = bool(task is not None and task.cancelled)
        self.translation_finished.emit(self.cancelled)

    def _translation_failed(self, message: str) -> None:
        self._translation = None
        self.translation_failed.emit(message)
        self._gloss()

    def cancel(self) -> None:
        """Stop translating within one batch; what is translated stays."""
        if self._translation is not None:
            self._translation.cancel.set()

    def summarize(self, algorithm: str, bullets: int | None) -> None:
        """Choose the bullets again (no translation involved); the latest request wins."""
        self.algorithm, self.bullets = algorithm, bullets
        if self.article is None or self.closed:
            return
        self._summary_request += 1
        request, article = self._summary_request, self.article

        def work(_task: Task) -> Summary:
            return self.pipeline.summarize_article(article, algorithm, bullets)

        def finished(summary: Summary) -> None:
            if request == self._summary_request:
                self.summary = summary
                self.summarized.emit(summary)

        def failed(message: str) -> None:
            if request == self._summary_request:
                self.summary_failed.emit(message)

        self._start(Task(work, "the summary"), finished, failed)

    def _gloss(self) -> None:
        """Without translations, word-by-word glosses still give English for every sentence."""
        if self.article is None or self.glosses is not None or self.closed:
            return
        article = self.article
        self._start(Task(lambda _task: self.pipeline.gloss_article(article), "glossing"),
                    self._glossed, self.gloss_failed.emit)

    def _glossed(self, glosses) -> None:
        if glosses is not None:
            self.glosses = glosses
            self.glossed.emit(glosses)

    def close(self) -> None:
        """Cancel every job of this article; nothing it hears afterwards is passed on."""
        self.closed = True
        for task in self._tasks:
            task.cancel.set()
