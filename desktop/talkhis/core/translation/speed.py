"""The model's speed on this machine, measured at import, and the thread split it chooses.

CTranslate2 can spend the CPU threads inside one batch (``intra_threads``) or on several
batches at once (``inter_threads``). Which is faster depends on the machine, the model and even
the day (on this project's machine it flipped between two runs: 1.7x one way, then 1.0x), so it
is measured, not assumed: at import the model translates the same handful of news sentences
with each split (the best of two runs), and the faster split's ``inter_threads`` and speed
(sentences per second) are stored in the model's manifest. :meth:`ModelStore.load` then uses
that split unless the user set one.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import replace
from pathlib import Path

from talkhis.core.article import ModelInfo
from talkhis.core.translation.batching import TranslationOptions, translate_sentences
from talkhis.core.translation.engine import EngineSettings
from talkhis.core.translation.layouts import load_model_dir

log = logging.getLogger(__name__)

# Written for this measurement (invented news sentences, typical lengths 8-25 words).
SENTENCES = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في شمال المدينة.",
    "قال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة.",
    "ارتفعت أسعار المواد الغذائية بنسبة 12 بالمئة خلال الشهر الماضي.",
    "وصل وفد من الأمم المتحدة إلى المنطقة لتقييم الأوضاع الإنسانية بعد الفيضانات التي ضربت القرى الجنوبية.",
    "أكد الوزير أن الخطة تهدف إلى توفير فرص عمل للشباب وتحسين الخدمات العامة في المحافظات.",
    "اعتقلت الشرطة ثلاثة أشخاص.",
    "شارك آلاف المواطنين في مسيرة سلمية للمطالبة بإصلاحات اقتصادية وسياسية شاملة.",
    "تستمر الاجتماعات بين الطرفين حتى نهاية الشهر.",
    "ذكرت مصادر محلية أن الطريق الرئيسي بين المدينتين أغلق بسبب الأمطار الغزيرة.",
    "وقعت الدولتان اتفاقية للتعاون في مجالات الطاقة والنقل والتعليم.",
    "أشار التقرير إلى أن عدد اللاجئين تجاوز مليون شخص منذ بداية العام.",
    "رحب البرلمان بالقرار.",
    "قالت الوزارة في بيان إن فرق الإنقاذ تعمل على مدار الساعة للوصول إلى المناطق المتضررة.",
    "من المتوقع أن تعلن النتائج النهائية للانتخابات يوم الخميس.",
    "دعا الرئيس جميع الأطراف إلى الحوار وضبط النفس.",
    "انخفض إنتاج القمح هذا العام بسبب الجفاف وارتفاع درجات الحرارة.",
)


def candidate_splits(threads: int) -> list[int]:
    """``inter_threads`` values to try: one batch on all threads, and parallel batches."""
    splits = [1]
    if threads >= 2:
        splits.append(2)
    if threads >= 8:
        splits.append(4)
    return splits


def measure(folder: Path, info: ModelInfo, settings: EngineSettings | None = None,
            rounds: int = 2, budget_seconds: float = 20.0) -> dict:
    """Translate :data:`SENTENCES` with each thread split; return what the manifest stores:
    ``sentences_per_second`` (the faster split's), ``inter_threads`` (that split), ``threads``
    and ``compute_type`` (what it was measured with: the user's settings) and ``measured``
    (sentences/s per split).

    One split's translator at a time (an NLLB model is 600 MB and more), warmed up, then timed
    ``rounds`` times (the best counts); a slow model gets one round once ``budget_seconds``
    are spent, so an import never waits long for its measurement.
    """
    base = settings or EngineSettings()
    threads = base.threads or max(1, os.cpu_count() or 1)
    options = TranslationOptions()
    best: dict[int, float] = {}
    began = time.perf_counter()
    for inter in candidate_splits(threads):
        model = load_model_dir(folder, replace(base, threads=threads, inter_threads=inter), info=info)
        try:
            translate_sentences(model, list(SENTENCES[:2]), options=options)  # load and warm up
            for round_ in range(rounds):
                if round_ and time.perf_counter() - began > budget_seconds:
                    break
                started = time.perf_counter()
                translate_sentences(model, list(SENTENCES), options=options)
                seconds = time.perf_counter() - started
                best[inter] = min(best.get(inter, seconds), seconds)
        finally:
            model.engine.unload()
    speeds = {inter: len(SENTENCES) / max(seconds, 1e-9) for inter, seconds in best.items()}
    chosen = max(speeds, key=speeds.get)
    log.info("speed of %s on %d threads: %s; chosen inter_threads=%d", folder, threads,
             {k: round(v, 2) for k, v in speeds.items()}, chosen)
    return {
        "sentences_per_second": round(speeds[chosen], 2),
        "inter_threads": chosen,
        "threads": threads,
        "compute_type": base.compute_type,
        "measured": {str(k): round(v, 2) for k, v in speeds.items()},
    }
