#!/bin/sh
# Installs what is needed, builds Tessera and opens the window on the demo
# project (fictional reports of a clash around the town of Tin-Azrou,
# partly annotated). Without a display, shows the demo with tessera-cli.
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
[ -d build ] || meson setup build
meson compile -C build

demo=build/data/demo/demo.tessera

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: here is the demo project through tessera-cli."
  build/src/cli/tessera-cli stats "$demo"
  exit 0
fi

# Run from the build tree: the settings schema and the demo project are there.
GSETTINGS_SCHEMA_DIR=build/data \
TESSERA_DEMO_PROJECT="$demo" \
  exec build/src/app/tessera "$@"
