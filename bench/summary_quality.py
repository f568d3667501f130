"""Summary quality on the EASC development half, and the summariser's scale.

    python bench/summary_quality.py              # quality table + scale figures, into RESULTS.md
    python bench/summary_quality.py --quality    # the quality table only
    python bench/summary_quality.py --scale      # the scale figures only (1k/10k/100k sentences)
    python bench/summary_quality.py --select     # the parameter search behind the default

Quality: ROUGE-1/2/L F1 on Arabic-normalised tokens (``for_matching``: hamza folded, diacritics
gone, as the human extracts are written), mean over the five human extracts of each article, then
over articles. Every method picks the humans' mean number of sentences for that article (rounded,
at least 1), except the row "default, own length", where Talkhis chooses the count itself.

The corpus is read from ``../shared/corpora/easc-dev`` (or ``$TALKHIS_EASC``) and never copied
into the repository; without it the quality part is skipped with a message.

Model selection (``--select``): a grid over the ranking's parameters; the articles are split in
two halves by topic number, parameters are chosen on one half and scored on the other (both
ways), and the mean of those held-out scores is what the table reports as "held out".
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "desktop"))

from talkhis.core.article import ALGORITHMS, Document  # noqa: E402
from talkhis.core.normalize import for_matching  # noqa: E402
from talkhis.core.readers import read_document  # noqa: E402
from talkhis.core.segment import segment  # noqa: E402
from talkhis.core import summarize as S  # noqa: E402

EASC = Path(os.environ.get("TALKHIS_EASC", REPO.parent / "shared" / "corpora" / "easc-dev"))
RESULTS = REPO / "bench" / "RESULTS.md"
SELECTION = REPO / "bench" / "summary_selection.json"  # the last --select run, quoted in the report
SECTION = "## Summary quality (EASC development half) and scale"
_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(for_matching(text))


@dataclasses.dataclass
class Item:
    topic: int
    article: object  # talkhis Article
    references: list[list[str]]  # tokens of each human extract
    human_sentences: float
    human_words: float


def load_corpus(root: Path = EASC) -> list[Item]:
    items = []
    for topic_dir in sorted((root / "Articles").iterdir(), key=lambda p: int(p.name[5:])):
        path = next(p for p in topic_dir.iterdir() if p.suffix.lower() == ".txt")
        article = segment(read_document(path))
        references, counts = [], []
        for extract in sorted((root / "MTurk" / topic_dir.name).iterdir()):
            text = extract.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            references.append(tokens(text))
            pieces = segment(Document(path=str(extract), text=" ".join(text.split()), encoding=None, format="txt"))
            counts.append(sum(1 for s in pieces.sentences if any(c.isalpha() for c in s.text)))
        items.append(Item(int(topic_dir.name[5:]), article, references, statistics.mean(counts),
                          statistics.mean(len(r) for r in references)))
    return items


def _ngrams(words: list[str], n: int) -> Counter:
    return Counter(zip(*(words[i:] for i in range(n))))


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    c, r = _ngrams(candidate, n), _ngrams(reference, n)
    return _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    if not candidate or not reference:
        return 0.0
    previous = [0] * (len(reference) + 1)
    for word in candidate:
        current = [0]
        for j, other in enumerate(reference):
            current.append(previous[j] + 1 if word == other else max(previous[j + 1], current[j]))
        previous = current
    return _f1(previous[-1], len(candidate), len(reference))


def score(item: Item, texts: list[str], measures=("r1", "r2", "rl")) -> dict[str, float]:
    candidate = tokens(" ".join(texts))
    result = {}
    for m in measures:
        f = {"r1": lambda c, r: rouge_n(c, r, 1), "r2": lambda c, r: rouge_n(c, r, 2), "rl": rouge_l}[m]
        result[m] = statistics.mean(f(candidate, ref) for ref in item.references)
    return result


def human_count(item: Item) -> int:
    return max(1, round(item.human_sentences))


def candidates(item: Item) -> list:
    return [s for s in item.article.sentences if not s.heading]


def texts_of(item: Item, ids) -> list[str]:
    chosen = set(ids)
    return [s.text for s in item.article.sentences if s.id in chosen]


# --- methods: each gives the texts chosen for an item at a given count ----------------------------


def method_talkhis(algorithm: str):
    def run(item: Item, count: int | None):
        return texts_of(item, S.summarize(item.article, algorithm, count).ids)

    return run


def method_lead(item: Item, count: int):
    return [s.text for s in candidates(item)[:count]]


def method_random(seed: int):
    def run(item: Item, count: int):
        pool = candidates(item)
        rng = random.Random(seed * 1000 + item.topic)
        chosen = sorted(rng.sample(range(len(pool)), min(count, len(pool))))
        return [pool[i].text for i in chosen]

    return run


def method_stock_sumy(item: Item, count: int):
    """Stock sumy LexRank with its own Arabic tokenizer, on the article's raw text."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    parser = PlaintextParser.from_string(item.article.document.text, Tokenizer("arabic"))
    summarizer = LexRankSummarizer(Stemmer("arabic"))
    summarizer.stop_words = get_stop_words("arabic")
    return [str(s) for s in summarizer(parser.document, count)]


