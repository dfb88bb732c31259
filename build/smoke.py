"""Run the built executable as a user would, and fail loudly if anything is missing.

    python build/smoke.py dist/reportsearch [--runs 5] [--json OUT]

- the CLI answers a search on the bundled seeds, in a temporary data folder
  (the seeds, the alias table and the Traditional->Simplified table must be bundled);
- the GUI starts offscreen to its first window, in Chinese (our translation must be
  bundled), answers a first search and closes;
- the index went to the data folder, nothing was written beside the executable.

Prints the executable's size, start-up time to a visible window and to the first
answered search (medians over --runs first launches), as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class SmokeError(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeError(message)


def cli(exe: Path, home: Path, *args: str) -> dict | str:
    env = {**os.environ, "REPORTSEARCH_HOME": str(home)}
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)
    check(proc.returncode == 0, f"`{' '.join(args)}` exited {proc.returncode}: {proc.stderr}")
    return json.loads(proc.stdout) if "--json" in args else proc.stdout


def gui_run(exe: Path, home: Path) -> tuple[float, float, list[dict]]:
    env = {**os.environ, "REPORTSEARCH_HOME": str(home), "REPORTSEARCH_SMOKE": "1",
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env)
    events, window_at, search_at = [], None, None
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.strip()
        if not line.startswith("{"):
            continue
        event = json.loads(line)
        events.append(event)
        if event["event"] == "window":
            window_at = time.perf_counter() - started
        elif event["event"] == "search":
            search_at = time.perf_counter() - started
    code = proc.wait(timeout=120)
    stderr = proc.stderr.read() if proc.stderr else ""
    check(code == 0, f"the GUI exited {code}: {stderr[-2000:]}")
    check(window_at is not None and search_at is not None, f"the GUI never showed: {events}")
    return window_at, search_at, events


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("exe", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    exe = args.exe.resolve()
    check(exe.is_file(), f"{exe} does not exist: build it first")
    beside = set(exe.parent.iterdir())

    with tempfile.TemporaryDirectory(prefix="reportsearch-smoke-") as tmp:
        home = Path(tmp) / "home"
        check("usage: reportsearch" in cli(exe, home, "--help"), "--help printed no usage")
        result = cli(exe, home, "search", "一号管三天", "--json")
        check(result["total"] == 1, f"the bundled seeds are not searchable: {result}")
        check(result["hits"][0]["institution"] == "长治市第二人民医院", "wrong institution")
        result = cli(exe, home, "search", "市二院", "--json")
        check("长治市第二人民医院" in result["expansions"].get("市二院", []),
              "the institution alias table is not bundled")
        result = cli(exe, home, "search", "醫院", "--json")
        check(result["total"] > 0, "the Traditional->Simplified table is not bundled")
        reports = cli(exe, home, "reports", "--json")
        check(len(reports) == 5, f"expected the 5 bundled reports, got {len(reports)}")
        check(any((home / "data" / "index").iterdir()), "the index is not in the data folder")
        meta = json.loads(next((home / "data" / "index").glob("v*/meta.json")).read_text())
        check(meta["fingerprint"]["segmenter"] != "rjieba bundled",
              "rjieba's metadata is not bundled: each opening imports it for its version")
        # The team archive's driver is bundled: a server that is not there is one line
        # saying so, not a missing module.
        proc = subprocess.run(
            [str(exe), "search", "x", "--server", "postgresql://nobody@127.0.0.1:9/none"],
            capture_output=True, text=True, encoding="utf-8", timeout=120,
            env={**os.environ, "REPORTSEARCH_HOME": str(home), "LANG": "C.UTF-8"})
        check(proc.returncode == 1 and "团队资料库" in proc.stderr,
              f"the team archive is not bundled: exit {proc.returncode}: {proc.stderr}")

        windows, searches = [], []
        for run in range(args.runs):
            run_home = Path(tmp) / f"gui{run}"
            window_at, search_at, events = gui_run(exe, run_home)
            title = events[0]["title"]
            # "ReportSearch — local library", in Chinese: the translations are there.
            check(title == "报告检索 — 本机报告库",
                  f"the window title is {title!r}: translations missing")
            check(events[0]["icon"], "the window has no icon: icons missing")
            found = events[-1]
            check(found["total"] > 0 and found["reports"] == 5, f"first search: {found}")
            windows.append(window_at)
            searches.append(search_at)
    check(set(exe.parent.iterdir()) == beside, "files were written beside the executable")

    figures = {
        "executable": str(exe),
        "size_mb": round(exe.stat().st_size / 1e6, 1),
        "window_s_median": round(statistics.median(windows), 3),
        "first_search_s_median": round(statistics.median(searches), 3),
        "first_search_after_window_s": round(statistics.median(
            s - w for s, w in zip(searches, windows, strict=True)), 3),
        "runs": args.runs,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SmokeError as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
