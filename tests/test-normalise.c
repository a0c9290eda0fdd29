/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-normalise"

#include "config.h"

#include "tessera-normalise.h"
#include "tessera-test-util.h"

/* Normalised values: dates against publication dates (English, French,
 * over week, month and year boundaries, without a publication date),
 * casualty wordings by ACLED's rules, and the JSONL export carrying them. */

typedef struct
{
  const char           *text;
  const char           *published;
  TesseraDateStatus     status;
  const char           *value;
  TesseraDatePrecision  precision;
} DateCase;

#define DAY(t, p, v)      { t, p, TESSERA_DATE_RESOLVED, v, TESSERA_DATE_PRECISION_DAY }
#define RANGE(t, p, v)    { t, p, TESSERA_DATE_RESOLVED, v, TESSERA_DATE_PRECISION_RANGE }
#define MONTH(t, p, v)    { t, p, TESSERA_DATE_RESOLVED, v, TESSERA_DATE_PRECISION_MONTH }
#define NEEDS(t, p)       { t, p, TESSERA_DATE_NEEDS_PUBLICATION, NULL, 0 }
#define NOT_DATE(t, p)    { t, p, TESSERA_DATE_NOT_A_DATE, NULL, 0 }

static void
check_dates (const DateCase *cases,
             gsize           n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *value = NULL;
      TesseraDatePrecision precision = 0;
      TesseraDateStatus status;

      g_test_message ("“%s” published %s", cases[i].text, cases[i].published);
      status = tessera_normalise_date (cases[i].text, cases[i].published, &value, &precision);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_cmpstr (value, ==, cases[i].value);
      if (status == TESSERA_DATE_RESOLVED)
        g_assert_cmpint (precision, ==, cases[i].precision);
    }
}

static void
test_days (void)
{
  static const DateCase cases[] = {
    /* Absolute: no publication needed; slashes are day first. */
    DAY ("12 November 2023", NULL, "2023-11-12"),
    DAY ("Sunday, November 12, 2023", NULL, "2023-11-12"),
    DAY ("12/11/2023", NULL, "2023-11-12"),
    DAY ("12.11.2023", "2024-03-04", "2023-11-12"),
    DAY ("November 12", "2023-11-14", "2023-11-12"),
    DAY ("12 novembre", "2023-11-14", "2023-11-12"),
    /* A week boundary: a Sunday report's "Sunday" is that day, a
     * Monday's is the day before. */
    DAY ("Sunday", "2023-11-12", "2023-11-12"),
    DAY ("Sunday", "2023-11-13", "2023-11-12"),
    DAY ("Friday", "2024-03-04", "2024-03-01"),
    DAY ("on Friday", "2024-03-04", "2024-03-01"),
    DAY ("vendredi", "2024-03-04", "2024-03-01"),
    DAY ("dimanche", "2024-03-04", "2024-03-03"),
    /* Times of day do not move the day. */
    DAY ("late on Saturday", "2024-03-04", "2024-03-02"),
    DAY ("shortly before dawn on Sunday", "2024-03-04", "2024-03-03"),
    DAY ("dimanche soir", "2024-03-04", "2024-03-03"),
    DAY ("Monday evening", "2024-03-04T18:30:00Z", "2024-03-04"),
    /* Month and year boundaries, a leap day. */
    DAY ("yesterday", "2024-03-01", "2024-02-29"),
    DAY ("hier", "2024-01-01", "2023-12-31"),
    DAY ("Saturday", "2024-01-01", "2023-12-30"),
    DAY ("December 30", "2024-01-02", "2023-12-30"),
    DAY ("the day before yesterday", "2024-03-06", "2024-03-04"),
    /* Clock times do not move the day either. */
    DAY ("at 10:45 on Sunday", "2024-03-06", "2024-03-03"),
    DAY ("Sunday at 3pm local time", "2024-03-06", "2024-03-03"),
    DAY ("2 March 2024, 14h30", NULL, "2024-03-02"),
    DAY ("samedi 2 mars vers 5 h", "2024-03-06", "2024-03-02"),
  };

  check_dates (cases, G_N_ELEMENTS (cases));
}

