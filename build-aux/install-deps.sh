#!/bin/sh
# Installs what Tessera needs to build and test on Debian 12 or Ubuntu 22.04+.
# Does nothing when everything is already there.
set -eu

packages="meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsqlite3-dev sqlite3 libicu-dev libxml2-dev
  libgtk-4-dev libgtksourceview-5-dev libadwaita-1-dev gettext python3
  xvfb xauth dbus dbus-x11 at-spi2-core xdotool python3-pyatspi python3-nltk
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme desktop-file-utils appstream shared-mime-info libgtk-4-bin groff-base
  flatpak-builder
  clang llvm"

# build-aux/run-fuzz.sh needs clang, llvm-symbolizer (package llvm) for
# the sanitizers' stacks, and libFuzzer with the sanitizer runtimes
# (libclang_rt.fuzzer-x86_64.a …), which Debian 12 puts in
# libclang-rt-14-dev, only recommended by clang-14. Other releases name
# that package after their clang, or keep the runtimes in
# libclang-common-N-dev, which clang needs (Ubuntu 22.04).
if grep -qx 'ID=debian' /etc/os-release 2>/dev/null &&
   grep -qx 'VERSION_ID="12"' /etc/os-release 2>/dev/null; then
  packages="$packages libclang-rt-14-dev"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

[ -z "$missing" ] && exit 0

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
else
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
