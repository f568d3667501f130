"""Reading plain-text articles: encodings, line endings, and every kind of bad input."""

from __future__ import annotations

import codecs

import pytest

from talkhis.core.errors import InputError
from talkhis.core.readers import read_document, supported_extensions

ARTICLE = "وزارة الزراعة تعلن خطة جديدة\r\nقال الوزير إن الخطة ستبدأ غدا. وأضاف أن المزارعين سيستفيدون منها.\r\n"


@pytest.mark.parametrize(
    ("encoding", "payload", "reported"),
    [
        ("utf-8", ARTICLE.encode("utf-8"), "utf-8"),
        ("utf-8 with BOM", codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        ("utf-16 LE with BOM", ARTICLE.encode("utf-16"), "utf-16"),
        ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        ("windows-1256", ARTICLE.encode("cp1256"), "cp1256"),
    ],
)
def test_article_reads_the_same_in_every_supported_encoding(tmp_path, encoding, payload, reported):
    path = tmp_path / "article.txt"
    path.write_bytes(payload)
    document = read_document(path)
    assert document.encoding == reported
    assert document.text == ARTICLE.replace("\r\n", "\n")
    assert document.format == "txt"


def test_old_mac_line_endings_become_paragraphs(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("سطر أول\rسطر ثان\r".encode())
    assert read_document(path).text.splitlines() == ["سطر أول", "سطر ثان"]


def test_markdown_and_extensionless_files_read_as_text(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text(ARTICLE, encoding="utf-8")
    bare = tmp_path / "مقال بلا امتداد"
    bare.write_text(ARTICLE, encoding="utf-8")
    assert read_document(md).format == "md"
    assert read_document(bare).text.startswith("وزارة")
    assert ".txt" in supported_extensions() and ".md" in supported_extensions()


def test_windows_1256_sample_from_shared_folder_matches_utf8(tmp_path, coalition_path):
    original = coalition_path.read_text(encoding="utf-8")
    # Windows-1256 has no Farsi yeh or curly quotes in every position: keep what it can encode.
    encodable = original.encode("cp1256", errors="ignore").decode("cp1256")
    path = tmp_path / "legacy.txt"
    path.write_bytes(encodable.encode("cp1256"))
    document = read_document(path)
    assert document.encoding == "cp1256"
    assert document.text == encodable


def _error(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")


def test_directory(tmp_path):
    assert "folder" in _error(tmp_path)


def test_empty_and_blank_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    assert "empty" in _error(empty)
    assert "no text" in _error(blank)


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "binary" in _error(path)


def test_undecodable_text(tmp_path):
    path = tmp_path / "latin.txt"
    russian = "Президент заявил сегодня, что переговоры продолжатся на следующей неделе в Москве. "
    path.write_bytes(russian.encode("koi8_r") * 3)
    message = _error(path)
    assert "no supported encoding" in message and "UTF-8" in message


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    assert "limit" in _error(path)
    small_limit = tmp_path / "a.txt"
    small_limit.write_text(ARTICLE * 100, encoding="utf-8")
    assert "limit" in _error(small_limit, max_bytes=1000)
