"""The CTranslate2 engine layer on the one real trained model we have (old format, no config.json)."""

from __future__ import annotations

import pytest

from talkhis.core.errors import ModelError
from talkhis.core.translation.engine import Engine, EngineSettings


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("مظلوم", "mazloum"), ("عبدي", "abdi"), ("كيغينز", "kiggens")],
)
def test_real_transliteration_model_reproduces_its_known_outputs(transliteration_model, arabic, latin):
    engine = Engine(transliteration_model, EngineSettings(compute_type="int8", threads=1))
    [result] = engine.translate([list(arabic)], beam_size=4, max_decoding_length=32)
    assert "".join(result.tokens) == latin
    assert result.score is not None and result.score < 0


def test_engine_keeps_order_when_it_batches_by_tokens(transliteration_model):
    engine = Engine(transliteration_model)
    words = ["مظلوم", "عبدي", "كيغينز"] * 5
    results = engine.translate([list(w) for w in words], beam_size=2, max_batch_tokens=8)
    assert ["".join(r.tokens) for r in results] == ["mazloum", "abdi", "kiggens"] * 5


def test_missing_or_corrupt_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="does not load"):
        Engine(tmp_path / "absent").translate([["a"]])
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"\x00garbage" * 10)
    (broken / "shared_vocabulary.txt").write_text("<unk>\n<s>\n</s>\na\n")
    with pytest.raises(ModelError, match="does not load"):
        Engine(broken).translate([["a"]])


def test_model_shape_is_read_from_the_header_of_old_and_new_model_files(transliteration_model, test_models):
    from talkhis.core.translation.engine import read_shape

    old = read_shape(transliteration_model / "model.bin")  # binary version 2, float32 weights
    assert (old.decoder_layers, old.d_model) == (6, 32)
    new = read_shape(test_models["opus-mt"] / "model.bin")  # version 6, int8, the generator's "tiny"
    assert (new.decoder_layers, new.d_model) == (2, 64) and 900 < new.target_vocabulary < 1100
    assert new.bytes_per_position == 2 * 64 * 4 * 2


def test_model_shape_of_a_damaged_file_is_unknown_not_an_error(tmp_path, test_models):
    from talkhis.core.translation.engine import read_shape

    whole = (test_models["nllb"] / "model.bin").read_bytes()
    (tmp_path / "cut.bin").write_bytes(whole[: len(whole) // 3])
    (tmp_path / "text.bin").write_text("not a model")
    (tmp_path / "empty.bin").write_bytes(b"")
    assert read_shape(tmp_path / "cut.bin") is None
    assert read_shape(tmp_path / "text.bin") is None
    assert read_shape(tmp_path / "empty.bin") is None
    assert read_shape(tmp_path / "missing.bin") is None
