/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-text.h"

/* Normalizes @data (with its length) and expects success. */
static char *
normalize_ok (const char       *data,
              gsize             len,
              gboolean          repair,
              TesseraTextFixes *fixes)
{
  g_autoptr(GError) error = NULL;
  char *text;

  text = tessera_text_normalize ("test.txt", data, len, repair, fixes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  return text;
}

static void
test_normalize_plain (void)
{
  TesseraTextFixes fixes;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  const char *input = "Fighting near Kidal.\nSecond line — “quoted”.\n";

  text = normalize_ok (input, strlen (input), FALSE, &fixes);
  g_assert_cmpstr (text, ==, input);
  g_assert_false (fixes.bom_removed);
  g_assert_cmpuint (fixes.crlf_converted, ==, 0);
  g_assert_cmpuint (fixes.cr_converted, ==, 0);
  g_assert_cmpuint (fixes.bytes_repaired, ==, 0);
  g_assert_false (tessera_text_fixes_any (&fixes));

  empty = normalize_ok ("", 0, FALSE, &fixes);
  g_assert_cmpstr (empty, ==, "");
  g_assert_false (tessera_text_fixes_any (&fixes));
}

static void
test_normalize_bom (void)
{
  TesseraTextFixes fixes;
  g_autofree char *text = NULL;
  g_autofree char *only = NULL;
  g_autofree char *inner = NULL;
  const char *input = "\xEF\xBB\xBFMali army\n";
  const char *inner_bom = "a\xEF\xBB\xBF" "b";

  text = normalize_ok (input, strlen (input), FALSE, &fixes);
  g_assert_cmpstr (text, ==, "Mali army\n");
  g_assert_true (fixes.bom_removed);
  g_assert_true (tessera_text_fixes_any (&fixes));

  only = normalize_ok ("\xEF\xBB\xBF", 3, FALSE, &fixes);
  g_assert_cmpstr (only, ==, "");
  g_assert_true (fixes.bom_removed);

  /* Only a leading BOM is a byte-order mark; inside it is a character. */
  inner = normalize_ok (inner_bom, strlen (inner_bom), FALSE, &fixes);
  g_assert_cmpstr (inner, ==, inner_bom);
  g_assert_false (fixes.bom_removed);
}

static void
test_normalize_line_endings (void)
{
  TesseraTextFixes fixes;
  g_autofree char *crlf = NULL;
  g_autofree char *cr = NULL;
  g_autofree char *mixed = NULL;
  g_autofree char *edges = NULL;
  const char *crlf_in = "one\r\ntwo\r\nthree\r\n";
  const char *cr_in = "one\rtwo\r";
  const char *mixed_in = "a\r\nb\rc\nd\r\r\ne\n\rf";
  const char *edges_in = "\r\r\n\r";

  crlf = normalize_ok (crlf_in, strlen (crlf_in), FALSE, &fixes);
  g_assert_cmpstr (crlf, ==, "one\ntwo\nthree\n");
  g_assert_cmpuint (fixes.crlf_converted, ==, 3);
  g_assert_cmpuint (fixes.cr_converted, ==, 0);

  cr = normalize_ok (cr_in, strlen (cr_in), FALSE, &fixes);
  g_assert_cmpstr (cr, ==, "one\ntwo\n");
  g_assert_cmpuint (fixes.crlf_converted, ==, 0);
  g_assert_cmpuint (fixes.cr_converted, ==, 2);

  /* "\r\r\n" is a lone CR then a CRLF; "\n\r" is an LF then a lone CR. */
  mixed = normalize_ok (mixed_in, strlen (mixed_in), FALSE, &fixes);
  g_assert_cmpstr (mixed, ==, "a\nb\nc\nd\n\ne\n\nf");
  g_assert_cmpuint (fixes.crlf_converted, ==, 2);
  g_assert_cmpuint (fixes.cr_converted, ==, 3);
  g_assert_true (tessera_text_fixes_any (&fixes));

  edges = normalize_ok (edges_in, strlen (edges_in), FALSE, &fixes);
  g_assert_cmpstr (edges, ==, "\n\n\n");
  g_assert_cmpuint (fixes.crlf_converted, ==, 1);
  g_assert_cmpuint (fixes.cr_converted, ==, 2);
}

static void
test_normalize_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) repair_error = NULL;
  static const char input[] = "abc\r\nde\0fg";
  char *text;

  text = tessera_text_normalize ("report.txt", input, sizeof input - 1, FALSE, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "report.txt: NUL byte at byte offset 7");

  /* Repair never turns a NUL into text. */
  text = tessera_text_normalize ("report.txt", input, sizeof input - 1, TRUE, NULL, &repair_error);
  g_assert_null (text);
  g_assert_error (repair_error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_cmpstr (repair_error->message, ==, "report.txt: NUL byte at byte offset 7");
}

