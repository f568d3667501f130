#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller, then prove the frozen app works. Fails loudly.

    python packaging/build.py                     # build dist/talkhis/, then check it
    python packaging/build.py --compare           # also build without the exclusions and report both sizes
    python packaging/build.py --bundle-test-model # ship a generated tiny model inside (checks bundling)
    python packaging/build.py --check-only        # check an existing dist/talkhis/ again

Run it with the Python of the environment the app is installed in (``pip install -e .``, plus
``.[test]`` to check every document format). Before building it installs the app there with
``pip install -c packaging/constraints.txt``, so the frozen app ships exactly the pinned versions
of every dependency (and checks that it does); PyInstaller is installed there if it is missing.
Models shipped inside the app come from ``models/bundled/<name>/`` (or ``TALKHIS_BUNDLED_MODELS``).

Checks on the frozen app, each under ``QT_QPA_PLATFORM=offscreen`` with a fresh ``TALKHIS_HOME``:

1. ``talkhis --version`` (start-up time of the bare executable);
2. ``talkhis --smoke-test --model <generated tiny model>`` passes (Qt plugin, hidden window,
   model, translation, summary, lexicon) and prints its one line;
3. ``talkhis --smoke-test`` with nothing installed: exit 4 and the hint, or, when models are
   bundled, a pass with the bundled model;
4. ``talkhis models import <tiny model>`` then ``talkhis gui ministry-water-ar.txt --screenshot``:
   the frozen window opens an article, translates it and saves a PNG;
5. ``talkhis summarize`` on a sample of every document format (``tests/make_samples.py``);
6. a scanned page (a LibreOffice PDF rendered to PNG) is read by OCR, and an OPUS-MT release zip
   (``make_test_model.py --layout opus-mt-marian``) converts on import and translates;
7. portable mode: with a ``portable`` file beside the executable, data lands in ``TalkhisData/``.

The folder size and the timings are printed at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "packaging" / "talkhis.spec"
CONSTRAINTS = REPO / "packaging" / "constraints.txt"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
ARTIFACTS = REPO / "build" / "smoke"
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
PYINSTALLER = "pyinstaller>=6.10"
TEST_MODEL_NAME = "test-tiny"


class BuildFailure(Exception):
    pass


def title(text: str) -> None:
    print(f"\n== {text}", flush=True)


def pip_install(*requirements: str) -> list[str]:
    """``pip install -c packaging/constraints.txt ...``: whatever is installed, pinned versions win."""
    command = [sys.executable, "-m", "pip", "install", "-c", str(CONSTRAINTS), *requirements]
    subprocess.run(command, check=True)
    return command


def pinned_versions() -> dict[str, str]:
    """``{normalised name: version}`` from packaging/constraints.txt."""
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower().replace("_", "-").replace(".", "-")] = version.strip()
    return pins


def install_pinned() -> None:
    """Install the app with the pinned dependencies, then fail if any installed version differs."""
    from importlib import metadata

    title(f"installing the app with {CONSTRAINTS.relative_to(REPO)} into {sys.prefix}")
    pip_install("-e", str(REPO))
    wrong = []
    for name, version in pinned_versions().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # pinned for another platform's dependency tree, not needed here
        if installed != version:
            wrong.append(f"{name} {installed} (pinned {version})")
    if wrong:
        raise BuildFailure("installed versions differ from packaging/constraints.txt: " + ", ".join(wrong))


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    title(f"installing {PYINSTALLER} into {sys.prefix}")
    pip_install(PYINSTALLER)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pyinstaller(dist: Path, work: Path, env_extra: dict[str, str]) -> float:
    env = {**os.environ, **env_extra}
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, env=env)
    if result.returncode != 0:
        raise BuildFailure(f"PyInstaller failed (exit {result.returncode}); its messages are above")
    return time.perf_counter() - start


def executable(dist: Path) -> Path:
    name = "talkhis-cli.exe" if sys.platform == "win32" else "talkhis"
    path = dist / "talkhis" / name
    if not path.is_file():
        raise BuildFailure(f"{path} was not built")
    return path


