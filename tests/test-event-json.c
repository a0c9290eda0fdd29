/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-event-json"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-format-event-json.h"
#include "tessera-project.h"
#include "tessera-text.h"
#include "tessera-test-util.h"

/* The event export (TextEE / OneIE windows): every window written, token
 * indices that give each mention and trigger back, both as tokens and as
 * text[start:end] through the offsets, across an astral flag and emoji, a
 * combining accent, Arabic and curly quotes; arguments outside their
 * event's window left out and counted; suggestions and other annotators'
 * work left out with what refers to them. */

#define MALI "Le FAMa \U0001F1F2\U0001F1F1 a repris Ane\u0301fis. \u201CNous tenons Kidal,\u201D dit \u0639\u0644\u064A Ag Ghaly."
#define ARABIC "\u0642\u0635\u0641\u062A \u0627\u0644\u0642\u0648\u0627\u062A \u0645\u062F\u064A\u0646\u0629 \u063A\u0627\u0648 \U0001F4A5. " \
               "\u0642\u062A\u0644 \u062B\u0644\u0627\u062B\u0629 \u0645\u062F\u0646\u064A\u064A\u0646. " \
               "\u0642\u0627\u0644 \u0627\u0644\u0645\u062A\u062D\u062F\u062B: \u00AB\u0644\u0627 \u062A\u0639\u0644\u064A\u0642\u00BB."
#define CUT "Rebels left. The army came back!"

typedef struct
{
  char           *dir;
  TesseraProject *project;
  GHashTable     *texts;     /* uid → text */
  GHashTable     *words;     /* mention or event id → its tokens joined by spaces */
  gint64          retaken;   /* the event whose trigger and arguments share a sentence */
  gint64          fighting;  /* the event with an argument in another sentence */
  gint64          left;      /* the event whose trigger runs into the next sentence */
} Fixture;

static gint64
add_document (Fixture    *f,
              const char *uid,
              const char *language,
              const char *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->language = g_strdup (language);
  doc->text = g_strdup (text);
  g_hash_table_insert (f->texts, g_strdup (uid), g_strdup (text));

  return tessera_test_add_document (f->project, doc);
}

/* Tags @word of document @doc (@uid) and expects the tokens @words for
 * it, wherever it is a mention. */
static gint64
tag (Fixture          *f,
     gint64            doc,
     const char       *uid,
     const char       *word,
     TesseraLabelKind  kind,
     const char       *label,
     const char       *words)
{
  gint64 id = tessera_test_tag (f->project, doc, word, kind, label, NULL);

  g_hash_table_insert (f->words, g_strdup_printf ("%s_s%" G_GINT64_FORMAT, uid, id), g_strdup (words));
  return id;
}

static gint64
add_event (Fixture    *f,
           gint64      trigger,
           const char *type)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_event (f->project, trigger,
                                         tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, type),
                                         NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
