/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-writer"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-json-writer.h"
#include "tessera-test-util.h"

/* A writer over memory; take_output() finishes it and returns the text. */
typedef struct
{
  GOutputStream     *out;
  TesseraJsonWriter *w;
} Sink;

static void
sink_init (Sink *sink)
{
  sink->out = g_memory_output_stream_new_resizable ();
  sink->w = tessera_json_writer_new (sink->out, NULL);
}

static char *
sink_take_output (Sink *sink)
{
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (sink->out);
  char *text;

  g_assert_true (tessera_json_writer_finish (g_steal_pointer (&sink->w), &error));
  g_assert_no_error (error);

  text = g_strndup (g_memory_output_stream_get_data (mem),
                    g_memory_output_stream_get_data_size (mem));
  g_clear_object (&sink->out);

  return text;
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

/* Writes @str as a JSON string, checks the exact output, and that a JSON
 * parser reads the same string back. */
static void
assert_string_written (const char *str,
                       gssize      len,
                       const char *expected)
{
  Sink sink;
  g_autofree char *out = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  gsize n = len < 0 ? strlen (str) : (gsize) len;

  sink_init (&sink);
  tessera_json_writer_begin_array (sink.w);
  tessera_json_writer_string (sink.w, str, len);
  tessera_json_writer_end_array (sink.w);
  out = sink_take_output (&sink);

  wrapped = g_strdup_printf ("[%s]", expected);
  g_assert_cmpstr (out, ==, wrapped);

  root = parse (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  if (memchr (str, '\0', n) == NULL)
    g_assert_cmpstr (json_array_get_string_element (array, 0), ==, str);
}

static void
test_escape_specials (void)
{
  assert_string_written ("", -1, "\"\"");
  assert_string_written ("plain text", -1, "\"plain text\"");
  assert_string_written ("say \"no\"", -1, "\"say \\\"no\\\"\"");
  assert_string_written ("C:\\temp\\", -1, "\"C:\\\\temp\\\\\"");
  assert_string_written ("/slash/", -1, "\"/slash/\"");
}

static void
test_escape_control (void)
{
  assert_string_written ("a\nb\tc\rd\be\ff", -1, "\"a\\nb\\tc\\rd\\be\\ff\"");
  assert_string_written ("\x01\x1f\x7f", -1, "\"\\u0001\\u001f\x7f\"");
  /* An explicit length lets a NUL through, escaped. */
  assert_string_written ("a\0b", 3, "\"a\\u0000b\"");
}

/* U+2028 and U+2029 end lines in JavaScript: escaped for JS consumers. */
static void
test_escape_line_separators (void)
{
  assert_string_written ("one\xe2\x80\xa8two\xe2\x80\xa9three", -1,
                         "\"one\\u2028two\\u2029three\"");
  /* Other characters beginning with the same byte stay as they are. */
  assert_string_written ("a\xe2\x80\x94" "b \xe2\x80\x9cq\xe2\x80\x9d", -1,
                         "\"a\xe2\x80\x94" "b \xe2\x80\x9cq\xe2\x80\x9d\"");
}

/* Non-ASCII is written as UTF-8, never as \u escapes. */
static void
test_unicode_untouched (void)
{
  static const char * const samples[] = {
    "Émeute à Kidal",
    "😀 and 🇲🇱",
    "مرحبا بالعالم",
    "שלום עולם",
    "e\xcc\x81 (combining acute)",
    "中文文本",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"%s\"", samples[i]);

      assert_string_written (samples[i], -1, expected);
    }
}

/* Specials at every position of a word, so the word-at-a-time scan
 * misses none of them. */
static void
test_escape_every_position (void)
{
  static const struct { const char *raw; const char *escaped; } specials[] = {
    { "\"", "\\\"" },
    { "\\", "\\\\" },
    { "\n", "\\n" },
    { "\x1f", "\\u001f" },
    { "\xe2\x80\xa8", "\\u2028" },
    { "\xe2\x80\x99", "\xe2\x80\x99" },
    { "\xc3\xa9", "\xc3\xa9" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (specials); k++)
    for (guint at = 0; at < 20; at++)
      {
        g_autoptr(GString) raw = g_string_new (NULL);
        g_autoptr(GString) expected = g_string_new ("\"");

        for (guint i = 0; i < 20; i++)
          {
            if (i == at)
              {
                g_string_append (raw, specials[k].raw);
                g_string_append (expected, specials[k].escaped);
              }
            g_string_append_c (raw, 'a' + i);
            g_string_append_c (expected, 'a' + i);
          }
        g_string_append_c (expected, '"');

        assert_string_written (raw->str, raw->len, expected->str);
      }
}

/* Bytes that are not UTF-8 (a damaged page) are never written: the
 * writer stops with an error that says so, and writes nothing more. */
static void
test_escape_stray_lead_byte (void)
{
  Sink sink;
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *mem;

  sink_init (&sink);
  tessera_json_writer_begin_array (sink.w);
  tessera_json_writer_string (sink.w, "fine", -1);
  tessera_json_writer_string (sink.w, "\xe2\"x\xe2\x80", -1);
  tessera_json_writer_string (sink.w, "after", -1);
  tessera_json_writer_end_array (sink.w);
  g_assert_false (tessera_json_writer_finish (g_steal_pointer (&sink.w), &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "UTF-8"));

  mem = G_MEMORY_OUTPUT_STREAM (sink.out);
  if (g_memory_output_stream_get_data_size (mem) > 0)
    g_assert_null (memchr (g_memory_output_stream_get_data (mem), 0xe2,
                           g_memory_output_stream_get_data_size (mem)));
  g_clear_object (&sink.out);
}

static void
test_nesting_and_commas (void)
{
  Sink sink;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;

  sink_init (&sink);
  tessera_json_writer_begin_object (sink.w);
  tessera_json_writer_member_string (sink.w, "name", "x");
  tessera_json_writer_member_int (sink.w, "zero", 0);
  tessera_json_writer_member_int (sink.w, "neg", -42);
  tessera_json_writer_member_int (sink.w, "min", G_MININT64);
  tessera_json_writer_member_int (sink.w, "max", G_MAXINT64);
  tessera_json_writer_key (sink.w, "list");
  tessera_json_writer_begin_array (sink.w);
  tessera_json_writer_int (sink.w, 1);
  tessera_json_writer_boolean (sink.w, TRUE);
  tessera_json_writer_boolean (sink.w, FALSE);
  tessera_json_writer_null (sink.w);
  tessera_json_writer_string (sink.w, NULL, -1);
  tessera_json_writer_double (sink.w, 0.5);
  tessera_json_writer_begin_array (sink.w);
  tessera_json_writer_end_array (sink.w);
  tessera_json_writer_begin_object (sink.w);
  tessera_json_writer_end_object (sink.w);
  tessera_json_writer_begin_object (sink.w);
  tessera_json_writer_member_string (sink.w, "k", "v");
  tessera_json_writer_end_object (sink.w);
  tessera_json_writer_end_array (sink.w);
  tessera_json_writer_key (sink.w, "empty");
  tessera_json_writer_begin_object (sink.w);
  tessera_json_writer_end_object (sink.w);
  tessera_json_writer_end_object (sink.w);
  out = sink_take_output (&sink);

  g_assert_cmpstr (out, ==,
                   "{\"name\":\"x\",\"zero\":0,\"neg\":-42,"
                   "\"min\":-9223372036854775808,\"max\":9223372036854775807,"
                   "\"list\":[1,true,false,null,null,0.5,[],{},{\"k\":\"v\"}],"
                   "\"empty\":{}}");

  root = parse (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "min"), ==, G_MININT64);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "max"), ==, G_MAXINT64);
}

