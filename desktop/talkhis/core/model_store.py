"""Installed translation models: import (verified, atomic), list, remove, default.

Each installed model is a folder ``<models_dir>/<name>/`` holding the model files as the user
brought them (an Argos package extracted, minus the sentence-splitter folders we never load)
and ``talkhis-model.json``, our manifest. An import is staged in a hidden folder beside the
installed ones, loaded and made to translate one sentence, and only then renamed into place, so
a failed import leaves nothing behind and never touches an installed model.

Bundled models: folders under :func:`paths.bundled_models_dir` (``models/bundled/<name>/``,
shipped inside the application by an IT department) are listed after the installed ones as
read-only, so one is the default only when nothing is installed, and cannot be removed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path, PurePosixPath

from talkhis.core import paths
from talkhis.core.article import ModelInfo
from talkhis.core.errors import ModelError
from talkhis.core.translation import marian, speed
from talkhis.core.translation.batching import TranslationOptions, translate_sentences
from talkhis.core.translation.engine import EngineSettings
from talkhis.core.translation.known import published_quality
from talkhis.core.translation.layouts import (
    IGNORED_ARGOS_DIRS,
    TranslationModel,
    check_direction,
    describe,
    detect_layout,
    load_model_dir,
)

log = logging.getLogger(__name__)

MANIFEST = "talkhis-model.json"
STAGING_PREFIX = ".staging-"
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 8 * 1024**3  # an NLLB-3.3B int8 is ~3.3 GB; nothing real is near 8 GB
MAX_COMPRESSION_RATIO = 200  # a zip bomb expands far more than any model file
SPARSE_CHECK_BYTES = 64 * 1024**2  # a folder's file this big must occupy disk space like a real one
STALE_AFTER_SECONDS = 6 * 3600  # an interrupted import's staging folder
VERIFY_SENTENCE = "وقال المتحدث إن الاجتماع سيعقد غدا في العاصمة."

ProgressCallback = Callable[[str, float], None]  # (what is happening, fraction done 0..1)


def _safe_name(name: str) -> str:
    name = re.sub(r"[^\w.\-]+", "-", name.strip(), flags=re.UNICODE).strip(".-")
    return name[:80] or "model"


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return f"an absolute path ({name})"
    if ".." in pure.parts:
        return f"a '..' path component ({name})"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"a link ({name})"
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return f"a special file ({name})"
    return None


def extract_archive(archive: Path, dest: Path, progress: ProgressCallback | None = None) -> Path:
    """Validate and extract a model archive into ``dest``; return the model folder inside it.

    Refuses absolute paths, ``..`` components, links, special files, zip bombs; skips the
    sentence-splitter folders of Argos packages (PyTorch pickles are never even written).
    """
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"{archive}: not a valid model archive ({exc}); download the .argosmodel again") from None
    with zf:
        members = zf.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            raise ModelError(f"{archive}: the archive holds {len(members)} files, too many for a model; refused")
        total = 0
        for info in members:
            problem = _member_problem(info)
            if problem:
                raise ModelError(f"{archive}: refused, the archive contains {problem}; it may be malicious")
            total += info.file_size
            if info.compress_size and info.file_size / max(info.compress_size, 1) > MAX_COMPRESSION_RATIO and info.file_size > 1 << 20:
                raise ModelError(f"{archive}: refused, {info.filename} expands {info.file_size // max(info.compress_size, 1)}x (a zip bomb?)")
        if total > MAX_UNPACKED_BYTES:
            raise ModelError(f"{archive}: refused, it would unpack to {total / 1024**3:.1f} GB")
        tops = {PurePosixPath(m.filename.replace("\\", "/")).parts[0] for m in members if m.filename.strip("/")}
        dest_resolved = dest.resolve()
        written = 0
        for info in members:
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if not parts or info.is_dir():
                continue
            inner = parts[1:] if len(tops) == 1 else parts
            if inner and inner[0] in IGNORED_ARGOS_DIRS:
                continue
            target = dest.joinpath(*parts)
            if not target.resolve().is_relative_to(dest_resolved):
                raise ModelError(f"{archive}: refused, {info.filename} would be written outside the model folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            limit = info.file_size
            with zf.open(info) as src, open(target, "wb") as out:
                copied = 0
                while chunk := src.read(1 << 20):
                    copied += len(chunk)
                    if copied > limit:  # the header lied about the size
                        raise ModelError(f"{archive}: refused, {info.filename} is larger than declared")
                    out.write(chunk)
            written += info.file_size
            if progress:
                progress("Unpacking", written / max(total, 1))
    if len(tops) == 1:
        only = dest / next(iter(tops))
        if only.is_dir():
            return only
    return dest


def _copy_folder(source: Path, dest: Path, progress: ProgressCallback | None) -> Path:
    files = []
    for root, dirs, names in os.walk(source, followlinks=False):
        rel = Path(root).relative_to(source)
        dirs[:] = [d for d in dirs if not (rel == Path(".") and d in IGNORED_ARGOS_DIRS)]
        for name in names:
            path = Path(root) / name
            if path.is_symlink():
                raise ModelError(f"{path}: refused, model folders may not contain links; copy the real files")
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):  # a device node (/dev/zero), a FIFO, a socket: never opened
                raise ModelError(f"{path}: refused, model folders hold regular files only (this is a "
                                 "device, pipe or socket)")
            if info.st_size > SPARSE_CHECK_BYTES and 0 <= getattr(info, "st_blocks", -1) * 512 < info.st_size // 8:
                raise ModelError(f"{path}: refused, a sparse file (mostly holes: {info.st_size / 1e6:.0f} MB "
                                 "that occupy almost nothing) is no model file")
            files.append(path)
            if len(files) > MAX_ARCHIVE_MEMBERS:
                raise ModelError(f"{source}: the folder holds more than {MAX_ARCHIVE_MEMBERS} files, too many for a model; refused")
    sizes = {path: path.lstat().st_size for path in files}
    total = sum(sizes.values())
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(f"{source}: refused, the folder holds {total / 1024**3:.1f} GB, more than any model")
    done = 0
    for path in files:
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_at_most(path, target, sizes[path])
        done += sizes[path]
        if progress:
            progress("Copying", done / max(total, 1))
    return dest


def _copy_at_most(path: Path, target: Path, size: int) -> None:
    """Copy a regular file as it was measured: one that grows meanwhile is refused, not followed."""
    with open(path, "rb") as src, open(target, "wb") as out:
        copied = 0
        while chunk := src.read(1 << 20):
            copied += len(chunk)
            if copied > size:
                raise ModelError(f"{path}: refused, the file grew while it was being copied")
            out.write(chunk)


def fingerprint(folder: Path) -> str:
    """A short stable identity of a model's weights (keys the translation memory)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST and path.suffix in {".bin", ".json", ".txt", ".model", ".spm"}:
            digest.update(str(path.relative_to(folder)).encode())
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 22):
                    digest.update(chunk)
    return digest.hexdigest()[:16]