add_argument (Fixture    *f,
              gint64      event,
              const char *role,
              gint64      span)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_add_argument (f->project, event,
                                               tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, role),
                                               span, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraSpan suggested = { 0 };
  gint64 mali, arabic, cut, fama, anefis, epris, tenons, nous, kidal, ghaly, left, rebels;

  f->dir = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->dir, "e.tessera", NULL);
  f->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tessera_project_set_annotator (f->project, "analyst");

  mali = add_document (f, "mali", "fr", MALI);
  arabic = add_document (f, "gao", "ar", ARABIC);
  cut = add_document (f, "cut", "en", CUT);

  /* Sentence 1: a trigger off token boundaries ("epris" in "repris") and
   * two arguments, one off boundaries too ("Anéf" in "Anéfis"). */
  fama = tag (f, mali, "mali", "FAMa", TESSERA_LABEL_ENTITY, "ArmedGroup", "FAMa");
  epris = tag (f, mali, "mali", "epris", TESSERA_LABEL_EVENT, "TerritoryChange", "repris");
  anefis = tag (f, mali, "mali", "Ane\u0301f", TESSERA_LABEL_ENTITY, "Place", "Ane\u0301fis");
  f->retaken = add_event (f, epris, "TerritoryChange");
  add_argument (f, f->retaken, "Agent", fama);
  add_argument (f, f->retaken, "Place", anefis);
  g_hash_table_insert (f->words, g_strdup_printf ("mali_e%" G_GINT64_FORMAT, f->retaken), g_strdup ("repris"));

  /* Sentence 2: its agent is in sentence 1; "Nous" is no entity, yet an
   * argument; "Ag Ghaly", suggested, fills an argument too. */
  tenons = tag (f, mali, "mali", "tenons", TESSERA_LABEL_EVENT, "Battle", "tenons");
  nous = tag (f, mali, "mali", "Nous", TESSERA_LABEL_STANCE, "asserts", "Nous");
  kidal = tag (f, mali, "mali", "Kidal", TESSERA_LABEL_ENTITY, "Place", "Kidal");
  tag (f, mali, "mali", "\u0639\u0644\u064A Ag Ghaly", TESSERA_LABEL_ENTITY, "Person", "\u0639\u0644\u064A Ag Ghaly");
  f->fighting = add_event (f, tenons, "Battle");
  add_argument (f, f->fighting, "Agent", fama);
  add_argument (f, f->fighting, "Place", kidal);
  add_argument (f, f->fighting, "Opponent", nous);
  g_hash_table_insert (f->words, g_strdup_printf ("mali_e%" G_GINT64_FORMAT, f->fighting), g_strdup ("tenons"));

  tessera_test_find_word (MALI, "Ag Ghaly", &suggested.start, &suggested.end);
  suggested.document_id = mali;
  suggested.label_id = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Organization");
  suggested.annotator_id = tessera_project_get_current_annotator_id (f->project, &error);
  suggested.suggested = TRUE;
  suggested.id = tessera_project_insert_span (f->project, &suggested, &error);
  g_assert_no_error (error);
  add_argument (f, f->fighting, "Opponent", suggested.id);

  /* Another annotator's span, and the argument it fills. */
  tessera_project_set_annotator (f->project, "bob");
  ghaly = tag (f, mali, "mali", "Ghaly", TESSERA_LABEL_ENTITY, "Person", "Ghaly");
  add_argument (f, f->fighting, "Opponent", ghaly);
  tessera_project_set_annotator (f->project, "analyst");

  /* No events: its windows are written all the same. */
  tag (f, arabic, "gao", "\u063A\u0627\u0648", TESSERA_LABEL_ENTITY, "Place", "\u063A\u0627\u0648");

  /* A trigger across a sentence break, cut at its window's end. */
  left = tag (f, cut, "cut", "left. The", TESSERA_LABEL_EVENT, "Movement", "left . The");
  rebels = tag (f, cut, "cut", "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup", "Rebels");
  tag (f, cut, "cut", "army", TESSERA_LABEL_ENTITY, "ArmedGroup", "army");
  f->left = add_event (f, left, "Movement");
  add_argument (f, f->left, "Agent", rebels);
  g_hash_table_insert (f->words, g_strdup_printf ("cut_e%" G_GINT64_FORMAT, f->left), g_strdup ("left . The"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tessera_project_close (f->project);
  g_clear_object (&f->project);
  g_clear_pointer (&f->texts, g_hash_table_unref);
  g_clear_pointer (&f->words, g_hash_table_unref);
  tessera_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
export (Fixture                    *f,
        const TesseraExportOptions *options,
        guint                       window,
        char                      **out,
        guint64                    *n_outside,
        GError                    **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (stream);
  gboolean ok = tessera_export_event_json (f->project, stream, options, window, n_outside, error);

  *out = g_strndup (g_memory_output_stream_get_data (mem), g_memory_output_stream_get_data_size (mem));
  return ok;
}

/* Tokens [start, end) of @tokens joined by spaces, after checking that
 * the range lies in the line and that @text is the document's text
 * between the offsets of its first and last token. */
static char *
check_range (JsonObject *object,
             JsonArray  *tokens,
             JsonArray  *offsets,
             const char *doc_text)
{
  gint64 start = json_object_get_int_member (object, "start");
  gint64 end = json_object_get_int_member (object, "end");
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree char *slice = NULL;

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, json_array_get_length (tokens));
  slice = tessera_text_slice (doc_text,
                              json_array_get_int_element (json_array_get_array_element (offsets, start), 0),
                              json_array_get_int_element (json_array_get_array_element (offsets, end - 1), 1));
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, slice);

  for (gint64 i = start; i < end; i++)
    g_ptr_array_add (words, (gpointer) json_array_get_string_element (tokens, i));
  g_ptr_array_add (words, NULL);
  return g_strjoinv (" ", (char **) words->pdata);
}

/* Checks every line of @out and returns a summary: per line its window,
 * its mentions ("text/type") and its events ("type:trigger(role=text …)"). */
