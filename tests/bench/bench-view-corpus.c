/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include <string.h>

#include "bench-view.h"

/* The projects bench-view measures on: the view project (the 5 MB
 * document and the small ones around it) and the corpus project of news
 * reports, tagged as analysts do. */

/* Tags a text the way analysts do: mostly entities, some nested in
 * others, event triggers with their arguments, and stance statements with
 * a holder and the event they are about. */
typedef struct
{
  TesseraProject *project;
  GRand          *rand;
  GPtrArray      *entities;
  GPtrArray      *events;
  GPtrArray      *stances;
  gint64          recent[2];   /* the latest entity spans: argument fillers, holders */
  gint64          last_event;
  guint           n_spans;
} Tagger;

static void
tagger_init (Tagger         *tagger,
             TesseraProject *project)
{
  tagger->project = project;
  tagger->rand = g_rand_new_with_seed (4242);
  tagger->entities = tessera_project_list_labels (project, TESSERA_LABEL_ENTITY);
  tagger->events = tessera_project_list_labels (project, TESSERA_LABEL_EVENT);
  tagger->stances = tessera_project_list_labels (project, TESSERA_LABEL_STANCE);
}

static void
tagger_clear (Tagger *tagger)
{
  g_clear_pointer (&tagger->rand, g_rand_free);
  g_clear_pointer (&tagger->entities, g_ptr_array_unref);
  g_clear_pointer (&tagger->events, g_ptr_array_unref);
  g_clear_pointer (&tagger->stances, g_ptr_array_unref);
}

static const TesseraLabel *
pick_label (Tagger    *tagger,
            GPtrArray *labels)
{
  return g_ptr_array_index (labels, g_rand_int_range (tagger->rand, 0, labels->len));
}

static gint64
add_span (Tagger             *tagger,
          gint64              doc_id,
          gint64              start,
          gint64              end,
          const TesseraLabel *label)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_span (tagger->project, doc_id, start, end, label->id, NULL, &error);

  if (id <= 0)
    die ("add span", error);
  tagger->n_spans++;
  return id;
}

static void
add_entity (Tagger       *tagger,
            gint64        doc_id,
            gint64        start,
            gint64        end)
{
  tagger->recent[1] = tagger->recent[0];
  tagger->recent[0] = add_span (tagger, doc_id, start, end, pick_label (tagger, tagger->entities));
}

/* An event on @trigger whose first roles are filled by recent entities. */
static void
add_event (Tagger           *tagger,
           gint64            doc_id,
           const BenchToken *trigger)
{
  const TesseraLabel *type = pick_label (tagger, tagger->events);
  gint64 span_id = add_span (tagger, doc_id, trigger->start, trigger->end, type);
  g_autoptr(GError) error = NULL;
  guint n_roles = type->roles != NULL ? MIN (type->roles->len, G_N_ELEMENTS (tagger->recent)) : 0;

  tagger->last_event = tessera_project_add_event (tagger->project, span_id, type->id, NULL, NULL, &error);
  if (tagger->last_event <= 0)
    die ("add event", error);

  for (guint r = 0; r < n_roles; r++)
    if (tagger->recent[r] != 0 &&
        !tessera_project_add_argument (tagger->project, tagger->last_event,
                                       g_array_index (type->roles, gint64, r), tagger->recent[r], &error))
      die ("add argument", error);
}

static void
add_stance (Tagger *tagger,
            gint64  doc_id,
            gint64  start,
            gint64  end)
{
  const TesseraLabel *label = pick_label (tagger, tagger->stances);
  gint64 span_id = add_span (tagger, doc_id, start, end, label);
  g_autoptr(GError) error = NULL;

  if (tessera_project_add_stance (tagger->project, span_id, label->id, tagger->recent[0],
                                  tagger->last_event, 0, &error) <= 0)
    die ("add stance", error);
}

