#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks what Tessera installs besides its binaries, as built:
#   test-data.sh desktop  DESKTOP_FILE PO_DIR
#   test-data.sh metainfo METAINFO_FILE PO_DIR
#   test-data.sh mime     MIME_XML DESKTOP_FILE DEMO_PROJECT [TESSERA]
#   test-data.sh man      MAN_PAGE TESSERA_CLI
# Exits 77 (skipped) when the validator it needs is not installed:
# build-aux/install-deps.sh installs them all.
set -eu

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

skip_without () {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "SKIP: $1 is not installed (build-aux/install-deps.sh installs it)"
    exit 77
  fi
}

# The languages that have a translation: listed in LINGUAS with a .po file.
translated_languages () {
  [ -f "$1/LINGUAS" ] || return 0
  sed -e 's/#.*//' "$1/LINGUAS" | tr -s '[:blank:]' '\n' | while read -r lang; do
    [ -n "$lang" ] && [ -f "$1/$lang.po" ] && echo "$lang"
  done
  return 0
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

check_desktop () {
  desktop=$1
  po_dir=$2
  skip_without desktop-file-validate

  # Hints (a second main category…) are advice; warnings and errors fail.
  desktop-file-validate "$desktop" >"$TMP/out" 2>&1 || {
    cat "$TMP/out" >&2
    fail "desktop-file-validate rejects $desktop"
  }
  cat "$TMP/out"
  if grep -E ': (error|warning): ' "$TMP/out" >/dev/null; then
    fail "desktop-file-validate warns about $desktop"
  fi

  # The file manager opens projects with it, and the shell finds its icon.
  grep -qx 'MimeType=application/x-tessera-project;' "$desktop" ||
    fail "$desktop does not claim application/x-tessera-project"
  grep -qx 'Exec=tessera %F' "$desktop" || fail "$desktop does not run tessera %F"
  id=$(basename "$desktop" .desktop)
  grep -qx "Icon=$id" "$desktop" || fail "$desktop: Icon is not the app id $id"

  # merge_file put each translation in.
  for lang in $(translated_languages "$po_dir"); do
    grep -q "^Comment\[$lang\]=" "$desktop" ||
      fail "$desktop has no Comment[$lang]: is the desktop template in po/POTFILES and translated?"
  done
  echo "PASS: $desktop"
}

check_metainfo () {
  metainfo=$1
  po_dir=$2
  skip_without appstreamcli

  # Exit 0 means no errors and no warnings; infos and pedantic notes pass.
  if ! appstreamcli validate --no-net "$metainfo" >"$TMP/out" 2>&1; then
    cat "$TMP/out" >&2
    fail "appstreamcli validate rejects $metainfo"
  fi
  cat "$TMP/out"

  id=$(basename "$metainfo" .metainfo.xml)
  grep -q "<id>$id</id>" "$metainfo" || fail "$metainfo: id is not $id"
  grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" ||
    fail "$metainfo does not launch $id.desktop"
  for what in '<binary>tessera</binary>' '<binary>tessera-cli</binary>' \
              '<mediatype>application/x-tessera-project</mediatype>' \
              '<content_rating type="oars-1.1"' '<screenshot type="default">' \
              '<release version="'; do
    grep -q "$what" "$metainfo" || fail "$metainfo lacks $what"
  done

  for lang in $(translated_languages "$po_dir"); do
    grep -q "<summary xml:lang=\"$lang\">" "$metainfo" ||
      fail "$metainfo has no $lang summary: is the metainfo template in po/POTFILES and translated?"
  done
  echo "PASS: $metainfo"
}

# Content type as GIO (and so Nautilus) sees it, with only our MIME package
# added to the system database.
content_type () {
  XDG_DATA_HOME="$TMP/data" XDG_DATA_DIRS="${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: *//p'
}

check_mime () {
  mime_xml=$1
  desktop=$2
  demo=$3
  app=${4:-}
  skip_without update-mime-database
  skip_without gio
  skip_without sqlite3

  mkdir -p "$TMP/data/mime/packages" "$TMP/data/applications" "$TMP/files"
  cp "$mime_xml" "$TMP/data/mime/packages/"
  cp "$desktop" "$TMP/data/applications/"
  XDG_DATA_HOME="$TMP/data" update-mime-database "$TMP/data/mime" >"$TMP/out" 2>&1 || {
    cat "$TMP/out" >&2
    fail "update-mime-database rejects $mime_xml"
  }
  # It reports a bad package on stderr and still succeeds.
  if [ -s "$TMP/out" ]; then
    cat "$TMP/out" >&2
    fail "update-mime-database complains about $mime_xml"
  fi
  grep -q 'application/x-tessera-project' "$TMP/data/mime/types" ||
    fail "update-mime-database did not register application/x-tessera-project"

  cp "$demo" "$TMP/files/Kidal.tessera"
  cp "$demo" "$TMP/files/renamed-without-extension"
  sqlite3 "$TMP/files/plain.db" 'CREATE TABLE t (x);'
  cp "$TMP/files/plain.db" "$TMP/files/plain-without-extension"

  for f in Kidal.tessera renamed-without-extension; do
    got=$(content_type "$TMP/files/$f")
    [ "$got" = application/x-tessera-project ] ||
      fail "a project named $f is $got, not application/x-tessera-project"
  done
  # The magic needs Tessera's application id: other SQLite files stay theirs.
  for f in plain.db plain-without-extension; do
    got=$(content_type "$TMP/files/$f")
    [ "$got" = application/vnd.sqlite3 ] ||
      fail "a plain SQLite file named $f is $got, not application/vnd.sqlite3"
  done

  # Double-clicking a project in the file manager opens Tessera. GIO finds
  # the app for a type in mimeinfo.cache (the post-install step writes it)
  # and ignores a desktop file whose program is not in PATH.
  if [ -z "$app" ]; then
    echo "PASS: $mime_xml (built without the window: which app opens it is not checked)"
    return 0
  fi
  skip_without update-desktop-database
  update-desktop-database "$TMP/data/applications" >"$TMP/out" 2>&1 || {
    cat "$TMP/out" >&2
    fail "update-desktop-database rejects $desktop"
  }
  id=$(basename "$desktop")
  PATH="$(dirname "$app"):$PATH" XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" \
    gio mime application/x-tessera-project >"$TMP/out" 2>&1 || true
  grep -q "$id" "$TMP/out" || {
    cat "$TMP/out" >&2
    fail "no application opens application/x-tessera-project; expected $id"
  }
  echo "PASS: $mime_xml"
}

check_man () {
  man_page=$1
  cli=$2

  if command -v groff >/dev/null 2>&1; then
    groff -man -ww -z -Tutf8 "$man_page" 2>"$TMP/out" || true
    if [ -s "$TMP/out" ]; then
      cat "$TMP/out" >&2
      fail "groff warns about $man_page"
    fi
  else
    echo "groff is not installed: the page's troff is not checked"
  fi

  version=$("$cli" --version | sed 's/^tessera-cli //')
  grep -q "^\.TH .*\"Tessera $version\"" "$man_page" ||
    fail "$man_page is not for Tessera $version"

  # Every command and every long option of "--help" is documented.
  "$cli" help >"$TMP/help"
  commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$TMP/help")
  [ -n "$commands" ] || fail "found no commands in tessera-cli help"
  for command in $commands; do
    grep -q "^\.SS \"${command}[ \"]" "$man_page" ||
      fail "$man_page has no section for the command $command"
    [ "$command" = help ] && continue
    "$cli" "$command" --help >"$TMP/cmd-help"
    options=$(grep -o -- '--[a-z][a-z0-9-]*' "$TMP/cmd-help" | sort -u)
    for option in $options; do
      escaped=$(printf '%s' "$option" | sed 's/-/\\-/g')
      grep -qF -- "$escaped" "$man_page" ||
        fail "$man_page does not document $command $option"
    done
  done
  echo "PASS: $man_page"
}

what=$1
shift
case "$what" in
  desktop)  check_desktop "$@" ;;
  metainfo) check_metainfo "$@" ;;
  mime)     check_mime "$@" ;;
  man)      check_man "$@" ;;
  *)        fail "unknown check $what" ;;
esac
