"""Marian-family models as analysts download them: OPUS-MT releases (converted on import) and
Bergamot / Firefox Translations / translateLocally models (recognised and refused).

An OPUS-MT release (``opus-2019-12-18.zip`` for ar→en, or a Tatoeba-Challenge ``ara-eng`` zip)
holds ``decoder.yml``, a Marian ``.npz``, ``*.vocab.yml``, ``source.spm`` and ``target.spm``.
CTranslate2's own :class:`~ctranslate2.converters.OpusMTConverter` turns it into a CTranslate2
model with numpy and pyyaml only (no PyTorch), so the zip is imported exactly as downloaded:
converted to int8 beside it, the SentencePiece files copied in, and from then on it is an
ordinary ``opus-mt`` model (``add_source_eos`` is set by the converter).

Bergamot models (intgemm-quantised ``.bin``, a lexical shortlist ``lex.*``, an SSRU decoder)
cannot be converted to CTranslate2; they are refused with one line naming what to get instead.
"""

from __future__ import annotations

import itertools
import logging
import re
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from talkhis.core.errors import ModelError

log = logging.getLogger(__name__)

GET_INSTEAD = (
    "get the OPUS-MT Arabic→English release (opus-2019-12-18.zip, Helsinki-NLP OPUS-MT ar-en) "
    "or the Argos translate-ar_en .argosmodel and import that"
)
BERGAMOT_REFUSAL = (
    "{source}: a Bergamot / Firefox Translations / translateLocally model ({evidence}): its "
    "intgemm weights and SSRU decoder cannot be run by CTranslate2; " + GET_INSTEAD
)

# File names that only Bergamot-style packages have.
_BERGAMOT_NAME = re.compile(
    r"(intgemm|\.alphas\.bin|^lex\.|\.s2t\.bin|^model_info\.json$|^qualityModel\.|\.qualityModel\.)",
    re.IGNORECASE)
# Options of a Bergamot/translateLocally config (an SSRU decoder, an intgemm model, a shortlist).
_BERGAMOT_CONFIG = re.compile(r"(transformer-decoder-autoreg:\s*rnn|gemm-precision|intgemm|shortlist:)")


def _bergamot_evidence(names: list[str], read: Callable[[str], bytes | None]) -> str | None:
    for name in names:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base and _BERGAMOT_NAME.search(base):
            return base
    for name in names:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.endswith((".yml", ".yaml")):
            text = read(name)
            if text is not None:
                match = _BERGAMOT_CONFIG.search(text[:65536].decode("utf-8", "replace"))
                if match:
                    return f"{base}: {match.group(1).strip()}"
    return None


def refuse_bergamot(source: Path) -> None:
    """Raise :class:`ModelError` if ``source`` (folder, zip or tar archive) is a Bergamot model.

    Only names and small config files are read; nothing is extracted.
    """
    evidence = None
    try:
        if source.is_dir():
            files = itertools.islice((p for p in source.rglob("*") if p.is_file() and not p.is_symlink()), 10_000)
            names = [p.relative_to(source).as_posix() for p in files]

            def read(name: str) -> bytes | None:
                path = source / name
                return path.read_bytes()[:65536] if path.stat().st_size < 1 << 20 else None

            evidence = _bergamot_evidence(names, read)
        elif zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as zf:
                infos = {i.filename: i for i in zf.infolist()[:10_000]}

                def read(name: str) -> bytes | None:
                    info = infos[name]
                    if info.file_size > 1 << 20:
                        return None
                    with zf.open(info) as handle:
                        return handle.read(65536)

                evidence = _bergamot_evidence(list(infos), read)
        elif source.is_file() and tarfile.is_tarfile(source):
            with tarfile.open(source) as tf:  # names only: members are never extracted
                names = [m.name for m in tf.getmembers()[:10_000] if m.isfile()]
            evidence = _bergamot_evidence(names, lambda _name: None)
            if evidence is None:
                raise ModelError(
                    f"{source}: a tar archive; Talkhis imports .argosmodel/.zip files and folders "
                    "(unpack it and import the folder)")
    except (OSError, zipfile.BadZipFile, tarfile.TarError, KeyError):
        return  # unreadable: the importer's own checks report it
    if evidence:
        raise ModelError(BERGAMOT_REFUSAL.format(source=source, evidence=evidence))


