"""The ``talkhis`` command: ``summarize`` articles, ``lookup`` words, manage ``models``, or open the window.

``talkhis`` alone or ``talkhis FILE`` opens the window (``talkhis gui FILE`` too). Every
expected failure prints one line ``talkhis: <what went wrong and what to do>`` and exits with
2 (usage), 3 (input) or 4 (model); nothing prints a traceback.

Each command imports the core modules it needs when it runs (the command line's lazy-import
boundary): ``talkhis`` alone opens the window, which must not wait for the pipeline, CTranslate2
or sumy to load first.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from talkhis import __version__
from talkhis.core import atomic, export
from talkhis.core.article import ALGORITHMS  # not core.summarize: numpy and sumy would slow `talkhis`
from talkhis.core.errors import InputError, TalkhisError, UsageError
from talkhis.core.logs import setup_logging
from talkhis.core.settings import Settings

log = logging.getLogger(__name__)

COMMANDS = ("summarize", "lookup", "models", "cache", "gui")
FORMATS = ("text", "markdown", "json", "docx")
NO_MODEL_HINT = (
    "no translation model installed, so English is only word-by-word glosses; import one with "
    "'talkhis models import FILE.argosmodel' (see models/README.md)"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2, as argparse does, but in our voice
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' must be 1 or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="talkhis", description="Offline Arabic→English translation and bullet summaries.")
    parser.add_argument("--version", action="version", version=f"talkhis {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check this installation without a window: load the model (or --model NAME|PATH), "
                        "translate and summarise a built-in paragraph, print versions and timings (talkhis.smoke)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("summarize", help="translate and summarise articles", description="Translate and summarise articles offline.")
    s.add_argument("files", nargs="+", metavar="FILE", help="articles to process")
    s.add_argument("--model", help="installed model name, or path to a model folder or .argosmodel file")
    s.add_argument("--bullets", type=_positive_int, help="number of bullets (default: by article length)")
    s.add_argument("--algorithm", choices=ALGORITHMS, help="summary algorithm (default: lexrank)")
    s.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    s.add_argument("--output", type=Path, help="write to this file instead of standard output (required for docx)")
    s.add_argument("--attachment", type=_positive_int, metavar="N",
                   help="for an e-mail, process its attachment number N (as listed in its notes)")
    s.add_argument("--max-size", type=_positive_int, metavar="MB", help="largest article accepted (default 20)")
    s.add_argument("--beam", type=_positive_int, help="beam size (default 4; 1 is fastest)")
    s.add_argument("--threads", type=_positive_int, help="CPU threads for translation (default: all cores)")
    s.add_argument("--no-cache", action="store_true", help="translate every sentence again, ignoring the translation memory")
    s.add_argument("--gloss", action="store_true", help="add word-by-word English glosses even with a model (always on without one)")

    lk = sub.add_parser(
        "lookup",
        help="every reading of an Arabic word, with English glosses",
        description="Look Arabic words up in Buckwalter's lexicon: vocalised form, lemma, part of speech, "
        "clitic segmentation and English glosses, most plausible reading first.",
        epilog="Exit status 3 when a word has no reading (a name or a word the lexicon lacks).",
    )
    lk.add_argument("words", nargs="+", metavar="WORD", help="Arabic word(s); diacritics and Persian letter forms are fine")
    lk.add_argument("--format", choices=("text", "json"), default="text")

    m = sub.add_parser("models", help="list, import and remove translation models")
    msub = m.add_subparsers(dest="action", required=True, parser_class=_Parser)
    mi = msub.add_parser("import", help="install a model from a .argosmodel/.zip file or a folder")
    mi.add_argument("path", type=Path)
    mi.add_argument("--name", help="name to install it under (default: from the file)")
    ml = msub.add_parser("list", help="list installed models")
    ml.add_argument("--format", choices=("text", "json"), default="text")
    mr = msub.add_parser("remove", help="remove an installed model")
    mr.add_argument("name")
    md = msub.add_parser("default", help="show or set the default model")
    md.add_argument("name", nargs="?")

    c = sub.add_parser("cache", help="the translation memory (sentences already translated)")
    c.add_argument("action", choices=("info", "clear"))

    g = sub.add_parser("gui", help="open the window (the default)")
    g.add_argument("file", nargs="?", type=Path)
    g.add_argument("--model", help="model to use for this session")
    g.add_argument("--screenshot", type=Path, metavar="PNG", help="save a screenshot when done, then exit")
    return parser


def _progress_printer(label: str):
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, _new) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r{label[:30]:30} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_summarize(args) -> int:
    from talkhis.core import pipeline

    if args.format == "docx" and (args.output is None or len(args.files) != 1):
        raise UsageError("--format docx writes one article to one file: give one FILE and --output PATH.docx")
    settings = Settings()
    if settings.warning:
        _warn(settings.warning)
    engine, options = pipeline.translation_settings(settings, threads=args.threads, beam_size=args.beam)
    model = pipeline.load_model(args.model, preferred=settings["default_model"], engine=engine)
    if model is None:
        _warn(NO_MODEL_HINT)
    memory = None
    if model is not None and settings["use_cache"] and not args.no_cache:
        memory = pipeline.TranslationMemory()
    algorithm = args.algorithm or settings["algorithm"]
    max_bytes = (args.max_size or settings["max_file_mb"]) * 1024 * 1024
    outputs, status = [], 0
    for file in args.files:
        try:
            if args.attachment:
                from talkhis.core.readers.email import extract_attachment

                file = extract_attachment(file, args.attachment, max_bytes=max_bytes)
            result = pipeline.process(
                file,
                model,
                algorithm=algorithm,
                bullets=args.bullets or settings["bullets"],
                options=options,
                on_progress=_progress_printer(Path(file).name),
                max_bytes=max_bytes,
                memory=memory,
                gloss=True if args.gloss else None,
            )
        except InputError as exc:  # one bad file does not stop the batch
            _warn(str(exc))
            status = status or exc.exit_code
            continue
        for note in result.article.document.notes:
            _warn(f"{Path(file).name}: {note}")
        if args.format == "docx":
            from talkhis.core.export_docx import write_docx

            try:
                write_docx(result, args.output)
            except OSError as exc:
                raise InputError(f"{args.output}: cannot write the document ({exc.strerror}); choose another path") from None
            return status
        if args.format == "json":
            outputs.append(export.to_json(result) + "\n")
        elif args.format == "markdown":
            outputs.append(export.to_markdown(result))
        else:
            outputs.append(export.to_text(result))
    text = ("\n" if args.format != "json" else "").join(outputs)
    if args.output:
        try:
            atomic.write_text(args.output, text)
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write the output ({exc.strerror}); choose another path") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return status


def cmd_lookup(args) -> int:
    from talkhis.core.lexicon import analyse, gloss_word, normalise_word

    status = 0
    for word in args.words:
        analyses = analyse(word)
        if args.format == "json":
            print(json.dumps({
                "word": word,
                "normalised": normalise_word(word),
                "gloss": gloss_word(word).gloss if analyses else None,
                "analyses": [a.to_dict() for a in analyses],
            }, ensure_ascii=False))
        elif analyses:
            print(f"{word} → {gloss_word(word).gloss}")
            for n, a in enumerate(analyses, 1):
                pieces = " + ".join(f"{m.text or '∅'} {m.gloss or '-'} [{m.tag}]" for m in a.morphemes)
                respelled = f"  (read as {a.respelled})" if a.respelled else ""
                print(f"  {n}. {a.vocalised} ({a.buckwalter})  {a.pos}  lemma {a.lemma} ({a.lemma_id}){respelled}")
                print(f"     {pieces}")
                print(f"     gloss: {a.english}   senses: {'; '.join(a.senses)}")
        if not analyses:
            _warn(f"{word}: not in the lexicon (a name, a foreign word or a misspelling?)")
            status = 3
    return status


def cmd_models(args) -> int:
    from talkhis.core.model_store import ModelStore

    store = ModelStore()
    settings = Settings()
    if args.action == "import":
        printer = None
        if sys.stderr.isatty():
            def printer(what, fraction):
                sys.stderr.write(f"\r{what}… {int(fraction * 100):3d}%")
                sys.stderr.flush()
        info = store.import_model(args.path, name=args.name, progress=printer)
        if printer:
            sys.stderr.write("\n")
        default = store.chosen_default(settings["default_model"], imported=info.name)
        if default != settings["default_model"]:
            settings["default_model"] = default
            settings.save()
        print(f"installed {info.name} ({info.layout}, {info.source_language}→{info.target_language}, "
              f"{info.size_bytes / 1e6:.1f} MB, {_speed(info)} on this computer)")
        return 0
    if args.action == "list":
        infos = store.list()
        default = store.default_name(settings["default_model"])
        if args.format == "json":
            rows = [
                {"name": i.name, "layout": i.layout, "source": i.source_language, "target": i.target_language,
                 "size_bytes": i.size_bytes, "size_mb": round(i.size_bytes / 1e6, 1), "license": i.license,
                 "sentences_per_second": i.sentences_per_second, "inter_threads": i.inter_threads or None,
                 "published_quality": i.published_quality, "path": i.path, "default": i.name == default}
                for i in infos
            ]
            print(json.dumps(rows, ensure_ascii=False))
        elif not infos:
            print("no models installed; import one with 'talkhis models import FILE.argosmodel'")
        else:
            for i in infos:  # sizes in MB (10^6 bytes), as in the Models dialog
                mark = "*" if i.name == default else " "
                print(f"{mark} {i.name}\t{i.layout}\t{i.source_language}→{i.target_language}\t{i.size_bytes / 1e6:.1f} MB\t"
                      f"{i.license or 'licence unknown'}\t{_speed(i)}\t{i.published_quality or 'no published score'}")
        return 0
    if args.action == "remove":
        store.remove(args.name)
        default = store.chosen_default(settings["default_model"])
        if default != settings["default_model"]:
            settings["default_model"] = default
            settings.save()
        print(f"removed {args.name}")
        return 0
    if args.name is None:
        print(store.default_name(settings["default_model"]) or "no models installed")
        return 0
    store.get(args.name)  # raises a clear error for an unknown name
    settings["default_model"] = args.name
    settings.save()
    print(f"default model: {args.name}")
    return 0


def _speed(info) -> str:
    """The speed measured at import, as the Models dialog shows it."""
    if info.sentences_per_second is None:
        return "speed not measured"
    return f"{info.sentences_per_second:.1f} sentences/s"


def cmd_cache(args) -> int:
    from talkhis.core.memory import TranslationMemory

    memory = TranslationMemory()
    if args.action == "clear":
        print(f"forgot {memory.clear()} translations ({memory.path})")
    else:
        print(f"{memory.count()} translations remembered in {memory.path}")
    if memory.warning:
        _warn(memory.warning)
    return 0


def cmd_gui(args) -> int:
    from talkhis.ui.app import run

    return run(file=args.file, model=args.model, screenshot=args.screenshot)


def _warn(message: str) -> None:
    print(f"talkhis: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    log_path = setup_logging()
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        argv = ["gui", *argv]
    try:
        if argv and argv[0] == "--smoke-test":  # its own options (--model); see talkhis/smoke.py
            from talkhis.smoke import main as smoke_test

            return smoke_test(argv[1:])
        args = build_parser().parse_args(argv)
        if args.command is None:
            args = build_parser().parse_args(["gui"])
        handler = {"summarize": cmd_summarize, "lookup": cmd_lookup, "models": cmd_models, "cache": cmd_cache,
                   "gui": cmd_gui}[args.command]
        return handler(args)
    except TalkhisError as exc:
        _warn(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _warn("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: the details go to the log, the user gets one line
        log.exception("unexpected error")
        _warn(f"unexpected error ({type(exc).__name__}: {exc}); details are in {log_path}")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
