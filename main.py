"""ReportSearch (报告检索): start the desktop app, or the command line.

Start-up, in order:

1. ``python main.py`` (or the ``reportsearch-gui`` entry point, or the frozen
   executable with no argument) starts the desktop app: logging to a rotating file
   in the user's log folder, an excepthook that logs and shows one clear message,
   then the main window.
2. With a subcommand (``index``, ``search``, ``reports``, ``show``, ``similar``,
   ``inspect``, …) it runs the command line instead, which never loads Qt.

Everything that decides a path lives in ``index/paths.py``; ``REPORTSEARCH_HOME``
moves the data, index and logs under one folder.
"""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point: GUI without arguments, CLI with them."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        return main_gui()
    from index.cli import run

    return run(args)


def main_gui() -> int:
    _release_console()
    from gui.app import run

    return run(sys.argv[:1])


def _release_console() -> None:
    """The Windows executable is a console program so that its CLI can print; when it was
    started by a double-click it owns a console window of its own, which is closed here."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32
    processes = (ctypes.c_uint * 4)()
    if kernel32.GetConsoleProcessList(processes, 4) == 1:  # only us: not started from a shell
        kernel32.FreeConsole()


if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen Windows build spawns index workers
    sys.exit(main())
