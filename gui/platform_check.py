"""Before Qt starts on Linux: can its X11 platform plugin load?

Qt's xcb plugin needs system libraries a fresh Debian or Ubuntu may not have
(libxcb-icccm4, libxcb-keysyms1, …). Without them ``QApplication`` aborts with a
message that names the wrong library. So, before the application is created, ``ldd``
of the plugin (and of Qt's xcb library it links) says which libraries are missing,
and the app stops with one clear message: which library, and the apt line that
installs it. Nothing here imports Qt: the check must run before Qt can fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

# Every Debian/Ubuntu package the Qt 6 xcb plugin and our window need (README's line).
APT_PACKAGES = (
    "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
    "libxcb-shape0", "libxcb-cursor0", "libxcb-randr0", "libxcb-xkb1", "libx11-xcb1",
    "libxkbcommon-x11-0", "libegl1", "libgl1", "libglib2.0-0", "libfontconfig1",
    "libdbus-1-3", "fonts-wqy-microhei",
)
APT_LINE = "sudo apt-get install -y " + " ".join(APT_PACKAGES)

# Shared library (soname prefix) -> the Debian package that ships it.
PACKAGES = {
    "libxcb-icccm.so": "libxcb-icccm4",
    "libxcb-keysyms.so": "libxcb-keysyms1",
    "libxcb-image.so": "libxcb-image0",
    "libxcb-render-util.so": "libxcb-render-util0",
    "libxcb-shape.so": "libxcb-shape0",
    "libxcb-cursor.so": "libxcb-cursor0",
    "libxcb-xinerama.so": "libxcb-xinerama0",
    "libxcb-xkb.so": "libxcb-xkb1",
    "libxcb-randr.so": "libxcb-randr0",
    "libxcb-shm.so": "libxcb-shm0",
    "libxcb-sync.so": "libxcb-sync1",
    "libxcb-xfixes.so": "libxcb-xfixes0",
    "libxcb-render.so": "libxcb-render0",
    "libxcb-util.so": "libxcb-util1",
    "libxcb.so": "libxcb1",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libxkbcommon.so": "libxkbcommon0",
    "libEGL.so": "libegl1",
    "libGL.so": "libgl1",
    "libOpenGL.so": "libopengl0",
    "libGLX.so": "libglx0",
    "libfontconfig.so": "libfontconfig1",
    "libfreetype.so": "libfreetype6",
    "libdbus-1.so": "libdbus-1-3",
    "libX11-xcb.so": "libx11-xcb1",
    "libX11.so": "libx11-6",
    "libSM.so": "libsm6",
    "libICE.so": "libice6",
}
# Loaded by the plugin at run time (dlopen), so ldd cannot see it missing.
DLOPENED = ("xcb-cursor",)
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
HEADLESS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "wayland", "wayland-egl"}


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` printed as "not found", in order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def package_of(library: str) -> str:
    """The Debian package of a shared library ("" when not known)."""
    return next((package for prefix, package in sorted(PACKAGES.items(), key=lambda p: -len(p[0]))
                 if library.startswith(prefix)), "")


def message(missing: list[str]) -> str:
    """What to tell the user: the libraries missing and the command that installs them."""
    packages = [p for p in dict.fromkeys(package_of(m) for m in missing) if p]
    install = ("sudo apt-get install -y " + " ".join(packages)) if packages else APT_LINE
    return (f"报告检索无法启动窗口：Qt 的 X11 插件缺少系统库 {'、'.join(missing)}。\n"
            f"在 Debian/Ubuntu 上安装：\n    {install}\n"
            f"（程序需要的全部系统库：{APT_LINE}）\n\n"
            f"ReportSearch cannot open its window: Qt's X11 plugin is missing "
            f"{', '.join(missing)}.\nInstall it with:\n    {install}")


def plugin_files() -> list[Path]:
    """Qt's xcb platform plugin and its xcb library, as installed with PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob(
        "libQt6XcbQpa.so*"))]
    return [f for f in files if f.is_file()][:2]


def run_ldd(files: list[Path]) -> str:
    if not files or shutil.which("ldd") is None:
        return ""
    import subprocess  # here: the check runs only where Qt will load X11's plugin

    try:
        return subprocess.run(["ldd", *map(str, files)], capture_output=True, text=True,
                              timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def wants_xcb(environ: dict | None = None) -> bool:
    """Will Qt load the xcb plugin: Linux, and no other platform asked for?"""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if platform:
        return platform == "xcb"
    return not env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") != "wayland"


def check(ldd_output: str | None = None, environ: dict | None = None,
          find_library=None) -> str | None:
    """The message to show instead of Qt's abort, or None when the plugin can load (or
    is not the one Qt will use). ``ldd_output`` and ``find_library`` (default
    ``ctypes.util.find_library``) are for tests."""
    if not wants_xcb(environ):
        return None
    if find_library is None:
        from ctypes.util import find_library
    output = run_ldd(plugin_files()) if ldd_output is None else ldd_output
    missing = missing_libraries(output)
    missing += [f"lib{name}.so.0" for name in DLOPENED if find_library(name) is None]
    return message(missing) if missing else None
