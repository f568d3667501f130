"""Talkhis benchmark: every figure against a baseline measured in the same run, as a ratio.

    python bench/run.py            # the full run (under 10 minutes on a 2-core laptop)
    python bench/run.py --quick    # a short run (under 2 minutes)

Writes ``bench/results.json`` (one key per figure) and ``bench/RESULTS.md`` (a table, with the
machine it ran on). The translation model is the generated transformer-base model (6+6 layers,
d=512, ~32k vocabulary, int8, random weights) made by ``models/make_test_model.py`` and kept in
``bench/models/`` between runs. Random weights decode to arbitrary lengths, so every side of
every translation comparison uses the same fixed decoding limit.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = [REPO / "resources" / "samples" / "ministry-water-ar.txt"]
SHARED_SAMPLE = REPO.parent / "shared" / "samples" / "coalition-ar.txt"
MODEL_DIR = REPO / "bench" / "models"
DECODING_LIMIT = 48  # tokens, the same on every side of every comparison


def _generator():
    spec = importlib.util.spec_from_file_location("make_test_model", REPO / "models" / "make_test_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def base_model() -> Path:
    path = MODEL_DIR / "opus-mt-base"
    if not (path / "model.bin").is_file():
        MODEL_DIR.mkdir(parents=True, exist_ok=True)
        print("generating the transformer-base test model (once)…", flush=True)
        _generator().make_model(path, "opus-mt", size="base", seed=1)
    return path


def make_article(sentences: int, folder: Path) -> Path:
    """An Arabic article of about ``sentences`` sentences, every one distinct.

    The samples are repeated paragraph by paragraph; each copy's sentences get a distinct number
    so that no sentence repeats (Talkhis translates a repeated sentence once, which would flatter
    it against the baselines).
    """
    from talkhis.core.pipeline import open_article

    units = []
    for path in SAMPLES + ([SHARED_SAMPLE] if SHARED_SAMPLE.is_file() else []):
        article = open_article(path)
        units.append(article)
    lines: list[str] = [f"مقالة اختبار الأداء ({sentences} جملة)"]
    count, copy = 0, 0
    while count < sentences:
        for article in units:
            paragraphs: dict[int, list[str]] = {}
            for s in article.sentences:
                if s.heading:
                    continue
                text = s.text
                if copy:
                    text = re.sub(r"([.!?؟…]+[”\"»)]*)$", rf" {copy}\1", text) if re.search(r"[.!?؟…]", text[-3:]) else f"{text} {copy}"
                paragraphs.setdefault(s.paragraph, []).append(text)
            for parts in paragraphs.values():
                take = parts[: sentences - count]
                if not take:
                    break
                lines.append(" ".join(take))
                count += len(take)
            if count >= sentences:
                break
        copy += 1
    path = folder / f"article-{sentences}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _busy_cpu_seconds() -> float | None:
    """CPU seconds every process on this machine has used since boot (Linux), or None."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def options(**overrides):
    from talkhis.core.translation import TranslationOptions

    return TranslationOptions(
        decoding_ratio=0, decoding_extra=DECODING_LIMIT, max_decoding_length=DECODING_LIMIT, **overrides
    )