static char *
check_and_describe (Fixture    *f,
                    const char *out)
{
  g_autoptr(GPtrArray) records = tessera_test_parse_jsonl (out);
  g_autoptr(GHashTable) next_window = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) summary = g_string_new (NULL);

  g_assert_true (g_str_has_suffix (out, "\n"));
  for (guint l = 0; l < records->len; l++)
    {
      JsonObject *record = json_node_get_object (records->pdata[l]);
      const char *uid = json_object_get_string_member (record, "doc_id");
      const char *text = g_hash_table_lookup (f->texts, uid);
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (next_window, uid));
      g_autofree char *wnd_id = g_strdup_printf ("%s_%u", uid, k);
      JsonArray *tokens = json_object_get_array_member (record, "tokens");
      JsonArray *offsets = json_object_get_array_member (record, "token_offsets");
      JsonArray *mentions = json_object_get_array_member (record, "entity_mentions");
      JsonArray *events = json_object_get_array_member (record, "event_mentions");
      g_autoptr(GHashTable) line_mentions = g_hash_table_new (g_str_hash, g_str_equal);

      /* Windows of a document come in order, from 0. */
      g_assert_nonnull (text);
      g_assert_cmpstr (json_object_get_string_member (record, "wnd_id"), ==, wnd_id);
      g_hash_table_insert (next_window, (gpointer) uid, GUINT_TO_POINTER (k + 1));
      g_string_append (summary, wnd_id);

      g_assert_cmpuint (json_array_get_length (tokens), >, 0);
      g_assert_cmpuint (json_array_get_length (offsets), ==, json_array_get_length (tokens));
      for (guint i = 0; i < json_array_get_length (tokens); i++)
        {
          JsonArray *pair = json_array_get_array_element (offsets, i);
          g_autofree char *slice = tessera_text_slice (text, json_array_get_int_element (pair, 0),
                                                       json_array_get_int_element (pair, 1));

          g_assert_cmpstr (json_array_get_string_element (tokens, i), ==, slice);
        }

      for (guint i = 0; i < json_array_get_length (mentions); i++)
        {
          JsonObject *mention = json_array_get_object_element (mentions, i);
          const char *id = json_object_get_string_member (mention, "id");
          g_autofree char *words = check_range (mention, tokens, offsets, text);

          g_assert_cmpstr (words, ==, g_hash_table_lookup (f->words, id));
          g_assert_false (g_hash_table_contains (line_mentions, id));
          g_hash_table_insert (line_mentions, (gpointer) id, mention);
          g_string_append_printf (summary, " %s/%s", json_object_get_string_member (mention, "text"),
                                  json_object_get_string_member (mention, "entity_type"));
        }

      g_string_append (summary, " |");
      for (guint i = 0; i < json_array_get_length (events); i++)
        {
          JsonObject *event = json_array_get_object_element (events, i);
          JsonObject *trigger = json_object_get_object_member (event, "trigger");
          JsonArray *arguments = json_object_get_array_member (event, "arguments");
          const char *id = json_object_get_string_member (event, "id");
          g_autofree char *words = check_range (trigger, tokens, offsets, text);
          g_autofree char *words_key = g_strdup_printf ("%s/%s", id, wnd_id);

          /* A trigger cut at its window's end has words of that window's. */
          g_assert_cmpstr (words, ==, g_hash_table_contains (f->words, words_key)
                                      ? g_hash_table_lookup (f->words, words_key)
                                      : g_hash_table_lookup (f->words, id));
          g_string_append_printf (summary, " %s:%s(", json_object_get_string_member (event, "event_type"),
                                  json_object_get_string_member (trigger, "text"));
          for (guint a = 0; a < json_array_get_length (arguments); a++)
            {
              JsonObject *argument = json_array_get_object_element (arguments, a);
              JsonObject *mention = g_hash_table_lookup (line_mentions,
                                                         json_object_get_string_member (argument, "entity_id"));

              /* Every argument names a mention of its own line. */
              g_assert_nonnull (mention);
              g_assert_cmpstr (json_object_get_string_member (argument, "text"), ==,
                               json_object_get_string_member (mention, "text"));
              g_string_append_printf (summary, "%s%s=%s", a > 0 ? " " : "",
                                      json_object_get_string_member (argument, "role"),
                                      json_object_get_string_member (argument, "text"));
            }
          g_string_append_c (summary, ')');
        }
      g_string_append_c (summary, '\n');
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* One sentence a line: the agent of the fighting is a sentence before it. */
static void
test_window_1 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *summary = NULL, *retaken = NULL;
  guint64 n_outside = 99;

  g_hash_table_insert (f->words, g_strdup_printf ("cut_e%" G_GINT64_FORMAT "/cut_0", f->left), g_strdup ("left ."));
  g_assert_true (export (f, NULL, 1, &out, &n_outside, &error));
  g_assert_no_error (error);
  summary = check_and_describe (f, out);
  g_assert_cmpstr (summary, ==,
                   "mali_0 FAMa/ArmedGroup Ane\u0301fis/Place | TerritoryChange:repris(Agent=FAMa Place=Ane\u0301fis)\n"
                   "mali_1 Nous/asserts Kidal/Place \u0639\u0644\u064A Ag Ghaly/Person Ghaly/Person |"
                   " Battle:tenons(Opponent=Nous Opponent=Ghaly Place=Kidal)\n"
                   "gao_0 \u063A\u0627\u0648/Place |\n"
                   "gao_1 |\n"
                   "gao_2 |\n"
                   "cut_0 Rebels/ArmedGroup | Movement:left.(Agent=Rebels)\n"
                   "cut_1 army/ArmedGroup |\n");
  g_assert_cmpuint (n_outside, ==, 1);

  /* The ids are the document's and the project's. */
  retaken = g_strdup_printf ("\"id\":\"mali_e%" G_GINT64_FORMAT "\",\"event_type\":\"TerritoryChange\"", f->retaken);
  g_assert_nonnull (strstr (out, retaken));
}

