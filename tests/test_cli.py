"""The command line end to end: articles in, JSON/Markdown/text out, one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from talkhis.cli import main
from talkhis.core import paths
from talkhis.core.model_store import ModelStore
from talkhis.core.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _check_contract(data: dict, path, layout: str | None) -> None:
    assert data["source"]["path"] == str(path)
    assert data["source"]["language"] == "ar" and data["source"]["format"] == "txt"
    assert data["source"]["title"] == data["sentences"][0]["text"]
    assert [s["id"] for s in data["sentences"]] == list(range(len(data["sentences"])))
    if layout is None:
        assert data["model"] is None
        assert all(s["translation"] is None for s in data["sentences"])
    else:
        assert data["model"]["layout"] == layout
        assert all(isinstance(s["translation"], str) for s in data["sentences"] if not s["heading"])
    items = data["summary"]["items"]
    ids = [item["id"] for item in items]
    assert items and ids == sorted(ids)
    by_id = {s["id"]: s for s in data["sentences"]}
    for item in items:
        assert not by_id[item["id"]]["heading"]
        assert item["text"] == by_id[item["id"]]["text"]
        assert item["translation"] == by_id[item["id"]]["translation"]


@pytest.mark.parametrize("layout", ["argos", "opus-mt", "nllb"])
def test_summarize_json_with_each_model_layout(capsys, test_models, coalition_path, layout):
    code, out, err = run(capsys, "summarize", str(coalition_path), "--model", str(test_models[layout]),
                         "--format", "json", "--beam", "1")
    assert code == 0, err
    data = json.loads(out)
    _check_contract(data, coalition_path, layout)
    assert len(data["sentences"]) == 25
    assert sum(s["heading"] for s in data["sentences"]) == 6
    assert data["summary"]["algorithm"] == "news"


def test_installed_default_model_is_used_and_several_files_give_json_lines(capsys, test_models, coalition_path):
    ModelStore().import_model(test_models["opus-mt"], name="opus")
    code, out, err = run(capsys, "summarize", str(SAMPLE), str(coalition_path), "--format", "json",
                         "--bullets", "4", "--algorithm", "textrank", "--beam", "1")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    first, second = map(json.loads, lines)
    assert first["source"]["path"] == str(SAMPLE) and second["source"]["path"] == str(coalition_path)
    for data, path in ((first, SAMPLE), (second, coalition_path)):
        _check_contract(data, path, "opus-mt")
        assert data["model"]["name"] == "opus"
        assert len(data["summary"]["items"]) == 4 and data["summary"]["algorithm"] == "textrank"


def test_without_a_model_the_arabic_is_still_summarised_with_a_hint(capsys):
    code, out, err = run(capsys, "summarize", str(SAMPLE), "--format", "json")
    assert code == 0
    _check_contract(json.loads(out), SAMPLE, None)
    assert "models import" in err and len(err.strip().splitlines()) == 1


def test_markdown_and_text_outputs_go_to_a_file(capsys, tmp_path, test_models):
    for fmt, marker in (("markdown", "## Summary"), ("text", "SUMMARY")):
        target = tmp_path / f"out.{fmt}"
        code, out, err = run(capsys, "summarize", str(SAMPLE), "--model", str(test_models["nllb"]),
                             "--format", fmt, "--output", str(target), "--beam", "1")
        assert code == 0, err
        assert out == ""
        text = target.read_text(encoding="utf-8")
        assert marker in text and "model: nllb" in text
        assert SAMPLE.read_text(encoding="utf-8").splitlines()[0].strip() in text


def test_one_bad_file_does_not_stop_the_batch(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "summarize", str(tmp_path / "missing.txt"), str(empty), str(SAMPLE),
                         "--format", "json")
    assert code == 3
    assert len(out.splitlines()) == 1 and json.loads(out)["source"]["path"] == str(SAMPLE)
    errors = [line for line in err.splitlines() if "models import" not in line]
    assert len(errors) == 2 and "missing.txt: no such file" in errors[0] and "empty" in errors[1]


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["summarize", "--bullets", "0", "x.txt"], 2, "must be 1 or more"),
        (["summarize", "--algorithm", "magic", "x.txt"], 2, "invalid choice"),
        (["summarize", "x.txt", "--format", "pdf"], 2, "invalid choice"),
        (["summarize", str(SAMPLE), "--model", "no-such-model"], 4, "no model named 'no-such-model'"),
        (["summarize", str(SAMPLE), "--model", "/nowhere/model.argosmodel"], 4, "no such model"),
        (["models", "remove", "ghost"], 4, "no model named 'ghost'"),
        (["models", "import", "/nowhere/x.argosmodel"], 4, "no such file"),
    ],
)
def test_usage_and_model_errors_are_one_line_with_their_exit_code(capsys, argv, code, needle):
    got, out, err = run(capsys, *argv)
    assert got == code
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_corrupt_model_folder_exits_4(capsys, tmp_path, test_models):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(test_models["opus-mt"], broken)
    (broken / "model.bin").write_bytes(b"\x00" * 100)
    code, out, err = run(capsys, "summarize", str(SAMPLE), "--model", str(broken))
    assert code == 4 and "does not load" in err and len(err.strip().splitlines()) == 1


def test_models_import_list_default_remove(capsys, test_models):
    code, out, err = run(capsys, "models", "import", str(test_models["argos"]))
    assert code == 0 and "installed translate-ar_en-tiny (argos" in out
    run(capsys, "models", "import", str(test_models["nllb"]), "--name", "nllb")
    code, out, _ = run(capsys, "models", "list", "--format", "json")
    rows = json.loads(out)
    assert [(r["name"], r["layout"], r["default"]) for r in rows] == [
        ("nllb", "nllb", False), ("translate-ar_en-tiny", "argos", True)]
    assert run(capsys, "models", "default", "nllb")[0] == 0
    code, out, _ = run(capsys, "models", "default")
    assert out.strip() == "nllb"
    code, out, _ = run(capsys, "models", "remove", "nllb")
    assert code == 0
    code, out, _ = run(capsys, "models", "default")
    assert out.strip() == "translate-ar_en-tiny"


def test_console_script_runs_offline_in_a_subprocess(tmp_path):
    env = {**os.environ, "TALKHIS_HOME": str(tmp_path / "home")}
    exe = Path(sys.executable).with_name("talkhis")
    done = subprocess.run([str(exe), "summarize", str(SAMPLE), "--format", "json"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["items"]
    bad = subprocess.run([str(exe), "summarize", str(tmp_path)], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 3 and "is a folder" in bad.stderr and "Traceback" not in bad.stderr


def test_docx_output_and_an_e_mail_attachment(capsys, tmp_path, test_models):
    import email.message

    from docx import Document as Docx

    message = email.message.EmailMessage()
    message["Subject"] = "تقرير عن خطة المياه"
    message["From"] = "analyst@example.org"
    message.set_content("مرفق المقال الكامل.")
    message.add_attachment(SAMPLE.read_bytes(), maintype="text", subtype="plain", filename="مقال.txt")
    mail = tmp_path / "report.eml"
    mail.write_bytes(bytes(message))

    code, out, err = run(capsys, "summarize", str(mail), "--format", "json")
    assert code == 0 and "مقال.txt" in err  # the attachment is listed
    assert json.loads(out)["source"]["title"] == "تقرير عن خطة المياه"

    target = tmp_path / "summary.docx"
    code, out, err = run(capsys, "summarize", str(mail), "--attachment", "1", "--format", "docx",
                         "--output", str(target), "--model", str(test_models["opus-mt"]), "--beam", "1")
    assert code == 0, err
    paragraphs = [p.text for p in Docx(str(target)).paragraphs]
    assert SAMPLE.read_text(encoding="utf-8").splitlines()[0].strip() in paragraphs

    code, _, err = run(capsys, "summarize", str(mail), "--attachment", "3")
    assert code == 3 and "no attachment 3" in err
    code, _, err = run(capsys, "summarize", str(mail), str(SAMPLE), "--format", "docx", "--output", str(target))
    assert code == 2 and "one FILE" in err


def test_a_big_log_is_rotated_at_start_and_three_old_ones_are_kept(tmp_path):
    from talkhis.core.logs import rotate

    log = tmp_path / "talkhis.log"
    for session in range(5):
        log.write_text(f"session {session}\n" * 10)
        rotate(log, max_bytes=50)
    assert not log.exists()
    assert [(tmp_path / f"talkhis.log.{n}").read_text().split()[1] for n in (1, 2, 3)] == ["4", "3", "2"]
    assert not (tmp_path / "talkhis.log.4").exists()
    log.write_text("small\n")
    rotate(log, max_bytes=50)
    assert log.read_text() == "small\n"


def test_the_first_imported_model_is_the_default_and_a_later_one_only_replaces_a_missing_default(capsys, test_models):
    run(capsys, "models", "import", str(test_models["opus-mt"]), "--name", "zz-first")
    run(capsys, "models", "import", str(test_models["nllb"]), "--name", "aa-second")  # sorts first
    assert run(capsys, "models", "default")[1].strip() == "zz-first"

    run(capsys, "models", "remove", "zz-first")  # the default is gone...
    run(capsys, "models", "import", str(test_models["argos"]), "--name", "zz-third")
    assert run(capsys, "models", "default")[1].strip() == "zz-third"  # ...so the new import takes over


def test_models_default_set_from_the_command_line_survives_the_window_quitting(capsys, test_models):
    run(capsys, "models", "import", str(test_models["opus-mt"]), "--name", "one")
    run(capsys, "models", "import", str(test_models["nllb"]), "--name", "two")
    window_settings = Settings()  # read when the window opened
    window_settings["font_size"] = 15

    assert run(capsys, "models", "default", "two")[0] == 0
    window_settings["default_model"] = window_settings["default_model"]  # the window sets what it read...
    window_settings.save()  # ...and saves when it quits

    assert run(capsys, "models", "default")[1].strip() == "two"
    assert Settings()["font_size"] == 15


def test_impossible_settings_fall_back_to_defaults_with_one_warning_line(capsys, test_models):
    settings_file = paths.config_dir() / "settings.json"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(json.dumps({"version": 2, "beam_size": 0, "threads": 100000}), encoding="utf-8")

    code, out, err = run(capsys, "summarize", str(SAMPLE), "--model", str(test_models["opus-mt"]), "--format", "json")

    assert code == 0, err
    assert all(s["translation"] for s in json.loads(out)["sentences"])
    [line] = err.splitlines()
    assert line.startswith("talkhis: Settings file") and "beam_size" in line and "threads" in line


def test_format_html_prints_exactly_what_copy_summary_puts_on_the_clipboard(capsys):
    from talkhis.core import export, pipeline

    code, out, err = run(capsys, "summarize", str(SAMPLE), "--format", "html")

    assert code == 0, err
    clipboard = export.summary_html(pipeline.process(SAMPLE, None))
    minute = re.compile(r"processed \d{4}-\d\d-\d\d \d\d:\d\d")  # the two may straddle a minute
    assert minute.sub("processed …", out) == minute.sub("processed …", clipboard)
    assert "<ul" in out and 'dir="rtl"' in out


def test_an_argument_too_long_to_be_a_file_name_is_not_an_unexpected_error(capsys):
    from talkhis.cli import _refuse_a_mistyped_command

    _refuse_a_mistyped_command(["x" * 300])  # neither a file nor a command's typo: no OSError here
    code = main(["summarize", "x" * 300])

    out, err = capsys.readouterr()
    assert code == 3 and "unexpected" not in err and "File name too long" in err
