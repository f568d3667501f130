"""The ``talkhis`` command: ``summarize`` articles, ``lookup`` words, manage ``models``, or open the window.

``talkhis`` alone or ``talkhis FILE`` opens the window (``talkhis gui FILE`` too). Every
expected failure prints one line ``talkhis: <what went wrong and what to do>`` and exits with
2 (usage), 3 (input), 4 (model) or 5 (no display for the window); nothing prints a traceback.
Options have the ranges of the settings they override; each file's output is written as soon as
it is done, so a file that fails costs the batch nothing but its own output.

Each command imports the core modules it needs when it runs (the command line's lazy-import
boundary): ``talkhis`` alone opens the window, which must not wait for the pipeline, CTranslate2
or sumy to load first.
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import re
import shutil
import stat
import sys
from pathlib import Path

from talkhis import __version__
from talkhis.core import atomic, export
from talkhis.core.article import ALGORITHMS  # not core.summarize: numpy and sumy would slow `talkhis`
from talkhis.core.errors import InputError, TalkhisError, UsageError
from talkhis.core.logs import setup_logging
from talkhis.core.settings import Settings

log = logging.getLogger(__name__)

COMMANDS = ("summarize", "lookup", "models", "cache", "ocr", "glossary", "gui")
FORMATS = ("text", "markdown", "json", "html", "docx")
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


def _in_range(setting: str, bounds: tuple[int, int] | None = None):
    """A whole number within the range the setting of that name allows (core/settings.py), so
    --beam 5000 or --max-size 9999999999 is a usage error, not gigabytes of memory or a crash."""
    from talkhis.core.settings import OPTIONS

    low, high = bounds or next(o.bounds for o in OPTIONS if o.name == setting)
    low = max(low, 1)

    def parse(value: str) -> int:
        if len(value) > 20:
            raise argparse.ArgumentTypeError(f"'{value[:20]}…' is not a whole number from {low} to {high}")
        number = _positive_int(value)
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"'{value}' is out of range: give a whole number from {low} to {high}")
        return number

    return parse


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
    s.add_argument("--bullets", type=_in_range("bullets"), help="number of bullets (default: by article length)")
    s.add_argument("--algorithm", choices=ALGORITHMS, help="summary algorithm (default: news, position-aware LexRank)")
    s.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    s.add_argument("--output", type=Path, help="write to this file instead of standard output (required for docx)")
    s.add_argument("--attachment", type=_in_range("attachment", (1, 10_000)), metavar="N",
                   help="for an e-mail, process its attachment number N (as listed in its notes)")
    s.add_argument("--max-size", type=_in_range("max_file_mb"), metavar="MB", help="largest article accepted (default 20)")
    s.add_argument("--beam", type=_in_range("beam_size"), help="beam size (default 4; 1 is fastest)")
    s.add_argument("--threads", type=_in_range("threads"), help="CPU threads for translation (default: all cores)")
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

    o = sub.add_parser("ocr", help="reading scans and photos: is OCR on, and installing its Arabic model")
    osub = o.add_subparsers(dest="action", required=True)
    oi = osub.add_parser("import", help="install a Tesseract model (ara.traineddata; eng.traineddata for English)")
    oi.add_argument("file", type=Path)
    osub.add_parser("status", help="say whether OCR is on and which models it uses")

    _add_glossary_parser(sub)

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

    _exit_cleanly_on_sigterm()

    if args.format == "docx" and (args.output is None or len(args.files) != 1):
        raise UsageError("--format docx writes one article to one file: give one FILE and --output PATH.docx")
    if args.output is not None:
        _check_output(args.output, args.format)
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
    sink = _Output(args.output, args.format)
    status, memory_warned = 0, False
    try:
        for file in args.files:
            name = _one_line(Path(file).name)
            extracted = None
            try:
                if args.attachment:
                    from talkhis.core.readers.email import extract_attachment

                    file = extracted = extract_attachment(file, args.attachment, max_bytes=max_bytes)
                result = pipeline.process(
                    file,
                    model,
                    algorithm=algorithm,
                    bullets=args.bullets or settings["bullets"],
                    options=options,
                    on_progress=_progress_printer(name),
                    max_bytes=max_bytes,
                    memory=memory,
                    gloss=True if args.gloss else None,
                )
                if args.format != "docx":
                    rendered = _render(result, args.format)
            except InputError as exc:  # one bad file does not stop the batch
                _warn(str(exc))
                status = status or exc.exit_code
                continue
            except TalkhisError:
                raise
            except Exception as exc:  # a bug met on one file: the others still get their output
                log.exception("unexpected error on %s", file)
                _warn(f"{name}: unexpected error ({type(exc).__name__}); skipped, the other files go on; "
                      f"details are in the log")
                status = status or 1
                continue
            finally:
                if extracted is not None:  # the command line's copy of an attachment is not kept
                    shutil.rmtree(Path(extracted).parent, ignore_errors=True)
            if memory is not None and memory.warning and not memory_warned:
                _warn(memory.warning)
                memory_warned = True
            for note in result.article.document.notes:
                _warn(f"{name}: {note}")
            if args.format == "docx":
                from talkhis.core.export_docx import write_docx

                _remove_stale_temporaries(args.output)
                try:
                    write_docx(result, args.output)
                except OSError as exc:
                    raise InputError(f"{args.output}: cannot write the document ({exc.strerror}); choose another path") from None
                return status
            sink.add(rendered)  # on standard output at once: a later file's failure cannot lose it
    finally:
        sink.close()
    return status


def _render(result, format: str) -> str:
    from talkhis.core.readers import repair_text

    if format == "json":
        return export.to_json(result) + "\n"
    if format == "markdown":
        text = export.to_markdown(result)
    elif format == "html":  # exactly what Copy summary puts on the clipboard
        text = export.summary_html(result)
    else:
        text = export.to_text(result)
    return repair_text(text)  # a file name that is not UTF-8 (surrogate escapes) prints as U+FFFD


def _check_output(path: Path, format: str) -> None:
    """Refuse before any work an --output that is a folder; a device or a pipe is written into, never replaced."""
    try:
        info = path.stat()
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path}: is a folder; give --output the path of a file")
    if not stat.S_ISREG(info.st_mode) and format == "docx":
        raise UsageError(f"{path}: is not a regular file; give --output the path of a .docx file")


STALE_TEMPORARY_SECONDS = 600


def _remove_stale_temporaries(path: Path) -> None:
    """A killed earlier write of this output left ``.NAME.xxxx.tmp`` beside it (core/atomic.py's
    temporary file): removed now, when older than a few minutes (a write still running is younger)."""
    import time

    limit = time.time() - STALE_TEMPORARY_SECONDS
    try:
        for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            info = leftover.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                leftover.unlink()
    except OSError:
        pass


class _Output:
    """Where the rendered articles go: standard output as each is done, or one file at the end
    (written atomically, with whatever was done even when a later file failed)."""

    def __init__(self, path: Path | None, format: str):
        self.path, self.format, self.parts = path, format, []

    def add(self, text: str) -> None:
        if self.path is None:
            if self.parts and self.format != "json":
                text = "\n" + text
            sys.stdout.write(text)
            sys.stdout.flush()
        self.parts.append(text)

    def close(self) -> None:
        if self.path is None or self.format == "docx" or not self.parts:
            return
        text = ("\n" if self.format != "json" else "").join(self.parts)
        try:
            info = self.path.stat()
        except OSError:
            info = None
        _remove_stale_temporaries(self.path)
        try:
            if info is not None and not stat.S_ISREG(info.st_mode):
                with open(self.path, "w", encoding="utf-8") as handle:  # /dev/stdout, a pipe: never replaced
                    handle.write(text)
            else:
                atomic.write_text(self.path, text)
        except OSError as exc:
            raise InputError(f"{self.path}: cannot write the output ({exc.strerror}); choose another path") from None


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
    from talkhis.core.translation.options import translation_settings

    _exit_cleanly_on_sigterm()
    settings = Settings()
    store = ModelStore(settings=translation_settings(settings)[0])  # the speed measured as the user translates
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
        print(_one_line(f"installed {info.name} ({info.layout}, {info.source_language}→{info.target_language}, "
                        f"{info.size_bytes / 1e6:.1f} MB, {_speed(info)} on this computer)"))
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
                print("\t".join(_one_line(cell) for cell in (
                    f"{mark} {i.name}", i.layout, f"{i.source_language}→{i.target_language}",
                    f"{i.size_bytes / 1e6:.1f} MB", i.license or "licence unknown", _speed(i),
                    i.published_quality or "no published score"))
                )
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

    import sqlite3

    memory = TranslationMemory()
    try:
        if args.action == "clear":
            print(f"forgot {memory.clear()} translations ({memory.path})")
        else:
            print(f"{memory.count()} translations remembered in {memory.path}")
    except sqlite3.Error as exc:  # read-only, disk full, a home that is a file: said, not a traceback
        raise InputError(f"{memory.path}: the translation memory cannot be used ({exc}); check the folder") from None
    if memory.warning:
        _warn(memory.warning)
    return 0


def cmd_ocr(args) -> int:
    from talkhis.core import ocr

    if args.action == "import":
        target = ocr.import_model(args.file)
        print(f"installed {target.name} in {target.parent}")
    print(ocr.status())
    return 0


def _refuse_a_mistyped_command(argv: list[str]) -> None:
    """``talkhis sumarize FILE``: a first word that is no file here and nearly a command name is
    a typo, not an article for the window."""
    import difflib

    if not argv or _is_file(argv[0]):
        return
    close = difflib.get_close_matches(argv[0].lower(), COMMANDS, n=1, cutoff=0.75)
    if close or len(argv) > 1 and _is_file(argv[1]):
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(f"'{argv[0]}' is not a command or a file; {hint}(see 'talkhis --help')")


def _is_file(argument: str) -> bool:
    """Whether ``argument`` names something here (a name too long for the system is not a file)."""
    try:
        return Path(argument).exists()
    except (OSError, ValueError):  # ENAMETOOLONG; an embedded NUL
        return False


def _check_display() -> None:
    """Without a display Qt aborts (exit 134, nothing said): say it in one line instead."""
    if not sys.platform.startswith("linux") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] not in ("", "xcb", "wayland"):
        return  # offscreen, vnc, eglfs…: the user chose a platform that needs no display
    raise NoDisplay("no display found (DISPLAY and WAYLAND_DISPLAY are not set): run the window in a "
                    "desktop session, or use 'talkhis summarize FILE' on the command line")


class NoDisplay(TalkhisError):
    exit_code = 5  # as 'talkhis --smoke-test' for a window that cannot start


def cmd_gui(args) -> int:
    _check_display()
    from talkhis.ui import tasks
    from talkhis.ui.app import run

    code = run(file=args.file, model=args.model, screenshot=args.screenshot)
    if tasks.ABANDONED.is_set():  # a worker still in a batch: end now rather than wait for it
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
    return code


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _one_line(text: str) -> str:
    """A name or message from a file (a zip member, a model's metadata, a file name) made safe
    for the terminal: no newline to forge a line, no escape sequence, no bidi override."""
    return _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub(" ", str(text)))


# ----- talkhis glossary (issue 16): the analyst's fixed renderings -----------------------------


def _add_glossary_parser(sub) -> None:
    from talkhis.core.glossary import KINDS

    gl = sub.add_parser(
        "glossary", help="your own renderings of names and terms, used in glosses and the entity list",
        description="Fix how a name or term is rendered once (كيغينز → Caggins, قسد → SDF); "
        "every gloss and entity list uses it from then on. CSV columns: arabic,english,kind.",
    )
    gsub = gl.add_subparsers(dest="action", required=True, parser_class=_Parser)
    ga = gsub.add_parser("add", help="add a term or change its rendering")
    ga.add_argument("arabic")
    ga.add_argument("english")
    ga.add_argument("--kind", choices=KINDS, default="term", help="person, place, organisation or term (default)")
    gsub.add_parser("list", help="list the glossary").add_argument("--format", choices=("text", "csv"), default="text")
    gsub.add_parser("remove", help="remove a term").add_argument("arabic")
    gsub.add_parser("import", help="add every row of a CSV file (arabic,english[,kind])").add_argument("file", type=Path)
    gsub.add_parser("export", help="write the glossary as CSV (to standard output without FILE)").add_argument(
        "file", nargs="?", type=Path
    )


def cmd_glossary(args) -> int:
    from talkhis.core import glossary

    if args.action == "add":
        term = glossary.add(args.arabic, args.english, args.kind)
        print(f"{term.arabic} → {term.english} ({term.kind})")
    elif args.action == "remove":
        if not glossary.remove(args.arabic):
            _warn(f"{args.arabic}: not in the glossary ({glossary.glossary_path()})")
            return 3
        print(f"removed {args.arabic}")
    elif args.action == "import":
        print(f"imported {glossary.import_csv(args.file)} terms into {glossary.glossary_path()}")
    elif args.action == "export":
        text = glossary.export_csv(args.file)
        if args.file is None:
            sys.stdout.write(text)
        else:
            print(f"wrote {len(glossary.load())} terms to {args.file}")
    elif args.format == "csv":
        sys.stdout.write(glossary.export_csv(None))
    else:
        terms = glossary.load()
        for term in terms:
            print(f"{term.arabic}\t{term.english}\t{term.kind}")
        if not terms:
            _warn(f"the glossary is empty ({glossary.glossary_path()}); add a term with 'talkhis glossary add ARABIC ENGLISH'")
    return 0


def _warn(message: str) -> None:
    print(f"talkhis: {_one_line(message)}", file=sys.stderr)


def _exit_cleanly_on_sigterm() -> None:
    """``kill PID`` (SIGTERM) ends the command as Ctrl+C does: every clean-up on the way out runs
    (a half-written output's temporary file, a model unpacked for this run, an import's staging
    folder), where the default action would leave them behind."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def terminate(signum, _frame):
        raise SystemExit(128 + signum)

    try:
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, terminate)
    except (ValueError, OSError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    log_path = setup_logging()
    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            _refuse_a_mistyped_command(argv)
            argv = ["gui", *argv]
        if argv and argv[0] == "--smoke-test":  # its own options (--model); see talkhis/smoke.py
            from talkhis.smoke import main as smoke_test

            return smoke_test(argv[1:])
        args = build_parser().parse_args(argv)
        if args.command is None:
            args = build_parser().parse_args(["gui"])
        handler = {"summarize": cmd_summarize, "lookup": cmd_lookup, "models": cmd_models, "cache": cmd_cache,
                   "ocr": cmd_ocr, "glossary": cmd_glossary, "gui": cmd_gui}[args.command]
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
