"""The Windows workflow builds the installer, installs it silently for the user, runs
the installed program's smoke test and uninstalls it (nothing here can run Windows:
this checks the workflow says so, and that its paths agree with the installer's)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
ISS = (ROOT / "build" / "windows" / "reportsearch.iss").read_text(encoding="utf-8")


def _steps() -> list[str]:
    return re.findall(r"- name: (.+)", WORKFLOW)


def test_the_steps_come_in_the_order_a_user_meets_them():
    steps = _steps()
    order = ["Test", "Build the executable", "Install Inno Setup (silently)",
             "Build the installer", "Install it silently, for this user only",
             "Smoke-test the installed program", "Uninstall it silently"]
    assert [s for s in steps if s in order] == order


def test_silent_per_user_install_and_uninstall():
    assert "choco install innosetup" in WORKFLOW and "-y" in WORKFLOW
    assert '"/VERYSILENT"' in WORKFLOW and '"/CURRENTUSER"' in WORKFLOW
    assert "unins*.exe" in WORKFLOW


def test_the_installed_path_is_where_the_installer_puts_it():
    assert r"DefaultDirName={localappdata}\Programs\ReportSearch" in ISS
    assert '"Programs\\ReportSearch\\reportsearch.exe"' in WORKFLOW
    assert "python build/smoke.py $exe" in WORKFLOW
