/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-strict"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"
#include "tessera-schema.h"
#include "tessera-test-util.h"

typedef TesseraTestProject Fixture;

/* Standard JSON (RFC 8259) passes, and json-glib reads it. */
static const char * const valid_texts[] = {
  "{}",
  "[]",
  "0",
  "-0",
  "-1.5e-3",
  "1E+2",
  "[1.7976931348623157e308]",
  "\"\"",
  "true",
  "false",
  "null",
  " \t\r\n[ 1 , 2 ] \n",
  "\xef\xbb\xbf{\"a\": 1}",
  "\"\\ud83d\\ude00 \\u00e9 \\/ \\\" \\\\ \\b\\f\\n\\r\\t\"",
  "\"é中😀\xe2\x80\xa8 \x7f\"",
  "{\"\": 1, \"a\": {\"b\": [null, {\"c\": \"d\"}, [], {}]}}",
  "[9223372036854775807, -9223372036854775808]",
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("%s", valid_texts[i]);
      g_assert_true (tessera_json_validate ("t", valid_texts[i], strlen (valid_texts[i]), &error));
      g_assert_no_error (error);
      root = tessera_json_parse ("t", valid_texts[i], -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

/* The whole numbers at the ends of 64 bits come through exactly. */
static void
test_integer_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tessera_json_parse ("t", "[9223372036854775807, -9223372036854775808]",
                                                 -1, &error);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, G_MAXINT64);
  g_assert_cmpint (json_array_get_int_element (array, 1), ==, G_MININT64);
}

typedef struct
{
  const char *json;
  gssize      len;       /* -1: a string */
  int         code;
  const char *message;   /* all of it, for the origin "t" */
} BadText;

