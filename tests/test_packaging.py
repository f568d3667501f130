"""Packaging: the smoke test, bundled models, portable mode, and the desktop integration files.

The PyInstaller build itself is too slow for the suite; ``python packaging/build.py`` builds the
app and runs the same smoke test on the frozen result (see README, "For IT departments").
"""

from __future__ import annotations

import ast
import configparser
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from talkhis import smoke
from talkhis.core import paths
from talkhis.core.errors import ModelError
from talkhis.core.model_store import ModelStore
from talkhis.core.readers import readers, supported_extensions

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"

# Formats the registry knows only to refuse them with a clear message: never offered to the OS.
REFUSED_FORMATS = {"ole"}

# The freedesktop.org shared-mime-info type of every extension Talkhis reads.
EXTENSION_MIME = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".pdf": "application/pdf",
    ".rtf": "application/rtf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ott": "application/vnd.oasis.opendocument.text-template",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docm": "application/vnd.ms-word.document.macroEnabled.12",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    ".eml": "message/rfc822",
    ".mhtml": "application/x-mimearchive",
    ".mht": "application/x-mimearchive",
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".webp": "image/webp",
}

# The macOS uniform type identifier of every extension (system-declared, or imported in Info.plist).
EXTENSION_UTI = {
    ".txt": "public.plain-text",
    ".text": "public.plain-text",
    ".md": "net.daringfireball.markdown",
    ".markdown": "net.daringfireball.markdown",
    ".pdf": "com.adobe.pdf",
    ".rtf": "public.rtf",
    ".odt": "org.oasis-open.opendocument.text",
    ".ott": "org.oasis-open.opendocument.text-template",
    ".docx": "org.openxmlformats.wordprocessingml.document",
    ".docm": "org.openxmlformats.wordprocessingml.document.macroenabled",
    ".dotx": "org.openxmlformats.wordprocessingml.template",
    ".eml": "com.apple.mail.email",
    ".mhtml": "org.ietf.mhtml",
    ".mht": "org.ietf.mhtml",
    ".html": "public.html",
    ".htm": "public.html",
    ".shtml": "public.html",
    ".xhtml": "public.xhtml",
    ".png": "public.png",
    ".jpg": "public.jpeg",
    ".jpeg": "public.jpeg",
    ".tif": "public.tiff",
    ".tiff": "public.tiff",
    ".webp": "org.webmproject.webp",
}


def offered_extensions() -> list[str]:
    """Every extension of a reader that opens its files (what the OS should offer Talkhis for)."""
    refused = {ext for r in readers() if r.format in REFUSED_FORMATS for ext in r.extensions}
    return [ext for ext in supported_extensions() if ext not in refused]


def run_smoke_test(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "talkhis", "--smoke-test", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def bundled_in_source_tree() -> list[str]:
    folder = paths.bundled_models_dir()
    if folder is None or not folder.is_dir():
        return []
    return [p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]


# -- the smoke test, from source ---------------------------------------------------------------

def test_smoke_test_passes_with_the_generated_model_and_prints_one_line(make_test_model, tmp_path, talkhis_home):
    model = make_test_model(tmp_path / "opus-tiny", "opus-mt")

    result = run_smoke_test("--model", str(model), env_extra={"TALKHIS_HOME": str(talkhis_home)})

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("talkhis ") and "smoke test passed" in line
    for name in ("Python", "PySide6", "Qt", "offscreen", "ctranslate2", "sumy", "model opus-tiny (opus-mt)"):
        assert name in line
    assert "5 sentences translated, 2 bullets, والمزارعون = and the farmers | no network access" in line
    assert re.search(r"translate \d+\.\d\ds .* total \d+\.\d\ds$", line)


def test_smoke_test_without_a_model_exits_4_with_the_hint(talkhis_home):
    if bundled_in_source_tree():
        pytest.skip(f"models/bundled holds {bundled_in_source_tree()}: there is a default model")

    result = run_smoke_test(env_extra={"TALKHIS_HOME": str(talkhis_home)})

    assert result.returncode == 4
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "talkhis: smoke test failed: no translation model is installed; import one with 'talkhis models "
        "import FILE.argosmodel', bundle one under models/bundled/<name>/ when building, or name one "
        "with --model NAME|PATH"
    ]


def test_smoke_test_names_a_qt_platform_that_cannot_start(talkhis_home):
    result = run_smoke_test("--model", "unused", env_extra={"QT_QPA_PLATFORM": "no-such-platform"})

    assert result.returncode == smoke.EXIT_BROKEN_INSTALL
    [line] = result.stderr.splitlines()
    assert line.startswith("talkhis: smoke test failed: Qt could not start its 'no-such-platform' platform plugin")
    assert "QT_QPA_PLATFORM=offscreen" in line


