/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tokens"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-segment.h"
#include "tessera-text.h"
#include "tessera-test-util.h"

/* The token export: ICU's words and sentences, IOB2 tags over the
 * accepted entity spans, and offsets that give every token back as
 * text[start:end], across an astral flag, a combining accent, Arabic and
 * curly quotes; a span off token boundaries, nested and overlapping ones. */

#define TEXT "Le FAMa \U0001F1F2\U0001F1F1 a repris Ane\u0301fis. \u201CNous tenons Kidal,\u201D dit \u0639\u0644\u064A Ag Ghaly."

static const char *
tag_of (JsonArray *tokens,
        JsonArray *tags,
        const char *token)
{
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    if (g_str_equal (json_array_get_string_element (tokens, i), token))
      return json_array_get_string_element (tags, i);
  g_assert_not_reached ();
}

static void
test_tokens (void)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autoptr(TesseraProject) project = tessera_test_create_project (dir, "t.tessera", NULL);
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 id, start, end;
  guint n_lines = 0, n_tokens = 0;

  doc->uid = g_strdup ("rtl");
  doc->text = g_strdup (TEXT);
  doc->language = g_strdup ("fr");
  id = tessera_test_add_document (project, doc);

  tessera_test_tag (project, id, "FAMa", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  /* "epris" inside "repris": off token boundaries, it covers the word. */
  tessera_test_find_word (TEXT, "epris", &start, &end);
  g_assert_cmpint (tessera_project_add_span (project, id, start, end,
                                             tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "Date"),
                                             NULL, &error), >, 0);
  g_assert_no_error (error);
  tessera_test_tag (project, id, "Ane\u0301fis", TESSERA_LABEL_ENTITY, "Place", NULL);
  /* "Ag Ghaly" inside "علي Ag Ghaly": the outer span wins. */
  tessera_test_tag (project, id, "\u0639\u0644\u064A Ag Ghaly", TESSERA_LABEL_ENTITY, "Person", NULL);
  tessera_test_tag (project, id, "Ag Ghaly", TESSERA_LABEL_ENTITY, "Organization", NULL);
  /* An event trigger is no entity. */
  tessera_test_tag (project, id, "tenons", TESSERA_LABEL_EVENT, "Battle", NULL);

  g_assert_true (tessera_test_export_full (project, tessera_export_tokens, NULL, &out, &error));
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);

  for (guint l = 0; lines[l] != NULL && *lines[l] != '\0'; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *record;
      JsonArray *tokens, *tags, *offsets;

      json_parser_load_from_data (parser, lines[l], -1, &error);
      g_assert_no_error (error);
      record = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (record, "document"), ==, "rtl");
      g_assert_cmpint (json_object_get_int_member (record, "sentence"), ==, l);
      tokens = json_object_get_array_member (record, "tokens");
      tags = json_object_get_array_member (record, "ner_tags");
      offsets = json_object_get_array_member (record, "token_offsets");
      g_assert_cmpuint (json_array_get_length (tags), ==, json_array_get_length (tokens));
      g_assert_cmpuint (json_array_get_length (offsets), ==, json_array_get_length (tokens));

      /* Every token is text[start:end]. */
      for (guint i = 0; i < json_array_get_length (tokens); i++)
        {
          JsonArray *pair = json_array_get_array_element (offsets, i);
          g_autofree char *slice = tessera_text_slice (TEXT, json_array_get_int_element (pair, 0),
                                                       json_array_get_int_element (pair, 1));

          g_assert_cmpstr (json_array_get_string_element (tokens, i), ==, slice);
          n_tokens++;
        }

      if (l == 0)
        {
          g_assert_cmpstr (tag_of (tokens, tags, "FAMa"), ==, "B-ArmedGroup");
          g_assert_cmpstr (tag_of (tokens, tags, "\U0001F1F2\U0001F1F1"), ==, "O");
          g_assert_cmpstr (tag_of (tokens, tags, "repris"), ==, "B-Date");
          g_assert_cmpstr (tag_of (tokens, tags, "Ane\u0301fis"), ==, "B-Place");
          g_assert_cmpstr (tag_of (tokens, tags, "."), ==, "O");
        }
      if (l == 1)
        {
          g_assert_cmpstr (tag_of (tokens, tags, "tenons"), ==, "O");
          g_assert_cmpstr (tag_of (tokens, tags, "\u0639\u0644\u064A"), ==, "B-Person");
          g_assert_cmpstr (tag_of (tokens, tags, "Ag"), ==, "I-Person");
          g_assert_cmpstr (tag_of (tokens, tags, "Ghaly"), ==, "I-Person");
          g_assert_cmpstr (tag_of (tokens, tags, "\u201C"), ==, "O");
        }
      n_lines++;
    }

  /* Two sentences, no white space among the tokens: Le FAMa 🇲🇱 a repris
   * Anéfis . (7); “ Nous tenons Kidal , ” dit علي Ag Ghaly . (11). */
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_cmpuint (n_tokens, ==, 18);

  tessera_project_close (project);
  tessera_test_remove_tree (dir);
}

