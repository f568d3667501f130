"""How foreign names no list knows are spelt (issue 16): tests/data/foreign-names.tsv.

    python bench/foreign_names.py [--before REV]

For each name of the gold (a foreign name as Arabic news writes it, with the English spellings a
careful reader accepts): Talkhis's transliteration, and when ``../shared/models/aren-transliteration``
is present, that small trained character model's (a reference only: it is not shipped). Counts:
exact (one of the accepted spellings, case aside) and close (the same after folding what a reader
passes over: doubled letters, c/k, e/i, o/u, y/i, a final e). ``--before REV`` also scores
``transliterate`` as it was at a git revision (read with ``git show``, run in a fresh process).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "foreign-names.tsv"
REFERENCE = REPO.parent / "shared" / "models" / "aren-transliteration"


def gold() -> list[tuple[str, list[str]]]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            arabic, accepted = line.split("\t")
            rows.append((arabic, accepted.split("|")))
    return rows


def close_form(latin: str) -> str:
    text = latin.lower().replace("ph", "f").replace("ck", "k").replace("c", "k")
    text = text.translate(str.maketrans("euy", "ioi"))
    text = re.sub(r"(.)\1+", r"\1", text)
    return text[:-1] if len(text) > 3 and text.endswith("i") and latin.lower().endswith("e") else text


def score(spellings: list[str], rows) -> tuple[int, int]:
    exact = close = 0
    for latin, (_, accepted) in zip(spellings, rows):
        exact += latin.lower() in {a.lower() for a in accepted}
        close += close_form(latin) in {close_form(a) for a in accepted}
    return exact, close


def reference(rows) -> list[str] | None:
    try:
        import ctranslate2
    except ImportError:
        return None
    if not (REFERENCE / "model.bin").is_file():
        return None
    translator = ctranslate2.Translator(str(REFERENCE), device="cpu")
    results = translator.translate_batch([list(arabic) for arabic, _ in rows], beam_size=4)
    return ["".join(r.hypotheses[0]).capitalize() for r in results]


def before(revision: str, rows) -> list[str]:
    source = subprocess.run(["git", "-C", str(REPO), "show", f"{revision}:desktop/talkhis/core/lexicon/names.py"],
                            check=True, capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "old_names.py").write_text(source, encoding="utf-8")
        code = ("import sys, json; sys.path.insert(0, sys.argv[1]); import old_names; "
                "print(json.dumps([old_names.transliterate(w) for w in json.loads(sys.stdin.read())]))")
        import json

        out = subprocess.run([sys.executable, "-c", code, folder], input=json.dumps([a for a, _ in rows]),
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision to compare with")
    parser.add_argument("--list", action="store_true", help="print every name")
    args = parser.parse_args()
    from talkhis.core.lexicon.names import transliterate

    rows = gold()
    columns = {"talkhis": [transliterate(a) for a, _ in rows]}
    if args.before:
        columns = {f"before ({args.before})": before(args.before, rows), **columns}
    ref = reference(rows)
    if ref is not None:
        columns["reference model (not shipped)"] = ref
    if args.list:
        for i, (arabic, accepted) in enumerate(rows):
            print(arabic, *(c[i] for c in columns.values()), "|".join(accepted), sep="\t")
    for name, spellings in columns.items():
        exact, close = score(spellings, rows)
        print(f"{name}: exact {exact}/{len(rows)} ({exact / len(rows):.0%}), close {close}/{len(rows)} ({close / len(rows):.0%})")


if __name__ == "__main__":
    main()
