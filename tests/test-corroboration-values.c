/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-corroboration-values"

#include "config.h"

#include "tessera-corroboration.h"
#include "tessera-test-util.h"

/* What the corroboration table compares, without a window: values made
 * comparable, dates resolved against the publication date, the majority
 * of a column; and a table read from a project in which no value holds a
 * majority and one argument is only suggested. */

static void
test_value_keys (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    gboolean    same;
  } pairs[] = {
    { "12", "twelve", TRUE },
    { "25,000 people", "twenty-five thousand", TRUE },
    { "the Malian Army", "Malian army", TRUE },
    { "at least 12", "some 30", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = tessera_corroboration_value_key (pairs[i].a);
      g_autofree char *b = tessera_corroboration_value_key (pairs[i].b);

      if (pairs[i].same)
        g_assert_cmpstr (a, ==, b);
      else
        g_assert_cmpstr (a, !=, b);
    }
}

static void
test_resolve_date (void)
{
  static const struct
  {
    const char *text;
    const char *published;
    const char *day;
  } cases[] = {
    /* Absolute, with or without a publication date. */
    { "12 November 2023", "2023-11-14", "2023-11-12" },
    { "Sunday, November 12, 2023", NULL, "2023-11-12" },
    /* A weekday: the latest on or before a Tuesday's publication. */
    { "Sunday", "2023-11-14", "2023-11-12" },
    { "on Sunday", "2023-11-14", "2023-11-12" },
    { "dimanche", "2023-11-14", "2023-11-12" },
    { "Friday", "2023-11-14", "2023-11-10" },
    { "Tuesday", "2023-11-14", "2023-11-14" },
    /* Over a week boundary: a Monday's "Sunday" is the day before, its
     * "Tuesday" the week before. */
    { "Sunday", "2023-11-13", "2023-11-12" },
    { "Tuesday", "2023-11-13", "2023-11-07" },
    /* Over a month and a year boundary. */
    { "Saturday", "2024-01-01T08:00:00Z", "2023-12-30" },
    { "yesterday", "2023-11-14", "2023-11-13" },
    { "hier", "2023-03-01", "2023-02-28" },
    { "today", "2023-11-14", "2023-11-14" },
    { "aujourd'hui", "2023-11-14", "2023-11-14" },
    /* A day without a year: the publication's year, or the one before. */
    { "Sunday, November 12", "2023-11-14", "2023-11-12" },
    { "12 novembre", "2023-11-14", "2023-11-12" },
    { "December 30", "2024-01-02", "2023-12-30" },
    /* Without a publication date, nothing relative resolves. */
    { "Sunday", NULL, NULL },
    { "yesterday", "", NULL },
    { "Sunday, November 12", "sometime", NULL },
    /* Not a day. */
    { "Kidal", "2023-11-14", NULL },
    { "12 soldiers", "2023-11-14", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *day = tessera_corroboration_resolve_date (cases[i].text, cases[i].published);

      g_test_message ("“%s” published %s", cases[i].text, cases[i].published);
      g_assert_cmpstr (day, ==, cases[i].day);
    }
}

static int
majority_of (const char *first,
             ...)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *key = first; key != NULL; key = va_arg (args, const char *))
    g_ptr_array_add (keys, (gpointer) key);
  va_end (args);

  return tessera_corroboration_find_majority (keys);
}

static void
test_majority (void)
{
  /* More than half of the reports that give a value. */
  g_assert_cmpint (majority_of ("a", "b", "a", NULL), ==, 0);
  g_assert_cmpint (majority_of ("b", "a", "a", NULL), ==, 1);
  g_assert_cmpint (majority_of ("a", "b", "c", "d", NULL), ==, -1);
  g_assert_cmpint (majority_of ("a", "a", "b", "b", NULL), ==, -1);
  g_assert_cmpint (majority_of ("a", "a", "a", "b", NULL), ==, 0);
  /* Silence does not count. */
  g_assert_cmpint (majority_of ("", "", "b", "a", "a", NULL), ==, 3);
  g_assert_cmpint (majority_of ("", "", NULL), ==, -1);
  g_assert_cmpint (majority_of ("a", NULL), ==, 0);
}

/* --- a table ------------------------------------------------------------------ */

typedef struct
{
  const char *source;     /* NULL: none */
  const char *published;
  const char *text;
  const char *opponent;
  const char *time;
} Report;

/* Four reports, four different Opponents; the Time words differ but all
 * name Sunday 12 November but one. */