def verify(model: TranslationModel) -> None:
    """Load the model and translate one sentence; raise ModelError if it cannot."""
    options = TranslationOptions(beam_size=1, max_decoding_length=24)
    try:
        result = translate_sentences(model, [VERIFY_SENTENCE], options=options)
    except ModelError:
        raise
    except Exception as exc:  # tokeniser or engine blew up in a way we did not foresee
        raise ModelError(f"{model.info.path}: the model failed its test translation ({exc})") from None
    if 0 not in result:
        raise ModelError(f"{model.info.path}: the model produced no translation in its test")


def _os_reason(exc: OSError, root: Path) -> str:
    """What a failed file operation means for the user, in words (and what to do)."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and import again"
    failed = Path(exc.filename) if isinstance(exc.filename, (str, os.PathLike)) else None
    if failed is not None and not _inside(failed, root) and exc.errno in (errno.EACCES, errno.EPERM):
        return f"{failed} cannot be read ({exc.strerror}); check its permissions, or copy it elsewhere first"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the models folder {root} is read-only; check its permissions or use another TALKHIS_HOME"
    if exc.errno in (errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR, errno.EISDIR, errno.EEXIST):
        return f"it holds a name or path this system cannot store ({exc.strerror}); it may be malicious"
    return f"{exc.strerror or _short(exc)}"


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


class ModelStore:
    """The models installed for this user (or this portable install)."""

    def __init__(self, root: Path | None = None, settings: EngineSettings | None = None,
                 bundled: Path | None = None):
        self.root = Path(root) if root is not None else paths.models_dir()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only home: listing works, an import says why it cannot
            pass
        # Read-only models shipped with the app; a store on an explicit root (tests) has none.
        self.bundled_root = Path(bundled) if bundled is not None else (
            paths.bundled_models_dir() if root is None else None)
        self.engine_settings = settings
        self._clean_stale_staging()

    # -- listing ---------------------------------------------------------------------------
    def list(self) -> list[ModelInfo]:
        infos = []
        try:
            folders = sorted(self.root.iterdir())
        except OSError:  # no models folder (a home that cannot be written): only the bundled ones
            folders = []
        for folder in folders:
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            info = self._read_manifest(folder)
            if info is not None:
                infos.append(info)
        installed = {i.name for i in infos}
        infos += [i for i in self._list_bundled() if i.name not in installed]
        return infos

    def _list_bundled(self) -> list[ModelInfo]:
        """Models in the bundled folder: with our manifest (an installed model copied there) or bare."""
        if self.bundled_root is None or not self.bundled_root.is_dir():
            return []
        infos = []
        for folder in sorted(self.bundled_root.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            if (folder / MANIFEST).is_file():
                info = self._read_manifest(folder)
            else:
                try:
                    info = describe(folder, detect_layout(folder), folder.name)
                except ModelError as exc:
                    log.warning("skipping bundled model %s: %s", folder, exc)
                    info = None
            if info is not None:
                infos.append(replace(info, read_only=True))
        return infos

    def _read_manifest(self, folder: Path) -> ModelInfo | None:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            fields = {k: data[k] for k in ModelInfo.__dataclass_fields__ if k in data and k != "path"}
            return ModelInfo(**fields, path=str(folder / data.get("model_subdir", "")).rstrip("/"))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("skipping %s: unreadable manifest (%s)", folder, exc)
            return None

    def get(self, name: str) -> ModelInfo:
        for info in self.list():
            if info.name == name:
                return info
        names = ", ".join(i.name for i in self.list()) or "none installed"
        raise ModelError(f"no model named '{name}' (installed: {names}); see 'talkhis models list'")

    def manifest(self, name: str) -> dict:
        info = self.get(name)
        if info.read_only:  # bundled: a bare model folder has no manifest
            path = self.bundled_root / info.name / MANIFEST
            return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return json.loads((self.root / info.name / MANIFEST).read_text(encoding="utf-8"))

    # -- default ---------------------------------------------------------------------------
    def default_name(self, preferred: str | None = None, installed: list[str] | None = None) -> str | None:
        """The model used when none is named: the preferred one if installed, else the first.

        ``installed``: the names :meth:`list` gave, when the caller has just listed them.
        """
        if installed is None:
            installed = [i.name for i in self.list()]
        if preferred and preferred in installed:
            return preferred
        return installed[0] if installed else None

    def chosen_default(self, current: str | None, imported: str | None = None) -> str | None:
        """THE rule for the default-model setting after an import or a removal; what to store.

        The default the user set stays while it is installed. Otherwise (none set yet, or the
        set one is gone) the model just ``imported`` becomes the default: so the first model
        imported is the default, and a later import takes over only from a missing one. After
        a removal (no ``imported``) a default that is gone is cleared, and :meth:`default_name`
        falls back to the first installed model.
        """
        if current is not None and current in {i.name for i in self.list()}:
            return current
        return imported

    # -- loading ---------------------------------------------------------------------------
    def load(self, name: str) -> TranslationModel:
        info = self.get(name)
        model = load_model_dir(Path(info.path), self._settings_for(info), info=info)
        model.extra["fingerprint"] = self.manifest(name).get("fingerprint")
        return model

    def _settings_for(self, info: ModelInfo) -> EngineSettings | None:
        """The engine settings, with the thread split measured at import unless the user set one."""
        settings = self.engine_settings or EngineSettings()
        if settings.inter_threads or not info.inter_threads:
            return self.engine_settings
        threads = settings.threads or max(1, os.cpu_count() or 1)
        return replace(settings, inter_threads=max(1, min(info.inter_threads, threads)))

    # -- import / remove -------------------------------------------------------------------
    def import_model(
        self, source: str | os.PathLike, name: str | None = None, progress: ProgressCallback | None = None
    ) -> ModelInfo:
        source = Path(source)
        try:
            return self._import(source, name, progress)
        except ModelError:
            raise
        except OSError as exc:
            raise ModelError(f"{source}: cannot be imported, {_os_reason(exc, self.root)}") from None
        except zipfile.BadZipFile as exc:
            raise ModelError(f"{source}: the archive is damaged ({_short(exc)}); download it again") from None
        except RuntimeError as exc:
            if "encrypted" in str(exc) or "password" in str(exc):
                raise ModelError(f"{source}: the archive is password-protected; import an unencrypted model") from None
            if isinstance(exc, RecursionError):
                raise ModelError(f"{source}: refused, its folders are nested too deep; it may be malicious") from None
            raise ModelError(f"{source}: not a usable model ({type(exc).__name__}: {_short(exc)}); "
                             "download it again or import another one") from None
        except Exception as exc:  # a broken or hostile archive in a way zipfile/the layouts did not foresee
            log.warning("import of %s failed", source, exc_info=True)
            raise ModelError(f"{source}: not a usable model ({type(exc).__name__}: {_short(exc)}); "
                             "download it again or import another one") from None

    def _import(self, source: Path, name: str | None, progress: ProgressCallback | None) -> ModelInfo:
        if not source.exists():
            raise ModelError(f"{source}: no such file or folder; give the path of a .argosmodel file or a model folder")
        marian.refuse_bergamot(source)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=self.root))
        try:
            if source.is_dir():
                model_folder = _copy_folder(source, staging / "model", progress)
            elif zipfile.is_zipfile(source):
                model_folder = extract_archive(source, staging / "model", progress)
            else:
                raise ModelError(
                    f"{source}: not a model archive or folder; import a .argosmodel/.zip file or a "
                    "CTranslate2 model folder"
                )
            release = None
            if marian.is_release(model_folder):  # an OPUS-MT zip as downloaded: convert it once
                release = model_folder
                model_folder = marian.convert_release(release, staging / "converted", progress)
            layout = detect_layout(model_folder)
            check_direction(model_folder, layout)
            default = source.stem if source.is_file() else source.name
            final_name = _safe_name(name or default)
            if (self.root / final_name).exists():
                raise ModelError(
                    f"a model named '{final_name}' is already installed; remove it first or pick "
                    "another name (--name)"
                )
            info = describe(model_folder, layout, final_name)
            if progress:
                progress("Testing the model", 1.0)
            model = load_model_dir(model_folder, self.engine_settings, info=info)
            verify(model)
            model.engine.unload()
            if release is not None:  # the Marian originals are not needed any more (not counted in size)
                shutil.rmtree(release)
            if progress:
                progress("Measuring the speed on this computer", 0.0)
            measured = speed.measure(model_folder, info, self.engine_settings)
            version = None
            if layout == "argos":
                version = json.loads((model_folder / "metadata.json").read_text(encoding="utf-8")).get("package_version")
            info = replace(info, sentences_per_second=measured["sentences_per_second"],
                           inter_threads=measured["inter_threads"],
                           published_quality=published_quality(model_folder, layout, info.source_language,
                                                               info.target_language, version))
            if progress:
                progress("Measuring the speed on this computer", 1.0)
            manifest = asdict(info)
            manifest.pop("path")
            manifest.update(
                {
                    "model_subdir": str(model_folder.relative_to(staging)),
                    "fingerprint": fingerprint(model_folder),
                    "imported_from": str(source),
                    "imported_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "converted_from": "opus-mt-marian" if release is not None else None,
                    "speed": measured,
                }
            )
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            try:
                os.replace(staging, self.root / final_name)
            except OSError as exc:
                if (self.root / final_name).exists():  # another import of it finished first
                    raise ModelError(f"a model named '{final_name}' was installed meanwhile (another import); "
                                     "it is ready to use") from None
                raise ModelError(f"{source}: cannot be installed, {_os_reason(exc, self.root)}") from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        log.info("imported model %s (%s) from %s", final_name, layout, source)
        return self.get(final_name)

    def remove(self, name: str) -> None:
        info = self.get(name)
        if info.read_only:
            raise ModelError(f"'{name}' is bundled with the application and cannot be removed")
        folder = self.root / info.name
        trash = self.root / f".removing-{info.name}-{os.getpid()}"
        try:
            os.replace(folder, trash)  # atomic: the model disappears from the list at once
        except OSError as exc:
            raise ModelError(f"'{name}' cannot be removed, {_os_reason(exc, self.root)}") from None
        shutil.rmtree(trash, ignore_errors=True)

    def _clean_stale_staging(self) -> None:
        for leftover in self.root.glob(".*"):
            if not leftover.name.startswith((STAGING_PREFIX, ".removing-")) or not leftover.is_dir():
                continue
            try:  # an import running in another process right now is younger than this
                if (paths.owner_gone(leftover.name, STAGING_PREFIX)
                        or time.time() - leftover.stat().st_mtime > STALE_AFTER_SECONDS):
                    shutil.rmtree(leftover, ignore_errors=True)
            except OSError:
                pass
