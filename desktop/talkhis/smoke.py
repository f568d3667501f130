"""``talkhis --smoke-test [--model NAME|PATH]``: prove that an installation works, without a window.

What a fresh install (a source checkout, or the frozen app an IT department built) needs to do
its job, checked in the order a failure is easiest to understand:

1. every module the app imports is there;
2. Qt starts under the current platform plugin (``QT_QPA_PLATFORM``; ``offscreen`` on a build
   machine) and the main window can be built (hidden: nothing is shown);
3. the default model (or ``--model``) loads;
4. a built-in Arabic paragraph is read, translated and summarised by
   :func:`talkhis.core.pipeline.process`: the same :class:`~talkhis.core.job.ArticleJob` the
   command line and the window run, with the engine and decoding options the settings give
   (``translation_settings``, as everywhere);
5. the lexicon's data files are found and one word is glossed;
6. nothing tried to reach the network: while it runs, every Python-level attempt to connect a
   socket or resolve a host name is refused and makes the test fail.

On success it prints ONE line (versions and timings) and exits 0. Otherwise it prints one line
``talkhis: smoke test failed: <what> ; <what to do>`` and exits 4 when no model is installed or
the model is broken (as everywhere in the CLI), 5 when the installation itself is incomplete (a
missing module or data file, a Qt platform plugin that cannot start). It reads the settings but
never writes them, and it does not use the translation memory.

``packaging/build.py`` runs this on the frozen app; ``tests/test_packaging.py`` runs it from source.

Qt, the pipeline and the libraries are imported inside the checks, not at the top: that is
this module's one lazy-import boundary, so that a module missing from an installation is the
check's one-line finding rather than a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import platform
import re
import socket
import sys
import tempfile
import time
from pathlib import Path

from talkhis import __version__
from talkhis.core.errors import ModelError
from talkhis.core.settings import Settings

log = logging.getLogger(__name__)

EXIT_MODEL = 4
EXIT_BROKEN_INSTALL = 5

# Written for this project: a headline and four sentences of ordinary news Arabic.
ARTICLE_TEXT = (
    "وزارة الزراعة تعلن خطة لدعم المزارعين\n"
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية. "
    "وقال الوزير إن الخطة تشمل توزيع البذور والأسمدة مجانا على أكثر من عشرة آلاف أسرة. "
    "وأضاف أن الحكومة ستفتح مراكز جديدة لتخزين المحاصيل قبل نهاية العام.\n"
    "ورحب ممثلو المزارعين بالقرار، لكنهم طالبوا بتحسين الطرق بين القرى والأسواق."
)
GLOSS_WORD = "والمزارعون"  # "and the farmers": prefix, article, stem and suffix all from the lexicon

QT_LIBRARIES_HINT = (
    "install the libraries Qt needs (Debian/Ubuntu: libegl1 libgl1 libxkbcommon0 libfontconfig1 "
    "libdbus-1-3, and libxcb-cursor0 for a desktop session) or run with QT_QPA_PLATFORM=offscreen"
)


class SmokeFailure(Exception):
    def __init__(self, message: str, code: int = EXIT_BROKEN_INSTALL):
        super().__init__(message)
        self.code = code


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def _fail_now(message: str, code: int) -> None:
    """For Qt's fatal messages: Qt aborts right after the handler returns, so exit from inside it."""
    print(f"talkhis: smoke test failed: {_one_line(message)}", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(code)


def _start_qt() -> tuple[str, str]:
    """Create the QApplication and a hidden main window; return (Qt version, platform name)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler, qVersion

    platform_name = os.environ.get("QT_QPA_PLATFORM") or "default"
    heard: list[str] = []

    def on_qt_message(mode, _context, message: str) -> None:
        if mode == QtMsgType.QtFatalMsg:
            # Qt's fatal text is a paragraph; the warnings before it name the plugin and library.
            cause = "; ".join(_one_line(m)[:200] for m in heard if "plugin" in m or "xcb" in m) or _one_line(message)
            hint = QT_LIBRARIES_HINT
            if sys.platform.startswith("linux") and platform_name in ("default", "xcb", "wayland") and not (
                    os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
                hint = "there is no display (DISPLAY is not set): run it in a desktop session, or with QT_QPA_PLATFORM=offscreen"
            _fail_now(f"Qt could not start its '{platform_name}' platform plugin ({cause[:400]}); {hint}",
                      EXIT_BROKEN_INSTALL)
        heard.append(message)

    previous = qInstallMessageHandler(on_qt_message)
    try:
        import talkhis.ui  # noqa: F401  (applies the PySide6 reference-count guard)
        from PySide6.QtGui import QGuiApplication

        from talkhis.ui.app import create_application
        from talkhis.ui.main_window import MainWindow

        app = create_application()
        try:
            window = MainWindow(interactive=False)  # built, never shown
        except Exception as exc:  # a bug, or a module the frozen app left out
            log.exception("the main window could not be built")
            raise SmokeFailure(f"the main window could not be built ({type(exc).__name__}: {_one_line(exc)}); "
                               "the traceback is in the log file") from None
        try:
            if window.isVisible():
                raise SmokeFailure("the main window showed itself during the smoke test")
        finally:
            window.runner.shutdown()
            window.translator.close()
            window.deleteLater()
            app.processEvents()
        return qVersion(), QGuiApplication.platformName()
    finally:
        qInstallMessageHandler(previous)


def _load_model(spec: str | None):
    """The model and the decoding options, from the settings as the window and the CLI make them."""
    from talkhis.core.pipeline import load_model, translation_settings  # imported by _run_checks' check

    settings = Settings()
    engine, options = translation_settings(settings)
    try:
        model = load_model(spec, preferred=settings["default_model"], engine=engine)
    except ModelError as exc:
        raise SmokeFailure(str(exc), EXIT_MODEL) from None
    if model is None:
        raise SmokeFailure(
            "no translation model is installed; import one with 'talkhis models import FILE.argosmodel', "
            "bundle one under models/bundled/<name>/ when building, or name one with --model NAME|PATH",
            EXIT_MODEL,
        )
    return model, options


def _process(model, options):
    """The built-in article through the whole job (read, translate, summarise); its Result."""
    from talkhis.core.pipeline import process

    with tempfile.TemporaryDirectory(prefix="talkhis-smoke-") as folder:
        path = Path(folder) / "smoke-test-article.txt"
        path.write_text(ARTICLE_TEXT, encoding="utf-8")
        try:
            result = process(path, model, algorithm="news", bullets=2, options=options, gloss=False)
        except ModelError as exc:
            raise SmokeFailure(str(exc), EXIT_MODEL) from None
    missing = [s.id for s, t in zip(result.sentences, result.translations) if t is None or not t.text.strip()]
    if missing:
        raise SmokeFailure(f"the model '{model.info.name}' gave no translation for sentences {missing}; "
                           "re-import it or try another model", EXIT_MODEL)
    if result.summary is None or not result.summary.ids:
        raise SmokeFailure("the summariser chose no sentence; sumy's data files may be missing")
    return result


def _gloss() -> str:
    from talkhis.core.lexicon import LexiconError, gloss_word

    try:
        gloss = gloss_word(GLOSS_WORD)
    except LexiconError as exc:
        raise SmokeFailure(f"{exc} (the lexicon's data files are missing from this installation)") from None
    if not gloss.known:
        raise SmokeFailure(f"the lexicon does not know '{GLOSS_WORD}'; its data files are damaged")
    return gloss.gloss


@contextlib.contextmanager
def _network_refused():
    """Refuse (and remember) every socket connection and host-name lookup made meanwhile."""
    attempts: list[str] = []

    def refuse(what: str):
        def refused(*args, **_kwargs):
            target = args[1] if what == "connect" and len(args) > 1 else (args[0] if args else "?")
            attempts.append(f"{what} {target!r}")
            raise OSError(f"network access refused by the smoke test ({what})")

        return refused

    patched = [(socket.socket, "connect"), (socket.socket, "connect_ex"), (socket, "create_connection"),
               (socket, "getaddrinfo"), (socket, "gethostbyname")]
    originals = [(owner, name, getattr(owner, name)) for owner, name in patched]
    for owner, name, _original in originals:
        setattr(owner, name, refuse(name))
    try:
        yield attempts
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def _versions() -> dict[str, str]:
    import ctranslate2
    import PySide6
    import sumy

    return {
        "talkhis": __version__,
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "ctranslate2": ctranslate2.__version__,
        "sumy": getattr(sumy, "__version__", "?"),
    }


def run(model_spec: str | None = None) -> str:
    """Do every check; return the one-line report or raise :class:`SmokeFailure`."""
    with _network_refused() as attempts:
        try:
            line = _run_checks(model_spec)
        except Exception:
            if not attempts:
                raise
            # whatever failed, it failed because the network was refused: that is the news
    if attempts:
        raise SmokeFailure(f"something tried to reach the network ({', '.join(attempts[:3])}); "
                           "Talkhis must work offline: please report this with the log file")
    return line


def _run_checks(model_spec: str | None) -> str:
    timings: dict[str, float] = {}
    start = last = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        timings[name] = now - last
        last = now

    try:
        versions = _versions()
        import numpy  # noqa: F401
        import sentencepiece  # noqa: F401

        import talkhis.core.pipeline  # noqa: F401
        import talkhis.core.summarize  # noqa: F401
        from talkhis.core.readers import readers

        readers()  # every reader module, so a format's missing dependency shows here
    except ImportError as exc:
        missing = exc.name or _one_line(exc)
        raise SmokeFailure(f"the Python module '{missing}' is missing ({_one_line(exc)}); "
                           "reinstall Talkhis (pip install .) or rebuild the package") from None
    lap("imports")
    qt_version, qt_platform = _start_qt()
    lap("qt")
    model, options = _load_model(model_spec)
    lap("model")
    result = _process(model, options)
    timings.update({step: result.timings[step] for step in ("read", "translate", "summarize")})
    last = time.perf_counter()
    sentences, bullets = len(result.sentences), len(result.summary.ids)
    gloss = _gloss()
    lap("gloss")
    total = time.perf_counter() - start
    timing = " ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.items())
    return (
        f"talkhis {versions['talkhis']} smoke test passed | Python {versions['python']} | "
        f"PySide6 {versions['pyside6']} (Qt {qt_version}, {qt_platform}) | ctranslate2 {versions['ctranslate2']} | "
        f"sumy {versions['sumy']} | model {model.info.name} ({model.info.layout}) | "
        f"{sentences} sentences translated, {bullets} bullets, {GLOSS_WORD} = {gloss} | no network access | "
        f"{timing} total {total:.2f}s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="talkhis --smoke-test",
        description="Check this installation without showing a window: load the model, translate and "
        "summarise a built-in paragraph, gloss a word, print versions and timings.",
    )
    parser.add_argument("--model", help="installed model name, or path to a model folder or .argosmodel file "
                        "(default: the default model)")
    args = parser.parse_args(argv)
    try:
        line = run(args.model)
    except SmokeFailure as exc:
        print(f"talkhis: smoke test failed: {_one_line(exc)}", file=sys.stderr, flush=True)
        return exc.code
    print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
