"""Before Qt starts: a missing system library of the X11 plugin is named, with the
command that installs it (read from ``ldd``), instead of Qt's abort."""

from __future__ import annotations

import pytest

from gui import platform_check

LDD_FRESH_DEBIAN = """\
/x/PySide6/Qt/plugins/platforms/libqxcb.so:
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
/x/PySide6/Qt/lib/libQt6XcbQpa.so.6:
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
"""
XCB = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}


def found(_name):
    return "/usr/lib/libfound.so"


def test_the_missing_libraries_are_read_from_ldd():
    assert platform_check.missing_libraries(LDD_FRESH_DEBIAN) == [
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"]


def test_the_message_names_each_library_and_the_apt_line_that_installs_it():
    text = platform_check.check(LDD_FRESH_DEBIAN, XCB, find_library=found)
    assert "libxcb-icccm.so.4" in text and "libxkbcommon-x11.so.0" in text
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0" in text


def test_a_missing_xcb_cursor_is_found_although_ldd_cannot_see_it():
    ldd = "/x/libqxcb.so:\n\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)\n"
    text = platform_check.check(ldd, XCB, find_library=lambda name: None)
    assert "libxcb-cursor.so.0" in text and "libxcb-cursor0" in text


def test_nothing_to_say_when_everything_is_there_or_another_platform_is_used():
    ldd = "/x/libqxcb.so:\n\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)\n"
    assert platform_check.check(ldd, XCB, find_library=found) is None
    assert platform_check.check(LDD_FRESH_DEBIAN, {"QT_QPA_PLATFORM": "offscreen"},
                                find_library=found) is None


def test_every_package_the_check_can_name_is_in_the_readme_line():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert platform_check.APT_LINE.replace("sudo ", "") in readme
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                    "libxcb-render-util0", "libxcb-shape0", "libxcb-cursor0",
                    "libxkbcommon-x11-0", "libegl1", "libgl1", "libfontconfig1",
                    "libdbus-1-3", "fonts-wqy-microhei"):
        assert package in platform_check.APT_PACKAGES


@pytest.mark.skipif(not platform_check.plugin_files(), reason="PySide6's xcb plugin (Linux)")
def test_the_real_plugin_loads_here():
    assert platform_check.check(environ=XCB) is None  # this machine has every library


def _debian_tools() -> bool:
    import shutil

    return all(shutil.which(tool) for tool in ("apt-get", "dpkg", "ldd"))


@pytest.mark.skipif(not (_debian_tools() and platform_check.plugin_files()),
                    reason="a Debian/Ubuntu machine with PySide6's xcb plugin")
def test_the_readme_line_installs_every_library_the_plugin_needs_on_a_fresh_machine(tmp_path):
    """apt-get simulates the README's line on a machine with nothing installed (an empty
    package status); every package owning a library that ``ldd`` lists for the plugin,
    Qt's X11 support and QtGui must be in what it would install."""
    import re
    import subprocess
    from pathlib import Path

    qt = Path(platform_check.plugin_files()[0]).parents[2]
    files = [*platform_check.plugin_files(), *qt.glob("lib/libQt6XcbQpa.so*"),
             *qt.glob("lib/libQt6Gui.so*")]
    ldd = subprocess.run(["ldd", *map(str, files)], capture_output=True, text=True).stdout
    libraries = {Path(p).resolve() for p in re.findall(r"=> (/\S+)", ldd)
                 if "PySide6" not in p and "shiboken" not in p}
    owners = subprocess.run(["dpkg", "-S", *map(str, libraries)], capture_output=True,
                            text=True).stdout
    needed = {line.split(":")[0] for line in owners.splitlines() if ":" in line}
    assert {"libxcb-icccm4", "libxkbcommon-x11-0"} <= needed
    status = tmp_path / "status"
    status.write_text("")
    simulated = subprocess.run(
        ["apt-get", "install", "-s", "--no-install-recommends", "-o",
         f"Dir::State::status={status}", *platform_check.APT_PACKAGES],
        capture_output=True, text=True)
    assert simulated.returncode == 0, simulated.stderr
    installed = {line.split()[1] for line in simulated.stdout.splitlines()
                 if line.startswith("Inst ")}
    assert needed <= installed, needed - installed
