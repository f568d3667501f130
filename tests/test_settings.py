"""Settings survive restarts, and a damaged file never stops the app."""

from __future__ import annotations

import json

import pytest

from talkhis.core.settings import FILE_NAME, Settings


def test_settings_round_trip_in_the_user_config_dir(talkhis_home):
    settings = Settings()
    assert settings.path == talkhis_home / "config" / FILE_NAME
    settings["algorithm"] = "textrank"
    settings["recent_files"] = ["/tmp/a.txt"]
    settings.save()
    again = Settings()
    assert again["algorithm"] == "textrank" and again["recent_files"] == ["/tmp/a.txt"]
    assert again.warning is None
    assert json.loads(settings.path.read_text())["version"] == 1


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"version": 99, "algorithm": "lsa"}'],
)
def test_corrupt_settings_fall_back_to_defaults_with_one_warning(talkhis_home, content):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings = Settings()
    assert settings["algorithm"] == "lexrank"
    assert settings.warning and "\n" not in settings.warning and str(path) in settings.warning


def test_wrongly_typed_values_are_ignored_one_by_one(talkhis_home):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "font_size": "huge", "bullets": True, "algorithm": "lsa"}))
    settings = Settings()
    assert settings["font_size"] == 13 and settings["bullets"] is None
    assert settings["algorithm"] == "lsa"
    assert "font_size" in settings.warning and "bullets" in settings.warning


def test_a_failed_save_leaves_the_old_file_intact(talkhis_home, monkeypatch):
    settings = Settings()
    settings["algorithm"] = "luhn"
    settings.save()
    before = settings.path.read_bytes()
    settings["algorithm"] = "lsa"

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("talkhis.core.atomic.os.replace", fail)
    with pytest.raises(OSError):
        settings.save()
    assert settings.path.read_bytes() == before
    assert [p.name for p in settings.path.parent.iterdir()] == [FILE_NAME]  # no temp file left
