#!/usr/bin/env bash
# Package dist/reportsearch as a Debian package, with Debian's own tools (dpkg-deb).
#   bash build/linux/build-deb.sh [--check]
# --check installs the package, runs it, removes it, and fails if anything is left.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
arch=$(dpkg --print-architecture)
exe=dist/reportsearch
[ -x "$exe" ] || { echo "build-deb: $exe is missing; run build/build.sh first" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -Dm755 "$exe" "$root/usr/bin/reportsearch"
install -Dm644 build/linux/reportsearch.desktop "$root/usr/share/applications/reportsearch.desktop"
for size in 16 32 48 64 128 256; do
  install -Dm644 "gui/icons/reportsearch-$size.png" \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/reportsearch.png"
done
install -Dm644 /dev/stdin "$root/usr/share/doc/reportsearch/copyright" <<TXT
ReportSearch (报告检索) $version. The bundled sample reports are public documents of
state organs and hospitals, included to show the program working.
TXT
size=$(du -sk "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CTL
Package: reportsearch
Version: $version
Architecture: $arch
Maintainer: ReportSearch <reportsearch@localhost>
Installed-Size: $size
Depends: fonts-wqy-microhei | fonts-noto-cjk, libegl1, libgl1, libfontconfig1, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-xkb1
Section: utils
Priority: optional
Description: offline full-text search for Chinese reports (报告检索)
 Finds every paragraph that contains what you type across hospital, health
 commission and government work reports, labels each report with its issuing
 institution and year, and shows reports side by side. Runs offline.
CTL
deb="dist/reportsearch_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
echo "$deb"

if [ "${1:-}" = "--check" ]; then
  [ "$(id -u)" = 0 ] || { echo "build-deb: --check needs root" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
  test -x /usr/bin/reportsearch
  test -f /usr/share/applications/reportsearch.desktop
  home=$(mktemp -d)
  REPORTSEARCH_HOME="$home" reportsearch search 一号管三天 --json | grep -q '"total": 1'
  rm -rf "$home"
  dpkg -r reportsearch >/dev/null
  for f in /usr/bin/reportsearch /usr/share/applications/reportsearch.desktop \
           /usr/share/icons/hicolor/256x256/apps/reportsearch.png; do
    [ ! -e "$f" ] || { echo "build-deb: $f is left after removal" >&2; exit 1; }
  done
  echo "installed, ran and removed cleanly"
fi