static const BadText bad_texts[] = {
  /* What json-glib 1.6 takes but JSON is not. */
  { "{\"a\": 1} /* note */", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 9: comments are not allowed in JSON" },
  { "// note\n{}", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 0: comments are not allowed in JSON" },
  { "[1, // note\n 2]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 4: comments are not allowed in JSON" },
  { "{'a': 1}", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: single-quoted strings are not allowed in JSON" },
  { "['x']", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: single-quoted strings are not allowed in JSON" },
  { "{a: 1}", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: object keys must be double-quoted strings in JSON" },
  { "[1, 2,]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 6: a trailing comma before ']' is not allowed in JSON" },
  { "{\"a\": 1,}", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 8: a trailing comma before '}' is not allowed in JSON" },
  { "0x1F", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 0: hexadecimal numbers are not allowed in JSON" },
  { "[NaN]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: NaN and Infinity are not allowed in JSON" },
  { "[Infinity]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: NaN and Infinity are not allowed in JSON" },
  { "-Infinity", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 0: NaN and Infinity are not allowed in JSON" },
  { "\"a\\u0000b\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 2: \\u0000 (NUL) is not allowed in text" },
  { "{} {}", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 3: not valid JSON: a second value follows the first (only one is allowed)" },
  { "{}x", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 2: not valid JSON: unexpected ‘x’ after the JSON value" },
  { "[True]", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 1: not valid JSON: unknown word ‘True’ (strings need double quotes; the only words are true, false and null)" },
  { "[truex]", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 1: not valid JSON: unknown word ‘truex’ (strings need double quotes; the only words are true, false and null)" },
  /* Numbers. */
  { "[+1]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: a number may not start with '+'" },
  { "[.5]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: a number must start with a digit" },
  { "[01]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: numbers with leading zeros are not allowed in JSON" },
  { "[1.]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: a '.' in a number must be followed by digits" },
  { "[1e]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: an exponent must have digits" },
  { "[-]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: a '-' must be followed by digits" },
  { "{\"n\": 99999999999999999999}", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 6: \"n\": the number 99999999999999999999 does not fit in a 64-bit integer" },
  { "[9223372036854775808]", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 1: the number 9223372036854775808 does not fit in a 64-bit integer" },
  { "[-9223372036854775809]", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 1: the number -9223372036854775809 does not fit in a 64-bit integer" },
  { "[1e400]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: the number 1e400 is too large" },
  /* Strings. */
  { "\"a\tb\"", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 2: control character U+0009 in a string (JSON needs it escaped, e.g. \\n or \\u0009)" },
  { "\"a\\qb\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 2: not valid JSON: ‘q’ after a backslash is not an escape" },
  { "\"\\x41\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: \\x escapes are not allowed in JSON (write \\u00XX)" },
  { "\"\\'\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: \\' is not a JSON escape (write ' as it is)" },
  { "\"\\u12\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: \\u must be followed by four hex digits" },
  { "\"\\udc00\"", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 1: \\uDC00 is half of a UTF-16 surrogate pair without the first half" },
  { "\"\\ud800\\u0041\"", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 1: \\uD800 is half of a UTF-16 surrogate pair without the second half" },
  { "\"caf\xe9\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 4: invalid UTF-8 in a string" },
  { "\"\xed\xa0\x80\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: invalid UTF-8 in a string" },
  { "\"\xc0\xaf\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: invalid UTF-8 in a string" },
  { "\"a\0b\"", 5, TESSERA_ERROR_INVALID_INPUT, "t: byte 2: NUL byte in a string" },
  { "\"abc", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 0: not valid JSON: the string that starts here is not closed" },
  /* Structure. */
  { "", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 0: not valid JSON: there is no value" },
  { "\xef\xbb\xbf  ", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 5: not valid JSON: there is no value" },
  { "{\"a\" 1}", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 5: not valid JSON: unexpected ‘1’ after an object key (expected ':')" },
  { "[1 2]", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 3: not valid JSON: unexpected ‘2’ after an array element (expected ',' or ']')" },
  { "{\"a\": 1 \"b\": 2}", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 8: not valid JSON: unexpected ‘\"’ after an object member (expected ',' or '}')" },
  { "[1}", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 2: not valid JSON: unexpected ‘}’ after an array element (expected ',' or ']')" },
  { "[1,,2]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 3: not valid JSON: unexpected ‘,’ where a value should be" },
  { "[“quoted”]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: unexpected ‘“’ where a value should be" },
  { "[\x0c" "1]", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 1: not valid JSON: unexpected U+000C where a value should be" },
  { "[\"a\"", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 4: not valid JSON: the text ends inside an array" },
  { "{\"a\":", -1, TESSERA_ERROR_INVALID_INPUT, "t: byte 5: not valid JSON: the text ends inside an object" },
  /* Where, in a text of several lines: line and column as well. */
  { "{\n  \"a\": 1,\n  # note\n}", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 14 (line 3, column 3): not valid JSON: unexpected ‘#’ where an object key should be" },
  { "[\"é\",\n \"ü\", 'x']", -1, TESSERA_ERROR_INVALID_INPUT,
    "t: byte 14 (line 2, column 7): single-quoted strings are not allowed in JSON" },
};

/* Each departure from JSON is refused with the origin, the byte (and
 * line and column) and what is wrong. */
static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      const BadText *bad = &bad_texts[i];
      gsize len = bad->len < 0 ? strlen (bad->json) : (gsize) bad->len;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("case %u: %s", i, bad->json);
      g_assert_false (tessera_json_validate ("t", bad->json, len, &error));
      g_assert_error (error, TESSERA_ERROR, bad->code);
      g_assert_cmpstr (error->message, ==, bad->message);

      /* The parser says the same. */
      root = tessera_json_parse ("t", bad->json, len, &parse_error);
      g_assert_null (root);
      g_assert_error (parse_error, TESSERA_ERROR, bad->code);
      g_assert_cmpstr (parse_error->message, ==, bad->message);
    }
}

/* TESSERA_MAX_JSON_DEPTH levels are fine, one more is refused. */
static void
test_depth (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < TESSERA_MAX_JSON_DEPTH; i++)
    g_string_append (json, i % 2 == 0 ? "[" : "{\"k\":");
  g_string_append_c (json, '0');
  for (guint i = TESSERA_MAX_JSON_DEPTH; i > 0; i--)
    g_string_append_c (json, (i - 1) % 2 == 0 ? ']' : '}');
  g_assert_true (tessera_json_validate ("t", json->str, json->len, &error));
  g_assert_no_error (error);

  g_string_prepend_c (json, '[');
  g_string_append_c (json, ']');
  g_assert_false (tessera_json_validate ("t", json->str, json->len, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
  /* The 65th opening bracket: 33 "[" and 31 "{\"k\":" before it. */
  expected = g_strdup_printf ("t: byte %u: JSON nested deeper than %d levels",
                              33 + 31 * 5, TESSERA_MAX_JSON_DEPTH);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Random edits of good JSON: whatever the validator passes, json-glib
 * reads (and nothing crashes, deep nesting included). */
static void
test_agrees_with_json_glib (void)
{
  static const char * const seeds[] = {
    "{\"id\":\"a-1\",\"text\":\"Rebels entered Kidal.\",\"spans\":[{\"id\":\"s1\",\"start\":0,"
    "\"end\":6,\"label\":\"ArmedGroup\",\"suggested\":true,\"note\":null}]}",
    "[1, -2.5e3, \"caf\\u00e9 \\ud83d\\ude00\", [[], {}], true, false, null]",
    "{\"a\": {\"b\": {\"c\": [\"d\", 'e', /* f */ 0x1]}}}",
  };
  static const char alphabet[] = "{}[]\":,'/*\\ \n\t0123456789-+.eEtrufalsnxu\xc3\xa9";
  guint accepted = 0;

  for (guint i = 0; i < 4000; i++)
    {
      g_autoptr(GString) json = g_string_new (seeds[i % G_N_ELEMENTS (seeds)]);
      g_autoptr(GError) error = NULL;
      guint edits = g_test_rand_int_range (1, 4);

      for (guint e = 0; e < edits; e++)
        {
          guint at = g_test_rand_int_range (0, json->len + 1);
          char c = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];

          switch (g_test_rand_int_range (0, 4))
            {
            case 0:
              g_string_insert_c (json, at, c);
              break;
            case 1:
              if (at < json->len)
                g_string_erase (json, at, 1);
              break;
            case 2:
              if (at < json->len)
                json->str[at] = c;
              break;
            default:
              for (guint k = 0; k < 200; k++)
                g_string_insert_c (json, at, c == '{' ? '{' : '[');
              break;
            }
        }

      if (tessera_json_validate ("t", json->str, json->len, NULL))
        {
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();

          if (!json_parser_load_from_data (parser, json->str, json->len, &error))
            g_test_message ("passed by the validator, refused by json-glib: %s", json->str);
          g_assert_no_error (error);
          g_assert_nonnull (json_parser_get_root (parser));
          accepted++;
        }
    }

  /* The edits leave some texts valid: the check above did run. */
  g_test_message ("%u of the edited texts were JSON", accepted);
  g_assert_cmpuint (accepted, >, 0);
}

/* Importing @path fails with @message at the end of the error, and the
 * project file (closed, with @hash_before) is left as it was. */
static void
assert_import_refused (Fixture    *fixture,
                       const char *path,
                       const char *message,
                       const char *hash_before)
{
  g_autofree char *hash_after = NULL;
  g_autoptr(GError) error = NULL;

  tessera_test_project_reopen (fixture);
  g_assert_false (tessera_test_import (fixture->project, path, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_suffix (error->message, message));
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 0);

  hash_after = tessera_test_project_close_and_hash (fixture);
  g_assert_cmpstr (hash_after, ==, hash_before);
}

/* json-glib 1.6 takes comments and single-quoted strings, which the old
 * depth check did not know: a double quote inside one hid 100,000
 * brackets from it, and json-glib recursed off the stack on import of
 * .jsonl and .json, on "schema --replace" and on "init --schema". */
static void
test_hidden_nesting (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *prefix;    /* before the brackets */
    const char *name;
    const char *message;   /* the end of it */
  } cases[] = {
    { "{\"id\":\"a\",\"text\":\"Good.\"}\n/*\"*/", "hidden.jsonl",
      "hidden.jsonl:2: byte 0: comments are not allowed in JSON" },
    { "{\"id\":\"a\",\"text\":\"Good.\"}\n['\"',", "hidden.jsonl",
      "hidden.jsonl:2: byte 1: single-quoted strings are not allowed in JSON" },
    { "/*\"*/", "hidden.json", "hidden.json: byte 0: comments are not allowed in JSON" },
    { "{\"format\": \"tessera-project\", \"documents\": ['\"', ", "hidden.json",
      "hidden.json: byte 44: single-quoted strings are not allowed in JSON" },
  };
  g_autofree char *schema_before = tessera_project_dup_schema_json (fixture->project);
  g_autofree char *hash_before = NULL;
  g_autoptr(GString) brackets = g_string_new (NULL);

  for (guint j = 0; j < 100000; j++)
    g_string_append_c (brackets, '[');

  /* A schema file: "schema --replace" leaves the schema as it was. */
  {
    g_autofree char *json = g_strconcat ("/*\"*/", brackets->str, NULL);
    g_autofree char *schema_after = NULL;
    g_autoptr(TesseraSchemaDef) def = NULL;
    g_autoptr(TesseraProject) created = NULL;
    g_autofree char *created_path = g_build_filename (fixture->dir, "new.tessera", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (tessera_project_replace_schema (fixture->project, json, -1, &error));
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_suffix (error->message, "byte 0: comments are not allowed in JSON"));
    schema_after = tessera_project_dup_schema_json (fixture->project);
    g_assert_cmpstr (schema_after, ==, schema_before);
    g_clear_error (&error);

    /* "init --schema": no project is made. */
    created = tessera_project_create (created_path, json, &error);
    g_assert_null (created);
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
    g_assert_false (g_file_test (created_path, G_FILE_TEST_EXISTS));
    g_clear_error (&error);

    def = tessera_schema_def_parse (json, -1, &error);
    g_assert_null (def);
    g_assert_cmpstr (error->message, ==, "schema: byte 0: comments are not allowed in JSON");
  }

  hash_before = tessera_test_project_close_and_hash (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *content = g_strconcat (cases[i].prefix, brackets->str, "\n", NULL);
      g_autofree char *path = tessera_test_write_file (fixture->dir, cases[i].name, content, -1);

      assert_import_refused (fixture, path, cases[i].message, hash_before);
    }

  tessera_test_project_reopen (fixture);
}

/* Another tool's annotations are refused, naming the tool's format,
 * instead of coming in as bare texts (their annotations lost) or as a
 * document holding the annotation lines. */
static void
test_foreign_files (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct
  {
    const char *name;
    const char *message;   /* the end of it */
  } cases[] = {
    { "foreign-wikievents.jsonl",
      "foreign-wikievents.jsonl:1: this looks like WikiEvents JSONL (keys \"doc_id\", "
      "\"entity_mentions\", \"event_mentions\", \"tokens\"), which Tessera cannot import yet; "
      "unknown keys: doc_id, tokens, sentences, entity_mentions, relation_mentions, event_mentions" },
    { "foreign-rams.jsonlines",
      "foreign-rams.jsonlines:1: this looks like RAMS JSON lines (keys \"doc_key\", "
      "\"evt_triggers\", \"gold_evt_links\", \"ent_spans\"), which Tessera cannot import yet; "
      "unknown keys: doc_key, sentences, ent_spans, evt_triggers, gold_evt_links, source_url, split" },
  };
  g_autofree char *hash_before = NULL;

  hash_before = tessera_test_project_close_and_hash (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", cases[i].name, NULL);

      assert_import_refused (fixture, path, cases[i].message, hash_before);
    }

  tessera_test_project_reopen (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-strict/valid", test_valid);
  g_test_add_func ("/json-strict/integer-limits", test_integer_limits);
  g_test_add_func ("/json-strict/invalid", test_invalid);
  g_test_add_func ("/json-strict/depth", test_depth);
  g_test_add_func ("/json-strict/agrees-with-json-glib", test_agrees_with_json_glib);
  g_test_add ("/json-strict/hidden-nesting", Fixture, NULL, tessera_test_project_setup,
              test_hidden_nesting, tessera_test_project_teardown);
  g_test_add ("/json-strict/foreign-files", Fixture, NULL, tessera_test_project_setup,
              test_foreign_files, tessera_test_project_teardown);

  return g_test_run ();
}
