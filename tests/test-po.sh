#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every translation listed in po/LINGUAS is complete, for the strings the
# sources hold now and not only for those of the last "tessera-pot" run:
# the template is extracted afresh (as po/meson.build's i18n.gettext with
# preset "glib" extracts it) into a temporary directory, merged into a copy
# of each .po, and any untranslated or fuzzy message fails.
#   test-po.sh SOURCE_ROOT
# Exits 77 (skipped) without the gettext tools.
set -eu

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

for tool in xgettext msgmerge msgfmt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (package gettext)"
    exit 77
  fi
done

root=$1
po_dir=$root/po
[ -f "$po_dir/LINGUAS" ] || fail "no $po_dir/LINGUAS"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# Meson's "glib" preset (mesonbuild/modules/i18n.py); keep in step with it.
xgettext --package-name=tessera -D "$root" -f "$po_dir/POTFILES" -k_ \
  -p "$TMP" -o tessera.pot \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format 2>"$TMP/xgettext.log" || {
    cat "$TMP/xgettext.log" >&2
    fail "xgettext could not extract the strings listed in po/POTFILES"
  }

status=0
checked=0
for lang in $(sed -e 's/#.*//' "$po_dir/LINGUAS"); do
  po=$po_dir/$lang.po
  if [ ! -f "$po" ]; then
    echo "FAIL: po/LINGUAS lists $lang but there is no po/$lang.po" >&2
    status=1
    continue
  fi
  checked=$((checked + 1))

  # As it is: valid formats, header and plural forms, one mnemonic where
  # the original has one.
  if ! msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$po" >"$TMP/stats" 2>&1; then
    cat "$TMP/stats" >&2
    echo "FAIL: msgfmt --check rejects po/$lang.po" >&2
    status=1
    continue
  fi
  echo "po/$lang.po: $(cat "$TMP/stats")"
  if grep -E 'untranslated|fuzzy' "$TMP/stats" >/dev/null; then
    echo "FAIL: po/$lang.po is incomplete: $(cat "$TMP/stats")" >&2
    status=1
  fi

  # Against the strings in the sources today.
  msgmerge --quiet --no-fuzzy-matching -o "$TMP/$lang.po" "$po" "$TMP/tessera.pot"
  if ! msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$TMP/$lang.po" >"$TMP/stats" 2>&1; then
    cat "$TMP/stats" >&2
    echo "FAIL: po/$lang.po merged with the current sources does not pass msgfmt --check" >&2
    status=1
    continue
  fi
  if grep -E 'untranslated|fuzzy' "$TMP/stats" >/dev/null; then
    echo "FAIL: po/$lang.po lacks strings the sources have now: $(cat "$TMP/stats")" >&2
    echo "Untranslated in po/$lang.po:" >&2
    # (the first entry is the header)
    msgattrib --untranslated --no-obsolete --no-location --no-wrap "$TMP/$lang.po" 2>/dev/null |
      sed -e '1,/^$/d' | grep -E '^msg(ctxt|id) ' >&2 || true
    echo "Run: meson compile -C BUILDDIR tessera-pot && msgmerge --update --no-fuzzy-matching po/$lang.po po/tessera.pot, then translate." >&2
    status=1
  fi
done

[ "$checked" -gt 0 ] || fail "po/LINGUAS lists no language with a .po file"
[ "$status" -eq 0 ] && echo "PASS: every translation is complete"
exit "$status"
