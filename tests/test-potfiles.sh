#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with strings to translate is listed in po/POTFILES, and every
# file listed there exists: a string in an unlisted file is never translated.
#   test-potfiles.sh SOURCE_ROOT
set -eu

cd "$1"
potfiles=po/POTFILES
status=0

[ -f "$potfiles" ] || { echo "FAIL: no $potfiles" >&2; exit 1; }

listed=$(mktemp)
trap 'rm -f "$listed"' EXIT INT TERM
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | sort >"$listed"

while read -r file; do
  if [ ! -f "$file" ]; then
    echo "FAIL: $potfiles lists $file, which does not exist" >&2
    status=1
  fi
done <"$listed"

dups=$(uniq -d "$listed")
if [ -n "$dups" ]; then
  echo "FAIL: $potfiles lists these more than once: $dups" >&2
  status=1
fi

# Does FILE hold strings for gettext?
translatable () {
  case "$1" in
    *.c|*.h)
      # _( N_( C_( NC_( Q_( and the gettext calls, not the end of other names
      # and not in comments.
      sed -e 's|/\*.*\*/||g' -e '/^[[:space:]]*\*/d' -e 's|^[[:space:]]*//.*||' "$1" |
        grep -E -q '(^|[^A-Za-z0-9_])(N|C|NC|Q)?_[[:space:]]*\(|(^|[^A-Za-z0-9_])(g_d?n?gettext|g_dpgettext2?|g_dcgettext|n?gettext|dn?gettext)[[:space:]]*\(' ;;
    *.ui)
      grep -q 'translatable="yes"' "$1" ;;
    *.desktop.in|*.desktop.in.in|*.metainfo.xml.in|*.metainfo.xml.in.in)
      true ;;
    *.gschema.xml)
      grep -q 'gettext-domain=' "$1" ;;
    *.xml.in)
      # shared-mime-info comments are translated by merge_file.
      grep -q '<mime-info' "$1" && grep -q '<comment>' "$1" ;;
    *)
      false ;;
  esac
}

for dir in src ui data; do
  [ -d "$dir" ] || continue
  # The demo corpus is news text, not program text.
  find "$dir" -path data/demo/corpus -prune -o -type f -print
done | sort | while read -r file; do
  if translatable "$file" && ! grep -qxF "$file" "$listed"; then
    echo "FAIL: $file has strings to translate but is not in $potfiles" >&2
    echo fail
  fi
done | grep -q fail && status=1

if [ "$status" -eq 0 ]; then
  echo "PASS: $potfiles lists $(wc -l <"$listed") files, all there, and every file with translatable strings"
fi
exit "$status"
