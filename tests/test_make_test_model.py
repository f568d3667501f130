"""models/make_test_model.py builds real CTranslate2 models in the three layouts users bring."""

from __future__ import annotations

import json
import pickle
import zipfile
from pathlib import Path

import pytest

ARABIC = "أعلنت وزارة الداخلية عن خطة جديدة في بغداد."


def _translate(model_dir: Path, source: list[str], prefix: list[str] | None = None) -> list[str]:
    import ctranslate2

    translator = ctranslate2.Translator(str(model_dir), device="cpu", intra_threads=1)
    result = translator.translate_batch([source], target_prefix=[prefix] if prefix else None,
                                        beam_size=2, max_decoding_length=12)
    return result[0].hypotheses[0]


def _sp(path: Path):
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=str(path))


def _vocabulary(model_dir: Path) -> list[str]:
    if (model_dir / "shared_vocabulary.json").is_file():
        return json.loads((model_dir / "shared_vocabulary.json").read_text(encoding="utf-8"))
    return (model_dir / "shared_vocabulary.txt").read_text(encoding="utf-8").splitlines()


def _unzip(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(into)
    (top,) = into.iterdir()
    return top


def test_argos_package_has_one_folder_with_the_real_files(test_models, tmp_path):
    archive = test_models["argos"]
    assert archive.is_file() and archive.suffix == ".argosmodel"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert len({n.split("/", 1)[0] for n in names}) == 1
    top = _unzip(archive, tmp_path / "x")
    files = sorted(p.relative_to(top).as_posix() for p in top.rglob("*") if p.is_file())
    assert files == [
        "README.md", "metadata.json", "model/config.json", "model/model.bin",
        "model/shared_vocabulary.json", "sentencepiece.model", "stanza/ar/tokenize/dummy.pt",
    ]
    meta = json.loads((top / "metadata.json").read_text(encoding="utf-8"))
    assert meta["from_code"] == "ar" and meta["to_code"] == "en" and meta["type"] == "translate"
    assert {"package_version", "argos_version", "from_name", "to_name", "links"} <= meta.keys()
    with pytest.raises(pickle.UnpicklingError):  # the dummy splitter file must never be loaded
        pickle.loads((top / "stanza/ar/tokenize/dummy.pt").read_bytes())

    vocabulary = _vocabulary(top / "model")
    assert vocabulary[:4] == ["<unk>", "<blank>", "<s>", "</s>"]
    assert 800 <= len(vocabulary) <= 1000
    pieces = _sp(top / "sentencepiece.model").encode(ARABIC, out_type=str)
    assert "<unk>" not in pieces and all(p in vocabulary for p in pieces)
    assert len(pieces) < len(ARABIC.replace(" ", "")) / 1.5  # real subwords, not single letters
    output = _translate(top / "model", pieces)
    assert output and all(t in vocabulary for t in output)


def test_argos_old_format_has_no_config_and_a_text_vocabulary(make_test_model, tmp_path):
    archive = make_test_model(tmp_path / "translate-ar_en-1_0.argosmodel", "argos", old_format=True)
    top = _unzip(archive, tmp_path / "x")
    assert top.name == "translate-ar_en-1_0"
    model = top / "model"
    assert sorted(p.name for p in model.iterdir()) == ["model.bin", "shared_vocabulary.txt"]
    assert (model / "model.bin").read_bytes()[:4] == (5).to_bytes(4, "little")  # pre-config.json era
    pieces = _sp(top / "sentencepiece.model").encode(ARABIC, out_type=str)
    assert _translate(model, pieces)


def test_opus_mt_directory(test_models):
    folder = test_models["opus-mt"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json", "model.bin", "shared_vocabulary.json", "source.spm", "target.spm"]
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["decoder_start_token"] == "</s>" and config["add_source_eos"] is False
    vocabulary = _vocabulary(folder)
    assert vocabulary[:2] == ["</s>", "<unk>"] and "<pad>" not in vocabulary
    source, target = _sp(folder / "source.spm"), _sp(folder / "target.spm")
    arabic_pieces = source.encode(ARABIC, out_type=str)
    assert all(p in vocabulary for p in arabic_pieces)
    # The source model is trained on Arabic, the target model on English only.
    assert source.unk_id() not in source.encode(ARABIC)
    assert target.unk_id() in target.encode(ARABIC)
    assert target.unk_id() not in target.encode("The ministry said on Tuesday.")
    assert all(p in vocabulary for p in target.encode("The ministry said on Tuesday.", out_type=str))
    output = _translate(folder, arabic_pieces + ["</s>"])
    assert output and all(t in vocabulary for t in output)


def test_nllb_directory_with_language_codes(test_models):
    folder = test_models["nllb"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json", "model.bin", "sentencepiece.bpe.model", "shared_vocabulary.json"]
    vocabulary = _vocabulary(folder)
    assert vocabulary[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert {"arb_Arab", "eng_Latn", "fra_Latn"} <= set(vocabulary)
    pieces = _sp(folder / "sentencepiece.bpe.model").encode(ARABIC, out_type=str)
    output = _translate(folder, ["arb_Arab", *pieces, "</s>"], prefix=["eng_Latn"])
    assert output[0] == "eng_Latn" and len(output) > 1


def test_same_seed_same_bytes_other_seed_other_weights(make_test_model, test_models, tmp_path):
    again = make_test_model(tmp_path / "nllb-again", "nllb")
    assert (again / "model.bin").read_bytes() == (test_models["nllb"] / "model.bin").read_bytes()
    other = make_test_model(tmp_path / "nllb-other", "nllb", seed=1)
    assert (other / "model.bin").read_bytes() != (again / "model.bin").read_bytes()
    zipped = make_test_model(tmp_path / test_models["argos"].name, "argos")
    assert zipped.read_bytes() == test_models["argos"].read_bytes()


def test_refuses_to_overwrite_and_leaves_no_temporary_files(make_test_model, tmp_path):
    out = make_test_model(tmp_path / "m", "opus-mt")
    before = (out / "model.bin").read_bytes()
    with pytest.raises(FileExistsError):
        make_test_model(out, "opus-mt", seed=3)
    assert (out / "model.bin").read_bytes() == before
    with pytest.raises(ValueError):
        make_test_model(tmp_path / "n", "nllb", old_format=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_command_line(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_test_model_cli", Path(__file__).resolve().parents[1] / "models" / "make_test_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "nllb"
    assert module.main([str(out), "--layout", "nllb", "--seed", "2"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert module.main([str(out), "--layout", "nllb"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert module.main([str(out), "--layout", "nllb", "--force"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nllb"]