def evaluate(items: list[Item], method, *, own_length: bool = False, measures=("r1", "r2", "rl")):
    rows, words = [], []
    for item in items:
        texts = method(item, None if own_length else human_count(item))
        rows.append(score(item, texts, measures))
        words.append(len(tokens(" ".join(texts))))
    result = {m: statistics.mean(r[m] for r in rows) for m in measures}
    result["words"] = statistics.mean(words)
    return result


# --- model selection ------------------------------------------------------------------------------

GRID = {
    "damping": (0.35, 0.5, 0.7),
    "lead_decay": (0.25, 0.5, 1.0),
    "paragraph_first": (0.0, 0.5),
    "heading_weight": (0.5,),
    "redundancy": (0.0, 0.15, 0.3),
    "continuous": (False, True),
    "length_exponent": (0.0, 0.3, 0.6),
}


def _news_with(parameters):
    def run(item: Item, count: int):
        pool = candidates(item)
        if count >= len(pool):
            return [s.text for s in pool]
        return [pool[i].text for i in S._news_choice(item.article, count, parameters)]

    return run


def select(items: list[Item], log=print) -> dict:
    """Grid search with two-fold cross-validation (folds by topic number); ROUGE-1 only."""
    names = list(GRID)
    configurations = [dict(zip(names, values)) for values in itertools.product(*GRID.values())]
    per_item: dict[int, list[float]] = {}
    started = time.perf_counter()
    for k, configuration in enumerate(configurations):
        run = _news_with(S.NewsParameters(**configuration))
        per_item[k] = [score(item, run(item, human_count(item)), ("r1",))["r1"] for item in items]
        if k % 50 == 0:
            log(f"  {k}/{len(configurations)} configurations, {time.perf_counter() - started:.0f} s")
    folds = [[i for i, item in enumerate(items) if (item.topic // 2) % 2 == f] for f in (0, 1)]

    def mean(k, fold):
        return statistics.mean(per_item[k][i] for i in fold)

    held_out = []
    for train, test in ((folds[0], folds[1]), (folds[1], folds[0])):
        best = max(per_item, key=lambda k: mean(k, train))
        held_out.append((configurations[best], mean(best, train), mean(best, test)))
    lead = [score(item, method_lead(item, human_count(item)), ("r1",))["r1"] for item in items]
    best_all = max(per_item, key=lambda k: mean(k, range(len(items))))
    return {
        "configurations": len(configurations),
        "folds": [
            {"chosen": c, "train_r1": round(a, 4), "held_out_r1": round(b, 4),
             "lead_r1_on_held_out": round(statistics.mean(lead[i] for i in folds[1 - f]), 4)}
            for f, (c, a, b) in enumerate(held_out)
        ],
        "held_out_r1": round(statistics.mean(b for _, _, b in held_out), 4),
        "lead_r1": round(statistics.mean(lead), 4),
        "best_on_all": configurations[best_all],
        "best_on_all_r1": round(mean(best_all, range(len(items))), 4),
        "seconds": round(time.perf_counter() - started, 1),
    }


# --- scale ------------------------------------------------------------------------------------------

_SCALE_CHILD = """
import json, resource, sys, time, random
sys.path.insert(0, {desktop!r})
from talkhis.core.article import Article, Document, Sentence
from talkhis.core import summarize as S
n = int(sys.argv[1])
rng = random.Random(7)
vocabulary = ["w%d" % i for i in range(20000)]
weights = [1.0 / (i + 1) for i in range(len(vocabulary))]  # Zipf-like word frequencies
lines, sentences, offset = [], [], 0
words = rng.choices(vocabulary, weights, k=n * 18)
for i in range(n):
    text = " ".join(words[i * 18:(i + 1) * 18]) + "."
    sentences.append(Sentence(i, i // 5, text, False, offset, offset + len(text)))
    offset += len(text) + 1
text = " ".join(s.text for s in sentences)
article = Article(Document("<scale>", text, None, "txt"), tuple(sentences), "en")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
summary = S.summarize(article)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"sentences": n, "seconds": seconds, "peak_mb": peak / 1024, "before_mb": base / 1024,
                  "bullets": len(summary.ids)}}))
"""


def scale(sizes=(1000, 10_000, 100_000)) -> list[dict]:
    """Time and peak resident memory of the default summary, each size in a fresh process."""
    results = []
    child = _SCALE_CHILD.format(desktop=str(REPO / "desktop"))
    for n in sizes:
        out = subprocess.run([sys.executable, "-c", child, str(n)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


# --- report -------------------------------------------------------------------------------------------


def quality(items: list[Item]) -> list[tuple[str, dict]]:
    table = [("default (news), humans' count", evaluate(items, method_talkhis("news")))]
    table.append(("default (news), own count", evaluate(items, method_talkhis("news"), own_length=True)))
    table.append(("LEAD-N", evaluate(items, method_lead)))
    for algorithm in ALGORITHMS:
        if algorithm != "news":
            table.append((f"Talkhis {algorithm}", evaluate(items, method_talkhis(algorithm))))
    randoms = [evaluate(items, method_random(seed)) for seed in range(5)]
    table.append(("random-N (5 seeds)", {k: statistics.mean(r[k] for r in randoms) for k in randoms[0]}))
    try:
        import pyarabic  # noqa: F401  (sumy's Arabic tokenizer needs it; Talkhis itself does not)
    except ImportError:
        print("skipped stock sumy: its Arabic tokenizer needs pyarabic (pip install pyarabic)")
    else:
        table.append(("stock sumy LexRank (its Arabic tokenizer)", evaluate(items, method_stock_sumy)))
    return table


def at_lengths(items: list[Item], counts=(1, 3, 5, 10)) -> list[tuple[int, float, float]]:
    """ROUGE-1 of the default and of LEAD at fixed bullet counts (articles long enough only)."""
    rows = []
    for count in counts:
        chosen = [item for item in items if len(candidates(item)) > count]
        news = method_talkhis("news")
        fixed = [(score(i, news(i, count), ("r1",))["r1"], score(i, method_lead(i, count), ("r1",))["r1"])
                 for i in chosen]
        rows.append((count, len(chosen), statistics.mean(a for a, _ in fixed), statistics.mean(b for _, b in fixed)))
    return rows


def write_section(lines: list[str]) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if SECTION in text:
        text = text[: text.index(SECTION)].rstrip() + "\n"
    RESULTS.write_text(text.rstrip() + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--scale", action="store_true")
    parser.add_argument("--select", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    both = not (args.quality or args.scale or args.select)
    lines = [SECTION, "", f"Run: `python bench/summary_quality.py`, {time.strftime('%Y-%m-%d %H:%M')}."]
    if args.select or args.quality or both:
        if not (EASC / "Articles").is_dir():
            print(f"skipped quality: the EASC development half is not at {EASC} (set TALKHIS_EASC)")
            items = None
        else:
            items = load_corpus()
            humans = statistics.mean(i.human_words for i in items)
            print(f"{len(items)} articles; humans: {statistics.mean(i.human_sentences for i in items):.2f} "
                  f"sentences, {humans:.1f} words on average")
    if args.select and items:
        chosen = select(items)
        print(json.dumps(chosen, indent=1, ensure_ascii=False))
        SELECTION.write_text(json.dumps(chosen, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if (args.quality or both) and items:
        table = quality(items)
        lines += ["", f"{len(items)} articles; the humans' extracts average {humans:.1f} words.", "",
                  "| method | ROUGE-1 | ROUGE-2 | ROUGE-L | words |", "|---|---|---|---|---|"]
        for name, r in table:
            lines.append(f"| {name} | {r['r1']:.3f} | {r['r2']:.3f} | {r['rl']:.3f} | {r['words']:.1f} |")
        results = dict(table)
        gain = results["default (news), humans' count"]["r1"] - results["LEAD-N"]["r1"]
        ratio = results["default (news), own count"]["words"] / humans
        lines += ["", f"Targets: default at the humans' count ≥ LEAD-N + 0.02 ROUGE-1: "
                  f"{'holds' if gain >= 0.02 else 'NOT met'} ({gain:+.3f}). Default length within ±15% of "
                  f"the humans' words: {'holds' if abs(ratio - 1) <= 0.15 else 'NOT met'} ({ratio:.0%})."]
        if SELECTION.exists():
            chosen = json.loads(SELECTION.read_text(encoding="utf-8"))
            folds = chosen["folds"]
            lines += ["", f"Model selection (`--select`, {chosen['configurations']} configurations, two folds by "
                      "topic number, chosen on one fold and scored on the other): held-out ROUGE-1 "
                      + " and ".join(f"{f['held_out_r1']:.3f} (LEAD {f['lead_r1_on_held_out']:.3f})" for f in folds)
                      + f", mean {chosen['held_out_r1']:.3f} against LEAD's {chosen['lead_r1']:.3f}."]
            shipped = {k: getattr(S.NEWS, k) for k in GRID}
            which = [str(k + 1) for k, f in enumerate(folds) if f["chosen"] == shipped]
            lines.append(f"The shipped default `{json.dumps(shipped)}` "
                         + (f"is the choice of fold {' and '.join(which)}." if which else "was chosen by an earlier run."))
        lines += ["", "ROUGE-1 at a fixed number of bullets (articles with more candidate sentences than that):",
                  "", "| bullets | articles | default | LEAD |", "|---|---|---|---|"]
        for count, n, news, lead in at_lengths(items):
            lines.append(f"| {count} | {n} | {news:.3f} | {lead:.3f} |")
    if args.scale or both:
        lines += ["", "Scale (default method, synthetic 18-word sentences, Zipf vocabulary of 20,000 words, "
                  "fresh process each):", "", "| sentences | seconds | peak RSS MB |", "|---|---|---|"]
        for r in scale():
            lines.append(f"| {r['sentences']:,} | {r['seconds']:.2f} | {r['peak_mb']:.0f} |")
    print("\n".join(lines))
    if not args.no_write and not (args.select and not (args.quality or args.scale)):
        write_section(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