def test_smoke_test_names_a_missing_module(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "sumy", None)  # "import sumy" now raises ImportError

    assert smoke.main(["--model", "unused"]) == smoke.EXIT_BROKEN_INSTALL

    err = capsys.readouterr().err
    assert err.startswith("talkhis: smoke test failed: the Python module 'sumy' is missing")
    assert len(err.splitlines()) == 1


def test_smoke_test_fails_when_anything_reaches_for_the_network(monkeypatch, capsys):
    import socket

    def phones_home(_spec):
        socket.create_connection(("updates.example.org", 443))
        return "talkhis smoke test passed"

    monkeypatch.setattr(smoke, "_run_checks", phones_home)

    assert smoke.main([]) == smoke.EXIT_BROKEN_INSTALL
    err = capsys.readouterr().err
    assert err.startswith("talkhis: smoke test failed: something tried to reach the network "
                          "(create_connection ('updates.example.org', 443))")


@pytest.mark.gui
def test_smoke_test_names_a_window_that_cannot_be_built(qapp, monkeypatch, capsys):
    import talkhis.ui.main_window

    def broken(**_kwargs):
        raise AttributeError("'MainWindow' object has no attribute '_menu'")

    monkeypatch.setattr(talkhis.ui.main_window, "MainWindow", broken)

    assert smoke.main(["--model", "unused"]) == smoke.EXIT_BROKEN_INSTALL
    assert capsys.readouterr().err.splitlines() == [
        "talkhis: smoke test failed: the main window could not be built (AttributeError: 'MainWindow' "
        "object has no attribute '_menu'); the traceback is in the log file"
    ]


def test_smoke_test_is_listed_in_the_help(capsys):
    from talkhis.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--smoke-test" in capsys.readouterr().out


# -- bundled models ----------------------------------------------------------------------------

@pytest.fixture
def bundled_root(tmp_path, make_test_model) -> Path:
    root = tmp_path / "bundled"
    make_test_model(root / "office-model", "opus-mt")
    return root


def test_a_bundled_model_is_listed_read_only_and_is_the_default_when_nothing_is_installed(bundled_root):
    store = ModelStore(bundled=bundled_root)

    [info] = store.list()
    assert (info.name, info.layout, info.read_only) == ("office-model", "opus-mt", True)
    assert store.default_name() == "office-model"
    assert store.default_name(preferred="gone") == "office-model"
    model = store.load("office-model")
    assert model.info.read_only


def test_an_installed_model_comes_before_the_bundled_one(bundled_root, test_models):
    store = ModelStore(bundled=bundled_root)
    store.import_model(test_models["nllb"], name="mine")

    assert [(i.name, i.read_only) for i in store.list()] == [("mine", False), ("office-model", True)]
    assert store.default_name() == "mine"
    assert store.default_name(preferred="office-model") == "office-model"


def test_a_bundled_model_cannot_be_removed(bundled_root):
    store = ModelStore(bundled=bundled_root)

    with pytest.raises(ModelError, match="bundled with the application and cannot be removed"):
        store.remove("office-model")
    assert (bundled_root / "office-model" / "model.bin").is_file()


def test_a_bundled_copy_of_an_installed_model_keeps_its_manifest(tmp_path, test_models):
    installed = ModelStore(root=tmp_path / "installed")
    installed.import_model(test_models["argos"], name="argos-model")
    shutil.copytree(tmp_path / "installed" / "argos-model", tmp_path / "bundled" / "argos-model")

    store = ModelStore(bundled=tmp_path / "bundled")

    [info] = store.list()
    assert (info.name, info.layout, info.read_only) == ("argos-model", "argos", True)
    assert store.manifest("argos-model")["fingerprint"] == installed.manifest("argos-model")["fingerprint"]
    assert store.load("argos-model").fingerprint() == installed.manifest("argos-model")["fingerprint"]


def test_a_folder_that_is_not_a_model_is_skipped(tmp_path):
    (tmp_path / "bundled" / "notes").mkdir(parents=True)
    (tmp_path / "bundled" / "notes" / "readme.txt").write_text("not a model")

    assert ModelStore(bundled=tmp_path / "bundled").list() == []