def frozen_env(home: Path | None) -> dict[str, str]:
    """The environment of an analyst's machine: no virtualenv, no source tree, no display."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "TALKHIS_HOME", "TALKHIS_BUNDLED_MODELS"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if home is not None:
        env["TALKHIS_HOME"] = str(home)
    return env


def run(exe: Path, args: list[str], home: Path | None, what: str, expect: int = 0,
        timeout: int = 300) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    try:
        result = subprocess.run([str(exe), *args], env=frozen_env(home), capture_output=True, text=True,
                                timeout=timeout, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        raise BuildFailure(f"{what}: no answer after {timeout} s") from None
    seconds = time.perf_counter() - start
    if result.returncode != expect:
        output = (result.stdout + result.stderr).strip()[-2000:]
        raise BuildFailure(f"{what}: exit {result.returncode}, expected {expect}:\n{output}")
    return result, seconds


def load_by_path(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def make_tiny_model(folder: Path, layout: str = "opus-mt") -> Path:
    generator = load_by_path("make_test_model", REPO / "models" / "make_test_model.py")
    name = TEST_MODEL_NAME + (".zip" if layout == "opus-mt-marian" else "")
    return generator.make_model(folder / name, layout, size="tiny")


def scanned_page(folder: Path) -> Path | None:
    """A LibreOffice-made PDF page rendered to a 200 dpi PNG: a clean scan for the OCR check."""
    try:
        import pypdfium2
    except ImportError:
        return None
    source = REPO / "tests" / "fixtures" / "pdf" / "food-lo-docx-1col-justified.pdf"
    if not source.is_file():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    target = folder / "scan.png"
    image.save(target)
    return target


def format_samples(folder: Path) -> dict[str, Path]:
    """One sample per format from tests/make_samples.py; PDFs need the test extras (fpdf2)."""
    samples = load_by_path("make_samples", REPO / "tests" / "make_samples.py")
    folder.mkdir(parents=True, exist_ok=True)
    made = {kind: getattr(samples, f"write_{kind}")(folder)
            for kind in ("txt", "docx", "html", "mhtml", "eml", "odt", "rtf")}
    try:
        made.update(samples.write_pdfs(folder))
    except (ImportError, OSError) as exc:  # no fpdf2 (pip install '.[test]') or no DejaVu font
        print(f"   (no PDF samples: {exc})")
    return made


def check(dist: Path, tiny: Path, bundled: list[str]) -> tuple[dict[str, float], str]:
    exe = executable(dist)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="talkhis-check-") as scratch:
        scratch = Path(scratch)

        title("1. start-up: talkhis --version")
        runs = [run(exe, ["--version"], scratch / "home-version", "talkhis --version") for _ in range(3)]
        timings["startup"] = sorted(seconds for _r, seconds in runs)[1]
        print(f"   {runs[0][0].stdout.strip()}, {timings['startup']:.2f} s (median of 3)")

        title("2. smoke test with the generated tiny model")
        result, timings["smoke"] = run(exe, ["--smoke-test", "--model", str(tiny)], scratch / "home-smoke",
                                       "talkhis --smoke-test --model TINY")
        line = result.stdout.strip()
        if "smoke test passed" not in line:
            raise BuildFailure(f"the smoke test printed no verdict: {line!r}")
        print(f"   {line}\n   wall time {timings['smoke']:.2f} s")

        title("3. smoke test with nothing installed")
        if bundled:
            result, _ = run(exe, ["--smoke-test"], scratch / "home-empty", "talkhis --smoke-test (bundled model)")
            if f"model {bundled[0]} " not in result.stdout:
                raise BuildFailure(f"the bundled model {bundled[0]} was not the default: {result.stdout.strip()}")
            print(f"   passed with the bundled model {bundled[0]}")
            listing, _ = run(exe, ["models", "list", "--format", "json"], scratch / "home-empty", "models list")
            rows = json.loads(listing.stdout)
            if not any(r["name"] == bundled[0] for r in rows):
                raise BuildFailure(f"the bundled model is not in the model list: {rows}")
            run(exe, ["models", "remove", bundled[0]], scratch / "home-empty", "removing a bundled model", expect=4)
            print("   listed, and refused removal (exit 4)")
        else:
            result, _ = run(exe, ["--smoke-test"], scratch / "home-empty", "talkhis --smoke-test (no model)", expect=4)
            print(f"   exit 4: {result.stderr.strip()}")

        title("4. the frozen window opens an article (gui --screenshot)")
        home = scratch / "home-gui"
        run(exe, ["models", "import", str(tiny), "--name", "tiny"], home, "talkhis models import")
        shot = ARTIFACTS / "frozen-window.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        shot.unlink(missing_ok=True)
        _, timings["gui"] = run(exe, ["gui", str(SAMPLE), "--screenshot", str(shot)], home,
                                "talkhis gui ministry-water-ar.txt --screenshot")
        if not shot.is_file() or shot.stat().st_size < 10_000:
            raise BuildFailure(f"the window ran but wrote no screenshot at {shot}")
        print(f"   {shot.relative_to(REPO)} ({shot.stat().st_size:,} bytes), {timings['gui']:.2f} s")

        title("5. every document format")
        for kind, path in format_samples(scratch / "samples").items():
            result, _ = run(exe, ["summarize", str(path), "--format", "json"], home, f"summarize {path.name}")
            data = json.loads(result.stdout.splitlines()[0])
            if not data["sentences"] or not data["summary"]["items"]:
                raise BuildFailure(f"summarize {path.name}: no sentences or no summary")
            if any(s["translation"] is None for s in data["sentences"]):
                raise BuildFailure(f"summarize {path.name}: sentences left untranslated")
            print(f"   {kind:10} {len(data['sentences'])} sentences, {len(data['summary']['items'])} bullets")
        docx = scratch / "summary.docx"
        run(exe, ["summarize", str(SAMPLE), "--format", "docx", "--output", str(docx)], home, "DOCX export")
        print(f"   DOCX export {docx.stat().st_size:,} bytes")

        title("6. a scanned page (OCR) and an OPUS-MT release zip")
        scan = scanned_page(scratch / "samples")
        if scan is None:
            print("   (no scan: pypdfium2 or the PDF fixtures are missing)")
        else:
            result, _ = run(exe, ["summarize", str(scan), "--format", "json"], home, f"summarize {scan.name} (OCR)")
            data = json.loads(result.stdout.splitlines()[0])
            if len(data["sentences"]) < 3:
                raise BuildFailure(f"OCR of {scan.name} gave {len(data['sentences'])} sentences: is the tessdata bundled?")
            print(f"   {scan.name}: {len(data['sentences'])} sentences read by OCR")
        release = make_tiny_model(scratch / "release", layout="opus-mt-marian")
        run(exe, ["models", "import", str(release), "--name", "opus-release"], scratch / "home-release",
            "models import opus-mt release zip")
        result, _ = run(exe, ["summarize", str(SAMPLE), "--format", "json", "--model", "opus-release"],
                        scratch / "home-release", "summarize with the converted OPUS-MT release")
        data = json.loads(result.stdout.splitlines()[0])
        if any(s["translation"] is None for s in data["sentences"]):
            raise BuildFailure("the converted OPUS-MT release left sentences untranslated")
        print(f"   {release.name} converted on import and translated {len(data['sentences'])} sentences")

        title("7. portable mode")
        marker = exe.parent / "portable"
        data = exe.parent / "TalkhisData"
        if data.exists():
            raise BuildFailure(f"{data} exists already; remove it before checking portable mode")
        marker.write_text("")
        try:
            run(exe, ["models", "import", str(tiny), "--name", "tiny"], None, "models import (portable)")
            installed = data / "data" / "models" / "tiny"
            if not installed.is_dir():
                raise BuildFailure(f"portable mode: the model did not land in {installed}")
            print(f"   model installed into {installed.relative_to(dist)}")
        finally:
            marker.unlink(missing_ok=True)
            shutil.rmtree(data, ignore_errors=True)
    return timings, line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true",
                        help="first build without the exclusions (into build/keep-everything) to report the size they save")
    parser.add_argument("--bundle-test-model", action="store_true",
                        help=f"ship a generated tiny model inside the app as '{TEST_MODEL_NAME}' (never for a release)")
    parser.add_argument("--check-only", action="store_true", help="do not build; check dist/talkhis/ as it is")
    args = parser.parse_args(argv)

    env_extra: dict[str, str] = {}
    report: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="talkhis-build-") as scratch:
            scratch = Path(scratch)
            title("generating a tiny test model (models/make_test_model.py)")
            tiny = make_tiny_model(scratch / "models")
            print(f"   {tiny}")
            bundled_root = Path(os.environ.get("TALKHIS_BUNDLED_MODELS") or REPO / "models" / "bundled")
            if args.bundle_test_model:
                bundled_root = scratch / "bundled"
                shutil.copytree(tiny, bundled_root / TEST_MODEL_NAME)
                env_extra["TALKHIS_BUNDLED_MODELS"] = str(bundled_root)
            bundled = sorted(p.name for p in bundled_root.iterdir()
                             if p.is_dir() and not p.name.startswith(".")) if bundled_root.is_dir() else []

            if not args.check_only:
                install_pinned()
                ensure_pyinstaller()
                if args.compare:
                    title("building WITHOUT the exclusions (for comparison)")
                    full = REPO / "build" / "keep-everything"
                    pyinstaller(full / "dist", full / "work", {**env_extra, "TALKHIS_KEEP_EVERYTHING": "1"})
                    size = folder_size(full / "dist" / "talkhis")
                    report.append(f"folder size without exclusions: {size / 1e6:.0f} MB")
                title(f"building dist/talkhis/ with {SPEC.relative_to(REPO)}")
                seconds = pyinstaller(DIST, WORK, env_extra)
                report.append(f"build time: {seconds:.0f} s")
            size = folder_size(DIST / "talkhis")
            report.append(f"folder size: {size / 1e6:.0f} MB (dist/talkhis/)"
                          + (f", bundled models: {', '.join(bundled)}" if bundled else ""))

            timings, line = check(DIST, tiny, bundled)
            report.append(f"start-up (talkhis --version): {timings['startup']:.2f} s")
            report.append(f"smoke test: {timings['smoke']:.2f} s wall")
            report.append(f"window opening the sample and translating it: {timings['gui']:.2f} s wall")
            report.append(f"smoke line: {line}")
    except BuildFailure as exc:
        print(f"\nbuild.py: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"\nbuild.py: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    title("all checks passed")
    for line in report:
        print(f"   {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
