#!/bin/sh
# Installs what is needed, builds Tessera and runs the whole test suite.
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
[ -d build ] || meson setup build
meson compile -C build
meson test -C build --print-errorlogs "$@"