def test_the_cli_lists_the_bundled_model_as_default(bundled_root, monkeypatch, capsys):
    from talkhis.cli import main

    monkeypatch.setattr(paths, "bundled_models_dir", lambda: bundled_root)

    assert main(["models", "list"]) == 0
    assert capsys.readouterr().out.startswith("* office-model\topus-mt")
    assert main(["models", "remove", "office-model"]) == 4
    assert "cannot be removed" in capsys.readouterr().err


def test_bundled_models_live_in_the_frozen_apps_data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "app" / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "app" / "talkhis"))

    assert paths.bundled_models_dir() == tmp_path / "app" / "_internal" / "models" / "bundled"


def test_bundled_models_from_source_are_in_the_repository():
    assert paths.bundled_models_dir() == REPO / "models" / "bundled"


# -- portable mode -----------------------------------------------------------------------------

@pytest.fixture
def frozen_app(tmp_path, monkeypatch) -> Path:
    """A pretend frozen app in ``tmp_path/usb/Talkhis``, with no TALKHIS_HOME set."""
    folder = tmp_path / "usb" / "Talkhis"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "talkhis"))
    monkeypatch.delenv("TALKHIS_HOME")
    return folder


def test_a_portable_marker_keeps_every_folder_beside_the_executable(frozen_app):
    (frozen_app / "portable").write_text("")
    data = frozen_app / "TalkhisData"

    assert paths.portable_home() == data
    assert paths.config_dir() == data / "config"
    assert paths.data_dir() == data / "data"
    assert paths.cache_dir() == data / "cache"
    assert paths.log_dir() == data / "logs"
    assert paths.models_dir() == data / "data" / "models"
    assert ModelStore().root == data / "data" / "models"


def test_without_the_marker_the_frozen_app_uses_the_user_folders(frozen_app):
    assert paths.portable_home() is None
    assert paths._home() is None  # appdirs (not called here: it would create real folders)


def test_talkhis_home_wins_over_the_portable_marker(frozen_app, tmp_path, monkeypatch):
    (frozen_app / "portable").write_text("")
    monkeypatch.setenv("TALKHIS_HOME", str(tmp_path / "it-home"))

    assert paths.config_dir() == tmp_path / "it-home" / "config"


def test_a_portable_marker_beside_python_means_nothing_from_source(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / "portable").write_text("")

    assert paths.portable_home() is None


# -- desktop integration files -----------------------------------------------------------------

def test_every_offered_extension_has_a_mime_type_and_a_uti():
    """A new reader must be added to the maps above and to the files the OS reads."""
    assert set(offered_extensions()) == set(EXTENSION_MIME) == set(EXTENSION_UTI)


