"""Stand-ins for the GUI tests: a pipeline whose translation is instant or waits for the test.

Reading, summarising and glossing are the real pipeline's; only ``load_model`` and
``translate_article`` are replaced (and ``open_article`` for files named in ``hold_open``), so
tests control how long reading and translation take without a real model. Workers still run on
the window's real thread pools.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from talkhis.core import pipeline
from talkhis.core.article import ModelInfo, Translation
from talkhis.core.errors import Cancelled
from talkhis.core.readers.limits import Budget

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def english(sentence_id: int) -> str:
    """The fake translation of sentence ``sentence_id``."""
    return f"English sentence {sentence_id}."


@dataclass
class FakeModel:
    info: ModelInfo = field(default_factory=lambda: ModelInfo(name="fake-model", layout="argos", path="/fake"))


class FakePipeline:
    """The real pipeline with an instant, predictable translation (``English sentence N.``).

    ``hold`` names files whose translation stops after the first half of the sentences and
    waits until the job is cancelled (or ``release`` is set). With ``late_batch``, a cancelled
    job still reports the rest ("LATE ..."), as a batch finishing just as another file is opened
    would: the window must not show it.

    ``hold_open`` names files whose reading goes on, page after page as a long PDF's would,
    checking the reader's budget each time, until the read is cancelled (``reading`` is set
    once it has started, ``read_cancelled`` when the reader gave up with Cancelled).

    The translation memory is used as the real pipeline uses it: looked up, then filled.
    """

    summarize_article = staticmethod(pipeline.summarize_article)
    gloss_article = staticmethod(pipeline.gloss_article)
    entities_of = staticmethod(pipeline.entities_of)

    def __init__(self, hold: tuple[str, ...] = (), late_batch: bool = False, hold_open: tuple[str, ...] = ()):
        self.hold = set(hold)
        self.hold_open = set(hold_open)
        self.late_batch = late_batch
        self.release = threading.Event()
        self.halfway = threading.Event()
        self.reading = threading.Event()
        self.read_cancelled = threading.Event()
        self.translated: list[str] = []  # file names, one per translate_article call
        self.cancels: dict[str, threading.Event] = {}

    def open_article(self, path, **kwargs):
        if Path(path).name in self.hold_open:
            budget = Budget(Path(path))  # the limits the window set for this read
            self.reading.set()
            try:
                while True:
                    budget.check("reading pages")
                    threading.Event().wait(0.01)  # one "page"
            except Cancelled:
                self.read_cancelled.set()
                raise
        return pipeline.open_article(path, **kwargs)

    def load_model(self, spec, **_kwargs):
        return FakeModel()

    def translate_article(self, article, model, *, options=None, on_progress=None, cancel=None, memory=None):
        name = Path(article.document.path).name
        self.translated.append(name)
        self.cancels[name] = cancel
        if memory is not None:
            texts = [s.text for s in article.sentences]
            memory.get_many("fake-model", "", texts)
            memory.put_many("fake-model", "", {t: Translation("remembered " + t) for t in texts})
        total = len(article.sentences)
        if name not in self.hold:
            done = {s.id: Translation(english(s.id)) for s in article.sentences}
            on_progress(total, total, done)
            return [done[s.id] for s in article.sentences]
        half = {s.id: Translation(english(s.id)) for s in article.sentences[: total // 2]}
        on_progress(len(half), total, half)
        self.halfway.set()
        while not (cancel.is_set() or self.release.is_set()):
            cancel.wait(0.05)  # the worker waits for the test, not the test for the worker
        rest = {s.id: Translation(english(s.id)) for s in article.sentences[total // 2:]}
        if cancel.is_set():
            if self.late_batch:
                on_progress(total, total, {i: Translation("LATE " + t.text) for i, t in rest.items()})
            return [half.get(s.id) for s in article.sentences]
        on_progress(total, total, rest)
        return [half.get(s.id) or rest[s.id] for s in article.sentences]


def save_screenshot(widget: QWidget, name: str) -> Path:
    """Save ``widget`` as test-artifacts/NAME.png (git-ignored) for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    QApplication.processEvents()  # finish pending layouts (the status bar's size grip...)
    image: QImage = widget.grab().toImage()
    assert image.save(str(path)), path
    return path


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (4.5 is the minimum for body text)."""
    def luminance(c):
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        channels = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# What the offscreen platform says on every window shown (raise: every tooltip-like popup); not
# problems of ours. Window tests put it in their ``pytestmark``.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                            r"This plugin does not support raise\(\)")
