"""Issue 12's reproductions, end to end through ``talkhis``: each ends in a result or one line
with its exit code (2 usage, 3 input, 4 model), and one bad file never costs the others their
output. The hostile files are built by ``tests/make_hostile.py``."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import make_hostile
from talkhis.cli import main
from talkhis.core import paths, pipeline
from talkhis.core.memory import TranslationMemory
from talkhis.core.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if "no translation model installed" not in line]
    assert len(lines) == 1, err
    assert lines[0].startswith("talkhis: ") and "Traceback" not in err and "\x1b" not in err
    return lines[0]


# ------------------------------------------------------------------------------------ input


def test_attachment_works_in_a_fresh_process_and_its_copy_is_removed(tmp_path):
    mail = make_hostile.eml_with_attachment(tmp_path)
    home = tmp_path / "home"
    env = {**os.environ, "TALKHIS_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "talkhis", "summarize", str(mail), "--attachment", "1",
                           "--format", "json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["source"]["format"] == "txt" and data["source"]["title"] == "وزارة المياه تطلق خطة جديدة"
    left = list((home / "cache" / "attachments").glob("talkhis-*")) if (home / "cache" / "attachments").exists() else []
    assert left == []


def test_the_readers_keep_their_order_when_the_e_mail_reader_is_imported_first():
    code = ("import talkhis.core.readers.email\n"
            "from talkhis.core.readers import readers\n"
            "print(' '.join(r.format for r in readers()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["txt", "pdf", "image", "rtf", "odt", "docx", "ole", "eml", "html"], done.stderr


def test_attachment_on_a_file_that_is_not_an_e_mail_or_on_a_folder_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "summarize", SAMPLE, "--attachment", "1")
    assert code == 3 and "is not an e-mail" in one_line(err)
    code, _, err = run(capsys, "summarize", tmp_path, "--attachment", "1")
    assert code == 3 and "is a folder" in one_line(err)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_an_rtf_emoji_written_words_way_prints_in_every_format(capsys, tmp_path, fmt):
    good, emoji, lone = SAMPLE, make_hostile.rtf_emoji(tmp_path), make_hostile.rtf_lone_surrogate(tmp_path)
    code, out, err = run(capsys, "summarize", good, emoji, lone, "--format", fmt)
    assert code == 0, err
    out.encode("utf-8")  # strict: no surrogate left anywhere
    assert "Smile \U0001F60A please" in out and "Broken \ufffd half" in out
    if fmt == "json":
        assert [json.loads(line)["source"]["format"] for line in out.splitlines()] == ["txt", "rtf", "rtf"]


def test_a_failure_on_one_file_keeps_the_output_of_the_others(capsys, tmp_path, monkeypatch):
    real = pipeline.process

    def process(file, *args, **kwargs):
        if Path(file).name == "bad.txt":
            raise RuntimeError("a bug met on this file only")
        return real(file, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process", process)
    bad = tmp_path / "bad.txt"
    bad.write_text(make_hostile.ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "summarize", SAMPLE, bad, SAMPLE, "--format", "json")
    assert code == 1 and "bad.txt" in err and "unexpected error" in err
    assert len([json.loads(line) for line in out.splitlines()]) == 2
    target = tmp_path / "out.md"
    code, out, err = run(capsys, "summarize", SAMPLE, bad, "--format", "markdown", "--output", target)
    assert code == 1 and out == "" and target.read_text(encoding="utf-8").startswith("#")


def test_json_lines_escape_line_separators_and_a_non_utf8_file_name(capsys, tmp_path):
    separators = make_hostile.text_with_line_separators(tmp_path)
    try:
        odd = make_hostile.non_utf8_name(tmp_path)
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take a non-UTF-8 name")
    code, out, err = run(capsys, "summarize", separators, odd, "--format", "json")
    assert code == 0, err
    raw = out.encode("utf-8")  # valid UTF-8
    assert not any(ch in out for ch in "\u0085\u2028\u2029")
    lines = raw.split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3
    first, second = (json.loads(line) for line in lines[:2])
    assert b"\\u0085" in lines[0] and "\x85" in "".join(s["text"] for s in first["sentences"])  # escaped, kept
    assert second["source"]["path"] == str(odd)  # the surrogate escapes round-trip to the real name
    code, out, err = run(capsys, "summarize", odd)
    assert code == 0 and out.encode("utf-8")


def test_messages_from_hostile_names_stay_on_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "summarize", tmp_path / "a\ntalkhis: installed OK\x1b[2J.txt")
    assert code == 3 and "installed OK" in one_line(err)


# ---------------------------------------------------------------------------- the store


@pytest.mark.parametrize("builder, needle", [
    (make_hostile.model_bad_crc, "damaged"),
    (make_hostile.model_encrypted_flag, "password-protected"),
    (make_hostile.model_declared_smaller, ""),
    (make_hostile.model_long_member_name, "cannot store"),
    (make_hostile.model_deep_path, ""),
    (make_hostile.model_file_and_folder, ""),
    (make_hostile.model_forged_name, "refused"),
])
def test_hostile_model_archives_exit_4_with_one_line_and_leave_nothing(capsys, tmp_path, builder, needle):
    code, out, err = run(capsys, "models", "import", builder(tmp_path))
    assert code == 4 and out == ""
    assert needle in one_line(err)
    assert [p.name for p in paths.models_dir().iterdir()] == []  # no staging folder left


def test_a_folder_import_refuses_a_fifo_and_a_device(capsys, tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\0" * 64)
    os.mkfifo(folder / "pipe")
    code, _, err = run(capsys, "models", "import", folder)  # must not hang opening the FIFO
    assert code == 4 and "regular files only" in one_line(err)
    (folder / "pipe").unlink()
    if os.geteuid() == 0:
        os.mknod(folder / "zero", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # a /dev/zero node
        code, _, err = run(capsys, "models", "import", folder)
        assert code == 4 and "regular files only" in one_line(err)


def test_a_folder_import_refuses_a_sparse_file(capsys, tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    with open(folder / "model.bin", "wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB of holes: copying it would write 2 GB
    if (folder / "model.bin").stat().st_blocks * 512 > 1024**2:
        pytest.skip("this file system does not make sparse files")
    code, _, err = run(capsys, "models", "import", folder)
    assert code == 4 and "sparse" in one_line(err)
    assert [p.name for p in paths.models_dir().iterdir()] == []


def test_read_only_models_folder_and_full_disk_are_one_line(capsys, tmp_path, monkeypatch, test_models):
    import talkhis.core.model_store as store_module

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_module.tempfile, "mkdtemp", read_only)
    code, _, err = run(capsys, "models", "import", test_models["opus-mt"])
    assert code == 4 and "read-only" in one_line(err)
    monkeypatch.undo()

    def full(path, target, size):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "_copy_at_most", full)
    code, _, err = run(capsys, "models", "import", test_models["opus-mt"])
    assert code == 4 and "disk is full" in one_line(err)


def test_an_import_finished_meanwhile_by_another_process_is_one_line(capsys, monkeypatch, test_models):
    import talkhis.core.model_store as store_module

    real_verify = store_module.verify

    def verify_while_another_import_ends(model):
        real_verify(model)
        other = paths.models_dir() / "opus-mt"
        other.mkdir()
        (other / "talkhis-model.json").write_text("{}")

    monkeypatch.setattr(store_module, "verify", verify_while_another_import_ends)
    code, _, err = run(capsys, "models", "import", test_models["opus-mt"], "--name", "opus-mt")
    assert code == 4 and "installed meanwhile" in one_line(err)
    assert [p.name for p in paths.models_dir().iterdir()] == ["opus-mt"]


def test_remove_from_a_read_only_models_folder_is_one_line(capsys, monkeypatch, test_models):
    import talkhis.core.model_store as store_module

    assert run(capsys, "models", "import", test_models["opus-mt"], "--name", "m")[0] == 0
    real_replace = os.replace

    def replace(src, dst):
        if Path(src).parent == paths.models_dir():
            raise OSError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(store_module.os, "replace", replace)
    code, _, err = run(capsys, "models", "remove", "m")
    assert code == 4 and "read-only" in one_line(err)


# ---------------------------------------------------------------------- home and memory


def test_a_home_that_is_a_file_gives_version_and_a_summary(capsys, tmp_path, monkeypatch):
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("TALKHIS_HOME", str(home))
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code in (0, None) and capsys.readouterr().out.startswith("talkhis ")
    code, out, err = run(capsys, "summarize", SAMPLE, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["summary"]["items"]


def test_a_summary_with_an_unwritable_memory_warns_once_and_keeps_the_file(capsys, monkeypatch, test_models):
    memory_path = paths.cache_dir() / "translation-memory.sqlite3"
    memory_path.write_bytes(b"")  # exists, and must still be there afterwards, not renamed .corrupt

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(TranslationMemory, "_open", full)
    code, out, err = run(capsys, "summarize", SAMPLE, SAMPLE, "--model", test_models["opus-mt"], "--beam", "1")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "translation memory" in line]
    assert len(warnings) == 1 and "disk is full" in warnings[0]
    assert memory_path.exists() and not list(memory_path.parent.glob("*.corrupt"))


def test_a_damaged_memory_is_rebuilt_and_summarize_says_so(capsys, test_models):
    memory_path = paths.cache_dir() / "translation-memory.sqlite3"
    memory_path.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "summarize", SAMPLE, "--model", test_models["opus-mt"], "--beam", "1")
    assert code == 0 and "rebuilt" in err
    assert list(memory_path.parent.glob("*.corrupt"))


def test_cache_rows_holding_non_text_are_translated_again(capsys, test_models):
    code, out, _ = run(capsys, "summarize", SAMPLE, "--model", test_models["opus-mt"], "--beam", "1", "--format", "json")
    assert code == 0
    db = sqlite3.connect(paths.cache_dir() / "translation-memory.sqlite3")
    with db:
        db.execute("UPDATE memory SET translation = x'00ff', score = 'high'")
    db.close()
    for fmt in ("json", "markdown"):
        code, again, err = run(capsys, "summarize", SAMPLE, "--model", test_models["opus-mt"], "--beam", "1", "--format", fmt)
        assert code == 0, err
        if fmt == "json":
            assert [s["translation"] for s in json.loads(again)["sentences"]] == \
                [s["translation"] for s in json.loads(out)["sentences"]]


def test_output_to_a_device_writes_into_it_and_never_replaces_it(capsys, tmp_path):
    if os.geteuid() != 0 or not Path("/dev/full").exists():
        pytest.skip("making a device node needs root")
    node = tmp_path / "full"
    os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/full").st_rdev)
    code, _, err = run(capsys, "summarize", SAMPLE, "--output", node)
    assert code == 3 and "cannot write" in one_line(err)
    assert stat.S_ISCHR(node.stat().st_mode)
    code, _, err = run(capsys, "summarize", SAMPLE, "--output", tmp_path)
    assert code == 2 and "is a folder" in one_line(err)


# ------------------------------------------------------------------------------ bounded work


def test_a_long_english_paragraph_is_split_in_bounded_pieces_with_the_same_sentences(monkeypatch):
    import pysbd

    from talkhis.core import segment as seg
    from talkhis.core.article import Document

    base = ("The minister said on Tuesday that the plan, which Dr. Smith called bold, would start in 12 "
            "cities. Experts e.g. Peter Gleick welcomed it! Why now? Because the rains failed. ")
    text = base * 60  # about 10,000 characters without a line break
    whole = [s.strip() for s in pysbd.Segmenter(language="en", clean=False).segment(text) if s.strip()]
    seen = []
    real = pysbd.Segmenter.segment
    monkeypatch.setattr(pysbd.Segmenter, "segment", lambda self, t: seen.append(len(t)) or real(self, t))
    article = seg.segment(Document("long.txt", text, None, "txt"), "en")
    assert [s.text for s in article.sentences] == whole
    assert max(seen) <= seg._CHUNK and len(seen) >= 5


# --------------------------------------------------------------------------- values and usage


@pytest.mark.parametrize("option, value", [
    ("--beam", "1e20"), ("--beam", "5000"), ("--max-size", "1e23"), ("--max-size", "9999999999"),
    ("--threads", "-5"), ("--threads", "100000"), ("--bullets", "0"), ("--bullets", "10000000000000000000000"),
    ("--attachment", "0"),
])
def test_values_out_of_range_are_usage_errors(capsys, option, value):
    code, out, err = run(capsys, "summarize", SAMPLE, option, value)
    assert code == 2 and out == "" and option in one_line(err)


def test_a_mistyped_command_is_a_usage_error_not_a_window(capsys, monkeypatch):
    import talkhis.cli as cli

    monkeypatch.setattr(cli, "cmd_gui", lambda args: pytest.fail("the window was opened"))
    code, _, err = run(capsys, "sumarize", SAMPLE)
    assert code == 2 and "did you mean 'summarize'" in one_line(err)
    code, _, err = run(capsys, "modles", "list")
    assert code == 2 and "did you mean 'models'" in one_line(err)


def test_without_a_display_the_window_says_so_in_one_line_exit_5(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("DISPLAY only decides this on Linux")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TALKHIS_HOME"] = str(tmp_path / "home")
    for argv in ([], [str(SAMPLE)], ["gui"]):
        done = subprocess.run([sys.executable, "-m", "talkhis", *argv], env=env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 5 and "no display" in one_line(done.stderr)


def test_float16_on_a_cpu_names_the_setting_not_the_model(capsys, test_models):
    settings = Settings()
    settings["compute_type"] = "float16"
    settings.save()
    import ctranslate2

    if "float16" in ctranslate2.get_supported_compute_types("cpu"):
        pytest.skip("this CPU runs float16")
    code, _, err = run(capsys, "summarize", SAMPLE, "--model", test_models["opus-mt"])
    line = one_line(err)
    assert code == 4 and "compute_type" in line and "re-import" not in line


def test_a_book_is_cut_to_the_bounds_with_notes_saying_so(capsys, tmp_path, monkeypatch):
    import talkhis.core.readers as readers

    monkeypatch.setattr(readers, "MAX_CHARS", 3000)
    monkeypatch.setattr(pipeline, "MAX_SENTENCES", 12)
    book = tmp_path / "book.txt"
    book.write_text(make_hostile.ARTICLE * 40, encoding="utf-8")  # ~7,000 characters, 120 paragraphs
    code, out, err = run(capsys, "summarize", book, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["sentences"]) == 12
    assert "only the first" in err and "characters were read" in err and "sentences are translated" in err
    assert any("characters were read" in note for note in data["source"]["notes"])
    assert all(line.startswith("talkhis: ") for line in err.splitlines())


# ------------------------------------------------------------------------ leftovers, SIGTERM


def test_sigterm_runs_the_clean_ups_on_the_way_out(tmp_path):
    import signal

    code = ("import shutil, sys, tempfile, time\n"
            "from talkhis import cli\n"
            "cli._exit_cleanly_on_sigterm()\n"
            f"folder = tempfile.mkdtemp(dir={str(tmp_path)!r})\n"
            "try:\n    print(folder, flush=True)\n    time.sleep(60)\nfinally:\n    shutil.rmtree(folder)\n")
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as child:
        folder = Path(child.stdout.readline().strip())
        assert folder.is_dir()
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 128 + signal.SIGTERM
    assert not folder.exists()


def test_leftovers_of_killed_runs_are_removed_on_the_next_start(tmp_path, monkeypatch):
    import tempfile

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = tmp_path / f"{pipeline.MODEL_COPY_PREFIX}{dead.pid}-abc"
    alive = tmp_path / f"{pipeline.MODEL_COPY_PREFIX}{os.getppid()}-abc"
    for folder in (gone, alive):
        (folder / "model").mkdir(parents=True)
    pipeline.remove_abandoned_model_copies()
    assert not gone.exists() and alive.exists()

    from talkhis.core.model_store import STAGING_PREFIX, ModelStore

    staging = paths.models_dir() / f"{STAGING_PREFIX}{dead.pid}-xyz"
    (staging / "model").mkdir(parents=True)
    running = paths.models_dir() / f"{STAGING_PREFIX}{os.getppid()}-xyz"
    running.mkdir()
    ModelStore()
    assert not staging.exists() and running.exists()


def test_a_killed_export_leaves_nothing_after_the_next_one(capsys, tmp_path):
    import time

    target = tmp_path / "out.json"
    old = tmp_path / ".out.json.k1ll3d.tmp"  # what atomic.write_text leaves when killed mid-write
    recent = tmp_path / ".out.json.w0rk1n.tmp"  # another write of it, running now
    for leftover in (old, recent):
        leftover.write_text("{half")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    code, _, err = run(capsys, "summarize", SAMPLE, "--format", "json", "--output", target)
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]
    assert not old.exists() and recent.exists()


def test_cache_commands_on_a_home_that_is_a_file_are_one_line(capsys, tmp_path, monkeypatch):
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("TALKHIS_HOME", str(home))
    for action in ("info", "clear"):
        code, _, err = run(capsys, "cache", action)
        assert code == 3 and "cannot be used" in one_line(err)
    code, out, err = run(capsys, "models", "list")
    assert code == 0 and "no models installed" in out


# ------------------------------------------------------------------------------------ cancel


def test_a_cancel_does_not_wait_for_the_batch_in_the_translator(test_models):
    import threading

    from talkhis.core.translation import TranslationOptions, translate_sentences
    from talkhis.core.translation.layouts import describe, detect_layout, load_model_dir

    folder = test_models["opus-mt"]
    model = load_model_dir(folder, None, info=describe(folder, detect_layout(folder), "slow"))
    finish = threading.Event()

    class SlowBatch:  # a batch on a busy machine: 40 s, unless the test lets it go
        def done(self):
            return finish.is_set()

        def result(self):
            finish.wait(60)
            raise AssertionError("the cancelled batch was waited for")

    class SlowTranslator:
        def translate_batch(self, batch, **kwargs):
            return [SlowBatch() for _ in batch]

    model.engine._translator = SlowTranslator()
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    try:
        done = translate_sentences(model, ["قال الوزير إن الخطة ستبدأ غدا."] * 3,
                                   options=TranslationOptions(beam_size=1), cancel=cancel)
    finally:
        finish.set()
    assert done == {}  # and SlowBatch.result was never waited for
