#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# "meson install" into a DESTDIR puts a working app in place: the tree holds
# everything a GNOME app ships, and the installed window starts under Xvfb.
#   test-install.sh BUILD_DIR PO_DIR APP_ID WITH_APP(true|false)
# with PREFIX, BINDIR, DATADIR, MANDIR and LOCALEDIR (absolute) in the environment.
set -eu

build=$1
po_dir=$2
app_id=$3
with_app=$4

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

dest=$TMP/dest
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$TMP/install.log" 2>&1 || {
  cat "$TMP/install.log" >&2
  fail "meson install failed"
}

bindir=$dest$BINDIR
datadir=$dest$DATADIR

expect () {
  [ -f "$1" ] || fail "not installed: ${1#"$dest"}"
}

expect_executable () {
  [ -x "$1" ] || fail "not installed as a program: ${1#"$dest"}"
}

expect_executable "$bindir/tessera-cli"
[ "$with_app" = true ] && expect_executable "$bindir/tessera"
expect "$datadir/applications/$app_id.desktop"
expect "$datadir/metainfo/$app_id.metainfo.xml"
expect "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
expect "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect "$datadir/glib-2.0/schemas/app.tessera.Tessera.gschema.xml"
expect "$datadir/mime/packages/$app_id.xml"
expect "$dest$MANDIR/man1/tessera-cli.1"
expect "$datadir/tessera/demo.tessera"

# A language listed in LINGUAS with a .po file is installed compiled.
if [ -f "$po_dir/LINGUAS" ]; then
  for lang in $(sed -e 's/#.*//' "$po_dir/LINGUAS"); do
    if [ -f "$po_dir/$lang.po" ] && [ ! -f "$dest$LOCALEDIR/$lang/LC_MESSAGES/tessera.mo" ]; then
      fail "not installed: $LOCALEDIR/$lang/LC_MESSAGES/tessera.mo (po/$lang.po is there: was the build run before the tests?)"
    fi
  done
fi

# The pieces name each other by what is installed.
desktop=$datadir/applications/$app_id.desktop
grep -qx "Icon=$app_id" "$desktop" || fail "$app_id.desktop names another icon"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
  "$datadir/metainfo/$app_id.metainfo.xml" || fail "the metainfo launches another desktop file"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
if [ "$with_app" = true ]; then
  [ -x "$bindir/$exec_name" ] || fail "$app_id.desktop runs $exec_name, which is not installed"
fi

# The installed command line works on the installed demo project.
"$bindir/tessera-cli" --version >/dev/null || fail "the installed tessera-cli does not run"
"$bindir/tessera-cli" check "$datadir/tessera/demo.tessera" >/dev/null ||
  fail "tessera-cli check fails on the installed demo project"

if [ "$with_app" != true ]; then
  echo "PASS: installed tree (built without the window)"
  exit 0
fi

for tool in xvfb-run dbus-run-session glib-compile-schemas; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: the installed tree is complete, but $tool is not installed to start the window"
    exit 77
  fi
done

# The installed schemas, compiled as the post-install step would.
mkdir -p "$TMP/schemas" "$TMP/home"
glib-compile-schemas --strict --targetdir="$TMP/schemas" "$datadir/glib-2.0/schemas" ||
  fail "the installed schemas do not compile"

# A first run: a fresh home, the demo project from the DESTDIR (the binary
# looks for it under its real prefix, which this install did not touch).
cat >"$TMP/run.sh" <<'EOF'
"$@" 2>"$TESSERA_TEST_LOG" &
pid=$!
sleep 3
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  exit 0
fi
wait "$pid" && status=0 || status=$?
echo "the window exited by itself after less than 3 s (status $status)" >>"$TESSERA_TEST_LOG"
exit 1
EOF

log=$TMP/tessera.log
status=0
env \
  HOME="$TMP/home" \
  XDG_DATA_HOME="$TMP/home/data" \
  XDG_CONFIG_HOME="$TMP/home/config" \
  XDG_CACHE_HOME="$TMP/home/cache" \
  XDG_STATE_HOME="$TMP/home/state" \
  XDG_DATA_DIRS="$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
  GSETTINGS_SCHEMA_DIR="$TMP/schemas" \
  GSETTINGS_BACKEND=memory \
  TESSERA_DEMO_PROJECT="$datadir/tessera/demo.tessera" \
  TESSERA_TEST_LOG="$log" \
  G_DEBUG=fatal-criticals \
  GTK_A11Y=none \
  NO_AT_BRIDGE=1 \
  dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  sh "$TMP/run.sh" "$bindir/tessera" >"$TMP/run.out" 2>&1 || status=$?

if [ "$status" -ne 0 ]; then
  cat "$TMP/run.out" "$log" >&2 2>/dev/null || true
  fail "the installed tessera did not keep running"
fi
if grep -E -e '-CRITICAL \*\*' -e '-WARNING \*\*' "$log" >/dev/null; then
  cat "$log" >&2
  fail "the installed tessera printed warnings or criticals"
fi
[ -d "$TMP/home/data/tessera" ] ||
  fail "the first run did not copy the demo project into the user's data folder"

echo "PASS: installed tree, and the installed window starts"
