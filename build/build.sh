#!/usr/bin/env bash
# Build the single-file executable into dist/ and smoke-test it as a user would.
#   bash build/build.sh            (uses python3 from PATH, or $PYTHON)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m PyInstaller build/reportsearch.spec --noconfirm --clean \
    --distpath dist --workpath .pyi-work
exe=dist/reportsearch
[ -f dist/reportsearch.exe ] && exe=dist/reportsearch.exe
"$PYTHON" build/smoke.py "$exe" --json dist/smoke.json
