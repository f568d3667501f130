"""Small hostile and broken inputs for the regression set of issue 12 (tests/test_hostile_cli.py).

Every builder writes into a folder it is given and returns the path; nothing is downloaded and
nothing comes from ../shared. Run directly to write them all into a folder for manual checks:
``python tests/make_hostile.py OUTDIR``.
"""

from __future__ import annotations

import email.message
import io
import os
import struct
import sys
import zipfile
from pathlib import Path

# Word writes an emoji as two signed 16-bit \u escapes, one per UTF-16 surrogate (U+1F60A here),
# and a broken writer may leave one of them alone.
RTF_EMOJI = rb"{\rtf1\ansi Smile \u-10179?\u-8694? please. The plan starts tomorrow in twelve cities.}"
RTF_LONE_SURROGATE = rb"{\rtf1\ansi Broken \u-10179? half. The plan starts tomorrow in twelve cities.}"

ARTICLE = (
    "وزارة المياه تطلق خطة جديدة\n"
    "قال الوزير إن الخطة ستبدأ غدا في 12 مدينة. وأضاف أن الخبراء رحبوا بها.\n"
    "تشمل الخطة إصلاح الشبكات القديمة وتركيب عدادات ذكية في المنازل.\n"
)


def rtf_emoji(folder: Path) -> Path:
    path = folder / "emoji.rtf"
    path.write_bytes(RTF_EMOJI)
    return path


def rtf_lone_surrogate(folder: Path) -> Path:
    path = folder / "lone.rtf"
    path.write_bytes(RTF_LONE_SURROGATE)
    return path


def text_with_line_separators(folder: Path) -> Path:
    """An article whose sentences hold U+2028, U+2029 and U+0085 (raw, inside a line)."""
    path = folder / "separators.txt"
    path.write_text("وزارة المياه تطلق خطة جديدة\nقال الوزير\u2028إن الخطة ستبدأ غدا\u2029في 12 مدينة\u0085الآن. "
                    "وأضاف أن الخبراء رحبوا بها.\n", encoding="utf-8")
    return path


def non_utf8_name(folder: Path) -> Path:
    """A file whose name is Latin-1 bytes (not UTF-8): Python sees surrogate escapes in it."""
    path = Path(folder, os.fsdecode(b"caf\xe9-\xff.txt"))
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def eml_with_attachment(folder: Path, attachment: str = ARTICLE) -> Path:
    message = email.message.EmailMessage()
    message["Subject"] = "تقرير عن خطة المياه"
    message["From"] = "analyst@example.org"
    message.set_content("مرفق المقال الكامل.")
    message.add_attachment(attachment.encode("utf-8"), maintype="text", subtype="plain", filename="مقال.txt")
    path = folder / "report.eml"
    path.write_bytes(bytes(message))
    return path


# ------------------------------------------------------------------------------ model archives


def _zip(members: list[tuple[str, bytes]], compression=zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


def _patch_headers(data: bytes, local_offset: int, central_offset: int, value: bytes) -> bytes:
    """Overwrite a field of every local (PK\\3\\4) and central (PK\\1\\2) header."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset:at + offset + len(value)] = value
            at = data.find(signature, at + 4)
    return bytes(data)


MODEL_FILES = [("m/model.bin", b"\0" * 4096), ("m/config.json", b"{}")]


def model_bad_crc(folder: Path) -> Path:
    data = bytearray(_zip(MODEL_FILES))
    at = data.find(b"\0" * 4096)
    data[at + 100] = 1  # one byte of the data changed: its CRC-32 no longer matches
    path = folder / "bad-crc.argosmodel"
    path.write_bytes(bytes(data))
    return path


def model_encrypted_flag(folder: Path) -> Path:
    path = folder / "encrypted.argosmodel"
    path.write_bytes(_patch_headers(_zip(MODEL_FILES), 6, 8, struct.pack("<H", 1)))
    return path


def model_declared_smaller(folder: Path) -> Path:
    """Headers say model.bin holds 10 bytes; its data is 4,096 (stored, so it all comes out)."""
    data = bytearray(_zip(MODEL_FILES[:1]))
    for signature, size_at in ((b"PK\x03\x04", 18), (b"PK\x01\x02", 20)):
        at = data.find(signature)
        data[at + size_at:at + size_at + 8] = struct.pack("<II", 4096, 10)  # compressed, uncompressed
    path = folder / "smaller.argosmodel"
    path.write_bytes(bytes(data))
    return path


def model_long_member_name(folder: Path) -> Path:
    path = folder / "long-name.argosmodel"
    path.write_bytes(_zip([("m/" + "a" * 300 + ".bin", b"x"), *MODEL_FILES]))
    return path


def model_deep_path(folder: Path) -> Path:
    path = folder / "deep.argosmodel"
    path.write_bytes(_zip([("m/" + "d/" * 2000 + "x.bin", b"x"), *MODEL_FILES]))
    return path


def model_file_and_folder(folder: Path) -> Path:
    path = folder / "file-and-folder.argosmodel"
    path.write_bytes(_zip([("m/x", b"a file"), ("m/x/y.bin", b"a file in a folder of the same name")]))
    return path


def model_forged_name(folder: Path) -> Path:
    """A member name that would print a forged line and an escape sequence on the terminal."""
    path = folder / "forged.argosmodel"
    path.write_bytes(_zip([("m/../\ntalkhis: installed OK\x1b[2J\r.bin", b"x"), *MODEL_FILES]))
    return path


BUILDERS = {name: builder for name, builder in globals().items()
            if callable(builder) and name.startswith(("rtf_", "text_", "non_", "eml_", "model_"))}

if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for name, builder in BUILDERS.items():
        print(builder(out))
