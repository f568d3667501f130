"""Issue 17: a model an analyst can get. OPUS-MT release zips import (converted on import),
Bergamot models and models that are not Arabic→English are refused in one line, and every model
shows its licence, size, speed measured here and published quality."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from talkhis.cli import main
from talkhis.core.errors import ModelError
from talkhis.core.model_store import MANIFEST, ModelStore
from talkhis.core.translation.engine import EngineSettings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"


@pytest.fixture(scope="module")
def release_zip(tmp_path_factory, make_test_model) -> Path:
    return make_test_model(tmp_path_factory.mktemp("marian") / "opus-2019-12-18.zip", "opus-mt-marian")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _unzip(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(into)
    return into


def _installed(talkhis_home: Path) -> list[str]:
    root = ModelStore().root
    return sorted(p.name for p in root.iterdir())


def test_the_release_zip_is_marian_as_published(release_zip, tmp_path):
    import numpy as np
    import yaml

    folder = _unzip(release_zip, tmp_path / "r")
    names = sorted(p.name for p in folder.iterdir())
    assert {"decoder.yml", "source.spm", "target.spm", "README.md", "LICENSE"} <= set(names)
    decoder = yaml.safe_load((folder / "decoder.yml").read_text(encoding="utf-8"))
    (npz,) = decoder["models"]
    assert npz.endswith(".npz") and npz in names and all(v.endswith(".vocab.yml") and v in names
                                                         for v in decoder["vocabs"])
    weights = np.load(folder / npz)
    assert {"Wemb", "encoder_l1_self_Wq", "encoder_l1_ffn_ffn_ln_scale", "decoder_l2_context_Wk",
            "decoder_ff_logit_out_b", "special:model.yml"} <= set(weights.files)
    assert not any(n.endswith(".bin") for n in names)  # nothing converted: Marian's own files


def test_a_release_zip_imports_and_translates(capsys, release_zip, talkhis_home):
    code, out, err = run(capsys, "models", "import", str(release_zip))
    assert code == 0, err
    assert "installed opus-2019-12-18 (opus-mt, ar→en" in out and "sentences/s" in out
    store = ModelStore()
    manifest = store.manifest("opus-2019-12-18")
    folder = Path(store.get("opus-2019-12-18").path)
    assert (folder / "model.bin").is_file() and (folder / "source.spm").is_file() and (folder / "target.spm").is_file()
    assert json.loads((folder / "config.json").read_text())["add_source_eos"] is True
    assert not list(folder.parent.rglob("*.npz"))  # the Marian originals are not kept
    assert manifest["converted_from"] == "opus-mt-marian"
    assert manifest["sentences_per_second"] > 0 and manifest["inter_threads"] in (1, 2, 4)
    assert manifest["speed"]["measured"][str(manifest["inter_threads"])] == manifest["sentences_per_second"]

    code, out, err = run(capsys, "summarize", str(SAMPLE), "--format", "json", "--beam", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["model"]["name"] == "opus-2019-12-18"
    translated = [s["translation"] for s in data["sentences"] if not s["heading"]]
    assert translated and all(isinstance(t, str) and t for t in translated)

    code, out, _ = run(capsys, "models", "list", "--format", "json")
    (row,) = json.loads(out)
    assert row["license"] == "CC-BY-4.0" and row["size_mb"] == round(row["size_bytes"] / 1e6, 1)
    assert row["sentences_per_second"] > 0
    assert row["published_quality"] is None  # a 2-layer test model is not the published OPUS-MT
    code, out, _ = run(capsys, "models", "list")
    assert " MB\t" in out and "sentences/s" in out and "CC-BY-4.0" in out


def test_an_unzipped_release_folder_imports_with_progress(release_zip, tmp_path):
    folder = _unzip(release_zip, tmp_path / "opus-ar-en")
    seen = []
    info = ModelStore().import_model(folder, progress=lambda what, f: seen.append(what))
    assert info.layout == "opus-mt" and info.sentences_per_second > 0
    assert "Converting the OPUS-MT model to int8" in seen and "Measuring the speed on this computer" in seen
    assert (folder / "decoder.yml").is_file()  # the user's folder is left as it was


def test_a_damaged_release_is_refused_in_one_line_and_leaves_nothing(capsys, release_zip, tmp_path, talkhis_home):
    folder = _unzip(release_zip, tmp_path / "broken")
    next(folder.glob("*.npz")).unlink()
    code, _, err = run(capsys, "models", "import", str(folder))
    assert code == 4 and len(err.strip().splitlines()) == 1
    assert "decoder.yml names" in err and "missing" in err
    assert _installed(talkhis_home) == []

    (folder / "decoder.yml").write_text("models:\n  - ../../etc/passwd\nvocabs:\n  - x.yml\n", encoding="utf-8")
    code, _, err = run(capsys, "models", "import", str(folder))
    assert code == 4 and "not a file of the release" in err and len(err.strip().splitlines()) == 1


def test_a_release_is_not_used_unconverted_by_path(capsys, release_zip, tmp_path):
    folder = _unzip(release_zip, tmp_path / "r")
    code, _, err = run(capsys, "summarize", str(SAMPLE), "--model", str(folder))
    assert code == 4 and "talkhis models import" in err and len(err.strip().splitlines()) == 1


def _bergamot_folder(root: Path) -> Path:
    """The files of a translateLocally / Firefox Translations ar→en model (contents invented)."""
    root.mkdir(parents=True)
    (root / "model.aren.intgemm.alphas.bin").write_bytes(b"\0" * 64)
    (root / "lex.50.50.aren.s2t.bin").write_bytes(b"\0" * 64)
    (root / "vocab.aren.spm").write_bytes(b"\0" * 64)
    (root / "config.intgemm8bitalpha.yml").write_text(
        "models:\n  - model.aren.intgemm.alphas.bin\nvocabs:\n  - vocab.aren.spm\n"
        "gemm-precision: int8shiftAlphaAll\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("form", ["folder", "zip", "tar.gz", "config only"])
def test_bergamot_models_are_refused_saying_what_to_get(capsys, tmp_path, talkhis_home, form):
    folder = _bergamot_folder(tmp_path / "aren.student.tiny11")
    if form == "config only":  # the SSRU decoder named in the config is enough
        for p in folder.iterdir():
            p.unlink()
        (folder / "config.yml").write_text("type: transformer\ntransformer-decoder-autoreg: rnn\n", encoding="utf-8")
        source = folder
    elif form == "zip":
        source = Path(shutil.make_archive(str(tmp_path / "aren"), "zip", folder.parent, folder.name))
    elif form == "tar.gz":
        source = Path(shutil.make_archive(str(tmp_path / "aren"), "gztar", folder.parent, folder.name))
    else:
        source = folder
    code, _, err = run(capsys, "models", "import", str(source))
    assert code == 4 and len(err.strip().splitlines()) == 1
    assert "Bergamot" in err and "CTranslate2" in err and "opus-2019-12-18.zip" in err
    assert _installed(talkhis_home) == []
    code, _, err = run(capsys, "summarize", str(SAMPLE), "--model", str(source))  # and by path
    assert code == 4 and "Bergamot" in err and len(err.strip().splitlines()) == 1


def test_a_plain_tar_archive_is_refused_in_one_line(capsys, tmp_path):
    data = tmp_path / "x.tar"
    with tarfile.open(data, "w") as tf:
        info = tarfile.TarInfo("model/readme.txt")
        info.size = 2
        tf.addfile(info, io.BytesIO(b"hi"))
    code, _, err = run(capsys, "models", "import", str(data))
    assert code == 4 and "tar archive" in err and len(err.strip().splitlines()) == 1


def _argos_en_de(source: Path, out: Path) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("metadata.json"):
                meta = json.loads(data)
                meta.update(from_code="en", from_name="English", to_code="de", to_name="German")
                data = json.dumps(meta).encode()
            zout.writestr(info, data)
    return out


def test_an_en_de_package_is_refused_at_import_and_by_path(capsys, test_models, tmp_path, talkhis_home):
    package = _argos_en_de(test_models["argos"], tmp_path / "translate-en_de-1_0.argosmodel")
    code, _, err = run(capsys, "models", "import", str(package))
    assert code == 4 and "en→de" in err and "Arabic→English" in err
    code, _, err = run(capsys, "summarize", str(SAMPLE), "--model", str(package))
    assert code == 4 and "en→de" in err and len(err.strip().splitlines()) == 1
    assert _installed(talkhis_home) == []


def test_an_opus_mt_model_the_wrong_way_round_is_refused(capsys, test_models, tmp_path):
    folder = shutil.copytree(test_models["opus-mt"], tmp_path / "opus-mt-en-ar")
    (folder / "source.spm").rename(folder / "x")
    (folder / "target.spm").rename(folder / "source.spm")
    (folder / "x").rename(folder / "target.spm")
    code, _, err = run(capsys, "summarize", str(SAMPLE), "--model", str(folder))
    assert code == 4 and "source.spm" in err and "not Arabic script" in err


def test_a_release_whose_readme_names_other_languages_is_refused(release_zip, tmp_path, talkhis_home):
    folder = _unzip(release_zip, tmp_path / "opus-ar-fr")
    readme = folder / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("target language(s): en", "target language(s): fr"),
                      encoding="utf-8")
    with pytest.raises(ModelError, match=r"ar→fr.*Arabic→English"):
        ModelStore().import_model(folder)
    assert _installed(talkhis_home) == []


def test_loading_uses_the_thread_split_measured_at_import(test_models):
    store = ModelStore(settings=EngineSettings(threads=4))
    info = store.import_model(test_models["opus-mt"])
    manifest_path = store.root / info.name / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for measured in (1, 2):
        manifest["inter_threads"] = measured
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
        assert store.load(info.name).engine.parallel == measured
    chosen = ModelStore(settings=EngineSettings(threads=4, inter_threads=4))  # the user's choice wins
    assert chosen.load(info.name).engine.parallel == 4


@pytest.mark.gui
def test_the_models_dialog_shows_size_speed_and_quality(qtbot, test_models):
    from talkhis.core.settings import Settings
    from talkhis.ui.models_dialog import COLUMNS, ModelsDialog
    from talkhis.ui.tasks import TaskRunner

    store = ModelStore()
    info = store.import_model(test_models["opus-mt"])
    dialog = ModelsDialog(Settings(), TaskRunner(), store=store)
    qtbot.addWidget(dialog)
    dialog.refresh()
    cells = {name: dialog.table.item(0, i).text() for i, name in enumerate(COLUMNS)}
    assert cells["size"] == f"{info.size_bytes / 1e6:.1f} MB"  # the same MB as 'models list'
    assert cells["speed"] == f"{info.sentences_per_second:.1f} sentences/s"
    assert cells["license"] == "CC-BY-4.0" and cells["quality"] == "none published"
    dialog.runner.shutdown()


def test_published_quality_only_for_the_published_shapes(monkeypatch, tmp_path):
    from talkhis.core.translation import known
    from talkhis.core.translation.engine import ModelShape

    monkeypatch.setattr(known, "read_shape", lambda _p: ModelShape(6, 512, 60000))
    assert "BLEU 33.9, COMET 84.4" in known.published_quality(tmp_path, "opus-mt", "ar", "en")
    assert "BLEU 29.5" in known.published_quality(tmp_path, "argos", "ar", "en", "1.0")
    assert known.published_quality(tmp_path, "argos", "ar", "en", "1.9") is None  # another release
    assert known.published_quality(tmp_path, "opus-mt", "en", "de") is None
    monkeypatch.setattr(known, "read_shape", lambda _p: ModelShape(12, 1024, 256206))
    assert "BLEU 36.5" in known.published_quality(tmp_path, "nllb", "ar", "en")
    monkeypatch.setattr(known, "read_shape", lambda _p: ModelShape(2, 64, 900))
    assert known.published_quality(tmp_path, "opus-mt", "ar", "en") is None
