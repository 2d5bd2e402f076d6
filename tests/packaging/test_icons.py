"""The app icon: every committed size, the .ico and the .icns, all drawn from the one SVG."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


def make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "packaging" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_svg_is_valid_and_square() -> None:
    renderer = QSvgRenderer(str(ICONS / "archivist.svg"))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height() == 512


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_each_png_has_its_size_and_transparent_corners(size: int) -> None:
    image = QImage(str(ICONS / f"archivist-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0  # the rounded tile leaves the corners clear
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_the_ico_holds_the_windows_sizes() -> None:
    with Image.open(ICONS / "archivist.ico") as ico:
        assert ico.format == "ICO"
        assert set(ico.info["sizes"]) == {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)}


def test_the_icns_holds_the_macos_sizes() -> None:
    data = (ICONS / "archivist.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    with Image.open(ICONS / "archivist.icns") as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)  # the largest: 512 at 2x, for Retina displays
        assert {(w, h) for w, h, _scale in icns.info["sizes"]} >= {(16, 16), (32, 32), (128, 128),
                                                                      (256, 256), (512, 512)}


@pytest.mark.parametrize("size", [48, 256])
def test_committed_pngs_are_rendered_from_the_current_svg(qapp: object, size: int) -> None:
    """Editing the SVG without running packaging/make_icons.py would leave stale icons."""
    module = make_icons()
    renderer = QSvgRenderer(str(ICONS / "archivist.svg"))
    fresh = QImage.fromData(module.render_png(renderer, size))
    committed = QImage(str(ICONS / f"archivist-{size}.png"))
    worst = max(
        abs(getattr(fresh.pixelColor(x, y), c)() - getattr(committed.pixelColor(x, y), c)())
        for x in range(0, size, max(1, size // 32)) for y in range(0, size, max(1, size // 32))
        for c in ("red", "green", "blue", "alpha")
    )
    assert worst <= 16, "resources/icons is out of date: run packaging/make_icons.py"


def test_container_writers_round_trip(tmp_path: Path, qapp: object) -> None:
    module = make_icons()
    renderer = QSvgRenderer(str(ICONS / "archivist.svg"))
    pngs = {s: module.render_png(renderer, s) for s in (16, 32, 64, 128, 256, 512, 1024)}
    (tmp_path / "a.ico").write_bytes(module.ico_bytes({16: pngs[16], 256: pngs[256]}))
    with Image.open(tmp_path / "a.ico") as ico:
        assert set(ico.info["sizes"]) == {(16, 16), (256, 256)}
    (tmp_path / "a.icns").write_bytes(module.icns_bytes(pngs))
    with Image.open(tmp_path / "a.icns") as icns:
        icns.load()
        assert icns.size == (1024, 1024)
