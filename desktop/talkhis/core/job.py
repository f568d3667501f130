"""One article from file to :class:`~talkhis.core.article.Result`: the job both front ends run.

An :class:`ArticleJob` is what an analyst asks for when they open a file: read it, translate it
(streaming, batch by batch), add word-by-word glosses when there is no translation, and choose
the summary bullets. The steps are methods, each safe to call from a worker thread:

- :meth:`ArticleJob.open` reads and segments the file;
- :meth:`ArticleJob.translate` translates what is not translated yet (a second call after a
  cancel continues from there: the count does not restart at 0);
- :meth:`ArticleJob.gloss` glosses; :meth:`ArticleJob.wants_gloss` is THE rule for when;
- :meth:`ArticleJob.summarize` chooses the bullets (again, without translating again).

:meth:`ArticleJob.run` does them in order, synchronously: that is
:func:`talkhis.core.pipeline.process`, which the command line and the smoke test call. The window
(:class:`talkhis.ui.session.ArticleSession`) calls the same steps, each on its task runner, and
turns the job's :class:`JobEvents` into Qt signals. Either way :meth:`ArticleJob.result` is the
one place a ``Result`` is built.

The job does not import the readers, the translation engine or the summariser: it calls them
through ``steps`` (:mod:`talkhis.core.pipeline`, or a stand-in in tests), so the window can
create jobs without importing them before its first paint.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from talkhis.core.article import Article, ModelInfo, Result, Summary, Translation
from talkhis.core.errors import TalkhisError
from talkhis.core.readers.limits import reading_limits

log = logging.getLogger(__name__)

CANCELLED_WARNING = "translation cancelled; the remaining sentences are untranslated"
NO_GLOSS_WARNING = "no word-by-word glosses: {reason}"
ENGLISH_ARTICLE_NOTE = ("the article is in English (mostly Latin script): it is shown and summarised as it is, "
                        "not put through the Arabic→English model")
UNCHANGED = object()  # summarize(bullets=UNCHANGED): keep the job's number of bullets
# How long a translation that starts while the summary is being chosen waits for it, so that the
# bullets can be translated first (choosing takes well under a second for a long article).
SUMMARY_WAIT_SECONDS = 60.0


@dataclass
class JobEvents:
    """What a job reports, as plain callbacks (each optional; called in the thread running the step)."""

    opened: Callable[[Article], None] | None = None
    translation_started: Callable[[ModelInfo, int], None] | None = None  # the model, sentences in all
    translated: Callable[[dict[int, Translation]], None] | None = None  # the sentences new in this batch
    progress: Callable[[int, int], None] | None = None  # sentences translated so far, in all
    glossed: Callable[[list[str | None]], None] | None = None
    entities_found: Callable[[list], None] | None = None  # people, places, organisations (core.entities)
    summarized: Callable[[Summary], None] | None = None
    warning: Callable[[str], None] | None = None  # one line, also kept in result().warnings


class ArticleJob:
    """Open, translate, gloss and summarise one article; keeps what each step produced.

    ``steps`` provides ``open_article``, ``translate_article``, ``gloss_article`` and
    ``summarize_article`` (see :mod:`talkhis.core.pipeline`). ``gloss``: True adds glosses
    always, False never, None (the default) when no model translated the article.
    """

    def __init__(self, path: str | os.PathLike, *, steps: Any, algorithm: str = "news",
                 bullets: int | None = None, max_bytes: int | None = None, gloss: bool | None = None,
                 events: JobEvents | None = None):
        self.path = path
        self.steps = steps
        self.algorithm = algorithm
        self.bullets = bullets
        self.max_bytes = max_bytes
        self.gloss_wanted = gloss
        self.events = events or JobEvents()
        self.article: Article | None = None
        self.translations: list[Translation | None] = []
        self.summary: Summary | None = None
        self.glosses: list[str | None] | None = None
        self.entities: list | None = None
        self.model_info: ModelInfo | None = None
        self.translation_failed = False  # the model could not be loaded or failed mid-way
        self.cancelled = False  # the last translation was cancelled before the end
        self.timings: dict[str, float] = {}
        self._warnings: list[str] = []  # besides CANCELLED_WARNING, which follows self.cancelled
        self._lock = threading.Lock()
        self._summary_request = 0
        self._summary_running = 0  # summarize() calls in progress
        self._summary_done = threading.Condition(self._lock)

    # -- steps -----------------------------------------------------------------------------
    def open(self, cancel: threading.Event | None = None,
             progress: Callable[[int, int, str], None] | None = None) -> Article:
        """Read and segment the file; raises InputError (one line) when it cannot.

        Setting ``cancel`` stops a long read (PDF pages, e-mail parts) at the reader's next
        check: it raises Cancelled. ``progress(done, total, what)`` hears a slow read page by
        page (OCR).
        """
        start = time.perf_counter()
        changes = {"cancel": cancel, "progress": progress}
        with reading_limits(**{key: value for key, value in changes.items() if value is not None}):
            if self.max_bytes is None:
                article = self.steps.open_article(self.path)
            else:
                article = self.steps.open_article(self.path, max_bytes=self.max_bytes)
        self.timings["read"] = time.perf_counter() - start
        self.article = article
        self.translations = [None] * len(article.sentences)
        self._emit("opened", article)
        return article

    def translate(self, model=None, *, load: Callable[[], Any] | None = None, options=None, memory=None,
                  cancel: threading.Event | None = None) -> bool:
        """Translate the sentences not translated yet; True when none is left untranslated.

        ``model`` is the model, or None when none is installed (nothing is translated; see
        :meth:`wants_gloss`); or ``load()`` gives it here, so that a model which fails to load
        counts as a failed translation. A model other than the one that translated before
        starts again from the first sentence. Raises what loading or translating raises
        (ModelError), after noting the failure.
        """
        article = self._opened()
        if article.language != "ar":  # an Arabic→English model would only garble it
            self._warn(ENGLISH_ARTICLE_NOTE)
            return True
        if load is not None:
            try:
                model = load()
            except BaseException:
                self.translation_failed = True
                raise
        if model is None:
            if not any(t is not None for t in self.translations):
                self.model_info = None
            return False
        if self.model_info is not None and model.info != self.model_info:
            self.translations = [None] * len(article.sentences)  # no English from two models mixed
        self.model_info = model.info
        self.translation_failed = self.cancelled = False
        total = len(article.sentences)
        pending = tuple(s for s in article.sentences if self.translations[s.id] is None)
        done_before = total - len(pending)
        self._emit("translation_started", model.info, total)
        self._emit("progress", done_before, total)
        if not pending:
            return True
        start = time.perf_counter()

        def on_progress(done: int, _total: int, new: dict[int, Translation]) -> None:
            for index, translation in new.items():
                if translation is not None and 0 <= index < total:
                    self.translations[index] = translation
            self._emit("translated", dict(new))
            self._emit("progress", done_before + done, total)

        if options is not None:  # the bullets first (see _bullets)
            options = replace(options, translate_first=self._bullets(pending, cancel))
        part = article if not done_before else replace(article, sentences=pending)
        try:
            translations = self.steps.translate_article(part, model, options=options, on_progress=on_progress,
                                                        cancel=cancel, memory=memory)
        except BaseException:
            self.translation_failed = True
            raise
        finally:
            self.timings["translate"] = self.timings.get("translate", 0.0) + time.perf_counter() - start
        for sentence, translation in zip(pending, translations):
            if translation is not None:
                self.translations[sentence.id] = translation
        if cancel is not None and cancel.is_set():
            self.cancelled = True
            self._emit("warning", CANCELLED_WARNING)
        return all(t is not None for t in self.translations)

    def _wait_for_summary(self, cancel: threading.Event | None) -> None:
        """Wait (at most SUMMARY_WAIT_SECONDS) while a summary is being chosen and none is known;
        a Cancel ends the wait at once."""
        deadline = time.monotonic() + SUMMARY_WAIT_SECONDS
        with self._summary_done:
            while (self.summary is None and self._summary_running and time.monotonic() < deadline
                   and not (cancel is not None and cancel.is_set())):
                self._summary_done.wait(timeout=0.2)

    def _bullets(self, pending: tuple, cancel: threading.Event | None = None) -> tuple[int, ...]:
        """The ids of the pending sentences that are bullets: translated first, as their own group.

        The summary is chosen on the Arabic, so the English bullets are ready long before the
        whole article. A summary being chosen right now (the window chooses it in parallel) is
        waited for; with none, it is chosen here first. Always the same, so the window and the
        command line send the model the same batches and get the same English and scores
        (CTranslate2's int8 scores vary in the last digits with a batch's other sentences).
        """
        self._wait_for_summary(cancel)
        with self._lock:
            choose = self.summary is None and not self._summary_running
        if choose:  # none chosen nor being chosen: choose it now (the same one the window asks for)
            try:
                self.summarize()
            except Exception:  # noqa: BLE001 - a summariser bug must not stop the translation
                log.exception("choosing the summary before translating failed; translating in document order")
            # The window may have asked for the summary meanwhile: its request wins over ours, so
            # ours returned None; wait for that one rather than translate in document order.
            self._wait_for_summary(cancel)
        with self._lock:
            bullets = set(self.summary.ids) if self.summary is not None else set()
        return tuple(s.id for s in pending if s.id in bullets)

    def wants_gloss(self) -> bool:
        """THE rule: glosses when asked for; unasked, when no model translated the article (none is
        installed, or it failed), so an analyst without a model still gets English for every sentence."""
        if self.gloss_wanted is not None:
            return self.gloss_wanted
        return self.model_info is None or self.translation_failed

    def gloss(self) -> list[str | None] | None:
        """Word-by-word glosses (None for a non-Arabic article); a missing lexicon is a warning."""
        article = self._opened()
        start = time.perf_counter()
        try:
            glosses = self.steps.gloss_article(article)
        except TalkhisError as exc:  # the lexicon is not installed
            self._warn(NO_GLOSS_WARNING.format(reason=exc))
            return None
        finally:
            self.timings["gloss"] = time.perf_counter() - start
        if glosses is not None:
            self.glosses = list(glosses)
            self._emit("glossed", list(glosses))
        return glosses

    def find_entities(self) -> list | None:
        """The people, places and organisations named in the article (None when not Arabic)."""
        article = self._opened()
        start = time.perf_counter()
        entities = self.steps.entities_of(article)
        self.timings["entities"] = time.perf_counter() - start
        if entities is not None:
            self.entities = list(entities)
            self._emit("entities_found", list(entities))
        return entities

    def summarize(self, algorithm: str | None = None, bullets: int | None | object = UNCHANGED) -> Summary | None:
        """Choose the bullets (again, with another algorithm or count); no translation involved.

        Without arguments, the job's current ``algorithm`` and ``bullets`` (None = by length).

        Calls may overlap (the window runs them in a pool): the latest request wins, and an older
        one that finishes later returns None and changes nothing.
        """
        article = self._opened()
        with self._lock:
            if algorithm is not None:
                self.algorithm = algorithm
            if bullets is not UNCHANGED:
                self.bullets = bullets
            self._summary_request += 1
            self._summary_running += 1
            request, algorithm, bullets = self._summary_request, self.algorithm, self.bullets
        start = time.perf_counter()
        try:
            summary = self.steps.summarize_article(article, algorithm, bullets)
        finally:
            with self._lock:
                self._summary_running -= 1
                self._summary_done.notify_all()
        with self._lock:
            if request != self._summary_request:
                return None
            self.summary = summary
            self.timings["summarize"] = time.perf_counter() - start
        self._emit("summarized", summary)
        return summary

    def run(self, model, *, options=None, memory=None, cancel: threading.Event | None = None) -> Result:
        """Every step in order, in this thread: open, summarise (on the Arabic), translate (the
        bullets first), gloss (when :meth:`wants_gloss`)."""
        self.open()
        self.summarize()
        self.translate(model, options=options, memory=memory, cancel=cancel)
        if self.wants_gloss():
            self.gloss()
        self.find_entities()
        return self.result()

    # -- what is known ---------------------------------------------------------------------
    @property
    def warnings(self) -> list[str]:
        return ([CANCELLED_WARNING] if self.cancelled else []) + self._warnings

    def result(self) -> Result | None:
        """What is known now (None before the article is read): what the CLI prints, the window shows."""
        if self.article is None:
            return None
        return Result(
            article=self.article,
            translations=list(self.translations),
            summary=self.summary,
            model=self.model_info,
            timings=dict(self.timings),
            warnings=self.warnings,
            glosses=list(self.glosses) if self.glosses is not None else None,
            entities=list(self.entities) if self.entities is not None else None,
        )

    # -- helpers ---------------------------------------------------------------------------
    def _opened(self) -> Article:
        if self.article is None:
            raise RuntimeError("ArticleJob: open() the article first")
        return self.article

    def _warn(self, message: str) -> None:
        if message not in self._warnings:
            self._warnings.append(message)
        self._emit("warning", message)

    def _emit(self, name: str, *args) -> None:
        callback = getattr(self.events, name)
        if callback is not None:
            callback(*args)
