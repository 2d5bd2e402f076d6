"""The desktop entry and AppStream metadata: what Linux desktops and software centres read.

Their structure is checked here directly (so the test needs no tools); where the reference
validators are installed (`appstreamcli` from appstream, `desktop-file-validate` from
desktop-file-utils) they must pass too.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archivist import APP_NAME, __version__

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
DESKTOP = PACKAGING / "archivist.desktop"
METAINFO = PACKAGING / "io.archivist.Archivist.metainfo.xml"


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  (keys are case-sensitive)
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def split_list(value: str) -> list[str]:
    assert value.endswith(";"), f"a desktop-entry list ends with ';': {value!r}"
    return value[:-1].split(";")


def test_desktop_entry_opens_files_with_archivist() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Exec"] == "archivist %F"  # %F: any number of local files, as `archivist FILE...` takes
    assert entry["Icon"] == "archivist"
    assert entry["Terminal"] == "false"
    assert split_list(entry["Categories"]) == ["Office", "Viewer"]
    assert split_list(entry["MimeType"]) == ["text/html", "text/plain", "text/markdown"]


def test_desktop_entry_matches_the_running_window() -> None:
    """Wayland compositors match a window to its entry by the desktop file name (make_application
    sets it); X11 desktops by WM_CLASS, whose class part Qt takes from the application name
    (seen with xprop: WM_CLASS = "archivist", "Archivist")."""
    from archivist.gui.application import DESKTOP_FILE_NAME

    assert DESKTOP.stem == DESKTOP_FILE_NAME
    assert desktop_entry()["StartupWMClass"] == APP_NAME


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_it() -> None:
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_metainfo_describes_the_desktop_application() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("metadata_license") in {"CC0-1.0", "FSFAP", "MIT", "CC-BY-4.0"}
    assert root.findtext("project_license")
    assert root.findtext("name") == APP_NAME
    summary = root.findtext("summary") or ""
    assert 10 < len(summary) < 100 and not summary.endswith(".")
    description = root.find("description")
    assert description is not None and description.find("p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("icon") == desktop_entry()["Icon"]


def test_metainfo_agrees_with_the_desktop_entry_and_the_version() -> None:
    root = ET.parse(METAINFO).getroot()
    mediatypes = [m.text for m in root.iterfind("provides/mediatype")]
    assert mediatypes == split_list(desktop_entry()["MimeType"])
    assert [b.text for b in root.iterfind("provides/binary")] == ["archivist"]
    assert [c.text for c in root.iterfind("categories/category")] == split_list(desktop_entry()["Categories"])
    versions = [r.get("version") for r in root.iterfind("releases/release")]
    assert versions and versions[0] == __version__, "add a <release> for the version in pyproject.toml"
    assert root.find("content_rating") is not None


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_validates_the_metainfo() -> None:
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
