/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project"

#include "config.h"

#include "test-project-util.h"

/* Written for these tests; every word used for a span occurs once. */
const char TEXT[] =
  "The militia shelled Ménaka on Monday; the governor denied any casualties, "
  "while residents said the army withdrew.";

/* Adds a document with the given uid, title and text (each may be NULL
 * but the text). */
gint64
add_doc (TesseraProject *project,
         const char     *uid,
         const char     *title,
         const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  char **fields[] = { &doc->uid, &doc->title, &doc->text };
  const char *values[] = { uid, title, text };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = g_strdup (values[i]);

  return tessera_test_add_document (project, doc);
}

/* Closes the project so the file can be handled from outside. */
void
fixture_close (Fixture *f)
{
  if (f->project != NULL)
    tessera_project_close (f->project);
  g_clear_object (&f->project);
}

/* (Re)opens f->path, creating it first when @create. */
static void
fixture_open (Fixture  *f,
              gboolean  create)
{
  GError *error = NULL;

  fixture_close (f);
  f->project = create ? tessera_project_create (f->path, NULL, &error)
                      : tessera_project_open (f->path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->project);
}

void
fixture_reopen (Fixture *f)
{
  fixture_open (f, FALSE);
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = tessera_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "Field notes.tessera", NULL);
  fixture_open (f, TRUE);
  f->doc = add_doc (f->project, "menaka-1", "Shelling in Ménaka", TEXT);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_close (f);
  tessera_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* The id of the label written "kind/Name", e.g. "entity/Person". */
gint64
label (TesseraProject *project,
       const char     *kind_and_name)
{
  g_auto(GStrv) parts = g_strsplit (kind_and_name, "/", 2);
  TesseraLabelKind kind = TESSERA_LABEL_ANY;

  g_assert_true (tessera_label_kind_from_string (parts[0], &kind));

  return tessera_test_label_id (project, kind, parts[1]);
}

/* A span over @word of TEXT in the fixture's document. */
gint64
tag (Fixture    *f,
     const char *word,
     const char *kind_and_name)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  tessera_test_find_word (TEXT, word, &start, &end);
  id = tessera_project_add_span (f->project, f->doc, start, end,
                                 label (f->project, kind_and_name), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

gint64
n_annotations (TesseraProject *project,
               gint64          doc_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, doc_id, FALSE, &error);

  g_assert_no_error (error);
  return doc->n_annotations;
}

void
build_scene (Fixture *f,
             Scene   *s)
{
  g_autoptr(GError) error = NULL;

  s->militia = tag (f, "militia", "entity/ArmedGroup");
  s->shelled = tag (f, "shelled", "event/RemoteViolence");
  s->menaka = tag (f, "Ménaka", "entity/Place");
  s->governor = tag (f, "governor", "entity/Person");
  s->denied = tag (f, "denied", "stance/denies");
  s->casualties = tag (f, "casualties", "entity/Quantity");
  s->agent = label (f->project, "role/Agent");
  s->place = label (f->project, "role/Place");
  s->toll = label (f->project, "role/Casualties");

  s->event = tessera_project_add_event (f->project, s->shelled,
                                        label (f->project, "event/RemoteViolence"),
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (f->project, s->event, s->agent, s->militia, &error));
  g_assert_true (tessera_project_add_argument (f->project, s->event, s->place, s->menaka, &error));
  g_assert_true (tessera_project_add_argument (f->project, s->event, s->toll, s->casualties, &error));
  g_assert_no_error (error);

  s->stance = tessera_project_add_stance (f->project, s->denied, label (f->project, "stance/denies"),
                                          s->governor, s->event, s->casualties, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->stance, >, 0);
}

void
delete_span (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_delete_span (f->project, id, &error));
  g_assert_no_error (error);
}

gboolean
span_exists (Fixture *f,
             gint64   id)
{
  g_autoptr(TesseraSpan) span = tessera_project_get_span (f->project, id, NULL);

  return span != NULL;
}

