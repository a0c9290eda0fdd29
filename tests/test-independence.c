/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-independence"

#include "config.h"

#include <string.h>

#include "tessera-independence.h"
#include "tessera-test-util.h"

/* Reports of one clash that carry the same wire paragraph are one
 * source; a report written on its own is another. */

static const char wire[] =
  "Clashes erupted on Friday near Anefis, leaving at least 8 dead, local officials said. "
  "The army and the rebel coalition have been fighting for control of the road north since the "
  "ceasefire collapsed in the autumn, according to residents reached by telephone.";

typedef struct
{
  TesseraTestProject base;
  gint64             first, second, own;  /* documents */
} Fixture;

static gint64
add_document (Fixture    *f,
              const char *uid,
              const char *published,
              const char *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup (uid);
  doc->published = g_strdup (published);
  doc->text = g_strdup (text);

  return tessera_test_add_document (f->base.project, doc);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *with_lead = g_strconcat ("ANEFIS, Mali — ", wire, " Markets stayed closed on Saturday.", NULL);
  g_autofree char *with_tail = g_strconcat (wire, " The governor called for calm in a statement on Sunday evening.", NULL);

  tessera_test_project_setup (&f->base, data);
  /* Two outlets of Monday 4 March carry the wire; one of Sunday wrote
   * its own. */
  f->second = add_document (f, "outlet-b", "2024-03-04", with_tail);
  f->first = add_document (f, "outlet-a", "2024-03-04", with_lead);
  f->own = add_document (f, "outlet-c", "2024-03-03",
                         "Tens of fighters were killed on Friday near Anefis in fighting between the army "
                         "and rebels, a doctor at the district hospital told our correspondent.");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_test_project_teardown (&f->base, data);
}

static TesseraSourceReport
report_at (Fixture    *f,
           gint64      document_id,
           const char *published,
           const char *trigger)
{
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (f->base.project, document_id, TRUE, NULL);
  TesseraSourceReport report = { document_id, 0, 0, published, -1 };

  g_assert_nonnull (doc);
  tessera_test_find_word (doc->text, trigger, &report.trigger_start, &report.trigger_end);
  return report;
}

static void
test_wire_counts_once (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSourceReport reports[3];

  duplicates = tessera_duplicates_find (f->base.project, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tessera_duplicates_get_n_groups (duplicates), >=, 1);

  reports[0] = report_at (f, f->second, "2024-03-04", "Clashes");
  reports[1] = report_at (f, f->first, "2024-03-04", "Clashes");
  reports[2] = report_at (f, f->own, "2024-03-03", "killed");

  /* Three reports, two sources: of the two copies of the same day, the
   * lower document id is the source. */
  g_assert_cmpuint (tessera_independence_compute (duplicates, reports, 3), ==, 2);
  g_assert_cmpint (reports[0].copy_of, ==, MIN (f->first, f->second) == f->second ? 0 : f->first);
  g_assert_cmpint (reports[1].copy_of, ==, MIN (f->first, f->second) == f->first ? 0 : f->second);
  g_assert_cmpint (reports[2].copy_of, ==, 0);

  /* The earlier publication is the source, whatever the ids. */
  reports[0].published = "2024-03-05";
  g_assert_cmpuint (tessera_independence_compute (duplicates, reports, 3), ==, 2);
  g_assert_cmpint (reports[0].copy_of, ==, f->first);
  g_assert_cmpint (reports[1].copy_of, ==, 0);

  /* A trigger outside the shared passage is a report's own. */
  reports[1] = report_at (f, f->first, "2024-03-04", "Markets");
  g_assert_cmpuint (tessera_independence_compute (duplicates, reports, 3), ==, 3);
  g_assert_cmpint (reports[0].copy_of, ==, 0);

  /* Without the duplicates analysis every report is a source. */
  g_assert_cmpuint (tessera_independence_compute (NULL, reports, 3), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/independence/wire-counts-once", Fixture, NULL, fixture_set_up, test_wire_counts_once,
              fixture_tear_down);

  return g_test_run ();
}
