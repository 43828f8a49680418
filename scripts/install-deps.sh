#!/usr/bin/env bash
# Installs the Debian 12 packages fulfillsync needs to build, run and test.
# Idempotent: when everything is present it returns in well under a second.
#   scripts/install-deps.sh          build + run packages
#   scripts/install-deps.sh --test   also what the test suite needs (PostgreSQL, Xvfb, keyring,
#                                    lintian and systemd-analyze for the packages)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev
  libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev
  qt6-httpserver-dev qt6-websockets-dev
  qt6-charts-dev qtkeychain-qt6-dev libsecret-1-0
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev qt6-translations-l10n
  libgl-dev fonts-dejavu-core libcurl4-openssl-dev
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql xvfb xauth x11-utils dbus gnome-keyring imagemagick
             dpkg-dev appstream desktop-file-utils
             # tst_package: lintian, systemd-analyze (systemd), strace (the unit's filters
             # against the daemon's calls)
             lintian systemd strace)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