/* Two sentences a line: the agent is back. */
static void
test_window_2 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *summary = NULL;
  guint64 n_outside = 99;

  g_assert_true (export (f, NULL, 2, &out, &n_outside, &error));
  g_assert_no_error (error);
  summary = check_and_describe (f, out);
  g_assert_cmpstr (summary, ==,
                   "mali_0 FAMa/ArmedGroup Ane\u0301fis/Place Nous/asserts Kidal/Place"
                   " \u0639\u0644\u064A Ag Ghaly/Person Ghaly/Person |"
                   " TerritoryChange:repris(Agent=FAMa Place=Ane\u0301fis)"
                   " Battle:tenons(Agent=FAMa Opponent=Nous Opponent=Ghaly Place=Kidal)\n"
                   "gao_0 \u063A\u0627\u0648/Place |\n"
                   "gao_1 |\n"
                   "cut_0 Rebels/ArmedGroup army/ArmedGroup | Movement:left. The(Agent=Rebels)\n");
  g_assert_cmpuint (n_outside, ==, 0);
}

/* One annotator's layer: the other's span and the argument it fills go,
 * uncounted; an annotator the project does not know is an error. */
static void
test_annotator (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *summary = NULL, *nobody = NULL;
  TesseraExportOptions options = { .annotator = "analyst" };
  guint64 n_outside = 99;

  g_hash_table_insert (f->words, g_strdup_printf ("cut_e%" G_GINT64_FORMAT "/cut_0", f->left), g_strdup ("left ."));
  g_assert_true (export (f, &options, 1, &out, &n_outside, &error));
  g_assert_no_error (error);
  summary = check_and_describe (f, out);
  g_assert_nonnull (strstr (summary, "mali_1 Nous/asserts Kidal/Place \u0639\u0644\u064A Ag Ghaly/Person |"
                                     " Battle:tenons(Opponent=Nous Place=Kidal)\n"));
  g_assert_null (strstr (summary, "Ghaly/Person Ghaly"));
  g_assert_cmpuint (n_outside, ==, 1);

  options.annotator = "nobody";
  g_assert_false (export (f, &options, 1, &nobody, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
}

/* Progress per document; a cancelled export stops with an error. */
static void
test_progress_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = NULL, *cancelled = NULL;
  TesseraTestProgress progress = { 0 };
  TesseraExportOptions options = { tessera_test_record_progress, &progress, NULL, NULL };

  g_assert_true (export (f, &options, 3, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 3);
  g_assert_cmpuint (progress.done, ==, 3);
  g_assert_cmpuint (progress.total, ==, 3);

  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  g_assert_false (export (f, &options, 1, &cancelled, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/event-json/window-1", Fixture, NULL, fixture_setup, test_window_1, fixture_teardown);
  g_test_add ("/event-json/window-2", Fixture, NULL, fixture_setup, test_window_2, fixture_teardown);
  g_test_add ("/event-json/annotator", Fixture, NULL, fixture_setup, test_annotator, fixture_teardown);
  g_test_add ("/event-json/progress-cancel", Fixture, NULL, fixture_setup, test_progress_cancel, fixture_teardown);

  return g_test_run ();
}
