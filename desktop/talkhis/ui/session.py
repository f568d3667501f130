"""One opened article in the window: a thin adapter from :class:`~talkhis.core.job.ArticleJob` to Qt.

The window makes an :class:`ArticleSession` per file it opens. The session runs the job's steps
on the :class:`~talkhis.ui.tasks.TaskRunner` (reading and summarising in the general pool,
translating in the translation pool) and turns the job's callbacks into signals, each carrying
the session first, so the window can tell a current article's news from a closed one's.
Opening another file closes the session: its tasks are cancelled and nothing it hears
afterwards is passed on. What to do and in what order (when to gloss, how a Result is made,
what is warned about) is the job's, not the session's.

:class:`Translator` is what every session translates with: the chosen model, loaded once in the
translation thread and reused for the next article, the decoding options and the translation
memory.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from talkhis.core.article import Article, ModelInfo, Result, Summary, Translation
from talkhis.core.job import ArticleJob, JobEvents
from talkhis.core.settings import Settings
from talkhis.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


def import_core():
    """THE window's lazy-import boundary: :mod:`talkhis.core.pipeline`, imported on first use.

    The pipeline brings every reader, CTranslate2's wrapper, numpy and sumy with it. It is
    imported here, in a worker thread, when the first article is read or the first model
    loaded, never while the window starts: that keeps the window's first paint as quick as a
    bare Qt window's (tests/test_gui.py checks that ctranslate2, sumy and numpy are not
    imported before it). Everything else in the window's modules is imported at the top.
    """
    from talkhis.core import pipeline

    return pipeline


class Translator:
    """The model, options, memory and pipeline steps the window translates with (thread-safe, lazy).

    ``steps`` is what the jobs call (see :class:`ArticleJob`): :mod:`talkhis.core.pipeline`
    by default, imported at :func:`import_core` on first use; tests give a stand-in. The engine
    and decoding options come from ``settings`` through the pipeline's
    ``translation_settings``, the same function the command line and the smoke test use.
    """

    def __init__(self, settings: Settings, *, steps=None, spec: str | None = None):
        self.settings = settings
        self.spec = spec
        self.preferred = settings["default_model"]
        self.use_memory = settings["use_cache"]
        self._steps = steps
        self._lock = threading.Lock()  # held briefly: never while a model loads
        self._load_lock = threading.Lock()  # one load at a time (worker threads only)
        self._generation = 0  # bumped by forget_model: a load begun before it is not kept
        self._engine = self._options = None
        self._model = None
        self._loaded = False
        self._memory = None
        self._memory_warned = False

    @property
    def steps(self):
        if self._steps is None:
            self._steps = import_core()
        return self._steps

    def _setup(self) -> None:
        if self._options is None:
            self._engine, self._options = import_core().translation_settings(self.settings)

    @property
    def engine(self):
        self._setup()
        return self._engine

    @property
    def options(self):
        self._setup()
        return self._options

    def model(self):
        """The loaded model or None when none is installed; raises ModelError. Worker thread.

        Loading (seconds for NLLB) happens outside ``_lock``, so the UI thread's
        :meth:`forget_model` never waits for it; a load that a forget overtook is loaded again."""
        with self._load_lock:
            while True:
                with self._lock:
                    if self._loaded:
                        return self._model
                    generation, preferred = self._generation, self.preferred
                model = self.steps.load_model(self.spec, preferred=preferred, engine=self.engine)
                with self._lock:
                    if generation == self._generation:
                        self._model, self._loaded = model, True
                        return model

    def memory(self):
        if not self.use_memory:
            return None
        with self._lock:
            if self._memory is None:
                self._memory = import_core().TranslationMemory()
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
        memory = import_core().TranslationMemory()  # the cache is off, but may hold old ones
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

    def forget_model(self, *, preferred: str | None = None) -> None:
        """Models were imported, removed or the default changed: load again on the next use."""
        with self._lock:
            self._model, self._loaded = None, False
            self._generation += 1
            if preferred is not None:
                self.preferred = preferred


class _Relay(QObject):
    """Carries the job's callbacks from a worker thread to the UI thread (queued signals)."""

    translation_started = Signal(object, int)
    translated = Signal(object)
    progress = Signal(int, int)
    summarized = Signal(object)
    warning = Signal(str)


