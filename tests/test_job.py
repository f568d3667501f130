"""One orchestration for both front ends: the article job, run by the command line and by the window.

The first tests run one article through ``talkhis summarize --format json``, through
``process()`` and through the window (a real MainWindow, offscreen, on its real task runner)
and compare what the analyst gets: sentences, translations, bullets, glosses, warnings. The
others pin the job's own rules: a translation cancelled and started again continues where it
stopped, when glosses are added, and which of two overlapping summaries wins.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from talkhis.cli import main
from talkhis.core import export, pipeline
from talkhis.core.errors import ModelError
from talkhis.core.job import CANCELLED_WARNING, NO_GLOSS_WARNING, ArticleJob, JobEvents
from talkhis.core.lexicon import LexiconError
from talkhis.core.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
MODEL_NAME = "tiny-argos"
WAIT_MS = 60_000


def cli_json(capsys, *argv) -> dict:
    code = main(["summarize", str(SAMPLE), "--format", "json", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def window_result(qtbot):
    """The Result the window shows for SAMPLE, and the session that made it."""
    from talkhis.ui.main_window import MainWindow

    window = MainWindow(interactive=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(SAMPLE)
    session = window.session
    result = window.result()
    window.close()
    return result, session


@pytest.mark.gui
def test_the_window_and_the_command_line_give_the_same_result_with_a_model(qtbot, capsys, model_installed):
    shown, session = window_result(qtbot)  # fills the translation memory...
    printed = cli_json(capsys, "--no-cache")  # ...which the command line does not use
    model = pipeline.load_model(None)
    processed = pipeline.process(SAMPLE, model)

    assert isinstance(session.job, ArticleJob)
    assert shown.model.name == MODEL_NAME and all(t is not None for t in shown.translations)
    assert shown.summary.ids and shown.glosses is None and shown.warnings == []
    assert export.to_dict(shown) == printed == export.to_dict(processed)


@pytest.mark.gui
def test_without_a_model_the_window_and_the_command_line_gloss_the_same(qtbot, capsys):
    shown, _session = window_result(qtbot)
    printed = cli_json(capsys)
    processed = pipeline.process(SAMPLE, None)

    assert shown.model is None and shown.glosses and all(shown.glosses)
    assert export.to_dict(shown) == printed == export.to_dict(processed)


# -- resuming ------------------------------------------------------------------------------
class CountingSteps:
    """The real pipeline's steps; remembers which sentences each translation was asked for."""

    def __init__(self):
        self.asked: list[list[int]] = []

    open_article = staticmethod(pipeline.open_article)
    gloss_article = staticmethod(pipeline.gloss_article)
    summarize_article = staticmethod(pipeline.summarize_article)

    def translate_article(self, article, model, **kwargs):
        self.asked.append([s.id for s in article.sentences])
        return pipeline.translate_article(article, model, **kwargs)


def test_translating_again_after_a_cancel_continues_where_it_stopped(test_models):
    model = pipeline.load_model(str(test_models["opus-mt"]))
    steps = CountingSteps()
    progress: list[tuple[int, int]] = []
    job = ArticleJob(SAMPLE, steps=steps, events=JobEvents(progress=lambda done, total: progress.append((done, total))))
    total = len(job.open().sentences)
    cancel = threading.Event()
    job.events.translated = lambda _new: cancel.set()  # stop after the first batch

    assert job.translate(model, cancel=cancel) is False
    done = sum(t is not None for t in job.translations)
    assert 0 < done < total
    assert job.cancelled and job.result().warnings == [CANCELLED_WARNING]
    kept = list(job.translations)

    job.events.translated = None
    progress.clear()
    assert job.translate(model, cancel=threading.Event()) is True

    assert progress[0] == (done, total)  # the count does not restart at 0
    assert progress[-1] == (total, total) and all(d >= done for d, _ in progress)
    assert steps.asked[1] == [i for i, t in enumerate(kept) if t is None]  # only what was left
    assert all(job.translations[i] is t for i, t in enumerate(kept) if t is not None)
    assert not job.cancelled and job.result().warnings == []


def test_another_model_translates_from_the_first_sentence_again(test_models):
    first = pipeline.load_model(str(test_models["opus-mt"]))
    second = pipeline.load_model(str(test_models["nllb"]))
    steps = CountingSteps()
    job = ArticleJob(SAMPLE, steps=steps)
    job.open()
    job.translate(first)
    job.translate(second)

    assert steps.asked[1] == steps.asked[0] == list(range(len(job.article.sentences)))
    assert job.result().model == second.info


# -- when to gloss -------------------------------------------------------------------------
def test_the_gloss_rule_asked_for_or_no_model_translated(test_models):
    def ran(model=None, gloss=None, load=None):
        job = ArticleJob(SAMPLE, steps=pipeline, gloss=gloss)
        job.open()
        try:
            job.translate(model, load=load)
        except ModelError:
            pass
        return job.wants_gloss()

    model = pipeline.load_model(str(test_models["opus-mt"]))

    def broken():
        raise ModelError("broken: the model does not load")

    assert ran(None) is True  # no model installed
    assert ran(load=broken) is True  # the model failed to load
    assert ran(model) is False
    assert ran(model, gloss=True) is True  # --gloss
    assert ran(None, gloss=False) is False


