"""Reading scans and phone photos: Arabic (and English) optical character recognition, offline.

Tesseract 5 does the recognition, through ``tesserocr`` (its wheels bundle Tesseract itself, so
no separate program is needed). What no wheel carries is the language model, ``ara.traineddata``
(Apache-2.0, 1.4 MB): :func:`find_tessdata` looks for it in Talkhis's own data folder (where
``talkhis ocr import`` puts it), in ``TESSDATA_PREFIX``, in the packaged app, and in the system's
tessdata folders (Debian's ``tesseract-ocr-ara``). Without it OCR is off and a scan gets one line
saying how to turn it on; nothing else in the app depends on it.

Photos are prepared before recognition (measured on the project's own renders, degraded like a
phone photo: rotated, blurred, noisy, grey paper, JPEG quality 55): EXIF orientation applied,
greyscale, contrast stretched (alone it took a 2.5° photo from 0.76 to 0.91 character similarity),
and the page straightened by the angle whose horizontal ink profile is sharpest (with it every
angle tried, 2.5° to 10° either way, read at 1.00; Tesseract's own layout analysis reported 0°).
Tesseract binarises internally (Otsu), which was as good as our own thresholding, so we leave it.
"""

from __future__ import annotations

import glob
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from talkhis.core import paths
from talkhis.core.article import OcrWord
from talkhis.core.errors import InputError, TalkhisError

LOW_CONFIDENCE = 60  # a word Tesseract is less sure of than this (0-100) is marked for checking
MAX_SIDE = 7000  # pixels: a larger image is scaled down first (a 600 dpi A4 page is 7016 px tall)
ENABLE_HINT = ("turn OCR on with 'talkhis ocr import ara.traineddata' (Debian/Ubuntu: "
               "'sudo apt install tesseract-ocr-ara'; the file is in the tessdata repositories)")


class OcrUnavailable(InputError):
    """A scan was opened but OCR cannot run here (no Arabic model, or no Tesseract)."""


class OcrModelError(TalkhisError):
    """``talkhis ocr import`` was given something that is not a usable Tesseract model."""

    exit_code = 4


@dataclass(frozen=True)
class OcrPage:
    """One recognised page: its paragraphs, and each word's place and confidence."""

    paragraphs: tuple[str, ...]
    words: tuple[OcrWord, ...]  # offsets into "\n".join(paragraphs)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


# -- where the language models are -------------------------------------------------------------
def user_tessdata() -> Path:
    """Talkhis's own tessdata folder (``talkhis ocr import`` copies models here)."""
    return paths.data_dir() / "tessdata"


def _candidates() -> Iterator[Path]:
    yield user_tessdata()
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        yield Path(prefix)
        yield Path(prefix) / "tessdata"
    if getattr(sys, "frozen", False):  # the packaged app bundles ara.traineddata
        yield Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "tessdata"
    for pattern in ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata",
                    "/opt/homebrew/share/tessdata", "/opt/local/share/tessdata",
                    "C:/Program Files/Tesseract-OCR/tessdata"):
        yield from (Path(p) for p in sorted(glob.glob(pattern), reverse=True))


def find_tessdata(language: str = "ara") -> Path | None:
    """The first folder holding ``LANGUAGE.traineddata``, or None."""
    for folder in _candidates():
        if (folder / f"{language}.traineddata").is_file():
            return folder
    return None


def languages() -> str | None:
    """The Tesseract language string to use: "ara+eng" when English is beside Arabic, "ara", or None."""
    folder = find_tessdata("ara")
    if folder is None:
        return None
    return "ara+eng" if (folder / "eng.traineddata").is_file() else "ara"


def status() -> str:
    """One line for ``talkhis ocr status`` and the window: is OCR on, and with what."""
    try:
        import tesserocr
    except ImportError:
        return "OCR is off: the tesserocr package is missing; reinstall Talkhis"
    folder = find_tessdata("ara")
    if folder is None:
        return f"OCR is off: no Arabic model; {ENABLE_HINT}"
    version = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version() else "?"
    return f"OCR is on: Tesseract {version}, languages {languages()}, models in {folder}"


