/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-propagate"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "tessera-duplicates.h"
#include "tessera-error.h"
#include "tessera-history.h"
#include "tessera-project.h"
#include "tessera-propagate.h"
#include "tessera-text.h"
#include "tessera-test-util.h"

/* Carrying annotations from an annotated wire paragraph onto its copies
 * as suggestions: on the word-for-word copy everything lands at the same
 * words (offsets shifted by what precedes), on the edited copy only what
 * the copy still says (not "Sunday" where it says "Saturday"), never in
 * the paragraphs that differ; twice proposes nothing twice. Then
 * "annotate all occurrences", and the real Kidal reports. */

#define WIRE \
  "Rebels of the Azawad Coordination seized the garrison town of Ber on Sunday, a spokesman for the movement said. " \
  "The army convoy had left Anefis, some 110 kilometres to the south, two days earlier after weeks of delay. " \
  "\u201cWe control the camp and the airstrip,\u201d the spokesman told reporters by telephone from the north. " \
  "The rebellion took up arms again in August after eight years of an uneasy truce."

/* Saturday for Sunday, kilometers, "two" dropped, straight quotes, a typo. */
#define WIRE_EDITED \
  "Rebels of the Azawad Coordination seized the garrison town of Ber on Saturday, a spokesman for the movement said. " \
  "The army convoy had left Anefis, some 110 kilometers to the south, days earlier after weeks of delay. " \
  "\"We control the camp and the airstrip,\" the spokesman told reporters by telephone from the north. " \
  "The rebelllion took up arms again in August after eight years of an uneasy truce."

#define OWN_A \
  "Prices of millet and rice in the Gao market have doubled since the rainy season began, traders told our reporter."

#define OWN_B \
  "The regional governor announced a curfew for the whole district and asked residents to stay indoors after nightfall."

#define OWN_C \
  "Humanitarian agencies warned that thousands of displaced families were sheltering in schools without clean water."

#define OTHER_D \
  "Football fans celebrated late into the night after the national team qualified for the continental cup."

typedef struct
{
  TesseraTestProject  base;
  gint64              a, b, c, d;
  char               *text_a, *text_b, *text_c;
  /* A's annotations */
  gint64              rebels, coordination, ber, sunday, seized, anefis, distance, two_days;
  gint64              statement, spokesman, rebellion, gao;
  gint64              event, stance;
} Fixture;

static gint64
add_document (TesseraProject *project,
              const char     *uid,
              const char     *source,
              const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup_printf ("Report %s", uid);
  doc->source = g_strdup (source);
  doc->language = g_strdup ("en");
  doc->text = g_strdup (text);

  return tessera_test_add_document (project, doc);
}

static gint64
label (Fixture          *f,
       TesseraLabelKind  kind,
       const char       *name)
{
  return tessera_test_label_id (f->base.project, kind, name);
}

