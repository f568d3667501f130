#!/usr/bin/env python3
"""Render resources/icons/talkhis.svg to the PNG, ICO and ICNS files the packages use.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

Writes ``resources/icons/hicolor/<n>x<n>/apps/talkhis.png`` (the freedesktop icon theme layout,
copied as is into ``~/.local/share/icons`` or ``/usr/share/icons``), ``packaging/windows/talkhis.ico``
and ``packaging/macos/talkhis.icns``. Rendering uses Qt's own SVG renderer (QtSvg, part of
PySide6-Essentials), so no other tool is needed. The outputs are committed; run this again after
changing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "icons" / "talkhis.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entries holding PNG data (macOS 10.7+): type code -> pixel size.
ICNS_TYPES = {b"ic11": 32, b"ic12": 64, b"ic07": 128, b"ic08": 256, b"ic13": 256, b"ic09": 512,
              b"ic14": 512, b"ic10": 1024}


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not encode a {size}px PNG")
    buffer.close()
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    return header + entries + payload


def icns(images: dict[bytes, bytes]) -> bytes:
    """A macOS .icns whose entries are PNG images."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in images.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: Qt cannot read this SVG")
    cache: dict[int, bytes] = {}

    def png(size: int) -> bytes:
        if size not in cache:
            cache[size] = render(renderer, size)
        return cache[size]

    written = []
    for size in PNG_SIZES:
        out = REPO / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "talkhis.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(png(size))
        written.append(out)
    windows = REPO / "packaging" / "windows" / "talkhis.ico"
    windows.parent.mkdir(parents=True, exist_ok=True)
    windows.write_bytes(ico({size: png(size) for size in ICO_SIZES}))
    mac = REPO / "packaging" / "macos" / "talkhis.icns"
    mac.parent.mkdir(parents=True, exist_ok=True)
    mac.write_bytes(icns({kind: png(size) for kind, size in ICNS_TYPES.items()}))
    for path in [*written, windows, mac]:
        print(f"{path.relative_to(REPO)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
