"""How fast the lexicon and gazetteers load and a sentence is glossed (issue 16 targets).

    python bench/gloss_speed.py

Each load is measured in a fresh interpreter (what a user's start pays), in a throw-away
``TALKHIS_HOME``: first the run that compiles the data into the user cache, then three runs
that read the compiled copy (the median is the figure). Then every sentence of the project's
samples (and the shared coalition sample, when present) is glossed with names, in one
process, after a warm-up: the median and the slowest sentence.

Targets: lexicon + gazetteers load <= 0.3 s (compiled), glossing a sentence <= 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEXTS = [
    REPO / "resources" / "samples" / "ministry-water-ar.txt",
    REPO / "resources" / "gold" / "news-ar.txt",
    REPO.parent / "shared" / "samples" / "coalition-ar.txt",
]

_LOAD = """
import json, time
start = time.perf_counter()
from talkhis.core.lexicon.data import lexicon
from talkhis.core.lexicon.names import gazetteer
imported = time.perf_counter()
lexicon()
lexicon_done = time.perf_counter()
gazetteer()
done = time.perf_counter()
print(json.dumps({"import": imported - start, "lexicon": lexicon_done - imported,
                  "gazetteers": done - lexicon_done, "total": done - imported}))
"""


def _load_once(home: str) -> dict:
    env = {**os.environ, "TALKHIS_HOME": home}
    out = subprocess.run([sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_loads() -> dict:
    with tempfile.TemporaryDirectory() as home:
        first = _load_once(home)
        later = [_load_once(home) for _ in range(3)]
    median = {key: statistics.median(run[key] for run in later) for key in later[0]}
    return {"first_run": first, "compiled": median}


def measure_glossing() -> dict:
    with tempfile.TemporaryDirectory() as home:
        os.environ["TALKHIS_HOME"] = home
        from talkhis.core.lexicon import gloss_text
        from talkhis.core.lexicon.names import NameMemory
        from talkhis.core.pipeline import open_article

        sentences = [s.text for path in TEXTS if path.is_file() for s in open_article(path).sentences]
        gloss_text(sentences[0], glossary={})  # loads the lexicon and the gazetteers
        times = []
        memory = NameMemory()
        for sentence in sentences:
            start = time.perf_counter()
            gloss_text(sentence, memory=memory, glossary={})
            times.append(time.perf_counter() - start)
    return {
        "sentences": len(times),
        "median_ms": statistics.median(times) * 1000,
        "slowest_ms": max(times) * 1000,
        "words_per_sentence": sum(len(s.split()) for s in sentences) / len(sentences),
    }


def main() -> int:
    loads = measure_loads()
    glossing = measure_glossing()
    compiled = loads["compiled"]
    print(f"first run (compiling into the cache): lexicon {loads['first_run']['lexicon']:.2f} s, "
          f"gazetteers {loads['first_run']['gazetteers']:.2f} s")
    print(f"later runs (compiled, median of 3): lexicon {compiled['lexicon']:.3f} s + gazetteers "
          f"{compiled['gazetteers']:.3f} s = {compiled['total']:.3f} s (target <= 0.3 s); "
          f"imports {compiled['import']:.3f} s")
    print(f"glossing {glossing['sentences']} sentences ({glossing['words_per_sentence']:.0f} words on average): "
          f"median {glossing['median_ms']:.1f} ms, slowest {glossing['slowest_ms']:.1f} ms (target <= 50 ms)")
    ok = compiled["total"] <= 0.3 and glossing["slowest_ms"] <= 50
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