static void
test_ranges_and_months (void)
{
  static const DateCase cases[] = {
    /* A week is its Monday: a Monday's "last week" begins seven days
     * before; a Sunday's begins thirteen days before. */
    RANGE ("last week", "2024-03-04", "2024-02-26"),
    RANGE ("last week", "2024-03-03", "2024-02-19"),
    RANGE ("la semaine dernière", "2024-03-06", "2024-02-26"),
    RANGE ("this week", "2024-03-06", "2024-03-04"),
    /* The weekend under way or just past is its Saturday. */
    RANGE ("the weekend", "2024-03-04", "2024-03-02"),
    RANGE ("over the weekend", "2024-03-03", "2024-03-02"),
    RANGE ("le week-end", "2024-03-03", "2024-03-02"),
    RANGE ("le week-end dernier", "2024-03-05", "2024-03-02"),
    /* Thirds of a month. */
    RANGE ("early October", "2023-11-14", "2023-10-01"),
    RANGE ("début octobre", "2023-11-14", "2023-10-01"),
    RANGE ("mid-October", "2023-11-14", "2023-10-11"),
    RANGE ("fin octobre", "2023-11-14", "2023-10-21"),
    RANGE ("late December", "2024-01-05", "2023-12-21"),
    RANGE ("early October 2022", NULL, "2022-10-01"),
    /* Months. */
    MONTH ("October", "2023-11-14", "2023-10-01"),
    MONTH ("in October", "2024-01-14", "2023-10-01"),
    MONTH ("octobre 2022", NULL, "2022-10-01"),
    MONTH ("last month", "2024-01-10", "2023-12-01"),
    MONTH ("le mois dernier", "2024-03-31", "2024-02-01"),
    /* Ranges of days: their first day. The last day is read as a day of
     * its own; the first against it ("Friday" before that Sunday, "3"
     * in its month). */
    RANGE ("between 3 and 5 March", "2024-03-06", "2024-03-03"),
    RANGE ("3-5 March", "2024-03-06", "2024-03-03"),
    RANGE ("du 3 au 5 mars", "2024-03-06", "2024-03-03"),
    RANGE ("from Friday to Sunday", "2024-03-06", "2024-03-01"),
    RANGE ("Sunday and Monday", "2025-03-10", "2025-03-09"),
    RANGE ("on the night of 3 to 4 March", "2024-03-06", "2024-03-03"),
    RANGE ("dans la nuit de samedi à dimanche", "2024-03-06", "2024-03-02"),
    RANGE ("30 December to 2 January 2024", NULL, "2023-12-30"),
  };

  check_dates (cases, G_N_ELEMENTS (cases));
}

static void
test_unresolved (void)
{
  static const DateCase cases[] = {
    /* Relative, and nothing to read them against. */
    NEEDS ("Sunday", NULL),
    NEEDS ("hier", NULL),
    NEEDS ("last week", ""),
    NEEDS ("le week-end", NULL),
    NEEDS ("early October", NULL),
    NEEDS ("November 12", "sometime"),
    /* Not a day, nor a week or a month. */
    NOT_DATE ("Kidal", "2024-03-04"),
    NOT_DATE ("12 soldiers", "2024-03-04"),
    NOT_DATE ("2019", "2024-03-04"),
    NOT_DATE ("31/02/2024", NULL),
    NOT_DATE ("", NULL),
    /* A range that runs backward is none. */
    NOT_DATE ("5 to 3 March", "2024-03-06"),
    NEEDS ("from Friday to Sunday", NULL),
  };

  check_dates (cases, G_N_ELEMENTS (cases));
}