/* Expects @data to be refused with an invalid-UTF-8 error at @offset. */
static void
assert_invalid_at (const char *data,
                   gsize       len,
                   gsize       offset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  char *text;

  text = tessera_text_normalize ("bad.txt", data, len, FALSE, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  expected = g_strdup_printf ("bad.txt: invalid UTF-8 at byte offset %" G_GSIZE_FORMAT, offset);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_normalize_invalid (void)
{
  /* Latin-1 é at byte 7. */
  assert_invalid_at ("Bamako \xE9t\xE9", 10, 7);
  /* The offset counts bytes of the original input: BOM and CRs included. */
  assert_invalid_at ("\xEF\xBB\xBF" "a\r\nb\xFF", 8, 7);
  /* Overlong encodings of '/' and NUL. */
  assert_invalid_at ("ab\xC0\xAF", 4, 2);
  assert_invalid_at ("abc\xE0\x80\xAF", 6, 3);
  assert_invalid_at ("x\xC0\x80", 3, 1);
  /* A UTF-16 surrogate encoded in UTF-8. */
  assert_invalid_at ("ok \xED\xA0\x80", 6, 3);
  /* Beyond U+10FFFF. */
  assert_invalid_at ("\xF4\x90\x80\x80", 4, 0);
  /* A lone continuation byte. */
  assert_invalid_at ("caf\x80", 4, 3);
  /* Sequences cut short: mid-text and at the very end. */
  assert_invalid_at ("\xE2\x80 quote", 8, 0);
  assert_invalid_at ("end \xF0\x9F\x98", 7, 4);
}

static void
test_normalize_repair (void)
{
  TesseraTextFixes fixes;
  g_autofree char *latin1 = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *overlong = NULL;
  g_autofree char *with_cr = NULL;
  g_autofree char *tail = NULL;

  latin1 = normalize_ok ("Bamako \xE9t\xE9", 10, TRUE, &fixes);
  g_assert_cmpstr (latin1, ==, "Bamako \xEF\xBF\xBDt\xEF\xBF\xBD");
  g_assert_cmpuint (fixes.bytes_repaired, ==, 2);
  g_assert_true (tessera_text_fixes_any (&fixes));

  /* A truncated 3-byte sequence is one bad unit (two bytes, one U+FFFD),
   * as Python's errors="replace" does. */
  truncated = normalize_ok ("\xE2\x80 x", 4, TRUE, &fixes);
  g_assert_cmpstr (truncated, ==, "\xEF\xBF\xBD x");
  g_assert_cmpuint (fixes.bytes_repaired, ==, 2);

  /* Overlong: neither byte can start a valid sequence, so two U+FFFD. */
  overlong = normalize_ok ("a\xC0\xAF" "b", 4, TRUE, &fixes);
  g_assert_cmpstr (overlong, ==, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  g_assert_cmpuint (fixes.bytes_repaired, ==, 2);

  /* Repair and line endings together; the valid emoji survives. */
  with_cr = normalize_ok ("\xFF\r\n\xF0\x9F\x98\x80\r", 8, TRUE, &fixes);
  g_assert_cmpstr (with_cr, ==, "\xEF\xBF\xBD\n\xF0\x9F\x98\x80\n");
  g_assert_cmpuint (fixes.bytes_repaired, ==, 1);
  g_assert_cmpuint (fixes.crlf_converted, ==, 1);
  g_assert_cmpuint (fixes.cr_converted, ==, 1);

  tail = normalize_ok ("end \xF0\x9F\x98", 7, TRUE, &fixes);
  g_assert_cmpstr (tail, ==, "end \xEF\xBF\xBD");
  g_assert_cmpuint (fixes.bytes_repaired, ==, 3);
}

static void
test_normalize_large (void)
{
  TesseraTextFixes fixes;
  gsize n = 1 << 20;
  g_autofree char *input = g_malloc (n);
  g_autofree char *text = NULL;

  /* Many lines with CRLF and one bad byte deep inside. */
  for (gsize i = 0; i < n; i++)
    input[i] = (i % 64 == 62) ? '\r' : (i % 64 == 63) ? '\n' : 'a' + (i % 26);
  input[n / 2] = (char) 0xFE;

  text = normalize_ok (input, n, TRUE, &fixes);
  g_assert_cmpuint (fixes.crlf_converted, ==, n / 64);
  g_assert_cmpuint (fixes.bytes_repaired, ==, 1);
  g_assert_cmpuint (strlen (text), ==, n - n / 64 + 2);
  g_assert_null (strchr (text, '\r'));
}

static void
test_n_chars (void)
{
  g_assert_cmpint (tessera_text_n_chars ("", -1), ==, 0);
  g_assert_cmpint (tessera_text_n_chars ("Kidal", -1), ==, 5);
  g_assert_cmpint (tessera_text_n_chars ("Kidal", 3), ==, 3);
  /* U+1F600 is one code point (two UTF-16 units, four bytes). */
  g_assert_cmpint (tessera_text_n_chars ("a\xF0\x9F\x98\x80" "b", -1), ==, 3);
  /* A flag is two regional indicators: two code points. */
  g_assert_cmpint (tessera_text_n_chars ("\xF0\x9F\x87\xB2\xF0\x9F\x87\xB1", -1), ==, 2);
  /* e + COMBINING ACUTE ACCENT is two code points. */
  g_assert_cmpint (tessera_text_n_chars ("Me\xCC\x81naka", -1), ==, 7);
  /* Arabic "مالي" and Hebrew "מאלי". */
  g_assert_cmpint (tessera_text_n_chars ("\xD9\x85\xD8\xA7\xD9\x84\xD9\x8A", -1), ==, 4);
  g_assert_cmpint (tessera_text_n_chars ("\xD7\x9E\xD7\x90\xD7\x9C\xD7\x99", -1), ==, 4);
  /* Curly quotes are one code point each. */
  g_assert_cmpint (tessera_text_n_chars ("\xE2\x80\x9C" "no\xE2\x80\x9D", -1), ==, 4);
}

static void
assert_slice (const char *text,
              gint64      start,
              gint64      end,
              const char *expected)
{
  g_autofree char *slice = tessera_text_slice (text, start, end);

  g_assert_cmpstr (slice, ==, expected);
}

static void
test_slice (void)
{
  /* "Army 😀 in 🇲🇱 Kidal": the emoji is index 5, the flag 10 and 11. */
  const char *emoji = "Army \xF0\x9F\x98\x80 in \xF0\x9F\x87\xB2\xF0\x9F\x87\xB1 Kidal";
  /* "Ménaka" with e + U+0301: "Me" then the accent at index 2. */
  const char *combining = "Me\xCC\x81naka";
  /* "قال “الجيش” אמר": Arabic, curly quotes, Hebrew. */
  const char *rtl = "\xD9\x82\xD8\xA7\xD9\x84 \xE2\x80\x9C\xD8\xA7\xD9\x84\xD8\xAC\xD9\x8A\xD8\xB4"
                    "\xE2\x80\x9D \xD7\x90\xD7\x9E\xD7\xA8";

  assert_slice (emoji, 0, 4, "Army");
  assert_slice (emoji, 5, 6, "\xF0\x9F\x98\x80");
  assert_slice (emoji, 10, 12, "\xF0\x9F\x87\xB2\xF0\x9F\x87\xB1");
  assert_slice (emoji, 10, 11, "\xF0\x9F\x87\xB2");
  assert_slice (emoji, 13, 18, "Kidal");
  assert_slice (emoji, 18, 18, "");
  assert_slice (emoji, 0, 18, emoji);

  assert_slice (combining, 1, 3, "e\xCC\x81");
  assert_slice (combining, 2, 3, "\xCC\x81");
  assert_slice (combining, 3, 7, "naka");

  assert_slice (rtl, 0, 3, "\xD9\x82\xD8\xA7\xD9\x84");
  assert_slice (rtl, 4, 5, "\xE2\x80\x9C");
  assert_slice (rtl, 5, 10, "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x8A\xD8\xB4");
  assert_slice (rtl, 10, 11, "\xE2\x80\x9D");
  assert_slice (rtl, 12, 15, "\xD7\x90\xD7\x9E\xD7\xA8");

  /* Ranges that are not inside the text. */
  assert_slice (emoji, 17, 19, NULL);
  assert_slice (emoji, 19, 19, NULL);
  assert_slice (emoji, -1, 2, NULL);
  assert_slice (emoji, 4, 3, NULL);
  assert_slice ("", 0, 0, "");
  assert_slice ("", 0, 1, NULL);
}

static void
test_cursor (void)
{
  /* "😀é—abc": its code points start at bytes 0, 4, 6, 9, 10 and 11. */
  const char *text = "\xF0\x9F\x98\x80\xC3\xA9\xE2\x80\x94" "abc";
  TesseraTextCursor cursor;

  tessera_text_cursor_init (&cursor, text, -1);
  g_assert_false (cursor.ascii);
  g_assert_cmpint (cursor.n_chars, ==, 6);
  g_assert_cmpuint (cursor.len, ==, 12);

  /* Forward, in the order spans come. */
  g_assert_true (tessera_text_cursor_seek (&cursor, 0) == text);
  g_assert_true (tessera_text_cursor_seek (&cursor, 1) == text + 4);
  g_assert_true (tessera_text_cursor_seek (&cursor, 3) == text + 9);
  g_assert_true (tessera_text_cursor_seek (&cursor, 3) == text + 9);
  g_assert_true (tessera_text_cursor_seek (&cursor, 6) == text + 12);

  /* Backward, near and far. */
  g_assert_true (tessera_text_cursor_seek (&cursor, 5) == text + 11);
  g_assert_true (tessera_text_cursor_seek (&cursor, 2) == text + 6);
  g_assert_true (tessera_text_cursor_seek (&cursor, 1) == text + 4);
  g_assert_true (tessera_text_cursor_seek (&cursor, 0) == text);
  g_assert_true (tessera_text_cursor_seek (&cursor, 4) == text + 10);
  g_assert_true (tessera_text_cursor_seek (&cursor, 2) == text + 6);

  /* Past the end or before the start: NULL, and the cursor still works. */
  g_assert_null (tessera_text_cursor_seek (&cursor, 7));
  g_assert_null (tessera_text_cursor_seek (&cursor, -1));
  g_assert_true (tessera_text_cursor_seek (&cursor, 3) == text + 9);

  /* A length shorter than the string bounds the cursor. */
  tessera_text_cursor_init (&cursor, text, 6);
  g_assert_cmpint (cursor.n_chars, ==, 2);
  g_assert_true (tessera_text_cursor_seek (&cursor, 2) == text + 6);
  g_assert_null (tessera_text_cursor_seek (&cursor, 3));
}

static void
test_cursor_ascii (void)
{
  const char *text = "Kidal, Mali";
  TesseraTextCursor cursor;

  tessera_text_cursor_init (&cursor, text, -1);
  g_assert_true (cursor.ascii);
  g_assert_cmpint (cursor.n_chars, ==, 11);
  g_assert_true (tessera_text_cursor_seek (&cursor, 7) == text + 7);
  g_assert_true (tessera_text_cursor_seek (&cursor, 2) == text + 2);
  g_assert_true (tessera_text_cursor_seek (&cursor, 11) == text + 11);
  g_assert_null (tessera_text_cursor_seek (&cursor, 12));

  tessera_text_cursor_init (&cursor, "", -1);
  g_assert_true (cursor.ascii);
  g_assert_nonnull (tessera_text_cursor_seek (&cursor, 0));
  g_assert_null (tessera_text_cursor_seek (&cursor, 1));
}

/* Every offset of a long mixed text, in a shuffled order, lands where
 * g_utf8_offset_to_pointer() says. */
static void
test_cursor_random (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20231114);
  static const char * const pieces[] = {
    "a", " ", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\xD9\x85", "e\xCC\x81",
  };
  TesseraTextCursor cursor;
  gint64 n_chars;

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  n_chars = g_utf8_strlen (text->str, -1);

  tessera_text_cursor_init (&cursor, text->str, text->len);
  g_assert_cmpint (cursor.n_chars, ==, n_chars);

  for (guint i = 0; i < 2000; i++)
    {
      gint64 offset = g_rand_int_range (rand, 0, n_chars + 1);

      g_assert_true (tessera_text_cursor_seek (&cursor, offset) ==
                     g_utf8_offset_to_pointer (text->str, offset));
    }
}

static void
test_sha256 (void)
{
  g_autofree char *abc = tessera_text_sha256 ("abc", 3);
  g_autofree char *empty = tessera_text_sha256 ("", 0);
  g_autofree char *prefix = tessera_text_sha256 ("abcdef", 3);

  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  /* Only @len bytes count. */
  g_assert_cmpstr (prefix, ==, abc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/normalize/plain", test_normalize_plain);
  g_test_add_func ("/text/normalize/bom", test_normalize_bom);
  g_test_add_func ("/text/normalize/line-endings", test_normalize_line_endings);
  g_test_add_func ("/text/normalize/nul", test_normalize_nul);
  g_test_add_func ("/text/normalize/invalid", test_normalize_invalid);
  g_test_add_func ("/text/normalize/repair", test_normalize_repair);
  g_test_add_func ("/text/normalize/large", test_normalize_large);
  g_test_add_func ("/text/n-chars", test_n_chars);
  g_test_add_func ("/text/slice", test_slice);
  g_test_add_func ("/text/cursor", test_cursor);
  g_test_add_func ("/text/cursor/ascii", test_cursor_ascii);
  g_test_add_func ("/text/cursor/random", test_cursor_random);
  g_test_add_func ("/text/sha256", test_sha256);

  return g_test_run ();
}