def import_model(source: str | os.PathLike) -> Path:
    """Verify ``source`` (a ``*.traineddata``) loads in Tesseract, then copy it atomically into
    :func:`user_tessdata`; returns the installed path. Raises :class:`OcrModelError` (one line)."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise OcrModelError(f"{source}: no such file; give the path of a .traineddata file (e.g. ara.traineddata)")
    if source.suffix != ".traineddata":
        raise OcrModelError(f"{source}: not a Tesseract model; its name must end in .traineddata (e.g. ara.traineddata)")
    language = source.stem
    if not language.replace("_", "").isalnum():
        raise OcrModelError(f"{source}: unexpected model name; rename it to the language code, e.g. ara.traineddata")
    if source.stat().st_size > 200 * 1024 * 1024:
        raise OcrModelError(f"{source}: over 200 MB, too big for a Tesseract language model; check the file")
    target_dir = user_tessdata()
    target_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target_dir))
    try:
        staged = staging / source.name
        shutil.copyfile(source, staged)
        _check_loads(staging, language, source)
        target = target_dir / source.name
        os.replace(staged, target)  # atomic: the old model or the new, never half a file
        return target
    except OSError as exc:
        raise OcrModelError(f"{source}: cannot be installed ({exc.strerror}); check free space and permissions") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_loads(folder: Path, language: str, source: Path) -> None:
    import tesserocr

    try:
        api = tesserocr.PyTessBaseAPI(path=str(folder), lang=language, init=True)
    except RuntimeError:
        raise OcrModelError(f"{source}: Tesseract cannot load it (damaged or not a Tesseract 4/5 model); "
                            "download it again") from None
    api.End()


# -- recognition -------------------------------------------------------------------------------
def prepare(image):
    """A PIL image ready for Tesseract: upright (EXIF), greyscale, contrast stretched, straightened."""
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image = image.convert("L")
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    image = ImageOps.autocontrast(image, cutoff=1)
    angle = skew_angle(image)
    if abs(angle) >= 0.5:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return image


def skew_angle(image) -> float:
    """Degrees to rotate ``image`` (counter-clockwise) so its lines are level, within ±12°.

    The angle at which the rows' ink profile changes most sharply from row to row is the one at
    which lines of text are horizontal (projection profile); searched at 1° then 0.25° on a small copy.
    """
    import numpy as np
    from PIL import Image

    small = image.copy()
    small.thumbnail((900, 900))
    ink = Image.fromarray(((np.asarray(small) < 128) * 255).astype("uint8"))
    best_angle, best_score = 0.0, -1.0
    for step, low, high in ((1.0, -12.0, 12.0), (0.25, None, None)):
        if low is None:
            low, high = best_angle - 1.0, best_angle + 1.0
        for angle in np.arange(low, high + 1e-9, step):
            rows = np.asarray(ink.rotate(float(angle), resample=Image.Resampling.NEAREST, fillcolor=0),
                              dtype=np.float32).sum(axis=1)
            score = float(np.square(np.diff(rows)).sum())
            if score > best_score:
                best_angle, best_score = float(angle), score
    return best_angle


def recognise(image, language: str | None = None, *, folder: Path | None = None) -> OcrPage:
    """Read one page (a PIL image). Raises :class:`OcrUnavailable` when OCR is off."""
    import tesserocr

    language = language or languages()
    folder = folder or find_tessdata("ara")
    if language is None or folder is None:
        raise OcrUnavailable(f"OCR is off: {ENABLE_HINT}")
    prepared = prepare(image)
    paragraphs: list[str] = []
    words: list[OcrWord] = []
    offset = 0
    try:
        api = tesserocr.PyTessBaseAPI(path=str(folder), lang=language, psm=tesserocr.PSM.AUTO)
    except RuntimeError:
        raise OcrUnavailable(f"OCR cannot start: the {language} model in {folder} does not load (damaged, or "
                             f"not for Tesseract 4/5); {ENABLE_HINT}") from None
    with api:
        api.SetImage(prepared)
        api.Recognize()
        # The page's text comes in reading order (a paragraph per blank-line-separated block, its
        # printed lines broken with "\n"); the iterator's per-word text comes in visual order (an
        # Arabic word spelled backwards), so words are taken from the page's text and the
        # confidences, which AllWordConfidences gives in reading order, laid over them one by one.
        page_text = api.GetUTF8Text()
        confidences = list(api.AllWordConfidences())
    blocks = [" ".join(block.split()) for block in page_text.split("\n\n")]
    blocks = [block for block in blocks if block]
    if sum(len(block.split(" ")) for block in blocks) != len(confidences):  # counted differently
        mean = sum(confidences) / len(confidences) if confidences else 0.0
        confidences = [mean] * sum(len(block.split(" ")) for block in blocks)
    for block in blocks:
        offset = _add_paragraph(block, confidences, paragraphs, words, offset)
    return OcrPage(tuple(paragraphs), tuple(words))


def _add_paragraph(text: str, confidences: list[float], paragraphs: list[str], words: list[OcrWord],
                   offset: int) -> int:
    """Append one paragraph, its words taking the next confidences; returns the offset after it."""
    position = 0
    for word in text.split(" "):
        words.append(OcrWord(offset + position, offset + position + len(word), confidences.pop(0)))
        position += len(word) + 1
    paragraphs.append(text)
    return offset + len(text) + 1


def open_image(data: bytes, limit: int) -> tuple[list, int]:
    """The first ``limit`` frames of an image file (a multi-page TIFF has several) as PIL images,
    and how many frames it has. Frames past the limit are never decoded, and a frame larger than
    Pillow's decompression-bomb bound is refused (``Image.DecompressionBombError``)."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    total = getattr(image, "n_frames", 1)
    frames = []
    for number in range(min(total, limit)):
        image.seek(number)
        if image.width * image.height > (Image.MAX_IMAGE_PIXELS or 2**31):
            raise Image.DecompressionBombError(f"frame {number + 1} is {image.width}×{image.height} pixels")
        frames.append(image.copy())
    return frames, total