def bench_translation(model_path: Path, article_path: Path, runs: int, naive: bool = True) -> dict:
    """Figures 1–3: overhead against bare CTranslate2, the naive peer, time to first sentence.

    Talkhis caps each chunk's decoder memory (``TranslationOptions.decoder_memory_mb``), which
    makes its batches smaller than CTranslate2's 1,024-token default on long sentences. The bare
    baseline gets the same cap, as a token batch size (``equal_memory``): figure 1 is the
    pipeline's overhead at equal settings, the median of ``runs`` paired ratios. Bare with
    1,024-token batches is measured too (``bare_uncapped_seconds``): what the memory cap costs.
    """
    import ctranslate2

    from talkhis.core.normalize import for_translation
    from talkhis.core.pipeline import load_model, open_article, translate_article
    from talkhis.core.translation import batching
    from talkhis.core.translation.engine import thread_split

    intra, inter = thread_split(0)
    model = load_model(str(model_path))
    opts = options()
    article = open_article(article_path)
    # The same token sequences Talkhis sends: sentences longer than the model's input limit are
    # cut at clause boundaries first (a product feature; with a fixed decoding limit, cutting adds
    # decoding work, so the baseline gets the same pieces).
    tokens = [
        part
        for s in article.sentences
        for _, part in batching.split_long(model, for_translation(s.text), model.encode(for_translation(s.text)))
    ]
    # Talkhis's memory cap as a token batch size: the cap's cost per chunk, in this article's
    # source tokens per unit of cost (source tokens + decoding limit).
    limit = batching.chunk_cost_limit(model, opts)
    source = sum(len(t) for t in tokens)
    equal_memory = opts.max_batch_tokens if limit is None else min(
        opts.max_batch_tokens, int(limit * source / (source + DECODING_LIMIT * len(tokens))))
    bare = ctranslate2.Translator(str(model_path), compute_type="int8", intra_threads=intra, inter_threads=inter)
    model.engine.translate([tokens[0]], max_decoding_length=4)  # load before timing
    bare.translate_batch([tokens[0]], max_decoding_length=4)

    def bare_ct2(batch_tokens: int):
        bare.translate_batch(
            tokens, max_batch_size=batch_tokens, batch_type="tokens", beam_size=opts.beam_size,
            max_decoding_length=DECODING_LIMIT, max_input_length=0,
        )

    def naive_peer():  # Argos Translate's way: one call per sentence, beam 4, 32-token batches
        for sentence in tokens:
            result = bare.translate_batch(
                [sentence], max_batch_size=32, batch_type="tokens", beam_size=4, length_penalty=0.2,
                max_decoding_length=DECODING_LIMIT, max_input_length=0, return_scores=True,
                replace_unknowns=True,
            )
            model.decode(result[0].hypotheses[0])

    def talkhis_run(marks: list) -> None:
        start = time.perf_counter()
        translate_article(open_article(article_path), model, options=opts,
                          on_progress=lambda done, total, new: marks.append(time.perf_counter() - start))

    # Talkhis end to end (read, segment, normalise, tokenise, translate, detokenise), streaming,
    # against bare CTranslate2 in pairs run back to back, the order alternating (T B, B T, ...),
    # so that a neighbour's load hits both sides of a pair alike and a drift over the run cancels.
    # On a shared 2-core machine one run's wall time moves by ±10%: the figure is the median of
    # the pairs' ratios, not a ratio of medians (which pairs one side's quiet run with the other's
    # busy one). CPU seconds (all threads, ``process_time``) are given beside it: they do not move
    # with the neighbours' load, and they show whether the pipeline itself spends more work.
    talkhis, bare_equal, bare_uncapped, firsts, ratios, cpu_ratios = [], [], [], [], [], []
    cpu_talkhis, cpu_bare, others, net_ratios = [], [], [], []
    cores = os.cpu_count() or 1
    for run in range(runs):
        marks: list[float] = []
        measured, net = {}, {}
        for side in (("talkhis", "bare") if run % 2 == 0 else ("bare", "talkhis")):
            wall, cpu, busy = time.perf_counter(), time.process_time(), _busy_cpu_seconds()
            if side == "talkhis":
                talkhis_run(marks)
            else:
                bare_ct2(equal_memory)
            measured[side] = (time.perf_counter() - wall, time.process_time() - cpu)
            if busy is not None:  # the CPU seconds other processes took meanwhile
                taken = max(0.0, _busy_cpu_seconds() - busy - measured[side][1])
                others.append(taken / measured[side][0])
                # Both sides keep every core busy, so a neighbour's CPU second is one this run did
                # not get: its time net of the neighbours is wall - taken / cores.
                net[side] = measured[side][0] - taken / cores
        talkhis.append(measured["talkhis"][0])
        bare_equal.append(measured["bare"][0])
        cpu_talkhis.append(measured["talkhis"][1])
        cpu_bare.append(measured["bare"][1])
        ratios.append(measured["talkhis"][0] / measured["bare"][0])
        cpu_ratios.append(measured["talkhis"][1] / measured["bare"][1])
        if len(net) == 2:
            net_ratios.append(net["talkhis"] / net["bare"])
        firsts.append(marks[0] / talkhis[-1])
        if equal_memory != opts.max_batch_tokens and run < 2:  # a detail figure: two runs at most
            bare_uncapped.append(median_time(lambda: bare_ct2(opts.max_batch_tokens), 1))
    t_talkhis, t_bare = statistics.median(talkhis), statistics.median(bare_equal)
    row = {
        "sentences": len(article.sentences),
        "segments": len(tokens),
        "bare_batch_tokens": equal_memory,
        "talkhis_seconds": t_talkhis,
        "bare_seconds": t_bare,
        "translation_overhead_ratio": statistics.median(ratios),
        "pair_ratios": ratios,
        "fastest_ratio": min(talkhis) / min(bare_equal),  # a neighbour only ever adds time
        "talkhis_cpu_seconds": statistics.median(cpu_talkhis),
        "bare_cpu_seconds": statistics.median(cpu_bare),
        "cpu_overhead_ratio": statistics.median(cpu_ratios),
        "other_processes_cores": statistics.median(others) if others else None,
        "net_of_others_ratio": statistics.median(net_ratios) if net_ratios else None,
        "first_sentence_seconds": statistics.median(firsts) * t_talkhis,
        "first_sentence_fraction": statistics.median(firsts),
    }
    if bare_uncapped:
        row["bare_uncapped_seconds"] = statistics.median(bare_uncapped)
    if naive:
        row["naive_seconds"] = median_time(naive_peer, max(1, runs - 1))
        row["naive_speedup"] = row["naive_seconds"] / t_talkhis
    return row