static void
test_quantities (void)
{
  static const struct
  {
    const char          *text;
    TesseraQuantityKind  kind;
    gint64               value;
  } cases[] = {
    { "12", TESSERA_QUANTITY_EXACT, 12 },
    { "twelve soldiers", TESSERA_QUANTITY_EXACT, 12 },
    { "twenty-five", TESSERA_QUANTITY_EXACT, 25 },
    { "1,200 displaced", TESSERA_QUANTITY_EXACT, 1200 },
    { "two dozen", TESSERA_QUANTITY_EXACT, 24 },
    { "three civilians", TESSERA_QUANTITY_EXACT, 3 },
    { "no losses", TESSERA_QUANTITY_EXACT, 0 },
    { "douze morts", TESSERA_QUANTITY_EXACT, 12 },
    { "vingt-cinq blessés", TESSERA_QUANTITY_EXACT, 25 },
    /* The first figure is the one given. */
    { "12 dead and 30 wounded", TESSERA_QUANTITY_EXACT, 12 },
    /* Bounds: the stated figure, the conservative one. */
    { "at least 12", TESSERA_QUANTITY_LOWER_BOUND, 12 },
    { "At least twelve people", TESSERA_QUANTITY_LOWER_BOUND, 12 },
    { "more than 12", TESSERA_QUANTITY_LOWER_BOUND, 12 },
    { "no fewer than 20", TESSERA_QUANTITY_LOWER_BOUND, 20 },
    { "au moins 12 morts", TESSERA_QUANTITY_LOWER_BOUND, 12 },
    { "plus de 30", TESSERA_QUANTITY_LOWER_BOUND, 30 },
    { "plus d'une centaine", TESSERA_QUANTITY_LOWER_BOUND, 100 },
    { "at least a dozen", TESSERA_QUANTITY_LOWER_BOUND, 12 },
    { "up to 30", TESSERA_QUANTITY_UPPER_BOUND, 30 },
    { "jusqu'à 30", TESSERA_QUANTITY_UPPER_BOUND, 30 },
    /* Rough figures. */
    { "some 30", TESSERA_QUANTITY_ROUGH, 30 },
    { "about 30", TESSERA_QUANTITY_ROUGH, 30 },
    { "around 80 vehicles", TESSERA_QUANTITY_ROUGH, 80 },
    { "nearly thirty", TESSERA_QUANTITY_ROUGH, 30 },
    { "environ 30", TESSERA_QUANTITY_ROUGH, 30 },
    { "près de 30", TESSERA_QUANTITY_ROUGH, 30 },
    /* Word figures, as ACLED codes them. */
    { "dozens", TESSERA_QUANTITY_WORD, 12 },
    { "Dozens of civilians", TESSERA_QUANTITY_WORD, 12 },
    { "a dozen", TESSERA_QUANTITY_WORD, 12 },
    { "Tens of fighters", TESSERA_QUANTITY_WORD, 10 },
    { "scores", TESSERA_QUANTITY_WORD, 20 },
    { "hundreds", TESSERA_QUANTITY_WORD, 100 },
    { "several", TESSERA_QUANTITY_WORD, 10 },
    { "une dizaine de morts", TESSERA_QUANTITY_WORD, 10 },
    { "des dizaines", TESSERA_QUANTITY_WORD, 12 },
    { "une centaine", TESSERA_QUANTITY_WORD, 100 },
    { "des centaines de déplacés", TESSERA_QUANTITY_WORD, 100 },
    { "une quinzaine de soldats", TESSERA_QUANTITY_WORD, 15 },
    { "une trentaine", TESSERA_QUANTITY_WORD, 30 },
    /* French and English compound numbers. */
    { "vingt et un morts", TESSERA_QUANTITY_EXACT, 21 },
    { "soixante et onze", TESSERA_QUANTITY_EXACT, 71 },
    { "soixante-dix-sept", TESSERA_QUANTITY_EXACT, 77 },
    { "quatre-vingts", TESSERA_QUANTITY_EXACT, 80 },
    { "quatre-vingt-dix-neuf civils", TESSERA_QUANTITY_EXACT, 99 },
    { "deux cents", TESSERA_QUANTITY_EXACT, 200 },
    { "mille deux cents déplacés", TESSERA_QUANTITY_EXACT, 1200 },
    { "one hundred and five", TESSERA_QUANTITY_EXACT, 105 },
    { "two hundred twenty-five", TESSERA_QUANTITY_EXACT, 225 },
    /* No figure. */
    { "wounded", TESSERA_QUANTITY_NONE, -1 },
    { "", TESSERA_QUANTITY_NONE, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -1;

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (tessera_normalise_quantity (cases[i].text, &value), ==, cases[i].kind);
      g_assert_cmpint (value, ==, cases[i].value);
    }

  g_assert_cmpstr (tessera_quantity_kind_to_string (TESSERA_QUANTITY_LOWER_BOUND), ==, "lower_bound");
  g_assert_cmpstr (tessera_quantity_kind_to_string (TESSERA_QUANTITY_WORD), ==, "word");
  g_assert_null (tessera_quantity_kind_to_string (TESSERA_QUANTITY_NONE));
}

/* --- the export ------------------------------------------------------------- */

static gint64
add_report (TesseraProject *project,
            const char     *uid,
            const char     *published,
            const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup (uid);
  doc->published = g_strdup (published);
  doc->text = g_strdup (text);
  return tessera_test_add_document (project, doc);
}

/* The span of @record whose text is @text. */
static JsonObject *
span_of (JsonNode   *record,
         const char *text)
{
  JsonArray *spans = json_object_get_array_member (json_node_get_object (record), "spans");

  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);

      if (g_str_equal (json_object_get_string_member (span, "text"), text))
        return span;
    }
  g_assert_not_reached ();
}