def test_the_desktop_file_parses_and_lists_the_mime_type_of_every_format():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / "talkhis.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]

    assert entry["Type"] == "Application"
    assert entry["Icon"] == "talkhis"
    assert entry["Terminal"] == "false"
    assert entry["Exec"] == "talkhis %f"
    mime_types = entry["MimeType"].rstrip(";").split(";")
    assert len(mime_types) == len(set(mime_types))
    assert {EXTENSION_MIME[ext] for ext in offered_extensions()} <= set(mime_types)
    for required in ("text/plain", "text/markdown", "application/pdf", "text/html", "message/rfc822",
                     "application/rtf", "application/vnd.oasis.opendocument.text",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"):
        assert required in mime_types


def test_the_desktop_file_passes_desktop_file_validate():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(PACKAGING / "linux" / "talkhis.desktop")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_appstream_metadata_names_the_desktop_file_and_the_command():
    root = ET.parse(PACKAGING / "linux" / "talkhis.metainfo.xml").getroot()

    assert root.get("type") == "desktop-application"
    assert root.findtext("launchable") == "talkhis.desktop"
    assert root.findtext("provides/binary") == "talkhis"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    from talkhis import __version__

    assert root.find("releases/release").get("version") == __version__


def test_the_appstream_metadata_passes_appstreamcli_validate():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt-get install appstream)")
    result = subprocess.run([tool, "validate", "--no-net", str(PACKAGING / "linux" / "talkhis.metainfo.xml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_windows_installer_offers_open_with_for_every_format():
    script = (PACKAGING / "windows" / "talkhis.iss").read_text(encoding="utf-8")

    for ext in offered_extensions():
        assert f'Subkey: "Software\\Classes\\{ext}\\OpenWithProgids"' in script, ext
        assert f'ValueName: "{ext}"' in script, ext
    assert "/VERYSILENT /SUPPRESSMSGBOXES /NORESTART" in script
    assert "ChangesAssociations=yes" in script


def test_the_macos_bundle_declares_a_document_type_for_every_format():
    with open(PACKAGING / "macos" / "Info.plist", "rb") as handle:
        plist = plistlib.load(handle)

    declared = {uti for doc in plist["CFBundleDocumentTypes"] for uti in doc["LSItemContentTypes"]}
    assert {EXTENSION_UTI[ext] for ext in offered_extensions()} <= declared
    assert all(doc["CFBundleTypeRole"] == "Viewer" and doc["LSHandlerRank"] == "Alternate"
               for doc in plist["CFBundleDocumentTypes"])
    imported = {t["UTTypeIdentifier"] for t in plist["UTImportedTypeDeclarations"]}
    assert {"net.daringfireball.markdown", "org.ietf.mhtml"} <= imported
    assert plist["CFBundleExecutable"] == "talkhis"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_the_icon_has_an_svg_source_and_pngs_from_16_to_256():
    ET.parse(REPO / "resources" / "icons" / "talkhis.svg")
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        png = REPO / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "talkhis.png"
        assert _png_size(png) == (size, size)
    assert (PACKAGING / "windows" / "talkhis.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (PACKAGING / "macos" / "talkhis.icns").read_bytes()[:4] == b"icns"


def test_the_spec_ships_every_lexicon_file():
    from talkhis.core.lexicon.data import FILES

    tree = ast.parse((PACKAGING / "talkhis.spec").read_text(encoding="utf-8"))
    [listed] = [ast.literal_eval(node.value) for node in ast.walk(tree)
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "LEXICON_FILES"]
    assert tuple(listed) == tuple(FILES)


# -- pyproject and the pinned build ---------------------------------------------------------
def _pyproject() -> dict:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _build_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("talkhis_build_script", PACKAGING / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_constraints_pin_every_runtime_dependency_within_its_declared_range():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = {canonicalize_name(name): version for name, version in _build_script().pinned_versions().items()}
    problems = []
    for line in _pyproject()["project"]["dependencies"]:
        requirement = Requirement(line)
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not pinned")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement.name}=={pinned} is outside {requirement.specifier}")
    assert problems == []
    assert pins.get("cryptography")  # what pypdf[crypto] pulls in is pinned too, not only the names above
    text = (PACKAGING / "constraints.txt").read_text(encoding="utf-8")
    assert all(re.fullmatch(r"[a-z0-9-]+==[0-9][\w.]*", line) for line in text.splitlines()
               if line.strip() and not line.startswith("#"))  # exact versions only, one per line


def test_build_installs_the_app_and_pyinstaller_with_the_constraints(monkeypatch):
    build = _build_script()
    commands = []
    monkeypatch.setattr(build.subprocess, "run", lambda command, **_kw: commands.append(command))
    monkeypatch.setattr(build.importlib.util, "find_spec", lambda _name: None)
    monkeypatch.setattr(build, "pinned_versions", dict)  # this environment's versions are not the point

    build.install_pinned()
    build.ensure_pyinstaller()

    assert len(commands) == 2
    for command in commands:
        assert command[:4] == [sys.executable, "-m", "pip", "install"]
        assert command[command.index("-c") + 1] == str(PACKAGING / "constraints.txt")
    assert commands[0][-2:] == ["-e", str(REPO)]


def test_build_refuses_an_environment_that_differs_from_the_constraints(monkeypatch, tmp_path):
    build = _build_script()
    pins = tmp_path / "constraints.txt"
    pins.write_text("# a test\nnumpy==0.0.1\n", encoding="utf-8")
    monkeypatch.setattr(build, "CONSTRAINTS", pins)
    monkeypatch.setattr(build, "REPO", tmp_path)
    monkeypatch.setattr(build.subprocess, "run", lambda *_a, **_kw: None)

    with pytest.raises(build.BuildFailure, match=r"numpy .* \(pinned 0\.0\.1\)"):
        build.install_pinned()


def test_pyproject_builds_its_spdx_licence_and_declares_only_data_that_exists():
    from packaging.requirements import Requirement

    data = _pyproject()
    assert data["project"]["license"] == "GPL-3.0-or-later"  # an SPDX string: setuptools 77 or later
    [setuptools] = [Requirement(r) for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    assert not setuptools.specifier.contains("76.9") and setuptools.specifier.contains("77.0")
    package_data = data["tool"].get("setuptools", {}).get("package-data", {})
    for package, patterns in package_data.items():
        folder = REPO / "desktop" / package.replace(".", "/")
        for pattern in patterns:
            assert list(folder.glob(pattern)), f"package-data {package}: {pattern!r} matches no file"
