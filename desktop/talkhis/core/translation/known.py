"""Published quality of the Arabic→English models Talkhis knows, to show in the model manager.

FLORES-200 Arabic→English, all measured with one harness (Mozilla's translation evaluations),
as quoted in issue 17. A model is "known" only when its layout, languages *and* shape match the
published model (a 6+6-layer, 512-wide transformer for OPUS-MT and Argos; the 12-layer,
1024-wide distilled NLLB-200-600M), so a renamed test model is never credited with them.
"""

from __future__ import annotations

from pathlib import Path

from talkhis.core.translation.engine import read_shape

FLORES = "FLORES-200 ar→en"
PUBLISHED = {
    "bergamot": f"{FLORES}: BLEU 38.9, COMET 86.2 (Bergamot base; not runnable by Talkhis)",
    "nllb-600m": f"{FLORES}: BLEU 36.5, COMET 85.4 (NLLB-200-distilled-600M)",
    "opus-mt": f"{FLORES}: BLEU 33.9, COMET 84.4 (OPUS-MT ar-en)",
    "argos-1.0": f"{FLORES}: BLEU 29.5, COMET 81.2 (Argos ar_en 1.0)",
}


def published_quality(folder: Path, layout: str, source: str, target: str,
                      package_version: str | None = None) -> str | None:
    """The published figure for the model in ``folder`` (its CTranslate2 files), or None."""
    if (source, target) != ("ar", "en"):
        return None
    model_dir = Path(folder) / ("model" if layout == "argos" else "")
    shape = read_shape(model_dir / "model.bin")
    if shape is None:
        return None
    size = (shape.decoder_layers, shape.d_model)
    if layout == "opus-mt" and size == (6, 512):
        return PUBLISHED["opus-mt"]
    if layout == "argos" and size == (6, 512) and package_version in ("1.0", "1.0.0"):
        return PUBLISHED["argos-1.0"]
    if layout == "nllb" and size == (12, 1024):
        return PUBLISHED["nllb-600m"]
    return None