static void
test_jsonl_export (TesseraTestProject *f,
                   gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *exported = NULL;
  gint64 monday, sunday, undated, trigger, fighters, event;
  JsonObject *span;

  monday = add_report (f->project, "monday", "2024-03-04",
                       "Clashes erupted on Friday near Anefis, leaving at least 8 dead.");
  sunday = add_report (f->project, "sunday", "2024-03-03",
                       "Tens of fighters were killed on Friday near Anefis.");
  undated = add_report (f->project, "undated", NULL, "Fighting resumed on Sunday.");

  tessera_test_tag (f->project, monday, "Friday", TESSERA_LABEL_ENTITY, "Date", NULL);
  tessera_test_tag (f->project, monday, "at least 8 dead", TESSERA_LABEL_ENTITY, "Quantity", NULL);
  tessera_test_tag (f->project, monday, "Anefis", TESSERA_LABEL_ENTITY, "Place", NULL);
  tessera_test_tag (f->project, sunday, "Friday", TESSERA_LABEL_ENTITY, "Date", NULL);
  tessera_test_tag (f->project, undated, "Sunday", TESSERA_LABEL_ENTITY, "Date", NULL);

  /* A figure that fills a Casualties role counts whatever its label. */
  trigger = tessera_test_tag (f->project, sunday, "killed", TESSERA_LABEL_EVENT, "Battle", NULL);
  fighters = tessera_test_tag (f->project, sunday, "Tens of fighters", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  event = tessera_project_add_event (f->project, trigger,
                                     tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"),
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (f->project, event,
                                               tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Casualties"),
                                               fighters, &error));
  g_assert_no_error (error);

  exported = tessera_test_export (f->project, tessera_export_jsonl);
  records = tessera_test_parse_jsonl (exported);
  g_assert_cmpuint (records->len, ==, 3);

  span = span_of (records->pdata[0], "Friday");
  g_assert_cmpstr (json_object_get_string_member (span, "value"), ==, "2024-03-01");
  g_assert_cmpint (json_object_get_int_member (span, "precision"), ==, 1);
  span = span_of (records->pdata[0], "at least 8 dead");
  g_assert_cmpint (json_object_get_int_member (span, "value"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (span, "value_kind"), ==, "lower_bound");
  span = span_of (records->pdata[0], "Anefis");
  g_assert_false (json_object_has_member (span, "value"));

  span = span_of (records->pdata[1], "Friday");
  g_assert_cmpstr (json_object_get_string_member (span, "value"), ==, "2024-03-01");
  span = span_of (records->pdata[1], "Tens of fighters");
  g_assert_cmpint (json_object_get_int_member (span, "value"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (span, "value_kind"), ==, "word");
  span = span_of (records->pdata[1], "killed");
  g_assert_false (json_object_has_member (span, "value"));

  /* No publication date: the relative date carries no value. */
  span = span_of (records->pdata[2], "Sunday");
  g_assert_false (json_object_has_member (span, "value"));
  g_assert_false (json_object_has_member (span, "precision"));

  /* A backup keeps what was annotated, not what it was read as. */
  g_clear_pointer (&exported, g_free);
  exported = tessera_test_export (f->project, tessera_export_project_json);
  g_assert_null (strstr (exported, "\"value_kind\""));
  g_assert_null (strstr (exported, "\"precision\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalise/dates/days", test_days);
  g_test_add_func ("/normalise/dates/ranges-and-months", test_ranges_and_months);
  g_test_add_func ("/normalise/dates/unresolved", test_unresolved);
  g_test_add_func ("/normalise/quantities", test_quantities);
  g_test_add ("/normalise/jsonl-export", TesseraTestProject, NULL,
              tessera_test_project_setup, test_jsonl_export, tessera_test_project_teardown);

  return g_test_run ();
}
