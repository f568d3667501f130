"""The three model layouts users bring, recognised from their files (see models/README.md).

=========  ====================================================  ===============================
layout     recognised by                                         tokenisation
=========  ====================================================  ===============================
argos      ``metadata.json`` with ``from_code``/``to_code``;       ``sentencepiece.model``; optional
           the CTranslate2 model is in ``model/``                 ``target_prefix`` from metadata
opus-mt    ``source.spm`` + ``target.spm`` beside ``model.bin``   encode with source.spm, decode
                                                                  with target.spm, ``</s>`` added
                                                                  unless ``add_source_eos``
nllb       ``sentencepiece.bpe.model`` and ``arb_Arab`` in the    ``[arb_Arab] + pieces + [</s>]``,
           vocabulary                                             prefix ``eng_Latn``, dropped
=========  ====================================================  ===============================

Anything else is refused with a message listing what was found and what each layout needs.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from talkhis.core.article import ModelInfo
from talkhis.core.errors import ModelError
from talkhis.core.translation import marian
from talkhis.core.translation.engine import Engine, EngineSettings

log = logging.getLogger(__name__)

LAYOUTS = ("argos", "opus-mt", "nllb")
IGNORED_ARGOS_DIRS = ("stanza", "minisbd", "spacy")  # sentence splitters we never load

_NEEDS = (
    "an Argos package needs metadata.json, model/ and sentencepiece.model; "
    "an OPUS-MT model needs model.bin, source.spm and target.spm; "
    "an NLLB model needs model.bin and sentencepiece.bpe.model"
)


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: unreadable ({exc}); the model is damaged, re-import it") from None
    if not isinstance(value, dict):
        raise ModelError(f"{path}: not a JSON object; the model is damaged, re-import it")
    return value


def _has_ct2_model(folder: Path) -> bool:
    return (folder / "model.bin").is_file()


def _vocabulary_has(folder: Path, token: str) -> bool:
    for name in ("shared_vocabulary.json", "target_vocabulary.json"):
        path = folder / name
        if path.is_file():
            try:
                return token in json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return False
    for name in ("shared_vocabulary.txt", "target_vocabulary.txt"):
        path = folder / name
        if path.is_file():
            try:
                return token in path.read_text(encoding="utf-8").splitlines()
            except (OSError, ValueError):
                return False
    return False


def detect_layout(folder: Path) -> str:
    """Return ``"argos"``, ``"opus-mt"`` or ``"nllb"`` for a model folder, or raise ModelError."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelError(f"{folder}: not a model folder; {_NEEDS}")
    if marian.is_release(folder):
        raise ModelError(
            f"{folder}: an OPUS-MT release in Marian's format; install it with 'talkhis models "
            "import' (it is converted to CTranslate2 once, on import), then use it by name")
    metadata = folder / "metadata.json"
    if metadata.is_file():
        meta = _read_json(metadata)
        if "from_code" in meta and "to_code" in meta:
            return "argos"
    if (folder / "source.spm").is_file() and (folder / "target.spm").is_file():
        return "opus-mt"
    if (folder / "sentencepiece.bpe.model").is_file() and _vocabulary_has(folder, "arb_Arab"):
        return "nllb"
    marian.refuse_bergamot(folder)
    found = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir())[:12]
    raise ModelError(
        f"{folder}: not a translation model Talkhis knows (found: {', '.join(found) or 'nothing'}); "
        + _NEEDS
    )


def _load_spm(path: Path):
    import sentencepiece as spm

    try:
        return spm.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError) as exc:
        raise ModelError(f"{path}: the SentencePiece model does not load ({exc}); re-import the model") from None