/* Tags @word inside the first @context of the document. */
static gint64
tag_in (TesseraProject   *project,
        gint64            doc_id,
        const char       *context,
        const char       *word,
        TesseraLabelKind  kind,
        const char       *label_name)
{
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *at, *in;
  gint64 start, id;

  doc = tessera_project_get_document (project, doc_id, TRUE, &error);
  g_assert_no_error (error);
  at = strstr (doc->text, context);
  g_assert_nonnull (at);
  in = strstr (at, word);
  g_assert_nonnull (in);
  g_assert_true (in + strlen (word) <= at + strlen (context));
  start = g_utf8_pointer_to_offset (doc->text, in);
  id = tessera_project_add_span (project, doc_id, start, start + g_utf8_strlen (word, -1),
                                 tessera_test_label_id (project, kind, label_name), NULL, &error);
  g_assert_no_error (error);

  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  TesseraProject *project;
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->base, data);
  project = f->base.project;
  tessera_project_set_annotator (project, "ana");

  f->text_a = g_strdup (WIRE "\n\n" OWN_A);
  f->text_b = g_strdup ("M\u00e9naka \u2014 \U0001F1F2\U0001F1F1 From our correspondent.\n\n" WIRE "\n\n" OWN_B);
  f->text_c = g_strdup (OWN_C "\n\n" WIRE_EDITED);

  f->a = add_document (project, "wire", "Agency", f->text_a);
  f->b = add_document (project, "copy", "Outlet B", f->text_b);
  f->c = add_document (project, "edited", "Outlet C", f->text_c);
  f->d = add_document (project, "other", "Outlet D", OTHER_D);

  f->rebels = tessera_test_tag (project, f->a, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup", "CMA");
  f->coordination = tessera_test_tag (project, f->a, "Azawad Coordination", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  f->ber = tessera_test_tag (project, f->a, "Ber", TESSERA_LABEL_ENTITY, "Place", NULL);
  f->sunday = tessera_test_tag (project, f->a, "Sunday", TESSERA_LABEL_ENTITY, "Date", NULL);
  f->seized = tessera_test_tag (project, f->a, "seized", TESSERA_LABEL_EVENT, "TerritoryChange", NULL);
  f->anefis = tessera_test_tag (project, f->a, "Anefis", TESSERA_LABEL_ENTITY, "Place", NULL);
  f->distance = tessera_test_tag (project, f->a, "110 kilometres", TESSERA_LABEL_ENTITY, "Quantity", NULL);
  f->two_days = tessera_test_tag (project, f->a, "two days earlier", TESSERA_LABEL_ENTITY, "Date", NULL);
  f->statement = tessera_test_tag (project, f->a, "\u201cWe control the camp and the airstrip,\u201d",
                                   TESSERA_LABEL_STANCE, "asserts", NULL);
  f->spokesman = tessera_test_tag (project, f->a, "the spokesman", TESSERA_LABEL_ENTITY, "Person", NULL);
  f->rebellion = tessera_test_tag (project, f->a, "rebellion", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  f->gao = tessera_test_tag (project, f->a, "Gao", TESSERA_LABEL_ENTITY, "Place", NULL);

  f->event = tessera_project_add_event (project, f->seized, label (f, TESSERA_LABEL_EVENT, "TerritoryChange"),
                                        "claimed", "unconfirmed", &error);
  g_assert_no_error (error);
  tessera_project_add_argument (project, f->event, label (f, TESSERA_LABEL_ROLE, "Agent"), f->rebels, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (project, f->event, label (f, TESSERA_LABEL_ROLE, "Place"), f->ber, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (project, f->event, label (f, TESSERA_LABEL_ROLE, "Time"), f->sunday, &error);
  g_assert_no_error (error);

  f->stance = tessera_project_add_stance (project, f->statement, label (f, TESSERA_LABEL_STANCE, "asserts"),
                                          f->spokesman, f->event, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->text_a);
  g_free (f->text_b);
  g_free (f->text_c);
  tessera_test_project_teardown (&f->base, data);
}

static TesseraDuplicates *
find_duplicates (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  TesseraDuplicates *duplicates = tessera_duplicates_find (project, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (duplicates);
  return duplicates;
}

static TesseraPropagateResult *
propagate (TesseraProject *project,
           gint64          source_id)
{
  g_autoptr(TesseraDuplicates) duplicates = find_duplicates (project);
  g_autoptr(GError) error = NULL;
  TesseraPropagateResult *result;

  result = tessera_propagate (project, duplicates, source_id, TESSERA_DUPLICATES_DEFAULT_SIMILARITY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static const TesseraPropagateCount *
count_for (const TesseraPropagateResult *result,
           gint64                        document_id)
{
  for (guint i = 0; i < result->counts->len; i++)
    {
      const TesseraPropagateCount *count = &g_array_index (result->counts, TesseraPropagateCount, i);

      if (count->document_id == document_id)
        return count;
    }
  return NULL;
}

/* The suggested span of document @doc_id at the words @expected (found
 * in @text after @context); asserts it is there with @label_name. */
static const TesseraSpan *
expect_span (TesseraProject *project,
             GArray      *spans,
             const char  *text,
             const char  *context,
             const char  *expected,
             const char  *label_name)
{
  const char *at = strstr (text, context);
  const char *in;
  gint64 start, end;

  if (at == NULL || (in = strstr (at, expected)) == NULL)
    g_error ("“%s” then “%s” are not in the text", context, expected);
  start = g_utf8_pointer_to_offset (text, in);
  end = start + g_utf8_strlen (expected, -1);

  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const TesseraLabel *l = tessera_project_get_label (project, span->label_id);

      if (span->start == start && span->end == end && g_str_equal (l->name, label_name))
        {
          g_autofree char *slice = tessera_text_slice (text, span->start, span->end);

          g_assert_true (span->suggested);
          g_assert_cmpstr (slice, ==, expected);
          return span;
        }
    }

  g_test_message ("no %s span “%s” at %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                  label_name, expected, start, end);
  g_assert_not_reached ();
  return NULL;
}

static GArray *
list_spans_of (TesseraProject *project,
               gint64          doc_id)
{
  g_autoptr(GError) error = NULL;
  GArray *spans = tessera_project_list_spans (project, doc_id, &error);

  g_assert_no_error (error);
  return spans;
}

static GArray *
list_spans (Fixture *f,
            gint64   doc_id)
{
  return list_spans_of (f->base.project, doc_id);
}

static gint64
argument_span (const TesseraEvent *event,
               gint64              role_id)
{
  for (guint i = 0; event->arguments != NULL && i < event->arguments->len; i++)
    {
      const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, i);

      if (arg->role_label_id == role_id)
        return arg->span_id;
    }
  return 0;
}

/* What the copy @doc_id got: the spans of A at the same words, the
 * event with the arguments whose spans were carried, the stance. */
static void
check_copy (Fixture    *f,
            gint64      doc_id,
            const char *text,
            gboolean    edited)
{
  g_autoptr(GArray) spans = list_spans (f, doc_id);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraSpan *rebels, *ber, *seized, *statement, *spokesman, *sunday = NULL;
  const TesseraEvent *event;
  const TesseraStance *stance;

  /* 12 tagged in A; Gao is in A's own paragraph; the edited copy no
   * longer says "Sunday" nor "two days earlier". */
  g_assert_cmpuint (spans->len, ==, edited ? 9 : 11);

  rebels = expect_span (f->base.project, spans, text, "Rebels of", "Rebels", "ArmedGroup");
  g_assert_cmpstr (rebels->note, ==, "CMA");
  expect_span (f->base.project, spans, text, "the Azawad", "Azawad Coordination", "ArmedGroup");
  ber = expect_span (f->base.project, spans, text, "town of Ber", "Ber", "Place");
  seized = expect_span (f->base.project, spans, text, "Coordination seized", "seized", "TerritoryChange");
  expect_span (f->base.project, spans, text, "left Anefis", "Anefis", "Place");
  expect_span (f->base.project, spans, text, "some 110", edited ? "110 kilometers" : "110 kilometres", "Quantity");
  statement = expect_span (f->base.project, spans, text, edited ? "\"We control" : "\u201cWe control",
                           edited ? "\"We control the camp and the airstrip,\""
                                  : "\u201cWe control the camp and the airstrip,\u201d",
                           "asserts");
  spokesman = expect_span (f->base.project, spans, text, "airstrip", "the spokesman", "Person");
  expect_span (f->base.project, spans, text, "The rebel", edited ? "rebelllion" : "rebellion", "ArmedGroup");
  if (!edited)
    {
      sunday = expect_span (f->base.project, spans, text, "Ber on", "Sunday", "Date");
      expect_span (f->base.project, spans, text, "south, ", "two days earlier", "Date");
    }

  events = tessera_project_list_events (f->base.project, doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_true (event->suggested);
  g_assert_cmpint (event->trigger_span_id, ==, seized->id);
  g_assert_cmpint (event->type_label_id, ==, label (f, TESSERA_LABEL_EVENT, "TerritoryChange"));
  g_assert_cmpstr (event->realis, ==, "claimed");
  g_assert_cmpuint (event->arguments->len, ==, edited ? 2 : 3);
  g_assert_cmpint (argument_span (event, label (f, TESSERA_LABEL_ROLE, "Agent")), ==, rebels->id);
  g_assert_cmpint (argument_span (event, label (f, TESSERA_LABEL_ROLE, "Place")), ==, ber->id);
  g_assert_cmpint (argument_span (event, label (f, TESSERA_LABEL_ROLE, "Time")), ==, edited ? 0 : sunday->id);

  stances = tessera_project_list_stances (f->base.project, doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  stance = &g_array_index (stances, TesseraStance, 0);
  g_assert_true (stance->suggested);
  g_assert_cmpint (stance->span_id, ==, statement->id);
  g_assert_cmpint (stance->holder_span_id, ==, spokesman->id);
  g_assert_cmpint (stance->target_event_id, ==, event->id);
  g_assert_cmpint (stance->label_id, ==, label (f, TESSERA_LABEL_STANCE, "asserts"));
}

static void
check_untouched (Fixture *f)
{
  g_autoptr(GArray) spans_a = list_spans (f, f->a);
  g_autoptr(GArray) spans_d = list_spans (f, f->d);

  g_assert_cmpuint (spans_a->len, ==, 12);
  for (guint i = 0; i < spans_a->len; i++)
    g_assert_false (g_array_index (spans_a, TesseraSpan, i).suggested);
  g_assert_cmpuint (spans_d->len, ==, 0);
}

static void
test_carry (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TesseraPropagateResult) result = propagate (f->base.project, f->a);
  const TesseraPropagateCount *b, *c;
  guint n_spans, n_events, n_stances;

  tessera_propagate_result_totals (result, &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, 20);
  g_assert_cmpuint (n_events, ==, 2);
  g_assert_cmpuint (n_stances, ==, 2);
  g_assert_cmpuint (result->counts->len, ==, 2);
  b = count_for (result, f->b);
  c = count_for (result, f->c);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  g_assert_cmpuint (b->n_spans, ==, 11);
  g_assert_cmpuint (c->n_spans, ==, 9);
  g_assert_cmpuint (b->n_events + b->n_stances + c->n_events + c->n_stances, ==, 4);

  check_copy (f, f->b, f->text_b, FALSE);
  check_copy (f, f->c, f->text_c, TRUE);
  check_untouched (f);
}

static void
test_twice (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TesseraPropagateResult) first = propagate (f->base.project, f->a);
  g_autoptr(TesseraPropagateResult) again = propagate (f->base.project, f->a);
  g_autoptr(TesseraPropagateResult) from_all = propagate (f->base.project, 0);
  guint n_spans, n_events, n_stances;

  tessera_propagate_result_totals (again, &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans + n_events + n_stances, ==, 0);
  g_assert_cmpuint (again->counts->len, ==, 0);
  /* Suggestions are not carried on in turn. */
  tessera_propagate_result_totals (from_all, &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans + n_events + n_stances, ==, 0);

  check_copy (f, f->b, f->text_b, FALSE);
  check_copy (f, f->c, f->text_c, TRUE);
}

static void
test_from_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TesseraPropagateResult) result = propagate (f->base.project, 0);
  g_autoptr(GError) error = NULL;
  guint n_spans, n_events, n_stances;

  tessera_propagate_result_totals (result, &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, 20);
  check_copy (f, f->b, f->text_b, FALSE);
  check_copy (f, f->c, f->text_c, TRUE);

  /* Accepted, B's annotations are its own and a source too: they add
   * nothing A did not, and "Sunday" still does not go where C says
   * "Saturday". */
  g_assert_true (tessera_propagate_result_accept (f->base.project, result, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) spans = list_spans (f, f->b);
    g_autoptr(TesseraPropagateResult) again = propagate (f->base.project, 0);

    for (guint i = 0; i < spans->len; i++)
      g_assert_false (g_array_index (spans, TesseraSpan, i).suggested);
    tessera_propagate_result_totals (again, &n_spans, &n_events, &n_stances);
    g_assert_cmpuint (n_spans + n_events + n_stances, ==, 0);
  }
}

static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TesseraPropagateResult) result = propagate (f->base.project, f->a);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;

  g_assert_true (tessera_propagate_result_accept (f->base.project, result, &error));
  g_assert_no_error (error);

  spans = list_spans (f, f->c);
  g_assert_cmpuint (spans->len, ==, 9);
  for (guint i = 0; i < spans->len; i++)
    g_assert_false (g_array_index (spans, TesseraSpan, i).suggested);
  events = tessera_project_list_events (f->base.project, f->c, &error);
  g_assert_no_error (error);
  g_assert_false (((TesseraEvent *) g_ptr_array_index (events, 0))->suggested);
  stances = tessera_project_list_stances (f->base.project, f->c, &error);
  g_assert_no_error (error);
  g_assert_false (g_array_index (stances, TesseraStance, 0).suggested);
}

/* A copy that already has some of the annotations keeps them and gets
 * only the rest; an event whose trigger is already an event's stays. */
static void
test_existing (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraPropagateResult) result = NULL;
  g_autoptr(GArray) spans = NULL;
  gint64 own_rebels, own_seized, own_event;

  own_rebels = tessera_test_tag (f->base.project, f->c, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  own_seized = tessera_test_tag (f->base.project, f->c, "seized", TESSERA_LABEL_EVENT, "TerritoryChange", NULL);
  own_event = tessera_project_add_event (f->base.project, own_seized,
                                         label (f, TESSERA_LABEL_EVENT, "TerritoryChange"), NULL, NULL, &error);
  g_assert_no_error (error);

  result = propagate (f->base.project, f->a);
  g_assert_cmpuint (count_for (result, f->c)->n_spans, ==, 7);
  g_assert_cmpuint (count_for (result, f->c)->n_events, ==, 0);
  g_assert_cmpuint (count_for (result, f->c)->n_stances, ==, 1);

  spans = list_spans (f, f->c);
  g_assert_cmpuint (spans->len, ==, 9);
  {
    g_autoptr(GArray) stances = tessera_project_list_stances (f->base.project, f->c, &error);

    g_assert_no_error (error);
    /* The stance points at C's own event. */
    g_assert_cmpint (g_array_index (stances, TesseraStance, 0).target_event_id, ==, own_event);
  }
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      g_assert_true (span->suggested == (span->id != own_rebels && span->id != own_seized));
    }
}

/* What the analyst rejected in a copy is not proposed there again, nor
 * what depends on it: a span (and the argument it filled), an event
 * whose trigger was accepted, a stance with its statement. Deleting a
 * suggestion is no rejection: it comes back. Undoing the rejection
 * forgets it. Tagging every occurrence skips a rejected place too. */
static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  TesseraProject *project = f->base.project;
  g_autoptr(TesseraHistory) history = tessera_history_new (project);
  g_autoptr(TesseraPropagateResult) first = propagate (project, f->a);
  g_autoptr(TesseraPropagateResult) again = NULL;
  g_autoptr(GArray) spans = list_spans (f, f->b);
  g_autoptr(GArray) rejections = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(TesseraPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraSpan *ber, *seized, *statement;
  gint64 ber_start, ber_end, place = label (f, TESSERA_LABEL_ENTITY, "Place");
  guint n_spans, n_events, n_stances;

  ber = expect_span (project, spans, f->text_b, "town of Ber", "Ber", "Place");
  seized = expect_span (project, spans, f->text_b, "Coordination seized", "seized", "TerritoryChange");
  statement = expect_span (project, spans, f->text_b, "\u201cWe control",
                           "\u201cWe control the camp and the airstrip,\u201d", "asserts");
  ber_start = ber->start;
  ber_end = ber->end;

  /* The span, remembered with its place, label and the analyst. */
  g_assert_true (tessera_history_reject_suggestion (history, TESSERA_CHANGE_SPAN, ber->id, &error));
  g_assert_no_error (error);
  rejections = tessera_project_list_rejections (project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).start, ==, ber_start);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).end, ==, ber_end);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).label_id, ==, place);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).annotator_id, ==,
                   tessera_project_find_annotator (project, "ana"));
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).rejected_at, >, 0);
  g_clear_pointer (&rejections, g_array_unref);

  /* The event, on a trigger the analyst accepted; the stance with its
   * suggested statement. */
  g_assert_true (tessera_history_accept_suggestion (history, TESSERA_CHANGE_SPAN, seized->id, &error));
  g_assert_no_error (error);
  events = tessera_project_list_events (project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpuint (((TesseraEvent *) g_ptr_array_index (events, 0))->arguments->len, ==, 2);
  g_assert_true (tessera_history_reject_suggestion (history, TESSERA_CHANGE_EVENT,
                                                    ((TesseraEvent *) g_ptr_array_index (events, 0))->id, &error));
  g_assert_no_error (error);
  stances = tessera_project_list_stances (project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_true (tessera_history_reject_suggestion (history, TESSERA_CHANGE_STANCE,
                                                    g_array_index (stances, TesseraStance, 0).id, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_span (project, statement->id, NULL));
  rejections = tessera_project_list_rejections (project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 3);
  g_clear_pointer (&rejections, g_array_unref);

  /* Carried again: nothing comes back to B. */
  again = propagate (project, f->a);
  tessera_propagate_result_totals (again, &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans + n_events + n_stances, ==, 0);
  g_clear_pointer (&spans, g_array_unref);
  spans = list_spans (f, f->b);
  g_assert_cmpuint (spans->len, ==, 9);
  for (guint i = 0; i < spans->len; i++)
    g_assert_false (g_array_index (spans, TesseraSpan, i).start == ber_start &&
                    g_array_index (spans, TesseraSpan, i).label_id == place);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = tessera_project_list_events (project, f->b, &error);
  g_assert_cmpuint (events->len, ==, 0);

  /* Nor does tagging every "Ber" as a Place; as a Facility it may. */
  plan = tessera_annotate_occurrences_plan (project, f->b, "Ber", place, TESSERA_OCCURRENCES_DEFAULT,
                                            NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_plan_is_empty (plan));
  g_clear_pointer (&plan, tessera_plan_free);
  plan = tessera_annotate_occurrences_plan (project, f->b, "Ber", label (f, TESSERA_LABEL_ENTITY, "Facility"),
                                            TESSERA_OCCURRENCES_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->spans->len, ==, 1);
  g_clear_pointer (&plan, tessera_plan_free);

  /* Undone, the rejections are forgotten. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (tessera_history_undo (history, &error));
      g_assert_no_error (error);
    }
  rejections = tessera_project_list_rejections (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 0);
  g_clear_pointer (&rejections, g_array_unref);

  /* Deleted without rejecting, Ber comes back. */
  g_clear_pointer (&spans, g_array_unref);
  spans = list_spans (f, f->b);
  ber = expect_span (project, spans, f->text_b, "town of Ber", "Ber", "Place");
  g_assert_true (tessera_history_delete_span (history, ber->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, tessera_propagate_result_free);
  again = propagate (project, f->a);
  tessera_propagate_result_totals (again, &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, 1);
}

/* --- annotate all occurrences ----------------------------------------- */

static void
test_occurrences (void)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autoptr(TesseraProject) project = tessera_test_create_project (dir, "occ.tessera", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraPropagateResult) result = NULL;
  g_autoptr(GArray) spans = NULL;
  const char *text = "\u00ab Kidal \u00bb \U0001F1F2\U0001F1F1: Kidal\u2019s people left Kidal; "
                     "the Kidalese and kidal stayed. KIDAL-Kidal.";
  gint64 doc, other, place, first;

  doc = add_document (project, "one", "X", text);
  other = add_document (project, "two", "Y", "Convoys reached Kidal, then Gao.");
  place = tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "Place");
  first = tessera_test_tag (project, doc, "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);

  /* Whole words, same case, in this document: 2 (after «), 14, 34, 78;
   * the first is tagged already; not "Kidalese", "kidal" or "KIDAL". */
  result = tessera_annotate_occurrences (project, doc, "Kidal", place, TESSERA_OCCURRENCES_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->span_ids->len, ==, 3);
  spans = list_spans_of (project, doc);
  g_assert_cmpuint (spans->len, ==, 4);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      g_autofree char *slice = tessera_text_slice (text, span->start, span->end);

      g_assert_cmpstr (slice, ==, "Kidal");
      g_assert_true (span->suggested == (span->id != first));
    }
  g_assert_cmpint (g_array_index (spans, TesseraSpan, 0).start, ==, 2);
  g_assert_cmpint (g_array_index (spans, TesseraSpan, 1).start, ==, 14);
  g_assert_cmpint (g_array_index (spans, TesseraSpan, 2).start, ==, 34);
  g_assert_cmpint (g_array_index (spans, TesseraSpan, 3).start, ==, 78);
  g_clear_pointer (&result, tessera_propagate_result_free);
  g_clear_pointer (&spans, g_array_unref);

  /* Ignoring case, in the whole project: "kidal", "KIDAL" and the other document. */
  result = tessera_annotate_occurrences (project, doc, "Kidal", place,
                                         TESSERA_OCCURRENCES_WHOLE_PROJECT | TESSERA_OCCURRENCES_IGNORE_CASE,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->span_ids->len, ==, 3);
  g_assert_cmpuint (count_for (result, doc)->n_spans, ==, 2);
  g_assert_cmpuint (count_for (result, other)->n_spans, ==, 1);
  spans = list_spans_of (project, other);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (g_array_index (spans, TesseraSpan, 0).start, ==, 16);
  g_clear_pointer (&result, tessera_propagate_result_free);

  /* Inside words too: "Kidalese". */
  result = tessera_annotate_occurrences (project, doc, "Kidal", place, TESSERA_OCCURRENCES_PARTIAL_WORDS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->span_ids->len, ==, 1);
  g_clear_pointer (&result, tessera_propagate_result_free);

  /* Cancelled: nothing tagged, and the progress said how far it got. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GArray) before = list_spans_of (project, other);
    g_autoptr(GArray) after = NULL;
    g_autoptr(TesseraPlan) plan = NULL;
    TesseraTestProgress progress = { 0 };

    g_cancellable_cancel (cancellable);
    plan = tessera_annotate_occurrences_plan (project, doc, "Convoys", place,
                                              TESSERA_OCCURRENCES_WHOLE_PROJECT, cancellable,
                                              tessera_test_record_progress, &progress, &error);
    g_assert_null (plan);
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED);
    g_clear_error (&error);
    after = list_spans_of (project, other);
    g_assert_cmpuint (after->len, ==, before->len);
    g_assert_cmpuint (progress.done, <, 2);

    /* Not cancelled: one step per document searched. Working out the
     * plan makes nothing; applying it makes the span. */
    plan = tessera_annotate_occurrences_plan (project, doc, "Convoys", place,
                                              TESSERA_OCCURRENCES_WHOLE_PROJECT, NULL,
                                              tessera_test_record_progress, &progress, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plan->spans->len, ==, 1);
    g_clear_pointer (&after, g_array_unref);
    after = list_spans_of (project, other);
    g_assert_cmpuint (after->len, ==, before->len);
    result = tessera_plan_apply (project, plan, &error);
    g_assert_no_error (error);
    g_clear_pointer (&plan, tessera_plan_free);
    g_assert_cmpuint (result->span_ids->len, ==, 1);
    g_assert_cmpuint (progress.done, ==, 2);
    g_assert_cmpuint (progress.total, ==, 2);
    g_clear_pointer (&result, tessera_propagate_result_free);
  }

  result = tessera_annotate_occurrences (project, doc, "", place, TESSERA_OCCURRENCES_DEFAULT, &error);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_null (result);
  g_clear_error (&error);
  result = tessera_annotate_occurrences (project, doc, "Kidal", 999999, TESSERA_OCCURRENCES_DEFAULT, &error);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_null (result);

  tessera_project_close (project);
  tessera_test_remove_tree (dir);
}