/* CoNLL holds the same tokens and tags as the token JSONL, documents and
 * sentences apart; NLTK's reader, where installed, reads it back. */
static void
test_conll (void)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autoptr(TesseraProject) project = tessera_test_create_project (dir, "t.tessera", NULL);
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *conll = NULL, *path = NULL, *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 id;
  guint n_tokens = 0, n_sentences = 0;
  int status;

  doc->uid = g_strdup ("rtl");
  doc->text = g_strdup (TEXT);
  doc->language = g_strdup ("fr");
  id = tessera_test_add_document (project, doc);
  tessera_test_tag (project, id, "FAMa", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  tessera_test_tag (project, id, "\u0639\u0644\u064A Ag Ghaly", TESSERA_LABEL_ENTITY, "Person", NULL);

  g_assert_true (tessera_test_export_full (project, tessera_export_conll, NULL, &conll, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (conll, "-DOCSTART- O\n\nLe O\nFAMa B-ArmedGroup\n"));
  g_assert_nonnull (strstr (conll, "\u0639\u0644\u064A B-Person\nAg I-Person\nGhaly I-Person\n. O\n\n"));
  lines = g_strsplit (conll, "\n", -1);
  for (guint l = 2; lines[l] != NULL; l++)
    {
      if (*lines[l] == '\0')
        {
          if (l > 0 && *lines[l - 1] != '\0')
            n_sentences++;
          continue;
        }
      {
        g_auto(GStrv) columns = g_strsplit (lines[l], " ", -1);

        /* Two columns, the token free of white space. */
        g_assert_cmpuint (g_strv_length (columns), ==, 2);
      }
      n_tokens++;
    }
  g_assert_cmpuint (n_tokens, ==, 18);
  g_assert_cmpuint (n_sentences, ==, 2);

  path = tessera_test_write_file (dir, "t.conll", conll, -1);
  {
    /* Debian's Python, where python3-nltk installs (not a pyenv's first in PATH). */
    const char *argv[] = { g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3", "-c",
                           "import sys\n"
                           "try:\n"
                           "    from nltk.corpus.reader.conll import ConllCorpusReader\n"
                           "except ImportError:\n"
                           "    print('skip'); sys.exit(0)\n"
                           "import os\n"
                           "r = ConllCorpusReader(os.path.dirname(sys.argv[1]), [os.path.basename(sys.argv[1])], ('words', 'ne'))\n"
                           "print(len(r.words()), len(r.sents()))\n",
                           path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    if (g_str_has_prefix (out, "skip"))
      g_test_message ("NLTK is not installed: its reader was not tried");
    else
      /* Its 18 words; the -DOCSTART- line makes a sentence of its own. */
      g_assert_cmpstr (out, ==, "18 3\n");
  }

  tessera_project_close (project);
  tessera_test_remove_tree (dir);
}

/* The segmenter alone: white space is no token, sentences hold tokens. */
static void
test_segment (void)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraTextToken));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraTextSentence));
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_segment_text ("  Rebels left.\n\nThe army came back! ", NULL, tokens, sentences, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tokens->len, ==, 8);
  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_cmpint (g_array_index (tokens, TesseraTextToken, 0).start, ==, 2);
  g_assert_cmpint (g_array_index (sentences, TesseraTextSentence, 1).first_token, ==, 3);
  g_assert_cmpuint (g_array_index (sentences, TesseraTextSentence, 1).n_tokens, ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tokens/export", test_tokens);
  g_test_add_func ("/tokens/conll", test_conll);
  g_test_add_func ("/tokens/segment", test_segment);

  return g_test_run ();
}