@dataclass
class TranslationModel:
    """A model ready to translate normalised sentences: tokenisation + engine + description."""

    info: ModelInfo
    engine: Engine
    max_input_tokens: int = 200  # longer sentences are split at clause boundaries first
    target_prefix: list[str] | None = None
    drop_prefix: int = 0  # output tokens to drop (NLLB's language code)
    _source_sp: object = None
    _target_sp: object = None
    append_eos: bool = False
    source_language_token: str | None = None
    extra: dict = field(default_factory=dict)

    def _with_specials(self, pieces: list[str]) -> list[str]:
        """The layout's language code before and end token after SentencePiece's pieces."""
        head = [self.source_language_token] if self.source_language_token else []
        return head + pieces + (["</s>"] if self.append_eos else [])

    def encode(self, text: str) -> list[str]:
        return self._with_specials(self._source_sp.encode(text, out_type=str))

    def encode_many(self, texts: list[str]) -> list[list[str]]:
        return [self._with_specials(pieces) for pieces in self._source_sp.encode(texts, out_type=str)]

    def count_tokens(self, text: str) -> int:
        return len(self.encode(text))

    def fingerprint(self) -> str:
        """Identity of the weights for the translation memory: the store's hash when installed,
        else a cheap one from the files' names, sizes and modification times."""
        if self.extra.get("fingerprint"):
            return self.extra["fingerprint"]
        import hashlib

        digest = hashlib.sha256(str(Path(self.info.path).resolve()).encode())
        for path in sorted(Path(self.info.path).rglob("*")):
            if path.is_file():
                st = path.stat()
                digest.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        self.extra["fingerprint"] = "path-" + digest.hexdigest()[:16]
        return self.extra["fingerprint"]

    def decode(self, tokens: list[str]) -> str:
        tokens = tokens[self.drop_prefix:]
        tokens = [t for t in tokens if t not in ("</s>", "<s>", "<pad>")]
        return self._target_sp.decode_pieces(tokens).strip()


# -- translation direction -----------------------------------------------------------------

_ARABIC_CODES = {"ar", "ara", "arb", "arz", "apc", "ajp", "afb", "acm", "ary", "aeb", "acq", "ars"}
_ENGLISH_CODES = {"en", "eng"}
_ENGLISH_PIECES = ("\u2581the", "\u2581and", "\u2581of", "\u2581to", "\u2581in")


def _scripts(sp) -> tuple[int, int]:
    """How many pieces of a SentencePiece model are Arabic-script and how many Latin-script."""
    arabic = latin = 0
    for i in range(sp.get_piece_size()):
        piece = sp.id_to_piece(i)
        if any("\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3" for c in piece):
            arabic += 1
        elif any("a" <= c.lower() <= "z" for c in piece):
            latin += 1
    return arabic, latin


def _readme_languages(folder: Path) -> tuple[set[str], set[str]] | None:
    """The ``source language(s)`` / ``target language(s)`` lines of an OPUS-MT README, if any."""
    path = folder / "README.md"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")[:200_000] if path.is_file() else ""
    except OSError:
        return None
    found = []
    for side in ("source", "target"):
        match = re.search(rf"^\W*{side} language\(?s?\)?:\s*(.+)$", text, re.IGNORECASE | re.MULTILINE)
        if not match:
            return None
        found.append({c.split("_")[0].lower() for c in re.findall(r"[A-Za-z_]+", match.group(1))})
    return found[0], found[1]


def direction_problem(folder: Path, layout: str) -> str | None:
    """Why the model in ``folder`` is not Arabic→English, or None when it is (or cannot tell).

    Argos: ``metadata.json``'s codes. OPUS-MT: its README's language lines when it has them,
    else its SentencePiece models: ``source.spm`` must be mostly Arabic script and
    ``target.spm`` Latin script holding common English pieces (an en→de model has a Latin
    source; an ar→fr one lacks "▁the"). NLLB translates between any of its 200 languages and is
    always driven arb_Arab→eng_Latn.
    """
    folder = Path(folder)
    if layout == "argos":
        meta = _read_json(folder / "metadata.json")
        pair = (str(meta.get("from_code")), str(meta.get("to_code")))
        return None if pair == ("ar", "en") else f"this model translates {pair[0]}→{pair[1]}"
    if layout != "opus-mt":
        return None
    languages = _readme_languages(folder)
    if languages is not None:
        source, target = languages
        if not source & _ARABIC_CODES or not target & _ENGLISH_CODES:
            return (f"its README says it translates {'+'.join(sorted(source)) or '?'}→"
                    f"{'+'.join(sorted(target)) or '?'}")
    source_ar, source_latin = _scripts(_load_spm(folder / "source.spm"))
    if source_ar <= source_latin:
        return "its source vocabulary (source.spm) is not Arabic script"
    target = _load_spm(folder / "target.spm")
    target_ar, target_latin = _scripts(target)
    if target_latin <= target_ar:
        return "its target vocabulary (target.spm) is not Latin script"
    pieces = {target.id_to_piece(i) for i in range(target.get_piece_size())}
    if sum(p in pieces for p in _ENGLISH_PIECES) < 2:
        return "its target vocabulary (target.spm) does not look English"
    return None


