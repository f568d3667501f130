"""Settings survive restarts, a damaged file never stops the app, and no save undoes another's."""

from __future__ import annotations

import json
import logging

import pytest

from talkhis.core.settings import FILE_NAME, OPTIONS, VERSION, WINDOW, Settings


def test_settings_round_trip_in_the_user_config_dir(talkhis_home):
    settings = Settings()
    assert settings.path == talkhis_home / "config" / FILE_NAME
    settings["algorithm"] = "textrank"
    settings["recent_files"] = ["/tmp/a.txt"]
    settings.save()
    again = Settings()
    assert again["algorithm"] == "textrank" and again["recent_files"] == ["/tmp/a.txt"]
    assert again.warning is None
    assert json.loads(settings.path.read_text())["version"] == VERSION == 3


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"version": 99, "algorithm": "lsa"}',
     b'{"version": 0, "algorithm": "lsa"}', b'{"version": "1", "algorithm": "lsa"}',
     b'{"version": true, "algorithm": "lsa"}', b'{"version": -3}', b'"just a string"', b"null",
     b"[" * 100_000 + b"]" * 100_000, b'{"a": ' * 50_000 + b"1" + b"}" * 50_000],
    ids=["not-json", "not-utf8", "a-list", "newer", "version-0", "version-text", "version-bool",
         "version-negative", "a-string", "null", "nested-lists", "nested-objects"],
)
def test_corrupt_settings_fall_back_to_defaults_with_one_warning(talkhis_home, content, caplog):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="talkhis.core.settings"):
        settings = Settings()
    assert settings.values == {o.name: o.default for o in OPTIONS}
    assert settings.warning and "\n" not in settings.warning and str(path) in settings.warning
    assert len(settings.warning) < 400
    assert [r.getMessage() for r in caplog.records] == [settings.warning]  # said once


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


BAD_VALUES = {
    "beam_size": 0,  # was a ZeroDivisionError in translation
    "threads": 100_000,  # was a libgomp abort
    "decoder_memory_mb": -1,
    "max_file_mb": 0,
    "bullets": 0,
    "font_size": 400,
    "algorithm": "magic",
    "compute_type": "int3",
    "theme": "purple",
    "bullet_languages": "klingon",
    "highlight_on": "smell",
    "lookup_on": "always",
    "visible_panes": ["source", "bogus"],
    "recent_files": ["/a.txt", 3],
}


def test_each_value_outside_its_allowed_values_falls_back_to_its_default_with_one_warning(talkhis_home, caplog):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": VERSION, **BAD_VALUES, "default_model": "mine", "use_cache": False}))

    with caplog.at_level(logging.WARNING, logger="talkhis.core.settings"):
        settings = Settings()

    defaults = {o.name: o.default for o in OPTIONS}
    for name in BAD_VALUES:
        assert settings[name] == defaults[name], name
    assert settings["default_model"] == "mine" and settings["use_cache"] is False  # the good ones stay
    assert len(caplog.records) == 1 and "\n" not in settings.warning
    for name in BAD_VALUES:
        assert name in settings.warning


@pytest.mark.parametrize("name,good,bad", [("beam_size", 16, 17), ("threads", 0, -1), ("max_file_mb", 1024, 1025),
                                           ("decoder_memory_mb", 65536, 65537), ("font_size", 8, 7)])
def test_the_ends_of_a_range_are_allowed_and_one_past_them_is_not(talkhis_home, name, good, bad):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": VERSION, name: good}))
    assert Settings()[name] == good
    path.write_text(json.dumps({"version": VERSION, name: bad}))
    assert Settings()[name] != bad


def test_setting_a_value_outside_its_allowed_values_is_refused(talkhis_home):
    settings = Settings()
    with pytest.raises(ValueError, match="beam_size"):
        settings["beam_size"] = 0
    with pytest.raises(ValueError, match="one of system, light, dark"):
        settings["theme"] = "purple"
    assert settings["beam_size"] == 4 and settings["theme"] == "system"