class ArticleSession(QObject):
    """Run one article's :class:`ArticleJob` on the task runner; re-emit its news (UI thread only).

    Every signal carries the session first, so the window connects its own methods directly
    and checks once whether the session is still the current one.
    """

    opened = Signal(object, object)  # session, Article
    open_failed = Signal(object, str)  # session, one line
    reading = Signal(object, int, int, str)  # session, pages done, pages in all, what (a slow read: OCR)
    translation_started = Signal(object, object, int)  # session, ModelInfo, number of sentences
    translated = Signal(object, object)  # session, dict[int, Translation]: new in this batch
    progress = Signal(object, int, int)  # session, sentences done, total
    translation_finished = Signal(object, bool)  # session, True when cancelled (partial results kept)
    translation_failed = Signal(object, str)  # session, one line
    no_model = Signal(object)  # session
    summarized = Signal(object, object)  # session, Summary
    summary_failed = Signal(object, str)  # session, one line
    glossed = Signal(object, object)  # session, list[str | None]
    # session, list[Entity] (people, places, organisations) or None: no list for this article
    # (not Arabic, or no lexicon). Heard again after the glossary changes (refresh_names).
    entities_found = Signal(object, object)
    names_failed = Signal(object, str)  # session, one line: the latest names search failed
    warned = Signal(object, str)  # session, one line (a job warning, e.g. no lexicon for glosses)
    settled = Signal(object)  # session: nothing is running for this article any more

    def __init__(self, path: Path, runner: TaskRunner, translator: Translator, *,
                 algorithm: str, bullets: int | None, max_bytes: int | None = None):
        super().__init__()
        self.path = Path(path)
        self.runner = runner
        self.translator = translator
        self.algorithm = algorithm
        self.bullets = bullets
        self.max_bytes = max_bytes
        self.job: ArticleJob | None = None  # made by the read task, once the file is read
        self.closed = False
        self._tasks: set[Task] = set()
        self._translation: Task | None = None
        # Names and glosses may be asked for again (the glossary changed) while an older search
        # still runs: each request takes a number, and only the latest one's result is kept here
        # (the job's own copy is whichever finished last, so the session keeps its own).
        self._names_request = self._gloss_request = 0
        self._glossing = False  # a gloss is under way (the latest request)
        self._entities: list | None = None
        self._glosses: list[str | None] | None = None
        relay = self._relay = _Relay()
        relay.translation_started.connect(self._relay_translation_started)
        relay.translated.connect(self._relay_translated)
        relay.progress.connect(self._relay_progress)
        relay.summarized.connect(self._relay_summarized)
        relay.warning.connect(self._relay_warning)
        self._events = JobEvents(
            translation_started=relay.translation_started.emit,
            translated=relay.translated.emit,
            progress=relay.progress.emit,
            summarized=relay.summarized.emit,
            warning=relay.warning.emit,
        )

    # -- what is known (the job's) ---------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self.job.article if self.job is not None else None

    @property
    def translations(self) -> list[Translation | None]:
        return self.job.translations if self.job is not None else []

    @property
    def summary(self) -> Summary | None:
        return self.job.summary if self.job is not None else None

    @property
    def glosses(self) -> list[str | None] | None:
        return self._glosses  # the latest request's, not a slower older one's

    @property
    def entities(self) -> list | None:
        return self._entities  # the latest request's: the names the panel shows

    @property
    def model_info(self) -> ModelInfo | None:
        return self.job.model_info if self.job is not None else None

    @property
    def cancelled(self) -> bool:
        return self.job is not None and self.job.cancelled

    @property
    def translating(self) -> bool:
        return self._translation is not None

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def result(self) -> Result | None:
        """What is known now, as the same Result object the command line prints."""
        if self.job is None:
            return None
        return dataclasses.replace(self.job.result(), glosses=list(self._glosses) if self._glosses is not None else None,
                                   entities=list(self._entities) if self._entities is not None else None)

    # -- running the job's steps -----------------------------------------------------------
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
                self.settled.emit(self)

    def start(self) -> None:
        """Read the file (then summarise and translate it)."""
        translator = self.translator

        def read(task: Task) -> ArticleJob:
            job = ArticleJob(self.path, steps=translator.steps, algorithm=self.algorithm, bullets=self.bullets,
                             max_bytes=self.max_bytes, events=self._events)
            job.open(cancel=task.cancel, progress=task.report_progress)  # Cancel, or opening another
            return job  # file, stops a long read: its Cancelled is heard by nobody, the session being closed

        task = Task(read, "reading the article")
        task.signals.progress.connect(self._read_progress)
        self._start(task, self._opened, lambda message: self.open_failed.emit(self, message))

    def _read_progress(self, done: int, total: int, what: str) -> None:
        if not self.closed:
            self.reading.emit(self, done, total, what)

    def _opened(self, job: ArticleJob) -> None:
        self.job = job
        self.opened.emit(self, job.article)
        self.summarize(self.algorithm, self.bullets)
        self._find_entities()
        self.translate()

    def translate(self) -> None:
        """Translate what is not translated yet: after a cancel, it continues where it stopped."""
        job, translator = self.job, self.translator
        if job is None or self._translation is not None or self.closed:
            return

        def work(task: Task) -> bool:
            return job.translate(load=translator.model, options=translator.options, memory=translator.memory(),
                                 cancel=task.cancel)

        task = self._translation = Task(work, "translation")
        self._start(task, self._translated, self._translation_failed, translation=True)

    def _translated(self, _complete: bool) -> None:
        self._translation = None
        if self.job.article.language != "ar":  # nothing to translate (the job's note says so):
            self.translation_finished.emit(self, False)  # the English pane shows the article itself
            return
        if self.job.model_info is None:
            self.no_model.emit(self)
        else:
            self.translation_finished.emit(self, self.job.cancelled)
        self._gloss_if_wanted()

    def _translation_failed(self, message: str) -> None:
        self._translation = None
        self.translation_failed.emit(self, message)
        self._gloss_if_wanted()

    def cancel(self) -> None:
        """Stop translating within one batch; what is translated stays."""
        if self._translation is not None:
            self._translation.cancel.set()

    def summarize(self, algorithm: str, bullets: int | None) -> None:
        """Choose the bullets again (no translation involved); the latest request wins (the job's rule)."""
        self.algorithm, self.bullets = algorithm, bullets
        job = self.job
        if job is None or self.closed:
            return
        self._start(Task(lambda _task: job.summarize(algorithm, bullets), "the summary"),
                    lambda _summary: None, lambda message: self.summary_failed.emit(self, message))

    def _find_entities(self) -> None:
        job = self.job
        self._names_request += 1
        request = self._names_request
        self._start(Task(lambda _task: job.find_entities(), "finding names"),
                    lambda entities: self._names_found(request, entities),
                    lambda message: self._names_failed(request, message))

    def _names_found(self, request: int, entities: list | None) -> None:
        if request == self._names_request:  # else a later search (newer glossary) is under way or done
            self._entities = list(entities) if entities is not None else None
            self.entities_found.emit(self, entities)

    def _names_failed(self, request: int, message: str) -> None:
        if request == self._names_request:
            self.names_failed.emit(self, message)
        self.warned.emit(self, message)

    def _glossed(self, request: int, glosses: list | None) -> None:
        if request != self._gloss_request:
            return  # an older gloss (the glossary changed since it began): the latest one is kept
        self._glossing = False
        if glosses is not None:
            self._glosses = list(glosses)
            self.glossed.emit(self, list(glosses))

    def _gloss_failed(self, request: int, message: str) -> None:
        if request == self._gloss_request:
            self._glossing = False
        self.warned.emit(self, message)

    def refresh_names(self) -> None:
        """The user's glossary changed: find the names again and, where the English is the gloss,
        gloss again (the pipeline's glosses are kept per glossary, so both read the new one).
        Whatever an earlier search or gloss still running finds is dropped: the latest request wins."""
        job = self.job
        if job is None or self.closed:
            return
        # Gloss only what is glossed already, or would be now: never under a translation in progress.
        regloss = (self._glosses is not None or self._glossing
                   or (self._translation is None and job.wants_gloss()))
        self._names_request += 1
        names_request = self._names_request
        if regloss:
            self._gloss_request += 1
            self._glossing = True
        gloss_request = self._gloss_request

        def work(task: Task) -> tuple:
            entities = job.find_entities()
            if not regloss or task.cancel.is_set():  # closing: do not start the slower step
                return entities, None
            return entities, job.gloss()

        def found(value: tuple) -> None:
            entities, glosses = value
            self._names_found(names_request, entities)
            if regloss:
                self._glossed(gloss_request, glosses)

        def failed(message: str) -> None:
            if regloss and gloss_request == self._gloss_request:
                self._glossing = False
            self._names_failed(names_request, message)

        self._start(Task(work, "finding names again"), found, failed)

    def _gloss_if_wanted(self) -> None:
        job = self.job
        if (job is None or self.closed or self._glosses is not None or self._glossing
                or not job.wants_gloss()):
            return
        self._gloss_request += 1
        request = self._gloss_request
        self._glossing = True
        self._start(Task(lambda _task: job.gloss(), "glossing"), lambda glosses: self._glossed(request, glosses),
                    lambda message: self._gloss_failed(request, message))

    # -- the job's callbacks, now in the UI thread -----------------------------------------
    def _relay_translation_started(self, info: ModelInfo, total: int) -> None:
        if not self.closed:
            self.translation_started.emit(self, info, total)

    def _relay_translated(self, new: dict) -> None:
        if not self.closed:
            self.translated.emit(self, new)

    def _relay_progress(self, done: int, total: int) -> None:
        if not self.closed:
            self.progress.emit(self, done, total)

    def _relay_summarized(self, summary: Summary) -> None:
        if not self.closed:
            self.summarized.emit(self, summary)

    def _relay_warning(self, message: str) -> None:
        if not self.closed:
            self.warned.emit(self, message)

    def close(self) -> None:
        """Cancel every job of this article; nothing it hears afterwards is passed on."""
        self.closed = True
        for task in self._tasks:
            task.cancel.set()