static const Report reports[] = {
  { NULL, "2023-11-12", "Rebels attacked the army on Sunday near Kidal.", "army", "Sunday" },
  { "Gao Daily", "2023-11-14", "Rebels attacked FAMa units on Sunday, November 12 near Kidal.",
    "FAMa units", "Sunday, November 12" },
  { "Radio Nord", "2023-11-13", "Rebels attacked Wagner fighters yesterday near Kidal.",
    "Wagner fighters", "yesterday" },
  { "Sahel Wire", "2023-11-15", "Rebels attacked soldiers on Monday near Kidal.", "soldiers", "Monday" },
};

static void
test_table (TesseraTestProject *f,
            gconstpointer       data)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 battle = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle");
  gint64 cluster, suggested_span = 0;
  int opponent = -1, time = -1;

  cluster = tessera_project_add_cluster (f->project, TESSERA_LABEL_EVENT, "Kidal", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();
      gint64 id, trigger, event, who, when;

      doc->title = g_strdup (reports[i].text);
      doc->source = g_strdup (reports[i].source);
      doc->published = g_strdup (reports[i].published);
      doc->text = g_strdup (reports[i].text);
      id = tessera_test_add_document (f->project, doc);
      trigger = tessera_test_tag (f->project, id, "attacked", TESSERA_LABEL_EVENT, "Battle", NULL);
      who = tessera_test_tag (f->project, id, reports[i].opponent, TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
      when = tessera_test_tag (f->project, id, reports[i].time, TESSERA_LABEL_ENTITY, "Date", NULL);
      event = tessera_project_add_event (f->project, trigger, battle, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (tessera_project_add_argument (f->project, event,
                                                   tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Opponent"),
                                                   who, &error));
      g_assert_true (tessera_project_add_argument (f->project, event,
                                                   tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Time"),
                                                   when, &error));
      g_assert_no_error (error);
      g_assert_true (tessera_project_add_cluster_member (f->project, cluster, 0, event, &error));
      g_assert_no_error (error);
      if (i == 3)
        suggested_span = when;
    }

  /* The last report's Time is only a suggestion. */
  {
    g_autofree char *sql = NULL;

    tessera_test_project_close (f);
    sql = g_strdup_printf ("UPDATE span SET suggested = 1 WHERE id = %" G_GINT64_FORMAT, suggested_span);
    tessera_test_sql_exec (f->path, sql);
    tessera_test_project_reopen (f);
  }

  g_assert_true (tessera_corroboration_load (f->project, cluster, &columns, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 4);
  for (guint c = 0; c < columns->len; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (columns, c);

      if (g_str_equal (column->key, "Opponent"))
        opponent = c;
      else if (g_str_equal (column->key, "Time"))
        time = c;
    }
  g_assert_cmpint (opponent, >=, 0);
  g_assert_cmpint (time, >=, 0);

  /* Four Opponents: no majority, every one flagged, the first too. */
  g_assert_true (((TesseraCorroborationColumn *) g_ptr_array_index (columns, opponent))->no_majority);
  for (guint r = 0; r < 4; r++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), r);
      const TesseraCorroborationCell *cell = tessera_corroboration_row_get_cell (row, opponent);

      g_assert_true (cell->disagrees);
      g_assert_true (g_str_has_prefix (cell->others, "No majority"));
    }

  /* Time: "Sunday" (published the 12th), "Sunday, November 12" and
   * "yesterday" (published the 13th) are one day; the suggested "Monday"
   * is shown unreviewed and counts for nothing. */
  g_assert_false (((TesseraCorroborationColumn *) g_ptr_array_index (columns, time))->disagrees);
  for (guint r = 0; r < 4; r++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), r);
      const TesseraCorroborationCell *cell = tessera_corroboration_row_get_cell (row, time);

      g_assert_false (cell->disagrees);
      g_assert_cmpuint (cell->texts->len, ==, 1);
      g_assert_cmpint (g_array_index (cell->unreviewed, gboolean, 0), ==, r == 3);
    }

  /* The outlet is the source, never the title; rows without one last
   * among those of their day, by date. */
  {
    g_autoptr(TesseraCorroborationRow) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_autoptr(TesseraCorroborationRow) last = g_list_model_get_item (G_LIST_MODEL (rows), 3);

    g_assert_null (tessera_corroboration_row_get_source (first));
    g_assert_cmpstr (tessera_corroboration_row_get_published (first), ==, "2023-11-12");
    g_assert_cmpstr (tessera_corroboration_row_get_source (last), ==, "Sahel Wire");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corroboration-values/value-keys", test_value_keys);
  g_test_add_func ("/corroboration-values/resolve-date", test_resolve_date);
  g_test_add_func ("/corroboration-values/majority", test_majority);
  g_test_add ("/corroboration-values/table", TesseraTestProject, NULL,
              tessera_test_project_setup, test_table, tessera_test_project_teardown);

  return g_test_run ();
}