/* --- the command line -------------------------------------------------- */

static int
run_cli (const char * const *args,
         char              **out)
{
  const char *cli = g_getenv ("TESSERA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("tessera-cli said: %s", err);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *missing = NULL;

  tessera_test_project_close (&f->base);

  {
    const char *args[] = { "propagate", "--from", "wire", f->base.path, NULL };

    g_assert_cmpint (run_cli (args, &out), ==, 0);
    g_assert_cmpint (run_cli (args, &again), ==, 0);
  }
  g_assert_cmpstr (out, ==,
                   "copy\tReport copy\t11 spans, 1 event, 1 stance\n"
                   "edited\tReport edited\t9 spans, 1 event, 1 stance\n"
                   "Proposed 20 spans, 2 events, 2 stances in 2 documents.\n");
  g_assert_cmpstr (again, ==, "Proposed 0 spans, 0 events, 0 stances in 0 documents.\n");

  {
    const char *args[] = { "propagate", "--from", "nosuch", f->base.path, NULL };

    g_assert_cmpint (run_cli (args, &missing), ==, 1);
  }

  tessera_test_project_reopen (&f->base);
  check_copy (f, f->b, f->text_b, FALSE);
  check_copy (f, f->c, f->text_c, TRUE);
}

static void
test_cli_accept (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(GArray) spans = NULL;

  tessera_test_project_close (&f->base);
  {
    const char *args[] = { "propagate", "--accept", f->base.path, NULL };

    g_assert_cmpint (run_cli (args, &out), ==, 0);
  }
  g_assert_true (g_str_has_suffix (out, "Accepted 20 spans, 2 events, 2 stances in 2 documents.\n"));

  tessera_test_project_reopen (&f->base);
  spans = list_spans (f, f->b);
  g_assert_cmpuint (spans->len, ==, 11);
  for (guint i = 0; i < spans->len; i++)
    g_assert_false (g_array_index (spans, TesseraSpan, i).suggested);
}

/* --- the Kidal reports -------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *text;
} Report;

static void
test_kidal (void)
{
  const char *corpus = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *folder = corpus != NULL ? g_build_filename (corpus, "kidal-2023", NULL) : NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(TesseraPropagateResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Report reports[5] = { { 0 } };
  gint64 rebels, kidal, cut, event, sources, reported;
  const TesseraPropagateCount *count;

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the Kidal reports (TESSERA_SHARED_CORPUS/kidal-2023) are not here");
      return;
    }

  dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (dir, "kidal.tessera", NULL);
  tessera_project_set_annotator (project, "ana");
  g_assert_true (tessera_test_import (project, folder, FALSE, NULL, &error));
  g_assert_no_error (error);

  documents = tessera_project_list_documents (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 5);
  for (guint i = 0; i < documents->len; i++)
    {
      TesseraDocument *doc = g_ptr_array_index (documents, i);
      g_autoptr(TesseraDocument) full = tessera_project_get_document (project, doc->id, TRUE, &error);
      guint n;

      g_assert_no_error (error);
      n = g_ascii_strtoull (doc->uid, NULL, 10);
      g_assert_cmpuint (n, <, 5);
      reports[n].id = doc->id;
      reports[n].text = g_strdup (full->text);
    }

  /* Report 000: mentions in the wire sentences other outlets reuse, and
   * one in a sentence of its own ("Army planes were seen flying towards
   * Kidal"), and in a sentence another outlet rewrote ("A large military
   * convoy stationed since early October at Anefis, some 110 kilometres"). */
  tag_in (project, reports[0].id, "live in the Kidal desert", "Kidal", TESSERA_LABEL_ENTITY, "Place");
  tag_in (project, reports[0].id, "road to Algeria", "Algeria", TESSERA_LABEL_ENTITY, "Place");
  tag_in (project, reports[0].id, "Some 25,000 people live", "25,000 people", TESSERA_LABEL_ENTITY, "Quantity");
  rebels = tag_in (project, reports[0].id, "The rebels in Kidal cut", "rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  kidal = tag_in (project, reports[0].id, "The rebels in Kidal cut", "Kidal", TESSERA_LABEL_ENTITY, "Place");
  cut = tag_in (project, reports[0].id, "Kidal cut telephone", "cut", TESSERA_LABEL_EVENT, "Disruption");
  tag_in (project, reports[0].id, "the Tuareg rebelllion took", "Tuareg rebelllion", TESSERA_LABEL_ENTITY, "ArmedGroup");
  tag_in (project, reports[0].id, "officer told AFP", "AFP", TESSERA_LABEL_ENTITY, "Organization");
  sources = tag_in (project, reports[0].id, "Military, political and rebel sources all",
                    "Military, political and rebel sources", TESSERA_LABEL_ENTITY, "Organization");
  reported = tag_in (project, reports[0].id, "all reported the clashes", "reported", TESSERA_LABEL_STANCE, "reports");
  tag_in (project, reports[0].id, "flying towards Kidal", "Kidal", TESSERA_LABEL_ENTITY, "Place");
  tag_in (project, reports[0].id, "at Anefis, some", "Anefis", TESSERA_LABEL_ENTITY, "Place");
  tag_in (project, reports[0].id, "some 110 kilometres", "110 kilometres", TESSERA_LABEL_ENTITY, "Quantity");

  event = tessera_project_add_event (project, cut, tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Disruption"),
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (project, event, tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Agent"),
                                rebels, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (project, event, tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Place"),
                                kidal, &error);
  g_assert_no_error (error);
  tessera_project_add_stance (project, reported, tessera_test_label_id (project, TESSERA_LABEL_STANCE, "reports"),
                              sources, 0, 0, &error);
  g_assert_no_error (error);

  result = propagate (project, reports[0].id);

  /* Report 001 retells the AFP dispatch: the mentions in the sentences it
   * copies, at its own words ("Rebels", "rebellion"); not in the
   * sentence it rewrote nor the one it does not have. */
  {
    g_autoptr(GArray) spans = list_spans_of (project, reports[1].id);
    g_autoptr(GPtrArray) events = tessera_project_list_events (project, reports[1].id, &error);
    g_autoptr(GArray) stances = tessera_project_list_stances (project, reports[1].id, &error);
    const char *t = reports[1].text;
    const TesseraSpan *r, *k, *c, *s, *st;
    const TesseraEvent *e;

    count = count_for (result, reports[1].id);
    g_assert_nonnull (count);
    g_assert_cmpuint (count->n_spans, ==, 10);
    g_assert_cmpuint (spans->len, ==, 10);
    expect_span (project, spans, t, "live in the Kidal desert", "Kidal", "Place");
    expect_span (project, spans, t, "with Algeria and a historic", "Algeria", "Place");
    expect_span (project, spans, t, "Some 25,000 people live", "25,000 people", "Quantity");
    r = expect_span (project, spans, t, "Rebels in Kidal cut telephone", "Rebels", "ArmedGroup");
    k = expect_span (project, spans, t, "Rebels in Kidal cut telephone", "Kidal", "Place");
    c = expect_span (project, spans, t, "Kidal cut telephone", "cut", "Disruption");
    expect_span (project, spans, t, "the Tuareg rebellion took", "Tuareg rebellion", "ArmedGroup");
    expect_span (project, spans, t, "told the AFP agency", "AFP", "Organization");
    s = expect_span (project, spans, t, "Military, political and rebel sources reported",
                     "Military, political and rebel sources", "Organization");
    st = expect_span (project, spans, t, "sources reported the clashes", "reported", "reports");

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    e = g_ptr_array_index (events, 0);
    g_assert_cmpint (e->trigger_span_id, ==, c->id);
    g_assert_cmpint (argument_span (e, tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Agent")), ==, r->id);
    g_assert_cmpint (argument_span (e, tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Place")), ==, k->id);
    g_assert_cmpuint (stances->len, ==, 1);
    g_assert_cmpint (g_array_index (stances, TesseraStance, 0).span_id, ==, st->id);
    g_assert_cmpint (g_array_index (stances, TesseraStance, 0).holder_span_id, ==, s->id);
  }

  /* Report 003 reuses four AFP sentences word for word, one of them with
   * "on Friday" moved. */
  {
    g_autoptr(GArray) spans = list_spans_of (project, reports[3].id);
    g_autoptr(GPtrArray) events = tessera_project_list_events (project, reports[3].id, &error);
    const char *t = reports[3].text;
    const TesseraSpan *r, *k, *c;
    const TesseraEvent *e;

    count = count_for (result, reports[3].id);
    g_assert_nonnull (count);
    g_assert_cmpuint (count->n_spans, ==, 6);
    g_assert_cmpuint (count->n_stances, ==, 0);
    g_assert_cmpuint (spans->len, ==, 6);
    expect_span (project, spans, t, "live in the Kidal desert", "Kidal", "Place");
    expect_span (project, spans, t, "road to Algeria", "Algeria", "Place");
    expect_span (project, spans, t, "Some 25,000 people live", "25,000 people", "Quantity");
    r = expect_span (project, spans, t, "The rebels in Kidal on Friday cut", "rebels", "ArmedGroup");
    k = expect_span (project, spans, t, "The rebels in Kidal on Friday cut", "Kidal", "Place");
    c = expect_span (project, spans, t, "Friday cut telephone", "cut", "Disruption");

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    e = g_ptr_array_index (events, 0);
    g_assert_cmpint (e->trigger_span_id, ==, c->id);
    g_assert_cmpuint (e->arguments->len, ==, 2);
    g_assert_cmpint (argument_span (e, tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Agent")), ==, r->id);
    g_assert_cmpint (argument_span (e, tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Place")), ==, k->id);
  }

  /* Reports 002 and 004 only tell the same story in their own words. */
  g_assert_null (count_for (result, reports[2].id));
  g_assert_null (count_for (result, reports[4].id));
  g_assert_cmpuint (result->counts->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    g_free (reports[i].text);
  tessera_project_close (project);
  tessera_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/propagate/carry", Fixture, NULL, fixture_setup, test_carry, fixture_teardown);
  g_test_add ("/propagate/twice", Fixture, NULL, fixture_setup, test_twice, fixture_teardown);
  g_test_add ("/propagate/from-all", Fixture, NULL, fixture_setup, test_from_all, fixture_teardown);
  g_test_add ("/propagate/accept", Fixture, NULL, fixture_setup, test_accept, fixture_teardown);
  g_test_add ("/propagate/existing", Fixture, NULL, fixture_setup, test_existing, fixture_teardown);
  g_test_add ("/propagate/rejected", Fixture, NULL, fixture_setup, test_rejected, fixture_teardown);
  g_test_add ("/propagate/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/propagate/cli-accept", Fixture, NULL, fixture_setup, test_cli_accept, fixture_teardown);
  g_test_add_func ("/propagate/occurrences", test_occurrences);
  g_test_add_func ("/propagate/kidal", test_kidal);

  return g_test_run ();
}