/* Spreads @n_spans spans evenly over the words of the document. */
static void
tag_document (Tagger     *tagger,
              gint64      doc_id,
              const char *text,
              guint       n_spans)
{
  g_autoptr(GArray) tokens = bench_text_tokens (text);
  const BenchToken *t = (const BenchToken *) tokens->data;
  guint goal = tagger->n_spans + n_spans;
  /* One anchor in twenty holds two spans (nesting). */
  double stride = tokens->len / (n_spans / 1.05 + 1);

  tagger->recent[0] = tagger->recent[1] = tagger->last_event = 0;

  for (guint k = 0; tagger->n_spans < goal; k++)
    {
      guint i = (guint) (k * stride);

      if (i + 5 >= tokens->len)
        break;

      if (k % 40 == 7)
        add_stance (tagger, doc_id, t[i].start, t[i + 4].end);
      else if (k % 25 == 3)
        add_event (tagger, doc_id, &t[i]);
      else if (k % 20 == 11 && tagger->n_spans + 1 < goal)
        {
          add_entity (tagger, doc_id, t[i].start, t[i + 2].end);
          add_entity (tagger, doc_id, t[i + 1].start, t[i + 1].end);
        }
      else
        add_entity (tagger, doc_id, t[i].start, t[i + g_rand_int_range (tagger->rand, 0, 10) / 7].end);
    }
}

static gint64
add_document (TesseraProject *project,
              const char     *uid,
              char           *title,
              char           *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  doc->uid = g_strdup (uid);
  doc->title = title;
  doc->text = text;
  doc->source = g_strdup ("Bench Wire");
  doc->published = g_strdup ("2023-11-14");
  doc->language = g_strdup ("en");
  if ((id = tessera_project_add_document (project, doc, &error)) <= 0)
    die ("add document", error);

  /* The caller keeps the text. */
  doc->text = NULL;
  return id;
}

/* News reports one after another, up to @n_bytes of UTF-8. */
static char *
make_long_text (BenchCorpus *corpus,
                gsize        n_bytes,
                guint        first_index)
{
  GString *text = g_string_sized_new (n_bytes + 8192);

  for (guint i = 0; text->len < n_bytes; i++)
    {
      g_autofree char *part = bench_corpus_text (corpus, first_index + i, NULL);

      if (i > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, part);
    }
  return g_string_free (text, FALSE);
}

/* The big document first, then a small one shown before it so that both
 * the view and the reference are measured with fonts and caches warm;
 * then two reports of 5 KB (made of other reports than the big one's, so
 * that they share no passage with it): one with 60 spans to switch to,
 * one with 100 to tag in. */
void
build_view_project (const char  *path,
                    BenchCorpus *corpus,
                    double       scale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  g_autofree char *big = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *report = NULL;
  g_autofree char *small = NULL;
  Tagger tagger = { 0 };
  gint64 id;

  if (project == NULL || !tessera_project_begin (project, &error))
    die ("create", error);
  tagger_init (&tagger, project);

  big = make_long_text (corpus, BIG_DOC_BYTES * scale, 500000);
  id = add_document (project, "big", g_strdup ("Five megabytes of news"), big);
  tag_document (&tagger, id, big, MAX (BIG_DOC_SPANS * scale, 100));

  warm = bench_corpus_text (corpus, 7, NULL);
  id = add_document (project, "warm", g_strdup ("A short report"), warm);
  tag_document (&tagger, id, warm, WARM_DOC_SPANS);

  report = make_long_text (corpus, REPORT_DOC_BYTES, 600000);
  id = add_document (project, "report", g_strdup ("A report of five kilobytes"), report);
  tag_document (&tagger, id, report, REPORT_DOC_SPANS);

  small = make_long_text (corpus, REPORT_DOC_BYTES, 700000);
  id = add_document (project, "small", g_strdup ("A report to tag"), small);
  tag_document (&tagger, id, small, SMALL_DOC_SPANS);

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tagger_clear (&tagger);
}

/* A report of 1–3 KB, cut at a space. */
static char *
make_news_text (BenchCorpus *corpus,
                guint        index,
                GRand       *rand,
                char       **title)
{
  char *text = bench_corpus_text (corpus, index, title);
  gsize target = g_rand_int_range (rand, 1000, 3000);
  char *cut;

  if (strlen (text) > target && (cut = g_strrstr_len (text, target, " ")) != NULL)
    *cut = '\0';
  return g_strchomp (text);
}

/* @n_docs reports, one in ten of them (the first among them, which the
 * window opens) with a dozen annotations. */
void
build_corpus_project (const char  *path,
                      BenchCorpus *corpus,
                      guint        n_docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  Tagger tagger = { 0 };

  if (project == NULL || !tessera_project_begin (project, &error))
    die ("create", error);
  tagger_init (&tagger, project);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autofree char *uid = g_strdup_printf ("report-%06u", i);
      char *title = NULL;
      g_autofree char *text = make_news_text (corpus, i, rand, &title);
      gint64 id = add_document (project, uid, title, text);

      if (i % 10 == 0)
        tag_document (&tagger, id, text, 12);
    }

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tagger_clear (&tagger);
}