static void
test_pretty (void)
{
  Sink sink;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;

  sink_init (&sink);
  tessera_json_writer_set_pretty (sink.w, TRUE);
  tessera_json_writer_begin_object (sink.w);
  tessera_json_writer_member_string (sink.w, "a", "b");
  tessera_json_writer_key (sink.w, "list");
  tessera_json_writer_begin_array (sink.w);
  tessera_json_writer_int (sink.w, 1);
  tessera_json_writer_begin_object (sink.w);
  tessera_json_writer_member_int (sink.w, "x", 2);
  tessera_json_writer_end_object (sink.w);
  tessera_json_writer_end_array (sink.w);
  tessera_json_writer_key (sink.w, "none");
  tessera_json_writer_begin_array (sink.w);
  tessera_json_writer_end_array (sink.w);
  tessera_json_writer_end_object (sink.w);
  tessera_json_writer_newline (sink.w);
  out = sink_take_output (&sink);

  g_assert_cmpstr (out, ==,
                   "{\n"
                   "  \"a\": \"b\",\n"
                   "  \"list\": [\n"
                   "    1,\n"
                   "    {\n"
                   "      \"x\": 2\n"
                   "    }\n"
                   "  ],\n"
                   "  \"none\": []\n"
                   "}\n");

  root = parse (out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
}

/* JSONL: one record per line, each line valid JSON on its own. */
static void
test_jsonl_records (void)
{
  Sink sink;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  sink_init (&sink);
  for (int i = 0; i < 3; i++)
    {
      tessera_json_writer_begin_object (sink.w);
      tessera_json_writer_member_int (sink.w, "n", i);
      tessera_json_writer_member_string (sink.w, "text", "line\nbreak");
      tessera_json_writer_end_object (sink.w);
      tessera_json_writer_newline (sink.w);
    }
  out = sink_take_output (&sink);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) root = parse (lines[i]);

      g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "n"), ==, i);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "text"), ==,
                       "line\nbreak");
    }
}