def is_release(folder: Path) -> bool:
    """An OPUS-MT Marian release folder: ``decoder.yml`` and no converted ``model.bin``."""
    return (folder / "decoder.yml").is_file() and not (folder / "model.bin").is_file()


def _plain_member(folder: Path, value, what: str) -> Path:
    """A file named by decoder.yml, which must be a plain name inside the release folder."""
    if not isinstance(value, str) or not value or "/" in value or "\\" in value or value.startswith("."):
        raise ModelError(f"{folder / 'decoder.yml'}: its {what} entry {value!r} is not a file of the release; "
                         "download the release zip again")
    path = folder / value
    if not path.is_file():
        raise ModelError(f"{folder}: decoder.yml names {value}, which is missing; download the release zip again")
    return path


def release_files(folder: Path) -> tuple[Path, list[Path]]:
    """The ``.npz`` and vocabularies ``decoder.yml`` names, checked; raises ModelError."""
    import yaml  # as for the converter below: only an import of a release needs it

    try:
        config = yaml.safe_load((folder / "decoder.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"{folder / 'decoder.yml'}: unreadable ({first}); download the release zip again") from None
    if not isinstance(config, dict) or not config.get("models") or not config.get("vocabs"):
        raise ModelError(f"{folder / 'decoder.yml'}: lists no model or vocabulary; this is not an OPUS-MT release")
    models, vocabs = config["models"], config["vocabs"]
    if not isinstance(models, list) or not isinstance(vocabs, list):
        raise ModelError(f"{folder / 'decoder.yml'}: models and vocabs must be lists; download the release again")
    model = _plain_member(folder, models[0], "models")
    if model.suffix != ".npz":
        raise ModelError(f"{model}: not a Marian .npz model; this release format is not supported")
    for name in ("source.spm", "target.spm"):
        if not (folder / name).is_file():
            raise ModelError(f"{folder}: the OPUS-MT release has no {name}; download the release zip again")
    return model, [_plain_member(folder, v, "vocabs") for v in vocabs]


def convert_release(folder: Path, out: Path, progress: Callable[[str, float], None] | None = None) -> Path:
    """Convert the OPUS-MT release in ``folder`` to an int8 CTranslate2 model in ``out``.

    ``out`` receives ``model.bin``, ``config.json``, the vocabulary and the release's
    ``source.spm``/``target.spm`` (and README/LICENSE when present). Raises :class:`ModelError`
    with one line when the release is damaged or not a model CTranslate2 can run.
    """
    # Imported here, not at the top: only an import of a release needs the converters, and the
    # window imports the model store (hence this module) before it has painted.
    from ctranslate2.converters import OpusMTConverter

    release_files(folder)  # clear messages before the converter's own
    if progress:
        progress("Converting the OPUS-MT model to int8", 0.0)
    try:
        OpusMTConverter(str(folder)).convert(str(out), quantization="int8")
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - numpy, zipfile, yaml and the converter's own checks
        text = " ".join(str(exc).split()) or type(exc).__name__
        raise ModelError(f"{folder}: the OPUS-MT release could not be converted ({text[:300]}); "
                         "it may be damaged or of an unsupported architecture") from None
    for name in ("source.spm", "target.spm", "README.md", "LICENSE"):
        if (folder / name).is_file():
            shutil.copyfile(folder / name, out / name)
    if progress:
        progress("Converting the OPUS-MT model to int8", 1.0)
    log.info("converted the OPUS-MT release %s to %s", folder, out)
    return out
