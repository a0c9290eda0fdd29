#!/bin/sh
# Installs what Tessera needs to build and test on Debian 12 or Ubuntu 22.04+.
# Does nothing when everything is already there.
set -eu

packages="meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsqlite3-dev sqlite3
  libgtk-4-dev libgtksourceview-5-dev gettext python3
  xvfb xauth dbus dbus-x11 at-spi2-core xdotool python3-pyatspi
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme desktop-file-utils appstream shared-mime-info libgtk-4-bin groff-base
  flatpak-builder"

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
