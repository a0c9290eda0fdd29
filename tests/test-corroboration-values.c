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

/* The Time column compares dates as they normalise, with their precision,
 * each against its own report's publication date. */
static void
test_date_keys (void)
{
  static const struct
  {
    const char *a;
    const char *a_published;
    const char *b;
    const char *b_published;
    gboolean    same;
  } pairs[] = {
    /* The Monday of the week before a Wednesday's and a Thursday's. */
    { "last week", "2024-03-06", "la semaine dernière", "2024-03-07", TRUE },
    /* The hour does not change the day. */
    { "late on Saturday", "2024-03-04", "Saturday", "2024-03-03", TRUE },
    { "samedi soir", "2024-03-04", "on Saturday", "2024-03-02", TRUE },
    { "Sunday", "2023-11-14", "12 November 2023", NULL, TRUE },
    { "early March", "2024-03-06", "début mars", "2024-03-20", TRUE },
    { "March", "2024-03-06", "in March 2024", NULL, TRUE },
    /* Another week, another day. */
    { "last week", "2024-03-06", "last week", "2024-03-11", FALSE },
    { "Saturday", "2024-03-04", "Sunday", "2024-03-04", FALSE },
    /* A day is not the weekend, the week or the month it falls in. */
    { "Saturday", "2024-03-04", "the weekend", "2024-03-04", FALSE },
    { "1 March 2024", NULL, "early March", "2024-03-06", FALSE },
    { "early March", "2024-03-06", "March", "2024-03-06", FALSE },
  };
  static const struct
  {
    const char *text;
    const char *published;
    const char *key;
  } keys[] = {
    { "last week", "2024-03-06", "date:2024-02-26/2" },
    { "late on Saturday", "2024-03-04", "date:2024-03-02/1" },
    { "yesterday", "2024-03-01", "date:2024-02-29/1" },
    { "early March", "2024-03-06", "date:2024-03-01/2" },
    { "March", "2024-03-06", "date:2024-03/3" },
    { "le mois dernier", "2024-03-06", "date:2024-02/3" },
    { "12/11/2023", NULL, "date:2023-11-12/1" },
    /* No date, or one relative to no publication date: compared as
     * any other value. */
    { "Kidal", "2024-03-06", NULL },
    { "12 soldiers", "2024-03-06", NULL },
    { "last week", NULL, NULL },
    { "Saturday", "sometime", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = tessera_corroboration_date_key (pairs[i].a, pairs[i].a_published);
      g_autofree char *b = tessera_corroboration_date_key (pairs[i].b, pairs[i].b_published);

      g_test_message ("“%s” (%s) and “%s” (%s)", pairs[i].a, pairs[i].a_published,
                      pairs[i].b, pairs[i].b_published);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      if (pairs[i].same)
        g_assert_cmpstr (a, ==, b);
      else
        g_assert_cmpstr (a, !=, b);
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = tessera_corroboration_date_key (keys[i].text, keys[i].published);

      g_test_message ("“%s” published %s", keys[i].text, keys[i].published);
      g_assert_cmpstr (key, ==, keys[i].key);
    }
}

/* The Casualties column compares figures as ACLED reads them; a bound or
 * a rough figure by its number, as values always were. */
static void
test_figure_keys (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    gboolean    same;
  } pairs[] = {
    { "dozens of fighters", "12", TRUE },
    { "a dozen soldiers", "twelve soldiers", TRUE },
    { "des dizaines de morts", "dozens", TRUE },
    { "une dizaine de soldats", "Tens", TRUE },
    { "Tens", "8", FALSE },
    { "hundreds", "100 people", TRUE },
    { "two dozen", "24", TRUE },
    { "at least 8", "more than 8", TRUE },
    { "at least 8", "8", TRUE },
    { "au moins 8", "up to 8", TRUE },
    { "at least 12", "some 30", FALSE },
    { "25,000 people", "twenty-five thousand", TRUE },
    { "no casualties", "2 casualties", FALSE },
    /* The first figure, as the coded record reads it. */
    { "12 dead and 30 wounded", "12 killed", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = tessera_corroboration_figure_key (pairs[i].a);
      g_autofree char *b = tessera_corroboration_figure_key (pairs[i].b);

      g_test_message ("“%s” and “%s”", pairs[i].a, pairs[i].b);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      if (pairs[i].same)
        g_assert_cmpstr (a, ==, b);
      else
        g_assert_cmpstr (a, !=, b);
    }

  g_assert_null (tessera_corroboration_figure_key ("heavy losses"));
  g_assert_null (tessera_corroboration_figure_key (""));
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

/* --- a table of normalised values --------------------------------------------- */

typedef struct
{
  const char *source;
  const char *published;
  const char *text;
  const char *time;
  const char *casualties;
} Account;

/* A cluster of Battles, one per account, each with its Time and
 * Casualties. */
static gint64
add_accounts (TesseraProject *project,
              const char     *name,
              const Account  *accounts,
              guint           n)
{
  g_autoptr(GError) error = NULL;
  gint64 battle = tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle");
  gint64 time = tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Time");
  gint64 casualties = tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Casualties");
  gint64 cluster;

  cluster = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, name, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();
      gint64 id, trigger, event, when, toll;

      doc->title = g_strdup (accounts[i].text);
      doc->source = g_strdup (accounts[i].source);
      doc->published = g_strdup (accounts[i].published);
      doc->text = g_strdup (accounts[i].text);
      id = tessera_test_add_document (project, doc);
      trigger = tessera_test_tag (project, id, "attacked", TESSERA_LABEL_EVENT, "Battle", NULL);
      when = tessera_test_tag (project, id, accounts[i].time, TESSERA_LABEL_ENTITY, "Date", NULL);
      toll = tessera_test_tag (project, id, accounts[i].casualties, TESSERA_LABEL_ENTITY, "Quantity", NULL);
      event = tessera_project_add_event (project, trigger, battle, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (tessera_project_add_argument (project, event, time, when, &error));
      g_assert_no_error (error);
      g_assert_true (tessera_project_add_argument (project, event, casualties, toll, &error));
      g_assert_no_error (error);
      g_assert_true (tessera_project_add_cluster_member (project, cluster, 0, event, &error));
      g_assert_no_error (error);
    }

  return cluster;
}

static const TesseraCorroborationColumn *
column_named (GPtrArray  *columns,
              const char *key,
              guint      *index)
{
  for (guint c = 0; c < columns->len; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (columns, c);

      if (g_str_equal (column->key, key))
        {
          *index = c;
          return column;
        }
    }
  g_assert_not_reached ();
}

/* Whether the cell of @source's report in column @c is flagged. */
static gboolean
flagged (GListStore *rows,
         guint       c,
         const char *source)
{
  for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (rows)); r++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), r);

      if (g_strcmp0 (tessera_corroboration_row_get_source (row), source) == 0)
        return tessera_corroboration_row_get_cell (row, c)->disagrees;
    }
  g_assert_not_reached ();
}

