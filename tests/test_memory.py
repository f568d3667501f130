"""The translation memory: re-opening an article translates nothing, damage is survived."""

from __future__ import annotations

import sqlite3

from talkhis.core.memory import TranslationMemory
from talkhis.core.pipeline import load_model, open_article, translate_article
from talkhis.core.translation import TranslationOptions

FAST = TranslationOptions(beam_size=1, max_decoding_length=16)


def _counting(model):
    calls = []
    original = model.engine.submit

    def counted(batch, **kwargs):
        calls.append(len(batch))
        return original(batch, **kwargs)

    model.engine.submit = counted
    return calls


def test_reopening_an_article_translates_nothing_and_gives_the_same_text(test_models, coalition_path):
    article = open_article(coalition_path)
    model = load_model(str(test_models["opus-mt"]))
    calls = _counting(model)
    memory = TranslationMemory()
    first = translate_article(article, model, options=FAST, memory=memory)
    first_calls = sum(calls)
    assert first_calls >= 25 and not any(t.cached for t in first)  # long ones go in parts
    calls.clear()
    again = translate_article(article, model, options=FAST, memory=TranslationMemory())
    assert calls == []
    assert [t.text for t in again] == [t.text for t in first] and all(t.cached for t in again)
    # other decoding options are another key: translated anew
    translate_article(article, model, options=TranslationOptions(beam_size=2, max_decoding_length=16), memory=memory)
    assert sum(calls) == first_calls


def test_repeated_boilerplate_is_translated_once(test_models, tmp_path):
    path = tmp_path / "repeats.txt"
    path.write_text("عنوان المقال\n" + "حقوق النشر محفوظة للوكالة. قال الوزير كلاما جديدا.\n" * 3, encoding="utf-8")
    article = open_article(path)
    model = load_model(str(test_models["nllb"]))
    calls = _counting(model)
    translations = translate_article(article, model, options=FAST)
    assert sum(calls) == 3  # title + two distinct sentences, each once
    assert translations[1].text == translations[3].text == translations[5].text


def test_corrupt_memory_is_rebuilt_not_fatal(test_models, coalition_path, talkhis_home):
    memory = TranslationMemory()
    memory.path.parent.mkdir(parents=True, exist_ok=True)
    memory.path.write_bytes(b"this is not a database" * 100)
    article = open_article(coalition_path)
    model = load_model(str(test_models["argos"]))
    translations = translate_article(article, model, options=FAST, memory=memory)
    assert all(t is not None for t in translations)
    assert memory.warning and "rebuilt" in memory.warning
    assert memory.count() == 25
    with sqlite3.connect(memory.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_cache_clear_from_the_cli(capsys, test_models, coalition_path):
    from talkhis.cli import main

    assert main(["summarize", str(coalition_path), "--model", str(test_models["opus-mt"]), "--beam", "1"]) == 0
    capsys.readouterr()
    main(["cache", "info"])
    assert capsys.readouterr().out.startswith("25 translations")
    main(["cache", "clear"])
    assert "forgot 25" in capsys.readouterr().out
    main(["cache", "info"])
    assert capsys.readouterr().out.startswith("0 translations")


def test_a_memory_locked_for_a_moment_by_another_talkhis_is_used_again_once_free(tmp_path, monkeypatch):
    """talkhis cache clear (or a second run) holding the lock must not switch the memory off for good."""
    import sqlite3

    from talkhis.core.article import Translation
    from talkhis.core.memory import TranslationMemory

    path = tmp_path / "memory.sqlite3"
    memory = TranslationMemory(path)
    memory.put_many("m", "o", {"أ": Translation("a")})
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another process writing
    memory.close()
    monkeypatch.setattr("talkhis.core.memory.BUSY_SECONDS", 0.1)
    try:
        memory.put_many("m", "o", {"ب": Translation("b")})  # fails quietly while locked
    finally:
        other.execute("COMMIT")
        other.close()

    memory.put_many("m", "o", {"ج": Translation("c")})
    assert memory.warning is None
    assert set(memory.get_many("m", "o", ["أ", "ج"])) == {"أ", "ج"}
