"""Issue 17 point 7: the summary is chosen on the Arabic first, so the sentences that became
bullets are translated before the rest and the English bullets are ready early."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from talkhis.core import pipeline
from talkhis.core.article import Summary
from talkhis.core.job import ArticleJob, JobEvents
from talkhis.core.translation.layouts import load_model_dir

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"


def test_the_bullets_are_translated_before_any_other_sentence(test_models):
    model = load_model_dir(test_models["opus-mt"])
    events_batches: list[set[int]] = []
    events = JobEvents(translated=lambda new: events_batches.append(set(new)))
    result = pipeline.process(SAMPLE, model, bullets=3, events=events,
                              options=pipeline.TranslationOptions(beam_size=1))
    bullets = set(result.summary.ids)
    assert len(bullets) == 3 and all(t is not None for t in result.translations)
    seen: set[int] = set()
    for batch in events_batches:  # every batch before the bullets are complete holds only bullets
        if bullets <= seen:
            break
        assert batch <= bullets, (batch, bullets)
        seen |= batch
    assert bullets <= seen
    assert seen != set(range(len(result.sentences)))  # and there was more to translate after them


class _SlowSummarySteps:
    """The real steps, with a summary that takes a while (as on a long article)."""

    def __init__(self, ids):
        self.ids = ids
        self.first: tuple[int, ...] = ()
        self.open_article = pipeline.open_article

    def summarize_article(self, article, algorithm, bullets):
        time.sleep(0.5)
        return Summary(algorithm, self.ids)

    def translate_article(self, article, model, **kwargs):
        self.first = kwargs["options"].translate_first
        return pipeline.translate_article(article, model, **kwargs)


def test_a_translation_started_while_the_summary_is_chosen_waits_for_it(test_models):
    """The window chooses the summary and translates on two task pools at once."""
    model = load_model_dir(test_models["opus-mt"])
    steps = _SlowSummarySteps((4, 7))
    job = ArticleJob(SAMPLE, steps=steps)
    job.open()
    summarizing = threading.Thread(target=job.summarize)
    summarizing.start()
    time.sleep(0.05)  # the summary is being chosen when the translation starts
    job.translate(model, options=pipeline.TranslationOptions(beam_size=1))
    summarizing.join()
    assert steps.first == (4, 7)
    assert all(t is not None for t in job.translations)


def test_an_english_article_is_not_put_through_the_model(capsys, test_models):
    import json

    from talkhis.cli import main
    from talkhis.core.job import ENGLISH_ARTICLE_NOTE

    english = REPO / "resources" / "samples" / "port-reopening-en.txt"
    assert main(["summarize", str(english), "--model", str(test_models["opus-mt"]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["language"] == "en" and data["model"] is None
    assert all(s["translation"] is None for s in data["sentences"])
    assert data["summary"]["items"] and data["warnings"] == [ENGLISH_ARTICLE_NOTE]


def test_a_summary_asked_for_while_the_translation_chooses_its_own_still_puts_the_bullets_first():
    """The window queues the summary and the translation at once; whichever thread starts first,
    the translation must wait for the summary that wins and send its bullets first."""
    import threading
    import time

    from talkhis.core import pipeline
    from talkhis.core.article import ModelInfo, Summary
    from talkhis.core.job import ArticleJob
    from talkhis.core.translation import TranslationOptions

    class Steps:
        open_article = staticmethod(pipeline.open_article)
        first = None

        def summarize_article(self, _article, algorithm, _bullets):
            time.sleep(0.3)  # choosing takes a while
            return Summary(algorithm, (4, 7))

        def translate_article(self, part, _model, options, **_kwargs):
            self.first = options.translate_first
            return [None] * len(part.sentences)

    class Model:
        info = ModelInfo(name="m", layout="argos", path="/m")

    steps = Steps()
    job = ArticleJob(REPO / "resources" / "samples" / "ministry-water-ar.txt", steps=steps)
    job.open()
    translation = threading.Thread(target=lambda: job.translate(Model(), options=TranslationOptions()))
    translation.start()
    time.sleep(0.05)  # the translation thread has started choosing its own summary
    window_summary = threading.Thread(target=job.summarize)  # then the window's request arrives
    window_summary.start()
    translation.join()
    window_summary.join()

    assert job.summary.ids == (4, 7) and steps.first == (4, 7)