def test_a_missing_lexicon_is_one_warning_in_the_result(monkeypatch):
    def missing(_article):
        raise LexiconError("the Arabic lexicon is not installed")

    monkeypatch.setattr(pipeline, "gloss_article", missing)
    heard: list[str] = []
    result = pipeline.process(SAMPLE, None, events=JobEvents(warning=heard.append))

    expected = NO_GLOSS_WARNING.format(reason="the Arabic lexicon is not installed")
    assert result.glosses is None and result.warnings == heard == [expected]


# -- re-summarising ------------------------------------------------------------------------
def test_of_two_overlapping_summaries_the_latest_request_wins():
    first_started, release_first = threading.Event(), threading.Event()

    class SlowFirst:
        open_article = staticmethod(pipeline.open_article)

        @staticmethod
        def summarize_article(article, algorithm, bullets):
            if algorithm == "lsa":
                first_started.set()
                release_first.wait(30)
            return pipeline.summarize_article(article, algorithm, bullets)

    job = ArticleJob(SAMPLE, steps=SlowFirst)
    job.open()
    outcome = {}
    older = threading.Thread(target=lambda: outcome.update(older=job.summarize("lsa", 2)))
    older.start()
    assert first_started.wait(30)
    newer = job.summarize("luhn", 3)
    release_first.set()
    older.join(30)

    assert outcome["older"] is None  # finished last, changed nothing
    assert job.summary == newer and (newer.algorithm, len(newer.ids)) == ("luhn", 3)


def test_settings_become_the_same_options_everywhere(talkhis_home):
    settings = Settings()
    settings["beam_size"] = 2
    settings["decoder_memory_mb"] = 512
    settings["threads"] = 3

    engine, options = pipeline.translation_settings(settings)
    assert (engine.threads, engine.compute_type) == (3, "int8")
    assert (options.beam_size, options.decoder_memory_mb) == (2, 512)
    engine, options = pipeline.translation_settings(settings, threads=1, beam_size=5)  # --threads, --beam
    assert (engine.threads, options.beam_size, options.decoder_memory_mb) == (1, 5, 512)


@pytest.mark.gui
def test_the_smoke_test_and_the_window_decode_with_the_users_settings(qtbot, talkhis_home, test_models):
    from talkhis import smoke
    from talkhis.ui.main_window import MainWindow

    settings = Settings()
    settings["decoder_memory_mb"] = 512  # the smoke test used to drop this one
    settings["beam_size"] = 2
    settings.save()

    _model, options = smoke._load_model(str(test_models["opus-mt"]))
    window = MainWindow(interactive=False)
    qtbot.addWidget(window)

    for decoding in (options, window.translator.options):
        assert (decoding.beam_size, decoding.decoder_memory_mb) == (2, 512)


@pytest.mark.gui
def test_translate_again_in_the_window_continues_from_the_cancelled_count(qtbot, tmp_path):
    from gui_helpers import FakePipeline, english

    from talkhis.ui.main_window import MainWindow

    article_file = tmp_path / "held.txt"
    shutil.copy(SAMPLE, article_file)
    fake = FakePipeline(hold=(article_file.name,))
    window = MainWindow(interactive=False, pipeline=fake)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.article_shown, timeout=WAIT_MS):
        window.open_file(article_file)
    qtbot.waitUntil(fake.halfway.is_set, timeout=WAIT_MS)
    session = window.session
    total = len(session.article.sentences)
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.cancel_translation()
    half = sum(t is not None for t in session.translations)
    assert 0 < half < total

    counts: list[int] = []
    window.progress.valueChanged.connect(counts.append)
    fake.release.set()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.translate_again()

    assert counts and min(counts) >= half and counts[-1] == total
    assert [window.translation_view.text_of(s.id) for s in session.article.sentences] == [
        english(s.id) for s in session.article.sentences]
    assert window.result().warnings == []
    window.close()


def test_forgetting_the_model_never_waits_for_a_model_that_is_loading(talkhis_home):
    """Set as default (Models dialog) while the first article's model loads: the window's thread
    must not freeze until the load ends, and the next use loads the new default."""
    import threading

    from talkhis.core.settings import Settings
    from talkhis.ui.session import Translator

    loading, release, loads = threading.Event(), threading.Event(), []

    class Steps:
        def load_model(self, spec, *, preferred, engine):
            loads.append(preferred)
            if len(loads) == 1:
                loading.set()
                release.wait(10)
            return f"model {preferred}"

    translator = Translator(Settings(), steps=Steps())
    translator._engine, translator._options = object(), object()  # no core import needed here
    worker = threading.Thread(target=lambda: loads.append(translator.model()))
    worker.start()
    assert loading.wait(10)

    forgot = threading.Thread(target=lambda: translator.forget_model(preferred="new"))
    forgot.start()
    forgot.join(1)
    assert not forgot.is_alive()  # returned at once, while the old load is still going
    release.set()
    worker.join(10)

    assert loads == [None, "new", "model new"]  # the overtaken load was done again with the new default