SHARED_CHAR_MODEL = REPO.parent / "shared" / "models" / "aren-transliteration"
# Names and places written for this check, with no model's output in mind.
_BAND_NAMES = ("مظلوم", "عبدي", "كيغينز", "محمد", "أحمد", "خالد", "المنصوري", "الحسيني", "سامر", "بيروت",
               "دمشق", "عمان", "القاهرة", "بغداد", "فاطمة", "يوسف", "إبراهيم", "حسن", "علي", "عمر")


_BAND_KINDS = {"own": "its own spellings", "another_name": "another name's", "shuffled": "shuffled",
               "repeated": "repeated 3 times", "half": "cut in half"}


def bench_bands(model_dir: Path = SHARED_CHAR_MODEL) -> dict | None:
    """Issue 17 point 4, a sanity check of the confidence bands (core/quality.py) on the one trained
    model at hand: the shared Arabic→Latin character transliteration model (it cannot ship).

    Its own outputs for real names against outputs forced on it (``score_batch``): another name's
    spelling, its own spelling shuffled, repeated three times, cut in half. Bands should put
    the first high and the others low. This checks the thresholds' direction and scale on real
    log-probabilities; it does not calibrate them for word-piece translation, where a model's own
    fluent-but-wrong sentence is the case that matters (a transliteration model has none).
    None when the model is not beside the repository.
    """
    import math
    import random

    import ctranslate2

    from talkhis.core.quality import HIGH, MEDIUM

    if not (model_dir / "model.bin").is_file():
        return None
    translator = ctranslate2.Translator(str(model_dir), compute_type="int8")
    own = ["".join(r.hypotheses[0]) for r in translator.translate_batch(
        [list(n) for n in _BAND_NAMES], beam_size=4, return_scores=True)]
    rng = random.Random(1)
    kinds = {
        "own": own,
        "another_name": [own[(i + 7) % len(own)] for i in range(len(own))],
        "shuffled": ["".join(rng.sample(o, len(o))) for o in own],
        "repeated": [o * 3 for o in own],
        "half": [o[: max(1, len(o) // 2)] for o in own],
    }
    rows = {}
    for kind, targets in kinds.items():
        scored = translator.score_batch([list(n) for n in _BAND_NAMES], [list(t) for t in targets])
        confidences = [math.exp(sum(s.log_probs) / len(s.log_probs)) for s in scored]
        rows[kind] = {"median": statistics.median(confidences), "min": min(confidences), "max": max(confidences),
                      "high": sum(c >= HIGH for c in confidences),
                      "medium": sum(MEDIUM <= c < HIGH for c in confidences),
                      "low": sum(c < MEDIUM for c in confidences)}
    return {"names": len(_BAND_NAMES), "high_threshold": HIGH, "medium_threshold": MEDIUM, "kinds": rows}


def bench_streaming_idle(model_path: Path, article_path: Path) -> dict:
    """Where streaming can lose time that CPU seconds do not show: workers left without a chunk.

    One run through the pipeline while a watcher (every 5 ms) counts the chunks handed to the
    translator and not yet finished; while fewer than the translator's parallel workers are, a
    worker has nothing to do (the start, a chunk fed late, the last window's tail). The share of
    worker time lost that way does not move with a neighbour's load, unlike wall time. (A chunk
    CTranslate2 splits into two batches feeds two workers: the figure errs on the high side.)
    """
    import threading

    from talkhis.core.pipeline import load_model, open_article, translate_article

    model = load_model(str(model_path))
    model.engine.translate([model.encode("تجربة")], max_decoding_length=4)
    translator, submitted, lock = model.engine.translator, [], threading.Lock()

    class Watched:  # the engine's translator, remembering what each call returned
        def translate_batch(self, *args, **kwargs):
            pending = translator.translate_batch(*args, **kwargs)
            with lock:
                submitted.append((time.perf_counter(), pending))
            return pending

    def finished(item) -> bool:
        try:
            return item.done()
        except RuntimeError:  # already read by the pipeline
            return True

    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            with lock:
                chunks = list(submitted)
            samples.append((time.perf_counter(), sum(not all(map(finished, c)) for _, c in chunks)))
            stop.wait(0.005)

    model.engine._translator = Watched()
    watcher = threading.Thread(target=watch)
    start = time.perf_counter()
    watcher.start()
    translate_article(open_article(article_path), model, options=options())
    end = time.perf_counter()
    stop.set()
    watcher.join()
    parallel, last_fed = model.engine.parallel, submitted[-1][0]
    idle = tail = 0.0
    for (at, busy), (following, _) in zip(samples, samples[1:]):
        lost = max(0.0, min(following, end) - at) * max(0, parallel - busy)
        idle += lost
        tail += lost if at >= last_fed else 0.0
    return {"seconds": end - start, "chunks": len(submitted), "parallel": parallel,
            "idle_worker_seconds": idle, "idle_after_last_chunk_fed_seconds": tail,
            "idle_worker_fraction": idle / (parallel * (end - start))}


def bench_bullets_first(model_path: Path, article_path: Path, runs: int) -> dict:
    """Issue 17 point 7: time to the English bullets as a share of the whole translation.

    The job chooses the summary on the Arabic, then translates the bullet sentences first
    (``ArticleJob.translate``); timed from the start of the translation (the model loaded) to the
    moment the last bullet's English arrives, against the end of the whole article.
    """
    from talkhis.core import pipeline
    from talkhis.core.job import ArticleJob, JobEvents

    model = pipeline.load_model(str(model_path))
    model.engine.translate([model.encode("تجربة")], max_decoding_length=4)  # load before timing
    fractions, bullet_times, totals, bullets = [], [], [], 0
    for _ in range(runs):
        done: set[int] = set()
        marks: dict[str, float] = {}
        job = ArticleJob(article_path, steps=pipeline)
        job.open()
        summary = job.summarize()
        wanted = set(summary.ids)
        bullets = len(wanted)

        def translated(new, wanted=wanted, done=done, marks=marks):
            done.update(new)
            if "bullets" not in marks and wanted <= done:
                marks["bullets"] = time.perf_counter()

        job.events = JobEvents(translated=translated)
        start = time.perf_counter()
        job.translate(model, options=options())
        total = time.perf_counter() - start
        bullet_times.append(marks["bullets"] - start)
        totals.append(total)
        fractions.append(bullet_times[-1] / total)
    return {
        "sentences": len(job.article.sentences), "bullets": bullets,
        "bullets_seconds": statistics.median(bullet_times), "total_seconds": statistics.median(totals),
        "bullets_first_fraction": statistics.median(fractions),
    }


def bench_decoding_defaults(model_path: Path, article_path: Path, runs: int) -> dict:
    """Issue 17 point 5: what the repetition guard (``no_repeat_ngram_size``) costs in speed.

    The same article translated through the pipeline with the default options and with the
    guard off, interleaved; random weights loop, which is the guard's worst case (it checks
    every step and blocks often).
    """
    from talkhis.core.pipeline import load_model, open_article, translate_article

    model = load_model(str(model_path))
    model.engine.translate([model.encode("تجربة")], max_decoding_length=4)
    article = open_article(article_path)
    default, off = options(), options(no_repeat_ngram_size=0)
    wall: dict[str, list[float]] = {"guard": [], "off": []}
    cpu: dict[str, list[float]] = {"guard": [], "off": []}
    for _ in range(runs):
        for side, opts in (("guard", default), ("off", off)):
            started, cpu_started = time.perf_counter(), time.process_time()
            translate_article(article, model, options=opts)
            wall[side].append(time.perf_counter() - started)
            cpu[side].append(time.process_time() - cpu_started)
    median = {k: statistics.median(v) for k, v in wall.items()}
    cpu_median = {k: statistics.median(v) for k, v in cpu.items()}
    return {  # CPU seconds (all threads) are the figure: on a shared machine wall time is mostly noise
        "sentences": len(article.sentences), "no_repeat_ngram_size": default.no_repeat_ngram_size,
        "guard_seconds": median["guard"], "no_guard_seconds": median["off"],
        "guard_cpu_seconds": cpu_median["guard"], "no_guard_cpu_seconds": cpu_median["off"],
        "no_repeat_cost_ratio": cpu_median["guard"] / cpu_median["off"],
    }


def bench_threads(model_path: Path, article_path: Path, runs: int) -> dict:
    """Figure 4: every intra/inter split that fits this machine's cores, same work each."""
    import ctranslate2

    from talkhis.core.normalize import for_translation
    from talkhis.core.pipeline import load_model, open_article

    cores = os.cpu_count() or 1
    model = load_model(str(model_path))
    tokens = [model.encode(for_translation(s.text)) for s in open_article(article_path).sentences]
    figures = {}
    for inter in (1, 2, 4):
        for intra in (1, 2, 4):
            if inter * intra > cores or (inter, intra) in ((4, 4),):
                continue
            translator = ctranslate2.Translator(str(model_path), compute_type="int8", intra_threads=intra, inter_threads=inter)
            translator.translate_batch([tokens[0]], max_decoding_length=4)

            def run():
                translator.translate_batch(tokens, max_batch_size=1024, batch_type="tokens", beam_size=4,
                                           max_decoding_length=DECODING_LIMIT, max_input_length=0)

            figures[f"intra={intra},inter={inter}"] = median_time(run, runs)
    best = min(figures, key=figures.get)
    return {"cores": cores, "seconds": figures, "best": best}


def _summary_article(n: int, language_path: Path):
    """An article of ``n`` distinct sentences recombined from the samples' sentence halves."""
    import random

    from talkhis.core.article import Article, Document, Sentence
    from talkhis.core.pipeline import open_article

    base = [s.text for p in SAMPLES + ([SHARED_SAMPLE] if SHARED_SAMPLE.is_file() else [])
            for s in open_article(p).sentences if not s.heading]
    halves = []
    for text in base:
        words = text.split()
        halves.append((words[: len(words) // 2], words[len(words) // 2:]))
    rng = random.Random(n)
    sentences = []
    for i in range(n):
        a, b = rng.choice(halves), rng.choice(halves)
        text = " ".join(a[0] + b[1])
        sentences.append(Sentence(id=i, paragraph=i // 4, text=text))
    doc = Document(path="bench", text="\n".join(s.text for s in sentences), encoding="utf-8", format="txt")
    return Article(document=doc, sentences=tuple(sentences), language="ar")


def bench_summaries(sizes: list[int], stock_limit: int) -> dict:
    """Figure 5: fast LexRank/TextRank against stock sumy on the same document."""
    from talkhis.core.summarize import summarize

    rows = {}
    for n in sizes:
        article = _summary_article(n, SAMPLES[0])
        for algorithm in ("lexrank", "textrank"):
            summarize(article, algorithm, 10)  # warm the stemmer cache for both sides alike
            start = time.perf_counter()
            fast = summarize(article, algorithm, 10)
            t_fast = time.perf_counter() - start
            row = {"fast_seconds": t_fast}
            if n <= stock_limit:
                start = time.perf_counter()
                stock = summarize(article, algorithm, 10, engine="sumy")
                row["sumy_seconds"] = time.perf_counter() - start
                row["speedup"] = row["sumy_seconds"] / t_fast
                row["same_sentences"] = fast.ids == stock.ids
            rows[f"{algorithm}-{n}"] = row
    return rows


_RSS_SCRIPT = r"""
import sys
mode, model_path, article = sys.argv[1:4]
from talkhis.core.pipeline import load_model, open_article, translate_article
from talkhis.core.translation import TranslationOptions
opts = TranslationOptions(decoding_ratio=0, decoding_extra={limit}, max_decoding_length={limit})
model = load_model(model_path)
if mode == "model":   # the model's own loaded footprint: load and translate one sentence
    model.engine.translate([model.encode("قال الوزير.")], max_decoding_length=4)
else:                 # the whole article through the pipeline: read, translate, summarise
    from talkhis.core.pipeline import summarize_article
    art = open_article(article)
    translate_article(art, model, options=opts)
    summarize_article(art)
# VmHWM, not ru_maxrss: after fork + exec, ru_maxrss still counts the (large) bench process.
status = {l.split(":")[0]: int(l.split()[1]) for l in open("/proc/self/status") if l.startswith(("VmRSS", "VmHWM"))}
print(status["VmRSS"] / 1024, status["VmHWM"] / 1024)
"""


def bench_memory(model_path: Path, article_path: Path) -> dict:
    """Figure 7: peak RSS for a 400-sentence article against the loaded model alone.

    The model's footprint is the resident size of a process that loaded it and translated one
    sentence (its peak is higher: CTranslate2 reads and converts the file while loading, and
    that transient peak is the same in both processes).
    """
    script = _RSS_SCRIPT.replace("{limit}", str(DECODING_LIMIT))
    peaks = {}
    for mode in ("model", "article"):
        out = subprocess.run([sys.executable, "-c", script, mode, str(model_path), str(article_path)],
                             capture_output=True, text=True, check=True, env=_env())
        current, peak = map(float, out.stdout.strip().splitlines()[-1].split())
        peaks[mode] = (current, peak)
    from talkhis.core.pipeline import open_article

    return {"sentences": len(open_article(article_path).sentences),
            "model_rss_mb": peaks["model"][0], "model_peak_mb": peaks["model"][1],
            "article_peak_mb": peaks["article"][1],
            "peak_rss_over_model_mb": peaks["article"][1] - peaks["model"][0]}


def bench_cache(model_path: Path, article_path: Path) -> dict:
    """Figure 8: re-opening an article with the translation memory against the first time."""
    from talkhis.core.memory import TranslationMemory
    from talkhis.core.pipeline import load_model, open_article, translate_article

    model = load_model(str(model_path))
    with tempfile.TemporaryDirectory() as folder:
        memory = TranslationMemory(Path(folder) / "tm.sqlite3")
        start = time.perf_counter()
        translate_article(open_article(article_path), model, options=options(), memory=memory)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = translate_article(open_article(article_path), model, options=options(), memory=TranslationMemory(memory.path))
        second = time.perf_counter() - start
    assert all(t is not None and t.cached for t in again)
    return {"first_seconds": first, "reopen_seconds": second, "cache_speedup": first / second}


# Both measure from the first line of the script to the window's first paint (or expose).
_STARTUP_TALKHIS = r"""
import sys, time
start = time.perf_counter()
sys.path.insert(0, BENCH)
from startup import startup_probe
print(startup_probe(since=start))
""".replace("BENCH", repr(str(REPO / "bench")))
_STARTUP_MINIMAL = r"""
import time
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
painted = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() in (QEvent.Type.Paint, QEvent.Type.Expose) and not painted:
            painted.append(time.perf_counter() - start)
            QTimer.singleShot(0, app.quit)
        return False
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
print(painted[0])
"""


def bench_startup(runs: int) -> dict:
    """Figure 6: time until the window is shown, against a minimal PySide6 window.

    Talkhis's modules are byte-compiled first, as an installed or frozen app has them (an
    editable checkout with PYTHONDONTWRITEBYTECODE would otherwise compile them on every start,
    which PySide6's installed modules never pay).
    """
    import compileall

    compileall.compile_dir(str(REPO / "desktop" / "talkhis"), quiet=1)

    def measure(script):
        times = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=_env(), check=True)
            times.append(float(out.stdout.strip().splitlines()[-1]))
        return statistics.median(times)

    minimal = measure(_STARTUP_MINIMAL)
    talkhis = measure(_STARTUP_TALKHIS)
    return {"minimal_seconds": minimal, "talkhis_seconds": talkhis, "startup_ratio": talkhis / minimal}


def bench_gloss() -> dict:
    """The lexicon: load once, then a 1,000-word article glossed."""
    from talkhis.core import lexicon

    start = time.perf_counter()
    lexicon.lexicon()
    load = time.perf_counter() - start
    words = " ".join(s.text for s in _summary_article(60, SAMPLES[0]).sentences).split()[:1000]
    start = time.perf_counter()
    lexicon.gloss_text(" ".join(words))
    return {"load_seconds": load, "gloss_1000_words_seconds": time.perf_counter() - start}


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["TALKHIS_HOME"] = tempfile.mkdtemp(prefix="talkhis-bench-")
    return env


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import ctranslate2

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"CTranslate2 {ctranslate2.__version__}, {platform.system()} {platform.release()}")


def write_report(results: dict, out_dir: Path) -> None:
    keys = ["translation_overhead_ratio", "naive_speedup", "first_sentence_fraction", "lexrank_speedup_1000",
            "lexrank_seconds_3000", "startup_ratio", "peak_rss_over_model_mb", "cache_speedup",
            "bullets_first_fraction", "no_repeat_cost_ratio"]
    figures = {k: results["figures"][k] for k in keys if k in results["figures"]}
    (out_dir / "results.json").write_text(json.dumps({**figures, "details": results}, indent=2) + "\n")
    targets = {
        "translation_overhead_ratio": ("≤ 1.05", lambda v: v <= 1.05),
        "naive_speedup": ("> 1", lambda v: v > 1),
        "first_sentence_fraction": ("≤ 0.10", lambda v: v <= 0.10),
        "lexrank_speedup_1000": ("≥ 20", lambda v: v >= 20),
        "lexrank_seconds_3000": ("< 1 s", lambda v: v < 1),
        "startup_ratio": ("≤ 1.5", lambda v: v <= 1.5),
        "peak_rss_over_model_mb": ("≤ 250 MB", lambda v: v <= 250),
        "cache_speedup": ("≥ 20", lambda v: v >= 20),
        "bullets_first_fraction": ("≤ 0.10", lambda v: v <= 0.10),
        "no_repeat_cost_ratio": ("≤ 1.05", lambda v: v <= 1.05),
    }
    lines = [
        "# Benchmark results", "",
        f"Machine: {results['machine']}  ",
        f"Run: `python bench/run.py{' --quick' if results['quick'] else ''}`, {results['date']}, "
        f"{results['elapsed_seconds']:.0f} s; medians of {results['runs']} runs "
        f"({results['long_runs']} pairs for the long article's translation).", "",
        "| figure | value | target | holds |", "|---|---|---|---|",
    ]
    for key, value in figures.items():
        target, check = targets[key]
        lines.append(f"| `{key}` | {value:.3f} | {target} | {'yes' if check(value) else 'NO'} |")
    lines += ["", "Figures 1 and 3 are from the long article (the short one's are in the details); figure 2 "
              "from the short one (the naive peer takes minutes on the long one).", "", "## Details", ""]
    for size, t in results["translation"].items():
        naive = (f", naive one-call-per-sentence {t['naive_seconds']:.2f} s ({t['naive_speedup']:.1f}× slower)"
                 if "naive_seconds" in t else "")
        uncapped = (f"; bare with 1,024-token batches (no memory cap) {t['bare_uncapped_seconds']:.2f} s"
                    if "bare_uncapped_seconds" in t else "")
        lines.append(
            f"- Translation, {size} article ({t['sentences']} sentences, beam 4, decoding limit {DECODING_LIMIT} "
            f"tokens): Talkhis end to end {t['talkhis_seconds']:.2f} s, bare `translate_batch` with "
            f"{t['bare_batch_tokens']}-token batches (Talkhis's memory cap) {t['bare_seconds']:.2f} s "
            f"(median of {len(t['pair_ratios'])} paired ratios {t['translation_overhead_ratio']:.3f}: "
            f"{', '.join(f'{r:.3f}' for r in t['pair_ratios'])}; fastest against fastest {t['fastest_ratio']:.3f}; CPU seconds {t['talkhis_cpu_seconds']:.1f} "
            f"against {t['bare_cpu_seconds']:.1f}, {t['cpu_overhead_ratio']:.3f}"
            + (f"; other processes meanwhile used {t['other_processes_cores']:.2f} cores, net of which "
               f"the paired ratio is {t['net_of_others_ratio']:.3f}"
               if t.get("net_of_others_ratio") is not None else "")
            + f"){uncapped}{naive}; first sentence after "
            f"{t['first_sentence_seconds']:.2f} s ({t['first_sentence_fraction']:.3f} of the whole).")
    if "streaming" in results:
        w = results["streaming"]
        lines.append(f"- Streaming, long article watched chunk by chunk: workers without a chunk for "
                     f"{w['idle_worker_seconds']:.2f} worker-seconds of {w['parallel']} × {w['seconds']:.2f} s "
                     f"({w['idle_worker_fraction']:.3f}; {w['idle_after_last_chunk_fed_seconds']:.2f} of them after "
                     f"the last chunk was fed), over {w['chunks']} chunks.")
    th = results["threads"]
    lines.append(f"- Threads on {th['cores']} cores: " + ", ".join(f"{k} {v:.2f} s" for k, v in th["seconds"].items())
                 + f"; best {th['best']}.")
    for key, row in results["summaries"].items():
        stock = f", stock sumy {row['sumy_seconds']:.2f} s ({row['speedup']:.0f}×, same sentences: {row['same_sentences']})" if "sumy_seconds" in row else ""
        lines.append(f"- {key}: Talkhis {row['fast_seconds']:.3f} s{stock}.")
    m = results["memory"]
    lines.append(f"- Memory: the loaded model {m['model_rss_mb']:.0f} MB resident ({m['model_peak_mb']:.0f} MB peak while "
                 f"loading); peak for the {m['sentences']}-sentence article {m['article_peak_mb']:.0f} MB.")
    c = results["cache"]
    lines.append(f"- Cache: first translation {c['first_seconds']:.2f} s, re-open {c['reopen_seconds']:.3f} s.")
    s = results["startup"]
    lines.append(f"- Start-up to window shown: Talkhis {s['talkhis_seconds']:.2f} s, minimal PySide6 window {s['minimal_seconds']:.2f} s.")
    if "bullets" in results:
        b, d = results["bullets"], results["decoding"]
        lines.append(f"- Bullets first: the {b['bullets']} English bullets of the {b['sentences']}-sentence article after "
                     f"{b['bullets_seconds']:.2f} s of its {b['total_seconds']:.2f} s translation "
                     f"({b['bullets_first_fraction']:.3f}).")
        lines.append(f"- Repetition guard (no_repeat_ngram_size={d['no_repeat_ngram_size']}): {d['guard_cpu_seconds']:.2f} "
                     f"CPU s against {d['no_guard_cpu_seconds']:.2f} without ({d['no_repeat_cost_ratio']:.3f}).")
    if results.get("bands"):
        b = results["bands"]
        lines.append(f"- Confidence bands (high ≥ {b['high_threshold']}, medium ≥ {b['medium_threshold']}) on the shared "
                     f"character transliteration model, {b['names']} names: " + "; ".join(
                         f"{_BAND_KINDS.get(kind, kind)} median {r['median']:.3f} "
                         f"({r['high']} high, {r['medium']} medium, {r['low']} low)" for kind, r in b["kinds"].items())
                     + " (its own outputs against spellings forced on it; a sanity check, not a calibration).")
    if "gloss" in results:
        g = results["gloss"]
        lines.append(f"- Lexicon: loads in {g['load_seconds']:.2f} s; 1,000 words glossed in {g['gloss_1000_words_seconds']:.3f} s.")
    (out_dir / "RESULTS.md").write_text("\n".join(lines) + "\n" + _other_sections(out_dir / "RESULTS.md"))


def _other_sections(path: Path) -> str:
    """The sections other scripts wrote into RESULTS.md (summary quality, readers...): kept as they were."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^## ", text, re.MULTILINE)]
    kept = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)]) if not text.startswith("## Details", a)]
    return "".join("\n" + section.rstrip() + "\n" for section in kept)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (under 2 minutes)")
    parser.add_argument("--out", type=Path, default=REPO / "bench")
    parser.add_argument("--only", choices=("bullets", "decoding", "translation", "bands"),
                        help="one issue-17 figure alone, printed as JSON (results files untouched)")
    parser.add_argument("--runs", type=int, help="with --only: how many runs (pairs for translation)")
    parser.add_argument("--sentences", type=int, default=400, help="with --only: the article's length")
    args = parser.parse_args(argv)
    os.environ.setdefault("TALKHIS_HOME", tempfile.mkdtemp(prefix="talkhis-bench-"))
    if args.only == "bands":
        print(json.dumps(bench_bands(), indent=2))
        return 0
    if args.only:
        with tempfile.TemporaryDirectory() as folder:
            article = make_article(args.sentences, Path(folder))
            runs = args.runs or (1 if args.quick else 4 if args.only == "translation" else 3)
            if args.only == "translation":
                row = bench_translation(base_model(), article, runs, naive=False)
                row["streaming"] = bench_streaming_idle(base_model(), article)
            else:
                bench = bench_bullets_first if args.only == "bullets" else bench_decoding_defaults
                row = bench(base_model(), article, runs)
            print(json.dumps(row, indent=2))
        return 0
    began = time.perf_counter()
    runs = 2 if args.quick else 5
    model = base_model()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        small = make_article(20 if args.quick else 40, folder)
        medium = make_article(100 if args.quick else 400, folder)
        print("translation…", flush=True)
        long_runs = 2 if args.quick else 4  # pairs, in both orders alike
        translation = {"short": bench_translation(model, small, runs),
                       "long": bench_translation(model, medium, long_runs, naive=False)}
        streaming = bench_streaming_idle(model, medium)
        print("bullets first…", flush=True)
        bullets = bench_bullets_first(model, medium, 1)
        print("decoding defaults…", flush=True)
        decoding = bench_decoding_defaults(model, small, 1 if args.quick else 2)
        print("threads…", flush=True)
        threads = bench_threads(model, small, 1 if args.quick else 3)
        print("summaries…", flush=True)
        summaries = bench_summaries([300, 1000] if args.quick else [300, 1000, 3000], stock_limit=1000)
        if args.quick:
            summaries.update({k.replace("-1000", "-3000"): v for k, v in bench_summaries([3000], 0).items()})
        print("memory…", flush=True)
        memory = bench_memory(model, medium)
        print("cache…", flush=True)
        cache = bench_cache(model, small if args.quick else medium)
        print("start-up…", flush=True)
        startup = bench_startup(2 * runs)  # cheap, and noisier than the rest
        gloss = bench_gloss()
        bands = bench_bands()
    figures = {
        # the long article for figures 1 and 3 (where a user waits; the short one is in the details)
        "translation_overhead_ratio": translation["long"]["translation_overhead_ratio"],
        "naive_speedup": translation["short"]["naive_speedup"],
        "first_sentence_fraction": translation["long"]["first_sentence_fraction"],
        "lexrank_speedup_1000": summaries["lexrank-1000"]["speedup"],
        "lexrank_seconds_3000": summaries["lexrank-3000"]["fast_seconds"],
        "startup_ratio": startup["startup_ratio"],
        "peak_rss_over_model_mb": memory["peak_rss_over_model_mb"],
        "cache_speedup": cache["cache_speedup"],
        "bullets_first_fraction": bullets["bullets_first_fraction"],
        "no_repeat_cost_ratio": decoding["no_repeat_cost_ratio"],
    }
    results = {
        "machine": machine(), "quick": args.quick, "runs": runs, "long_runs": long_runs, "date": time.strftime("%Y-%m-%d %H:%M"),
        "elapsed_seconds": time.perf_counter() - began, "figures": figures, "translation": translation,
        "threads": threads, "summaries": summaries, "memory": memory, "cache": cache, "startup": startup,
        "gloss": gloss, "bullets": bullets, "decoding": decoding, "streaming": streaming,
        "bands": bands,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_report(results, args.out)
    print((args.out / "RESULTS.md").read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