def check_direction(folder: Path, layout: str) -> None:
    """Raise :class:`ModelError` for a model that does not translate Arabic into English."""
    problem = direction_problem(folder, layout)
    if problem:
        raise ModelError(f"{folder}: {problem}; Talkhis needs an Arabic→English (ar→en) model")


def load_model_dir(folder: Path, settings: EngineSettings | None = None, info: ModelInfo | None = None) -> TranslationModel:
    """Build a :class:`TranslationModel` for a model folder of any of the three layouts.

    A model that is not Arabic→English is refused (:func:`check_direction`)."""
    folder = Path(folder)
    layout = detect_layout(folder)
    check_direction(folder, layout)
    if info is None:
        info = describe(folder, layout, name=folder.name)
    if layout == "argos":
        meta = _read_json(folder / "metadata.json")
        model_dir = folder / "model"
        if not _has_ct2_model(model_dir):
            raise ModelError(f"{folder}: the Argos package has no model/model.bin; re-download the package")
        sp_path = folder / "sentencepiece.model"
        if not sp_path.is_file():
            if (folder / "bpe.model").is_file():
                raise ModelError(
                    f"{folder}: this Argos package uses Moses+BPE tokenisation (bpe.model), which "
                    "Talkhis does not support yet; use a SentencePiece package or an OPUS-MT model"
                )
            raise ModelError(f"{folder}: the Argos package has no sentencepiece.model; re-download it")
        sp = _load_spm(sp_path)
        prefix = meta.get("target_prefix")
        return TranslationModel(
            info=info,
            engine=Engine(model_dir, settings),
            target_prefix=[prefix] if isinstance(prefix, str) and prefix else None,
            drop_prefix=1 if isinstance(prefix, str) and prefix else 0,
            _source_sp=sp,
            _target_sp=sp,
        )
    if not _has_ct2_model(folder):
        raise ModelError(f"{folder}: model.bin is missing; the model is incomplete, re-convert or re-copy it")
    config = _read_json(folder / "config.json") if (folder / "config.json").is_file() else {}
    if layout == "opus-mt":
        return TranslationModel(
            info=info,
            engine=Engine(folder, settings),
            append_eos=not config.get("add_source_eos", False),
            _source_sp=_load_spm(folder / "source.spm"),
            _target_sp=_load_spm(folder / "target.spm"),
        )
    sp = _load_spm(folder / "sentencepiece.bpe.model")
    return TranslationModel(
        info=info,
        engine=Engine(folder, settings),
        max_input_tokens=200,
        target_prefix=["eng_Latn"],
        drop_prefix=1,
        source_language_token="arb_Arab",
        append_eos=True,
        _source_sp=sp,
        _target_sp=sp,
    )


_LICENCES = {"opus-mt": "CC-BY-4.0", "nllb": "CC-BY-NC-4.0 (non-commercial use only)"}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink())


def describe(folder: Path, layout: str, name: str) -> ModelInfo:
    """Name, languages and licence of a model folder, as the model manager lists them."""
    source, target, licence = "ar", "en", _LICENCES.get(layout)
    if layout == "argos":
        meta = _read_json(folder / "metadata.json")
        source = str(meta.get("from_code") or "ar")
        target = str(meta.get("to_code") or "en")
        licence = meta.get("license") or licence
    return ModelInfo(
        name=name,
        layout=layout,
        path=str(folder),
        source_language=source,
        target_language=target,
        license=licence,
        size_bytes=folder_size(folder),
    )
