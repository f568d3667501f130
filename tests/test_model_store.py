"""Importing models: every real layout installs and translates; hostile input installs nothing."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from talkhis.core.errors import ModelError
from talkhis.core.model_store import MANIFEST, ModelStore
from talkhis.core.pipeline import load_model
from talkhis.core.translation import translate_sentences


def _installed(store: ModelStore) -> list[str]:
    return sorted(p.name for p in store.root.iterdir())


@pytest.mark.parametrize("layout", ["argos", "opus-mt", "nllb"])
def test_each_layout_imports_verifies_and_translates(test_models, layout):
    store = ModelStore()
    info = store.import_model(test_models[layout])
    assert info.layout == layout
    assert (info.source_language, info.target_language) == ("ar", "en")
    assert info.size_bytes > 0
    assert [i.name for i in store.list()] == [info.name]
    model = store.load(info.name)
    done = translate_sentences(model, ["قال الوزير إن الخطة ستبدأ غدا.", "وأضاف أن المزارعين سيستفيدون."])
    assert set(done) == {0, 1}
    assert all(isinstance(t.text, str) and t.score is not None for t in done.values())
    if layout == "nllb":
        assert store.list()[0].license.startswith("CC-BY-NC")


def test_argos_import_never_extracts_the_sentence_splitter_pickles(test_models):
    store = ModelStore()
    with zipfile.ZipFile(test_models["argos"]) as zf:
        assert any("/stanza/" in n for n in zf.namelist())  # the package does carry them
    info = store.import_model(test_models["argos"])
    files = [p.relative_to(store.root).as_posix() for p in store.root.rglob("*")]
    assert not [f for f in files if "stanza" in f]
    assert (Path(info.path) / "metadata.json").is_file()


def test_old_format_argos_package_imports(make_test_model, tmp_path):
    package = make_test_model(tmp_path / "old.argosmodel", "argos", old_format=True)
    info = ModelStore().import_model(package)
    assert info.layout == "argos"


def test_folder_import_remove_and_name_clash(test_models):
    store = ModelStore()
    info = store.import_model(test_models["opus-mt"], name="opus")
    with pytest.raises(ModelError, match="already installed"):
        store.import_model(test_models["opus-mt"], name="opus")
    assert [i.name for i in store.list()] == ["opus"]
    store.remove("opus")
    assert store.list() == [] and _installed(store) == []
    with pytest.raises(ModelError, match="no model named 'opus'"):
        store.remove(info.name)


def test_model_given_by_path_is_used_without_installing(test_models):
    for layout, path in test_models.items():
        model = load_model(str(path))
        assert model.info.layout == layout
    assert ModelStore().list() == []




HOSTILE = {
    "dotdot": ({"pkg/metadata.json": b"{}", "pkg/../../evil.txt": b"x"}, (), "'..'"),
    "absolute": ({"/tmp/talkhis-evil.txt": b"x"}, (), "absolute"),
    "link": ({"pkg/metadata.json": b"{}"}, ("pkg/model/model.bin",), "link"),
    "bomb": ({"pkg/model/model.bin": b"\x00" * (50 * 1024 * 1024)}, (), "zip bomb"),
    "not-a-model": ({"pkg/readme.txt": b"hello"}, (), "not a translation model"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archives_are_refused_and_leave_nothing(tmp_path, case):
    members, links, message = HOSTILE[case]
    store = ModelStore()
    archive = tmp_path / f"{case}.argosmodel"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    with pytest.raises(ModelError, match=message) as error:
        store.import_model(archive)
    assert "\n" not in str(error.value)
    assert _installed(store) == []
    assert not (tmp_path.parent / "evil.txt").exists() and not Path("/tmp/talkhis-evil.txt").exists()


def test_failed_import_never_touches_installed_models(test_models, tmp_path):
    store = ModelStore()
    good = store.import_model(test_models["nllb"], name="nllb")
    before = sorted(p.relative_to(store.root) for p in store.root.rglob("*"))
    broken = tmp_path / "broken-opus"
    shutil.copytree(test_models["opus-mt"], broken)
    (broken / "model.bin").write_bytes(b"truncated")
    with pytest.raises(ModelError, match="does not load"):
        store.import_model(broken, name="nllb-2")
    assert sorted(p.relative_to(store.root) for p in store.root.rglob("*")) == before
    assert [i.name for i in store.list()] == [good.name]


def test_folder_with_a_symlink_is_refused(test_models, tmp_path):
    folder = tmp_path / "linked"
    shutil.copytree(test_models["opus-mt"], folder)
    os.symlink("/etc/passwd", folder / "extra.txt")
    store = ModelStore()
    with pytest.raises(ModelError, match="links"):
        store.import_model(folder)
    assert _installed(store) == []


def test_unknown_folder_lists_what_was_found(tmp_path):
    folder = tmp_path / "mystery"
    folder.mkdir()
    (folder / "weights.safetensors").write_bytes(b"x")
    with pytest.raises(ModelError) as error:
        ModelStore().import_model(folder)
    message = str(error.value)
    assert "weights.safetensors" in message and "source.spm" in message and "metadata.json" in message


def test_damaged_manifest_hides_only_that_model(test_models):
    store = ModelStore()
    store.import_model(test_models["opus-mt"], name="a")
    store.import_model(test_models["nllb"], name="b")
    (store.root / "a" / MANIFEST).write_text("{broken")
    assert [i.name for i in store.list()] == ["b"]
    assert json.loads((store.root / "b" / MANIFEST).read_text())["fingerprint"]


def test_the_default_model_rule_after_imports_and_removals(test_models):
    store = ModelStore()
    store.import_model(test_models["opus-mt"], name="first")
    assert store.chosen_default(None, imported="first") == "first"  # the first import becomes the default
    store.import_model(test_models["nllb"], name="second")
    assert store.chosen_default("first", imported="second") == "first"  # a later one does not take over...
    assert store.chosen_default(None, imported="second") == "second"  # ...unless none is set
    assert store.chosen_default("gone", imported="second") == "second"  # ...or the set one is gone
    store.remove("first")
    assert store.chosen_default("first") is None  # a removed default is cleared
    assert store.default_name(None) == "second"  # and the first installed is used


@pytest.mark.gui
def test_the_models_dialog_follows_the_same_default_rule(qtbot, test_models, talkhis_home):
    from talkhis.core.settings import Settings
    from talkhis.ui.models_dialog import ModelsDialog
    from talkhis.ui.tasks import TaskRunner

    settings = Settings()
    settings["default_model"] = "gone"  # set once, since removed by the command line
    settings.save()
    dialog = ModelsDialog(settings, TaskRunner())
    qtbot.addWidget(dialog)

    with qtbot.waitSignal(dialog.import_finished, timeout=60_000) as finished:
        dialog.start_import(test_models["opus-mt"])
    assert finished.args == [True]
    assert Settings()["default_model"] == "opus-mt-ar-en-tiny"  # the missing default was replaced

    with qtbot.waitSignal(dialog.import_finished, timeout=60_000):
        dialog.start_import(test_models["nllb"])
    assert Settings()["default_model"] == "opus-mt-ar-en-tiny"  # a set default stays
    dialog.runner.shutdown()


def test_a_source_that_cannot_be_read_is_blamed_not_the_models_folder(tmp_path):
    import errno

    from talkhis.core.model_store import _os_reason

    root = tmp_path / "models"
    source = OSError(errno.EACCES, "Permission denied", str(tmp_path / "Downloads" / "m.argosmodel"))
    inside = OSError(errno.EACCES, "Permission denied", str(root / ".staging-1" / "model.bin"))

    assert _os_reason(source, root).startswith(f"{tmp_path / 'Downloads' / 'm.argosmodel'} cannot be read")
    assert "models folder" in _os_reason(inside, root) and "read-only" in _os_reason(inside, root)


def test_the_speed_at_import_is_measured_with_the_users_threads_and_compute_type(capsys, test_models):
    """A user who set one thread (and float32) sees the speed they will get, not all cores' int8."""
    from talkhis.cli import main
    from talkhis.core.settings import Settings

    settings = Settings()
    settings["threads"] = 1
    settings["compute_type"] = "float32"
    settings.save()
    assert main(["models", "import", str(test_models["opus-mt"]), "--name", "one-thread"]) == 0
    measured = ModelStore().manifest("one-thread")["speed"]
    assert measured["threads"] == 1 and measured["compute_type"] == "float32"
    assert list(measured["measured"]) == ["1"]  # one thread: only one batch at a time was tried
    assert ModelStore().get("one-thread").inter_threads == 1


@pytest.mark.gui
def test_the_models_dialog_measures_with_the_users_settings(qtbot):
    from talkhis.core.settings import Settings
    from talkhis.ui.models_dialog import ModelsDialog
    from talkhis.ui.tasks import TaskRunner

    settings = Settings()
    settings["threads"], settings["compute_type"] = 1, "int16"
    dialog = ModelsDialog(settings, TaskRunner())
    qtbot.addWidget(dialog)
    assert (dialog.store.engine_settings.threads, dialog.store.engine_settings.compute_type) == (1, "int16")
    dialog.runner.shutdown()


def test_translation_settings_stays_where_callers_import_it():
    from talkhis.core import pipeline
    from talkhis.core.translation import options

    assert pipeline.translation_settings is options.translation_settings
