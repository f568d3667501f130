"""How fast the lexicon and gazetteers load and a sentence is glossed (issue 16 targets).

    python bench/gloss_speed.py

Each load is measured in a fresh interpreter (what a user's start pays), in a throw-away
``TALKHIS_HOME``: first the run that compiles the data into the user cache, then three runs
that read the compiled copy (the median is the figure). Then every sentence of the project's
samples (and the shared coalition sample, when present) is glossed with names, in one
process, after a warm-up: the median and the slowest sentence.

Targets: lexicon + gazetteers load <= 0.3 s (compiled), glossing a sentence <= 50 ms.

When the shared coalition sample is present, also a held-out count of its names
(resources/gold/coalition-entities.json): rendered as a name with an accepted English,
rendered as a name with another English (a transliteration), or glossed as common words.
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


def measure_held_out_names() -> dict | None:
    source = TEXTS[2]
    if not source.is_file():
        return None
    import re

    from talkhis.core.lexicon import gloss_sentence
    from talkhis.core.lexicon.names import NameMemory

    gold = json.loads((REPO / "resources" / "gold" / "coalition-entities.json").read_text(encoding="utf-8"))
    counts = {"accepted": 0, "other_rendering": 0, "common_words": 0, "left_in_arabic": 0}
    examples: list[str] = []
    memory = NameMemory()
    for line in source.read_text(encoding="utf-8").splitlines():
        gloss = gloss_sentence(line, memory=memory, glossary={})
        taken = [False] * len(line)
        for name in gold["names"]:  # longest names first, as listed: they hide the names inside them
            for spelling in name["arabic"]:
                for match in re.finditer(re.escape(spelling), line):
                    start, end = match.span()
                    if any(taken[start:end]):
                        continue
                    taken[start:end] = [True] * (end - start)
                    tokens = [t for t in gloss.tokens if t.start < end and t.end > start and t.kind == "word"]
                    found = [n for first, last, n in gloss.names if gloss.tokens[first].start < end and gloss.tokens[last].end > start]
                    if found and all(t.entity for t in tokens):
                        accepted = any(a.lower() in found[0].english.lower() for a in name["english"])
                        counts["accepted" if accepted else "other_rendering"] += 1
                        if not accepted:
                            examples.append(f"{spelling} → {found[0].english}")
                    elif any(t.known and not t.entity for t in tokens):
                        counts["common_words"] += 1
                        examples.append(f"{spelling} → {' '.join(t.gloss for t in tokens)} (common words)")
                    else:
                        counts["left_in_arabic"] += 1
                        examples.append(f"{spelling} left in Arabic")
    counts["mentions"] = sum(counts.values())
    counts["examples"] = sorted(set(examples))
    return counts


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
    held_out = measure_held_out_names()
    if held_out is not None:
        n = held_out["mentions"]
        print(f"held-out names (coalition sample, {n} mentions): {held_out['accepted']} rendered as accepted, "
              f"{held_out['other_rendering']} as a name spelt otherwise, {held_out['common_words']} as common words, "
              f"{held_out['left_in_arabic']} left in Arabic")
        for example in held_out["examples"]:
            print(f"  {example}")
    ok = compiled["total"] <= 0.3 and glossing["slowest_ms"] <= 50
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