static void
test_table_normalised (TesseraTestProject *f,
                       gconstpointer       data)
{
  /* "Last week" to a Wednesday and a Thursday is one week; "dozens" is
   * 12 and "tens" 10. */
  static const Account week[] = {
    { "Gao Daily", "2024-03-06", "Rebels attacked Kidal last week and killed dozens of fighters.",
      "last week", "dozens of fighters" },
    { "Le Sahel", "2024-03-07", "Les rebelles ont attacked Kidal la semaine dernière : 12 morts.",
      "la semaine dernière", "12" },
    { "Radio Nord", "2024-03-07", "Rebels attacked Kidal last week. Tens of fighters died.",
      "last week", "Tens" },
  };
  /* The hour does not change the day; "tens" is not 8. */
  static const Account saturday[] = {
    { "Gao Daily", "2024-03-04", "Rebels attacked Anefis late on Saturday; 8 soldiers died.",
      "late on Saturday", "8" },
    { "Radio Nord", "2024-03-03", "Rebels attacked Anefis on Saturday. Tens of soldiers died.",
      "Saturday", "Tens" },
  };
  g_autoptr(GError) error = NULL;
  gint64 week_cluster = add_accounts (f->project, "Kidal", week, G_N_ELEMENTS (week));
  gint64 saturday_cluster = add_accounts (f->project, "Anefis", saturday, G_N_ELEMENTS (saturday));

  {
    g_autoptr(GPtrArray) columns = NULL;
    g_autoptr(GListStore) rows = NULL;
    const TesseraCorroborationColumn *time, *casualties;
    guint t, c;

    g_assert_true (tessera_corroboration_load (f->project, week_cluster, &columns, &rows, &error));
    g_assert_no_error (error);
    time = column_named (columns, "Time", &t);
    casualties = column_named (columns, "Casualties", &c);

    g_assert_false (time->disagrees);
    for (guint i = 0; i < G_N_ELEMENTS (week); i++)
      g_assert_false (flagged (rows, t, week[i].source));

    /* 12, 12 and 10: only the 10 is flagged. */
    g_assert_true (casualties->disagrees);
    g_assert_false (casualties->no_majority);
    g_assert_false (flagged (rows, c, "Gao Daily"));
    g_assert_false (flagged (rows, c, "Le Sahel"));
    g_assert_true (flagged (rows, c, "Radio Nord"));
  }

  {
    g_autoptr(GPtrArray) columns = NULL;
    g_autoptr(GListStore) rows = NULL;
    const TesseraCorroborationColumn *time, *casualties;
    guint t, c;

    g_assert_true (tessera_corroboration_load (f->project, saturday_cluster, &columns, &rows, &error));
    g_assert_no_error (error);
    time = column_named (columns, "Time", &t);
    casualties = column_named (columns, "Casualties", &c);

    g_assert_false (time->disagrees);
    g_assert_false (flagged (rows, t, "Gao Daily"));
    g_assert_false (flagged (rows, t, "Radio Nord"));

    /* 8 and 10, one each: no majority, both flagged. */
    g_assert_true (casualties->disagrees);
    g_assert_true (casualties->no_majority);
    g_assert_true (flagged (rows, c, "Gao Daily"));
    g_assert_true (flagged (rows, c, "Radio Nord"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corroboration-values/value-keys", test_value_keys);
  g_test_add_func ("/corroboration-values/resolve-date", test_resolve_date);
  g_test_add_func ("/corroboration-values/date-keys", test_date_keys);
  g_test_add_func ("/corroboration-values/figure-keys", test_figure_keys);
  g_test_add_func ("/corroboration-values/majority", test_majority);
  g_test_add ("/corroboration-values/table", TesseraTestProject, NULL,
              tessera_test_project_setup, test_table, tessera_test_project_teardown);
  g_test_add ("/corroboration-values/table-normalised", TesseraTestProject, NULL,
              tessera_test_project_setup, test_table_normalised, tessera_test_project_teardown);

  return g_test_run ();
}