/* Output far bigger than the buffer, strings longer than it, arrives whole. */
static void
test_large_output (void)
{
  Sink sink;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  JsonArray *array;

  /* Escapes right at the buffer's edges too. */
  for (guint i = 0; big->len < 300 * 1024; i++)
    g_string_append (big, i % 7 == 0 ? "\"quoted\"\n" : "wörd ");

  sink_init (&sink);
  tessera_json_writer_begin_array (sink.w);
  for (guint i = 0; i < 20000; i++)
    tessera_json_writer_int (sink.w, i);
  tessera_json_writer_string (sink.w, big->str, big->len);
  tessera_json_writer_string (sink.w, big->str, big->len);
  tessera_json_writer_end_array (sink.w);
  out = sink_take_output (&sink);

  root = parse (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 20002);
  g_assert_cmpint (json_array_get_int_element (array, 19999), ==, 19999);
  g_assert_cmpstr (json_array_get_string_element (array, 20000), ==, big->str);
  g_assert_cmpstr (json_array_get_string_element (array, 20001), ==, big->str);
}

/* The first write error is kept and reported by finish(). */
static void
test_write_error (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  TesseraJsonWriter *w;

  g_output_stream_close (out, NULL, NULL);
  w = tessera_json_writer_new (out, NULL);
  tessera_json_writer_begin_array (w);
  tessera_json_writer_string (w, "x", -1);
  g_assert_false (tessera_json_writer_flush (w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  /* Later calls do nothing and the error stays. */
  tessera_json_writer_int (w, 1);
  tessera_json_writer_end_array (w);
  g_assert_false (tessera_json_writer_finish (w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

/* A stream on /dev/full: every write fails with ENOSPC. */
static GOutputStream *
open_full_device (void)
{
  g_autoptr(GFile) full = g_file_new_for_path ("/dev/full");
  g_autoptr(GError) error = NULL;
  GFileOutputStream *out;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    return NULL;
  out = g_file_append_to (full, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);

  return G_OUTPUT_STREAM (out);
}

/* The disk fills inside a record: the writer stops with the one error
 * and no warning (the containers it could not close are left alone). */
static void
test_disk_full (void)
{
  g_autoptr(GOutputStream) out = open_full_device ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TesseraJsonWriter *w;

  if (out == NULL)
    {
      g_test_skip ("no /dev/full");
      return;
    }

  text = g_strnfill (200 * 1024, 'x');
  w = tessera_json_writer_new (out, NULL);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_string (w, "text", text);
  tessera_json_writer_end_object (w);
  tessera_json_writer_newline (w);
  g_assert_false (tessera_json_writer_finish (w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "No space left on device"));
}

/* Each export to a full disk fails with one error saying so. */
static void
test_export_disk_full (void)
{
  static const struct
  {
    const char            *name;
    TesseraTestExportFunc  func;
  } exports[] = {
    { "jsonl", tessera_export_jsonl },
    { "project", tessera_export_project_json },
    { "report", tessera_export_report_json },
  };
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autoptr(TesseraProject) project = tessera_test_create_project (dir, "full.tessera", NULL);
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GString) text = g_string_new ("Rebels entered Kidal.\n");

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  /* Bigger than the writer's buffer, so the disk fills inside it. */
  while (text->len < 200 * 1024)
    g_string_append (text, "The army said it had retaken the town.\n");
  doc->uid = g_strdup ("kidal-1");
  doc->text = g_strdup (text->str);
  tessera_test_tag (project, tessera_test_add_document (project, doc), "Rebels",
                    TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autoptr(GOutputStream) out = open_full_device ();
      g_autoptr(GError) error = NULL;

      g_test_message ("export %s", exports[i].name);
      g_assert_false (exports[i].func (project, out, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "No space left on device"));
    }

  tessera_project_close (project);
  tessera_test_remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TesseraJsonWriter *w;

  w = tessera_json_writer_new (out, cancellable);
  tessera_json_writer_begin_array (w);
  g_cancellable_cancel (cancellable);
  tessera_json_writer_end_array (w);
  g_assert_false (tessera_json_writer_finish (w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/escape/specials", test_escape_specials);
  g_test_add_func ("/json-writer/escape/control", test_escape_control);
  g_test_add_func ("/json-writer/escape/line-separators", test_escape_line_separators);
  g_test_add_func ("/json-writer/escape/unicode-untouched", test_unicode_untouched);
  g_test_add_func ("/json-writer/escape/every-position", test_escape_every_position);
  g_test_add_func ("/json-writer/escape/stray-lead-byte", test_escape_stray_lead_byte);
  g_test_add_func ("/json-writer/nesting-and-commas", test_nesting_and_commas);
  g_test_add_func ("/json-writer/pretty", test_pretty);
  g_test_add_func ("/json-writer/jsonl", test_jsonl_records);
  g_test_add_func ("/json-writer/large-output", test_large_output);
  g_test_add_func ("/json-writer/write-error", test_write_error);
  g_test_add_func ("/json-writer/cancelled", test_cancelled);
  g_test_add_func ("/json-writer/disk-full", test_disk_full);
  g_test_add_func ("/json-writer/export-disk-full", test_export_disk_full);

  return g_test_run ();
}