def test_window_state_is_kept_apart_from_the_users_choices(talkhis_home):
    settings = Settings()
    settings["window_geometry"] = "AdnQywADAAA="
    settings["splitter_state"] = "AAAA/wAAAAE="
    settings["font_size"] = 15
    settings.save()

    data = json.loads(settings.path.read_text())
    assert data[WINDOW] == {"window_geometry": "AdnQywADAAA=", "splitter_state": "AAAA/wAAAAE=", "names_panel": True}
    assert "window_geometry" not in data and "splitter_state" not in data
    assert data["font_size"] == 15
    assert Settings()["window_geometry"] == "AdnQywADAAA="


def test_a_version_1_file_is_upgraded_and_keeps_every_value(talkhis_home):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "window_geometry": "R0VP", "splitter_state": "U1BM",
                                "algorithm": "lsa", "recent_files": ["/a.txt"]}))

    settings = Settings()

    assert settings.warning is None
    assert settings["window_geometry"] == "R0VP" and settings["splitter_state"] == "U1BM"
    assert settings["algorithm"] == "lsa" and settings["recent_files"] == ["/a.txt"]


def test_a_version_2_file_moves_from_the_old_lexrank_default_to_news_but_keeps_other_choices(talkhis_home):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    for stored, expected in (("lexrank", "news"), ("lsa", "lsa")):
        path.write_text(json.dumps({"version": 2, "algorithm": stored}))

        settings = Settings()
        settings.save()

        assert settings.warning is None and settings["algorithm"] == expected
        assert Settings()["algorithm"] == expected


def test_a_save_writes_only_what_this_process_changed(talkhis_home):
    window = Settings()  # the window, open all along
    window["font_size"] = 16
    command_line = Settings()  # 'talkhis models default other' while the window is open
    command_line["default_model"] = "other"
    command_line.save()

    window["window_geometry"] = "R0VP"
    window["algorithm"] = window["algorithm"]  # set again unchanged, as the window's save_state does
    window.save()  # the window quits

    again = Settings()
    assert again["default_model"] == "other"  # not undone
    assert again["font_size"] == 16 and again["window_geometry"] == "R0VP"
    assert window["default_model"] == "other"  # and the window now knows it


def test_a_save_after_another_process_saved_keeps_both_lists(talkhis_home):
    first, second = Settings(), Settings()
    first["recent_files"] = ["/first.txt"]
    first.save()
    second["visible_panes"] = ["source"]
    second.save()

    again = Settings()
    assert again["recent_files"] == ["/first.txt"] and again["visible_panes"] == ["source"]


def test_a_save_over_a_damaged_file_writes_a_whole_good_one(talkhis_home):
    settings = Settings()
    settings.path.parent.mkdir(parents=True, exist_ok=True)
    settings.path.write_text("{ damaged")
    settings["theme"] = "dark"
    settings.save()

    again = Settings()
    assert again.warning is None and again["theme"] == "dark"


@pytest.mark.gui
def test_quitting_the_window_keeps_a_default_model_chosen_meanwhile_on_the_command_line(qtbot, talkhis_home):
    from talkhis.ui.main_window import MainWindow

    window = MainWindow(interactive=False)
    qtbot.addWidget(window)
    window.bigger_action.trigger()  # a choice made in the window
    elsewhere = Settings()  # what 'talkhis models default other' does while the window is open
    elsewhere["default_model"] = "other"
    elsewhere.save()

    window.close()  # save_state

    again = Settings()
    assert again["default_model"] == "other"
    assert again["font_size"] == 14 and again["window_geometry"]
    assert "window_geometry" in json.loads(again.path.read_text())[WINDOW]


def test_a_file_from_a_newer_talkhis_is_read_as_defaults_and_never_overwritten(talkhis_home):
    path = talkhis_home / "config" / FILE_NAME
    path.parent.mkdir(parents=True)
    newer = json.dumps({"version": VERSION + 6, "theme": "dark", "default_model": "nllb", "future": 1})
    path.write_text(newer)

    settings = Settings()
    settings["font_size"] = 20  # this older window changes something, then quits
    settings.save()

    assert "newer Talkhis" in settings.warning and settings["theme"] == "system"
    assert path.read_text() == newer  # the newer version's choices are all still there
